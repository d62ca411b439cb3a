/**
 * Work counted in executed code blocks, not timed: V8's precise block coverage (the inspector's Profiler, what
 * Jest's v8 coverage reads) counts how often each block of each function ran. The sum over loc-lint's own files
 * (src/ and rules/) is the same on a busy machine as on an idle one, and it sees every loop, not only regular
 * expressions (test/regexp-work.ts counts those): a rule that compares each anchor with every other is quadratic
 * in blocks at n and 10n. Library code (the Markdown parser) is not counted: its growth is its own. Nor is the
 * work inside a built-in (Array.prototype.includes, String.prototype.indexOf...): a loop that calls one per item
 * counts one block per call, however far the built-in scans; regular expressions are counted by regexp-work.
 *
 * V8 gives a function block counters only when it compiles the function while block coverage is on, and drops
 * them when coverage stops. So a test file starts counting at its top level, before any test calls the code it
 * measures (V8 compiles a function when it is first called), and stops once, after all its tests:
 *
 *     const counter = await startCounting();
 *     afterAll(() => counter.stop());
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { growthOf as regexpGrowthOf, workOfAsync, type Growth } from './regexp-work.js';

/** Files whose blocks count: this repository's src/ and rules/ (as Jest loads them, by path or file URL). */
const OWN = [path.resolve('src') + path.sep, path.resolve('rules') + path.sep];
export const isOwn = (url: string): boolean => {
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  return OWN.some((root) => file.startsWith(root));
};

/**
 * src/ and rules/ without the block alignment: alignBlocks fills the whole translated × English table up to
 * 4,000,000 cells (src/document/align.ts FULL_TABLE_LIMIT) and a band around the diagonal above, so it is
 * quadratic by design at the sizes a scale test can afford (a few thousand blocks). Scale tests of one rule over
 * many blocks count the rest.
 */
export const isOwnExceptAlignment = (url: string): boolean => isOwn(url) && !url.endsWith(`${path.sep}document${path.sep}align.ts`);

/** Blocks at n and 10n: linear growth multiplies them by about 10 (a log factor a little more), quadratic by 100. */
export interface BlockGrowth {
  small: number;
  large: number;
  /** large / small */
  ratio: number;
}

/** Blocks of src/ and rules/ and regular-expression steps, at n and 10n. */
export interface WorkGrowth {
  blocks: BlockGrowth;
  regexp: Growth;
}

export interface BlockCounter {
  /** Blocks of the counted files executed while `run` ran; `counted` picks the files by script URL (default: src/ and rules/). */
  blocksOf(run: () => unknown, counted?: (url: string) => boolean): Promise<number>;
  /** The blocks of `small` and of `large`, run one after the other. */
  growthOf(small: () => unknown, large: () => unknown, counted?: (url: string) => boolean): Promise<BlockGrowth>;
  /**
   * Both measures of `small` and `large` in one run each: blocks of src/ and rules/, and regular-expression steps
   * (test/regexp-work.ts). Linear code keeps both ratios near 10.
   */
  workGrowthOf(small: () => Promise<unknown> | unknown, large: () => Promise<unknown> | unknown, counted?: (url: string) => boolean): Promise<WorkGrowth>;
  stop(): Promise<void>;
}

export async function startCounting(): Promise<BlockCounter> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  const blocksOf = async (run: () => unknown, counted: (url: string) => boolean = isOwn) => {
    // Taking the coverage resets the counts: what the next take returns is what ran in between.
    await session.post('Profiler.takePreciseCoverage');
    await run();
    const { result } = await session.post('Profiler.takePreciseCoverage');
    let blocks = 0;
    for (const script of result) {
      if (!counted(script.url)) continue;
      for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
    }
    return blocks;
  };
  return {
    blocksOf,
    async growthOf(small, large, counted) {
      const smallBlocks = await blocksOf(small, counted);
      const largeBlocks = await blocksOf(large, counted);
      return { small: smallBlocks, large: largeBlocks, ratio: largeBlocks / Math.max(1, smallBlocks) };
    },
    async workGrowthOf(small, large, counted) {
      const measure = async (run: () => unknown) => {
        let steps = { calls: 0, steps: 0 };
        const blocks = await blocksOf(async () => void (steps = await workOfAsync(async () => run())), counted);
        return { blocks, steps };
      };
      const smallWork = await measure(small);
      const largeWork = await measure(large);
      return {
        blocks: { small: smallWork.blocks, large: largeWork.blocks, ratio: largeWork.blocks / Math.max(1, smallWork.blocks) },
        regexp: regexpGrowthOf(smallWork.steps, largeWork.steps),
      };
    },
    async stop() {
      await session.post('Profiler.stopPreciseCoverage');
      await session.post('Profiler.disable');
      session.disconnect();
    },
  };
}
