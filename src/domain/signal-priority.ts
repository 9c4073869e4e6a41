/**
 * How urgently a signal needs a person's eyes. Detection sets it from the hazard and the size of the
 * exceedance; an analyst may change it. Never lowered by a later alarm of the same episode.
 */
export const SIGNAL_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type SignalPriority = (typeof SIGNAL_PRIORITIES)[number];

export function isSignalPriority(v: unknown): v is SignalPriority {
  return typeof v === 'string' && (SIGNAL_PRIORITIES as ReadonlyArray<string>).includes(v);
}

/** 1 (low) … 4 (critical): the order the inbox sorts by. */
export function priorityRank(p: SignalPriority): number {
  switch (p) {
    case 'low':
      return 1;
    case 'medium':
      return 2;
    case 'high':
      return 3;
    case 'critical':
      return 4;
  }
}

export function higherPriority(a: SignalPriority, b: SignalPriority): SignalPriority {
  return priorityRank(a) >= priorityRank(b) ? a : b;
}

/** What the hazard catalogue says about a disease's seriousness. */
export interface HazardSeriousness {
  /** IHR Annex 2: `always-notifiable`, `always-algorithm` or null. */
  readonly ihrCategory: string | null;
  /** National notification class, e.g. `A`, `B`, or null. */
  readonly nationalClass: string | null;
}

/**
 * The priority of an alarm: critical for diseases that are always notifiable (IHR Annex 2) or of
 * national class A; high for the diseases that always lead to the IHR algorithm, class B, or a count at
 * least twice the upper bound; medium at one and a half times the bound; low otherwise.
 */
export function alarmPriority(
  hazard: HazardSeriousness,
  observed: number | null,
  upperBound: number | null,
): SignalPriority {
  if (hazard.ihrCategory === 'always-notifiable' || hazard.nationalClass === 'A') return 'critical';
  if (hazard.ihrCategory === 'always-algorithm' || hazard.nationalClass === 'B') return 'high';
  if (observed === null || upperBound === null || !(upperBound > 0)) return 'medium';
  const ratio = observed / upperBound;
  if (ratio >= 2) return 'high';
  if (ratio >= 1.5) return 'medium';
  return 'low';
}
