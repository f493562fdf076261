import type { ReactNode } from 'react';
import './referrals.css';

/** A labelled form field with its error under it; `htmlFor` ties the words to the control. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <span className="muted field-hint">{hint}</span>}
      {error && (
        <span className="field-error" id={`${id}-error`} data-testid={`field-error-${id}`}>
          {error}
        </span>
      )}
    </div>
  );
}

/** aria attributes that connect a control with its error message. */
export const errorProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
