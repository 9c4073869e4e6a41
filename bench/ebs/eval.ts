/**
 * npm run eval:ebs — measures report tagging on the shared event-based surveillance data:
 * WHO Disease Outbreak News (countries and diseases against the Torres-Munguía labels: precision, recall,
 * F1, micro-averaged over reports, diseases compared at ICD-10 three-character level), the share of WOAH
 * WAHIS animal events whose country and disease are found, and case/death counts against CGHSS.
 *
 *   npx tsx bench/ebs/eval.ts [--data ../shared/data/ebs] [--models trained|rules] [--errors N]
 *
 * The trained models were fitted on DON reports of odd years only (datasets/text/train-tagging-models.ts),
 * so the figures are printed for odd (fitted) and even (held-out) years as well as for all.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReportTagger } from '../../src/cli/reports-tag-command.ts';
import { normaliseText } from '../../src/text/normalise-text.ts';
import type { ReportTags } from '../../src/text/report-tagger.ts';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const dataDir = resolve(arg('--data', join(here, '../../../shared/data/ebs')));
const modelKind = arg('--models', 'trained') === 'rules' ? 'rules' : 'trained';
const showErrors = Number(arg('--errors', '0'));

interface DonRecord {
  id: string;
  published: string;
  title: string | null;
  text: string;
  labels: { labelled: boolean; diseases: { icd10: string }[]; countries: { iso2: string | null }[] };
  labels_cghss: { rows: { cases_total: string | null; deaths: string | null }[] } | null;
}

interface WahisRecord {
  id: string;
  country_name: string;
  iso2: string | null;
  disease: string;
}

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

class Prf {
  tp = 0;
  fp = 0;
  fn = 0;
  add(predicted: ReadonlySet<string>, gold: ReadonlySet<string>): void {
    for (const p of predicted)
      if (gold.has(p)) this.tp++;
      else this.fp++;
    for (const g of gold) if (!predicted.has(g)) this.fn++;
  }
  get precision(): number {
    return this.tp + this.fp === 0 ? 0 : this.tp / (this.tp + this.fp);
  }
  get recall(): number {
    return this.tp + this.fn === 0 ? 0 : this.tp / (this.tp + this.fn);
  }
  get f1(): number {
    const p = this.precision;
    const r = this.recall;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  line(label: string): string {
    const f = (x: number): string => x.toFixed(3);
    return `${label.padEnd(34)} P ${f(this.precision)}  R ${f(this.recall)}  F1 ${f(this.f1)}   (tp ${this.tp}, fp ${this.fp}, fn ${this.fn})`;
  }
}

const started = performance.now();
const { tagger } = loadReportTagger(join(here, '../../datasets'), modelKind);
const loadMs = performance.now() - started;

const dons = readJsonl<DonRecord>(join(dataDir, 'who_don_reports.jsonl')).filter((d) => d.labels.labelled);
const splits = {
  all: { c: new Prf(), d: new Prf() },
  odd: { c: new Prf(), d: new Prf() },
  even: { c: new Prf(), d: new Prf() },
};
const countsExact = { cases: 0, casesStated: 0, deaths: 0, deathsStated: 0 };
const errors: string[] = [];
let tagMs = 0;
for (const d of dons) {
  const title = normaliseText(d.title ?? '').text;
  const text = normaliseText(d.text).text;
  const t0 = performance.now();
  const tags: ReportTags = tagger.tag(title, text);
  tagMs += performance.now() - t0;
  const goldC = new Set(d.labels.countries.map((c) => c.iso2).filter((c): c is string => c !== null));
  const goldD = new Set(d.labels.diseases.map((x) => x.icd10.slice(0, 3)));
  const predC = new Set(tags.countries);
  const predD = new Set(
    tags.hazards.map((h) => h.icd10?.slice(0, 3)).filter((c): c is string => c !== undefined),
  );
  const year = Number(d.published.slice(0, 4));
  for (const s of [splits.all, year % 2 === 1 ? splits.odd : splits.even]) {
    s.c.add(predC, goldC);
    s.d.add(predD, goldD);
  }
  const row = d.labels_cghss?.rows.length === 1 ? d.labels_cghss.rows[0] : undefined;
  const num = (s: string | null | undefined): number | null =>
    s === null || s === undefined || !/^\d+$/.test(s) ? null : Number(s);
  const goldCases = num(row?.cases_total);
  const goldDeaths = num(row?.deaths);
  if (goldCases !== null) {
    countsExact.casesStated++;
    if (tags.cases === goldCases) countsExact.cases++;
  }
  if (goldDeaths !== null) {
    countsExact.deathsStated++;
    if (tags.deaths === goldDeaths) countsExact.deaths++;
  }
  const wrongC =
    [...predC].filter((c) => !goldC.has(c)).length + [...goldC].filter((c) => !predC.has(c)).length;
  const wrongD =
    [...predD].filter((c) => !goldD.has(c)).length + [...goldD].filter((c) => !predD.has(c)).length;
  if (errors.length < showErrors && (wrongC > 0 || wrongD > 0) && goldC.size <= 3)
    errors.push(
      `${d.id} ${d.published} "${(d.title ?? text.slice(0, 80)).slice(0, 80)}"\n   countries ${[...predC].join(',')} vs ${[...goldC].join(',')} (mentioned ${tags.mentionedCountries.join(',')})\n   diseases ${[...predD].join(',')} vs ${[...goldD].join(',')} [${tags.hazards.map((h) => h.id).join(', ')}]`,
    );
}

const wahis = readJsonl<WahisRecord>(join(dataDir, 'wahis_animal_events.jsonl'));
let wCountry = 0;
let wCountryTotal = 0;
let wDisease = 0;
let wBoth = 0;
const coreName = (s: string): string =>
  s
    .replace(/\s*\((?:Inf|inf)\. (?:with|of)[^)]*\)\s*/g, ' ')
    .replace(/\s*\(\d{4}-\d{0,4}\)\s*/g, ' ')
    .replace(/\s*\(-\d{4}\)\s*/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
for (const w of wahis) {
  // an animal-health event as a feed would phrase it: disease and country, nothing else
  const tags = tagger.tag(`${w.disease} — ${w.country_name}`, '');
  const countryFound = w.iso2 !== null && tags.countries.includes(w.iso2);
  if (w.iso2 !== null) {
    wCountryTotal++;
    if (countryFound) wCountry++;
  }
  const want = coreName(w.disease);
  const diseaseFound = tags.hazards.some((h) => {
    const n = coreName(h.name);
    return n === want || want.startsWith(n) || n.startsWith(want);
  });
  if (diseaseFound) wDisease++;
  if (diseaseFound && countryFound) wBoth++;
}

const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)} % (${a}/${b})`;
const out: string[] = [];
out.push(`Event-based surveillance evaluation (models: ${modelKind}; data: ${dataDir})`);
out.push('');
out.push(`WHO Disease Outbreak News: ${dons.length} labelled reports`);
out.push(splits.all.c.line('countries (ISO alpha-2), all years'));
out.push(splits.all.d.line('diseases (ICD-10 3-char), all years'));
out.push(splits.odd.c.line('countries, odd years (fitted)'));
out.push(splits.odd.d.line('diseases, odd years (fitted)'));
out.push(splits.even.c.line('countries, even years (held out)'));
out.push(splits.even.d.line('diseases, even years (held out)'));
out.push(
  `targets: country F1 >= 0.90 ${splits.all.c.f1 >= 0.9 ? 'met' : 'NOT met'}, disease F1 >= 0.85 ${splits.all.d.f1 >= 0.85 ? 'met' : 'NOT met'}`,
);
out.push(
  `case count equal to CGHSS cases_total: ${pct(countsExact.cases, countsExact.casesStated)}; deaths: ${pct(countsExact.deaths, countsExact.deathsStated)}`,
);
out.push('');
out.push(`WOAH WAHIS animal events: ${wahis.length}`);
out.push(
  `country found: ${pct(wCountry, wCountryTotal)}; disease found: ${pct(wDisease, wahis.length)}; both: ${pct(wBoth, wahis.length)}`,
);
out.push('');
out.push(
  `tagging: ${(dons.length / (tagMs / 1000)).toFixed(0)} DON reports/s on one core (vocabularies loaded in ${loadMs.toFixed(0)} ms)`,
);
if (errors.length > 0) out.push('', 'first disagreements:', ...errors);
console.log(out.join('\n'));
