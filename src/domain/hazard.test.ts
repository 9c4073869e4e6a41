import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { applyHazardChanges, type Hazard, validateHazardDraft } from './hazard.ts';

const cholera: Hazard = {
  id: 'h1',
  code: 'cholera',
  name: 'Cholera',
  domain: 'human',
  icd10: 'A00',
  icd11: '1A00',
  pathogen: 'Vibrio cholerae',
  synonyms: ['霍乱'],
  ihrCategory: 'always-algorithm',
  nationalClass: 'A',
  active: true,
  version: 3,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function problemsOf(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.details?.problems;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('hazard rules', () => {
  it('accepts a complete draft and trims and de-duplicates synonyms', () => {
    expect(
      validateHazardDraft({
        code: 'xylella',
        name: ' Xylella ',
        domain: 'plant',
        synonyms: ['olive quick decline', ' olive quick decline'],
      }),
    ).toEqual({
      code: 'xylella',
      name: 'Xylella',
      domain: 'plant',
      icd10: null,
      icd11: null,
      pathogen: null,
      synonyms: ['olive quick decline'],
      ihrCategory: null,
      nationalClass: null,
    });
  });

  it('reports every bad field at once', () => {
    expect(
      problemsOf(() =>
        validateHazardDraft({
          code: 'Bad Code',
          domain: 'weather',
          ihrCategory: 'sometimes',
          nationalClass: 'D',
        }),
      ),
    ).toEqual([
      { field: 'code', message: expect.stringContaining('lowercase') },
      { field: 'name', message: 'is required' },
      { field: 'domain', message: expect.stringContaining('one of human') },
      { field: 'ihrCategory', message: expect.stringContaining('always-notifiable') },
      { field: 'nationalClass', message: expect.stringContaining('A, B, C') },
    ]);
  });

  it('makes the next version when changed, keeping what was not mentioned', () => {
    const next = applyHazardChanges(
      cholera,
      { nationalClass: 'B', active: false },
      '2026-02-01T00:00:00.000Z',
    );
    expect(next).toMatchObject({
      nationalClass: 'B',
      active: false,
      version: 4,
      name: 'Cholera',
      icd10: 'A00',
    });
    expect(next.updatedAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('refuses to change the code that imports refer to', () => {
    expect(problemsOf(() => applyHazardChanges(cholera, { code: 'vibrio' }, 'now'))).toEqual([
      { field: 'code', message: expect.stringContaining('cannot change') },
    ]);
  });
});
