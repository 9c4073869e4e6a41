import type { Actor } from '../../src/domain/actor.ts';
import type { ReferenceDataSet } from '../../src/domain/reference-data-set.ts';
import type { Role } from '../../src/domain/role.ts';

const place = (
  code: string,
  name: string,
  level: 'world' | 'country' | 'admin1' | 'admin2' | 'admin3',
  parent: string | null,
  aliases: string[] = [],
) => ({ code, name, nameLocal: null, level, parent, iso2: null, lat: null, lon: null, aliases });

const hazard = (code: string, name: string, extra: Partial<ReferenceDataSet['hazards'][number]> = {}) => ({
  code,
  name,
  domain: 'human' as const,
  icd10: null,
  icd11: null,
  pathogen: null,
  synonyms: [],
  ihrCategory: null,
  nationalClass: null,
  ...extra,
});

/** A small reference data set: two countries, German states and a district, Beijing, three hazards. */
export const SMALL_REFERENCE: ReferenceDataSet = {
  places: [
    place('world', 'World', 'world', null),
    place('DE', 'Germany', 'country', 'world', ['DEU', 'Deutschland']),
    place('DE-BW', 'Baden-Württemberg', 'admin1', 'DE', ['Baden.Wuerttemberg']),
    place('DE-BY', 'Bavaria', 'admin1', 'DE', ['Bayern']),
    place('DE-08336', 'LK Loerrach', 'admin2', 'DE-BW', ['8336']),
    place('CN', 'China', 'country', 'world', ['CHN', '中国']),
    place('CN-BJ', 'Beijing', 'admin1', 'CN', ['110000', '北京市']),
    place('CN-110101', '东城区', 'admin3', 'CN-BJ', ['110101']),
  ],
  hazards: [
    hazard('cholera', 'Cholera', {
      icd10: 'A00.0',
      ihrCategory: 'always-algorithm',
      nationalClass: 'A',
      synonyms: ['霍乱'],
    }),
    hazard('influenza', 'Influenza', { nationalClass: 'C' }),
    hazard('salmonellosis', 'Salmonellosis'),
  ],
  departments: [
    { code: 'health', name: 'Health authority', nameZh: '卫生健康委员会', domain: 'human' },
    { code: 'animal-health', name: 'Animal health', nameZh: '畜牧兽医局', domain: 'animal' },
  ],
};

const PATHS: Readonly<Record<string, string>> = {
  world: '/world/',
  DE: '/world/DE/',
  'DE-BW': '/world/DE/DE-BW/',
  'DE-BY': '/world/DE/DE-BY/',
  CN: '/world/CN/',
};

/** An actor with a role and a jurisdiction among SMALL_REFERENCE's places. */
export function actorAt(role: Role, placeId: keyof typeof PATHS & string): Actor {
  return {
    userId: `${role}@${placeId}`,
    username: `${role}@${placeId}`,
    role,
    departmentId: null,
    jurisdictionPlaceId: placeId,
    jurisdictionPath: PATHS[placeId],
  };
}
