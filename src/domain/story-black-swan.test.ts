import { describe, expect, it } from 'vitest';
import { flagStoryCode, flagTitle, textFlags } from './story-black-swan.ts';

describe('the black-swan phrases', () => {
  it.each([
    ['Mystery illness kills 3 in Ghana', '', ['unknown-illness']],
    ['', 'Un groupe de cas de maladie inconnue signalé au Congo', ['unknown-illness']],
    ['', 'Brote de enfermedad desconocida en Perú', ['unknown-illness']],
    ['武汉发现不明原因肺炎', '', ['unknown-illness']],
    ['', 'Вспышка неизвестной болезни', ['unknown-illness']],
    ['مرض غامض في اليمن', '', ['unknown-illness']],
    ['Hundreds of DEAD  BIRDS found on the coast', '', ['unusual-animal-deaths']],
    ['', 'Mortandad de peces y aves muertas en la laguna', ['unusual-animal-deaths']],
    ['Cholera outbreak in Haiti', '1 234 suspected cases', []],
  ])('flags "%s%s" as %j', (title, text, flags) => {
    expect(textFlags(title, text)).toEqual(flags);
  });

  it('names flagged stories and keys them apart from catalogue hazards', () => {
    expect(flagTitle('unknown-illness')).toBe('Illness of unknown cause');
    expect(flagStoryCode('unusual-animal-deaths')).toBe('flag:unusual-animal-deaths');
  });
});
