import { describe, expect, it } from 'vitest';
import { allowedEventTransitions, commonPlacePath, placeIdOfPath, requireEventTransition } from './event.ts';

describe('an event', () => {
  it('goes active ⇄ contained and either → closed, and stays closed', () => {
    expect(allowedEventTransitions('active')).toEqual(['contained', 'closed']);
    expect(allowedEventTransitions('contained')).toEqual(['active', 'closed']);
    expect(allowedEventTransitions('closed')).toEqual([]);
    expect(() => requireEventTransition('closed', 'active')).toThrow(/closed cannot become active/);
    expect(() => requireEventTransition('active', 'active')).toThrow();
  });

  it('sits at the deepest place containing all its signals', () => {
    expect(commonPlacePath(['/world/DE/DE-BY/', '/world/DE/DE-BE/'])).toBe('/world/DE/');
    expect(commonPlacePath(['/world/DE/DE-BY/', '/world/DE/DE-BY/'])).toBe('/world/DE/DE-BY/');
    expect(commonPlacePath(['/world/DE/DE-BY/', '/world/DE/'])).toBe('/world/DE/');
    expect(commonPlacePath(['/world/DE/', '/world/FR/'])).toBe('/world/');
    expect(commonPlacePath(['/world/DE/', '/'])).toBe('/');
    expect(commonPlacePath([])).toBe('/');
  });

  it('reads the place id at the end of a path', () => {
    expect(placeIdOfPath('/world/DE/DE-BY/')).toBe('DE-BY');
    expect(placeIdOfPath('/')).toBeNull();
  });
});
