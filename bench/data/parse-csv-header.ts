/**
 * Checks a CSV header line against the expected leading columns and returns the column names
 * (the bench's files are plain comma-separated values without quoting).
 */
export function parseCsvHeader(line: string, expected: ReadonlyArray<string>, path: string): string[] {
  const names = line.trim().split(',');
  for (let i = 0; i < expected.length; i++) {
    if (names[i] !== expected[i]) {
      throw new Error(`${path}: column ${i + 1} is "${names[i] ?? ''}", expected "${expected[i]}"`);
    }
  }
  return names;
}
