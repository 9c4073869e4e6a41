import { describe, expect, it } from 'vitest';
import { findMentions } from './report-mentions.ts';
import { buildTaggingLexicon, type PlaceVocabularyEntry } from './tagging-lexicon.ts';

const place = (
  code: string,
  name: string,
  level: 'country' | 'admin1',
  iso2: string,
): PlaceVocabularyEntry => ({
  code,
  name,
  level,
  parent: level === 'country' ? null : iso2,
  iso2,
  aliases: [],
});

const lexicon = buildTaggingLexicon({
  hazards: [{ code: 'yellow-fever', name: 'Yellow fever', icd10: 'A95', domain: 'human', synonyms: [] }],
  places: [
    place('NG', 'Nigeria', 'country', 'NG'),
    place('NG-KN', 'Kano', 'admin1', 'NG'),
    place('NG-BA', 'Bauchi', 'admin1', 'NG'),
  ],
  hazardTerms: { terms: {}, dropSynonyms: [], broader: {} },
  placeTerms: { terms: {}, stop: [], capitalised: [], personNames: [], localities: [] },
});

const placesOf = (text: string): string[] =>
  findMentions(lexicon, '', text).places.map((m) => lexicon.places[m.place].code);

describe('findMentions', () => {
  it('counts a unit followed by "State" or "Province" even when its country is not named', () => {
    expect(placesOf('A suspected yellow fever case was reported from Kano State.')).toEqual(['NG-KN']);
  });

  it('does not count a lone unit name when its country is not named', () => {
    expect(placesOf('A suspected yellow fever case was reported from Kano.')).toEqual([]);
  });

  it('counts a lone unit name once its country is named', () => {
    expect(placesOf('Nigeria reported a case from Kano.')).toEqual(['NG', 'NG-KN']);
  });
});
