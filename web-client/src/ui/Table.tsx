import type { ReactNode } from 'react';

/** A table with one heading row; the rows come as children. An empty heading leaves its cell blank. */
export function Table({
  className,
  headings,
  children,
}: {
  className: string;
  headings: ReactNode[];
  children: ReactNode;
}) {
  return (
    <table className={className}>
      <thead>
        <tr>
          {headings.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
