import { describe, expect, it } from 'vitest';
import { aliasKey, childPath } from './place.ts';

describe('place names and paths', () => {
  it('lets the series names of the demo data meet the places’ own names', () => {
    expect(aliasKey('Baden.Wuerttemberg')).toBe('badenwuerttemberg');
    expect(aliasKey('Baden-Württemberg')).toBe('badenwuerttemberg');
    expect(aliasKey('North.Rhine.Westphalia')).toBe(aliasKey('North Rhine-Westphalia'));
  });

  it('drops accents other than German umlauts and keeps Chinese characters', () => {
    expect(aliasKey('Côte d’Ivoire')).toBe('cotedivoire');
    expect(aliasKey('Straße')).toBe('strasse');
    expect(aliasKey('北京市')).toBe('北京市');
  });

  it('builds a child’s path from its parent’s', () => {
    expect(childPath(null, 'world')).toBe('/world/');
    expect(childPath('/world/DE/', 'DE-BW')).toBe('/world/DE/DE-BW/');
  });
});
