/**
 * Fits the three small models of report tagging from labelled reports (boosted trees for the first two,
 * logistic regression for relevance; the decision thresholds maximise F1 on the training rows):
 *  - affectedCountry: is a country the report names one where the event happens;
 *  - salientHazard: is a hazard the report names what it is about (labels at ICD-10 three-character level);
 *  - relevance: is a text an outbreak report (labelled reports) or not (negative passages).
 * Used by train-tagging-models.ts (the bundled weights) and by eval.ts (cross-validation by year).
 */

import { type BinaryModel, predictBinary } from '../../src/text/binary-model.ts';
import { type BoostingOptions, trainBoostedTrees } from '../../src/text/boosted-trees.ts';
import { extractCaseCounts } from '../../src/text/case-counts.ts';
import { type LogisticModel, trainLogistic } from '../../src/text/logistic-model.ts';
import {
  COUNTRY_FEATURES,
  countryCandidates,
  HAZARD_FEATURES,
  hazardCandidates,
} from '../../src/text/mention-features.ts';
import { normaliseText } from '../../src/text/normalise-text.ts';
import {
  RELEVANCE_FEATURES,
  type RelevanceModel,
  relevanceFeatures,
} from '../../src/text/relevance-model.ts';
import { findMentions } from '../../src/text/report-mentions.ts';
import { createReportTagger, type ReportTaggerModels } from '../../src/text/report-tagger.ts';
import type { TaggingLexicon } from '../../src/text/tagging-lexicon.ts';

/** A WHO DON record of the shared data (the fields used here). */
export interface DonRecord {
  readonly id: string;
  readonly published: string;
  readonly title: string | null;
  readonly text: string;
  readonly labels: {
    readonly labelled: boolean;
    readonly diseases: ReadonlyArray<{ readonly icd10: string }>;
    readonly countries: ReadonlyArray<{ readonly iso2: string | null }>;
  };
}

export interface FitSummary {
  readonly reports: number;
  readonly countryRows: number;
  readonly hazardRows: number;
  readonly relevanceRows: { readonly positive: number; readonly negative: number };
}

/** The decision threshold with the best F1 on the training rows (misses counted as false negatives). */
function bestThreshold<M extends BinaryModel>(model: M, x: Float64Array[], y: number[], missed: number): M {
  const p = x.map((row) => predictBinary(model, row));
  let best = model.threshold;
  let bestF1 = -1;
  for (let k = 0; k <= 24; k++) {
    const t = 0.2 + k * 0.025;
    let tp = 0;
    let fp = 0;
    let fn = missed;
    for (let i = 0; i < p.length; i++) {
      if (p[i] >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      } else if (y[i] === 1) fn++;
    }
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = Number(t.toFixed(3));
    }
  }
  return { ...model, threshold: best };
}

const roundModel = (m: BinaryModel): BinaryModel =>
  'trees' in m
    ? {
        ...m,
        base: Number(m.base.toPrecision(6)),
        trees: m.trees.map((t) =>
          t.map((n) => ({ ...n, t: Number(n.t.toPrecision(8)), v: Number(n.v.toPrecision(5)) })),
        ),
      }
    : round(m);
const round = (m: LogisticModel): LogisticModel => ({
  features: m.features,
  weights: m.weights.map((w) => Number(w.toPrecision(6))),
  bias: Number(m.bias.toPrecision(6)),
  threshold: m.threshold,
});

export function fitTaggingModels(
  lexicon: TaggingLexicon,
  dons: ReadonlyArray<DonRecord>,
  negatives: ReadonlyArray<string>,
  baselineRelevance: RelevanceModel,
  kind: 'logistic' | 'trees' = 'trees',
  boosting: Partial<BoostingOptions> = {},
): { models: ReportTaggerModels; summary: FitSummary } {
  let countryMissed = 0; // labelled countries no candidate names: misses whatever the threshold
  let hazardMissed = 0;
  const cx: Float64Array[] = [];
  const cy: number[] = [];
  const hx: Float64Array[] = [];
  const hy: number[] = [];
  const texts = dons.map((d) => ({
    title: normaliseText(d.title ?? '').text,
    text: normaliseText(d.text).text,
  }));
  dons.forEach((d, k) => {
    if (!d.labels.labelled) return;
    const m = findMentions(lexicon, texts[k].title, texts[k].text);
    const goldC = new Set(d.labels.countries.map((c) => c.iso2));
    const candidatesC = countryCandidates(lexicon, m);
    for (const c of candidatesC) {
      cx.push(c.features);
      cy.push(goldC.has(c.key) ? 1 : 0);
    }
    countryMissed += [...goldC].filter((g) => !candidatesC.some((c) => c.key === g)).length;
    const goldD = new Set(d.labels.diseases.map((x) => x.icd10.slice(0, 3)));
    const candidatesH = hazardCandidates(lexicon, m);
    const foundD = new Set(candidatesH.map((h) => lexicon.hazards[h.key].icd10?.slice(0, 3)));
    hazardMissed += [...goldD].filter((g) => !foundD.has(g)).length;
    for (const h of candidatesH) {
      const icd = lexicon.hazards[h.key].icd10;
      if (icd === null) continue; // no label can say yes or no
      hx.push(h.features);
      hy.push(goldD.has(icd.slice(0, 3)) ? 1 : 0);
    }
  });
  const fitOne = (features: ReadonlyArray<string>, x: Float64Array[], y: number[]): BinaryModel =>
    kind === 'trees' ? trainBoostedTrees(features, x, y, boosting) : trainLogistic(features, x, y);
  const affectedCountry = bestThreshold(fitOne(COUNTRY_FEATURES, cx, cy), cx, cy, countryMissed);
  const salientHazard = bestThreshold(fitOne(HAZARD_FEATURES, hx, hy), hx, hy, hazardMissed);

  // relevance: the reports' texts against the negative passages, each class weighing half
  const tagger = createReportTagger(lexicon, {
    affectedCountry,
    salientHazard,
    relevance: baselineRelevance,
  });
  const evidence = (title: string, text: string): Float64Array => {
    const a = tagger.analyse(title, text);
    const counts = extractCaseCounts(text);
    return relevanceFeatures({
      forms: a.forms,
      text: title === '' ? text : `${title}\n\n${text}`,
      hazardMentions: a.hazardMentions,
      salientHazards: a.tags.hazards.length,
      affectedCountries: a.tags.countries.length,
      countsStated: counts.cases !== null || counts.deaths !== null,
    });
  };
  const rx: Float64Array[] = [];
  const ry: number[] = [];
  for (const t of texts) {
    if (t.text.length < 200) continue;
    rx.push(evidence(t.title, t.text));
    ry.push(1);
  }
  const positives = rx.length;
  for (const n of negatives) {
    rx.push(evidence('', normaliseText(n).text));
    ry.push(0);
  }
  const negativeCount = rx.length - positives;
  const copies = Math.max(1, Math.round(positives / Math.max(1, negativeCount)));
  const bx: Float64Array[] = [];
  const by: number[] = [];
  rx.forEach((x, i) => {
    for (let k = 0; k < (ry[i] === 1 ? 1 : copies); k++) {
      bx.push(x);
      by.push(ry[i]);
    }
  });
  const relevance = trainLogistic(RELEVANCE_FEATURES, bx, by, { l2: 1e-2 });
  return {
    models: {
      affectedCountry: roundModel(affectedCountry),
      salientHazard: roundModel(salientHazard),
      relevance: round(relevance),
    },
    summary: {
      reports: dons.length,
      countryRows: cx.length,
      hazardRows: hx.length,
      relevanceRows: { positive: positives, negative: negativeCount },
    },
  };
}
