import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, setUnauthenticatedHandler } from './api.ts';
import type { ActorView } from './api-types.ts';
import { BoardPage } from './board-page.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { InboxPage } from './inbox-page.tsx';
import { Layout } from './layout.tsx';
import { LoginPage } from './login-page.tsx';
import { navigate, usePath } from './router.ts';
import { SignalPage } from './signal-page.tsx';

type Session =
  | { readonly kind: 'loading' }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'signed-in'; readonly actor: ActorView };

export function App() {
  const { t } = useI18n();
  const path = usePath();
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const [error, setError] = useState<unknown>(null);

  const loadMe = useCallback(() => {
    setError(null);
    api<ActorView>('GET', '/api/auth/me')
      .then((actor) => setSession({ kind: 'signed-in', actor }))
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setSession({ kind: 'anonymous' });
        else setError(err);
      });
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ kind: 'anonymous' }));
    loadMe();
  }, [loadMe]);

  async function signOut() {
    await api('POST', '/api/auth/logout').catch(() => {});
    setSession({ kind: 'anonymous' });
    navigate('/');
  }

  if (error !== null) return <ErrorNotice error={error} onRetry={loadMe} />;
  switch (session.kind) {
    case 'loading':
      return <p className="loading">{t('loading')}</p>;
    case 'anonymous':
      return <LoginPage onSignedIn={(actor) => setSession({ kind: 'signed-in', actor })} />;
    case 'signed-in': {
      const signal = /^\/signals\/([^/]+)$/.exec(path);
      return (
        <Layout actor={session.actor} onSignOut={signOut} path={path}>
          {signal !== null ? (
            <SignalPage id={decodeURIComponent(signal[1])} actor={session.actor} />
          ) : path === '/signals' ? (
            <InboxPage actor={session.actor} />
          ) : (
            <BoardPage />
          )}
        </Layout>
      );
    }
  }
}
