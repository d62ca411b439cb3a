/**
 * The worker threads that lint groups of pairs for big runs (a piscina pool; see src/engine/lint-worker.ts).
 *
 * Loaded only when a run is big enough to use workers, so small runs and `--help` never pay for it.
 */
import { Piscina } from 'piscina';
import type { ResolvedConfig } from '../config/config.js';
import type { GroupTask, LintedPair } from './linter.js';

/** What every worker is started with: it rebuilds the rules (built-in plus the configuration's plugins) from it. */
export interface WorkerInit {
  config: ResolvedConfig;
  now: Date;
}

/**
 * Young-generation size of each worker, in MiB. Parsing Markdown allocates many short-lived objects; the smaller
 * the young generation, the more of them survive into the old one and the more the collector works (an eighth
 * of a worker's CPU time in the profile of the NuGet corpus). Bigger costs memory in every worker. Measured on
 * nuget/current as a git repository with two workers (peak resident set of the process): 16 MiB → 384–401 MiB,
 * 24 → 395–397, 32 → 423, 64 → 535–543 (with about 12% less CPU time than 32). 24 keeps that run within its
 * 400 MiB budget.
 */
const YOUNG_GENERATION_MB = 24;

export class WorkerPool {
  private readonly pool: Piscina;

  constructor(threads: number, init: WorkerInit) {
    this.pool = new Piscina({
      filename: new URL('./lint-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      // One group at a time per worker: the queue stays in this thread, bounded by the engine.
      concurrentTasksPerWorker: 1,
      workerData: init,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  }

  lint(task: GroupTask): Promise<LintedPair[]> {
    return this.pool.run(task) as Promise<LintedPair[]>;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
