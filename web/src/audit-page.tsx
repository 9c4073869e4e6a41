import './forms.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api } from './api.ts';
import type { AuditVerification } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import type { FullAuditEntry, UserRow } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { followLink } from './router.ts';
import { signalField } from './signal-history.tsx';

/** How many entries one page loads (the API's maximum). */
const PAGE = 1000;
/** How many matching rows the table renders at first (more on request: a long table is slow to draw). */
const ROWS = 200;

/** The kinds of audited objects (the search offers them before any entry of a kind is loaded). */
const OBJECT_TYPES = [
  'signal',
  'event',
  'task',
  'situation-report',
  'deadline',
  'risk-assessment',
  'ihr-assessment',
  'user',
  'department',
  'hazard',
  'detection-config',
  'detection-run',
  'report',
  'source',
  'import',
  'notification',
  'api-token',
  'legal-rule',
  'reference-data',
];

/** The page that shows an audited object, when there is one. */
export function objectHref(
  e: Pick<FullAuditEntry, 'objectType' | 'objectId' | 'after' | 'before'>,
): string | null {
  const id = encodeURIComponent(e.objectId);
  switch (e.objectType) {
    case 'signal':
      return `/signals/${id}`;
    case 'event':
      return `/events/${id}`;
    case 'task': {
      const eventId = signalField(e.after, 'eventId') ?? signalField(e.before, 'eventId');
      return eventId === null ? '/tasks' : `/events/${encodeURIComponent(eventId)}`;
    }
    case 'situation-report':
    case 'deadline': {
      const eventId = signalField(e.after, 'eventId') ?? signalField(e.before, 'eventId');
      return eventId === null ? null : `/events/${encodeURIComponent(eventId)}`;
    }
    case 'risk-assessment':
    case 'ihr-assessment': {
      const type = signalField(e.after, 'subjectType');
      const subject = signalField(e.after, 'subjectId');
      if (subject === null) return null;
      return type === 'event'
        ? `/events/${encodeURIComponent(subject)}`
        : `/signals/${encodeURIComponent(subject)}`;
    }
    case 'user':
    case 'hazard':
    case 'detection-config':
    case 'detection-run':
      return '/admin';
    default:
      return null;
  }
}

/**
 * The audit trail: the hash chain's verification (how many entries were checked, and where it broke if
 * it did), and the entries, newest first, filtered by object, actor, date range and text, each linking to
 * the page of its object. Older entries load a page at a time.
 */
export function AuditPage() {
  const { t, dateTime, number } = useI18n();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [entries, setEntries] = useState<ReadonlyArray<FullAuditEntry>>([]);
  const [oldest, setOldest] = useState<number | null>(null);
  const [users, setUsers] = useState<ReadonlyArray<UserRow>>([]);
  const [filter, setFilter] = useState('');
  const [objectType, setObjectType] = useState('');
  const [objectId, setObjectId] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [entriesError, setEntriesError] = useState<unknown>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [rowLimit, setRowLimit] = useState(ROWS);
  const [verifiedEntries, setVerifiedEntries] = useState<number | null>(null);

  // Object, actor and dates are searched by the server over the whole log; the text filter narrows what
  // is loaded. Without a search the newest entries load a page at a time.
  const trimmedId = objectId.trim();
  const search = useMemo(
    () => ({ objectType, objectId: trimmedId, actorId: actor, from, to }),
    [objectType, trimmedId, actor, from, to],
  );
  const searching = Object.values(search).some((v) => v !== '');

  const loadPage = useCallback(async (before: number) => {
    const after = Math.max(0, before - PAGE);
    const page = await api<FullAuditEntry[]>('GET', `/api/audit?after=${after}&limit=${before - after}`);
    return { page: [...page].reverse(), oldest: after };
  }, []);

  /** One page of the search, newest first; `oldest` is where the next page starts (0: no more). */
  const searchPage = useCallback(
    async (before: number | null) => {
      const q = new URLSearchParams({ limit: String(PAGE) });
      for (const [k, v] of Object.entries(search)) if (v !== '') q.set(k, v);
      if (before !== null) q.set('before', String(before));
      const page = await api<FullAuditEntry[]>('GET', `/api/audit/search?${q}`);
      return { page, oldest: page.length === PAGE ? page[page.length - 1].seq : 0 };
    },
    [search],
  );

  const load = useCallback(async () => {
    setError(null);
    setEntriesError(null);
    let v: AuditVerification;
    try {
      v = await api<AuditVerification>('GET', '/api/audit/verify');
      setVerification(v);
    } catch (err) {
      setError(err);
      return;
    }
    api<{ items: UserRow[] }>('GET', '/api/users?limit=500')
      .then((u) => setUsers(u.items))
      .catch(() => {});
    setVerifiedEntries(v.entries);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  // (Re)load the entries when the chain has been read and whenever the search changes.
  useEffect(() => {
    if (verifiedEntries === null) return;
    let live = true;
    setEntriesError(null);
    setRowLimit(ROWS);
    (searching ? searchPage(null) : loadPage(verifiedEntries))
      .then((r) => {
        if (!live) return;
        setEntries(r.page);
        setOldest(r.oldest);
      })
      .catch((err: unknown) => live && setEntriesError(err));
    return () => {
      live = false;
    };
  }, [verifiedEntries, searching, searchPage, loadPage]);

  async function loadOlder() {
    if (oldest === null || oldest === 0) return;
    setLoadingOlder(true);
    try {
      const r = searching ? await searchPage(oldest) : await loadPage(oldest);
      setEntries((e) => [...e, ...r.page]);
      setOldest(r.oldest);
    } catch (err) {
      setEntriesError(err);
    } finally {
      setLoadingOlder(false);
    }
  }

  const userName = (id: string) =>
    id === 'system' ? t('fm.system') : (users.find((u) => u.id === id)?.username ?? id.slice(0, 8));
  const actors = [
    ...new Set([
      'system',
      ...users.map((u) => u.id),
      ...entries.map((e) => e.actorId),
      ...(actor === '' ? [] : [actor]),
    ]),
  ].sort((a, b) => userName(a).localeCompare(userName(b)));
  const types = [
    ...new Set([
      ...OBJECT_TYPES,
      ...entries.map((e) => e.objectType),
      ...(objectType === '' ? [] : [objectType]),
    ]),
  ].sort();
  const needle = filter.trim().toLowerCase();
  const shown = entries.filter(
    (e) =>
      needle === '' ||
      [e.action, e.objectType, e.objectId, e.actorId, userName(e.actorId), e.reason ?? ''].some((f) =>
        f.toLowerCase().includes(needle),
      ),
  );
  const canRead = !(entriesError instanceof ApiError && entriesError.status === 403);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditTitle')}</h1>
      <ErrorNotice error={error} onRetry={() => void load()} />
      {verification !== null && (
        <p className={`notice ${verification.ok ? '' : 'error'}`} data-testid="audit-chain">
          {verification.ok
            ? t('chainVerified', { entries: number(verification.entries, 0) })
            : t('chainBroken', {
                seq: number(verification.brokenAtSeq ?? 0, 0),
                problem: verification.problem ?? '',
              })}
        </p>
      )}
      {!canRead ? (
        <p className="muted" data-testid="audit-entries-note">
          {t('auditEntriesWholeWorld')}
        </p>
      ) : (
        <ErrorNotice error={entriesError} />
      )}
      {canRead && (
        <>
          <div className="forms-filters">
            <label>
              {t('auditFilter')}
              <input
                name="auditFilter"
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            </label>
            <label>
              {t('fm.objectType')}
              <select
                name="auditObjectType"
                value={objectType}
                onChange={(e) => setObjectType(e.target.value)}
              >
                <option value="">{t('fm.any')}</option>
                {types.map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('fm.objectId')}
              <input name="auditObjectId" value={objectId} onChange={(e) => setObjectId(e.target.value)} />
            </label>
            <label>
              {t('auditActor')}
              <select name="auditActor" value={actor} onChange={(e) => setActor(e.target.value)}>
                <option value="">{t('fm.any')}</option>
                {actors.map((x) => (
                  <option key={x} value={x}>
                    {userName(x)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('fm.fromDate')}
              <input name="auditFrom" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              {t('fm.toDate')}
              <input name="auditTo" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </div>
          <p className="muted" data-testid="audit-count" aria-live="polite">
            {t('fm.auditShown', {
              shown: number(Math.min(shown.length, rowLimit), 0),
              matching: number(shown.length, 0),
              loaded: number(entries.length, 0),
            })}
            {oldest !== null && oldest > 0 && (
              <>
                {' '}
                <button type="button" disabled={loadingOlder} onClick={() => void loadOlder()}>
                  {t('fm.loadOlder')}
                </button>
              </>
            )}
          </p>
          <table className="signals">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('auditAt')}</th>
                <th scope="col">{t('auditAction')}</th>
                <th scope="col">{t('auditObject')}</th>
                <th scope="col">{t('auditActor')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, rowLimit).map((e) => {
                const href = objectHref(e);
                const label = (
                  <>
                    {e.objectType} <span className="muted">{e.objectId.slice(0, 8)}</span>
                  </>
                );
                return (
                  <tr key={e.seq}>
                    <td>{number(e.seq, 0)}</td>
                    <td>{dateTime(e.at)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {href === null ? (
                        label
                      ) : (
                        <a href={href} onClick={followLink} title={e.objectId}>
                          {label}
                        </a>
                      )}
                    </td>
                    <td>{userName(e.actorId)}</td>
                    <td>{e.reason ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown.length > rowLimit && (
            <p>
              <button type="button" onClick={() => setRowLimit((n) => n + ROWS)}>
                {t('fm.showMoreRows', { n: number(Math.min(ROWS, shown.length - rowLimit), 0) })}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
