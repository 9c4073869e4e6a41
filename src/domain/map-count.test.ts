import { describe, expect, it } from 'vitest';
import { foldToLevel } from './map-count.ts';

describe('foldToLevel', () => {
  const values = [
    { path: '/world/DE/DE-BW/DE-08336/', value: 2 },
    { path: '/world/DE/DE-BW/DE-08212/', value: 3 },
    { path: '/world/DE/DE-BY/', value: 4 },
    { path: '/world/DE/', value: 100 },
    { path: '/world/CN/CN-BJ/CN-110100/CN-110101/', value: 5 },
  ];

  it('adds each path to the place of the level on it and drops paths above the level', () => {
    expect(foldToLevel(values, new Set(['DE-BW', 'DE-BY', 'CN-BJ', 'FR-IDF']))).toEqual([
      { placeId: 'CN-BJ', value: 5 },
      { placeId: 'DE-BW', value: 5 },
      { placeId: 'DE-BY', value: 4 },
    ]);
    expect(foldToLevel(values, new Set(['DE', 'CN']))).toEqual([
      { placeId: 'CN', value: 5 },
      { placeId: 'DE', value: 109 },
    ]);
  });
});
