/**
 * Bad input from a file the user gave us: names the file, the line, the column and what was expected,
 * so the message alone is enough to fix the file.
 */
export class InputFileError extends Error {
  readonly code = 'INPUT_FILE';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: string | undefined,
    readonly problem: string,
  ) {
    super(
      `${file}${line === undefined ? '' : `:${line}`}${column === undefined ? '' : ` column "${column}"`}: ${problem}`,
    );
    this.name = 'InputFileError';
  }
}

/** A command-line usage problem (unknown algorithm, conflicting flags, bad --control JSON). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
