/**
 * `--cache` end to end (issue 8), through the in-process command line on a copy of example/ and on a temporary
 * git repository. Which pairs were linted is not guessed from timing: a plugin rule in the temporary repository
 * (count.mjs) appends the path of every translated file it lints to lint.log beside it and reports nothing, so
 * each run's log says exactly which pairs were linted and which came from the cache.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy, tempDir, type CliRun } from './helpers.js';
import { commitAll, git, write } from './git-repo.js';

/** The built CLI: worker threads load compiled modules, so only it lints in workers (see test/pool.test.ts). */
const BIN = path.resolve('dist', 'src', 'cli', 'bin.js');
const BUILT = existsSync(BIN);
if (!BUILT) console.warn(`cache worker test SKIPPED: ${BIN} does not exist (run "npm run build")`);

/** Ends its worker thread on one page (in the main thread it does nothing), as a crash or an OOM kill would. */
const DIE_IN_WORKER = `
import { isMainThread } from 'node:worker_threads';
import { lintRule } from 'unified-lint-rule';
export default lintRule('crash:die-in-worker', (tree, file) => {
  if (!isMainThread && file.path.endsWith('copy7/configure.md')) process.exit(3);
});
`;

/** Logs each linted translation; the log sits beside the plugin, so no environment variable is needed. */
const COUNT_PLUGIN = `
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintRule } from 'unified-lint-rule';
const LOG = fileURLToPath(new URL('./lint.log', import.meta.url));
export default lintRule('count:count-linted', (tree, file) => {
  appendFileSync(LOG, file.path + '\\n');
});
`;

const EXAMPLE_PAIRS = ['de-de/docs/TOC.md', 'de-de/docs/configure.md', 'de-de/docs/install.md', 'ja-jp/docs/install.md'];

/** count.mjs and the unified-lint-rule it imports (linked from this checkout), and the config listing it. */
function addCountPlugin(dir: string, config: Record<string, unknown>): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  symlinkSync(path.resolve('node_modules', 'unified-lint-rule'), path.join(dir, 'node_modules', 'unified-lint-rule'));
  writeFileSync(path.join(dir, 'count.mjs'), COUNT_PLUGIN);
  writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ ...config, plugins: ['./count.mjs'] }, null, 2));
}

/** A copy of example/ with the counting plugin; `rules` replaces the example's rule settings when given. */
function example(rules?: Record<string, unknown>): string {
  const dir = exampleCopy();
  const config = JSON.parse(readFileSync(path.join(dir, '.lintrc.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema; // it points into this checkout, relative to example/
  addCountPlugin(dir, rules ? { ...config, rules } : config);
  return dir;
}

interface Logged extends CliRun {
  /** The translated files the run linted, relative to the repository, sorted. */
  linted: string[];
}

/** A run of the real `main` (src/cli/cli.ts) at `now`, with the lint log cleared first and read afterwards. */
async function runAt(dir: string, argv: string[], now: Date): Promise<Logged> {
  const log = path.join(dir, 'lint.log');
  rmSync(log, { force: true });
  const { main } = await import('../src/cli/cli.js');
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: dir,
    env: {},
    now,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr, linted: linesOf(log, dir) };
}

/** A run through test/helpers.ts `cli()` (clock fixed at 2026-01-01), with the lint log cleared first. */
async function run(dir: string, argv: string[]): Promise<Logged> {
  const log = path.join(dir, 'lint.log');
  rmSync(log, { force: true });
  const result = await cli(argv, { cwd: dir });
  return { ...result, linted: linesOf(log, dir) };
}

function linesOf(log: string, dir: string): string[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((file) => path.relative(dir, file).split(path.sep).join('/'))
    .sort();
}

const CACHE = '.loc-lint-cache';
/** Several whole runs per test (and git processes in the last). */
const TIMEOUT = 60_000;

describe('--cache end to end', () => {
  test('1. a cold run lints every pair, prints what a run without --cache prints, and writes results.json and a .gitignore of *', async () => {
    const dir = example();
    const plain = await run(dir, ['check']);
    expect(plain.linted).toEqual(EXAMPLE_PAIRS);
    expect(existsSync(path.join(dir, CACHE))).toBe(false);

    const cold = await run(dir, ['check', '--cache']);
    expect(cold.linted).toEqual(EXAMPLE_PAIRS);
    expect(cold.stdout).toBe(plain.stdout);
    expect(cold.stderr).toBe(plain.stderr);
    expect(cold.code).toBe(plain.code);
    expect(cold.code).toBe(1); // the example's planted errors
    expect(cold.stdout).toMatch(/link-mismatch/);
    const stored = JSON.parse(readFileSync(path.join(dir, CACHE, 'results.json'), 'utf8'));
    expect(Object.keys(stored.entries)).toHaveLength(EXAMPLE_PAIRS.length);
    expect(readFileSync(path.join(dir, CACHE, '.gitignore'), 'utf8')).toBe('*\n');
    // The linted files are never modified.
    for (const file of ['de-de/docs/install.md', 'en-us/docs/install.md']) {
      expect(readFileSync(path.join(dir, file))).toEqual(readFileSync(path.resolve('example', file)));
    }
  }, TIMEOUT);

  test('2. a warm run lints nothing and prints byte for byte what the cold run printed, with the same exit code', async () => {
    const dir = example();
    const cold = await run(dir, ['check', '--cache']);
    expect(cold.linted).toEqual(EXAMPLE_PAIRS);
    const warm = await run(dir, ['check', '--cache']);
    expect(warm.linted).toEqual([]);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toBe(cold.stderr);
    expect(warm.code).toBe(cold.code);
    // The output format is not part of the key: JSON from the cache carries everything (details, fingerprints,
    // end positions) that a run without the cache gives.
    const warmJson = await run(dir, ['check', '--cache', '-f', 'json']);
    expect(warmJson.linted).toEqual([]);
    const plainJson = await run(dir, ['check', '-f', 'json']);
    expect(warmJson.stdout).toBe(plainJson.stdout);
    expect(JSON.parse(warmJson.stdout).some((result: { messages: { details?: unknown }[] }) => result.messages.some((m) => m.details !== undefined))).toBe(true);
    // `loc-lint report` reads the same cache, and its figures from cached results are those of a fresh run.
    const warmReport = await run(dir, ['report', '-f', 'json', '--cache']);
    expect(warmReport.linted).toEqual([]);
    expect(warmReport.stdout).toBe((await run(dir, ['report', '-f', 'json'])).stdout);
  }, TIMEOUT);

  test('2b. a warm run repeats the notices of the cold run (staleness that could not be checked)', async () => {
    const dir = example();
    // A source commit without a hash, and "git": false: the run says once that its staleness was not checked.
    const translated = path.join(dir, 'de-de/docs/configure.md');
    writeFileSync(translated, readFileSync(translated, 'utf8').replace(/^ms\.openlocfilehash: .*\n/m, ''));
    const plain = await run(dir, ['check']);
    expect(plain.stderr).toBe(
      'loc-lint: 1 translated file records a source commit (ms.sourcegitcommit) but no hash, and git history is turned off ("git": false in the configuration): their staleness was not checked\n',
    );
    expect((await run(dir, ['check', '--cache'])).stderr).toBe(plain.stderr);
    const warm = await run(dir, ['check', '--cache']);
    expect(warm.linted).toEqual([]);
    expect(warm.stderr).toBe(plain.stderr);
    expect(warm.stdout).toBe(plain.stdout);
  }, TIMEOUT);

  test('3. an edited translation is linted alone and its new finding shows; an edited English file brings exactly its translations', async () => {
    const dir = example();
    const cold = await run(dir, ['check', '--cache']);
    expect(cold.linted).toEqual(EXAMPLE_PAIRS);

    const translated = path.join(dir, 'de-de/docs/configure.md');
    writeFileSync(translated, readFileSync(translated, 'utf8').replace('https://example.com/reference/settings', 'https://example.com/referenz/einstellungen'));
    const afterTranslation = await run(dir, ['check', '--cache']);
    expect(afterTranslation.linted).toEqual(['de-de/docs/configure.md']);
    const finding = /^ +\d+:\d+ +error +Link target `https:\/\/example\.com\/referenz\/einstellungen` differs from the English/m;
    expect(afterTranslation.stdout).toMatch(finding);
    expect(cold.stdout).not.toMatch(finding);
    expect(afterTranslation.stdout).toBe((await run(dir, ['check'])).stdout);

    const english = path.join(dir, 'en-us/docs/install.md');
    appendFileSync(english, '\nRestart the terminal afterwards.\n');
    const afterEnglish = await run(dir, ['check', '--cache']);
    expect(afterEnglish.linted).toEqual(['de-de/docs/install.md', 'ja-jp/docs/install.md']);
    // Both translations are now stale: the English file's SHA-1 no longer matches their ms.openlocfilehash.
    expect(afterEnglish.stdout.match(/stale-source-hash/g)).toHaveLength(3);
    const plain = await run(dir, ['check']);
    expect(afterEnglish.stdout).toBe(plain.stdout);
    expect(afterEnglish.code).toBe(plain.code);
    expect((await run(dir, ['check', '--cache'])).linted).toEqual([]);
  }, TIMEOUT);

  test('4. a changed rule option relints every pair (and so does an edited plugin); a reformatted .lintrc.json does not', async () => {
    const dir = example();
    expect((await run(dir, ['check', '--cache'])).linted).toEqual(EXAMPLE_PAIRS);
    const configFile = path.join(dir, '.lintrc.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    // The key is the resolved configuration: other spacing and key order are the same configuration.
    const reordered = Object.fromEntries(Object.entries(config).reverse());
    writeFileSync(configFile, JSON.stringify(reordered, null, 4));
    const reformatted = await run(dir, ['check', '--cache']);
    expect(reformatted.linted).toEqual([]);
    expect(reformatted.stderr).toBe('');

    config.rules['outdated-handoff'] = ['warn', { maxAgeDays: 365 }];
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const changed = await run(dir, ['check', '--cache']);
    expect(changed.linted).toEqual(EXAMPLE_PAIRS);
    expect(changed.stderr).toBe(
      `loc-lint: the cache in ${CACHE} was not used (${path.join(dir, CACHE, 'results.json')} was made with another configuration, loc-lint version or set of rules); it is rebuilt\n`,
    );
    expect(changed.stdout).toMatch(/Handoff 2021-03-05 is \d+ days old \(more than maxAgeDays 365\)/);
    expect(changed.stdout).toBe((await run(dir, ['check'])).stdout);
    expect((await run(dir, ['check', '--cache'])).linted).toEqual([]);

    // A plugin's file is part of the key: its rule may now say something else about every pair.
    appendFileSync(path.join(dir, 'count.mjs'), '// edited\n');
    const edited = await run(dir, ['check', '--cache']);
    expect(edited.linted).toEqual(EXAMPLE_PAIRS);
    expect(edited.stderr).toMatch(/^loc-lint: the cache in \.loc-lint-cache was not used \(.*\); it is rebuilt\n$/);
    expect((await run(dir, ['check', '--cache'])).linted).toEqual([]);
  }, TIMEOUT);

  test('5. a truncated or garbage results.json is reported, not used, every pair is linted, and the next run is warm', async () => {
    const dir = example();
    const cold = await run(dir, ['check', '--cache']);
    const cacheFile = path.join(dir, CACHE, 'results.json');
    const good = readFileSync(cacheFile);
    for (const broken of [good.subarray(0, Math.floor(good.length / 2)), Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x7b, 0x22, 0xc3, 0x28, 0x0a, 0x01])]) {
      writeFileSync(cacheFile, broken);
      const rebuilt = await run(dir, ['check', '--cache']);
      expect(rebuilt.stderr).toBe(`loc-lint: the cache in ${CACHE} was not used (${cacheFile} is not valid JSON (truncated or overwritten?)); it is rebuilt\n`);
      expect(rebuilt.linted).toEqual(EXAMPLE_PAIRS);
      expect(rebuilt.stdout).toBe(cold.stdout);
      expect(rebuilt.code).toBe(cold.code);
      const warm = await run(dir, ['check', '--cache']);
      expect(warm.stderr).toBe('');
      expect(warm.linted).toEqual([]);
      expect(warm.stdout).toBe(cold.stdout);
    }
  }, TIMEOUT);

  // A cached result carries the engine's `undecided` note; a malformed one must not reach the run's counters.
  test('5b. an entry with a malformed `undecided` field is ignored like any entry of the wrong shape, not a crash', async () => {
    const dir = example();
    const plain = await run(dir, ['check']);
    await run(dir, ['check', '--cache']);
    const cacheFile = path.join(dir, CACHE, 'results.json');
    const stored = JSON.parse(readFileSync(cacheFile, 'utf8'));
    const first = Object.keys(stored.entries)[0];
    stored.entries[first].result.undecided = { reason: 'keys', key: 'ms.sourcegitcommit' };
    writeFileSync(cacheFile, JSON.stringify(stored));
    const tampered = await run(dir, ['check', '--cache']);
    expect(tampered.stderr).not.toMatch(/internal error/);
    expect(tampered.code).toBe(plain.code);
    expect(tampered.stdout).toBe(plain.stdout);
  }, TIMEOUT);

  test('6. --cache-location outside the repository is used, and the default folder is not created', async () => {
    const dir = example();
    const elsewhere = path.join(tempDir('loc-lint-cache-elsewhere-'), 'results-here');
    const cold = await run(dir, ['check', '--cache', '--cache-location', elsewhere]);
    expect(cold.linted).toEqual(EXAMPLE_PAIRS);
    expect(existsSync(path.join(elsewhere, 'results.json'))).toBe(true);
    expect(readFileSync(path.join(elsewhere, '.gitignore'), 'utf8')).toBe('*\n');
    expect(existsSync(path.join(dir, CACHE))).toBe(false);
    const warm = await run(dir, ['check', '--cache', '--cache-location', elsewhere]);
    expect(warm.linted).toEqual([]);
    expect(warm.stdout).toBe(cold.stdout);
    expect(existsSync(path.join(dir, CACHE))).toBe(false);
    // A relative location is resolved against the working folder.
    const relative = path.relative(dir, elsewhere);
    expect(relative.startsWith('..')).toBe(true);
    expect((await run(dir, ['check', '--cache', '--cache-location', relative])).linted).toEqual([]);
    // The default folder is another cache: it starts cold.
    expect((await run(dir, ['check', '--cache'])).linted).toEqual(EXAMPLE_PAIRS);
  }, TIMEOUT);

  test('7. a file where the cache folder should be: same exit code and output as without the cache, one notice, the file untouched', async () => {
    const dir = example();
    const plain = await run(dir, ['check']);
    const blocker = path.join(dir, CACHE);
    writeFileSync(blocker, 'not a folder\n');
    for (let attempt = 0; attempt < 2; attempt++) {
      const blocked = await run(dir, ['check', '--cache']);
      expect(blocked.code).toBe(plain.code);
      expect(blocked.stdout).toBe(plain.stdout);
      expect(blocked.linted).toEqual(EXAMPLE_PAIRS);
      expect(blocked.stderr).toBe(`loc-lint: the cache could not be saved (cannot create the cache folder ${blocker}: a file is in the way); the next run starts cold\n`);
    }
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder\n');
    // Likewise when the file is further up the --cache-location path.
    const below = path.join(blocker, 'inner');
    const nested = await run(dir, ['check', '--cache', '--cache-location', below]);
    expect(nested.code).toBe(plain.code);
    expect(nested.stdout).toBe(plain.stdout);
    expect(nested.linted).toEqual(EXAMPLE_PAIRS);
    expect(nested.stderr).toMatch(/^loc-lint: the cache could not be saved \(cannot create the cache folder .*inner: a file is in the way\); the next run starts cold\n$/);
  }, TIMEOUT);

  test('8. --cache-location without --cache is a usage error (exit 2) and lints nothing', async () => {
    const dir = example();
    const elsewhere = path.join(tempDir(), 'cache');
    const refused = await run(dir, ['check', '--cache-location', elsewhere]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('loc-lint: --cache-location needs --cache\nRun "loc-lint --help" for usage.\n');
    expect(refused.linted).toEqual([]);
    expect(existsSync(elsewhere)).toBe(false);
  }, TIMEOUT);

  test('9. with outdated-handoff on, the next UTC day relints everything; with it off, the next day is warm', async () => {
    const day1 = new Date('2026-01-01T08:00:00Z');
    const day1Late = new Date('2026-01-01T23:59:00Z');
    const day2 = new Date('2026-01-02T00:01:00Z');

    const on = example({ 'outdated-handoff': ['warn', { maxAgeDays: 365 }] });
    const first = await runAt(on, ['check', '--cache'], day1);
    expect(first.linted).toEqual(EXAMPLE_PAIRS);
    expect(first.stdout).toMatch(/Handoff 2021-03-05 is 1763 days old/);
    // Later the same UTC day: the cached ages are still right (handoff dates are UTC midnights).
    const late = await runAt(on, ['check', '--cache'], day1Late);
    expect(late.linted).toEqual([]);
    expect(late.stdout).toBe((await runAt(on, ['check'], day1Late)).stdout);
    const next = await runAt(on, ['check', '--cache'], day2);
    expect(next.linted).toEqual(EXAMPLE_PAIRS);
    // A new day is a miss for every pair, not a cache thrown away: nothing is said about it.
    expect(next.stderr).toBe('');
    // The ages are those of the new day, as a run without the cache gives them.
    expect(next.stdout).toMatch(/Handoff 2021-03-05 is 1764 days old/);
    expect(next.stdout).toBe((await runAt(on, ['check'], day2)).stdout);

    const off = example({ 'outdated-handoff': 'off' });
    const offFirst = await runAt(off, ['check', '--cache'], day1);
    expect(offFirst.linted).toEqual(EXAMPLE_PAIRS);
    const offNext = await runAt(off, ['check', '--cache'], day2);
    expect(offNext.linted).toEqual([]);
    expect(offNext.stdout).toBe(offFirst.stdout);
    expect(offNext.stdout).not.toMatch(/outdated-handoff/);
  }, TIMEOUT);

  // The day is part of each pair's key, not of the run key: a new day relints every pair without claiming
  // that the configuration, the version or the rules changed.
  test('9b. the notice on a new day does not blame the configuration, version or rules', async () => {
    const dir = example();
    await runAt(dir, ['check', '--cache'], new Date('2026-01-01T12:00:00Z'));
    const next = await runAt(dir, ['check', '--cache'], new Date('2026-01-02T12:00:00Z'));
    expect(next.linted).toEqual(EXAMPLE_PAIRS);
    expect(next.stderr).not.toMatch(/was not used/);
    expect(next.stderr).not.toMatch(/another configuration, loc-lint version or set of rules/);
  }, TIMEOUT);

  test('10. a translation whose English history changed is linted again, even when the English bytes are back to what they were', async () => {
    const V1 = '# Install\n\nRun the installer.\n';
    const V2 = '# Install\n\nRun the installer as an administrator.\n';
    const dir = tempDir('loc-lint-cache-git-');
    git(dir, ['init', '-q']);
    write(path.join(dir, '.gitignore'), 'node_modules\nlint.log\n');
    addCountPlugin(dir, { source: 'en-us', targets: { 'de-DE': 'de-de' } });
    write(path.join(dir, 'en-us', 'page.md'), V1);
    write(path.join(dir, 'en-us', 'other.md'), '# Other\n');
    const c1 = commitAll(dir, 'English', '2021-03-04T10:00:00Z');
    // Source commit only (no hash): stale as soon as English commits touch the page after c1.
    write(path.join(dir, 'de-de', 'page.md'), `---\nms.sourcegitcommit: ${c1}\nms.lasthandoff: 03/05/2021\nms.contentlocale: de-DE\n---\n# Installieren\n\nFühren Sie das Installationsprogramm aus.\n`);
    write(path.join(dir, 'de-de', 'other.md'), `---\nms.sourcegitcommit: ${c1}\nms.lasthandoff: 03/05/2021\nms.contentlocale: de-DE\n---\n# Andere\n`);
    commitAll(dir, 'Translations', '2021-03-05T10:00:00Z');

    const check = (argv: string[]) => run(dir, ['check', '--no-baseline', '-f', 'json', ...argv]);
    const findingsOf = (logged: Logged, relPath: string) =>
      (JSON.parse(logged.stdout) as { relPath: string; messages: { ruleId: string; message: string; details?: Record<string, unknown> }[] }[]).find((result) => result.relPath === relPath)!.messages;

    const cold = await check(['--cache']);
    expect(cold.stderr).toBe('');
    expect(cold.linted).toEqual(['de-de/other.md', 'de-de/page.md']);
    expect(findingsOf(cold, 'page.md').map((m) => m.ruleId)).toEqual([]);
    expect((await check(['--cache'])).linted).toEqual([]);

    write(path.join(dir, 'en-us', 'page.md'), V2);
    commitAll(dir, 'Say who runs it', '2021-05-01T10:00:00Z');
    write(path.join(dir, 'en-us', 'page.md'), V1);
    commitAll(dir, 'Revert', '2021-06-01T10:00:00Z');
    expect(readFileSync(path.join(dir, 'en-us', 'page.md'), 'utf8')).toBe(git(dir, ['show', `${c1}:en-us/page.md`]));

    const after = await check(['--cache']);
    expect(after.linted).toEqual(['de-de/page.md']);
    // Linted again (its history facts changed), and judged by bytes: a change and its revert leave the English as
    // it was handed off, so neither stale-source-hash nor outdated-handoff fires although two commits touched it.
    const findings = findingsOf(after, 'page.md');
    expect(findings.map((m) => m.ruleId)).toEqual([]);
    expect(findingsOf(after, 'other.md')).toEqual(findingsOf(cold, 'other.md'));
    const plain = await check([]);
    expect(after.stdout).toBe(plain.stdout);
    expect(after.code).toBe(plain.code);
    expect((await check(['--cache'])).linted).toEqual([]);
  }, TIMEOUT);

  // A crash is not a property of the files: pairs whose worker died (or whose parse ran over time) are not
  // cached, so the next run lints them again.
  (BUILT ? test : test.skip)('11. a pair whose worker died is not served from the cache afterwards', () => {
    const dir = tempDir('loc-lint-cache-workers-');
    const source = path.resolve('example');
    // 30 copies of the example: 120 pairs, enough for two workers (the engine gives each at least 48).
    for (const locale of readdirSync(source).filter((name) => !name.startsWith('.'))) {
      for (let i = 0; i < 30; i++) cpSync(path.join(source, locale, 'docs'), path.join(dir, locale, 'docs', `copy${i}`), { recursive: true });
    }
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.resolve('node_modules', 'unified-lint-rule'), path.join(dir, 'node_modules', 'unified-lint-rule'));
    writeFileSync(path.join(dir, 'crash.mjs'), DIE_IN_WORKER);
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false, plugins: ['./crash.mjs'] }));
    const check = (...argv: string[]) => spawnSync(process.execPath, [BIN, 'check', '-f', 'json', ...argv], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const internalErrors = (stdout: string) =>
      (JSON.parse(stdout) as { relPath: string; messages: { message: string }[] }[]).flatMap((result) =>
        result.messages.filter((m) => m.message.startsWith('internal error')).map((m) => `${result.relPath}: ${m.message}`),
      );

    const pooled = check('--cache', '--concurrency', '2');
    // The crash happened, and cost only its group (configure.md has one translation: de-de).
    expect(internalErrors(pooled.stdout)).toEqual(['docs/copy7/configure.md: internal error while linting: worker exited with code: 3']);
    const single = check('--concurrency', 'off');
    expect(internalErrors(single.stdout)).toEqual([]);
    const warm = check('--cache', '--concurrency', 'off');
    expect(internalErrors(warm.stdout)).toEqual([]);
    expect(warm.stdout).toBe(single.stdout);
  }, TIMEOUT);
});
