/**
 * Fits the models of report tagging on the shared WHO DON reports (all years of the shared part; 2014,
 * 2022 and a random 30 % are held out elsewhere) and the relevance negatives, and writes the bundled
 * datasets/text/tagging-models.json. Run by hand when the vocabularies or the features change; npm run
 * eval:ebs measures the result and cross-validates by year. Nothing reads the shared folder at run or
 * test time.
 *
 *   npx tsx bench/ebs/train-tagging-models.ts [path/to/shared/data/ebs]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger } from '../../src/cli/reports-tag-command.ts';
import { type DonRecord, fitTaggingModels, prepareReports } from './fit-tagging-models.ts';

const here = dirname(fileURLToPath(import.meta.url));
const datasets = join(here, '../../datasets');
const dataDir = resolve(process.argv[2] ?? join(here, '../../../shared/data/ebs'));

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

const { lexicon, models: rules } = loadReportTagger(datasets, 'rules');
const dons = readJsonl<DonRecord>(join(dataDir, 'who_don_reports.jsonl'));
const negatives = readJsonl<{ text: string }>(join(datasets, 'text/relevance-negatives.jsonl')).map(
  (n) => n.text,
);
const { models, summary } = fitTaggingModels(
  lexicon,
  prepareReports(lexicon, dons),
  negatives,
  rules.relevance,
);
const out = {
  about:
    'Models of report tagging (boosted trees for affectedCountry and salientHazard, thresholds chosen by cross-validation over year groups; logistic regression for relevance), fitted by bench/ebs/train-tagging-models.ts on the shared WHO DON reports (Torres-Munguía labels) and, for relevance, State of the Union passages (relevance-negatives.jsonl) as negatives.',
  trainedOn: summary,
  ...models,
};
writeFileSync(join(datasets, 'text/tagging-models.json'), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `fitted on ${summary.reports} DON reports: ${summary.countryRows} country rows, ${summary.hazardRows} hazard rows, relevance ${summary.relevanceRows.positive}+/${summary.relevanceRows.negative}-`,
);
