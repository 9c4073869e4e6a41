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

/** ISO 639-1 code of the text's language, or 'und' when it cannot be told (too short, unknown). */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const code = franc(sample, { only: ONLY, minLength: 10 });
  return ISO1[code] ?? 'und';
}
