#!/usr/bin/env node
/**
 * Benchmark of a full `loc-lint check` against markdownlint-cli2 (default rules) on the same files, and of
 * loc-lint alone at growing sizes. Not a Jest test (figures, not pass/fail): `npm run bench` builds and runs it.
 *
 *   npm run build && node test/bench/compare.mjs [--runs N] [--scale N] [--no-markdownlint]
 *
 * Corpus: $LOC_LINT_CORPUS/nuget/current or ../shared/corpus/nuget/current beside the repository (en-us with
 * de-de, ja-jp and pl-pl), copied into a temporary git repository with one commit, so loc-lint runs with its
 * git history as in a real checkout. Without the corpus the repository's own example/ folder is used instead
 * (a tiny synthetic corpus; the output says so), so the script always runs.
 *
 * Each of --runs rounds (default 5) runs, one after the other on the same files: markdownlint-cli2 "**\/*.md";
 * loc-lint cold (--cache on an empty cache folder; without --cache when this build has no such option); and
 * loc-lint warm (--cache on a folder primed by one run before the rounds). Alternating spreads the machine's
 * background load over all three. It prints median, min and max wall time, the median peak memory of each
 * process (worker threads included: they live in the same process), pairs per second and, with GNU time, the
 * median CPU time (user + system: a check on figures from a busy machine), and checks the
 * targets of issue 8: cold ≤ 0.5 × markdownlint-cli2, warm ≤ 10% of cold, peak ≤ 400 MiB.
 *
 * Floor (with markdownlint-cli2): parsing alone, one thread, no rules (test/bench/parse-floor.mjs), once with
 * micromark's tokenizer only and once with loc-lint's parser (tokens and mdast tree), divided by the cores: no
 * cold run that parses every file can beat it, so it says how much of the cold target is left for the rules.
 *
 * Scale run (--scale N, default 50,000 pairs; --scale 0 skips it): the corpus's locale trees hard-linked into
 * numbered copies (every copy pairs up), linted cold once at N/8, N/4, N/2 and N pairs. Seconds per 1,000
 * pairs should stay flat (linear growth); the target at N is ≤ 1 GiB peak. Misses are printed, never an exit
 * code: the figures depend on the machine and its load.
 *
 * loc-lint runs from a copy of dist/ taken at the start, so a rebuild in the working tree during the run does
 * not change the program half-way. Peak memory: GNU time's %M (maximum resident set) when /usr/bin/time exists; otherwise the last VmHWM read
 * from /proc/<pid>/status every 20 ms. Temporary folders are deleted at the end, also on Ctrl-C (KEEP=1 keeps
 * them).
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { committedCopy, git } from './corpus-repo.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const current = path.join(corpus, 'nuget', 'current');
const builtBin = path.join(repoRoot, 'dist', 'bin', 'bin.js'); // the bundle that ships as the loc-lint command
const markdownlintBin = path.join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TIME = '/usr/bin/time';
const useGnuTime = existsSync(TIME);

// ---- arguments ----------------------------------------------------------------------------------------------

function parseArguments(argv) {
  const options = { runs: 5, scale: 50_000, markdownlint: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const count = (name) => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) usage(`${name} needs a whole number, got ${argv[i]}`);
      return value;
    };
    if (arg === '--runs') options.runs = Math.max(1, count('--runs'));
    else if (arg === '--scale') options.scale = count('--scale');
    else if (arg === '--no-markdownlint') options.markdownlint = false;
    else if (arg === '-h' || arg === '--help') usage();
    else usage(`unknown argument ${arg}`);
  }
  return options;
}

function usage(problem) {
  if (problem) console.error(`compare benchmark: ${problem}`);
  console.error('usage: node test/bench/compare.mjs [--runs N] [--scale N (pairs; 0 skips)] [--no-markdownlint]');
  process.exit(problem ? 2 : 0);
}

const options = parseArguments(process.argv.slice(2));

if (!existsSync(builtBin)) {
  console.error(`compare benchmark: ${path.relative(process.cwd(), builtBin)} does not exist; run "npm run build" first`);
  process.exit(2);
}
if (options.markdownlint && !existsSync(markdownlintBin)) {
  console.log(`compare benchmark: ${path.relative(process.cwd(), markdownlintBin)} not installed (npm install); markdownlint-cli2 skipped`);
  options.markdownlint = false;
}

// ---- temporary folders and clean-up ----------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), 'loc-lint-compare-'));
let running; // the child being measured, killed on Ctrl-C

function cleanUp() {
  if (process.env.KEEP) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // Children run in their own process group (detached), so the terminal's Ctrl-C does not reach them.
    if (running) {
      try {
        process.kill(-running.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    console.log(`\ncompare benchmark: ${signal}, cleaning up`);
    cleanUp();
    process.exit(130);
  });
}

// A run takes the better part of an hour: lint with a snapshot of dist/ so that a rebuild in the working tree
// meanwhile does not mix two versions into one set of figures. package.json comes along (ESM, the version);
// node_modules is linked, not copied.
const snapshot = path.join(tmp, 'loc-lint');
mkdirSync(snapshot);
cpSync(path.join(repoRoot, 'dist'), path.join(snapshot, 'dist'), { recursive: true });
copyFileSync(path.join(repoRoot, 'package.json'), path.join(snapshot, 'package.json'));
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(snapshot, 'node_modules'), 'dir');
const bin = path.join(snapshot, 'dist', 'bin', 'bin.js');

// ---- the corpus ----------------------------------------------------------------------------------------------

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

const localeFolders = (dir) =>
  readdirSync(dir).filter((name) => !name.startsWith('.') && name !== 'en-us' && statSync(path.join(dir, name)).isDirectory());

const synthetic = !existsSync(path.join(current, 'en-us'));
const source = synthetic ? path.join(repoRoot, 'example') : current;
const docs = path.join(tmp, 'docs');
const setupStart = performance.now();
committedCopy(source, docs, 'benchmark corpus');

const locales = localeFolders(docs);
const markdown = (dir) => listFiles(dir).filter((file) => file.endsWith('.md'));
const englishFiles = markdown(path.join(docs, 'en-us'));
const translatedFiles = locales.reduce((sum, locale) => sum + markdown(path.join(docs, locale)).length, 0);
const megabytes = (dir) => markdown(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0) / 1e6;

if (synthetic) {
  console.log(
    `compare benchmark: corpus not found (${current}; set LOC_LINT_CORPUS or put the corpus at ../shared/corpus), ` +
      'so the SYNTHETIC corpus is used: the repository\'s example/ folder copied out. Its figures are mostly Node start-up.',
  );
}
const head = (() => {
  try {
    // Others may be editing: say when the build includes uncommitted changes to the program.
    const changed = git(repoRoot, 'status', '--porcelain', '--', 'src', 'rules').split('\n').filter(Boolean).length;
    return git(repoRoot, 'rev-parse', '--short', 'HEAD').trim() + (changed ? ` + ${changed} uncommitted file${changed === 1 ? '' : 's'} in src/, rules/` : '');
  } catch {
    return 'unknown';
  }
})();
const markdownlintVersion = (() => {
  try {
    return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'markdownlint-cli2', 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
})();
console.log(
  `compare benchmark: ${synthetic ? 'example/' : 'nuget/current'}: ${englishFiles.length} English + ${translatedFiles} translated Markdown files ` +
    `(en-us + ${locales.join(', ')}; ${megabytes(docs).toFixed(1)} MB), committed to ${docs} in ${Math.round(performance.now() - setupStart)} ms`,
);
console.log(
  `  loc-lint at ${head}, markdownlint-cli2 ${markdownlintVersion}, node ${process.version}, ${os.cpus().length} CPUs, ` +
    `load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}; ${options.runs} rounds; ` +
    `peak memory from ${useGnuTime ? TIME : '/proc/<pid>/status VmHWM'}`,
);

// ---- measuring one process -------------------------------------------------------------------------------------

/**
 * Runs `node <args>` in `cwd` and resolves to its wall time (s), peak resident memory (MiB), exit status,
 * stdout (when `keepStdout`; otherwise drained) and stderr.
 */
function measure(args, cwd, { keepStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(tmp, 'time.txt');
    rmSync(timeFile, { force: true });
    const [command, commandArgs] = useGnuTime
      ? [TIME, ['-o', timeFile, '-f', '%e %M %U %S', process.execPath, ...args]]
      : [process.execPath, args];
    const start = performance.now();
    const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running = child;
    const stdout = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => keepStdout && stdout.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let highWaterKiB = 0;
    let cpuSeconds; // user + system, all threads: less sensitive than wall time to a loaded machine
    const poll = useGnuTime
      ? undefined
      : setInterval(() => {
          try {
            const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (match) highWaterKiB = Number(match[1]);
          } catch {
            // the process has ended (or there is no /proc): keep the last value seen
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const seconds = (performance.now() - start) / 1000;
      running = undefined;
      if (poll) clearInterval(poll);
      if (useGnuTime && existsSync(timeFile)) {
        // The last line is "%e %M %U %S"; a line before it may say "Command exited with non-zero status 1".
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop();
        const match = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last ?? '');
        if (match) {
          highWaterKiB = Number(match[2]);
          cpuSeconds = Number(match[3]) + Number(match[4]);
        }
      }
      resolve({ seconds, cpuSeconds, peakMiB: highWaterKiB / 1024, status: signal ? `signal ${signal}` : status, stdout: Buffer.concat(stdout).toString('utf8'), stderr });
    });
  });
}

const worked = (run) => run.status === 0 || run.status === 1;
const firstLine = (text) => text.trim().split('\n')[0]?.slice(0, 200) ?? '';
const unknownOption = (run) => run.status === 2 && /unknown option/i.test(run.stderr);

/** Files in loc-lint's JSON report (one per pair linted), or undefined when the output is not that. */
function reportedFiles(run) {
  try {
    const report = JSON.parse(run.stdout);
    return Array.isArray(report) ? report.length : undefined;
  } catch {
    return undefined;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ---- corpus: alternating rounds ------------------------------------------------------------------------------

const lintArgs = ['check', '--format', 'json'];
const warmCache = path.join(tmp, 'warm');
const failures = [];

console.log('');
const prime = await measure([bin, ...lintArgs, '--cache', '--cache-location', warmCache], docs, { keepStdout: true });
let cacheAvailable = worked(prime);
if (unknownOption(prime)) console.log('warm: --cache not available (this build has no --cache option); cold runs go without --cache, warm is skipped');
else if (!worked(prime)) {
  cacheAvailable = false;
  console.log(`warm: the priming run with --cache exited ${prime.status} (${firstLine(prime.stderr)}); warm is skipped`);
} else console.log(`warm: cache primed in ${prime.seconds.toFixed(2)} s (${warmCache})`);

let pairs = cacheAvailable ? reportedFiles(prime) : undefined;

const series = { markdownlint: [], cold: [], warm: [] };
for (let round = 1; round <= options.runs; round++) {
  if (options.markdownlint) {
    const run = await measure([markdownlintBin, '**/*.md'], docs);
    if (worked(run)) series.markdownlint.push(run);
    else failures.push(`markdownlint-cli2 round ${round}: exit ${run.status}: ${firstLine(run.stderr)}`);
  }
  const coldArgs = cacheAvailable ? [...lintArgs, '--cache', '--cache-location', path.join(tmp, `cold-${round}`)] : lintArgs;
  const cold = await measure([bin, ...coldArgs], docs, { keepStdout: pairs === undefined });
  if (worked(cold)) {
    series.cold.push(cold);
    pairs ??= reportedFiles(cold);
  } else failures.push(`loc-lint cold round ${round}: exit ${cold.status}: ${firstLine(cold.stderr)}`);
  if (cacheAvailable) {
    const warm = await measure([bin, ...lintArgs, '--cache', '--cache-location', warmCache], docs);
    if (worked(warm)) series.warm.push(warm);
    else failures.push(`loc-lint warm round ${round}: exit ${warm.status}: ${firstLine(warm.stderr)}`);
  }
  process.stdout.write(
    `  round ${round}/${options.runs}: ` +
      Object.entries(series)
        .filter(([, runs]) => runs.length === round)
        .map(([name, runs]) => `${name} ${runs[round - 1].seconds.toFixed(2)} s`)
        .join(', ') +
      '\n',
  );
}
// Pairs as loc-lint counts them (files in its JSON report); the English files times the locales when it failed.
pairs ??= englishFiles.length * locales.length;
for (const failure of failures) console.log(`  FAILED ${failure}`);

const summary = {};
console.log(`\n${'process'.padEnd(30)}${'median s'.padStart(10)}${'min s'.padStart(9)}${'max s'.padStart(9)}${'peak MiB'.padStart(10)}${'pairs/s'.padStart(10)}${'CPU s'.padStart(9)}`);
for (const [name, label] of [
  ['markdownlint', 'markdownlint-cli2 (defaults)'],
  ['cold', `loc-lint cold${cacheAvailable ? '' : ' (no --cache)'}`],
  ['warm', 'loc-lint warm (--cache)'],
]) {
  const runs = series[name];
  if (!runs.length) {
    console.log(`${label.padEnd(30)}${'—'.padStart(10)}  ${name === 'warm' && !cacheAvailable ? '(--cache not available)' : name === 'markdownlint' && !options.markdownlint ? '(--no-markdownlint)' : '(no run worked)'}`);
    continue;
  }
  const seconds = runs.map((run) => run.seconds);
  const cpu = runs.map((run) => run.cpuSeconds).filter((value) => value !== undefined);
  summary[name] = { seconds: median(seconds), peakMiB: median(runs.map((run) => run.peakMiB)), maxPeakMiB: Math.max(...runs.map((run) => run.peakMiB)) };
  console.log(
    `${label.padEnd(30)}${summary[name].seconds.toFixed(2).padStart(10)}${Math.min(...seconds).toFixed(2).padStart(9)}` +
      `${Math.max(...seconds).toFixed(2).padStart(9)}${summary[name].peakMiB.toFixed(0).padStart(10)}${Math.round(pairs / summary[name].seconds).toString().padStart(10)}` +
      `${(cpu.length ? median(cpu).toFixed(2) : '—').padStart(9)}`,
  );
}
console.log(`(${pairs} pairs: files in loc-lint's report; markdownlint-cli2 lints the same ${englishFiles.length + translatedFiles} files on its own)`);

/** One target line: PASS or MISS, the figure and the bound; a missing figure says why. */
function target(label, figure, bound, text) {
  if (figure === undefined) console.log(`  n/a   ${label}: ${text}`);
  else console.log(`  ${figure <= bound ? 'PASS' : 'MISS'}  ${label}: ${text}`);
}

console.log('\ntargets (issue 8):');
const { markdownlint, cold, warm } = summary;
target(
  'cold loc-lint ≤ 0.5 × markdownlint-cli2',
  cold && markdownlint ? cold.seconds / markdownlint.seconds : undefined,
  0.5,
  cold && markdownlint
    ? `${(cold.seconds / markdownlint.seconds).toFixed(2)} × (${cold.seconds.toFixed(2)} s vs ${markdownlint.seconds.toFixed(2)} s, medians)`
    : 'needs both medians',
);
target(
  'warm ≤ 10% of cold',
  warm && cold ? warm.seconds / cold.seconds : undefined,
  0.1,
  warm && cold ? `${((100 * warm.seconds) / cold.seconds).toFixed(1)}% (${warm.seconds.toFixed(2)} s vs ${cold.seconds.toFixed(2)} s)` : cacheAvailable ? 'needs both medians' : '--cache not available',
);
const corpusPeak = Math.max(cold?.maxPeakMiB ?? 0, warm?.maxPeakMiB ?? 0) || undefined;
target('peak memory ≤ 400 MiB on the corpus', corpusPeak, 400, corpusPeak ? `${corpusPeak.toFixed(0)} MiB (highest loc-lint run, cold or warm)` : 'no loc-lint run worked');

// ---- the floor: parsing alone -------------------------------------------------------------------------------------

// Every cold run parses every file, so parsing alone bounds how fast one can be: measured on the same files in
// one thread (test/bench/parse-floor.mjs), then divided by the cores as if they shared it perfectly.
if (markdownlint) {
  console.log('\nfloor: parsing alone, one thread, no rules (test/bench/parse-floor.mjs):');
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (const [mode, label] of [
    ['tokens', "micromark's tokenizer (GFM, front matter)"],
    ['trees', "loc-lint's parser (tokenizer + mdast tree)"],
  ]) {
    const run = await measure([path.join(repoRoot, 'test', 'bench', 'parse-floor.mjs'), mode, docs], repoRoot, { keepStdout: true });
    let figures;
    try {
      figures = JSON.parse(run.stdout);
    } catch {
      console.log(`  ${label}: failed (exit ${run.status}: ${firstLine(run.stderr)})`);
      continue;
    }
    const best = figures.seconds / cores;
    console.log(
      `  ${label.padEnd(44)} ${figures.seconds.toFixed(2).padStart(6)} s (CPU ${figures.cpuSeconds.toFixed(2)} s); ` +
        `÷ ${cores} cores = ${best.toFixed(2)} s = ${(best / markdownlint.seconds).toFixed(2)} × markdownlint-cli2`,
    );
  }
}

// ---- scale run --------------------------------------------------------------------------------------------------

if (options.scale > 0) await scaleRun(options.scale);
cleanUp();

/**
 * Hard-links the corpus's locale trees into numbered copies (scale/<locale>/copy-0001/...) until the run has
 * `size` pairs; nothing is modified, so links are safe and take no space. Copies are only ever added, so the
 * sizes grow one after the other in the same folder.
 */
async function scaleRun(total) {
  const scale = path.join(tmp, 'scale');
  const trees = ['en-us', ...locales].map((locale) => ({ locale, files: listFiles(path.join(docs, locale)) }));
  mkdirSync(scale);
  writeFileSync(path.join(scale, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false }, null, 2) + '\n');
  let copies = 0;
  let linked = true;
  const addCopy = () => {
    copies++;
    const name = `copy-${String(copies).padStart(4, '0')}`;
    for (const { locale, files } of trees) {
      const made = new Set();
      for (const file of files) {
        const to = path.join(scale, locale, name, file);
        const dir = path.dirname(to);
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        try {
          if (linked) linkSync(path.join(docs, locale, file), to);
          else copyFileSync(path.join(docs, locale, file), to);
        } catch {
          // No hard links on this file system: copy (slower, same content).
          linked = false;
          copyFileSync(path.join(docs, locale, file), to);
        }
      }
    }
  };

  const sizes = [...new Set([total / 8, total / 4, total / 2, total].map((size) => Math.max(1, Math.round(size))))];
  console.log(
    `\nscale run: ${sizes.join(', ')} pairs, each loc-lint cold once (no cache), in ${scale}; ` +
      `its .lintrc.json has "git": false (no git repository there: history lookups are not part of this figure)`,
  );
  console.log(`${'pairs'.padStart(8)}${'copies'.padStart(8)}${'files'.padStart(9)}${'MB'.padStart(9)}${'wall s'.padStart(9)}${'s/1k pairs'.padStart(12)}${'peak MiB'.padStart(10)}${'CPU s'.padStart(9)}`);
  const rows = [];
  for (const size of sizes) {
    const linkStart = performance.now();
    const copiesBefore = copies;
    while (copies * pairs < size) addCopy();
    if (rows.length && copies === copiesBefore) continue; // the same copies as the size before: nothing new to time
    const linkSeconds = (performance.now() - linkStart) / 1000;
    const run = await measure([bin, ...lintArgs], scale, { keepStdout: true });
    if (!worked(run)) {
      console.log(`${String(size).padStart(8)}  FAILED: exit ${run.status}: ${firstLine(run.stderr)}`);
      continue;
    }
    const actualPairs = reportedFiles(run) ?? copies * pairs;
    const files = copies * (englishFiles.length + translatedFiles);
    const row = { pairs: actualPairs, seconds: run.seconds, perThousand: (1000 * run.seconds) / actualPairs, peakMiB: run.peakMiB };
    rows.push(row);
    console.log(
      `${String(actualPairs).padStart(8)}${String(copies).padStart(8)}${String(files).padStart(9)}${(copies * megabytes(docs)).toFixed(0).padStart(9)}` +
        `${run.seconds.toFixed(1).padStart(9)}${row.perThousand.toFixed(3).padStart(12)}${run.peakMiB.toFixed(0).padStart(10)}` +
        `${(run.cpuSeconds?.toFixed(1) ?? '—').padStart(9)}` +
        `   (${linked ? 'linked' : 'copied'} in ${linkSeconds.toFixed(1)} s)`,
    );
  }
  console.log('\ntargets at scale:');
  const largest = rows.at(-1);
  const smallest = rows[0];
  target(
    `peak memory ≤ 1 GiB at ${total} pairs`,
    largest && largest.pairs >= total ? largest.peakMiB : undefined,
    1024,
    largest && largest.pairs >= total ? `${largest.peakMiB.toFixed(0)} MiB at ${largest.pairs} pairs` : `no run at ${total} pairs worked`,
  );
  // Flat seconds per 1,000 pairs is linear growth; ≤ 1.5 leaves room for a loaded machine (quadratic would be ~8).
  const growth = largest && smallest && largest !== smallest ? largest.perThousand / smallest.perThousand : undefined;
  target(
    'linear growth: s per 1,000 pairs at N ≤ 1.5 × at N/8',
    growth,
    1.5,
    growth !== undefined
      ? `${growth.toFixed(2)} (${largest.perThousand.toFixed(3)} s at ${largest.pairs} vs ${smallest.perThousand.toFixed(3)} s at ${smallest.pairs}; 1.0 is linear)`
      : 'needs two sizes that worked',
  );
}
