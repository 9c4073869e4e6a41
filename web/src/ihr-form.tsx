import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, query } from './api.ts';
import {
  type Deadline,
  IHR_CATEGORIES,
  IHR_QUESTIONS,
  type IhrAssessment,
  type IhrCategory,
  type IhrQuestion,
  type Page,
} from './api-types.ts';
import { Countdown } from './countdown.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { type AssessmentSubject, subjectPath } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { IhrExplanation } from './ihr-explanation.tsx';

type Answers = Readonly<Record<IhrQuestion, { readonly answer: boolean | null; readonly rationale: string }>>;
const EMPTY: Answers = {
  seriousImpact: { answer: null, rationale: '' },
  unusual: { answer: null, rationale: '' },
  internationalSpread: { answer: null, rationale: '' },
  travelTradeRestrictions: { answer: null, rationale: '' },
};

/**
 * The IHR (2005) Annex 2 decision instrument on a signal: the four questions, each yes or no with a
 * rationale; two yes make it notifiable (always-notifiable diseases are, whatever the answers). The
 * server decides; the form shows its result explained and the 24-hour Art. 6 countdown once notifiable.
 */
export function IhrForm(
  props: AssessmentSubject & {
    /** Off where the versions are listed elsewhere (the event page). */
    readonly showHistory?: boolean;
    readonly onSaved?: () => void;
  },
) {
  const { t, dateTime, number } = useI18n();
  const [category, setCategory] = useState<IhrCategory | ''>('');
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [history, setHistory] = useState<ReadonlyArray<IhrAssessment>>([]);
  const [deadlines, setDeadlines] = useState<ReadonlyArray<Deadline>>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const subject = subjectPath(props);
  const base = `${subject.path}/ihr-assessments`;

  const load = useCallback(() => {
    api<IhrAssessment[]>('GET', base)
      .then(setHistory)
      .catch((err: unknown) => setError(err));
    api<Page<Deadline>>('GET', `/api/deadlines${query({ subjectType: subject.type, subject: subject.id })}`)
      .then((r) => setDeadlines(r.items))
      .catch(() => {});
  }, [base, subject.type, subject.id]);
  useEffect(load, [load]);

  const set = (q: IhrQuestion, patch: Partial<{ answer: boolean; rationale: string }>) =>
    setAnswers((a) => ({ ...a, [q]: { ...a[q], ...patch } }));
  const yes = IHR_QUESTIONS.filter((q) => answers[q].answer === true).length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: Record<string, { answer: boolean; rationale: string }> = {};
    for (const q of IHR_QUESTIONS) {
      const a = answers[q];
      if (a.answer !== null) body[q] = { answer: a.answer, rationale: a.rationale };
    }
    try {
      await api('POST', base, { ...(category === '' ? {} : { category }), answers: body });
      setAnswers(EMPTY);
      load();
      props.onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const latest = history[0];
  const open = deadlines.filter((d) => d.status !== 'met');

  return (
    <section aria-labelledby="ihr-title">
      <h2 id="ihr-title">{t('ihrTitle')}</h2>
      {latest !== undefined && (
        <div className={`notice ${latest.outcome === 'notifiable' ? 'error' : ''}`} data-testid="ihr-result">
          <div>
            <strong>{t(latest.outcome === 'notifiable' ? 'ihrNotifiable' : 'ihrNotNotifiable')}</strong> —{' '}
            {t(`ihrBasis.${latest.basis}`, {
              yes: number(IHR_QUESTIONS.filter((q) => latest.answers[q]?.answer).length, 0),
            })}{' '}
            <span className="muted">
              ({t('versionN', { version: number(latest.version, 0) })}, {dateTime(latest.assessedAt)})
            </span>
            <IhrExplanation assessment={latest} />
            {open.map((d) => (
              <div key={d.id}>
                {d.ruleName} <span className="muted">({d.legalBasis})</span>: <Countdown dueAt={d.dueAt} />
              </div>
            ))}
          </div>
        </div>
      )}
      <form className="assess-form" onSubmit={submit}>
        <label>
          {t('ihrCategory')}
          <select
            name="category"
            value={category}
            onChange={(e) => setCategory(IHR_CATEGORIES.find((c) => c === e.target.value) ?? '')}
          >
            <option value="">{t('ihrCategoryFromHazard')}</option>
            {IHR_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`ihrCategory.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {IHR_QUESTIONS.map((q, i) => (
          <fieldset key={q} className="question">
            <legend>
              {number(i + 1, 0)}. {t(`ihrQuestion.${q}`)}
            </legend>
            <div className="row">
              <label className="inline">
                <input
                  type="radio"
                  name={q}
                  checked={answers[q].answer === true}
                  onChange={() => set(q, { answer: true })}
                />
                {t('yes')}
              </label>
              <label className="inline">
                <input
                  type="radio"
                  name={q}
                  checked={answers[q].answer === false}
                  onChange={() => set(q, { answer: false })}
                />
                {t('no')}
              </label>
            </div>
            <label>
              {t('rationale')}
              <input
                name={`${q}-rationale`}
                value={answers[q].rationale}
                onChange={(e) => set(q, { rationale: e.target.value })}
              />
            </label>
          </fieldset>
        ))}
        <p className="muted" aria-live="polite" data-testid="ihr-preview">
          {t('ihrPreview', { yes: number(yes, 0) })}
        </p>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('ihrSubmit')}
          </button>
        </div>
        <ErrorNotice error={error} />
      </form>
      {props.showHistory !== false && <h3>{t('assessmentHistory')}</h3>}
      {props.showHistory === false ? null : history.length === 0 ? (
        <p className="muted">{t('noAssessments')}</p>
      ) : (
        <ol className="forms-list" data-testid="ihr-history">
          {history.map((h) => (
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
