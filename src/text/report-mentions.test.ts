import { describe, expect, it } from 'vitest';
import { findMentions } from './report-mentions.ts';
import { buildTaggingLexicon, type PlaceVocabularyEntry } from './tagging-lexicon.ts';

const place = (
  code: string,
  name: string,
  level: 'country' | 'admin1',
  iso2: string,
  aliases: string[] = [],
): PlaceVocabularyEntry => ({ code, name, level, parent: level === 'country' ? null : iso2, iso2, aliases });

// Ecuador's French name is also the own name of a province of the Democratic Republic of the Congo
const lexicon = buildTaggingLexicon({
  hazards: [{ code: 'ebola', name: 'Ebola virus disease', icd10: 'A98.4', domain: 'human', synonyms: [] }],
  places: [
    place('EC', 'Ecuador', 'country', 'EC', ['Équateur', 'Equateur']),
    place('CD', 'Democratic Republic of the Congo', 'country', 'CD', ['DRC']),
    place('CD-EQ', 'Équateur', 'admin1', 'CD', ['Equateur']),
    place('CD-NK', 'North Kivu', 'admin1', 'CD'),
    place('NG', 'Nigeria', 'country', 'NG'),
    place('NE', 'Niger', 'country', 'NE'),
    place('NG-NI', 'Niger', 'admin1', 'NG'),
  ],
  hazardTerms: { terms: {}, dropSynonyms: [], broader: {} },
  placeTerms: { terms: {}, stop: [], capitalised: [], personNames: [], localities: [] },
});

const placesOf = (title: string, text: string): string[] =>
  findMentions(lexicon, title, text).places.map((m) => lexicon.places[m.place].code);

describe('findMentions', () => {
  it('reads a name followed by "Province" as the province, not the country it is an alias of', () => {
    expect(placesOf('', 'Three cases of Ebola virus disease were confirmed in Equateur Province.')).toEqual([
      'CD-EQ',
    ]);
  });

  it('reads a country alias as the province of the same name when the report names its country', () => {
    expect(
      placesOf(
        'Ebola virus disease – Democratic Republic of the Congo',
        'The outbreak in Equateur has spread to two health zones.',
      ),
    ).toEqual(['CD', 'CD-EQ']);
  });

  it('still reads the alias as the country when no unit noun follows and the unit’s country is not named', () => {
    expect(placesOf('', 'The patient had returned from Équateur last week.')).toEqual(['EC']);
  });

  it('reads "Niger State" as the Nigerian state and "Niger" alone as the country', () => {
    expect(placesOf('', 'Cases in Niger State, Nigeria.')).toEqual(['NG-NI', 'NG']);
    expect(placesOf('', 'Cases were reported in Niger.')).toEqual(['NE']);
  });
});
