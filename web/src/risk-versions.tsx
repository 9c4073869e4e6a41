import './forms.css';
import { type ReactNode, useState } from 'react';
import type { FullRiskAssessment } from './forms-types.ts';
import { useI18n } from './i18n/i18n.tsx';

type Field =
  | 'overallRisk'
  | 'likelihood'
  | 'consequences'
  | 'confidence'
  | 'hazardAssessment'
  | 'exposureAssessment'
  | 'contextAssessment'
  | 'recommendedActions';
const FIELDS: ReadonlyArray<Field> = [
  'overallRisk',
  'likelihood',
  'consequences',
  'confidence',
  'hazardAssessment',
  'exposureAssessment',
  'contextAssessment',
  'recommendedActions',
];

/** The fields in which version `a` differs from version `b`. */
export function changedFields(
  a: FullRiskAssessment,
  b: FullRiskAssessment | undefined,
): ReadonlyArray<Field> {
  if (b === undefined) return [];
  return FIELDS.filter((f) =>
    f === 'recommendedActions' ? a[f].join('\n') !== b[f].join('\n') : a[f] !== b[f],
  );
}

/**
 * Every version of a risk assessment, newest first: each one's matrix result, and, opened, all it said
 * beside the version before with what changed marked.
 */
export function RiskVersions(props: {
  readonly versions: ReadonlyArray<FullRiskAssessment>;
  readonly userName: (id: string | null) => string;
  readonly testId: string;
  /** Offered on each version: fill the form from it, to re-assess starting from what it said. */
  readonly onStartFrom?: (a: FullRiskAssessment) => void;
}) {
  const { t, dateTime, number } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  if (props.versions.length === 0) return <p className="muted">{t('noAssessments')}</p>;

  const label = (f: Field) =>
    f === 'overallRisk'
      ? t('overallRisk')
      : f === 'likelihood'
        ? t('likelihood')
        : f === 'consequences'
          ? t('consequences')
          : f === 'confidence'
            ? t('confidence')
            : f === 'recommendedActions'
              ? t('recommendedActions')
              : t(f);
  const value = (a: FullRiskAssessment | undefined, f: Field): ReactNode => {
    if (a === undefined) return '—';
    switch (f) {
      case 'overallRisk':
        return t(`risk.${a.overallRisk}`);
      case 'likelihood':
        return t(`likelihood.${a.likelihood}`);
      case 'consequences':
        return t(`consequence.${a.consequences}`);
      case 'confidence':
        return t(`confidence.${a.confidence}`);
      case 'recommendedActions':
        return a.recommendedActions.length === 0 ? '—' : a.recommendedActions.join('; ');
      default:
        return a[f];
    }
  };

  return (
    <ol className="history" data-testid={props.testId}>
      {props.versions.map((a, i) => {
        const previous = props.versions[i + 1];
        const changed = changedFields(a, previous);
        const isOpen = open === a.id;
        return (
          <li key={a.id}>
            {t('versionN', { version: number(a.version, 0) })} ·{' '}
            <time dateTime={a.assessedAt}>{dateTime(a.assessedAt)}</time> · {props.userName(a.assessedBy)} ·{' '}
            {t(`likelihood.${a.likelihood}`)} × {t(`consequence.${a.consequences}`)} →{' '}
            <strong>{t(`risk.${a.overallRisk}`)}</strong> ({t('confidence')}:{' '}
            {t(`confidence.${a.confidence}`)})
            {previous !== undefined && (
              <span className="muted">
                {' '}
                ·{' '}
                {changed.length === 0
                  ? t('fm.nothingChanged')
                  : t('fm.changed', { fields: changed.map(label).join(', ') })}
              </span>
            )}{' '}
            <button type="button" aria-expanded={isOpen} onClick={() => setOpen(isOpen ? null : a.id)}>
              {isOpen ? t('fm.hideVersion') : t('fm.viewVersion', { version: number(a.version, 0) })}
            </button>
            {props.onStartFrom !== undefined && (
              <button type="button" onClick={() => props.onStartFrom?.(a)}>
                {t('fm.startFrom', { version: number(a.version, 0) })}
              </button>
            )}
            {isOpen && (
              <table
                className="signals forms-diff"
                aria-label={t('versionN', { version: number(a.version, 0) })}
              >
                <thead>
                  <tr>
                    <th scope="col">{t('fm.field')}</th>
                    <th scope="col">{t('versionN', { version: number(a.version, 0) })}</th>
                    <th scope="col">
                      {previous === undefined
                        ? t('fm.noPrevious')
                        : t('versionN', { version: number(previous.version, 0) })}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {FIELDS.map((f) => (
                    <tr key={f}>
                      <th scope="row">{label(f)}</th>
                      <td className={changed.includes(f) ? 'changed' : ''}>{value(a, f)}</td>
                      <td>{value(previous, f)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ol>
  );
}
