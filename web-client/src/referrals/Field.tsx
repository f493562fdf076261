import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import './referralForm.css';

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

interface ControlProps {
  /** The control's id and data-testid. */
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
}

/** A Field holding one input. */
export function FieldInput({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  ...input
}: ControlProps & Omit<InputHTMLAttributes<HTMLInputElement>, keyof ControlProps>) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
        {...errorProps(id, error)}
      />
    </Field>
  );
}

/** A Field holding one text area. */
export function FieldTextArea({
  id,
  label,
  error,
  hint,
  value,
  onChange,
  ...area
}: ControlProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, keyof ControlProps>) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        data-testid={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...area}
        {...errorProps(id, error)}
      />
    </Field>
  );
}
