import { lazy, Suspense } from 'react';
import type { ActorView } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/** The admin pages, loaded on first visit: only administrators use them, so the board's first load skips them. */
const AdminPage = lazy(() => import('./admin-page.tsx').then((m) => ({ default: m.AdminPage })));

export function AdminRoute(props: { readonly actor: ActorView }) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="loading">{t('loading')}</p>}>
      <AdminPage actor={props.actor} />
    </Suspense>
  );
}
