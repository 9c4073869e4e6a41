/**
 * Dumps the held-out country errors of the year-grouped cross-validation (the same folds as eval.ts):
 * for every report, each false positive and false negative with the model's probability and the
 * sentence of its first mention (or "no mention" when no candidate names it). For error analysis only.
 *
 *   npx tsx bench/ebs/country-errors.ts [--data ../shared/data/ebs] [--out /tmp/country-errors.txt]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger } from '../../src/cli/reports-tag-command.ts';
import { predictBinary } from '../../src/text/binary-model.ts';
import { countryCandidates } from '../../src/text/mention-features.ts';
import { findMentions } from '../../src/text/report-mentions.ts';
import {
  type DonRecord,
  fitTaggingModels,
  prepareReports,
  YEAR_GROUPS,
  yearGroup,
} from './fit-tagging-models.ts';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const dataDir = resolve(arg('--data', join(here, '../../../shared/data/ebs')));
const outFile = arg('--out', '/tmp/country-errors.txt');
const datasets = join(here, '../../datasets');
const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

const shipped = loadReportTagger(datasets, 'trained');
const rules = loadReportTagger(datasets, 'rules');
const lexicon = shipped.lexicon;
const prepared = prepareReports(lexicon, readJsonl<DonRecord>(join(dataDir, 'who_don_reports.jsonl')));
const negatives = readJsonl<{ text: string }>(join(datasets, 'text/relevance-negatives.jsonl')).map(
  (n) => n.text,
);
const FOLDS = YEAR_GROUPS;
const lines: string[] = [];
const sentenceAround = (text: string, at: number): string => {
  let s = at;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1])) s--;
  let e = at;
  while (e < text.length && !/[.!?\n]/.test(text[e])) e++;
  return text.slice(Math.max(s, at - 160), Math.min(e + 1, at + 160)).trim();
};
for (let fold = 0; fold < FOLDS; fold++) {
  const train = prepared.filter((d) => yearGroup(d) !== fold);
  const { models } = fitTaggingModels(
    lexicon,
    train,
    negatives.filter((_, i) => i % FOLDS !== fold),
    rules.models.relevance,
  );
  for (const r of prepared.filter((x) => yearGroup(x) === fold && x.record.labels.labelled)) {
    const { title, text, record: d } = r;
    const m = findMentions(lexicon, title, text);
    const scored = countryCandidates(lexicon, m).map((c) => ({
      key: c.key,
      p: predictBinary(models.affectedCountry, c.features),
    }));
    const gold = new Set(d.labels.countries.map((c) => c.iso2).filter((c): c is string => c !== null));
    const predicted = new Set(
      scored.filter((c) => c.p >= models.affectedCountry.threshold).map((c) => c.key),
    );
    const errors: string[] = [];
    const where = (country: string): string => {
      const mention = m.places.find((p) => lexicon.places[p.place].country === country);
      if (mention === undefined) return 'no mention';
      const place = lexicon.places[mention.place];
      const at = m.tokens.starts[mention.from];
      return `[${place.level} ${place.name} z${mention.zone}] ${sentenceAround(m.tokens.text, at).replace(/\s+/g, ' ')}`;
    };
    for (const c of scored)
      if (predicted.has(c.key) && !gold.has(c.key))
        errors.push(`    FP ${c.key} p=${c.p.toFixed(2)} ${where(c.key)}`);
    for (const g of gold)
      if (!predicted.has(g)) {
        const c = scored.find((x) => x.key === g);
        errors.push(`    FN ${g} p=${c === undefined ? '-' : c.p.toFixed(2)} ${where(g)}`);
      }
    if (errors.length > 0)
      lines.push(
        `${d.id} ${d.published} gold=${gold.size} pred=${predicted.size} "${(title || text.slice(0, 80)).replace(/\s+/g, ' ')}"\n${errors.join('\n')}`,
      );
  }
}
writeFileSync(outFile, `${lines.join('\n')}\n`);
console.log(`${lines.length} reports with country errors written to ${outFile}`);
