/**
 * Fits the three small models of report tagging from labelled reports (boosted trees for the first two,
 * logistic regression for relevance). The number of trees of the first two is chosen by a cross-validation
 * over the training reports' year groups (see fitDecision):
 *  - affectedCountry: is a country the report names one where the event happens;
 *  - salientHazard: is a hazard the report names what it is about (labels at ICD-10 three-character level);
 *  - relevance: is a text an outbreak report (labelled reports) or not (negative passages).
 * Used by train-tagging-models.ts (the bundled weights) and by eval.ts (cross-validation by year: there
 * the inner cross-validation runs on the four training year groups only, so the held-out group is never
 * seen while fitting or choosing the number of trees).
 */

import type { BinaryModel } from '../../src/text/binary-model.ts';
import {
  type BoostingOptions,
  DEFAULT_BOOSTING_OPTIONS,
  type TreeNode,
  trainBoostedTrees,
} from '../../src/text/boosted-trees.ts';
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
  /** Year groups (publication year mod 5) the number of trees was cross-validated over. */
  readonly yearGroups: number;
  /** Trees kept: affected country, salient hazard. */
  readonly trees: { readonly affectedCountry: number; readonly salientHazard: number };
}

/** Candidate rows of one report for one of the two decisions, with the labelled items no candidate names. */
export interface CandidateRows {
  readonly x: Float64Array[];
  readonly y: number[];
  /** Labelled countries (hazards) that no candidate names: misses whatever the threshold. */
  readonly missed: number;
}

/** A DON report with its normalised texts and its feature rows (which depend on the lexicon only). */
export interface PreparedReport<R extends DonRecord = DonRecord> {
  readonly record: R;
  readonly title: string;
  readonly text: string;
  readonly year: number;
  readonly country: CandidateRows;
  readonly hazard: CandidateRows;
}

/** Year groups: folds of the cross-validation by year, here and in eval.ts. */
export const YEAR_GROUPS = 5;
export const yearGroup = (r: PreparedReport): number => r.year % YEAR_GROUPS;

const NO_ROWS: CandidateRows = Object.freeze({ x: [], y: [], missed: 0 });

/** Normalises the texts and computes the candidate rows of every report once. */
export function prepareReports<R extends DonRecord>(
  lexicon: TaggingLexicon,
  dons: ReadonlyArray<R>,
): PreparedReport<R>[] {
  return dons.map((d) => {
    const title = normaliseText(d.title ?? '').text;
    const text = normaliseText(d.text).text;
    const year = Number(d.published.slice(0, 4));
    if (!d.labels.labelled) return { record: d, title, text, year, country: NO_ROWS, hazard: NO_ROWS };
    const m = findMentions(lexicon, title, text);
    const goldC = new Set(d.labels.countries.map((c) => c.iso2));
    const candidatesC = countryCandidates(lexicon, m);
    const country: CandidateRows = {
      x: candidatesC.map((c) => c.features),
      y: candidatesC.map((c) => (goldC.has(c.key) ? 1 : 0)),
      missed: [...goldC].filter((g) => !candidatesC.some((c) => c.key === g)).length,
    };
    const goldD = new Set(d.labels.diseases.map((x) => x.icd10.slice(0, 3)));
    const candidatesH = hazardCandidates(lexicon, m);
    const foundD = new Set(candidatesH.map((h) => lexicon.hazards[h.key].icd10?.slice(0, 3)));
    const hx: Float64Array[] = [];
    const hy: number[] = [];
    for (const h of candidatesH) {
      const icd = lexicon.hazards[h.key].icd10;
      if (icd === null) continue; // no label can say yes or no
      hx.push(h.features);
      hy.push(goldD.has(icd.slice(0, 3)) ? 1 : 0);
    }
    const hazard: CandidateRows = {
      x: hx,
      y: hy,
      missed: [...goldD].filter((g) => !foundD.has(g)).length,
    };
    return { record: d, title, text, year, country, hazard };
  });
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

/** Most trees tried; the number kept is chosen by cross-validation over year groups. */
const MAX_TREES = 300;
const TREE_STEP = 10;

/** Log-odds added by one tree for row x. */
function treeValue(tree: ReadonlyArray<TreeNode>, x: ArrayLike<number>): number {
  let k = 0;
  for (;;) {
    const node = tree[k];
    if (node.f < 0) return node.v;
    k = x[node.f] <= node.t ? node.l : node.r;
  }
}

/** The best F1 of out-of-fold probabilities `p` over thresholds 0.05 … 0.95 (misses counted as false negatives). */
function bestF1(p: ArrayLike<number>, y: ArrayLike<number>, missed: number): number {
  let best = 0;
  for (let k = 1; k < 20; k++) {
    const t = k * 0.05;
    let tp = 0;
    let fp = 0;
    let fn = missed;
    for (let i = 0; i < p.length; i++) {
      if (p[i] >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      } else if (y[i] === 1) fn++;
    }
    best = Math.max(best, (2 * tp) / Math.max(1, 2 * tp + fp + fn));
  }
  return best;
}

/**
 * Fits one decision model on the reports' rows. For boosted trees, a cross-validation over the year
 * groups present chooses the number of trees and the threshold: each inner model is fitted without one
 * group's years and scored on that group after every TREE_STEP trees; the count with the least pooled
 * log-loss is kept (log-loss rather than F1, which swings with the few reports that list a hundred
 * countries), and the threshold is half the best out-of-fold F1, the threshold that maximises F1 for
 * calibrated probabilities (Lipton, Elkan & Naryanaswamy 2014). A threshold searched directly on
 * out-of-fold F1 moved between 0.33 and 0.53 from one year group to the next; 0.5 (the accuracy
 * threshold) sits on the edge of the block of ≈0.45–0.5 probabilities that countries listed in long
 * multi-country reports get, and dropped their recall below 0.5 in some fits.
 */
export function fitDecision(
  reports: ReadonlyArray<PreparedReport>,
  pick: (r: PreparedReport) => CandidateRows,
  features: ReadonlyArray<string>,
  kind: 'logistic' | 'trees',
  boosting: Partial<BoostingOptions>,
): { model: BinaryModel; groups: number; trees: number } {
  const gather = (subset: ReadonlyArray<PreparedReport>) => {
    const x: Float64Array[] = [];
    const y: number[] = [];
    let missed = 0;
    for (const r of subset) {
      const rows = pick(r);
      for (let i = 0; i < rows.x.length; i++) {
        x.push(rows.x[i]);
        y.push(rows.y[i]);
      }
      missed += rows.missed;
    }
    return { x, y, missed };
  };
  const all = gather(reports);
  if (kind === 'logistic') return { model: trainLogistic(features, all.x, all.y), groups: 0, trees: 0 };
  const groups = [...new Set(reports.map(yearGroup))].sort((a, b) => a - b);
  if (groups.length < 2 || boosting.trees !== undefined)
    return {
      model: trainBoostedTrees(features, all.x, all.y, boosting),
      groups: 1,
      trees: boosting.trees ?? DEFAULT_BOOSTING_OPTIONS.trees,
    };
  const stages = MAX_TREES / TREE_STEP;
  const loss = new Float64Array(stages);
  // out-of-fold probabilities after each stage, row after row
  const oof: Float64Array[] = Array.from({ length: stages }, () => new Float64Array(all.x.length));
  const oofY: number[] = [];
  let missed = 0;
  for (const g of groups) {
    const train = gather(reports.filter((r) => yearGroup(r) !== g));
    const test = gather(reports.filter((r) => yearGroup(r) === g));
    const inner = trainBoostedTrees(features, train.x, train.y, { ...boosting, trees: MAX_TREES });
    for (let i = 0; i < test.x.length; i++) {
      const row = oofY.length;
      oofY.push(test.y[i]);
      let z = inner.base;
      for (let t = 0; t < MAX_TREES; t++) {
        z += treeValue(inner.trees[t], test.x[i]);
        if ((t + 1) % TREE_STEP !== 0) continue;
        const p = Math.min(1 - 1e-9, Math.max(1e-9, 1 / (1 + Math.exp(-z))));
        const stage = (t + 1) / TREE_STEP - 1;
        oof[stage][row] = p;
        loss[stage] -= test.y[i] === 1 ? Math.log(p) : Math.log(1 - p);
      }
    }
    missed += test.missed;
  }
  let best = 0;
  for (let k = 1; k < stages; k++) if (loss[k] < loss[best]) best = k;
  const trees = (best + 1) * TREE_STEP;
  const threshold = Number((bestF1(oof[best].subarray(0, oofY.length), oofY, missed) / 2).toFixed(3));
  return {
    model: trainBoostedTrees(features, all.x, all.y, { ...boosting, trees, threshold }),
    groups: groups.length,
    trees,
  };
}

export function fitTaggingModels(
  lexicon: TaggingLexicon,
  reports: ReadonlyArray<PreparedReport>,
  negatives: ReadonlyArray<string>,
  baselineRelevance: RelevanceModel,
  kind: 'logistic' | 'trees' = 'trees',
  boosting: Partial<BoostingOptions> = {},
): { models: ReportTaggerModels; summary: FitSummary } {
  const labelled = reports.filter((r) => r.record.labels.labelled);
  const country = fitDecision(labelled, (r) => r.country, COUNTRY_FEATURES, kind, boosting);
  const hazard = fitDecision(labelled, (r) => r.hazard, HAZARD_FEATURES, kind, boosting);
  const affectedCountry = country.model;
  const salientHazard = hazard.model;
  const texts = reports;

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
      reports: reports.length,
      countryRows: labelled.reduce((n, r) => n + r.country.x.length, 0),
      hazardRows: labelled.reduce((n, r) => n + r.hazard.x.length, 0),
      relevanceRows: { positive: positives, negative: negativeCount },
      yearGroups: country.groups,
      trees: { affectedCountry: country.trees, salientHazard: hazard.trees },
    },
  };
}
