import { useCallback, useEffect, useState } from 'react';
import { AdminRoute } from './admin-route.tsx';
import { ApiError, api, setUnauthenticatedHandler } from './api.ts';
import { type ActorView, roleCan } from './api-types.ts';
import { AuditPage } from './audit-page.tsx';
import { BoardPage } from './board-page.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { EventPage } from './event-page.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { InboxPage } from './inbox-page.tsx';
import { Layout } from './layout.tsx';
import { LoginPage } from './login-page.tsx';
import { MapRoute } from './map-route.tsx';
import { navigate, usePath } from './router.ts';
import { SeriesPage } from './series-page.tsx';
import { SignalPage } from './signal-page.tsx';
import { SourcesPage } from './sources-page.tsx';
import { TaskBoardPage } from './task-board-page.tsx';

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
      const event = /^\/events\/([^/]+)$/.exec(path);
      return (
        <Layout actor={session.actor} onSignOut={signOut} path={path}>
          {signal !== null ? (
            <SignalPage id={decodeURIComponent(signal[1])} actor={session.actor} />
          ) : event !== null ? (
            <EventPage id={decodeURIComponent(event[1])} actor={session.actor} />
          ) : path === '/signals' ? (
            <InboxPage actor={session.actor} />
          ) : path === '/tasks' ? (
            <TaskBoardPage canUpdate={roleCan(session.actor.role, 'update-task')} />
          ) : path === '/map' ? (
            <MapRoute />
          ) : path === '/series' ? (
            <SeriesPage actor={session.actor} />
          ) : path === '/admin' ? (
            <AdminRoute actor={session.actor} />
          ) : path === '/audit' ? (
            <AuditPage />
          ) : path === '/sources' ? (
            <SourcesPage actor={session.actor} />
          ) : (
            <BoardPage />
          )}
        </Layout>
      );
    }
  }
}
