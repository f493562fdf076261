// /account/password — 修改密码: the current password, the new one twice. The server ends every
// session of the user (other PCs and phones too) and gives this page a new one.
import { ChangePasswordBody } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { InputField } from '../ui/fields';
import { useAction } from '../ui/useAction';
import { useErrorMessage } from '../ui/states';
import './account.css';

export default function PasswordPage() {
  const { t } = useTranslation();
  const { renewed } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, failure, setFailure, run } = useAction();
  const [done, setDone] = useState(false);
  const failureText = useErrorMessage(failure);

  const submit = async () => {
    setProblem(null);
    setFailure(null);
    setDone(false);
    if (next !== again) {
      setProblem(t('account.mismatch'));
      return;
    }
    const parsed = ChangePasswordBody.safeParse({ currentPassword: current, newPassword: next });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? t('account.invalid'));
      return;
    }
    await run(async () => {
      renewed(
        await api<{ token: string; expiresAt: string }>('POST', '/api/auth/password', { body: parsed.data }),
      );
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    });
  };

  return (
    <section className="card stack narrow">
      <h1>{t('account.title')}</h1>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {(
          [
            ['current', 'current-password', current, setCurrent],
            ['new', 'new-password', next, setNext],
            ['again', 'new-password', again, setAgain],
          ] as const
        ).map(([key, autoComplete, value, onChange]) => (
          <InputField
            key={key}
            label={t(`account.${key}`)}
            type="password"
            autoComplete={autoComplete}
            testId={`password-${key}`}
            value={value}
            onChange={onChange}
          />
        ))}
        <p className="muted">{t('account.hint')}</p>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {failure !== null && (
          <p className="form-error" role="alert">
            {failureText}
          </p>
        )}
        {done && (
          <p className="muted" role="status" data-testid="password-changed">
            {t('account.done')}
          </p>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy} data-testid="password-submit">
            {t('account.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
