/**
 * The few facts the assessment, deadline and response services read from records other parts of
 * Tocsin own (signals, the hazard catalogue, places, users, departments). Read-only: this port never
 * changes them.
 */

export interface SignalFacts {
  readonly id: string;
  readonly state: string;
  readonly title: string;
  readonly hazardId: string | null;
  readonly placeId: string | null;
  /** '/' when the signal has no place. */
  readonly placePath: string;
  readonly mergedIntoId: string | null;
  /** When it was last verified (from its transitions), or null if it never was. */
  readonly verifiedAt: string | null;
}

export interface HazardFacts {
  readonly id: string;
  readonly name: string;
  /** `always-notifiable`, `always-algorithm` or null. */
  readonly ihrCategory: string | null;
  readonly nationalClass: string | null;
}

export interface PlaceFacts {
  readonly id: string;
  readonly path: string;
}

export interface UserFacts {
  readonly id: string;
  readonly role: string;
  readonly departmentId: string | null;
  readonly active: boolean;
}

export interface ResponseFacts {
  signals(ids: ReadonlyArray<string>): Promise<ReadonlyArray<SignalFacts>>;
  hazard(id: string): Promise<HazardFacts | undefined>;
  place(id: string): Promise<PlaceFacts | undefined>;
  user(id: string): Promise<UserFacts | undefined>;
  departmentExists(id: string): Promise<boolean>;
  /**
   * Verified signals with no deadline of the given rule yet, only those whose hazard has the given
   * national class when one is given (for the deadline job's catch-up).
   */
  verifiedSignalsWithoutDeadline(
    rule: { readonly ruleId: string; readonly nationalClass?: string },
    limit: number,
  ): Promise<ReadonlyArray<SignalFacts>>;
}
