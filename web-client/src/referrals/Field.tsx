import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { OptionList, type SelectOption } from '../ui/fields';
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
type Bound<Attributes> = ControlProps & Omit<Attributes, keyof ControlProps>;

/** The Field's props, and the control's own with its id, test id and error wiring. */
function bind<Attributes>({ id, label, error, hint, value, onChange, ...attributes }: Bound<Attributes>) {
  const control = { ...attributes, id, 'data-testid': id, value, ...errorProps(id, error) };
  return { field: { id, label, error, hint }, control, onChange };
}

/** A Field holding one input. */
export function FieldInput(props: Bound<InputHTMLAttributes<HTMLInputElement>>) {
  const { field, control, onChange } = bind(props);
  return (
    <Field {...field}>
      <input {...control} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** A Field holding one text area. */
export function FieldTextArea(props: Bound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { field, control, onChange } = bind(props);
  return (
    <Field {...field}>
      <textarea {...control} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** A Field holding one select of options. */
export function FieldSelect({
  options,
  placeholder,
  ...props
}: Bound<SelectHTMLAttributes<HTMLSelectElement>> & {
  options: readonly SelectOption[];
  placeholder?: ReactNode;
}) {
  const { field, control, onChange } = bind(props);
  return (
    <Field {...field}>
      <select {...control} onChange={(e) => onChange(e.target.value)}>
        <OptionList options={options} placeholder={placeholder} />
      </select>
    </Field>
  );
}
