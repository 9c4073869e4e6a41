import { describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../src/detection/detectors/option-specs.ts';
import { OPTION_DESCRIPTIONS_ZH, optionDescription } from '../../web/src/i18n/option-descriptions-zh.ts';

const serverDescriptions = [
  ...new Set(Object.values(OPTION_SPECS).flatMap((specs) => specs.map((s) => s.description))),
];

describe('the Chinese meanings of detection options', () => {
  it('cover every meaning the server sends', () => {
    expect(serverDescriptions.filter((d) => OPTION_DESCRIPTIONS_ZH[d] === undefined)).toEqual([]);
  });

  it('keep no entry the server no longer sends', () => {
    expect(Object.keys(OPTION_DESCRIPTIONS_ZH).filter((d) => !serverDescriptions.includes(d))).toEqual([]);
  });

  it('keep the bracketed option positions of the English text', () => {
    const marks = (s: string) => [...s.matchAll(/\[\d\]/g)].map((m) => m[0]).sort();
    const differing = serverDescriptions.filter(
      (d) => marks(d).join() !== marks(OPTION_DESCRIPTIONS_ZH[d] ?? '').join(),
    );
    expect(differing).toEqual([]);
  });

  it('answer in Chinese for zh-CN and in the server English otherwise', () => {
    expect(optionDescription('decision boundary', 'zh-CN')).toBe('决策界限');
    expect(optionDescription('decision boundary', 'en')).toBe('decision boundary');
    expect(optionDescription('a meaning added later', 'zh-CN')).toBe('a meaning added later');
  });
});
