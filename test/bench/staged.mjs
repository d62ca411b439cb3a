#!/usr/bin/env node
/**
 * Benchmark of `loc-lint check --staged` (the pre-commit path) on real documentation: nuget/current of the
 * corpus (about 1,500 Markdown files in en-us, de-de, ja-jp and pl-pl), committed to a fresh git repository.
 * Not a Jest test: run it by hand after a build.
 *
 *   npm run build && node test/bench/staged.mjs [runs]
 *
 * Times the real command-line process (dist/bin/bin.js, the bundle that ships as the loc-lint command) for a
 * one-file translated change, a one-file English change (which brings in its 3 translations) and a full
 * `check`, and prints median, min and max in ms, the number of files each run lints and the git processes a
 * --staged run starts. The corpus is $LOC_LINT_CORPUS/nuget/current or ../shared/corpus/nuget/current beside
 * the repository; without it the script says so and exits 0.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { committedCopy, git } from './corpus-repo.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const current = path.join(corpus, 'nuget', 'current');
const bin = path.join(repoRoot, 'dist', 'bin', 'bin.js');
const runs = Number(process.argv[2] ?? 7);

if (!existsSync(path.join(current, 'en-us'))) {
  console.log(`staged benchmark: corpus not found, skipped (${current}; set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);
  process.exit(0);
}
if (!existsSync(bin)) {
  console.error(`staged benchmark: ${path.relative(process.cwd(), bin)} does not exist; run "npm run build" first`);
  process.exit(2);
}

function countMarkdown(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.md')) count++;
  return count;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'loc-lint-bench-'));
const repo = path.join(tmp, 'docs');
const setupStart = performance.now();
committedCopy(current, repo, 'nuget/current');
const locales = readdirSync(repo).filter((name) => name !== 'en-us' && statSync(path.join(repo, name)).isDirectory() && !name.startsWith('.'));
console.log(
  `staged benchmark: ${countMarkdown(repo)} Markdown files (en-us + ${locales.join(', ')}) committed to ${repo} ` +
    `in ${Math.round(performance.now() - setupStart)} ms; node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs each`,
);

/** A page that exists in every locale. */
const page = (() => {
  const preferred = 'docs/concepts/Package-Versioning.md';
  if (['en-us', ...locales].every((locale) => existsSync(path.join(repo, locale, preferred)))) return preferred;
  const all = git(repo, 'ls-files', '-z', '--', 'en-us').split('\0').filter((file) => file.endsWith('.md'));
  return all.map((file) => file.slice('en-us/'.length)).find((relPath) => locales.every((locale) => existsSync(path.join(repo, locale, relPath))));
})();

function cliOnce(args, env = process.env) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repo, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`loc-lint ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { ms, status: run.status, stdout: run.stdout };
}

function measure(label, args, count = runs) {
  const json = args[0] === 'check' ? cliOnce([...args, '--format', 'json']).stdout : '';
  const linted = json ? JSON.parse(json).length : 0;
  const times = [];
  let status;
  for (let i = 0; i < count; i++) {
    const run = cliOnce(args);
    times.push(run.ms);
    // Every timed run must have done the same work as the JSON run (findings: exit 1 and a report).
    if (json && (run.status === 1) !== (run.stdout !== '')) throw new Error(`${label}: exit ${run.status} with ${run.stdout ? 'a' : 'no'} report`);
    if (status !== undefined && run.status !== status) throw new Error(`${label}: exit ${run.status}, earlier runs ${status}`);
    status = run.status;
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  const ms = (value) => `${Math.round(value)} ms`;
  console.log(
    `${label.padEnd(44)} median ${ms(median).padStart(8)}  min ${ms(times[0]).padStart(8)}  max ${ms(times[times.length - 1]).padStart(8)}  ` +
      (json ? `(${linted} file${linted === 1 ? '' : 's'} linted, exit ${status})` : ''),
  );
  return median;
}

/** The git processes one run starts, from a `git` wrapper first on PATH that logs each invocation. */
function gitProcesses(args) {
  if (process.platform === 'win32') return 'n/a';
  const wrapperDir = path.join(tmp, 'bin');
  const log = path.join(wrapperDir, 'log');
  rmSync(wrapperDir, { recursive: true, force: true });
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  mkdirSync(wrapperDir);
  writeFileSync(path.join(wrapperDir, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  cliOnce(args, { ...process.env, PATH: `${wrapperDir}${path.delimiter}${process.env.PATH}` });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return `${calls.length} (${calls.join(', ')})`;
}

function stageChange(relPath) {
  git(repo, 'reset', '-q', '--hard');
  const file = path.join(repo, relPath);
  writeFileSync(file, readFileSync(file, 'utf8') + '\nA paragraph added for the benchmark.\n');
  git(repo, 'add', '--', relPath);
}

const results = {};
measure('node dist/bin/bin.js --version (startup)', ['--version'], runs);

stageChange(path.posix.join(locales[0], page));
results.translated = measure(`check --staged, 1 translated file changed`, ['check', '--staged']);
console.log(`  git processes per --staged run: ${gitProcesses(['check', '--staged'])}`);

stageChange(path.posix.join('en-us', page));
results.english = measure(`check --staged, 1 English file changed`, ['check', '--staged']);
console.log(`  git processes per --staged run: ${gitProcesses(['check', '--staged'])}`);

// Ten files of each kind: the number of git processes stays the same.
git(repo, 'reset', '-q', '--hard');
const ten = git(repo, 'ls-files', '-z', '--', 'en-us').split('\0').filter((file) => file.endsWith('.md')).slice(0, 10);
for (const file of ten) writeFileSync(path.join(repo, file), readFileSync(path.join(repo, file), 'utf8') + '\nChanged.\n');
git(repo, 'add', '-A');
results.ten = measure('check --staged, 10 English files changed', ['check', '--staged']);
console.log(`  git processes per --staged run: ${gitProcesses(['check', '--staged'])}`);

git(repo, 'reset', '-q', '--hard');
results.full = measure('check (everything, for comparison)', ['check'], Math.min(runs, 3));

console.log(
  `one-file --staged runs are ${results.translated <= 1000 && results.english <= 1000 ? 'within' : 'OVER'} the one-second budget ` +
    `(translated ${Math.round(results.translated)} ms, English ${Math.round(results.english)} ms; full check ${Math.round(results.full)} ms)`,
);
if (!process.env.KEEP) rmSync(tmp, { recursive: true, force: true });
else console.log(`kept ${tmp}`);
