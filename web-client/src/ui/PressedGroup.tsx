// A group of buttons of which one is pressed (a view, a gain, a speed); each button's
// data-testid is `<testId>-<value>`.
import type { ReactNode } from 'react';

export function PressedGroup<T extends string | number>({
  values,
  current,
  onSelect,
  testId,
  label,
  as: Tag = 'span',
  className,
  buttonClass,
  children,
}: {
  values: readonly T[];
  current: T;
  onSelect: (value: T) => void;
  testId: string;
  /** The group's aria-label. */
  label?: string;
  as?: 'span' | 'div';
  className: string;
  buttonClass?: (value: T) => string | undefined;
  /** What a button shows. */
  children: (value: T) => ReactNode;
}) {
  return (
    <Tag className={className} role="group" aria-label={label}>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          className={buttonClass?.(v)}
          aria-pressed={current === v}
          data-testid={`${testId}-${v}`}
          onClick={() => onSelect(v)}
        >
          {children(v)}
        </button>
      ))}
    </Tag>
  );
}
