import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';
import { tokenize } from './tokenize.ts';

const SAMPLES: ReadonlyArray<readonly [string, string]> = [
  [
    'en',
    'The Ministry of Health has reported a cluster of cases of severe pneumonia in the northern province.',
  ],
  ['zh', '广东省卫生健康委员会通报，本周全省新增登革热确诊病例十二例，主要分布在广州市。'],
  ['fr', 'Le ministère de la Santé a notifié une flambée de choléra dans la région du nord du pays.'],
  ['es', 'El Ministerio de Salud informó un brote de dengue en la región norte del país durante la semana.'],
  ['ar', 'أبلغت وزارة الصحة عن تفشي الكوليرا في المحافظات الشمالية خلال الأسبوع الماضي.'],
  ['ru', 'Министерство здравоохранения сообщило о вспышке холеры в северных районах страны.'],
  ['pt', 'O Ministério da Saúde confirmou um surto de febre amarela no estado durante a última semana.'],
  [
    'de',
    'Das Gesundheitsministerium meldete einen Ausbruch der Cholera im Norden des Landes in dieser Woche.',
  ],
];

describe('detectLanguage', () => {
  for (const [code, text] of SAMPLES) {
    it(`recognises ${code} in a sentence of a report`, () => {
      expect(detectLanguage(text)).toBe(code);
    });
  }

  it('answers from function words for a long text when given its tokens', () => {
    const text =
      'The outbreak was reported to the authorities and the number of cases has been rising. '.repeat(5);
    expect(detectLanguage(text, tokenize(text).forms)).toBe('en');
  });

  it('says und for a text too short to tell', () => {
    expect(detectLanguage('H5N1')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });
});
