import { describe, expect, it } from 'vitest';
import { interpolate, type MessageKey } from '../../web/src/i18n/messages.ts';
import { messagesEn } from '../../web/src/i18n/messages-en.ts';
import { messagesZh } from '../../web/src/i18n/messages-zh.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(messagesEn) as MessageKey[];

describe('the UI message catalogues', () => {
  it('give every English key a non-empty Chinese string', () => {
    expect(Object.keys(messagesZh).sort()).toEqual([...keys].sort());
    expect(keys.filter((k) => messagesZh[k].trim() === '')).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = keys.filter(
      (k) => placeholders(messagesEn[k]).join(',') !== placeholders(messagesZh[k]).join(','),
    );
    expect(mismatched).toEqual([]);
  });

  it('translate the words (only names and codes may stay the same)', () => {
    const same = keys.filter((k) => messagesEn[k] === messagesZh[k]);
    expect(same).toEqual([]);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(interpolate('{n} of {total}', { n: 2, total: '1,000' })).toBe('2 of 1,000');
    expect(interpolate('due in {duration}', {})).toBe('due in {duration}');
  });
});
