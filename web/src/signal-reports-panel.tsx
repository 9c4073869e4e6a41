import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from './api.ts';
import { type ActorView, roleCan, type Signal } from './api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useI18n } from './i18n/i18n.tsx';
import {
  eventDetailsOf,
  type ListedReport,
  type ReportFeedbackView,
  type ReportSource,
  safeHttpUrl,
} from './reports-types.ts';
import './reports.css';

/** Reports listed at most (a story's evidence and their duplicates). */
const LIMIT = 200;
const EXCERPT = 120;

/**
 * The evidence of an event-based signal: its story's reports (title as plain text, source, date,
 * language, affected countries, hazards, counts, relevance), the duplicates linked to their original,
 * the black-swan flags, and — for those who may triage — relevant / not relevant buttons that store the
 * analyst's judgement for retraining the relevance model.
 */
export function SignalReportsPanel(props: { readonly signal: Signal; readonly actor: ActorView }) {
  const { t, date, number, language } = useI18n();
  const details = eventDetailsOf(props.signal.explanation);
  const storyId = details?.storyId ?? null;
  const [reports, setReports] = useState<ReadonlyArray<ListedReport> | null>(null);
  const [sources, setSources] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const canJudge = roleCan(props.actor.role, 'triage');

  const load = useCallback(async () => {
    if (storyId === null) return;
    setError(null);
    try {
      const [r, s] = await Promise.all([
        api<{ items: ListedReport[] }>('GET', `/api/reports${query({ story: storyId, limit: LIMIT })}`),
        api<{ items: ReportSource[] }>('GET', '/api/sources'),
      ]);
      setReports(r.items);
      setSources(new Map(s.items.map((x) => [x.id, x.name])));
    } catch (err) {
      setError(err);
    }
  }, [storyId]);
  useEffect(() => {
    void load();
  }, [load]);

  const names = useMemo(() => {
    const lang = safeDisplayNames(language, 'language');
    const region = safeDisplayNames(language, 'region');
    return {
      language: (code: string) => lang?.of(code) ?? code,
      country: (code: string) => region?.of(code) ?? code,
    };
  }, [language]);

  async function judge(report: ListedReport, relevant: boolean) {
    setSaving(report.id);
    setSaveError(null);
    try {
      const view = await api<ReportFeedbackView>(
        'POST',
        `/api/reports/${encodeURIComponent(report.id)}/feedback`,
        {
          relevant,
        },
      );
      setReports(
        (list) => list?.map((r) => (r.id === report.id ? { ...r, myFeedback: view.mine } : r)) ?? null,
      );
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(null);
    }
  }

  const flags = details?.flags ?? [];
  const originals = reports?.filter(
    (r) => r.duplicateOf === null || !reports.some((o) => o.id === r.duplicateOf),
  );
  const duplicatesOf = (id: string) => reports?.filter((r) => r.duplicateOf === id) ?? [];
  const titleOf = (r: ListedReport) =>
    r.title.trim() !== '' ? r.title : t('reportsUntitled', { excerpt: r.text.slice(0, EXCERPT).trim() });

  return (
    <section aria-labelledby="reports-title" className="signal-reports" data-testid="signal-reports">
      {flags.length > 0 && (
        <p data-testid="black-swan">
          <strong className="black-swan">{t('blackSwan.title')}</strong>
          {flags.map((f) => (
            <span key={f} className="black-swan">
              {t(`blackSwan.${f}`)}
            </span>
          ))}
          <span>{t('blackSwanNote')}</span>
        </p>
      )}
      <h2 id="reports-title">
        {t('reportsTitle', { n: number(details?.reportCount ?? reports?.length ?? 0, 0) })}
      </h2>
      {storyId === null ? (
        <p className="empty">{t('reportsNoStory')}</p>
      ) : error !== null ? (
        <ErrorNotice error={error} onRetry={() => void load()} />
      ) : reports === null || originals === undefined ? (
        <p className="loading">{t('loading')}</p>
      ) : reports.length === 0 ? (
        <p className="empty">{t('reportsEmpty')}</p>
      ) : (
        <>
          <ErrorNotice error={saveError} />
          {reports.length >= LIMIT && (
            <p className="notice">
              {t('reportsMore', { n: number(details?.reportCount ?? 0, 0), shown: LIMIT })}
            </p>
          )}
          <table className="reports">
            <caption>{t('reportsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reportsColTitle')}</th>
                <th scope="col">{t('reportsColPublished')}</th>
                <th scope="col">{t('reportsColSource')}</th>
                <th scope="col">{t('reportsColLanguage')}</th>
                <th scope="col">{t('reportsColCountries')}</th>
                <th scope="col">{t('reportsColHazards')}</th>
                <th scope="col">{t('reportsColCounts')}</th>
                <th scope="col" className="num">
                  {t('reportsColRelevance')}
                </th>
                {canJudge && <th scope="col">{t('reportsColFeedback')}</th>}
              </tr>
            </thead>
            <tbody>
              {originals
                .flatMap((r) => [r, ...duplicatesOf(r.id)])
                .map((r) => {
                  const href = safeHttpUrl(r.url);
                  const title = titleOf(r);
                  const mine = r.myFeedback;
                  return (
                    <tr
                      key={r.id}
                      id={`report-${r.id}`}
                      className={r.duplicateOf === null ? undefined : 'duplicate'}
                      data-testid="report-row"
                    >
                      <td>
                        {href === null ? (
                          <span className="report-title" data-testid="report-title">
                            {title}
                          </span>
                        ) : (
                          <a
                            className="report-title"
                            data-testid="report-title"
                            href={href}
                            target="_blank"
                            rel="noopener noreferrer"
                            title={t('reportsOpenOriginal')}
                          >
                            {title}
                          </a>
                        )}
                        {r.duplicateOf !== null && (
                          <div>
                            {t('reportsDuplicateOf', {
                              kind: t(
                                r.duplicateKind === 'near' ? 'reportsDuplicateNear' : 'reportsDuplicateExact',
                              ),
                            })}{' '}
                            <a href={`#report-${r.duplicateOf}`}>{t('reportsOriginal')}</a>
                          </div>
                        )}
                        {duplicatesOf(r.id).length > 0 && (
                          <div>{t('reportsDuplicates', { n: number(duplicatesOf(r.id).length, 0) })}</div>
                        )}
                      </td>
                      <td>{date(r.publishedAt)}</td>
                      <td>{sources.get(r.sourceId) ?? r.sourceId}</td>
                      <td>{names.language(r.language)}</td>
                      <td>{r.tags.countries.map(names.country).join(', ')}</td>
                      <td>{r.tags.hazards.map((h) => h.name).join(', ')}</td>
                      <td>
                        {r.tags.cases === null && r.tags.deaths === null
                          ? t('reportsNotStated')
                          : t('reportsCounts', {
                              cases: r.tags.cases === null ? '–' : number(r.tags.cases, 0),
                              deaths: r.tags.deaths === null ? '–' : number(r.tags.deaths, 0),
                            })}
                      </td>
                      <td className="num">{`${number(r.relevance * 100, 0)} %`}</td>
                      {canJudge && (
                        <td>
                          <fieldset className="judge" aria-label={t('reportsJudgeLabel', { title })}>
                            <button
                              type="button"
                              aria-pressed={mine?.relevant === true}
                              disabled={saving === r.id}
                              onClick={() => void judge(r, true)}
                            >
                              {t('reportsRelevant')}
                            </button>
                            <button
                              type="button"
                              className="not-relevant"
                              aria-pressed={mine?.relevant === false}
                              disabled={saving === r.id}
                              onClick={() => void judge(r, false)}
                            >
                              {t('reportsNotRelevant')}
                            </button>
                          </fieldset>
                          <span role="status" data-testid="report-judgement">
                            {saving === r.id
                              ? t('reportsSaving')
                              : mine === null
                                ? ''
                                : t(mine.relevant ? 'reportsMarkedRelevant' : 'reportsMarkedNotRelevant')}
                          </span>
                        </td>
                      )}
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function safeDisplayNames(language: string, type: 'language' | 'region'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language], { type });
  } catch {
    return null;
  }
}
