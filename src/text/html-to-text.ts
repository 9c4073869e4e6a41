/**
 * Clean text from an HTML fragment or page: script, style and other non-content elements dropped with
 * their content, tags removed, block elements turned into line breaks, character references decoded.
 * The result is plain text, never markup: whatever a feed puts in a title or a description comes out
 * inert. A small, linear scanner rather than a DOM: feeds carry fragments, often broken ones.
 */

const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'head',
]);
const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
  deg: '°',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  euml: 'ë',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  auml: 'ä',
  atilde: 'ã',
  ccedil: 'ç',
  iacute: 'í',
  icirc: 'î',
  iuml: 'ï',
  ntilde: 'ñ',
  oacute: 'ó',
  ocirc: 'ô',
  ouml: 'ö',
  otilde: 'õ',
  uacute: 'ú',
  ucirc: 'û',
  uuml: 'ü',
  szlig: 'ß',
  Eacute: 'É',
  Agrave: 'À',
  Ccedil: 'Ç',
  copy: '©',
  reg: '®',
  times: '×',
  shy: '',
  zwnj: '\u200c',
  zwj: '\u200d',
};

/** Decodes character references (&amp; &#233; &#xE9;); unknown or invalid ones are left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref[0] === '#') {
        const code =
          ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
        return String.fromCodePoint(code);
      }
      return NAMED[ref] ?? whole;
    },
  );
}

/** Whether a string looks like markup (a tag or a character reference) rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let i = 0;
  const n = html.length;
  let lower: string | undefined;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (m === null) {
      // a lone "<" (as in "a < b" or "<!DOCTYPE") is text unless it opens a declaration
      if (html[lt + 1] === '!' || html[lt + 1] === '?') {
        const end = html.indexOf('>', lt);
        i = end < 0 ? n : end + 1;
      } else {
        out.push('<');
        i = lt + 1;
      }
      continue;
    }
    const name = m[1].toLowerCase();
    const closing = html[lt + 1] === '/';
    const gt = findTagEnd(html, lt + m[0].length);
    i = gt < 0 ? n : gt + 1;
    if (!closing && DROP_WITH_CONTENT.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      if (close < 0) i = n;
      else {
        const end = html.indexOf('>', close);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (BLOCK.has(name)) out.push('\n');
  }
  return decodeEntities(out.join(''))
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Index of the ">" closing a tag, skipping quoted attribute values; -1 if the tag never closes. */
function findTagEnd(html: string, from: number): number {
  let quote = '';
  for (let k = from; k < html.length; k++) {
    const c = html[k];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return k;
  }
  return -1;
}
