/**
 * A count of work steps that a computation may spend, for work whose size an input controls (a contributor can
 * put a 400 KB English rewrite into the git history of a pull request). Steps, not time: the same input hits
 * the budget on every machine, and tests can count them.
 */
export class StepBudget {
  /** Steps spent so far. */
  used = 0;
  /** True once a spend did not fit: the computation stopped short. */
  exhausted = false;

  constructor(readonly limit: number) {}

  /** Steps still available. */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Spend `steps`; false (and exhausted from then on) when they do not fit in what remains. */
  spend(steps: number): boolean {
    if (this.exhausted || steps > this.limit - this.used) {
      this.exhausted = true;
      return false;
    }
    this.used += steps;
    return true;
  }
}
