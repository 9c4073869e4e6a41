import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  decideIhr,
  IHR_ALWAYS_ALGORITHM,
  IHR_ALWAYS_NOTIFIABLE,
  type IhrAnswers,
  ihrCategoryFromCatalogue,
} from './ihr-annex2.ts';

const yes = (why = 'because') => ({ answer: true, rationale: why });
const no = (why = 'because not') => ({ answer: false, rationale: why });

function answers(...a: ReadonlyArray<boolean>): IhrAnswers {
  const [s, u, i, t] = a.map((v) => (v ? yes() : no()));
  return { seriousImpact: s, unusual: u, internationalSpread: i, travelTradeRestrictions: t };
}

function problemFields(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError)
      return ((err.details?.problems ?? []) as Array<{ field: string }>).map((p) => p.field);
  }
  return [];
}

describe('the IHR Annex 2 decision instrument', () => {
  it('lists the four always-notifiable diseases of Annex 2', () => {
    expect(IHR_ALWAYS_NOTIFIABLE.map((d) => d.name)).toEqual([
      'Smallpox',
      'Poliomyelitis due to wild-type poliovirus',
      'Human influenza caused by a new subtype',
      'Severe acute respiratory syndrome (SARS)',
    ]);
  });

  it('lists the diseases that always lead to the algorithm, with the viral haemorrhagic fevers', () => {
    const names = IHR_ALWAYS_ALGORITHM.map((d) => d.name);
    for (const n of [
      'Cholera',
      'Pneumonic plague',
      'Yellow fever',
      'Ebola virus disease',
      'Lassa fever',
      'Marburg virus disease',
      'West Nile fever',
    ])
      expect(names).toContain(n);
  });

  it('notifies an always-notifiable disease without the questions', () => {
    expect(decideIhr('always-notifiable', {})).toEqual({
      outcome: 'notifiable',
      basis: 'always-notifiable-disease',
      yesCount: 0,
    });
  });

  it('notifies an always-notifiable disease even when the answers say no', () => {
    expect(decideIhr('always-notifiable', answers(false, false, false, false)).outcome).toBe('notifiable');
  });

  it.each([
    [[true, true, false, false], 'notifiable'],
    [[false, false, true, true], 'notifiable'],
    [[true, false, true, false], 'notifiable'],
    [[true, true, true, true], 'notifiable'],
    [[true, false, false, false], 'not-notifiable'],
    [[false, false, false, true], 'not-notifiable'],
    [[false, false, false, false], 'not-notifiable'],
  ] as const)('answers %j give %s ("notify if any two are yes")', (a, outcome) => {
    expect(decideIhr('always-algorithm', answers(...a)).outcome).toBe(outcome);
    expect(decideIhr('potential-concern', answers(...a)).outcome).toBe(outcome);
  });

  it('counts the yes answers', () => {
    expect(decideIhr('always-algorithm', answers(true, false, true, true)).yesCount).toBe(3);
  });

  it('requires all four questions for the algorithm, naming the missing ones', () => {
    expect(problemFields(() => decideIhr('always-algorithm', { unusual: yes() }))).toEqual([
      'answers.seriousImpact',
      'answers.internationalSpread',
      'answers.travelTradeRestrictions',
    ]);
  });

  it('requires a rationale for every answer given', () => {
    const a = { ...answers(true, true, false, false), unusual: { answer: true, rationale: '  ' } };
    expect(problemFields(() => decideIhr('always-algorithm', a))).toEqual(['answers.unusual.rationale']);
    expect(
      problemFields(() => decideIhr('always-notifiable', { seriousImpact: { answer: true, rationale: '' } })),
    ).toEqual(['answers.seriousImpact.rationale']);
  });

  it('reads the category from the hazard catalogue, anything else being of potential concern', () => {
    expect(ihrCategoryFromCatalogue('always-notifiable')).toBe('always-notifiable');
    expect(ihrCategoryFromCatalogue('always-algorithm')).toBe('always-algorithm');
    expect(ihrCategoryFromCatalogue(null)).toBe('potential-concern');
    expect(ihrCategoryFromCatalogue('something-else')).toBe('potential-concern');
  });
});
