/**
 * Case and death counts stated in a report ("a total of 1 234 cases, including 56 deaths", "12 cas dont
 * 3 décès", "确诊病例12例，死亡3例"). A report states many figures (weekly, per region, cumulative);
 * the one returned is the largest figure marked as a total, else the largest figure stated in the
 * first part of the report, where reports summarise.
 */

export interface CaseCounts {
  readonly cases: number | null;
  readonly deaths: number | null;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

// a figure: 1234, 1,234, 1 234, 1.234 (thousands groups), Arabic-Indic digits, or an English number word
const FIGURE =
  /(?<![\d٠-٩,.])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])|\d+(?![\d]|[.,]\d)|[٠-٩]+)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b/gi;
// number words matter only in front of a count noun; most texts have none, so a cheap test comes first
const NUMBER_WORD_NEAR_COUNT =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(?:\S+\s+){0,3}?(?:cases?|deaths?|died|patients|fatalities)\b/i;
const DIGITS_ONLY = /(?<![\d٠-٩,.])(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])|\d+(?![\d]|[.,]\d)|[٠-٩]+)/g;
const QUAL = String.raw`(?:(?:new|additional|confirmed|suspected|probable|laboratory[- ]confirmed|lab[- ]confirmed|human|total|cumulative|reported|clinical|fatal|possible|imported|autochthonous|locally[- ]acquired|indigenous|related|associated|severe|nouveaux|nuevos|novos|neue|bestätigte)(?:\s*(?:,|and|or)\s*|\s+))*`;

// what follows a figure (read on the next 80 characters only)
const CASES_AFTER = new RegExp(
  String.raw`^\s*(?:${QUAL}(?:cases?|patients|infections|cas|casos|Fälle|Erkrankungen|Erkrankte)\b|(?:people|persons|individuals|children|adults)\s+(?:were\s+|have\s+been\s+)?(?:infected|ill|sick|affected)\b|(?:случа|заболевш|заболевани)|(?:حالة|حالات)(?!\s+وفاة)|例(?!\s*(?:死亡|病亡)))`,
  'iu',
);
const DEATHS_AFTER = new RegExp(
  String.raw`^\s*(?:${QUAL}(?:deaths?|fatalities|décès|morts|muertes|defunciones|fallecidos|fallecimientos|óbitos|mortes|Todesfälle|Tote)\b|(?:of\s+(?:whom|them|these|which)\s+)?(?:people\s+|persons\s+|patients\s+)?(?:have\s+|had\s+)?died\b|(?:смерт|летальн|умерш|погибш|человек\s+умерл)|(?:حالة\s+وفاة|حالات\s+وفاة|وفاة|وفيات)|例\s*(?:死亡|病亡))`,
  'iu',
);
// what precedes a figure (read on the previous 50 characters only)
const DEATHS_BEFORE = /(?:死亡|病亡)\s*$/u;
const DIED_AFTER = /^\s*(?:have\s+|had\s+)?died\b/i;
const INCLUDING_BEFORE = /(?:of\s+(?:whom|which)|including)\s*$/i;
const WEEK_BEFORE = /(?:week|semaine|semana|неделя|第)\s*$/i;
const TOTAL_CUE =
  /(?:total|cumulative|overall|in all|au total|en total|no total|insgesamt|всего|إجمالي|مجموع|累计|共)\W*(?:\w+\W+){0,4}$/iu;

const PLAIN_DIGITS = /^\d+$/;

function parseNumber(s: string): number {
  // most figures are plain ASCII digits
  if (PLAIN_DIGITS.test(s)) return Number(s);
  const w = NUMBER_WORDS[s.toLowerCase()];
  if (w !== undefined) return w;
  const digits = s
    .replace(/[,.\u00a0\u202f ]/g, '')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
  return Number(digits);
}

interface Figure {
  readonly value: number;
  readonly at: number;
  readonly total: boolean;
}

function pick(figures: ReadonlyArray<Figure>, textLength: number): number | null {
  if (figures.length === 0) return null;
  const totals = figures.filter((f) => f.total);
  const pool = totals.length > 0 ? totals : figures.filter((f) => f.at <= Math.max(600, textLength * 0.4));
  const from = pool.length > 0 ? pool : figures;
  return Math.max(...from.map((f) => f.value));
}

export function extractCaseCounts(text: string, _language?: string): CaseCounts {
  const cases: Figure[] = [];
  const deaths: Figure[] = [];
  const figure = NUMBER_WORD_NEAR_COUNT.test(text) ? FIGURE : DIGITS_ONLY;
  figure.lastIndex = 0;
  for (let m = figure.exec(text); m !== null; m = figure.exec(text)) {
    const raw = m[0];
    const value = parseNumber(raw);
    // years and absurd figures are not counts
    if (!Number.isFinite(value) || value > 1e9) continue;
    if (/^\d{4}$/.test(raw) && value >= 1900 && value <= 2100) continue;
    const end = m.index + raw.length;
    const after = text.slice(end, end + 80);
    const before = text.slice(Math.max(0, m.index - 50), m.index);
    if (WEEK_BEFORE.test(before)) continue;
    // what the figure counts first; whether it is a total (the costlier test) only for counts
    const kind =
      (DEATHS_BEFORE.test(before) && /^\s*例/.test(after)) ||
      DEATHS_AFTER.test(after) ||
      (INCLUDING_BEFORE.test(before) && DIED_AFTER.test(after))
        ? deaths
        : CASES_AFTER.test(after)
          ? cases
          : undefined;
    if (kind !== undefined) kind.push({ value, at: m.index, total: TOTAL_CUE.test(before) });
  }
  return { cases: pick(cases, text.length), deaths: pick(deaths, text.length) };
}
