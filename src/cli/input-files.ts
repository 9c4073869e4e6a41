import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InputFileError } from './input-error.ts';

/** Reads a file the user named as UTF-8 text; a missing or unreadable file is an `InputFileError`. */
export function readInputText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputFileError(
      file,
      undefined,
      undefined,
      code === 'ENOENT' ? 'no such file' : `cannot read: ${String(err)}`,
    );
  }
}

/** Reads and parses a JSON file the user named; bad JSON names the file. */
export function readInputJson<T>(file: string): T {
  const text = readInputText(file);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputFileError(file, undefined, undefined, `not valid JSON: ${(err as Error).message}`);
  }
}

/** Writes the whole output at once through a temporary file, so a failed run leaves no partial file. */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
