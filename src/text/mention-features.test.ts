import { describe, expect, it } from 'vitest';
import { COUNTRY_FEATURES, countryCandidates, mentionRoles } from './mention-features.ts';
import { findMentions } from './report-mentions.ts';
import { buildTaggingLexicon, type PlaceVocabularyEntry } from './tagging-lexicon.ts';

const country = (iso2: string, name: string): PlaceVocabularyEntry => ({
  code: iso2,
  name,
  level: 'country',
  parent: null,
  iso2,
  aliases: [],
});
const lexicon = buildTaggingLexicon({
  hazards: [{ code: 'cholera', name: 'Cholera', icd10: 'A00', domain: 'human', synonyms: [] }],
  places: [
    'KE Kenya',
    'UG Uganda',
    'ET Ethiopia',
    'SD Sudan',
    'NG Nigeria',
    'US United States',
    'SN Senegal',
    'PR Puerto Rico',
  ]
    .map((s) => s.split(' '))
    .map(([iso2, ...name]) => country(iso2, name.join(' '))),
  hazardTerms: { terms: {}, dropSynonyms: [], broader: {} },
  placeTerms: { terms: {}, stop: [], capitalised: [], personNames: [], localities: [] },
});

/** The roles of each place mention of the text, keyed "ISO:role,role". */
function roles(text: string): string[] {
  const m = findMentions(lexicon, '', text);
  return m.places.map((p) => {
    const r = mentionRoles(m.tokens, p);
    const on = (['travel', 'border', 'negated'] as const).filter((k) => r[k]);
    return `${lexicon.places[p.place].country}:${on.join(',')}`;
  });
}

describe('mentionRoles', () => {
  it('marks a country after "travel history to" or "returning from" as a place of travel', () => {
    expect(roles('The patient, a resident of the United States, had a travel history to Nigeria.')).toEqual([
      'US:',
      'NG:travel',
    ]);
    expect(roles('A man returning from Senegal fell ill.')).toEqual(['SN:travel']);
  });

  it('does not carry a travel word across the end of a sentence', () => {
    expect(roles('Nobody had travelled. Cases rose in Kenya.')).toEqual(['KE:']);
  });

  it('marks countries after "bordering" or before "border" as neighbours', () => {
    expect(roles('The outbreak in Sudan is in a state bordering Ethiopia.')).toEqual(['SD:', 'ET:border']);
    expect(roles('The village lies near the Uganda border.')).toEqual(['UG:border']);
  });

  it('marks every country of a list that follows "no cases" as negated', () => {
    expect(roles('No cases have been reported in Kenya, Uganda and Ethiopia.')).toEqual([
      'KE:negated',
      'UG:negated',
      'ET:negated',
    ]);
    expect(roles('Kenya reported 12 cases.')).toEqual(['KE:']);
  });
});

describe('countryCandidates', () => {
  it('gives a country named only as a travel destination no clean mention', () => {
    const m = findMentions(
      lexicon,
      'Cholera – Kenya',
      'Kenya reported 40 cases. One case had a travel history to Uganda.',
    );
    const rows = new Map(countryCandidates(lexicon, m).map((c) => [c.key, c.features]));
    const clean = COUNTRY_FEATURES.indexOf('cleanShare');
    const travel = COUNTRY_FEATURES.indexOf('travelRole');
    expect([rows.get('KE')?.[clean], rows.get('UG')?.[clean], rows.get('UG')?.[travel]]).toEqual([1, 0, 1]);
  });

  it('marks a sovereign named beside its territory, and the territory, apart from other countries', () => {
    const m = findMentions(
      lexicon,
      'Zika virus infection - United States - Puerto Rico',
      'Kenya was not involved.',
    );
    const rows = new Map(countryCandidates(lexicon, m).map((c) => [c.key, c.features]));
    const sovereign = COUNTRY_FEATURES.indexOf('sovereignOfTerritory');
    const territory = COUNTRY_FEATURES.indexOf('territoryWithSovereign');
    expect(['US', 'PR', 'KE'].map((k) => [rows.get(k)?.[sovereign], rows.get(k)?.[territory]])).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
  });

  it('gives the countries of a list with figures the length of the list and a figure nearby', () => {
    const m = findMentions(
      lexicon,
      '',
      'Cases were notified from: Kenya (HUS 0, EHEC 2), Uganda (7, 7) and Sudan (4). Experts came later from the ministry of Nigeria.',
    );
    const rows = new Map(countryCandidates(lexicon, m).map((c) => [c.key, c.features]));
    const run = COUNTRY_FEATURES.indexOf('logListRun');
    const figure = COUNTRY_FEATURES.indexOf('numberSoon');
    expect(['KE', 'UG', 'SD', 'NG'].map((k) => rows.get(k)?.[figure])).toEqual([1, 1, 1, 0]);
    expect(['KE', 'SD', 'NG'].map((k) => Math.round(Math.expm1(rows.get(k)?.[run] ?? Number.NaN)))).toEqual([
      3, 3, 1,
    ]);
  });
});
