/**
 * The half-open range [lo, hi) of every text that starts with `prefix`, for jurisdiction filters that
 * use a plain index on both dialects: hi is the prefix with its last character bumped by one code
 * point (`/a/b/` → `/a/b0`). Assumes byte/code-point ordering (SQLite BINARY, PostgreSQL "C" collation).
 */
export function pathPrefixRange(prefix: string): readonly [string, string] {
  if (prefix === '') return ['', '\u{10ffff}'];
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return [prefix, prefix.slice(0, -1) + String.fromCodePoint(last + 1)];
}
