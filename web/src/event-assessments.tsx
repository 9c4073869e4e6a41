import './forms.css';
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { IhrAssessment } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import type { FullRiskAssessment } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { IhrExplanation } from './ihr-explanation.tsx';
import { RiskVersions } from './risk-versions.tsx';

/** Every risk assessment and IHR Annex 2 assessment version of an event, newest first. */
export function EventAssessments(props: {
  readonly eventId: string;
  /** Changes whenever the event does, so the lists reload. */
  readonly refresh: number;
  readonly userName: (id: string | null) => string;
}) {
  const { t, dateTime, number } = useI18n();
  const [risk, setRisk] = useState<ReadonlyArray<FullRiskAssessment> | null>(null);
  const [ihr, setIhr] = useState<ReadonlyArray<IhrAssessment> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/events/${encodeURIComponent(props.eventId)}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is a reload trigger
  useEffect(() => {
    api<FullRiskAssessment[]>('GET', `${base}/risk-assessments`)
      .then(setRisk)
      .catch((err: unknown) => setError(err));
    api<IhrAssessment[]>('GET', `${base}/ihr-assessments`)
      .then(setIhr)
      .catch((err: unknown) => setError(err));
  }, [base, props.refresh]);
  return (
    <section aria-labelledby="event-assessments-title">
      <h2 id="event-assessments-title">{t('fm.assessments')}</h2>
      <ErrorNotice error={error} />
      <h3>{t('riskAssessment')}</h3>
      {risk === null ? (
        <p className="loading">{t('loading')}</p>
      ) : (
        <RiskVersions versions={risk} userName={props.userName} testId="event-risk-versions" />
      )}
      <h3>{t('ihrTitle')}</h3>
      {ihr === null ? (
        <p className="loading">{t('loading')}</p>
      ) : ihr.length === 0 ? (
        <p className="muted">{t('noAssessments')}</p>
      ) : (
        <ol className="forms-list" data-testid="event-ihr-versions">
          {ihr.map((h) => (
            <li key={h.id}>
              <details>
                <summary>
                  {t('versionN', { version: number(h.version, 0) })} ·{' '}
                  <time dateTime={h.assessedAt}>{dateTime(h.assessedAt)}</time> ·{' '}
                  <strong>{t(h.outcome === 'notifiable' ? 'ihrNotifiable' : 'ihrNotNotifiable')}</strong>
                </summary>
                <IhrExplanation assessment={h} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
