import './forms.css';
import { IHR_QUESTIONS, type IhrAssessment } from './api-types.ts';
import { useI18n } from './i18n/i18n.tsx';

/**
 * Why an IHR Annex 2 assessment came out as it did: which questions were answered yes (two of them make
 * an event notifiable) or that the disease is always notifiable, and each answer with its rationale.
 */
export function IhrExplanation(props: { readonly assessment: IhrAssessment }) {
  const { t } = useI18n();
  const a = props.assessment;
  const yes = IHR_QUESTIONS.filter((q) => a.answers[q]?.answer === true);
  const because =
    a.basis === 'always-notifiable-disease'
      ? t('fm.ihrBecauseAlways')
      : a.basis === 'two-or-more-yes'
        ? t('fm.ihrBecauseYes', { questions: yes.map((q) => `“${t(`ihrQuestion.${q}`)}”`).join(', ') })
        : yes.length === 0
          ? t('fm.ihrBecauseNoYes')
          : t('fm.ihrBecauseOneYes', { question: `“${t(`ihrQuestion.${yes[0]}`)}”` });
  return (
    <div data-testid="ihr-explanation">
      <p>{because}</p>
      <ul className="forms-list">
        {IHR_QUESTIONS.map((q) => {
          const answer = a.answers[q];
          return (
            <li key={q}>
              <span className="forms-tag">
                {answer === undefined ? t('fm.unanswered') : answer.answer ? t('yes') : t('no')}
              </span>
              {t(`ihrQuestion.${q}`)}
              {answer !== undefined && answer.rationale !== '' && <q>{answer.rationale}</q>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
