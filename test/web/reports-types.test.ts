import { describe, expect, it } from 'vitest';
import { eventDetailsOf, safeHttpUrl } from '../../web/src/reports-types.ts';

describe('report links and story details in the browser', () => {
  it('links only to http and https addresses, never to script or data URLs', () => {
    expect(safeHttpUrl('https://www.who.int/emergencies/disease-outbreak-news/item/2020-DON229')).toBe(
      'https://www.who.int/emergencies/disease-outbreak-news/item/2020-DON229',
    );
    expect(safeHttpUrl('http://example.org/a b')).toBe('http://example.org/a%20b');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHttpUrl('/relative/path')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('reads the story and the known black-swan flags of an event-based explanation, ignoring the rest', () => {
    expect(
      eventDetailsOf({
        kind: 'event-based',
        summary: '…',
        details: { storyId: 's1', reportCount: 3, flags: ['unknown-illness', 'made-up', 'new-in-place'] },
      }),
    ).toEqual({ storyId: 's1', reportCount: 3, flags: ['unknown-illness', 'new-in-place'] });
    expect(eventDetailsOf({ kind: 'event-based', summary: '…' })).toBeNull();
    expect(eventDetailsOf({ kind: 'event-based', details: { storyId: 7 } })).toBeNull();
    expect(eventDetailsOf(null)).toBeNull();
    expect(eventDetailsOf({ details: { storyId: 's2' } })).toEqual({
      storyId: 's2',
      reportCount: 0,
      flags: [],
    });
  });
});
