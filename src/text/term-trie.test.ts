import { describe, expect, it } from 'vitest';
import { TermTrie } from './term-trie.ts';
import { termForms, tokenize } from './tokenize.ts';

function trieOf(terms: Record<string, string>): TermTrie<string> {
  const t = new TermTrie<string>();
  for (const [term, value] of Object.entries(terms)) t.add(termForms(term), value);
  return t;
}

const found = (trie: TermTrie<string>, text: string): string[] =>
  trie.matchAll(tokenize(text)).flatMap((m) => m.values);

describe('TermTrie', () => {
  const trie = trieOf({
    Guinea: 'GN',
    'Guinea-Bissau': 'GW',
    'Equatorial Guinea': 'GQ',
    'Gulf of Guinea': 'stop',
    'Lassa fever': 'lassa-fever',
    Lassa: 'lassa-town',
  });

  it('prefers the longest term at a position', () => {
    expect(found(trie, 'Cases in Guinea-Bissau and Equatorial Guinea')).toEqual(['GW', 'GQ']);
  });

  it('hides the shorter terms inside a longer one', () => {
    expect(found(trie, 'Lassa fever near Lassa, and ships in the Gulf of Guinea')).toEqual([
      'lassa-fever',
      'lassa-town',
      'stop',
    ]);
  });

  it('reports token ranges of non-overlapping matches from left to right', () => {
    const m = trie.matchAll(tokenize('Guinea Guinea-Bissau'));
    expect(m.map((x) => [x.from, x.to])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('tries the next shorter term when the longest one is vetoed', () => {
    const m = trie.matchAll(tokenize('Guinea-Bissau'), (v) => v !== 'GW');
    expect(m.flatMap((x) => x.values)).toEqual(['GN']);
  });

  it('keeps every value stored under the same term', () => {
    const t = new TermTrie<string>();
    t.add(termForms('Congo'), 'CD');
    t.add(termForms('Congo'), 'CG');
    expect(t.size).toBe(1);
    expect(found(t, 'Congo')).toEqual(['CD', 'CG']);
  });

  it('matches Chinese names inside running text without spaces', () => {
    const t = trieOf({ 几内亚: 'GN', 几内亚比绍: 'GW', 巴布亚新几内亚: 'PG' });
    expect(found(t, '巴布亚新几内亚和几内亚比绍以及几内亚')).toEqual(['PG', 'GW', 'GN']);
  });
});
