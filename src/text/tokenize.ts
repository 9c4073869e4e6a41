/**
 * Word tokens for dictionary matching, in any script. Latin, Cyrillic, Arabic, Greek and Hangul words are
 * runs of letters and digits; every Han, Hiragana and Katakana character is a token of its own, because
 * Chinese and Japanese text has no spaces and a name may start at any character. Each token carries its
 * offsets in the source text and a folded form (see `foldToken`) so that the same function, applied to a
 * vocabulary term and to a text, gives comparable token sequences.
 */

/** The tokens of a text as parallel arrays (one entry per token), so tagging allocates little. */
export interface Tokens {
  readonly text: string;
  /** Folded forms, compared with the folded forms of vocabulary terms. */
  readonly forms: string[];
  /** Offset of each token's first UTF-16 unit in `text`. */
  readonly starts: Int32Array;
  /** Offset just past each token's last UTF-16 unit in `text`. */
  readonly ends: Int32Array;
  /** 1 where the token is a single CJK character (matched without word boundaries). */
  readonly cjk: Uint8Array;
  readonly length: number;
}

// Character classes of the Basic Multilingual Plane, built once: 0 separator, 1 word character, 2 a
// character that is a token by itself (Han, Hiragana, Katakana). Astral characters are separators.
const SEPARATOR = 0;
const WORD = 1;
const SINGLE = 2;
let classes: Uint8Array | undefined;

function charClasses(): Uint8Array {
  if (classes !== undefined) return classes;
  const c = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}\p{N}]/u;
  const single = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  for (let i = 0; i < 0x10000; i++) {
    if (i >= 0xd800 && i <= 0xdfff) continue;
    if (i < 0x80) {
      c[i] = (i >= 48 && i <= 57) || (i >= 65 && i <= 90) || (i >= 97 && i <= 122) ? WORD : SEPARATOR;
      continue;
    }
    const ch = String.fromCharCode(i);
    c[i] = single.test(ch) ? SINGLE : word.test(ch) ? WORD : SEPARATOR;
  }
  classes = c;
  return c;
}

const MARKS = /\p{M}+/gu;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
const CYRILLIC = /^[\u0400-\u04ff]+$/;
const ARABIC = /[\u0600-\u06ff]/;

// Russian case endings stripped so that "Китай", "Китая", "Китае" compare equal. Two-letter endings are
// tried first; -ия/-ии/-ию are deliberately absent so that "Нигерия" (Nigeria) never folds to "нигер" (Niger).
const RU_ENDINGS_3 = ['ого', 'его', 'ому', 'ему', 'ыми', 'ими'];
const RU_ENDINGS_2 = [
  'ей',
  'ой',
  'ом',
  'ем',
  'ам',
  'ям',
  'ах',
  'ях',
  'ою',
  'ею',
  'ью',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ый',
  'ий',
  'ую',
  'юю',
  'ых',
  'их',
  'ым',
  'им',
];
const RU_VOWELS = 'аяоеиыуюйь';

// adjective endings that end like a noun's ("Китая" is China's genitive, not an adjective): cut only
// when a stem of four letters or more remains
const RU_ADJECTIVE_2 = new Set(['ая', 'яя', 'ое', 'ее']);

function stemRussian(word: string): string {
  if (word.length < 4) return word;
  for (const e of RU_ENDINGS_3) if (word.length - 3 >= 3 && word.endsWith(e)) return word.slice(0, -3);
  for (const e of RU_ENDINGS_2) {
    const min = RU_ADJECTIVE_2.has(e) ? 4 : 3;
    if (word.length - 2 >= min && word.endsWith(e)) return word.slice(0, -2);
  }
  if (RU_VOWELS.includes(word[word.length - 1])) return word.slice(0, -1);
  return word;
}

function normaliseArabic(word: string): string {
  return (
    word
      // harakat, tatweel
      .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/ؤ/g, 'و')
      .replace(/ئ/g, 'ي')
  );
}

/**
 * Arabic attaches "and", "with", "for", "like" to the next word ("والصين", "بالصين", "للصين"). When a
 * vocabulary is given, the prefix is removed only if the remainder is a vocabulary word.
 */
function stripArabicPrefix(word: string, known: ReadonlySet<string> | undefined): string {
  if (known === undefined || known.has(word) || word.length < 4) return word;
  if (word.startsWith('لل')) {
    const w = `ال${word.slice(2)}`;
    if (known.has(w)) return w;
  }
  for (const p of ['وال', 'بال', 'فال', 'كال']) {
    if (word.startsWith(p)) {
      const w = word.slice(1);
      if (known.has(w)) return w;
    }
  }
  const first = word[0];
  if (first === 'و' || first === 'ب' || first === 'ل' || first === 'ف' || first === 'ك') {
    const w = word.slice(1);
    if (known.has(w)) return w;
    if (first === 'و' && (w[0] === 'ب' || w[0] === 'ل') && known.has(w.slice(1))) return w.slice(1);
  }
  return word;
}

/**
 * The comparable form of one token: lower case, Latin diacritics removed (é→e, ß→ss), Russian case
 * endings and Arabic letter variants levelled. `known` (the folded vocabulary words) lets Arabic clitic
 * prefixes be removed only where that yields a known word.
 */
export function foldToken(token: string, known?: ReadonlySet<string>): string {
  const lower = token.toLowerCase();
  if (isAscii(lower)) return lower;
  if (CYRILLIC.test(lower)) return stemRussian(lower.replace(/ё/g, 'е'));
  if (ARABIC.test(lower)) return stripArabicPrefix(normaliseArabic(lower), known);
  return lower.normalize('NFD').replace(MARKS, '').replace(/ß/g, 'ss').normalize('NFC');
}

/** Splits `text` into tokens; `known` is passed to `foldToken`. */
export function tokenize(text: string, known?: ReadonlySet<string>): Tokens {
  const cls = charClasses();
  const n = text.length;
  const forms: string[] = [];
  let starts = new Int32Array(Math.max(16, n >>> 2));
  let ends = new Int32Array(starts.length);
  let cjk = new Uint8Array(starts.length);
  let count = 0;
  // kind: 0 = a CJK character, 1 = lower-case ASCII (the form is the text), 2 = other ASCII, 3 = non-ASCII
  const push = (from: number, to: number, kind: number): void => {
    if (count === starts.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
      const c = new Uint8Array(cjk.length * 2);
      c.set(cjk);
      cjk = c;
    }
    const t = text.slice(from, to);
    forms.push(kind <= 1 ? t : kind === 2 ? t.toLowerCase() : foldToken(t, known));
    starts[count] = from;
    ends[count] = to;
    cjk[count] = kind === 0 ? 1 : 0;
    count++;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = cls[c];
    if (k === SEPARATOR) {
      i++;
    } else if (k === SINGLE) {
      push(i, i + 1, 0);
      i++;
    } else {
      const from = i;
      let kind = c >= 0x80 ? 3 : c >= 65 && c <= 90 ? 2 : 1;
      i++;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (cls[d] !== WORD) break;
        if (d >= 0x80) kind = 3;
        else if (kind === 1 && d >= 65 && d <= 90) kind = 2;
      }
      push(from, i, kind);
    }
  }
  return {
    text,
    forms,
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    cjk: cjk.subarray(0, count),
    length: count,
  };
}

/** The folded token forms of a vocabulary term (no Arabic prefix stripping: terms are written bare). */
export function termForms(term: string): string[] {
  return tokenize(term).forms;
}
