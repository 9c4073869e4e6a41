/**
 * One canonical form for report text before anything else looks at it: Unicode NFKC (full-width Latin
 * and digits become ASCII, compatibility ligatures split), line breaks unified, control and invisible
 * format characters removed, spaces collapsed, and over-long text cut. Text that was decoded with the
 * wrong encoding is flagged, not guessed at.
 */

export interface NormalisedText {
  readonly text: string;
  /** The input was longer than the limit and was cut. */
  readonly truncated: boolean;
  /** Share of characters that are U+FFFD or typical UTF-8-read-as-Latin-1 sequences ("Ã©"). */
  readonly garbled: number;
}

export interface NormaliseOptions {
  /** Longest text kept, in UTF-16 code units; longer input is cut at a line or word boundary. */
  readonly maxLength: number;
}

export const DEFAULT_NORMALISE_OPTIONS: NormaliseOptions = Object.freeze({ maxLength: 200_000 });

// C0/C1 controls except tab and newline, zero-width and bidi controls, BOM, soft hyphen, tatweel-like fillers
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const SURROGATE = /[\ud800-\udfff]/;
const NEEDS_CLEANING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\r\u2028\u2029\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]| {2}| \n|\n |\n\n\n/;
const MOJIBAKE_ANY = /[\ufffdÃÂâ]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MOJIBAKE = /\ufffd|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€[\u0080-\u00bf\u2018-\u201d\u2122]/g;

export function normaliseText(input: string, options: Partial<NormaliseOptions> = {}): NormalisedText {
  const { maxLength } = { ...DEFAULT_NORMALISE_OPTIONS, ...options };
  let text = input;
  let truncated = false;
  if (text.length > maxLength) {
    truncated = true;
    const cut = text.lastIndexOf('\n', maxLength);
    const space = text.lastIndexOf(' ', maxLength);
    const at = cut > maxLength * 0.9 ? cut : space > maxLength * 0.9 ? space : maxLength;
    text = text.slice(0, at);
    // never leave half a surrogate pair
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
  }
  const bad = MOJIBAKE_ANY.test(text) ? (text.match(MOJIBAKE)?.length ?? 0) : 0;
  if (SURROGATE.test(text)) text = text.replace(LONE_SURROGATE, '\ufffd');
  text = text.normalize('NFKC');
  // most texts need none of the replacements below: one test instead of five passes
  if (NEEDS_CLEANING.test(text))
    text = text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(INVISIBLE, '')
      .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n');
  text = text.trim();
  return { text, truncated, garbled: text.length === 0 ? 0 : bad / text.length };
}
