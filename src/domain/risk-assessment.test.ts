import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  CONSEQUENCES,
  type Consequences,
  LIKELIHOODS,
  type Likelihood,
  newRiskAssessment,
  overallRisk,
  type RiskAssessmentInput,
  type RiskLevel,
  WHO_RISK_MATRIX,
} from './risk-assessment.ts';

// The WHO (2012) manual's risk matrix, transcribed row by row (likelihood, top to bottom) and column
// by column (consequences: minimal, minor, moderate, major, severe). L low, M moderate, H high, VH very high.
const PUBLISHED: ReadonlyArray<readonly [Likelihood, string]> = [
  ['almost-certain', 'M  H  H  VH VH'],
  ['highly-likely', 'M  H  H  VH VH'],
  ['likely', 'L  M  H  H  VH'],
  ['unlikely', 'L  L  M  H  H'],
  ['very-unlikely', 'L  L  M  M  H'],
];
const LEVEL: Readonly<Record<string, RiskLevel>> = { L: 'low', M: 'moderate', H: 'high', VH: 'very-high' };
const CELLS = PUBLISHED.flatMap(([likelihood, row]) =>
  row
    .split(/\s+/)
    .map((code, i) => [likelihood, CONSEQUENCES[i], LEVEL[code]] as [Likelihood, Consequences, RiskLevel]),
);

const INPUT: RiskAssessmentInput = {
  hazardAssessment: ' Vibrio cholerae O1 confirmed by culture ',
  exposureAssessment: 'Shared well water in two villages',
  contextAssessment: 'Rainy season, limited sanitation',
  structured: { hazard: { confirmed: true }, exposure: { exposed: 1200 }, context: { season: 'rainy' } },
  likelihood: 'likely',
  consequences: 'major',
  confidence: 'moderate',
  recommendedActions: [' chlorinate wells ', 'active case finding'],
};

describe('the WHO risk matrix', () => {
  it('has all 25 cells of the published matrix', () => {
    expect(CELLS).toHaveLength(25);
    expect(Object.keys(WHO_RISK_MATRIX).sort()).toEqual([...LIKELIHOODS].sort());
  });

  it.each(CELLS)('gives %s × %s → %s', (likelihood, consequences, level) => {
    expect(overallRisk(likelihood, consequences)).toBe(level);
  });

  it('never lowers the risk when likelihood or consequences grow', () => {
    const rank = (r: RiskLevel) => ['low', 'moderate', 'high', 'very-high'].indexOf(r);
    for (let l = 0; l < LIKELIHOODS.length; l++)
      for (let c = 0; c < CONSEQUENCES.length; c++) {
        const here = rank(overallRisk(LIKELIHOODS[l], CONSEQUENCES[c]));
        if (c + 1 < CONSEQUENCES.length)
          expect(rank(overallRisk(LIKELIHOODS[l], CONSEQUENCES[c + 1]))).toBeGreaterThanOrEqual(here);
        if (l > 0)
          expect(rank(overallRisk(LIKELIHOODS[l - 1], CONSEQUENCES[c]))).toBeGreaterThanOrEqual(here);
      }
  });
});

describe('a risk assessment', () => {
  const make = (input: RiskAssessmentInput, previousVersion = 0) =>
    newRiskAssessment({
      id: 'ra1',
      subjectType: 'signal',
      subjectId: 's1',
      previousVersion,
      input,
      assessedBy: 'u1',
      assessedAt: '2026-11-28T08:00:00.000Z',
    });

  it('takes its overall risk from the matrix and trims its texts', () => {
    const a = make(INPUT);
    expect(a.overallRisk).toBe('high');
    expect(a.hazardAssessment).toBe('Vibrio cholerae O1 confirmed by culture');
    expect(a.recommendedActions).toEqual(['chlorinate wells', 'active case finding']);
    expect(a.structured.exposure).toEqual({ exposed: 1200 });
  });

  it('is the next version of the subject', () => {
    expect(make(INPUT).version).toBe(1);
    expect(make(INPUT, 3).version).toBe(4);
  });

  it('names every bad field at once', () => {
    const bad = {
      ...INPUT,
      hazardAssessment: ' ',
      likelihood: 'probable',
      confidence: 'total',
      recommendedActions: ['ok', ''],
      structured: { hazard: { nested: { no: 1 } } },
    } as unknown as RiskAssessmentInput;
    try {
      make(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      const fields = (((err as DomainError).details?.problems ?? []) as Array<{ field: string }>).map(
        (p) => p.field,
      );
      expect(fields).toEqual([
        'hazardAssessment',
        'likelihood',
        'confidence',
        'recommendedActions[1]',
        'structured.hazard.nested',
      ]);
    }
  });
});
