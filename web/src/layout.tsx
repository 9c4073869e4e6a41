import { type ReactNode, useEffect, useState } from 'react';
import { api } from './api.ts';
import { type ActorView, type Department, type Place, roleCan } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { followLink } from './router.ts';

/** The frame of every signed-in page: who you are (role, department, jurisdiction), navigation, language. */
export function Layout(props: {
  readonly actor: ActorView;
  readonly onSignOut: () => void;
  /** The current path, to mark the current page in the navigation. */
  readonly path: string;
  readonly children: ReactNode;
}) {
  const { t, language, number } = useI18n();
  const { actor } = props;
  const [department, setDepartment] = useState<Department | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  useEffect(() => {
    let live = true;
    api<{ items: Department[] }>('GET', '/api/departments')
      .then((r) => live && setDepartment(r.items.find((d) => d.id === actor.departmentId) ?? null))
      .catch(() => {});
    api<Place>('GET', `/api/places/${encodeURIComponent(actor.jurisdictionPlaceId)}`)
      .then((p) => live && setPlace(p))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [actor.departmentId, actor.jurisdictionPlaceId]);
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const poll = () =>
      api<{ unread: number }>('GET', '/api/notifications?limit=1')
        .then((r) => live && setUnread(r.unread))
        .catch(() => {});
    void poll();
    const timer = setInterval(poll, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const zh = language === 'zh-CN';
  const departmentName =
    department === null ? t('none') : ((zh ? department.nameZh : null) ?? department.name);
  const placeName =
    place === null ? actor.jurisdictionPlaceId : ((zh ? place.nameLocal : null) ?? place.name);

  return (
    <div className="app">
      <a className="skip" href="#content">
        {t('skipToContent')}
      </a>
      <header className="top">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label={t('navMain')}>
          <a href="/" onClick={followLink} aria-current={props.path === '/' ? 'page' : undefined}>
            {t('navBoard')}
          </a>
          <a
            href="/signals"
            onClick={followLink}
            aria-current={props.path.startsWith('/signals') ? 'page' : undefined}
          >
            {t('navInbox')}
          </a>
          <a href="/series" onClick={followLink} aria-current={props.path === '/series' ? 'page' : undefined}>
            {t('navSeries')}
          </a>
          <a href="/map" onClick={followLink} aria-current={props.path === '/map' ? 'page' : undefined}>
            {t('navMap')}
          </a>
          <a href="/tasks" onClick={followLink} aria-current={props.path === '/tasks' ? 'page' : undefined}>
            {t('navTasks')}
          </a>
          <a
            href="/sources"
            onClick={followLink}
            aria-current={props.path === '/sources' ? 'page' : undefined}
          >
            {t('navSources')}
          </a>
          {actor.role === 'admin' && (
            <a href="/admin" onClick={followLink} aria-current={props.path === '/admin' ? 'page' : undefined}>
              {t('navAdmin')}
            </a>
          )}
          {roleCan(actor.role, 'audit') && (
            <a href="/audit" onClick={followLink} aria-current={props.path === '/audit' ? 'page' : undefined}>
              {t('navAudit')}
            </a>
          )}
        </nav>
        <dl className="who" data-testid="who">
          <dt>{actor.username}</dt>
          <dd />
          <dt>{t('role')}</dt>
          <dd data-testid="role">{t(`role.${actor.role}`)}</dd>
          <dt>{t('department')}</dt>
          <dd data-testid="department">{departmentName}</dd>
          <dt>{t('jurisdiction')}</dt>
          <dd data-testid="jurisdiction">{placeName}</dd>
        </dl>
        {unread !== null && (
          <span className={unread > 0 ? 'badge unread' : 'badge'} data-testid="unread">
            {t('unreadNotifications', { n: number(unread, 0) })}
          </span>
        )}
        <LanguageSwitch />
        <button type="button" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="content">{props.children}</main>
    </div>
  );
}
