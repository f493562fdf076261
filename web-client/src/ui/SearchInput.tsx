import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'> & {
  testId: string;
  value: string;
  onChange: (text: string) => void;
};

/** A search box that hands over its text; the browser's own suggestions are off (names, not history). */
export function SearchInput({ testId, value, onChange, ...attributes }: Props) {
  return (
    <input
      {...attributes}
      type="search"
      data-testid={testId}
      value={value}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
