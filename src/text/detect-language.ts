/**
 * Language of a text as an ISO 639-1 code. Uses franc-min (trigram profiles of the languages with 8M+
 * speakers, by writing system: Han → Chinese, kana → Japanese, Hangul → Korean without trigrams), limited
 * to the languages Tocsin expects in outbreak reports so that short texts are not scattered over
 * similar minority languages.
 */
import { franc } from 'franc-min';

// ISO 639-3 (franc) → ISO 639-1
const ISO1: Readonly<Record<string, string>> = {
  eng: 'en',
  cmn: 'zh',
  fra: 'fr',
  spa: 'es',
  arb: 'ar',
  rus: 'ru',
  por: 'pt',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  tur: 'tr',
  pol: 'pl',
  ukr: 'uk',
  vie: 'vi',
  ind: 'id',
  pes: 'fa',
  urd: 'ur',
  hin: 'hi',
  ben: 'bn',
  jpn: 'ja',
  kor: 'ko',
  tha: 'th',
  ell: 'el',
};
const ONLY = Object.keys(ISO1);

/** Characters read: enough for a stable answer, few enough to keep tagging fast. */
const SAMPLE = 300;

// Frequent function words that only one of the Latin-script languages uses (folded: lower case, no accents).
const FUNCTION_WORDS: ReadonlyArray<readonly [string, ReadonlySet<string>]> = (
  [
    ['en', 'the of and to is was were for with that have has been which this from are'],
    ['fr', 'le les des du et est une dans pour qui sur pas au aux avec ont ete il elle'],
    ['es', 'el los las del y por con para una fue se al como es'],
    ['pt', 'o os do da dos das e em com um uma foi nao no na ao'],
    ['de', 'der die das und ist nicht mit von den zu im ein eine dem sich auf fur wurde'],
    ['it', 'il di che per della sono nel gli delle degli anche'],
    ['nl', 'het een van en zijn voor niet werd wordt ook naar bij'],
  ] as const
).map(([lang, words]) => [lang, new Set(words.split(' '))] as const);

/**
 * A long Latin-script text whose function words are overwhelmingly those of one language needs no
 * trigram model; undefined when the evidence is not clear-cut.
 */
const LANGUAGES_OF_WORD = new Map<string, number[]>();
FUNCTION_WORDS.forEach(([, words], k) => {
  for (const w of words) {
    const list = LANGUAGES_OF_WORD.get(w);
    if (list === undefined) LANGUAGES_OF_WORD.set(w, [k]);
    else list.push(k);
  }
});

function byFunctionWords(forms: ReadonlyArray<string>): string | undefined {
  const counts = new Array<number>(FUNCTION_WORDS.length).fill(0);
  const n = Math.min(forms.length, 400);
  for (let i = 0; i < n; i++) {
    const langs = LANGUAGES_OF_WORD.get(forms[i]);
    if (langs !== undefined) for (const k of langs) counts[k]++;
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  const second = Math.max(...counts.filter((_, k) => k !== best));
  return counts[best] >= 12 && counts[best] >= 3 * second ? FUNCTION_WORDS[best][0] : undefined;
}

/**
 * ISO 639-1 code of the text's language, or 'und' when it cannot be told (too short, unknown). `forms`,
 * the text's folded tokens when the caller has them, allow a fast answer for long Latin-script texts.
 */
export function detectLanguage(text: string, forms?: ReadonlyArray<string>): string {
  const quick = forms === undefined ? undefined : byFunctionWords(forms);
  if (quick !== undefined) return quick;
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const code = franc(sample, { only: ONLY, minLength: 10 });
  return ISO1[code] ?? 'und';
}
