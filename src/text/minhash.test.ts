import { describe, expect, it } from 'vitest';
import { hashTokens, minHashSignature, minHashSimilarity } from './minhash.ts';
import { tokenize } from './tokenize.ts';

const signatureOf = (forms: string[], permutations = 256): Uint32Array =>
  minHashSignature(hashTokens(forms), { permutations });

/** Exact Jaccard similarity of the 3-token shingle sets, computed directly. */
function jaccard(a: string[], b: string[]): number {
  const shingles = (x: string[]): Set<string> =>
    new Set(x.slice(0, -2).map((_, i) => x.slice(i, i + 3).join(' ')));
  const sa = shingles(a);
  const sb = shingles(b);
  const inter = [...sa].filter((s) => sb.has(s)).length;
  return inter / (sa.size + sb.size - inter);
}

describe('minHashSignature', () => {
  it('gives equal signatures to equal token sequences and similarity 1', () => {
    const forms = tokenize('A total of 12 cases of cholera were reported in the north.').forms;
    expect(minHashSimilarity(signatureOf(forms), signatureOf([...forms]))).toBe(1);
  });

  it('estimates the Jaccard similarity of the shingle sets within 0.1', () => {
    const base = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const edited = [...base.slice(0, 200), ...Array.from({ length: 100 }, (_, i) => `x${i}`)];
    const truth = jaccard(base, edited);
    expect(truth).toBeCloseTo(198 / 398, 10);
    expect(Math.abs(minHashSimilarity(signatureOf(base), signatureOf(edited)) - truth)).toBeLessThan(0.1);
  });

  it('gives unrelated texts a similarity near 0', () => {
    const a = Array.from({ length: 200 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 200 }, (_, i) => `b${i}`);
    expect(minHashSimilarity(signatureOf(a), signatureOf(b))).toBeLessThan(0.05);
  });

  it('compares Chinese texts by character shingles', () => {
    const a = tokenize(
      '广东省卫生健康委员会通报，本周全省新增登革热确诊病例十二例，主要分布在广州市和佛山市。',
    ).forms;
    const b = tokenize(
      '广东省卫生健康委员会通报：本周全省新增登革热确诊病例十三例，主要分布在广州市和佛山市。',
    ).forms;
    expect(minHashSimilarity(signatureOf(a), signatureOf(b))).toBeGreaterThan(0.7);
  });

  it('gives a text shorter than one shingle a signature of its own', () => {
    expect(minHashSimilarity(signatureOf(['cholera']), signatureOf(['cholera']))).toBe(1);
    expect(minHashSimilarity(signatureOf(['cholera']), signatureOf(['plague']))).toBe(0);
  });

  it('rejects signatures of different lengths and a bad permutation count', () => {
    expect(() => minHashSimilarity(new Uint32Array(4), new Uint32Array(8))).toThrow(RangeError);
    expect(() => minHashSignature(new Uint32Array(3), { permutations: 0 })).toThrow(RangeError);
  });
});
