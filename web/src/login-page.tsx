import { type FormEvent, useState } from 'react';
import { ApiError, api } from './api.ts';
import type { ActorView } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { LanguageSwitch } from './language-switch.tsx';

export function LoginPage(props: { readonly onSignedIn: (actor: ActorView) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [badLogin, setBadLogin] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setBadLogin(false);
    try {
      const r = await api<{ actor: ActorView }>('POST', '/api/auth/login', { username, password });
      props.onSignedIn(r.actor);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setBadLogin(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          {t('appName')} · {t('loginTitle')}
        </h1>
        <p className="muted">{t('appTagline')}</p>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {badLogin && (
          <div className="notice error" role="alert">
            {t('badLogin')}
          </div>
        )}
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
