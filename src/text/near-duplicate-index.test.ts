import { describe, expect, it } from 'vitest';
import { contentKey } from './content-key.ts';
import { hashTokens, minHashSignature } from './minhash.ts';
import { NearDuplicateIndex } from './near-duplicate-index.ts';
import { tokenize } from './tokenize.ts';

const REPORT =
  'On 2 October 2022, the Ministry of Health of Haiti notified WHO of a cholera outbreak in Port-au-Prince. ' +
  'As of 20 October, a total of 1234 suspected cases, including 56 deaths, have been reported from ten communes. ' +
  'Response activities include water treatment, case management and an oral cholera vaccination campaign.';

function fingerprint(text: string): { key: string; signature: Uint32Array } {
  const hashes = hashTokens(tokenize(text).forms);
  return { key: contentKey(hashes), signature: minHashSignature(hashes) };
}

function add(index: NearDuplicateIndex, id: string, text: string) {
  const f = fingerprint(text);
  return index.link(id, f.key, f.signature);
}

describe('NearDuplicateIndex', () => {
  it('links an exact copy, differing only in case, spacing and punctuation, to the original', () => {
    const index = new NearDuplicateIndex();
    expect(add(index, 'a', REPORT)).toEqual({ kind: 'new' });
    expect(add(index, 'b', REPORT.toUpperCase().replace(/ /g, '  ').replace(/,/g, ''))).toEqual({
      kind: 'exact',
      of: 'a',
    });
  });

  it('links a lightly edited copy as a near duplicate with its similarity', () => {
    const index = new NearDuplicateIndex();
    add(index, 'a', REPORT);
    const link = add(index, 'b', REPORT.replace('1234 suspected cases', '1240 suspected cases'));
    expect(link.kind).toBe('near');
    if (link.kind === 'near') {
      expect(link.of).toBe('a');
      expect(link.similarity).toBeGreaterThanOrEqual(0.8);
      expect(link.similarity).toBeLessThan(1);
    }
  });

  it('keeps an unrelated report new', () => {
    const index = new NearDuplicateIndex();
    add(index, 'a', REPORT);
    expect(
      add(
        index,
        'b',
        'Avian influenza A(H5N1) was confirmed in a backyard poultry flock in the east of the country.',
      ),
    ).toEqual({
      kind: 'new',
    });
  });

  it('links every later copy to the first one', () => {
    const index = new NearDuplicateIndex();
    add(index, 'a', REPORT);
    add(index, 'b', REPORT);
    expect(add(index, 'c', REPORT)).toEqual({ kind: 'exact', of: 'a' });
    expect(index.size).toBe(3);
  });

  it('finds without adding and refuses an id twice', () => {
    const index = new NearDuplicateIndex();
    const f = fingerprint(REPORT);
    expect(index.find(f.key, f.signature)).toEqual({ kind: 'new' });
    index.add('a', f.key, f.signature);
    expect(() => index.add('a', f.key, f.signature)).toThrow(RangeError);
  });

  it('rejects options it cannot use', () => {
    expect(() => new NearDuplicateIndex({ threshold: 0 })).toThrow(RangeError);
    expect(() => new NearDuplicateIndex({ bandRows: 0 })).toThrow(RangeError);
    const index = new NearDuplicateIndex({ bandRows: 5 });
    expect(() => index.find('k', new Uint32Array(64))).toThrow(RangeError);
  });
});

describe('contentKey', () => {
  it('is 16 hex digits, equal for equal token sequences and different otherwise', () => {
    const a = contentKey(hashTokens(['cholera', 'in', 'haiti']));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(contentKey(hashTokens(['cholera', 'in', 'haiti']))).toBe(a);
    expect(contentKey(hashTokens(['haiti', 'in', 'cholera']))).not.toBe(a);
    expect(contentKey(hashTokens([]))).not.toBe(a);
  });
});
