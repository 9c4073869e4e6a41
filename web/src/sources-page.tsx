import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import type { ActorView } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { PullOutcome, ReportSource, SourceKind } from './reports-types.ts';
import './reports.css';

interface Draft {
  readonly name: string;
  readonly kind: SourceKind;
  readonly url: string;
  readonly pullMinutes: string;
  readonly active: boolean;
}

const EMPTY: Draft = { name: '', kind: 'feed', url: '', pullMinutes: '60', active: true };

/**
 * The registry of report sources with their health (last success, last error, items seen). Admins add,
 * edit, disable and enable sources; importers of the whole world pull a feed now (the server decides).
 */
export function SourcesPage(props: { readonly actor: ActorView }) {
  const { t, dateTime, number } = useI18n();
  const [sources, setSources] = useState<ReadonlyArray<ReportSource> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  /** The source being edited ('new' for the add form), with its draft. */
  const [editing, setEditing] = useState<{ readonly id: string; readonly draft: Draft } | null>(null);
  const admin = props.actor.role === 'admin';
  const canPull = admin || props.actor.role === 'analyst';

  const load = useCallback(async () => {
    setError(null);
    try {
      setSources((await api<{ items: ReportSource[] }>('GET', '/api/sources')).items);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(id: string, work: () => Promise<string>) {
    setBusy(id);
    setActionError(null);
    setStatus('');
    try {
      setStatus(await work());
      await load();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  }

  const pull = (s: ReportSource) =>
    act(s.id, async () => {
      const r = await api<PullOutcome>('POST', `/api/sources/${encodeURIComponent(s.id)}/pull`);
      if (r.status === 'ok') return t('sourcesPulled', { name: s.name, n: number(r.items ?? 0, 0) });
      if (r.status === 'not-modified') return t('sourcesNotModified', { name: s.name });
      return t('sourcesPullFailed', { name: s.name, message: r.message ?? '' });
    });

  const toggle = (s: ReportSource) =>
    act(s.id, async () => {
      await api('PATCH', `/api/sources/${encodeURIComponent(s.id)}`, {
        version: s.version,
        active: !s.active,
      });
      return t('sourcesSaved', { name: s.name });
    });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (editing === null) return;
    const { id, draft } = editing;
    const body = {
      name: draft.name,
      kind: draft.kind,
      url: draft.kind === 'feed' ? draft.url : null,
      pullMinutes: Number(draft.pullMinutes),
      active: draft.active,
    };
    await act(id, async () => {
      if (id === 'new') await api('POST', '/api/sources', body);
      else {
        const version = sources?.find((s) => s.id === id)?.version ?? 0;
        await api('PATCH', `/api/sources/${encodeURIComponent(id)}`, { ...body, version });
      }
      setEditing(null);
      return t('sourcesSaved', { name: draft.name });
    });
  }

  const change = (patch: Partial<Draft>) =>
    setEditing((e) => (e === null ? e : { ...e, draft: { ...e.draft, ...patch } }));

  const form =
    editing === null ? null : (
      <form className="source-form" onSubmit={(e) => void save(e)} aria-labelledby="source-form-title">
        <h2 id="source-form-title">
          {editing.id === 'new' ? t('sourcesAdd') : t('sourcesEditTitle', { name: editing.draft.name })}
        </h2>
        <label htmlFor="source-name">{t('sourcesName')}</label>
        <input
          id="source-name"
          required
          maxLength={200}
          value={editing.draft.name}
          onChange={(e) => change({ name: e.target.value })}
        />
        <label htmlFor="source-kind">{t('sourcesKind')}</label>
        <select
          id="source-kind"
          value={editing.draft.kind}
          onChange={(e) => change({ kind: e.target.value === 'file' ? 'file' : 'feed' })}
        >
          <option value="feed">{t('sourceKind.feed')}</option>
          <option value="file">{t('sourceKind.file')}</option>
        </select>
        {editing.draft.kind === 'feed' && (
          <>
            <label htmlFor="source-url">{t('sourcesUrl')}</label>
            <input
              id="source-url"
              type="url"
              required
              value={editing.draft.url}
              onChange={(e) => change({ url: e.target.value })}
            />
          </>
        )}
        <label htmlFor="source-minutes">{t('sourcesPullMinutes')}</label>
        <input
          id="source-minutes"
          type="number"
          min={5}
          max={10080}
          required
          value={editing.draft.pullMinutes}
          onChange={(e) => change({ pullMinutes: e.target.value })}
        />
        <label htmlFor="source-active">{t('sourcesActive')}</label>
        <input
          id="source-active"
          type="checkbox"
          checked={editing.draft.active}
          onChange={(e) => change({ active: e.target.checked })}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            {t('sourcesSave')}
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            {t('sourcesCancel')}
          </button>
        </div>
      </form>
    );

  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title">{t('sourcesTitle')}</h1>
      <ErrorNotice error={actionError} />
      <p role="status" data-testid="sources-status">
        {status}
      </p>
      {admin && editing === null && (
        <button type="button" onClick={() => setEditing({ id: 'new', draft: EMPTY })}>
          {t('sourcesAdd')}
        </button>
      )}
      {form}
      {error !== null ? (
        <ErrorNotice error={error} onRetry={() => void load()} />
      ) : sources === null ? (
        <p className="loading">{t('loading')}</p>
      ) : sources.length === 0 ? (
        <p className="empty">{t('sourcesEmpty')}</p>
      ) : (
        <table className="sources">
          <caption>{t('sourcesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sourcesColName')}</th>
              <th scope="col">{t('sourcesColKind')}</th>
              <th scope="col">{t('sourcesColUrl')}</th>
              <th scope="col">{t('sourcesColActive')}</th>
              <th scope="col" className="num">
                {t('sourcesColEvery')}
              </th>
              <th scope="col">{t('sourcesColLastSuccess')}</th>
              <th scope="col">{t('sourcesColLastError')}</th>
              <th scope="col" className="num">
                {t('sourcesColItems')}
              </th>
              {(admin || canPull) && <th scope="col">{t('sourcesColActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} data-testid="source-row">
                <th scope="row">{s.name}</th>
                <td>{t(`sourceKind.${s.kind}`)}</td>
                <td>{s.url ?? '–'}</td>
                <td>{s.active ? t('sourcesYes') : t('sourcesNo')}</td>
                <td className="num">
                  {s.kind === 'feed' ? t('sourcesMinutes', { n: number(s.pullMinutes, 0) }) : '–'}
                </td>
                <td data-testid="source-last-success">
                  {s.lastSuccessAt === null ? t('sourcesNever') : dateTime(s.lastSuccessAt)}
                </td>
                <td data-testid="source-last-error">
                  {s.lastErrorAt === null ? (
                    t('sourcesNone')
                  ) : (
                    <>
                      {dateTime(s.lastErrorAt)}
                      <div className="error-text">{s.lastError}</div>
                    </>
                  )}
                </td>
                <td className="num" data-testid="source-items">
                  {number(s.itemsSeen, 0)}
                </td>
                {(admin || canPull) && (
                  <td>
                    {canPull && s.kind === 'feed' && s.active && (
                      <button type="button" disabled={busy !== null} onClick={() => void pull(s)}>
                        {busy === s.id ? t('sourcesPulling') : t('sourcesPull')}
                      </button>
                    )}
                    {admin && (
                      <>
                        <button
                          type="button"
                          disabled={busy !== null}
                          aria-label={`${t('sourcesEdit')}: ${s.name}`}
                          onClick={() =>
                            setEditing({
                              id: s.id,
                              draft: {
                                name: s.name,
                                kind: s.kind,
                                url: s.url ?? '',
                                pullMinutes: String(s.pullMinutes),
                                active: s.active,
                              },
                            })
                          }
                        >
                          {t('sourcesEdit')}
                        </button>
                        <button
                          type="button"
                          disabled={busy !== null}
                          aria-label={`${s.active ? t('sourcesDisable') : t('sourcesEnable')}: ${s.name}`}
                          onClick={() => void toggle(s)}
                        >
                          {s.active ? t('sourcesDisable') : t('sourcesEnable')}
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
