/** Splits a list into chunks of at most `size` (SQLite allows 32,766 bound parameters per statement). */
export function chunks<T>(list: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
