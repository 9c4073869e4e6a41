/**
 * Fits the three small models of report tagging and writes tagging-models.json beside this file:
 *  - affectedCountry: is a country the report names one where the event happens (Torres-Munguía labels);
 *  - salientHazard: is a hazard the report names what it is about (ICD-10 three-character labels);
 *  - relevance: is a text an outbreak report (WHO DON texts) or not (relevance-negatives.jsonl).
 * Only DON reports of ODD publication years are used, so that even years stay held out: npm run eval:ebs
 * prints both. Run by hand when the vocabularies or features change; nothing reads the shared folder
 * at run or test time.
 *
 *   npx tsx datasets/text/train-tagging-models.ts [path/to/shared/data/ebs]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger } from '../../src/cli/reports-tag-command.ts';
import { extractCaseCounts } from '../../src/text/case-counts.ts';
import { type LogisticModel, predictLogistic, trainLogistic } from '../../src/text/logistic-model.ts';
import {
  COUNTRY_FEATURES,
  countryCandidates,
  HAZARD_FEATURES,
  hazardCandidates,
} from '../../src/text/mention-features.ts';
import { normaliseText } from '../../src/text/normalise-text.ts';
import { RELEVANCE_FEATURES, relevanceFeatures } from '../../src/text/relevance-model.ts';
import { findMentions } from '../../src/text/report-mentions.ts';
import { createReportTagger } from '../../src/text/report-tagger.ts';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(process.argv[2] ?? join(here, '../../../shared/data/ebs'));

interface Don {
  id: string;
  published: string;
  title: string | null;
  text: string;
  labels: { labelled: boolean; diseases: { icd10: string }[]; countries: { iso2: string | null }[] };
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

const { lexicon, models: rules } = loadReportTagger(join(here, '..'), 'rules');
const dons = readJsonl<Don>(join(dataDir, 'who_don_reports.jsonl')).filter(
  (d) => Number(d.published.slice(0, 4)) % 2 === 1,
);

let countryMissed = 0; // labelled countries no candidate names: misses whatever the threshold
let hazardMissed = 0;
const cx: Float64Array[] = [];
const cy: number[] = [];
const hx: Float64Array[] = [];
const hy: number[] = [];
for (const d of dons) {
  if (!d.labels.labelled) continue;
  const m = findMentions(lexicon, normaliseText(d.title ?? '').text, normaliseText(d.text).text);
  const goldC = new Set(d.labels.countries.map((c) => c.iso2));
  const candidatesC = countryCandidates(lexicon, m);
  for (const c of candidatesC) {
    cx.push(c.features);
    cy.push(goldC.has(c.key) ? 1 : 0);
  }
  countryMissed += [...goldC].filter((g) => !candidatesC.some((c) => c.key === g)).length;
  const goldD = new Set(d.labels.diseases.map((x) => x.icd10.slice(0, 3)));
  const candidatesH = hazardCandidates(lexicon, m);
  const foundD = new Set(
    candidatesH.map((h) => lexicon.hazards[h.key].icd10?.slice(0, 3)).filter((c) => c !== undefined),
  );
  hazardMissed += [...goldD].filter((g) => !foundD.has(g)).length;
  for (const h of candidatesH) {
    const icd = lexicon.hazards[h.key].icd10;
    if (icd === null) continue; // no label can say yes or no
    hx.push(h.features);
    hy.push(goldD.has(icd.slice(0, 3)) ? 1 : 0);
  }
}
/** The decision threshold with the best F1 on the training rows (misses counted as false negatives). */
function bestThreshold(model: LogisticModel, x: Float64Array[], y: number[], missed: number): LogisticModel {
  const p = x.map((row) => predictLogistic(model, row));
  let best = model.threshold;
  let bestF1 = -1;
  for (let t = 0.2; t <= 0.8001; t += 0.025) {
    let tp = 0;
    let fp = 0;
    let fn = missed;
    p.forEach((pi, i) => {
      if (pi >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      } else if (y[i] === 1) fn++;
    });
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = Number(t.toFixed(3));
    }
  }
  return { ...model, threshold: best };
}
const affectedCountry = bestThreshold(trainLogistic(COUNTRY_FEATURES, cx, cy), cx, cy, countryMissed);
const salientHazard = bestThreshold(trainLogistic(HAZARD_FEATURES, hx, hy), hx, hy, hazardMissed);

// relevance: positives are DON texts of odd years, negatives the State of the Union passages
const tagger = createReportTagger(lexicon, { affectedCountry, salientHazard, relevance: rules.relevance });
const rx: Float64Array[] = [];
const ry: number[] = [];
const evidence = (title: string, text: string): Float64Array => {
  const t = tagger.analyse(title, text);
  const counts = extractCaseCounts(text);
  return relevanceFeatures({
    forms: t.forms,
    text: `${title}\n\n${text}`,
    hazardMentions: t.hazardMentions,
    salientHazards: t.tags.hazards.length,
    affectedCountries: t.tags.countries.length,
    countsStated: counts.cases !== null || counts.deaths !== null,
  });
};
for (const d of dons) {
  if (d.text.length < 200) continue;
  rx.push(evidence(normaliseText(d.title ?? '').text, normaliseText(d.text).text));
  ry.push(1);
}
for (const n of readJsonl<{ text: string }>(join(here, 'relevance-negatives.jsonl'))) {
  rx.push(evidence('', normaliseText(n.text).text));
  ry.push(0);
}
// balance the classes: each class weighs half
const positives = ry.filter((y) => y === 1).length;
const negatives = ry.length - positives;
const bx: Float64Array[] = [];
const by: number[] = [];
rx.forEach((x, i) => {
  const copies = ry[i] === 1 ? 1 : Math.max(1, Math.round(positives / negatives));
  for (let k = 0; k < copies; k++) {
    bx.push(x);
    by.push(ry[i]);
  }
});
const relevance = trainLogistic(RELEVANCE_FEATURES, bx, by, { l2: 1e-2 });

const accuracy = (model: LogisticModel, x: Float64Array[], y: number[]): string =>
  (
    x.filter((row, i) => (predictLogistic(model, row) >= model.threshold ? 1 : 0) === y[i]).length / x.length
  ).toFixed(3);
const round = (m: LogisticModel): LogisticModel => ({
  features: m.features,
  weights: m.weights.map((w) => Number(w.toPrecision(6))),
  bias: Number(m.bias.toPrecision(6)),
  threshold: m.threshold,
});
const out = {
  about:
    'Logistic models of report tagging, fitted by datasets/text/train-tagging-models.ts on WHO DON reports of odd years (Torres-Munguía labels) and, for relevance, State of the Union passages as negatives.',
  trainedOn: {
    donReports: dons.length,
    countryRows: cx.length,
    hazardRows: hx.length,
    relevanceRows: { positive: positives, negative: negatives },
  },
  affectedCountry: round(affectedCountry),
  salientHazard: round(salientHazard),
  relevance: round(relevance),
};
writeFileSync(join(here, 'tagging-models.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `fitted on ${dons.length} DON reports of odd years: country rows ${cx.length} (training accuracy ${accuracy(affectedCountry, cx, cy)}), hazard rows ${hx.length} (${accuracy(salientHazard, hx, hy)}), relevance rows ${rx.length} (${accuracy(relevance, rx, ry)})`,
);
