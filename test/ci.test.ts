/**
 * loc-lint in CI: the baseline round trip, --output-file, --shard and merge, through the command line.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy } from './helpers.js';

interface JsonResult {
  filePath: string;
  locale: string;
  messages: { ruleId: string; line: number; message: string; fingerprint: string }[];
  suppressedMessages: unknown[];
  errorCount: number;
  warningCount: number;
}

function edit(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(file, after);
}

const listed = (results: JsonResult[]) => results.flatMap((result) => result.messages.map((m) => `${path.basename(result.filePath)}:${m.line} ${m.ruleId}`));

describe('baseline round trip', () => {
  const dir = exampleCopy();
  const baselineFile = path.join(dir, '.loc-lint-baseline.json');
  const install = path.join(dir, 'de-de/docs/install.md');

  test('loc-lint baseline records every finding beside the configuration', async () => {
    const run = await cli(['baseline'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('loc-lint: wrote .loc-lint-baseline.json: 6 findings in 3 files\n');
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
    expect(Object.keys(baseline.files)).toEqual(['de-de/docs/configure.md', 'de-de/docs/install.md', 'ja-jp/docs/install.md']);
    // Writing again from the same tree gives the same bytes: the file is stable for diffs.
    const first = readFileSync(baselineFile, 'utf8');
    await cli(['baseline'], { cwd: dir });
    expect(readFileSync(baselineFile, 'utf8')).toBe(first);
  });

  test('check is clean against the baseline and says how many findings it suppressed', async () => {
    const run = await cli(['check'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ no new problems (6 known problems suppressed by the baseline)\n');
    const json = await cli(['--format', 'json'], { cwd: dir });
    const results: JsonResult[] = JSON.parse(json.stdout);
    expect(listed(results)).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.suppressedMessages.length, 0)).toBe(6);
  });

  test('--no-baseline lists everything again', async () => {
    const run = await cli(['--no-baseline'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ 6 problems (3 errors, 3 warnings)');
  });

  test('text inserted above the findings does not make them new', async () => {
    for (const locale of ['de-de', 'ja-jp']) {
      edit(path.join(dir, locale, 'docs/install.md'), (text) => text.replace(/\n---\n/, '\n---\n\n\n\n'));
    }
    const run = await cli(['--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(listed(JSON.parse(run.stdout))).toEqual([]);
    // The findings did move: without the baseline they are three lines further down.
    const all = await cli(['--format', 'json', '--no-baseline'], { cwd: dir });
    expect(listed(JSON.parse(all.stdout))).toContain('install.md:29 link-mismatch');
  });

  test('one regression is reported alone, with exit 1', async () => {
    edit(install, (text) => text.replace('https://example.com/de-de/releases', 'https://example.com/de-de/downloads'));
    const run = await cli(['--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(listed(JSON.parse(run.stdout))).toEqual(['install.md:18 link-mismatch']);
    const stylish = await cli([], { cwd: dir });
    expect(stylish.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(stylish.stdout).toContain('6 known problems suppressed by the baseline');
  });

  test('--prune does not let a regression into the baseline', async () => {
    const prune = await cli(['baseline', '--prune'], { cwd: dir });
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain('6 findings in 3 files');
    expect((await cli([], { cwd: dir })).code).toBe(1);
  });

  test('fixing the regression makes the run clean again', async () => {
    edit(install, (text) => text.replace('https://example.com/de-de/downloads', 'https://example.com/de-de/releases'));
    expect((await cli([], { cwd: dir })).code).toBe(0);
  });

  test('a fixed baselined finding is reported as fixed, and --prune drops it', async () => {
    edit(install, (text) => text.replace('After installing, check the version:', 'Prüfen Sie nach der Installation die Version:'));
    const run = await cli([], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 baselined problem is fixed: run "loc-lint baseline --prune" to drop it');
    const prune = await cli(['baseline', '--prune'], { cwd: dir });
    expect(prune.stdout).toBe('loc-lint: pruned .loc-lint-baseline.json: 5 findings in 3 files, 1 that is gone dropped\n');
    const after = await cli([], { cwd: dir });
    expect(after.stdout).toBe('✔ no new problems (5 known problems suppressed by the baseline)\n');
  });

  test('a baseline naming files and rules that no longer exist is pruned, not an error', async () => {
    const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));
    baseline.files['de-de/docs/removed.md'] = { 'link-mismatch': { '0123456789abcdef': 2 } };
    baseline.files['de-de/docs/install.md']['retired-rule'] = { fedcba9876543210: 1 };
    writeFileSync(baselineFile, JSON.stringify(baseline));
    const run = await cli([], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 baselined problems are fixed');
    const prune = await cli(['baseline', '--prune'], { cwd: dir });
    expect(prune.stdout).toContain('3 that are gone dropped');
    const pruned = JSON.parse(readFileSync(baselineFile, 'utf8'));
    expect(pruned.files['de-de/docs/removed.md']).toBeUndefined();
    expect(pruned.files['de-de/docs/install.md']['retired-rule']).toBeUndefined();
  });

  test('--baseline names another file; a named baseline that does not exist is a usage error', async () => {
    const other = path.join(dir, 'ci', 'known.json');
    const missing = await cli(['--baseline', 'ci/known.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(other));
    expect((await cli(['baseline', '--baseline', 'ci/known.json'], { cwd: dir })).code).toBe(0);
    const baseline = JSON.parse(readFileSync(other, 'utf8'));
    // Keys are relative to the baseline's own folder.
    expect(Object.keys(baseline.files)).toContain('../de-de/docs/configure.md');
    expect((await cli(['--baseline', 'ci/known.json'], { cwd: dir })).code).toBe(0);
  });

  test('a corrupt baseline is an error (exit 2), never silently ignored', async () => {
    writeFileSync(baselineFile, '{"version": 1, "files": [');
    const run = await cli([], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^loc-lint: the baseline .*\.loc-lint-baseline\.json is not valid JSON .*regenerate it with "loc-lint baseline"\n$/);
  });
});

describe('--output-file', () => {
  test('writes the chosen format to the file while the terminal gets stylish', async () => {
    const dir = exampleCopy();
    const run = await cli(['--format', 'json', '--output-file', 'report.json'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ 6 problems (3 errors, 3 warnings)');
    const results: JsonResult[] = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(results).toHaveLength(4);
    // Written atomically: nothing but the report is left beside it.
    expect(readdirSync(dir).filter((name) => name.startsWith('report'))).toEqual(['report.json']);
  });

  test('a folder that does not exist is an error, not a crash', async () => {
    const dir = exampleCopy();
    const run = await cli(['--format', 'json', '-o', 'no/such/folder/report.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^loc-lint: cannot write .*report\.json: its folder does not exist\n$/);
    expect(existsSync(path.join(dir, 'no'))).toBe(false);
  });
});

describe('--shard and merge', () => {
  const dir = exampleCopy();
  const sorted = (results: JsonResult[]) => [...results].sort((a, b) => a.filePath.localeCompare(b.filePath));

  test.each([1, 2, 3, 4])('the union of %i shards is the unsharded run, each pair in exactly one shard', async (count) => {
    const full: JsonResult[] = JSON.parse((await cli(['--format', 'json', '--no-baseline'], { cwd: dir })).stdout);
    const shards: JsonResult[][] = [];
    for (let index = 1; index <= count; index++) {
      shards.push(JSON.parse((await cli(['--format', 'json', '--shard', `${index}/${count}`], { cwd: dir })).stdout));
    }
    const union = shards.flat();
    expect(new Set(union.map((result) => result.filePath)).size).toBe(union.length);
    expect(sorted(union)).toEqual(sorted(full));
    // Every translation of an English file is in the same shard, so each English file is parsed once.
    const englishOf = (results: JsonResult[]) => new Set(results.map((result) => path.basename(result.filePath)));
    const seen = new Set<string>();
    for (const shard of shards) {
      for (const name of englishOf(shard)) {
        expect(seen.has(name)).toBe(false);
        seen.add(name);
      }
    }
  });

  test('merge puts the shards back together with check’s exit code', async () => {
    for (const index of [1, 2]) {
      const run = await cli(['--format', 'json', '--shard', `${index}/2`, '-o', `shard-${index}.json`], { cwd: dir });
      expect([0, 1]).toContain(run.code);
    }
    const merged = await cli(['merge', 'shard-1.json', 'shard-2.json', '--format', 'json'], { cwd: dir });
    const full = await cli(['--format', 'json'], { cwd: dir });
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(full.stdout));
    const stylish = await cli(['merge', 'shard-2.json', 'shard-1.json'], { cwd: dir });
    expect(stylish.stdout).toBe((await cli([], { cwd: dir })).stdout);
  });

  test('merge reads SARIF shards back: the merged SARIF is the unsharded SARIF', async () => {
    const sarifDir = exampleCopy();
    for (const index of [1, 2, 3]) await cli(['--format', 'sarif', '--shard', `${index}/3`, '-o', `shard-${index}.sarif`], { cwd: sarifDir });
    const merged = await cli(['merge', 'shard-3.sarif', 'shard-1.sarif', 'shard-2.sarif', '--format', 'sarif'], { cwd: sarifDir });
    const full = await cli(['--format', 'sarif'], { cwd: sarifDir });
    expect(merged.code).toBe(1);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(full.stdout));
    // Read back into JSON, each finding keeps its rule, place and fingerprint (clean files are not in SARIF).
    const asJson: JsonResult[] = JSON.parse((await cli(['merge', 'shard-1.sarif', 'shard-2.sarif', 'shard-3.sarif', '--format', 'json'], { cwd: sarifDir })).stdout);
    const fullJson: JsonResult[] = JSON.parse((await cli(['--format', 'json'], { cwd: sarifDir })).stdout);
    const withFindings = fullJson.filter((result) => result.messages.length > 0);
    expect(asJson.map((result) => result.filePath)).toEqual(withFindings.map((result) => result.filePath));
    const key = (results: JsonResult[]) => results.flatMap((result) => result.messages.map((m) => [m.ruleId, m.line, m.message, m.fingerprint]));
    expect(key(asJson)).toEqual(key(withFindings));
  });

  test('merge counts what the shards\' baselines suppressed', async () => {
    const baselined = exampleCopy();
    await cli(['baseline'], { cwd: baselined });
    for (const index of [1, 2]) {
      await cli(['--format', 'json', '--shard', `${index}/2`, '-o', `s${index}.json`], { cwd: baselined });
      await cli(['--format', 'sarif', '--shard', `${index}/2`, '-o', `s${index}.sarif`], { cwd: baselined });
    }
    for (const inputs of [['s1.json', 's2.json'], ['s1.sarif', 's2.sarif']]) {
      const merged = await cli(['merge', ...inputs], { cwd: baselined });
      expect(merged.code).toBe(0);
      expect(merged.stdout).toBe('✔ no new problems (6 known problems suppressed by the baseline)\n');
    }
  });

  test('merge refuses what it cannot read, with exit 2', async () => {
    writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    const cases = [[['merge'], /needs the output files/], [['merge', 'missing.json'], /no such file/], [['merge', 'other.json'], /neither loc-lint JSON/]] as const;
    for (const [argv, message] of cases) {
      const run = await cli([...argv], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });

  test('bad shard specifications and misplaced flags are usage errors', async () => {
    for (const argv of [['--shard', '3/2'], ['--shard', '0/2'], ['--shard', 'half'], ['check', '--prune'], ['baseline', '--format', 'json'], ['merge', 'a.json', '--shard', '1/2']]) {
      const run = await cli(argv, { cwd: dir });
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(/^loc-lint: .+\n/);
    }
  });
});
