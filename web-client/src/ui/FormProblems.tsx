// What a form could not send: the schema's problems (one line each) and the server's refusal.
import type { z } from 'zod';
import { useErrorMessage } from './states';

/** One readable line per schema issue: the field's path, then the message. */
export const problemLines = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`);

export function FormProblems({
  problems,
  failure,
  testId,
}: {
  problems: readonly string[];
  failure: unknown;
  testId: string;
}) {
  const failureText = useErrorMessage(failure);
  return (
    <>
      {problems.length > 0 && (
        <ul className="form-error" role="alert" data-testid={testId}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {failure !== null && (
        <p className="form-error" role="alert">
          {failureText}
        </p>
      )}
    </>
  );
}
