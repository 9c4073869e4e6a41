import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BinaryModel } from './binary-model.ts';
import type { LogisticModel } from './logistic-model.ts';
import { createReportTagger, type ReportTagger, RULE_MODELS } from './report-tagger.ts';
import { buildTaggingLexicon, type TaggingLexicon } from './tagging-lexicon.ts';

const datasets = new URL('../../datasets/', import.meta.url);
const json = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, datasets), 'utf8')) as T;

let lexicon: TaggingLexicon;
let tagger: ReportTagger;

beforeAll(() => {
  lexicon = buildTaggingLexicon({
    hazards: json('reference/hazards.json'),
    places: json('reference/places.json'),
    hazardTerms: json('text/hazard-terms.json'),
    placeTerms: json('text/place-terms.json'),
  });
  const models = json<{
    affectedCountry: BinaryModel;
    salientHazard: BinaryModel;
    relevance: LogisticModel;
  }>('text/tagging-models.json');
  tagger = createReportTagger(lexicon, models);
});

const hazardIds = (title: string, text: string): string[] => tagger.tag(title, text).hazards.map((h) => h.id);

describe('report tagging vocabularies', () => {
  it('builds the lexicon with every curated entry naming a known hazard or place', () => {
    expect(lexicon.problems).toEqual([]);
    expect(lexicon.trie.size).toBeGreaterThan(30_000);
  });
});

describe('createReportTagger', () => {
  it('tags an English report with language, affected country, hazard with ICD-10 and counts', () => {
    const tags = tagger.tag(
      'Cholera – Haiti',
      'The Ministry of Health of Haiti notified WHO of a cholera outbreak. A total of 1 234 suspected cases, including 56 deaths, have been reported.',
    );
    expect(tags.language).toBe('en');
    expect(tags.countries).toEqual(['HT']);
    expect(tags.hazards).toEqual([{ id: 'cholera', name: 'Cholera', icd10: 'A00.0' }]);
    expect([tags.cases, tags.deaths]).toEqual([1234, 56]);
    expect(tags.relevance).toBeGreaterThan(0.5);
  });

  it.each([
    [
      'fr',
      'Fièvre de Lassa au Nigéria',
      'Le ministère de la Santé du Nigéria a notifié 12 cas de fièvre de Lassa, dont 3 décès.',
      'NG',
      'lassa-fever',
    ],
    [
      'es',
      'Dengue en Perú',
      'El Ministerio de Salud del Perú informó 45 casos confirmados de dengue y 2 muertes.',
      'PE',
      'dengue',
    ],
    [
      'ar',
      'الكوليرا في اليمن',
      'أبلغت وزارة الصحة في اليمن عن 20 حالة إصابة بالكوليرا و 3 وفيات.',
      'YE',
      'cholera',
    ],
    [
      'ru',
      'Вспышка сибирской язвы в России',
      'В Российской Федерации зарегистрировано 15 случаев сибирской язвы.',
      'RU',
      'anthrax',
    ],
    [
      'zh',
      '广东省报告登革热疫情',
      '广东省卫生健康委员会通报，本周全省新增登革热确诊病例12例。',
      'CN',
      'dengue',
    ],
    [
      'pt',
      'Surto de febre amarela no Brasil',
      'O Ministério da Saúde do Brasil confirmou 30 casos de febre amarela e 5 óbitos.',
      'BR',
      'yellow-fever',
    ],
  ])('finds the country and the hazard of a report in %s', (language, title, text, country, hazard) => {
    const tags = tagger.tag(title, text);
    expect(tags.language).toBe(language);
    expect(tags.countries).toEqual([country]);
    expect(tags.hazards.map((h) => h.id)).toContain(hazard);
  });

  it('places a Chinese report in its province and prefecture', () => {
    const places = tagger.tag('', '广东省广州市报告登革热确诊病例12例。').places.map((p) => p.id);
    expect(places).toEqual(expect.arrayContaining(['CN-GD', 'CN-440100']));
  });

  it('reads Georgia as the country unless the report is about the United States', () => {
    expect(
      tagger.tag('', 'Georgia reported an outbreak of anthrax in the Kakheti region.').countries,
    ).toEqual(['GE']);
    const us = tagger.tag(
      '',
      'The United States reported West Nile virus cases in Georgia, Florida and Texas this summer.',
    );
    expect(us.countries).toEqual(['US']);
    expect(us.places.map((p) => p.id)).toEqual(expect.arrayContaining(['US-GA', 'US-FL', 'US-TX']));
  });

  it('does not take a person called Jordan or Chad for a country', () => {
    const tags = tagger.tag(
      '',
      'Dr Jordan Smith and Chad Miller of the team investigated cholera cases in Kenya.',
    );
    expect(tags.countries).toEqual(['KE']);
    expect(tags.places.map((p) => p.id)).not.toContain('JO');
    expect(tags.places.map((p) => p.id)).not.toContain('TD');
  });

  it('does not take Lake Chad, the Gulf of Guinea or a guinea pig for countries', () => {
    const tags = tagger.tag(
      '',
      'Cholera spread among fishing communities around Lake Chad in Nigeria. Ships in the Gulf of Guinea and a Guinea pig were tested.',
    );
    expect(tags.countries).toEqual(['NG']);
    expect(tags.places.map((p) => p.country)).not.toEqual(expect.arrayContaining(['TD']));
    expect(tags.places.map((p) => p.country)).not.toEqual(expect.arrayContaining(['GN']));
  });

  it('reads Lassa fever as the disease and Lassa the town as a place', () => {
    const fever = tagger.tag('', 'Three cases of Lassa fever were confirmed in Liberia.');
    expect(fever.hazards.map((h) => h.id)).toEqual(['lassa-fever']);
    expect(fever.places.map((p) => p.id)).toEqual(['LR']);
    const town = tagger.tag('', 'Measles cases were reported in Lassa, a town in Borno State, Nigeria.');
    expect(town.places.map((p) => p.id)).toContain('locality:NG:lassa');
    expect(town.hazards.map((h) => h.id)).toEqual(['measles']);
  });

  it('keeps Niger, Nigeria and Niger State apart', () => {
    expect(
      tagger.tag('Cholera – Niger', 'The Ministry of Health of Niger reported cholera in Maradi.').countries,
    ).toEqual(['NE']);
    const ng = tagger.tag('Cholera – Nigeria', 'Nigeria reported cholera in Niger State, Kano and Lagos.');
    expect(ng.countries).toEqual(['NG']);
    expect(ng.places.map((p) => p.id)).toContain('NG-NI');
  });

  it('tells the affected country from the country a case travelled from', () => {
    const tags = tagger.tag(
      'Imported case of Lassa fever in Germany',
      'Germany notified WHO of a confirmed case of Lassa fever in a patient hospitalised in Cologne. The patient had travelled from Togo.',
    );
    expect(tags.countries).toEqual(['DE']);
    expect(tags.mentionedCountries).toEqual(['TG']);
  });

  it('names both the agent and the syndrome for "Ebola haemorrhagic fever" and only the agent for "Ebola virus disease"', () => {
    expect(
      new Set(hazardIds('Ebola haemorrhagic fever in Gabon', 'Cases of Ebola haemorrhagic fever in Gabon.')),
    ).toEqual(new Set(['ebola', 'vhf-unspecified']));
    expect(
      hazardIds('Ebola virus disease – Uganda', 'Uganda declared an outbreak of Ebola virus disease.'),
    ).toEqual(['ebola']);
  });

  it('gives an influenza subtype written as a token its hazard', () => {
    expect(
      hazardIds(
        'Avian influenza A(H7N9) – China',
        'A human case of infection with influenza A(H7N9) in China.',
      ),
    ).toContain('influenza-new-subtype');
  });

  it('drops a generic hazard when a narrower one is found', () => {
    const ids = hazardIds(
      'Avian influenza – Egypt',
      'Egypt reported human avian influenza cases; influenza surveillance was reinforced.',
    );
    expect(ids).toContain('avian-influenza');
    expect(ids).not.toContain('influenza');
  });

  it('scores an outbreak report as relevant and a budget speech as not', () => {
    expect(
      tagger.tag('Cholera – Haiti', 'Haiti reported 120 cholera cases and 4 deaths in the outbreak.')
        .relevance,
    ).toBeGreaterThan(0.5);
    expect(
      tagger.tag(
        '',
        'We will balance the budget, cut taxes for families, invest in schools and roads, and create jobs.',
      ).relevance,
    ).toBeLessThan(0.5);
  });

  it('gives empty tags to an empty report', () => {
    expect(tagger.tag('', '')).toEqual({
      language: 'und',
      relevance: expect.any(Number),
      countries: [],
      mentionedCountries: [],
      places: [],
      hazards: [],
      cases: null,
      deaths: null,
    });
  });

  it('has one hand-set rule weight per feature', () => {
    expect(RULE_MODELS.affectedCountry).toMatchObject({ weights: expect.any(Array) });
    for (const m of [RULE_MODELS.affectedCountry, RULE_MODELS.salientHazard, RULE_MODELS.relevance])
      if ('weights' in m) expect(m.weights).toHaveLength(m.features.length);
  });

  it('works with the hand-set rule models too', () => {
    const rules = createReportTagger(lexicon, RULE_MODELS);
    expect(rules.tag('Cholera – Haiti', 'Haiti reported 120 cholera cases.').countries).toEqual(['HT']);
  });
});
