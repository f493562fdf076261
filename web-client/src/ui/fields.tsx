// Labelled form controls laid out as every form of the client lays them: the label's text, then
// the control inside the label. `onChange` hands over the new value.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>;

export function InputField({
  label,
  testId,
  value,
  onChange,
  labelClass,
  ...input
}: InputAttributes & {
  label: ReactNode;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  labelClass?: string;
}) {
  return (
    <label className={labelClass}>
      {label}
      <input data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </label>
  );
}

export interface SelectOption {
  value: string | number;
  label: ReactNode;
}

/** A select of options, with an empty first choice when `placeholder` is given. */
export function SelectField({
  label,
  testId,
  value,
  onChange,
  options,
  placeholder,
}: {
  label: ReactNode;
  testId: string;
  value: string | number;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  placeholder?: ReactNode;
}) {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <OptionList options={options} placeholder={placeholder} />
      </select>
    </label>
  );
}

/** A select's options, with an empty first choice when `placeholder` is given. */
export function OptionList({
  options,
  placeholder,
}: {
  options: readonly SelectOption[];
  placeholder?: ReactNode;
}) {
  return (
    <>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

type TextAreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'>;

/** A labelled multi-line text box. */
export function TextAreaField({
  label,
  testId,
  value,
  onChange,
  ...textarea
}: TextAreaAttributes & {
  label: ReactNode;
  testId: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <textarea data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} {...textarea} />
    </label>
  );
}
