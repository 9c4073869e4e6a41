/**
 * A token trie: many multi-word terms matched in one left-to-right pass over a token sequence, each
 * position costing one map lookup when nothing starts there. Matches are leftmost-longest and do not
 * overlap, so a longer term hides the shorter ones inside it ("Lassa fever" hides the town "Lassa",
 * "Guinea-Bissau" hides "Guinea", "Gulf of Guinea" hides both).
 */
import type { Tokens } from './tokenize.ts';

interface Node<T> {
  next: Map<string, Node<T>> | undefined;
  values: T[] | undefined;
}

/** One match: tokens `[from, to)` of the searched sequence and every value stored for the term. */
export interface TermMatch<T> {
  readonly from: number;
  readonly to: number;
  readonly values: ReadonlyArray<T>;
}

export class TermTrie<T> {
  private readonly root: Node<T> = { next: new Map(), values: undefined };
  private readonly words = new Set<string>();
  private count = 0;

  /** Stores `value` under the term given as folded token forms; empty terms are ignored. */
  add(forms: ReadonlyArray<string>, value: T): void {
    if (forms.length === 0) return;
    let node = this.root;
    for (const f of forms) {
      this.words.add(f);
      node.next ??= new Map();
      let child = node.next.get(f);
      if (child === undefined) {
        child = { next: undefined, values: undefined };
        node.next.set(f, child);
      }
      node = child;
    }
    if (node.values === undefined) {
      node.values = [value];
      this.count++;
    } else node.values.push(value);
  }

  /** Number of distinct terms stored. */
  get size(): number {
    return this.count;
  }

  /** Every token form used by a stored term (lets the tokenizer resolve Arabic clitics). */
  get vocabulary(): ReadonlySet<string> {
    return this.words;
  }

  /**
   * Leftmost-longest, non-overlapping matches in `tokens`. `accept` may veto a candidate (for example a
   * case-sensitive abbreviation written in lower case); the next longest candidate is then tried.
   */
  matchAll(tokens: Tokens, accept?: (value: T, from: number, to: number) => boolean): TermMatch<T>[] {
    const out: TermMatch<T>[] = [];
    const forms = tokens.forms;
    const n = tokens.length;
    const rootNext = this.root.next;
    if (rootNext === undefined) return out;
    // terminals met on the current walk, reused across positions (no allocation per token)
    const ends: number[] = [];
    const found: T[][] = [];
    let i = 0;
    while (i < n) {
      let node = rootNext.get(forms[i]);
      if (node === undefined) {
        i++;
        continue;
      }
      let met = 0;
      let j = i + 1;
      for (;;) {
        if (node.values !== undefined) {
          ends[met] = j;
          found[met] = node.values;
          met++;
        }
        if (node.next === undefined || j >= n) break;
        const child: Node<T> | undefined = node.next.get(forms[j]);
        if (child === undefined) break;
        node = child;
        j++;
      }
      let matched = false;
      for (let k = met - 1; k >= 0 && !matched; k--) {
        const to = ends[k];
        let values = found[k];
        if (accept !== undefined) {
          let ok = 0;
          for (const v of values) if (accept(v, i, to)) ok++;
          if (ok === 0) continue;
          if (ok < values.length) values = values.filter((v) => accept(v, i, to));
        }
        out.push({ from: i, to, values });
        i = to;
        matched = true;
      }
      if (!matched) i++;
    }
    return out;
  }
}
