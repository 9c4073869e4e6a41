/**
 * Neumaier's compensated summation: a stand-in for R's `sum()`, which accumulates in 80-bit long double,
 * so that sums (deviance, dispersion) round like R's instead of drifting by a few ulps.
 */
export class CompensatedSum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  value(): number {
    return this.s + this.c;
  }
}
