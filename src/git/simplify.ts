/**
 * git's default history simplification, replayed in memory so that a run asks git a fixed number of questions
 * and still gets, for every file, the answers of
 * - `git log -1 -- FILE` ({@link lastChanges}: the file's last change), and
 * - `git rev-list SRC..HEAD -- FILE` ({@link commitsInRange}: the commits since a source commit).
 *
 * Why replay it instead of counting every commit whose diff lists the file (`--full-history`): a side branch
 * whose changes never reached the main line (a merge that kept the other side's version) is not part of the
 * file's history for git, and must not be for us. On the NuGet English history, counting such commits made 272
 * of 319 translations look outdated although their English was byte-identical to what was handed off.
 *
 * The replay follows git 2.39's revision.c: `try_to_simplify_commit` (a commit that is TREESAME to a relevant
 * parent for the path follows that parent only and is not shown; a merge that differs from all its relevant
 * parents is shown), `process_parents`, `mark_parents_uninteresting`, `limit_list` with its date-ordered list and
 * `still_interesting` (SLOP), and the rule that a parent is relevant unless it is uninteresting and not a bottom
 * commit. Like git, which parents count as relevant depends on what the walk has marked uninteresting so far, so
 * the walk order (committer date, ties first-in first-out) is replayed too. Differential tests compare the
 * answers with git's own on real history (test/history.test.ts).
 *
 * Inputs are plain: the commit graph (parents, committer times) and which paths each commit changed against each
 * of its parents. Every walk has a step budget; a walk that exceeds it answers "unknown" rather than hanging.
 */

/** What the replay needs to know about the history. */
export interface SimplifyInput {
  /** Number of commits (commit numbers are 0 … count − 1). */
  readonly count: number;
  /** The parents of a commit in order; undefined when unknown (not in the graph, or cut off by a shallow clone). */
  parentsOf(commit: number): readonly number[] | undefined;
  /** Committer time (seconds). */
  secondsOf(commit: number): number;
  /**
   * Whether `path` differs between `commit` and its parent number `parent` (0-based). For a commit without
   * parents (a root commit): whether `path` exists in it (`parent` is 0).
   */
  differs(commit: number, parent: number, path: string): boolean;
  /** Paths that differ between `commit` and its parent number `parent` (for a root commit: the paths it has). */
  changedPaths(commit: number, parent: number): ReadonlySet<string> | undefined;
}

/** Steps (commits looked at) a walk may take before it gives up: far above any real documentation history. */
export const DEFAULT_STEP_BUDGET = 5_000_000;

/** The walk exceeded its step budget. */
export class StepBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`the history walk took more than ${budget} steps`);
  }
}

/**
 * The newest commit that `git log -1 -- PATH` shows, for every path in `paths` (undefined: never committed), in
 * one walk for all paths. Before its first shown commit, git's walk of one path follows a single line (a commit
 * that is not shown is TREESAME to one parent and continues there only), so all paths can walk the first-parent
 * line together and split off where a merge sends some of them to another parent.
 */
export function lastChanges(input: SimplifyInput, head: number, paths: Iterable<string>, budget = DEFAULT_STEP_BUDGET): Map<string, number | undefined> {
  const result = new Map<string, number | undefined>();
  const work: Array<{ commit: number; pending: Set<string> }> = [{ commit: head, pending: new Set(paths) }];
  let steps = 0;
  while (work.length) {
    const group = work.pop()!;
    let commit: number | undefined = group.commit;
    const pending = group.pending;
    while (pending.size && commit !== undefined) {
      if (++steps > budget) throw new StepBudgetExceeded(budget);
      const parents = input.parentsOf(commit);
      if (!parents || parents.length === 0) {
        // A root commit shows the paths it has; the others were never committed on this line.
        for (const path of pending) result.set(path, input.differs(commit, 0, path) ? commit : undefined);
        pending.clear();
        break;
      }
      const changed = input.changedPaths(commit, 0);
      if (changed && changed.size) {
        const touched = smallerFirst(changed, pending);
        if (parents.length === 1) {
          for (const path of touched) {
            result.set(path, commit);
            pending.delete(path);
          }
        } else {
          const diverted = new Map<number, Set<string>>();
          for (const path of touched) {
            pending.delete(path);
            let same = -1;
            for (let k = 1; k < parents.length; k++) {
              if (!input.differs(commit, k, path)) {
                same = k;
                break;
              }
            }
            if (same < 0) result.set(path, commit);
            else {
              const target = parents[same];
              const set = diverted.get(target);
              if (set) set.add(path);
              else diverted.set(target, new Set([path]));
            }
          }
          for (const [target, set] of diverted) work.push({ commit: target, pending: set });
        }
      }
      commit = parents[0];
    }
    for (const path of pending) result.set(path, undefined);
  }
  return result;
}

/** The paths of `changed` that are in `pending`, iterating over the smaller of the two. */
function smallerFirst(changed: ReadonlySet<string>, pending: Set<string>): string[] {
  const out: string[] = [];
  if (changed.size <= pending.size) {
    for (const path of changed) if (pending.has(path)) out.push(path);
  } else {
    for (const path of pending) if (changed.has(path)) out.push(path);
  }
  return out;
}

// Object flags, as in git's object.h/revision.h.
const UNINTERESTING = 1;
const BOTTOM = 2;
const SEEN = 4;
const ADDED = 8;
const TREESAME = 16;
const PARSED = 32;

/** git's `SLOP`: how many more uninteresting commits limit_list looks at once everything left looks uninteresting. */
const SLOP = 5;

/** A date-ordered list: newest first, ties in insertion order (git's commit_list_insert_by_date). */
class DateQueue {
  private heap: Array<{ commit: number; seconds: number; order: number }> = [];
  private inserted = 0;

  get size(): number {
    return this.heap.length;
  }

  push(commit: number, seconds: number): void {
    const heap = this.heap;
    heap.push({ commit, seconds, order: this.inserted++ });
    let i = heap.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.before(heap[i], heap[up])) break;
      [heap[i], heap[up]] = [heap[up], heap[i]];
      i = up;
    }
  }

  pop(): number | undefined {
    const heap = this.heap;
    if (!heap.length) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < heap.length && this.before(heap[left], heap[best])) best = left;
        if (right < heap.length && this.before(heap[right], heap[best])) best = right;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best], heap[i]];
        i = best;
      }
    }
    return top.commit;
  }

  /** The newest commit's time (the head of git's list). */
  peekSeconds(): number | undefined {
    return this.heap[0]?.seconds;
  }

  /** Whether any commit in the list satisfies `test`. */
  some(test: (commit: number) => boolean): boolean {
    return this.heap.some((entry) => test(entry.commit));
  }

  private before(a: { seconds: number; order: number }, b: { seconds: number; order: number }): boolean {
    return a.seconds > b.seconds || (a.seconds === b.seconds && a.order < b.order);
  }
}

/**
 * The commits `git rev-list BOTTOM..HEAD -- PATH` lists, in its order (newest first). Undefined when a commit on
 * the walk has unknown parents that matter (a shallow clone's boundary is reported by the caller).
 */
export function commitsInRange(input: SimplifyInput, head: number, bottom: number, path: string, budget = DEFAULT_STEP_BUDGET): number[] {
  const flags = new Uint8Array(input.count);
  /** Parent lists rewritten by simplification (git rewrites `commit->parents`). */
  const rewritten = new Map<number, readonly number[]>();
  let steps = 0;
  const step = () => {
    if (++steps > budget) throw new StepBudgetExceeded(budget);
  };
  const parse = (commit: number) => {
    flags[commit] |= PARSED;
  };
  /** `commit->parents` as git sees it: nothing until the commit is parsed, the simplified list once rewritten. */
  const parentsSeen = (commit: number): readonly number[] => (flags[commit] & PARSED ? (rewritten.get(commit) ?? input.parentsOf(commit) ?? []) : []);
  const relevant = (commit: number) => (flags[commit] & (UNINTERESTING | BOTTOM)) !== UNINTERESTING;

  const markParentsUninteresting = (commit: number) => {
    const pending: number[] = [];
    const markOne = (parent: number) => {
      step();
      if (flags[parent] & UNINTERESTING) return;
      flags[parent] |= UNINTERESTING;
      for (const grand of parentsSeen(parent)) pending.push(grand);
    };
    for (const parent of parentsSeen(commit)) markOne(parent);
    while (pending.length) markOne(pending.pop()!);
  };

  const simplify = (commit: number) => {
    const parents = input.parentsOf(commit) ?? [];
    if (parents.length === 0) {
      if (!input.differs(commit, 0, path)) flags[commit] |= TREESAME;
      return;
    }
    let relevantParents = 0;
    let relevantChange = false;
    let irrelevantChange = false;
    for (let k = 0; k < parents.length; k++) {
      const parent = parents[k];
      const isRelevant = relevant(parent);
      if (isRelevant) relevantParents++;
      parse(parent);
      if (!input.differs(commit, k, path)) {
        if (!isRelevant) continue; // a merge with an uninteresting side keeps its other parents
        rewritten.set(commit, [parent]);
        flags[commit] |= TREESAME;
        return;
      }
      if (isRelevant) relevantChange = true;
      else irrelevantChange = true;
    }
    if (relevantParents ? !relevantChange : !irrelevantChange) flags[commit] |= TREESAME;
  };

  const list = new DateQueue();
  const add = (commit: number) => list.push(commit, input.secondsOf(commit));

  const processParents = (commit: number) => {
    if (flags[commit] & ADDED) return;
    flags[commit] |= ADDED;
    if (flags[commit] & UNINTERESTING) {
      for (const parent of parentsSeen(commit)) {
        step();
        flags[parent] |= UNINTERESTING;
        parse(parent);
        if (parentsSeen(parent).length) markParentsUninteresting(parent);
        if (flags[parent] & SEEN) continue;
        flags[parent] |= SEEN;
        add(parent);
      }
      return;
    }
    simplify(commit);
    for (const parent of parentsSeen(commit)) {
      step();
      parse(parent);
      if (!(flags[parent] & SEEN)) {
        flags[parent] |= SEEN;
        add(parent);
      }
    }
  };

  // handle_commit for `^BOTTOM` then `HEAD` (the order of a range's pending objects), then the date sort.
  parse(bottom);
  flags[bottom] |= UNINTERESTING | BOTTOM;
  markParentsUninteresting(bottom);
  parse(head);
  for (const tip of [bottom, head]) {
    if (!(flags[tip] & SEEN)) {
      flags[tip] |= SEEN;
      add(tip);
    }
  }

  // limit_list
  const shown: number[] = [];
  let slop = SLOP;
  let date = Number.POSITIVE_INFINITY;
  while (list.size) {
    step();
    const commit = list.pop()!;
    processParents(commit);
    if (flags[commit] & UNINTERESTING) {
      markParentsUninteresting(commit);
      slop = stillInteresting(list, date, slop, (c) => !(flags[c] & UNINTERESTING));
      if (slop) continue;
      break;
    }
    date = input.secondsOf(commit);
    shown.push(commit);
  }
  // get_revision: what became uninteresting after it was listed, and what is TREESAME, is not shown.
  return shown.filter((commit) => !(flags[commit] & (UNINTERESTING | TREESAME)));
}

/** git's still_interesting: how much slop is left before limit_list may stop. */
function stillInteresting(list: DateQueue, date: number, slop: number, interesting: (commit: number) => boolean): number {
  const newest = list.peekSeconds();
  if (newest === undefined) return 0;
  if (date <= newest) return SLOP;
  if (list.some(interesting)) return SLOP;
  return slop - 1;
}
