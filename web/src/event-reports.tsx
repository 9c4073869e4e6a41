import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import { isTimelineKind, type Role } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';

interface TimelineEntry {
  readonly id: string;
  readonly at: string;
  readonly kind: string;
  readonly text: string;
}

interface SituationReport {
  readonly id: string;
  readonly version: number;
  readonly body: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
}

/** The event's timeline, and its situation reports: write a draft version, publish the latest. */
export function EventReports(props: {
  readonly eventId: string;
  readonly role: Role;
  readonly refresh: number;
}) {
  const { t, dateTime, number } = useI18n();
  const [timeline, setTimeline] = useState<ReadonlyArray<TimelineEntry>>([]);
  const [reports, setReports] = useState<ReadonlyArray<SituationReport>>([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<unknown>(null);
  const base = `/api/events/${encodeURIComponent(props.eventId)}`;
  const canWrite = props.role === 'admin' || props.role === 'coordinator';

  const load = useCallback(() => {
    api<TimelineEntry[]>('GET', `${base}/timeline`)
      .then(setTimeline)
      .catch((err: unknown) => setError(err));
    api<SituationReport[]>('GET', `${base}/situation-reports`)
      .then(setReports)
      .catch((err: unknown) => setError(err));
  }, [base]);
  useEffect(() => {
    if (props.refresh >= 0) load();
  }, [load, props.refresh]);

  const latest = reports[0];
  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `${base}/situation-reports`, { body: draft, basedOnVersion: latest?.version ?? 0 });
      setDraft('');
      load();
    } catch (err) {
      setError(err);
      load();
    }
  }
  async function publish() {
    if (latest === undefined) return;
    setError(null);
    try {
      await api('POST', `${base}/situation-reports/${latest.version}/publish`);
      load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <section aria-labelledby="sitrep-title">
        <h2 id="sitrep-title">{t('situationReports')}</h2>
        {latest === undefined ? (
          <p className="muted">{t('noReports')}</p>
        ) : (
          <article className="sitrep" data-testid="sitrep-latest">
            <p className="muted">
              {t('versionN', { version: number(latest.version, 0) })} · {dateTime(latest.createdAt)} ·{' '}
              {latest.publishedAt === null
                ? t('draft')
                : t('publishedAt', { at: dateTime(latest.publishedAt) })}
            </p>
            <p className="sitrep-body">{latest.body}</p>
            {canWrite && latest.publishedAt === null && (
              <button type="button" onClick={() => void publish()}>
                {t('publish')}
              </button>
            )}
          </article>
        )}
        {canWrite && (
          <form className="assess-form" onSubmit={save}>
            <label>
              {t('newReportVersion')}
              <textarea
                name="sitrep"
                required
                rows={4}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
              />
            </label>
            <div>
              <button type="submit">{t('saveDraft')}</button>
            </div>
          </form>
        )}
        <ErrorNotice error={error} />
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol className="history" data-testid="timeline">
          {timeline.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{dateTime(e.at)}</time> ·{' '}
              <strong>{isTimelineKind(e.kind) ? t(`timelineKind.${e.kind}`) : e.kind}</strong>{' '}
              <span className="muted">{e.text}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
