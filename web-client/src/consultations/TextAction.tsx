// A decision that is one text and the button that sends it (a question, an answer, a reason).
import { useState } from 'react';
import './consultations.css';

/** One text and the button that sends it (a question, an answer, a reason). */
export function TextAction(p: {
  label: string;
  field: string;
  button: string;
  action: string;
  busy: boolean;
  multiline?: boolean;
  primary?: boolean;
  onSubmit: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const Field = p.multiline ? 'textarea' : 'input';
  return (
    <div className="row wrap decision-box">
      <label className="grow">
        {p.label}
        <Field
          data-testid={p.field}
          rows={p.multiline ? 3 : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <button
        type="button"
        className={p.primary ? 'primary' : undefined}
        data-testid={p.button}
        disabled={p.busy || !text.trim()}
        onClick={() => void p.onSubmit(text)}
      >
        {p.action}
      </button>
    </div>
  );
}
