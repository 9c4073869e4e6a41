/**
 * Typed errors of the detection core. Expected statistical outcomes (too little baseline, a fit that
 * did not converge) are values in the results, never these errors; these are for input that cannot
 * be analysed at all.
 */

/** The series itself cannot be analysed (wrong shape, bad values, missing values where R fails). */
export class DetectionInputError extends Error {
  readonly code = 'DETECTION_INPUT';
  constructor(
    message: string,
    /** The input field at fault, e.g. `observed`, `dates`, `range`. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'DetectionInputError';
  }
}

/** One problem with one option. */
export interface OptionProblem {
  readonly option: string;
  readonly message: string;
}

/** Options failed validation; `problems` lists every problem found, not only the first. */
export class DetectionOptionsError extends Error {
  readonly code = 'DETECTION_OPTIONS';
  constructor(
    readonly algorithm: string,
    readonly problems: ReadonlyArray<OptionProblem>,
  ) {
    super(`invalid options for ${algorithm}: ${problems.map((p) => `${p.option}: ${p.message}`).join('; ')}`);
    this.name = 'DetectionOptionsError';
  }
}
