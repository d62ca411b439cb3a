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
 * Young-generation size of each worker, in MiB. Parsing Markdown allocates many short-lived objects; V8's
 * default young generation is small enough that it collects them over and over (a fifth of the CPU time in the
 * profile). A bigger one halves that, at a fixed cost in memory per worker.
 */
const YOUNG_GENERATION_MB = 64;

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
