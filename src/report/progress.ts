/**
 * A progress bar for long runs, on stderr, only where a person watches: stderr is a terminal and the run is not
 * in CI. Piped output and CI logs never get carriage returns or partial lines.
 */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Clear the bar (the terminal is left as it was). */
  done(): void;
}

const NONE: Progress = { update() {}, done() {} };
const INTERVAL_MS = 100;

export function progressBar(stream: ProgressStream, env: NodeJS.ProcessEnv, label: string, clock: () => number = Date.now): Progress {
  if (!stream.isTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return NONE;
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const now = clock();
      if (done < total && now - last < INTERVAL_MS) return;
      last = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 24));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
