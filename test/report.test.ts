/**
 * `loc-lint report`: figures that agree with `check`, tables that fit 60, 80 and 160 columns, progress only on a
 * watched terminal, and --fail-on.
 */
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy } from './helpers.js';
import { progressBar } from '../src/report/progress.js';
import { renderTerminalReport } from '../src/report/terminal.js';
import type { ReportData } from '../src/report/figures.js';
import { rules } from '../rules/index.js';

interface CheckResult {
  locale: string;
  messages: { ruleId: string; severity: number; details?: Record<string, unknown> }[];
}

async function reportOf(dir: string, argv: string[] = [], options: { tty?: boolean; columns?: number; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const { main } = await import('../src/cli/cli.js');
  const code = await main(['report', ...argv], {
    cwd: dir,
    env: options.env ?? {},
    now: new Date('2026-01-01'),
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false, columns: options.columns },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false, columns: options.columns },
  });
  return { code, stdout, stderr };
}

describe('loc-lint report --format json', () => {
  test('agrees with check --format json on the same tree', async () => {
    const dir = exampleCopy();
    // Make the example less uniform: one more stale file and a missing page.
    rmSync(path.join(dir, 'de-de/docs/TOC.md'));
    const install = path.join(dir, 'ja-jp/docs/install.md');
    const before = readFileSync(install, 'utf8');
    const after = before.replace(/^ms\.openlocfilehash: .*$/m, 'ms.openlocfilehash: ffffffffffffffffffffffffffffffffffffffff');
    expect(after).not.toBe(before);
    writeFileSync(install, after);

    const report = await reportOf(dir, ['--format', 'json']);
    expect(report.code).toBe(0);
    const data = JSON.parse(report.stdout);
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['generatedAt', 'source', 'locales', 'totals']));
    const check: CheckResult[] = JSON.parse((await cli(['--format', 'json', '--no-baseline'], { cwd: dir })).stdout);

    for (const figures of data.locales) {
      const mine = check.filter((result) => result.locale === figures.locale);
      expect(figures.files).toBe(mine.length);
      const stale = mine.filter((result) => result.messages.some((m) => m.ruleId === 'stale-source-hash' && m.details?.englishHash)).length;
      expect(figures.stale).toBe(stale);
      for (const [ruleId, count] of Object.entries(figures.findings)) {
        expect({ ruleId, count }).toEqual({ ruleId, count: mine.flatMap((result) => result.messages).filter((m) => m.ruleId === ruleId).length });
      }
      expect(figures.upToDatePercent).toBeCloseTo((100 * figures.upToDate) / (figures.files + figures.missing), 1);
    }
    const byLocale = Object.fromEntries(data.locales.map((figures: { locale: string }) => [figures.locale, figures]));
    expect(byLocale['de-de']).toMatchObject({ files: 2, missing: 1, stale: 1, outdated: 1, upToDate: 1 });
    expect(byLocale['ja-jp']).toMatchObject({ files: 1, missing: 2, stale: 1, upToDate: 0, upToDatePercent: 0 });
    expect(byLocale['de-de'].oldestHandoff).toEqual({ date: '2021-01-12', ageDays: 1815, file: 'de-de/docs/configure.md' });
    expect(data.totals).toMatchObject({ locales: 2, files: 3, missing: 3, stale: 2 });
    expect(data.totals.findings['stale-source-hash']).toBe(2);
  });
});

describe('loc-lint report in a terminal', () => {
  const dir = exampleCopy();

  test.each([60, 80, 160])('fits %i columns; nothing wraps', async (columns) => {
    const run = await reportOf(dir, [], { columns });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    expect(run.stdout).toMatch(/^de-de +3 +0 +1 +1 +2 \(66\.7%\)/m);
    expect(run.stdout).toMatch(/^total +4 +2 +1 +1 +3 \(50\.0%\)/m);
    if (columns >= 80) {
      expect(run.stdout).toContain('2021-01-12 (1,815 d)');
      expect(run.stdout).not.toContain('too narrow');
    } else {
      expect(run.stdout).toContain('(too narrow for: oldest handoff)');
    }
    if (columns === 160) {
      // Every rule has its column (headers may wrap), or, when it has no findings, gives way and is named.
      const totals = lines.filter((line) => /^total /.test(line))[1].trim().split(/ +/).slice(1);
      const givenWay = (/\(no findings: ([^)]*)\)/.exec(run.stdout)?.[1] ?? '').split(', ').filter(Boolean);
      // The example turns no rule off; rules off by default (missing-translation) have no column.
      expect(totals.length - 1 + givenWay.length).toBe(rules.filter((rule) => rule.meta.defaultSeverity !== 'off').length);
      expect(totals.at(-1)).toBe('6');
    }
  });

  test('a very narrow terminal drops columns and says which, never garbles', () => {
    const data: ReportData = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      source: 'en-us',
      locales: [
        { locale: 'de-de', files: 1200, missing: 3, orphaned: 0, stale: 49, outdated: 2, upToDate: 1150, upToDatePercent: 95.6, oldestHandoff: { date: '2019-01-01', ageDays: 2557, file: 'x' }, findings: { 'stale-source-hash': 49, 'link-mismatch': 7 } },
      ],
      totals: { locales: 1, files: 1200, missing: 3, orphaned: 0, stale: 49, outdated: 2, upToDate: 1150, upToDatePercent: 95.6, oldestHandoff: null, findings: { 'stale-source-hash': 49, 'link-mismatch': 7 } },
      files: [{ file: 'de-de/docs/a/very/long/path/to/a/page/with/many/findings.md', locale: 'de-de', relPath: 'x', handoff: null, stale: true, outdated: false, errors: 3, warnings: 1, findings: Array(4).fill({ ruleId: 'link-mismatch', severity: 2, line: 1, column: 1, message: 'm' }) }],
    };
    for (const width of [24, 32, 40]) {
      const text = renderTerminalReport(data, { width, color: false });
      for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
      expect(text).toMatch(/^de-de .*1,150 \(95\.6%\)$/m);
      expect(text).toContain('too narrow for');
      expect(text).toMatch(/^4 {2}de-de.*…/m);
    }
  });

  test('colour only on a terminal', async () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect((await reportOf(dir)).stdout).not.toMatch(ansi);
    expect((await reportOf(dir, [], { tty: true })).stdout).toMatch(ansi);
    expect((await reportOf(dir, [], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  test('progress goes to stderr only on a watched terminal: never piped, never in CI', async () => {
    expect((await reportOf(dir)).stderr).toBe('');
    expect((await reportOf(dir, [], { tty: true, env: { CI: 'true' } })).stderr).toBe('');
    const watched = await reportOf(dir, [], { tty: true });
    expect(watched.stderr).toContain('linting [');
    expect(watched.stderr).toContain('4/4');
    // The bar is cleared at the end.
    expect(watched.stderr.endsWith('\r\u001b[K')).toBe(true);
  });

  test('the bar redraws at most every 100 ms, always shows the end', () => {
    let written = '';
    let now = 0;
    const bar = progressBar({ write: (text: string) => (written += text), isTTY: true, columns: 80 }, {}, 'linting', () => now);
    for (let done = 1; done <= 1000; done++) {
      now += 1; // 1 ms a pair: 1,000 pairs in one second
      bar.update(done, 1000);
    }
    const draws = written.split('\r').length - 1;
    expect(draws).toBeGreaterThanOrEqual(10);
    expect(draws).toBeLessThanOrEqual(12);
    expect(written).toContain('1000/1000');
  });

  test('--fail-on stale|errors gates; plain report exits 0; bad values exit 2', async () => {
    expect((await reportOf(dir)).code).toBe(0);
    expect((await reportOf(dir, ['--fail-on', 'stale'])).code).toBe(1);
    expect((await reportOf(dir, ['--fail-on', 'errors'])).code).toBe(1);
    const bad = await reportOf(dir, ['--fail-on', 'warnings']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on expects one of: stale, errors');
    expect((await reportOf(dir, ['--format', 'sarif'])).code).toBe(2);
    expect((await cli(['check', '--fail-on', 'stale'], { cwd: dir })).code).toBe(2);
  });

  test('--format html --output-file writes one self-contained page whose links lead from its folder to the files', async () => {
    const { mkdirSync, readFileSync: read } = await import('node:fs');
    mkdirSync(path.join(dir, 'out'), { recursive: true });
    const run = await reportOf(dir, ['--format', 'html', '--output-file', 'out/report.html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^total +4 /m); // the terminal still gets the table
    const html = read(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Content-Security-Policy');
    const json = /<script type="application\/json" id="loc-lint-data">([\s\S]*?)<\/script>/.exec(html)![1];
    const payload = JSON.parse(json);
    const install = payload.files.find((file: { file: string }) => file.file === 'de-de/docs/install.md');
    expect(install.href).toBe('../de-de/docs/install.md');
    expect(payload.files).toHaveLength(4);
    // Same figures as the JSON report.
    const figures = JSON.parse((await reportOf(dir, ['--format', 'json'])).stdout);
    expect(payload.data?.totals ?? payload.totals).toEqual(figures.totals);
  });

  test('--fail-on stale passes when nothing is stale', async () => {
    const fresh = exampleCopy();
    writeFileSync(path.join(fresh, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', rules: { 'stale-source-hash': 'off' } }));
    const run = await reportOf(fresh, ['--fail-on', 'stale', '--format', 'json']);
    expect(JSON.parse(run.stdout).totals.stale).toBe(0);
    expect(run.code).toBe(0);
  });
});
