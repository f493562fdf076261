import type { ReactNode } from 'react';

/** The boxed row of fields a decision takes (decline, schedule), with its buttons below when given. */
export function DecisionBox({ children, buttons }: { children: ReactNode; buttons?: ReactNode }) {
  return (
    <div className="stack decision-box">
      <div className="row wrap">{children}</div>
      {buttons}
    </div>
  );
}
