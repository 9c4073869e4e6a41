import { describe, expect, it } from 'vitest';
import { foldToken, termForms, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits Chinese text into one token per character and Latin text into words', () => {
    expect(tokenize('广东省 reported H5N1 cases').forms).toEqual([
      '广',
      '东',
      '省',
      'reported',
      'h5n1',
      'cases',
    ]);
  });

  it('keeps each token’s offsets into the original text', () => {
    const t = tokenize('  Côte d’Ivoire, 2024');
    expect(t.length).toBe(4);
    expect(Array.from(t.starts)).toEqual([2, 7, 9, 17]);
    expect(Array.from(t.ends)).toEqual([6, 8, 15, 21]);
    expect(t.text.slice(t.starts[2], t.ends[2])).toBe('Ivoire');
  });

  it('marks CJK characters so that they match without word boundaries', () => {
    expect(Array.from(tokenize('在北京 Beijing').cjk)).toEqual([1, 1, 1, 0]);
  });

  it('folds case and Latin accents so that Côte and COTE compare equal', () => {
    expect(foldToken('Côte')).toBe('cote');
    expect(foldToken('COTE')).toBe('cote');
    expect(foldToken('Straße')).toBe('strasse');
  });

  it('cuts Russian case endings so that Китай, Китая and Китае compare equal', () => {
    expect(new Set(['Китай', 'Китая', 'Китае', 'Китаем'].map((w) => foldToken(w)))).toEqual(
      new Set(['кита']),
    );
  });

  it('keeps Нигерия (Nigeria) apart from Нигер (Niger) in every case', () => {
    const nigeria = new Set(['Нигерия', 'Нигерии', 'Нигерию'].map((w) => foldToken(w)));
    const niger = new Set(['Нигер', 'Нигера', 'Нигере'].map((w) => foldToken(w)));
    expect(nigeria.size).toBe(1);
    expect(niger.size).toBe(1);
    expect([...nigeria][0]).not.toBe([...niger][0]);
  });

  it('levels Arabic letter variants and strips a clitic prefix only when the rest is a known word', () => {
    const known = new Set([foldToken('الصين')]);
    expect(foldToken('والصين', known)).toBe(foldToken('الصين'));
    expect(foldToken('للصين', known)).toBe(foldToken('الصين'));
    expect(foldToken('والصين')).toBe('والصين');
    expect(foldToken('أفريقيا')).toBe(foldToken('افريقيا'));
  });

  it('gives a vocabulary term the same forms as the same words in a text', () => {
    expect(termForms('Guinea-Bissau')).toEqual(['guinea', 'bissau']);
    expect(tokenize('in Guinea Bissau').forms.slice(1)).toEqual(termForms('Guinea-Bissau'));
  });

  it('returns no tokens for an empty or punctuation-only text', () => {
    expect(tokenize('').length).toBe(0);
    expect(tokenize(' ,.;!? — ').length).toBe(0);
  });
});
