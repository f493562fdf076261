// A row of tabs: one button per name, the current one selected; each button's data-testid is
// `<testId>-<name>`.
import type { ReactNode } from 'react';
import './tabs.css';

export function Tabs<T extends string>({
  names,
  current,
  onSelect,
  testId,
  label,
  tabClass,
  children,
}: {
  names: readonly T[];
  current: T;
  onSelect: (name: T) => void;
  testId: string;
  /** The tab list's aria-label. */
  label?: string;
  tabClass?: (name: T) => string | undefined;
  /** What a tab shows. */
  children: (name: T) => ReactNode;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {names.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={current === name}
          data-testid={`${testId}-${name}`}
          className={tabClass?.(name)}
          onClick={() => onSelect(name)}
        >
          {children(name)}
        </button>
      ))}
    </div>
  );
}
