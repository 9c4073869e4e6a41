/**
 * Finds the hazards and places a report names, with where and how it names them: one pass of the
 * lexicon's term trie over title and text, then context rules for the names that are ambiguous
 * ("Georgia" the country or the US state, "Jordan" the country or a person, "Lassa" the town or the
 * fever, "Congo" which of the two).
 */
import type { LexiconEntry, TaggingLexicon } from './tagging-lexicon.ts';
import { type Tokens, tokenize } from './tokenize.ts';

export interface Mention {
  /** Token range [from, to) in `ReportMentions.tokens`. */
  readonly from: number;
  readonly to: number;
  /** 0 in the title, 1 in the lead (first two sentences of the text), 2 later. */
  readonly zone: 0 | 1 | 2;
}

export interface HazardMention extends Mention {
  readonly hazard: number;
}

export interface PlaceMention extends Mention {
  readonly place: number;
  /** 1, or 1/k when the name fits k places equally well. */
  readonly weight: number;
}

export interface ReportMentions {
  readonly tokens: Tokens;
  /** Offset in `tokens.text` where the text (after the title) begins. */
  readonly bodyStart: number;
  readonly hazards: ReadonlyArray<HazardMention>;
  readonly places: ReadonlyArray<PlaceMention>;
}

const TITLES = new Set(
  'dr mr mrs ms miss prof professor sir dame lord lady president minister king queen prince princess st saint'.split(
    ' ',
  ),
);
const AFTER_COUNTRY = new Set(
  'ministry government national health red republic armed army public food veterinary department office state province region country team authorities authority focal ihr cdc institute embassy border basin valley river who moh and or'.split(
    ' ',
  ),
);
const LOCATIVE = new Set('in at near from of to en a au à в из في من em na no'.split(' '));
const PLACE_NOUN = new Set('town village city area lga district state municipality'.split(' '));
// nouns after a first-level unit's own name that make it a place even when its country is not named
// ("Kano State", "Guangdong Province"): the unit then speaks for its country
const UNIT_NOUN = new Set(
  'province provinces state region district county department governorate prefecture oblast'.split(' '),
);
const DISEASE_NOUN = new Set(
  'fever virus outbreak outbreaks case cases infection infections disease patients patient epidemic lf'.split(
    ' ',
  ),
);
const SUBTYPE = /^h\d{1,2}(n\d{1,2})?v?$/;

/** "h5n1", "h7n9", "h3n2v": checked by hand first, as almost no token starts with h and a digit. */
function isSubtype(form: string): boolean {
  if (form.length < 2 || form.length > 7 || form.charCodeAt(0) !== 104) return false;
  const d = form.charCodeAt(1);
  return d >= 48 && d <= 57 && SUBTYPE.test(form);
}
const SENTENCE_END = /[.!?。！？]\s/g;

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function caseOk(entry: LexiconEntry, tokens: Tokens, from: number, to: number): boolean {
  if (entry.caseRule === 'any') return true;
  if (entry.caseRule === 'capitalised') {
    // ASCII first: only a lower-case letter fails (upper case and caseless characters pass)
    const code = tokens.text.charCodeAt(tokens.starts[from]);
    if (code < 128) return !(code >= 97 && code <= 122);
    const first = tokens.text.slice(tokens.starts[from], tokens.starts[from] + 1);
    return !(first.toLowerCase() !== first.toUpperCase()) || isUpper(first);
  }
  const end = tokens.ends[to - 1];
  const span = tokens.text.slice(tokens.starts[from], end);
  // "US$ 3 million" is money, not the United States
  return span === span.toUpperCase() && !/^ ?(?:\$|dollars?\b)/.test(tokens.text.slice(end, end + 9));
}

/** End of the lead: two sentences into the text, at most 600 characters. */
function leadEnd(text: string, bodyStart: number): number {
  SENTENCE_END.lastIndex = bodyStart;
  let end = Math.min(text.length, bodyStart + 600);
  let found = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
    if (m.index > end) break;
    if (++found === 2) {
      end = m.index + 1;
      break;
    }
  }
  return end;
}

function looksLikePerson(tokens: Tokens, from: number, to: number): boolean {
  const prev = from > 0 ? tokens.forms[from - 1].replace(/\.$/, '') : '';
  if (TITLES.has(prev)) return true;
  if (to >= tokens.length) return false;
  const gap = tokens.text.slice(tokens.ends[to - 1], tokens.starts[to]);
  if (gap !== ' ') return false;
  const next = tokens.text.slice(tokens.starts[to], tokens.ends[to]);
  return /^\p{Lu}\p{Ll}+$/u.test(next) && !AFTER_COUNTRY.has(tokens.forms[to]);
}

export function findMentions(lexicon: TaggingLexicon, title: string, body: string): ReportMentions {
  const text = title === '' ? body : `${title}\n\n${body}`;
  const bodyStart = title === '' ? 0 : title.length + 2;
  const lead = leadEnd(text, bodyStart);
  const tokens = tokenize(text, lexicon.trie.vocabulary);
  const zoneOf = (tokenIndex: number): 0 | 1 | 2 => {
    const at = tokens.starts[tokenIndex];
    return at < bodyStart ? 0 : at < lead ? 1 : 2;
  };
  const matches = lexicon.trie.matchAll(tokens, (e, from, to) => caseOk(e, tokens, from, to));
  const hazards: HazardMention[] = [];
  const primaries = new Set<number>();
  const pending: { from: number; to: number; candidates: number[]; primary: Set<number> }[] = [];
  let m = 0;
  // influenza subtypes (H5N1, H7N9, …) are tokens, not vocabulary terms
  const subtype = lexicon.influenzaSubtypeHazard;
  for (let i = 0; i < tokens.length; i++) {
    while (m < matches.length && matches[m].to <= i) m++;
    if (subtype !== undefined && isSubtype(tokens.forms[i]) && !(m < matches.length && matches[m].from <= i))
      hazards.push({ from: i, to: i + 1, zone: zoneOf(i), hazard: subtype });
  }
  for (const match of matches) {
    const zone = zoneOf(match.from);
    const seen = new Set<number>();
    const candidates: number[] = [];
    let isHazard = false;
    for (const e of match.values) {
      if (e.kind === 'hazard' && !seen.has(-1 - e.index)) {
        seen.add(-1 - e.index);
        hazards.push({ from: match.from, to: match.to, zone, hazard: e.index });
        isHazard = true;
      } else if (e.kind === 'place' && !seen.has(e.index)) {
        if (e.personName && looksLikePerson(tokens, match.from, match.to)) continue;
        seen.add(e.index);
        candidates.push(e.index);
        if (e.primary) primaries.add(e.index);
      }
    }
    // a country's own name beats another country's alias ("Congo" the Republic of the Congo's short name)
    const primaryCountry = candidates.some((c) => primaries.has(c) && lexicon.places[c].level === 'country');
    const kept = primaryCountry
      ? candidates.filter((c) => lexicon.places[c].level !== 'country' || primaries.has(c))
      : candidates;
    if (kept.length > 0 && !isHazard)
      pending.push({ from: match.from, to: match.to, candidates: kept, primary: new Set(primaries) });
    primaries.clear();
  }
  const hazardFound = new Set(hazards.map((h) => h.hazard));

  // unambiguous mentions first: they settle the ambiguous ones. A country counts as named when its name
  // (or a Chinese division) occurs, or when two of its first-level units do.
  const places = lexicon.places;
  const named = new Set<string>();
  const units = new Map<string, Set<number>>();
  for (const p of pending) {
    if (p.candidates.length !== 1) continue;
    const place = places[p.candidates[0]];
    if (place.strong) named.add(place.country);
    else if (place.level === 'admin1') {
      const set = units.get(place.country);
      if (set === undefined) units.set(place.country, new Set([p.candidates[0]]));
      else set.add(p.candidates[0]);
    }
  }
  const unitCount = (country: string): number => units.get(country)?.size ?? 0;
  const countryMentioned = (country: string): boolean => named.has(country) || unitCount(country) >= 2;
  const resolved: PlaceMention[] = [];
  for (const p of pending) {
    const zone = zoneOf(p.from);
    const unitNounNext = p.to < tokens.length && UNIT_NOUN.has(tokens.forms[p.to]);
    let best: number[] = [];
    let bestScore = -1;
    for (const c of p.candidates) {
      const place = places[c];
      let score: number;
      if (place.eponymOf !== undefined) {
        const prev = p.from > 0 ? tokens.forms[p.from - 1] : '';
        const next = p.to < tokens.length ? tokens.forms[p.to] : '';
        const locative = LOCATIVE.has(prev) || PLACE_NOUN.has(next);
        if (!locative && (hazardFound.has(place.eponymOf) || DISEASE_NOUN.has(next))) {
          hazards.push({ from: p.from, to: p.to, zone, hazard: place.eponymOf });
          score = -1;
        } else score = 1;
      } else if (place.level === 'country')
        // a title names the country the report is about; the country's own units speak for it
        score =
          2 +
          (named.has(place.country) ? 1 : 0) +
          (unitCount(place.country) > 0 ? 2 : 0) +
          (zone === 0 ? 2 : 0);
      else if (place.strong) score = 2;
      else if (!countryMentioned(place.country) && !(unitNounNext && p.primary.has(c))) score = -1;
      else score = 1 + (unitCount(place.country) > 0 ? 2 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = [c];
      } else if (score === bestScore) best.push(c);
    }
    if (bestScore < 0) continue;
    for (const c of best) resolved.push({ from: p.from, to: p.to, zone, place: c, weight: 1 / best.length });
  }
  return { tokens, bodyStart, hazards, places: resolved };
}
