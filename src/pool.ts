/**
 * The worker threads that lint groups of pairs for big runs (a piscina pool; see src/lint-worker.ts).
 *
 * Loaded only when a run is big enough to use workers, so small runs and `--help` never pay for it.
 */
import { Piscina } from 'piscina';
import type { ResolvedConfig } from './config.js';
import type { GroupTask, LintedPair } from './engine.js';

/** What every worker is started with: it rebuilds the rules (built-in plus the configuration's plugins) from it. */
export interface WorkerInit {
  config: ResolvedConfig;
  now: Date;
}

/**
 * Young-generation size of each worker, in MiB. Parsing Markdown allocates many short-lived objects, and with
 * V8's default young generation the collector runs over and over (an eighth of the CPU time in the profile of
 * the NuGet corpus). Measured there with two workers: 16 MiB peaks at 339 MiB, 32 at 396 MiB, 64 at 476 MiB
 * with about 12% less CPU time; 32 keeps the run under its 400 MiB budget.
 */
const YOUNG_GENERATION_MB = 32;

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
