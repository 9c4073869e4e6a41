import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise-text.ts';

describe('normaliseText', () => {
  it('applies NFKC so that full-width letters, digits and punctuation become ASCII', () => {
    expect(normaliseText('ＣＯＶＩＤ－１９：１２例').text).toBe('COVID-19:12例');
  });

  it('unifies line breaks, removes invisible characters and collapses spaces', () => {
    expect(normaliseText('a\u200b b\r\nc\u00a0\u00a0 d\t\u0007e\n\n\n\nf  ').text).toBe('a b\nc d e\n\nf');
  });

  it('leaves clean text as it is', () => {
    const clean = 'Cholera in Haiti.\n\nA total of 12 cases.';
    expect(normaliseText(clean)).toEqual({ text: clean, truncated: false, garbled: 0 });
  });

  it('cuts an over-long text at a word boundary and says so', () => {
    const r = normaliseText(`${'word '.repeat(100)}end`, { maxLength: 52 });
    expect(r.truncated).toBe(true);
    expect(r.text).toBe('word word word word word word word word word word');
  });

  it('never leaves half a surrogate pair and replaces lone surrogates', () => {
    expect(normaliseText('ab\ud83d\ude00', { maxLength: 3 }).text).toBe('ab');
    expect(normaliseText('a\ud800b').text).toBe('a\ufffdb');
  });

  it('flags UTF-8 that was read as Latin-1', () => {
    // "è" and "à" as UTF-8 bytes C3 A8 and C3 A0 read one byte per character
    expect(normaliseText('FiÃ¨vre jaune Ã\u00a0Abidjan').garbled).toBeGreaterThan(0.05);
    expect(normaliseText('Fièvre jaune à Abidjan').garbled).toBe(0);
  });
});
