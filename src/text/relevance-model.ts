/**
 * Whether a report is about an outbreak or a biological hazard. Both the rule baseline and the trained
 * model are logistic models over the same few language-independent features (hazards named, affected
 * places found, counts stated, density of outbreak wording in eight languages); the baseline's weights
 * are set by hand, the trained model's are fitted (datasets/text/train-tagging-models.ts).
 */
import type { LogisticModel } from './logistic-model.ts';
import { predictLogistic } from './logistic-model.ts';

export type RelevanceModel = LogisticModel;

export const RELEVANCE_FEATURES: ReadonlyArray<string> = Object.freeze([
  'logHazardMentions',
  'salientHazards',
  'affectedCountries',
  'countsStated',
  'outbreakWordsPer100',
  'logTokens',
]);

/** Hand-set weights: a named hazard with outbreak wording is relevant, either alone is borderline. */
export const RELEVANCE_RULES: RelevanceModel = Object.freeze({
  features: RELEVANCE_FEATURES,
  weights: [1.5, 1, 0.5, 1, 0.8, 0],
  bias: -3,
  threshold: 0.5,
});

// outbreak wording, folded as tokenize() folds (lower case, no accents, Russian endings cut)
const OUTBREAK_WORDS = new Set(
  [
    // en
    'outbreak outbreaks epidemic epidemics pandemic case cases death deaths died fatal confirmed suspected probable infected infection infections hospitalized hospitalised transmission cluster clusters surveillance notified notification laboratory quarantine isolation vaccination vector mosquito zoonotic',
    // fr
    'flambee epidemie cas deces confirmes suspects infection transmission foyer',
    // es, pt
    'brote brotes epidemia casos muertes fallecidos confirmados sospechosos contagio surto obitos',
    // de
    'ausbruch epidemie falle todesfalle infiziert',
    // ru (stems)
    'вспышк эпидеми случа заболевани смерт заражени инфекци',
    // ar
    'تفشي وباء حالات حاله وفاه وفيات اصابه عدوى',
  ]
    .join(' ')
    .split(' '),
);
const OUTBREAK_CJK = ['疫情', '暴发', '爆发', '病例', '感染', '死亡', '确诊', '疑似', '流行'];

export interface RelevanceEvidence {
  /** Folded token forms of title and text (see tokenize()). */
  readonly forms: ReadonlyArray<string>;
  readonly text: string;
  readonly hazardMentions: number;
  readonly salientHazards: number;
  readonly affectedCountries: number;
  readonly countsStated: boolean;
}

export function relevanceFeatures(e: RelevanceEvidence): Float64Array {
  let words = 0;
  for (const f of e.forms) if (OUTBREAK_WORDS.has(f)) words++;
  for (const w of OUTBREAK_CJK) {
    for (let at = e.text.indexOf(w); at >= 0; at = e.text.indexOf(w, at + w.length)) words++;
  }
  const n = Math.max(1, e.forms.length);
  return Float64Array.from([
    Math.log1p(e.hazardMentions),
    Math.min(3, e.salientHazards),
    Math.min(3, e.affectedCountries),
    e.countsStated ? 1 : 0,
    Math.min(20, (100 * words) / n),
    Math.log1p(n),
  ]);
}

/** Probability (0–1) that the report is relevant. */
export function scoreRelevance(model: RelevanceModel, e: RelevanceEvidence): number {
  return predictLogistic(model, relevanceFeatures(e));
}
