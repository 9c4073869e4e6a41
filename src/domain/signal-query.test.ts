import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { decodeCursor, encodeCursor } from './signal-query.ts';

describe('inbox cursors', () => {
  it('round-trip the keyset of a sort', () => {
    const c = {
      sort: 'priority',
      direction: 'desc',
      keys: [3, '2026-11-10T08:00:00.000Z'],
      id: 'abc',
    } as const;
    expect(decodeCursor(encodeCursor(c), 'priority', 'desc')).toEqual(c);
  });

  it('are refused for another sort or direction, naming the cursor field', () => {
    const text = encodeCursor({ sort: 'created', direction: 'desc', keys: ['2026-11-10'], id: 'x' });
    let error: unknown;
    try {
      decodeCursor(text, 'updated', 'desc');
    } catch (err) {
      error = err;
    }
    expect((error as DomainError).code).toBe('VALIDATION');
    expect((error as DomainError).details).toEqual({
      problems: [{ field: 'cursor', message: 'the cursor was made for sort created desc, not updated desc' }],
    });
    expect(() => decodeCursor(text, 'created', 'asc')).toThrow(DomainError);
  });

  it('are refused when they are not cursors at all', () => {
    expect(() => decodeCursor('not-a-cursor', 'created', 'desc')).toThrow(
      'cursor: not a cursor returned by this list',
    );
    const wrongShape = Buffer.from(JSON.stringify(['created', 'desc', ['a', 'b'], 'x'])).toString(
      'base64url',
    );
    expect(() => decodeCursor(wrongShape, 'created', 'desc')).toThrow(DomainError);
  });
});
