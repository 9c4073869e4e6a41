import { lazy, Suspense } from 'react';
import { useI18n } from './i18n/i18n.tsx';

/** The map page, loaded on first visit (its layer catalogue stays out of the first load of the board). */
const MapPage = lazy(() => import('./map-page.tsx').then((m) => ({ default: m.MapPage })));

export function MapRoute() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="loading">{t('loading')}</p>}>
      <MapPage />
    </Suspense>
  );
}
