import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { homeFor } from './home';
import { useSession } from './session';
import './login.css';

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(username.trim(), password);
      await navigate(user.mustChangePassword ? '/account/password' : homeFor(user.roles));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? t('login.tooMany')
          : err instanceof ApiError && err.code === 'network'
            ? t('errors.network')
            : t('login.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>{t('appName')}</h1>
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button data-testid="login-submit" type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
