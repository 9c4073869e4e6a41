/**
 * The dictionary that report tagging matches against: hazard names and synonyms from the hazard
 * catalogue, place names and aliases from the gazetteer, and curated extras (names in other languages,
 * phrases that contain a place name but name no place, towns named like a disease). Vocabularies come
 * in as arguments; reading them from files is the caller's business.
 */
import { TermTrie } from './term-trie.ts';
import { termForms } from './tokenize.ts';

/** A hazard of the catalogue (datasets/reference/hazards.json). */
export interface HazardVocabularyEntry {
  readonly code: string;
  readonly name: string;
  readonly icd10: string | null;
  readonly domain: string;
  readonly synonyms: ReadonlyArray<string>;
}

/** A place of the gazetteer (datasets/reference/places.json). */
export interface PlaceVocabularyEntry {
  readonly code: string;
  readonly name: string;
  readonly nameLocal?: string | null;
  readonly level: string;
  readonly parent: string | null;
  /** ISO 3166-1 alpha-2 of the country the place is in (the country itself for a country). */
  readonly iso2: string | null;
  readonly aliases: ReadonlyArray<string>;
}

/** Curated hazard wording (datasets/text/hazard-terms.json). */
export interface HazardTermCuration {
  /** Extra surface forms per hazard code, any language. */
  readonly terms: Readonly<Record<string, ReadonlyArray<string>>>;
  /** Catalogue synonyms too generic or misleading to match in text ("poultry", "Pneumonia"). */
  readonly dropSynonyms: ReadonlyArray<string>;
  /** Catalogue entries never tagged: too generic, or duplicates of a better entry. */
  readonly dropHazards?: ReadonlyArray<string>;
  /** Generic hazard code → narrower codes; the generic one is dropped when a narrower one is found. */
  readonly broader: Readonly<Record<string, ReadonlyArray<string>>>;
  /** Hazard given to influenza subtype tokens such as H5N1, H7N9, H3N2v. */
  readonly influenzaSubtypeHazard?: string;
}

/** A town whose name is also (part of) a disease name: "Lassa" in Borno State vs Lassa fever. */
export interface EponymLocality {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly parent: string | null;
  readonly eponymOf: string;
  readonly aliases: ReadonlyArray<string>;
}

/** Curated place wording (datasets/text/place-terms.json). */
export interface PlaceTermCuration {
  readonly terms: Readonly<Record<string, ReadonlyArray<string>>>;
  /** Phrases that contain a place name but name no place ("Gulf of Guinea", "guinea pig", "Lake Chad"). */
  readonly stop: ReadonlyArray<string>;
  /** Names that are places only when capitalised, whatever the script's general rule. */
  readonly capitalised: ReadonlyArray<string>;
  /** Country names that are also given names ("Chad", "Jordan", "Georgia"). */
  readonly personNames: ReadonlyArray<string>;
  readonly localities: ReadonlyArray<EponymLocality>;
  /** Gazetteer aliases that are wrong for their place (source errors), per place code. */
  readonly dropAliases?: Readonly<Record<string, ReadonlyArray<string>>>;
}

export interface LexiconHazard {
  readonly code: string;
  readonly name: string;
  readonly icd10: string | null;
  readonly domain: string;
}

export interface LexiconPlace {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  /** ISO alpha-2 of the country. */
  readonly country: string;
  readonly parent: string | null;
  /** Whether a mention alone is evidence for its country (countries, Chinese divisions, named towns). */
  readonly strong: boolean;
  /** For an eponymous town: the hazard named after it. */
  readonly eponymOf?: number;
}

/** How a term's first letter must be written for a match to count. */
export type CaseRule = 'any' | 'capitalised' | 'upper';

export type LexiconEntry =
  | {
      readonly kind: 'hazard';
      readonly index: number;
      readonly primary: boolean;
      readonly caseRule: CaseRule;
    }
  | {
      readonly kind: 'place';
      readonly index: number;
      readonly caseRule: CaseRule;
      readonly personName: boolean;
      /** The term is the place's own name (or a curated one), not a gazetteer alias. */
      readonly primary: boolean;
    }
  | { readonly kind: 'stop'; readonly caseRule: CaseRule };

export interface TaggingLexicon {
  readonly trie: TermTrie<LexiconEntry>;
  readonly hazards: ReadonlyArray<LexiconHazard>;
  readonly places: ReadonlyArray<LexiconPlace>;
  /** hazard index → indexes of the generic hazards it makes redundant. */
  readonly broaderOf: ReadonlyArray<ReadonlyArray<number>>;
  readonly influenzaSubtypeHazard: number | undefined;
  /** Curation keys that name no hazard or place of the vocabularies (reported, not fatal). */
  readonly problems: ReadonlyArray<string>;
}

export interface TaggingVocabularies {
  readonly hazards: ReadonlyArray<HazardVocabularyEntry>;
  readonly places: ReadonlyArray<PlaceVocabularyEntry>;
  readonly hazardTerms: HazardTermCuration;
  readonly placeTerms: PlaceTermCuration;
}

const HAS_CASE = /\p{Lu}|\p{Ll}/u;

// Unit names made only of these words ("Central", "Northern Region", "Est") are directions and types,
// not names: any report uses them, so they are not matched as places.
const GENERIC_PLACE_WORDS = new Set(
  'north south east west northern southern eastern western central centre center middle upper lower greater north-east northeast northwest southeast southwest island islands isle coast coastal capital federal lakes lake plateau highlands lowlands mountain mountains valley delta border river atlantic pacific maritime metropolitan interior littoral savannah savanes nord sud est ouest centre norte sur este oeste centro oriental occidental region regions province provinces district districts state states county department division zone territory city municipality governorate prefecture the of and de du des la le el del do da'.split(
    ' ',
  ),
);
const CLASSIFICATION_WORDING =
  /unspecified|elsewhere|classified|^other\b|\bcause of\b|\(inf\. with\)|^inf\b/i;
const DIGIT = /\d/;

/** All-caps Latin abbreviations match only as written ("US" the country, never "us"). */
function caseRuleOf(term: string, placeName: boolean): CaseRule {
  const letters = term.replace(/[^\p{L}]/gu, '');
  if (
    letters.length > 0 &&
    letters.length <= 5 &&
    letters === letters.toUpperCase() &&
    HAS_CASE.test(letters)
  )
    return 'upper';
  if (placeName && HAS_CASE.test(term[0] ?? '') && term[0] === term[0].toUpperCase()) return 'capitalised';
  return 'any';
}

function usablePlaceAlias(alias: string, iso3: string | undefined): boolean {
  if (alias.length < 2 || DIGIT.test(alias)) return false;
  if (iso3 !== undefined && alias === iso3) return false;
  if (/^[A-Z]{2,3}-/.test(alias)) return false; // NE/ISO codes such as "CHN-1179"
  return true;
}

/** Chinese names of divisions are ambiguous when short or generic ("城区" is any town centre). */
function usableChineseDivisionName(name: string): boolean {
  return name.length >= 3 && !['市辖区', '县', '自治县'].includes(name);
}

export function buildTaggingLexicon(v: TaggingVocabularies): TaggingLexicon {
  const trie = new TermTrie<LexiconEntry>();
  const problems: string[] = [];
  const hazards: LexiconHazard[] = v.hazards.map((h) => ({
    code: h.code,
    name: h.name,
    icd10: h.icd10,
    domain: h.domain,
  }));
  const hazardIndex = new Map(hazards.map((h, i) => [h.code, i]));

  // hazard terms: a term that is some hazard's name goes to those hazards only; a term that is only a
  // synonym goes to the one hazard whose name it resembles most (ties: the one with an ICD-10 code)
  const dropped = new Set(v.hazardTerms.dropSynonyms.map((s) => termForms(s).join(' ')));
  const byTerm = new Map<
    string,
    { forms: string[]; names: Set<number>; synonyms: Set<number>; raw: string }
  >();
  const note = (term: string, index: number, primary: boolean): void => {
    const forms = termForms(term);
    if (forms.length === 0) return;
    const key = forms.join(' ');
    let e = byTerm.get(key);
    if (e === undefined) {
      e = { forms, names: new Set(), synonyms: new Set(), raw: term };
      byTerm.set(key, e);
    }
    (primary ? e.names : e.synonyms).add(index);
  };
  const droppedHazards = new Set(v.hazardTerms.dropHazards ?? []);
  v.hazards.forEach((h, i) => {
    if (droppedHazards.has(h.code)) return;
    note(h.name, i, true);
    for (const s of h.synonyms) {
      if (CLASSIFICATION_WORDING.test(s) || s.length < 3) continue;
      if (dropped.has(termForms(s).join(' '))) continue;
      note(s, i, false);
    }
  });
  for (const [code, terms] of Object.entries(v.hazardTerms.terms)) {
    const i = hazardIndex.get(code);
    if (i === undefined) {
      problems.push(`hazard-terms: unknown hazard "${code}"`);
      continue;
    }
    for (const t of terms) note(t, i, true);
  }
  for (const e of byTerm.values()) {
    if (dropped.has(e.forms.join(' ')) && e.names.size === 0) continue;
    const rule = caseRuleOf(e.raw, false);
    if (e.names.size > 0) {
      for (const i of e.names) trie.add(e.forms, { kind: 'hazard', index: i, primary: true, caseRule: rule });
      continue;
    }
    const candidates = [...e.synonyms];
    const key = e.forms.join(' ');
    const score = (i: number): number =>
      (termForms(hazards[i].name).join(' ').startsWith(key) ? 2 : 0) + (hazards[i].icd10 === null ? 0 : 1);
    candidates.sort((a, b) => score(b) - score(a) || a - b);
    if (candidates.length > 2 && score(candidates[0]) === score(candidates[1])) continue; // too ambiguous
    trie.add(e.forms, { kind: 'hazard', index: candidates[0], primary: false, caseRule: rule });
  }

  // places
  const places: LexiconPlace[] = [];
  const placeIndex = new Map<string, number>();
  const capitalised = new Set(v.placeTerms.capitalised.map((s) => termForms(s).join(' ')));
  const personNames = new Set(v.placeTerms.personNames.map((s) => termForms(s).join(' ')));
  const iso3Of = new Map<string, string>();
  for (const p of v.places) {
    if (p.level === 'world' || p.iso2 === null) continue;
    const chinese = p.iso2 === 'CN' && p.level !== 'country';
    placeIndex.set(p.code, places.length);
    places.push({
      code: p.code,
      name: p.name,
      level: p.level,
      country: p.iso2,
      parent: p.parent,
      strong: p.level === 'country' || chinese,
    });
    const iso3 = p.level === 'country' ? p.aliases.find((a) => /^[A-Z]{3}$/.test(a)) : undefined;
    if (iso3 !== undefined) iso3Of.set(p.code, iso3);
  }
  const addPlaceTerm = (term: string, index: number, primary: boolean): void => {
    const forms = termForms(term);
    if (forms.length === 0) return;
    const key = forms.join(' ');
    const rule =
      capitalised.has(key) && caseRuleOf(term, true) === 'any' ? 'capitalised' : caseRuleOf(term, true);
    const entry = {
      kind: 'place',
      index,
      caseRule: rule,
      personName: personNames.has(key),
      primary,
    } as const;
    trie.add(forms, entry);
    // "Bosnia and Herzegovina" is also written "Bosnia & Herzegovina"
    if (forms.length >= 3 && forms.includes('and'))
      trie.add(
        forms.filter((f) => f !== 'and'),
        entry,
      );
  };
  const dropAliases = new Map(
    Object.entries(v.placeTerms.dropAliases ?? {}).map(([code, list]) => [code, new Set(list)]),
  );
  for (const p of v.places) {
    const i = placeIndex.get(p.code);
    if (i === undefined) continue;
    const place = places[i];
    const chineseDivision = place.country === 'CN' && (p.level === 'admin2' || p.level === 'admin3');
    const own = new Set([p.name, ...(p.nameLocal ? [p.nameLocal] : [])]);
    const dropped = dropAliases.get(p.code);
    for (const n of new Set([...own, ...p.aliases])) {
      if (!usablePlaceAlias(n, iso3Of.get(p.code)) || dropped?.has(n)) continue;
      if (p.level !== 'country' && termForms(n).every((f) => GENERIC_PLACE_WORDS.has(f))) continue;
      // postal-style unit codes ("IN", "OR", "ME") are words in running text
      if (p.level !== 'country' && /^[A-Z.]{1,4}$/.test(n)) continue;
      if (chineseDivision && !usableChineseDivisionName(n)) continue;
      addPlaceTerm(n, i, own.has(n));
    }
  }
  for (const [code, terms] of Object.entries(v.placeTerms.terms)) {
    const i = placeIndex.get(code);
    if (i === undefined) {
      problems.push(`place-terms: unknown place "${code}"`);
      continue;
    }
    for (const t of terms) addPlaceTerm(t, i, true);
  }
  for (const code of dropAliases.keys())
    if (!placeIndex.has(code)) problems.push(`place-terms: dropAliases names unknown place "${code}"`);
  for (const l of v.placeTerms.localities) {
    const eponymOf = hazardIndex.get(l.eponymOf);
    if (eponymOf === undefined)
      problems.push(`place-terms: locality ${l.code} names unknown hazard "${l.eponymOf}"`);
    placeIndex.set(l.code, places.length);
    places.push({
      code: l.code,
      name: l.name,
      level: 'locality',
      country: l.country,
      parent: l.parent,
      strong: false,
      eponymOf,
    });
    for (const t of [l.name, ...l.aliases]) addPlaceTerm(t, places.length - 1, true);
  }
  for (const s of v.placeTerms.stop) trie.add(termForms(s), { kind: 'stop', caseRule: 'any' });

  const broaderOf: number[][] = hazards.map(() => []);
  for (const [generic, narrower] of Object.entries(v.hazardTerms.broader)) {
    const g = hazardIndex.get(generic);
    if (g === undefined) {
      problems.push(`hazard-terms: unknown broader hazard "${generic}"`);
      continue;
    }
    for (const n of narrower) {
      const k = hazardIndex.get(n);
      if (k === undefined) problems.push(`hazard-terms: unknown narrower hazard "${n}"`);
      else broaderOf[k].push(g);
    }
  }
  const subtype = v.hazardTerms.influenzaSubtypeHazard;
  const influenzaSubtypeHazard = subtype === undefined ? undefined : hazardIndex.get(subtype);
  if (subtype !== undefined && influenzaSubtypeHazard === undefined)
    problems.push(`hazard-terms: unknown influenza subtype hazard "${subtype}"`);
  return { trie, hazards, places, broaderOf, influenzaSubtypeHazard, problems };
}
