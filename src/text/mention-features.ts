/**
 * Features of a report's mentions of one country or one hazard, for the models that decide which
 * countries are affected (rather than merely mentioned) and which hazards the report is about:
 * position (title, lead), frequency, and cue words around the mentions.
 */

import type { Mention, ReportMentions } from './report-mentions.ts';
import type { TaggingLexicon } from './tagging-lexicon.ts';
import type { Tokens } from './tokenize.ts';

export const COUNTRY_FEATURES: ReadonlyArray<string> = Object.freeze([
  'inTitle',
  'inLead',
  'logCount',
  'share',
  'firstPosition',
  'isTop',
  'locative',
  'negativeCue',
  'listed',
  'logAdminMentions',
  'logCountries',
  'onlyCountry',
  'ambiguous',
  'institutionCue',
  'caseWordsNear',
  'followedByNumber',
  'regionalReport',
  'listedInRegional',
  'caseWordsInRegional',
  'relativeToTop',
  'eclipsedByHeadline',
  'titleCountries',
  'fromBefore',
  'hazardNear',
  'inParentheses',
  'authorityNear',
  'travelRole',
  'borderRole',
  'negatedRole',
  'cleanShare',
  'logClean',
  'numberSoon',
  'logListRun',
  'sovereignOfTerritory',
  'territoryWithSovereign',
]);

export const HAZARD_FEATURES: ReadonlyArray<string> = Object.freeze([
  'inTitle',
  'inLead',
  'logCount',
  'share',
  'firstPosition',
  'isTop',
  'negativeCue',
  'logHazards',
  'onlyHazard',
  'hasIcd10',
]);

export interface Candidate<K> {
  readonly key: K;
  readonly features: Float64Array;
}

const LOCATIVE = new Set(
  'in at from en au aux dans a à desde em na no nos nas im in в во на في ب 在 于'.split(' '),
);
// words before a country that mark it as a place of travel, origin, neighbourhood or support, not of cases
const COUNTRY_NEGATIVE = new Set(
  'travel travelled traveled travelling traveling travellers returned returning return imported import border borders bordering neighbouring neighboring neighbour neighbor supported support funded funding donated donor donors partners partner collaboration sent shipped referred flight flights visited visit trip embassy governments voyage viaje regreso'.split(
    ' ',
  ),
);
// words around a country that mark it as the seat of a laboratory or agency that helped
const INSTITUTION = new Set(
  'laboratory laboratories lab institut institute pasteur medecins frontieres msf cdc centers centres center centre prevention nicd reference collaborating atlanta johannesburg geneva experts expert team teams deployed tested testing confirmation'.split(
    ' ',
  ),
);
// words near a country that say something happened there
const CASE_WORDS = new Set(
  'case cases death deaths died confirmed outbreak outbreaks infected patients reported notified cas deces casos muertes brote surto falle'.split(
    ' ',
  ),
);
const NUMBER = /^\d/;
// the health authority of a country speaking: the usual opening of a report on that country
const AUTHORITY = new Set(
  'ministry ministries minister moh ministere ministerio ministerium министерств минздрав وزاره focal nfp authorities autorites autoridades behorden'.split(
    ' ',
  ),
);
const FROM = new Set(['from', 'de', 'desde', 'из', 'من', 'von', 'da', 'do']);
// words that make a country, later in the same clause, a place of travel or origin: "travel history to",
// "returning from", "imported from", "stayed in", "working in"
const TRAVEL = new Set(
  'travel travels travelled traveled travelling traveling traveller travellers traveler travelers returned returning return returnee returnees imported importation import arrived arriving arrival visited visiting visit visits trip trips journey pilgrimage pilgrims pilgrim stayed stay staying working worked transit ex voyage viaje viajo regreso retour sejour voyageur'.split(
    ' ',
  ),
);
// words that make a country a neighbour: "bordering Ethiopia", "on the border with Mali", "near the borders"
const BORDERING = new Set(
  'border borders bordering bordered neighbouring neighboring neighbour neighbor neighbours neighbors frontier frontiere frontera limitrophe'.split(
    ' ',
  ),
);
// words that deny cases in the countries that follow in the same clause: "No cases have been reported
// in Burundi, Mali and Senegal", "remain free of", "not affected"
const NEGATION = new Set('no not none neither nor free without never aucun ningun nenhum'.split(' '));
const BORDER = new Set(['border', 'borders', 'frontier', 'frontiere', 'frontera']);

/**
 * Dependent territories (ISO 3166-1 codes of their own) and the country they belong to. A report on a
 * territory names its sovereign too ("French Guiana, France"; "United States of America - Puerto Rico"),
 * and labels then hold the territory alone.
 */
export const SOVEREIGN_OF: Readonly<Record<string, string>> = Object.freeze({
  GF: 'FR',
  GP: 'FR',
  MQ: 'FR',
  RE: 'FR',
  YT: 'FR',
  MF: 'FR',
  BL: 'FR',
  PM: 'FR',
  NC: 'FR',
  PF: 'FR',
  WF: 'FR',
  PR: 'US',
  VI: 'US',
  GU: 'US',
  AS: 'US',
  MP: 'US',
  HK: 'CN',
  MO: 'CN',
  SX: 'NL',
  CW: 'NL',
  AW: 'NL',
  BQ: 'NL',
  GL: 'DK',
  FO: 'DK',
  GI: 'GB',
  BM: 'GB',
  KY: 'GB',
  VG: 'GB',
  AI: 'GB',
  MS: 'GB',
  TC: 'GB',
  FK: 'GB',
  SH: 'GB',
  GG: 'GB',
  JE: 'GB',
  IM: 'GB',
  CK: 'NZ',
  NU: 'NZ',
  TK: 'NZ',
  NF: 'AU',
  CX: 'AU',
  CC: 'AU',
  SJ: 'NO',
  AX: 'FI',
});

function near(
  tokens: Tokens,
  m: Mention,
  words: ReadonlySet<string>,
  before: number,
  after: number,
): boolean {
  const from = Math.max(0, m.from - before);
  const to = Math.min(tokens.length, m.to + after);
  for (let k = from; k < to; k++) if ((k < m.from || k >= m.to) && words.has(tokens.forms[k])) return true;
  return false;
}
const HAZARD_NEGATIVE = new Set(
  'negative excluded ruled exclude differential vaccine vaccines vaccination vaccinated immunization immunisation'.split(
    ' ',
  ),
);

/** Whether the characters between token k and token k+1 end a clause: . ; : ! ? brackets or a line break. */
function clauseEndsAfter(tokens: Tokens, k: number): boolean {
  const text = tokens.text;
  for (let i = tokens.ends[k], end = tokens.starts[k + 1]; i < end; i++) {
    const c = text.charCodeAt(i);
    // . ; : ! ? ( ) [ ] and \n
    if (
      c === 46 ||
      c === 59 ||
      c === 58 ||
      c === 33 ||
      c === 63 ||
      c === 40 ||
      c === 41 ||
      c === 91 ||
      c === 93 ||
      c === 10
    )
      return true;
  }
  return false;
}

/**
 * Whether a cue word occurs before mention `m` in the same clause (no . ; : ! ? brackets or line break in
 * between), at most `before` tokens back.
 */
export function cueInClause(tokens: Tokens, m: Mention, cues: ReadonlySet<string>, before: number): boolean {
  const stop = Math.max(0, m.from - before);
  for (let k = m.from - 1; k >= stop; k--) {
    if (clauseEndsAfter(tokens, k)) return false;
    if (cues.has(tokens.forms[k])) return true;
  }
  return false;
}

function hasCue(tokens: Tokens, m: Mention, cues: ReadonlySet<string>, before: number): boolean {
  for (let k = Math.max(0, m.from - before); k < m.from; k++) if (cues.has(tokens.forms[k])) return true;
  return false;
}

function locative(tokens: Tokens, m: Mention): boolean {
  if (m.from === 0) return false;
  const p = tokens.forms[m.from - 1];
  if (LOCATIVE.has(p)) return true;
  return (
    m.from > 1 &&
    (p === 'the' || p === 'la' || p === 'le' || p === 'el') &&
    LOCATIVE.has(tokens.forms[m.from - 2])
  );
}

interface Group {
  count: number;
  title: boolean;
  lead: boolean;
  first: number;
  locative: number;
  negative: number;
  listed: number;
  admin: number;
  ambiguous: number;
  institution: number;
  caseWords: number;
  number: number;
  from: number;
  hazard: number;
  parenthesised: number;
  authority: number;
  travel: number;
  border: number;
  negated: number;
  clean: number;
  numberSoon: number;
  listRun: number;
  mentions: number;
}

function newGroup(): Group {
  return {
    count: 0,
    title: false,
    lead: false,
    first: Number.POSITIVE_INFINITY,
    locative: 0,
    negative: 0,
    listed: 0,
    admin: 0,
    ambiguous: 0,
    institution: 0,
    caseWords: 0,
    number: 0,
    from: 0,
    hazard: 0,
    parenthesised: 0,
    authority: 0,
    travel: 0,
    border: 0,
    negated: 0,
    clean: 0,
    numberSoon: 0,
    listRun: 0,
    mentions: 0,
  };
}

/** What one place mention says about its country beyond being named. */
export interface MentionRoles {
  /** A place of travel, origin or transit ("travel history to X", "returning from X"). */
  readonly travel: boolean;
  /** A neighbour ("bordering X", "on the border with X", "the X border"). */
  readonly border: boolean;
  /** Named as having no cases ("no cases were reported in X"). */
  readonly negated: boolean;
}

export function mentionRoles(tokens: Tokens, m: Mention): MentionRoles {
  return {
    travel: cueInClause(tokens, m, TRAVEL, 7),
    border: cueInClause(tokens, m, BORDERING, 4) || near(tokens, m, BORDER, 0, 2),
    negated: cueInClause(tokens, m, NEGATION, 12),
  };
}

/** One feature row (COUNTRY_FEATURES order) per country the report mentions, keyed by ISO alpha-2. */
export function countryCandidates(lexicon: TaggingLexicon, r: ReportMentions): Candidate<string>[] {
  const groups = new Map<string, Group>();
  const tokens = r.tokens;
  const sorted = [...r.places].sort((a, b) => a.from - b.from);
  const hazardStarts = r.hazards.map((h) => h.from);
  // a country never named but for its units (two or more) is judged on its units' mentions
  const named = new Set<string>();
  for (const m of sorted) {
    const place = lexicon.places[m.place];
    if (place.level === 'country' || place.strong) named.add(place.country);
  }
  // runs of place mentions at most six tokens apart (lists): the length of the run each mention is in
  const run = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j].from - sorted[j - 1].to <= 6) j++;
    run.fill(j - i, i, j);
    i = j;
  }
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i];
    const place = lexicon.places[m.place];
    let g = groups.get(place.country);
    if (g === undefined) {
      g = newGroup();
      groups.set(place.country, g);
    }
    if (place.level !== 'country' && !place.strong) {
      g.admin += m.weight;
      if (named.has(place.country)) continue;
    }
    g.mentions++;
    g.count += m.weight;
    if (m.zone === 0) g.title = true;
    if (m.zone === 1) g.lead = true;
    g.first = Math.min(g.first, tokens.starts[m.from]);
    if (locative(tokens, m)) g.locative++;
    if (hasCue(tokens, m, COUNTRY_NEGATIVE, 6) || near(tokens, m, BORDER, 0, 2)) g.negative++;
    const prev = sorted[i - 1];
    const next = sorted[i + 1];
    const adjacent = (o: typeof m | undefined): boolean =>
      o !== undefined && lexicon.places[o.place].country !== place.country && Math.abs(o.from - m.from) <= 4;
    if (adjacent(prev) || adjacent(next)) g.listed++;
    if (m.weight < 1) g.ambiguous++;
    if (near(tokens, m, INSTITUTION, 6, 4)) g.institution++;
    if (near(tokens, m, CASE_WORDS, 8, 8)) g.caseWords++;
    if (m.to < tokens.length && NUMBER.test(tokens.forms[m.to])) g.number++;
    if (m.from > 0 && FROM.has(tokens.forms[m.from - 1])) g.from++;
    if (hazardStarts.some((h) => Math.abs(h - m.from) <= 12)) g.hazard++;
    if (tokens.text[tokens.starts[m.from] - 1] === '(') g.parenthesised++;
    if (near(tokens, m, AUTHORITY, 5, 4)) g.authority++;
    const roles = mentionRoles(tokens, m);
    if (roles.travel) g.travel++;
    if (roles.border) g.border++;
    if (roles.negated) g.negated++;
    if (!roles.travel && !roles.border && !roles.negated && !near(tokens, m, INSTITUTION, 6, 4)) g.clean++;
    // a figure within four tokens: "Mauritius (206 cases)", "Austria (HUS 0, EHEC 2)"
    for (let k = m.to, end = Math.min(tokens.length, m.to + 4); k < end; k++)
      if (NUMBER.test(tokens.forms[k])) {
        g.numberSoon++;
        break;
      }
    g.listRun = Math.max(g.listRun, run[i]);
  }
  const counted = [...groups.entries()].filter(([, g]) => g.count > 0);
  const titleCountries = counted.filter(([, g]) => g.title).length;
  // a report whose title (or, without a title, whose lead) names no single country is about a region:
  // there, every country listed with cases is likely affected
  const headline = counted.filter(([, g]) => (r.bodyStart > 0 ? g.title : g.lead)).length;
  const regional = r.bodyStart > 0 ? (headline === 1 ? 0 : 1) : headline === 0 || headline >= 3 ? 1 : 0;
  const total = counted.reduce((s, [, g]) => s + g.count, 0);
  const top = Math.max(0, ...counted.map(([, g]) => g.count));
  const length = Math.max(1, tokens.text.length);
  const present = new Set(counted.map(([key]) => key));
  const sovereigns = new Set<string>();
  for (const key of present) {
    const s = SOVEREIGN_OF[key];
    if (s !== undefined) sovereigns.add(s);
  }
  return counted.map(([key, g]) => {
    const n = g.mentions;
    const sovereign = SOVEREIGN_OF[key];
    return {
      key,
      features: Float64Array.from([
        g.title ? 1 : 0,
        g.lead ? 1 : 0,
        Math.log1p(g.count),
        g.count / total,
        1 - g.first / length,
        g.count === top ? 1 : 0,
        g.locative / n,
        g.negative / n,
        g.listed / n,
        Math.log1p(g.admin),
        Math.log1p(counted.length),
        counted.length === 1 ? 1 : 0,
        g.ambiguous / n,
        g.institution / n,
        g.caseWords / n,
        g.number / n,
        regional,
        (regional * g.listed) / n,
        (regional * g.caseWords) / n,
        g.count / top,
        regional === 0 && !(r.bodyStart > 0 ? g.title : g.lead) ? 1 : 0,
        Math.min(3, titleCountries),
        g.from / n,
        g.hazard / n,
        g.parenthesised / n,
        g.authority / n,
        g.travel / n,
        g.border / n,
        g.negated / n,
        g.clean / n,
        Math.log1p(g.clean),
        g.numberSoon / n,
        Math.log1p(g.listRun),
        sovereigns.has(key) ? 1 : 0,
        sovereign !== undefined && present.has(sovereign) ? 1 : 0,
      ]),
    };
  });
}

/** One feature row (HAZARD_FEATURES order) per hazard the report mentions, keyed by hazard index. */
export function hazardCandidates(lexicon: TaggingLexicon, r: ReportMentions): Candidate<number>[] {
  const groups = new Map<number, Group>();
  const tokens = r.tokens;
  for (const m of r.hazards) {
    let g = groups.get(m.hazard);
    if (g === undefined) {
      g = newGroup();
      groups.set(m.hazard, g);
    }
    g.count++;
    g.mentions++;
    if (m.zone === 0) g.title = true;
    if (m.zone === 1) g.lead = true;
    g.first = Math.min(g.first, tokens.starts[m.from]);
    if (hasCue(tokens, m, HAZARD_NEGATIVE, 4)) g.negative++;
  }
  const total = r.hazards.length;
  const top = Math.max(0, ...[...groups.values()].map((g) => g.count));
  const length = Math.max(1, tokens.text.length);
  return [...groups.entries()].map(([key, g]) => ({
    key,
    features: Float64Array.from([
      g.title ? 1 : 0,
      g.lead ? 1 : 0,
      Math.log1p(g.count),
      g.count / total,
      1 - g.first / length,
      g.count === top ? 1 : 0,
      g.negative / g.count,
      Math.log1p(groups.size),
      groups.size === 1 ? 1 : 0,
      lexicon.hazards[key].icd10 === null ? 0 : 1,
    ]),
  }));
}
