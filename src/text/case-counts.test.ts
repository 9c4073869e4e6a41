import { describe, expect, it } from 'vitest';
import { extractCaseCounts } from './case-counts.ts';

describe('extractCaseCounts', () => {
  it('reads a total with thousands separated by spaces and the deaths it includes', () => {
    expect(
      extractCaseCounts(
        'As of 20 October, a total of 1 234 suspected cases, including 56 deaths, were reported.',
      ),
    ).toEqual({
      cases: 1234,
      deaths: 56,
    });
  });

  it('prefers the figure marked as a total over a larger partial one stated later', () => {
    const text = `A total of 300 cases have been reported. ${'Filler sentence about the response. '.repeat(40)}In one district 450 cases were seen.`;
    expect(extractCaseCounts(text).cases).toBe(300);
  });

  it('reads comma thousands, number words and "died"', () => {
    expect(extractCaseCounts('There were 12,500 confirmed cases; three patients died.')).toEqual({
      cases: 12500,
      deaths: 3,
    });
  });

  it('reads French, Spanish, Portuguese and German counts', () => {
    expect(extractCaseCounts('12 cas de fièvre de Lassa, dont 3 décès')).toEqual({ cases: 12, deaths: 3 });
    expect(extractCaseCounts('45 casos confirmados de dengue y 2 muertes')).toEqual({ cases: 45, deaths: 2 });
    expect(extractCaseCounts('30 casos de febre amarela e 5 óbitos')).toEqual({ cases: 30, deaths: 5 });
    expect(extractCaseCounts('18 Fälle und 2 Todesfälle')).toEqual({ cases: 18, deaths: 2 });
  });

  it('reads Russian, Arabic and Chinese counts', () => {
    expect(extractCaseCounts('зарегистрировано 15 случаев, 2 смерти')).toEqual({ cases: 15, deaths: 2 });
    expect(extractCaseCounts('20 حالة إصابة و 3 وفيات')).toEqual({ cases: 20, deaths: 3 });
    expect(extractCaseCounts('新增确诊病例12例，死亡1例')).toEqual({ cases: 12, deaths: 1 });
  });

  it('does not take years, epidemiological weeks or decimals for counts', () => {
    expect(
      extractCaseCounts('In 2019 cases rose; in week 12 cases fell; the rate was 3.5 cases per 1000.'),
    ).toEqual({
      cases: null,
      deaths: null,
    });
  });

  it('returns nulls when no count is stated', () => {
    expect(extractCaseCounts('The Ministry of Health declared the end of the outbreak.')).toEqual({
      cases: null,
      deaths: null,
    });
  });
});
