/**
 * Worker threads (`--concurrency`): big runs are linted in a pool of workers and give exactly what one thread
 * gives; small runs stay in the main thread; a worker that dies costs its group a finding, not the run.
 *
 * Workers load the compiled modules, so these tests run the built CLI, both builds that `npm ci` / `npm run build`
 * make: the compiled modules (dist/src/cli/bin.js) and the bundle that ships as the `loc-lint` command
 * (dist/bin/bin.js, whose worker is its own entry point). A plugin rule reports which thread linted each file, so the tests see where work went
 * instead of guessing it from timing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const builds: Array<[string, string]> = [
  ['modules (dist/src)', path.resolve('dist', 'src', 'cli', 'bin.js')],
  ['bundle (dist/bin)', path.resolve('dist', 'bin', 'bin.js')],
];

/** Reports, once per file, whether it was linted in a worker thread; exits its thread on a page named boom.md. */
const PROBE = `
import { lintRule } from 'unified-lint-rule';
import { isMainThread } from 'node:worker_threads';
export default lintRule('probe:thread', (tree, file) => {
  if (file.path.endsWith('boom.md') && !isMainThread) process.exit(3);
  file.message(isMainThread ? 'main thread' : 'worker thread', { line: 1, column: 1 });
});
`;

/** The shipped example copied `copies` times into numbered folders: three English pages, four pairs per copy. */
function repository(copies: number): string {
  const dir = tempDir();
  const example = path.resolve('example');
  for (const locale of readdirSync(example).filter((name) => !name.startsWith('.'))) {
    for (let i = 0; i < copies; i++) cpSync(path.join(example, locale, 'docs'), path.join(dir, locale, 'docs', `copy${i}`), { recursive: true });
  }
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(path.resolve('node_modules', 'unified-lint-rule'), path.join(dir, 'node_modules', 'unified-lint-rule'));
  writeFileSync(path.join(dir, 'probe.mjs'), PROBE);
  writeFileSync(
    path.join(dir, '.lintrc.json'),
    JSON.stringify({ source: 'en-us', targets: '{locale}', git: false, plugins: ['./probe.mjs'], rules: { 'outdated-handoff': ['warn', { maxAgeDays: null }] } }),
  );
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; message: string; severity: number }[];
}

function check(bin: string, dir: string, ...args: string[]): { code: number | null; results: JsonResult[]; stderr: string } {
  const run = spawnSync(process.execPath, [bin, 'check', '-f', 'json', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: run.status, results: run.stdout ? (JSON.parse(run.stdout) as JsonResult[]) : [], stderr: run.stderr };
}

/** Which threads linted the files, counted from the probe's findings. */
function threads(results: JsonResult[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const result of results) for (const m of result.messages) if (m.ruleId === 'thread') count[m.message] = (count[m.message] ?? 0) + 1;
  return count;
}

/** The results without the probe's findings: what the built-in rules said. */
function withoutProbe(results: JsonResult[]): JsonResult[] {
  return results.map((result) => ({ ...result, messages: result.messages.filter((m) => m.ruleId !== 'thread') }));
}

for (const [, bin] of builds) if (!existsSync(bin)) console.warn(`pool tests SKIPPED for ${bin}: it does not exist (run "npm run build")`);

describe.each(builds.filter(([, bin]) => existsSync(bin)))('worker threads, %s', (_build, bin) => {
  // 30 copies: 120 pairs, enough for two workers (the engine gives each worker at least 48 pairs).
  const big = repository(30);

  test('a big run is linted in workers and gives exactly what one thread gives', () => {
    const pooled = check(bin, big, '--concurrency', '2');
    const single = check(bin, big, '--concurrency', 'off');
    expect(pooled.stderr).toBe('');
    expect(pooled.results).toHaveLength(120);
    expect(threads(pooled.results)).toEqual({ 'worker thread': 120 });
    expect(threads(single.results)).toEqual({ 'main thread': 120 });
    expect(withoutProbe(pooled.results)).toEqual(withoutProbe(single.results));
    expect(pooled.code).toBe(single.code);
    // The example has real findings: the comparison is not between two empty lists.
    expect(withoutProbe(single.results).some((result) => result.messages.length > 0)).toBe(true);
  });

  test('a small run stays in the main thread whatever is asked', () => {
    const small = repository(2);
    const run = check(bin, small, '--concurrency', '4');
    expect(run.results).toHaveLength(8);
    expect(threads(run.results)).toEqual({ 'main thread': 8 });
  });

  test('a worker that dies costs its group one finding per file; the rest of the run is linted', () => {
    const dir = repository(30);
    for (const locale of ['en-us', 'de-de']) writeFileSync(path.join(dir, locale, 'docs', 'boom.md'), '# Boom\n\nText.\n');
    const run = check(bin, dir, '--concurrency', '2');
    expect(run.results).toHaveLength(121);
    const boom = run.results.find((result) => result.filePath.endsWith(path.join('de-de', 'docs', 'boom.md')))!;
    expect(boom.messages).toEqual([expect.objectContaining({ ruleId: 'parse-error', severity: 2, message: expect.stringMatching(/^internal error while linting: /) })]);
    expect(threads(run.results)).toEqual({ 'worker thread': 120 });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/internal error:/);
  });

  test('--concurrency takes a whole number, auto or off', () => {
    const run = spawnSync(process.execPath, [bin, 'check', '--concurrency', 'many'], { cwd: big, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--concurrency expects a whole number of at least 1, "auto" or "off"; got "many"');
  });
});
