/**
 * The black-swan watch: reports of what no hazard catalogue names — illness of unknown cause,
 * undiagnosed clusters, unusual deaths of animals — and a known hazard reported for the first time in
 * a country. Each raises a high-priority event-based signal flagged as such. The phrases cover the
 * languages the tagger reads (en, fr, es, pt, de, ru, zh, ar); they are matched on the lower-cased,
 * NFKC-normalised title and text.
 */

export const BLACK_SWAN_FLAGS = ['unknown-illness', 'unusual-animal-deaths', 'new-in-place'] as const;
export type BlackSwanFlag = (typeof BLACK_SWAN_FLAGS)[number];

/** The flags a report's words can raise (novelty is decided from the store's history). */
export type TextFlag = Exclude<BlackSwanFlag, 'new-in-place'>;

const PHRASES: Readonly<Record<TextFlag, ReadonlyArray<string>>> = {
  'unknown-illness': [
    'unknown disease',
    'unknown illness',
    'mystery illness',
    'mystery disease',
    'mysterious illness',
    'mysterious disease',
    'undiagnosed illness',
    'undiagnosed disease',
    'undiagnosed cluster',
    'unidentified illness',
    'unidentified disease',
    'unexplained illness',
    'unexplained deaths',
    'of unknown cause',
    'of unknown origin',
    'of unknown etiology',
    'of unknown aetiology',
    'maladie inconnue',
    'maladie mystérieuse',
    'maladie non identifiée',
    'de cause inconnue',
    "d'origine inconnue",
    'enfermedad desconocida',
    'enfermedad misteriosa',
    'de causa desconocida',
    'doença desconhecida',
    'doença misteriosa',
    'de causa desconhecida',
    'unbekannte krankheit',
    'mysteriöse krankheit',
    'rätselhafte krankheit',
    'unbekannter ursache',
    'неизвестной болезни',
    'неизвестная болезнь',
    'неизвестное заболевание',
    'неизвестного заболевания',
    'загадочная болезнь',
    'загадочной болезни',
    'неясной этиологии',
    '不明原因',
    '怪病',
    '未知疾病',
    '神秘疾病',
    'مرض غامض',
    'مرض مجهول',
    'مجهول السبب',
    'غير معروف السبب',
  ],
  'unusual-animal-deaths': [
    'mass die-off',
    'die-off of',
    'mass mortality',
    'unusual mortality',
    'unusual deaths of',
    'dead birds',
    'dead wild birds',
    'dead fish',
    'animals found dead',
    'birds found dead',
    'mortalité massive',
    'mortalité anormale',
    'oiseaux morts',
    'animaux morts',
    'mortandad',
    'aves muertas',
    'animales muertos',
    'mortandade',
    'aves mortas',
    'animais mortos',
    'massensterben',
    'tote vögel',
    'tote tiere',
    'массовая гибель',
    'массовый падеж',
    'мертвых птиц',
    'мёртвых птиц',
    '大量死亡',
    '异常死亡',
    '死鸟',
    'نفوق جماعي',
    'نفوق أعداد',
  ],
};

/** The text flags a report raises, in BLACK_SWAN_FLAGS order. */
export function textFlags(title: string, text: string): TextFlag[] {
  const haystack = `${title}\n${text}`.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const out: TextFlag[] = [];
  for (const flag of ['unknown-illness', 'unusual-animal-deaths'] as const)
    if (PHRASES[flag].some((p) => haystack.includes(p))) out.push(flag);
  return out;
}

/** What a flagged story is called in the inbox. */
export function flagTitle(flag: TextFlag): string {
  switch (flag) {
    case 'unknown-illness':
      return 'Illness of unknown cause';
    case 'unusual-animal-deaths':
      return 'Unusual animal deaths';
  }
}

/** Stories of a text flag are keyed by this pseudo hazard code (no catalogue hazard has a colon). */
export const flagStoryCode = (flag: TextFlag): string => `flag:${flag}`;
