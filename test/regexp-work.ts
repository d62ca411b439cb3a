/**
 * Work counted in steps, not timed: a growth check that gives the same figures on a busy 2-core machine as on
 * an idle one.
 *
 * While `run` runs, RegExp.prototype.exec is wrapped. Every regular expression use goes through it once V8 sees
 * it changed (test, match, matchAll, replace, split, search all call exec, per the spec), and each call is
 * charged the characters its start moved over: from where it starts (0, or lastIndex for global and sticky
 * expressions) to the end of its match, or to the end of the input when it finds nothing. Sticky expressions and
 * ones anchored at the start (`^` without the m flag) that find nothing are charged one step: they try one place.
 *
 * Code that rescans the rest of a text once per character or token shows up as quadratic steps. What happens
 * inside one match (backtracking) is not counted here: recheck proves every pattern free of it
 * (test/redos.test.ts's static part).
 */
export interface Work {
  /** exec calls. */
  calls: number;
  /** Characters the calls moved over (see above). */
  steps: number;
}

/** Wrap exec and count into a fresh Work; returns it with the function that puts exec back. */
function counting(): { work: Work; restore: () => void } {
  const work: Work = { calls: 0, steps: 0 };
  const original = RegExp.prototype.exec;
  RegExp.prototype.exec = function exec(this: RegExp, input: string) {
    const text = String(input);
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const match = original.call(this, text);
    work.calls++;
    const anchored = this.sticky || (this.source.startsWith('^') && !this.multiline);
    if (match) work.steps += Math.max(1, match.index + match[0].length - start);
    else work.steps += anchored ? 1 : Math.max(1, text.length - start);
    return match;
  };
  return { work, restore: () => void (RegExp.prototype.exec = original) };
}

export function workOf(run: () => unknown): Work {
  const { work, restore } = counting();
  try {
    run();
  } finally {
    restore();
  }
  return work;
}

/** The same for an asynchronous run (nothing else may run meanwhile: Jest runs one test of a file at a time). */
export async function workOfAsync(run: () => Promise<unknown>): Promise<Work> {
  const { work, restore } = counting();
  try {
    await run();
  } finally {
    restore();
  }
  return work;
}

/** Work at n and 10n: linear growth multiplies it by about 10, quadratic by about 100. */
export interface Growth {
  small: Work;
  large: Work;
  /** large.steps / small.steps */
  ratio: number;
}

export function growthOf(small: Work, large: Work): Growth {
  return { small, large, ratio: large.steps / Math.max(1, small.steps) };
}
