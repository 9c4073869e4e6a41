import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';
import {
  CONFIDENCE_LEVELS,
  CONSEQUENCES,
  type Confidence,
  type Consequences,
  LIKELIHOODS,
  type Likelihood,
  type RiskAssessment,
  type RiskMatrix,
} from './api-types.ts';
import { ChoiceSelect } from './choice-select.tsx';

import { ErrorNotice } from './error-notice.tsx';
import { type AssessmentSubject, type FullRiskAssessment, subjectPath } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';
import { RiskVersions } from './risk-versions.tsx';
import { useColleagues } from './use-colleagues.ts';

/**
 * A rapid risk assessment (WHO 2012) of a signal: the three parts in words, likelihood × consequences on
 * the live matrix (the risk level updates as you choose), confidence, and the version history.
 */
export function RiskAssessmentForm(
  props: AssessmentSubject & {
    /** Off where the versions are listed elsewhere (the event page). */
    readonly showHistory?: boolean;
    readonly onSaved?: () => void;
  },
) {
  const { t, number } = useI18n();
  const [matrix, setMatrix] = useState<RiskMatrix | null>(null);
  const [history, setHistory] = useState<ReadonlyArray<FullRiskAssessment>>([]);
  const { userName } = useColleagues();
  const [hazard, setHazard] = useState('');
  const [exposure, setExposure] = useState('');
  const [context, setContext] = useState('');
  const [actions, setActions] = useState('');
  const [likelihood, setLikelihood] = useState<Likelihood>('likely');
  const [consequences, setConsequences] = useState<Consequences>('moderate');
  const [confidence, setConfidence] = useState<Confidence>('moderate');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<RiskAssessment | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `${subjectPath(props).path}/risk-assessments`;

  const loadHistory = useCallback(() => {
    api<FullRiskAssessment[]>('GET', base)
      .then(setHistory)
      .catch((err: unknown) => setError(err));
  }, [base]);
  useEffect(() => {
    api<RiskMatrix>('GET', '/api/risk-matrix')
      .then(setMatrix)
      .catch((err: unknown) => setError(err));
    loadHistory();
  }, [loadHistory]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const r = await api<{ assessment: RiskAssessment }>('POST', base, {
        hazardAssessment: hazard,
        exposureAssessment: exposure,
        contextAssessment: context,
        likelihood,
        consequences,
        confidence,
        recommendedActions: actions
          .split('\n')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
      });
      setSaved(r.assessment);
      loadHistory();
      props.onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const level = matrix?.matrix[likelihood][consequences] ?? null;

  return (
    <section aria-labelledby="risk-title">
      <h2 id="risk-title">{t('riskAssessment')}</h2>
      <form className="assess-form" onSubmit={submit}>
        <label>
          {t('hazardAssessment')}
          <textarea
            name="hazardAssessment"
            required
            rows={2}
            value={hazard}
            onChange={(e) => setHazard(e.target.value)}
          />
        </label>
        <label>
          {t('exposureAssessment')}
          <textarea
            name="exposureAssessment"
            required
            rows={2}
            value={exposure}
            onChange={(e) => setExposure(e.target.value)}
          />
        </label>
        <label>
          {t('contextAssessment')}
          <textarea
            name="contextAssessment"
            required
            rows={2}
            value={context}
            onChange={(e) => setContext(e.target.value)}
          />
        </label>
        <div className="row">
          <ChoiceSelect
            label={t('likelihood')}
            name="likelihood"
            value={likelihood}
            choices={LIKELIHOODS}
            optionLabel={(l) => t(`likelihood.${l}`)}
            onChange={setLikelihood}
          />
          <ChoiceSelect
            label={t('consequences')}
            name="consequences"
            value={consequences}
            choices={CONSEQUENCES}
            optionLabel={(c) => t(`consequence.${c}`)}
            onChange={setConsequences}
          />
          <label>
            {t('confidence')}
            <select
              name="confidence"
              value={confidence}
              onChange={(e) =>
                setConfidence(CONFIDENCE_LEVELS.find((c) => c === e.target.value) ?? 'moderate')
              }
            >
              {CONFIDENCE_LEVELS.map((c) => (
                <option key={c} value={c}>
                  {t(`confidence.${c}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {matrix !== null && level !== null && (
          <>
            <p>
              {t('overallRisk')}:{' '}
              <output className={`risk-result level-${level}`} data-testid="risk-level" aria-live="polite">
                {t(`risk.${level}`)}
              </output>
            </p>
            <table className="risk-matrix">
              <caption className="muted">{t('riskMatrix')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {t('likelihood')} \ {t('consequences')}
                  </th>
                  {CONSEQUENCES.map((c) => (
                    <th key={c} scope="col">
                      {t(`consequence.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {LIKELIHOODS.map((l) => (
                  <tr key={l}>
                    <th scope="row">{t(`likelihood.${l}`)}</th>
                    {CONSEQUENCES.map((c) => {
                      const cell = matrix.matrix[l][c];
                      const chosen = l === likelihood && c === consequences;
                      return (
                        <td key={c} className={`level-${cell}${chosen ? ' chosen' : ''}`}>
                          <button
                            type="button"
                            className="cell"
                            aria-pressed={chosen}
                            aria-label={`${t(`likelihood.${l}`)} × ${t(`consequence.${c}`)}: ${t(`risk.${cell}`)}`}
                            onClick={() => {
                              setLikelihood(l);
                              setConsequences(c);
                            }}
                          >
                            {t(`risk.${cell}`)}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <label>
          {t('recommendedActions')}
          <textarea
            name="recommendedActions"
            rows={2}
            value={actions}
            onChange={(e) => setActions(e.target.value)}
          />
        </label>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('saveAssessment')}
          </button>
        </div>
        {saved !== null && (
          <p className="notice" role="status">
            {t('assessmentSaved', {
              version: number(saved.version, 0),
              level: t(`risk.${saved.overallRisk}`),
            })}
          </p>
        )}
        <ErrorNotice error={error} />
      </form>
      {props.showHistory !== false && <h3>{t('assessmentHistory')}</h3>}
      {props.showHistory !== false && (
        <RiskVersions
          versions={history}
          userName={userName}
          testId="risk-history"
          onStartFrom={(a) => {
            setHazard(a.hazardAssessment);
            setExposure(a.exposureAssessment);
            setContext(a.contextAssessment);
            setLikelihood(a.likelihood);
            setConsequences(a.consequences);
            setConfidence(a.confidence);
            setActions(a.recommendedActions.join('\n'));
            document.getElementById('risk-title')?.scrollIntoView();
          }}
        />
      )}
    </section>
  );
}
