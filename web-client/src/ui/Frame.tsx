import type { ReactNode } from 'react';

type Data = Record<string, string | number | boolean | null | undefined>;

/**
 * The element that frames a record on the page (a referral, a consultation, a recording, the
 * shared viewer): its class, the test id and the data-* attributes that say which record and
 * which version it shows. `data` keys are written without the "data-" prefix; null and
 * undefined are left out as React leaves them out.
 */
export function Frame({
  as: Tag = 'div',
  className,
  testId,
  data,
  children,
}: {
  as?: 'div' | 'section' | 'article';
  className: string;
  testId: string;
  data: Data;
  children: ReactNode;
}) {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== null && value !== undefined) attributes[`data-${key}`] = String(value);
  }
  return (
    <Tag className={className} data-testid={testId} {...attributes}>
      {children}
    </Tag>
  );
}
