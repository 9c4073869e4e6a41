import './forms.css';
import { type FormEvent, useState } from 'react';
import { api } from './api.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import { ErrorNotice } from './error-notice.tsx';
import type { HazardRow } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { SaveCancel } from './save-cancel.tsx';
import { useApiList, useChange } from './use-api-list.ts';

/** Synonyms typed one per line or separated by semicolons. */
export function parseSynonyms(text: string): ReadonlyArray<string> {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s, i, all) => s !== '' && all.indexOf(s) === i);
}

/**
 * The hazard catalogue: rename a hazard, change its synonyms (what the text matching of reports looks
 * for), take it out of use with a reason or back into use. Every change carries the version read.
 */
export function AdminHazards() {
  const { t, number } = useI18n();
  const {
    rows: hazards,
    loadError,
    reload: load,
  } = useApiList(() =>
    api<{ items: HazardRow[] }>('GET', '/api/hazards?limit=500&includeInactive=true').then((r) => r.items),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [synonyms, setSynonyms] = useState('');
  const [why, setWhy] = useState('');
  const [filter, setFilter] = useState('');
  const { busy, error, setError, run } = useChange(load);

  async function write(work: () => Promise<unknown>) {
    // A change that went through closes the editor; one that failed keeps it open with the error.
    const done = await run(async () => {
      await work();
      return true;
    });
    if (done === true) {
      setEditing(null);
      setWhy('');
    }
  }

  function save(h: HazardRow, event: FormEvent) {
    event.preventDefault();
    void write(() =>
      api('PATCH', `/api/hazards/${encodeURIComponent(h.id)}`, {
        version: h.version,
        name: name.trim(),
        synonyms: parseSynonyms(synonyms),
        ...(why.trim() === '' ? {} : { reason: why.trim() }),
      }),
    );
  }

  function deactivate(h: HazardRow) {
    void write(() =>
      api('POST', `/api/hazards/${encodeURIComponent(h.id)}/deactivate`, {
        version: h.version,
        reason: why.trim() === '' ? t('fm.deactivatedFromAdmin') : why.trim(),
      }),
    );
  }

  const reactivate = (h: HazardRow) =>
    void write(() =>
      api('PATCH', `/api/hazards/${encodeURIComponent(h.id)}`, { version: h.version, active: true }),
    );

  const needle = filter.trim().toLowerCase();
  const matching = (hazards ?? []).filter(
    (h) => needle === '' || [h.code, h.name, ...h.synonyms].some((x) => x.toLowerCase().includes(needle)),
  );

  return (
    <section aria-labelledby="admin-hazards-title">
      <h2 id="admin-hazards-title">{t('adminHazards')}</h2>
      <ErrorNotice error={loadError} onRetry={load} />
      <ConflictNotice
        error={error}
        onReload={() => {
          setError(null);
          setEditing(null);
          load();
        }}
      />
      <label>
        {t('fm.filterHazards')}
        <input name="hazardFilter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <p className="muted" aria-live="polite">
        {t('fm.hazardsShown', { shown: number(matching.length, 0), total: number(hazards?.length ?? 0, 0) })}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="forms-scroll" tabIndex={0} aria-label={t('adminHazards')}>
        <table className="signals" data-testid="admin-hazards">
          <thead>
            <tr>
              <th scope="col">{t('code')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('fm.synonyms')}</th>
              <th scope="col">{t('domain')}</th>
              <th scope="col">ICD-10</th>
              <th scope="col">{t('active')}</th>
              <th scope="col">{t('fm.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {matching.map((h) =>
              editing === h.id ? (
                <tr key={h.id}>
                  <td>
                    <code>{h.code}</code>
                  </td>
                  <td colSpan={6}>
                    <form className="forms-inline" onSubmit={(e) => save(h, e)} aria-label={h.code}>
                      <label>
                        {t('name')}
                        <input
                          name="hazardName"
                          required
                          value={name}
                          onChange={(e) => setName(e.target.value)}
                        />
                      </label>
                      <label>
                        {t('fm.synonymsHint')}
                        <textarea
                          name="hazardSynonyms"
                          rows={3}
                          value={synonyms}
                          onChange={(e) => setSynonyms(e.target.value)}
                        />
                      </label>
                      <label>
                        {t('fm.moveWhy')}
                        <input name="hazardWhy" value={why} onChange={(e) => setWhy(e.target.value)} />
                      </label>
                      <SaveCancel
                        busy={busy}
                        saveLabel={t('fm.save')}
                        cancelLabel={t('fm.cancel')}
                        onCancel={() => setEditing(null)}
                      >
                        {h.active && (
                          <button type="button" disabled={busy} onClick={() => deactivate(h)}>
                            {t('fm.deactivate')}
                          </button>
                        )}
                      </SaveCancel>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={h.id}>
                  <td>
                    <code>{h.code}</code>
                  </td>
                  <td>{h.name}</td>
                  <td className="muted">{h.synonyms.join('; ')}</td>
                  <td>{h.domain}</td>
                  <td>{h.icd10 ?? ''}</td>
                  <td>{h.active ? t('yes') : t('no')}</td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        aria-label={t('fm.editHazard', { name: h.name })}
                        onClick={() => {
                          setEditing(h.id);
                          setName(h.name);
                          setSynonyms(h.synonyms.join('\n'));
                          setWhy('');
                        }}
                      >
                        {t('fm.edit')}
                      </button>
                      {!h.active && (
                        <button type="button" disabled={busy} onClick={() => reactivate(h)}>
                          {t('fm.reactivate')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>
    </section>
  );
}
