import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';
import type { AuditEntry, AuditVerification } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';

const SHOWN = 100;

/** The audit trail: the hash chain's verification and the latest entries, filterable by text. */
export function AuditPage() {
  const { t, dateTime, number } = useI18n();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [entries, setEntries] = useState<ReadonlyArray<AuditEntry>>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);

  const [entriesError, setEntriesError] = useState<unknown>(null);
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
    try {
      const after = Math.max(0, v.entries - SHOWN);
      setEntries((await api<AuditEntry[]>('GET', `/api/audit?after=${after}&limit=${SHOWN}`)).reverse());
    } catch (err) {
      setEntriesError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const needle = filter.trim().toLowerCase();
  const shown =
    needle === ''
      ? entries
      : entries.filter((e) =>
          [e.action, e.objectType, e.objectId, e.actorId, e.reason ?? ''].some((f) =>
            f.toLowerCase().includes(needle),
          ),
        );
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
      {entriesError instanceof ApiError && entriesError.status === 403 ? (
        <p className="muted" data-testid="audit-entries-note">
          {t('auditEntriesWholeWorld')}
        </p>
      ) : (
        <ErrorNotice error={entriesError} />
      )}
      <label>
        {t('auditFilter')}
        <input name="auditFilter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
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
          {shown.map((e) => (
            <tr key={e.seq}>
              <td>{number(e.seq, 0)}</td>
              <td>{dateTime(e.at)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.objectType} <span className="muted">{e.objectId.slice(0, 8)}</span>
              </td>
              <td className="muted">{e.actorId.slice(0, 8)}</td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
