/**
 * Country decision only, held out: the five-fold cross-validation by year of eval.ts (same folds, same
 * inner year-grouped choice of trees and threshold), without the hazard and relevance models, for quick
 * measurement of feature changes. Prints micro P/R/F1 over candidate rows plus unnamed labelled countries.
 *
 *   npx tsx bench/ebs/country-cv.ts [--data ../shared/data/ebs]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger } from '../../src/cli/reports-tag-command.ts';
import { predictBinary } from '../../src/text/binary-model.ts';
import { COUNTRY_FEATURES } from '../../src/text/mention-features.ts';
import { type DonRecord, fitDecision, prepareReports, YEAR_GROUPS, yearGroup } from './fit-tagging-models.ts';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--data');
const dataDir = resolve(i >= 0 ? process.argv[i + 1] : join(here, '../../../shared/data/ebs'));
const { lexicon } = loadReportTagger(join(here, '../../datasets'), 'rules');
const dons = readFileSync(join(dataDir, 'who_don_reports.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as DonRecord);
// --drop a,b: those features set to 0 (ablation without recomputing the rows)
const d = process.argv.indexOf('--drop');
const dropped = (d >= 0 ? process.argv[d + 1].split(',') : []).map((n) => COUNTRY_FEATURES.indexOf(n));
if (dropped.includes(-1)) throw new Error('--drop: unknown feature');
// --boost '{"depth":3}': boosting options
const b = process.argv.indexOf('--boost');
const boosting = b >= 0 ? (JSON.parse(process.argv[b + 1]) as Record<string, number>) : {};
const labelled = prepareReports(lexicon, dons).filter((r) => r.record.labels.labelled);
for (const r of labelled) for (const x of r.country.x) for (const k of dropped) x[k] = 0;
let tp = 0;
let fp = 0;
let fn = 0;
const folds: string[] = [];
for (let fold = 0; fold < YEAR_GROUPS; fold++) {
  const fit = fitDecision(
    labelled.filter((r) => yearGroup(r) !== fold),
    (r) => r.country,
    COUNTRY_FEATURES,
    'trees',
    boosting,
  );
  let ftp = 0;
  let ffp = 0;
  let ffn = 0;
  for (const r of labelled.filter((x) => yearGroup(x) === fold)) {
    ffn += r.country.missed;
    r.country.x.forEach((x, k) => {
      const yes = predictBinary(fit.model, x) >= fit.model.threshold;
      if (yes && r.country.y[k] === 1) ftp++;
      else if (yes) ffp++;
      else if (r.country.y[k] === 1) ffn++;
    });
  }
  folds.push(`${fit.trees}t@${fit.model.threshold} F1 ${((2 * ftp) / (2 * ftp + ffp + ffn)).toFixed(3)}`);
  tp += ftp;
  fp += ffp;
  fn += ffn;
}
const f = (x: number): string => x.toFixed(3);
console.log(
  `countries held out P ${f(tp / (tp + fp))} R ${f(tp / (tp + fn))} F1 ${f((2 * tp) / (2 * tp + fp + fn))} (tp ${tp}, fp ${fp}, fn ${fn}) | ${folds.join('; ')}`,
);
