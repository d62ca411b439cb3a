/**
 * The SARIF format: the SARIF SDK's validator accepts it (with GitHub's ingestion rules), it describes every rule,
 * its results point at the right places, and its fingerprints do not move with the lines.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { formatSarif, INFORMATION_URI } from '../src/format/sarif.js';
import { formats, type FormatContext } from '../src/format/index.js';
import { readResults } from '../src/baseline/merge.js';
import { OUTSIDE_LINK, PARSE_ERROR, type FileResult, type Finding } from '../src/engine/index.js';
import { RULE_DOCS_BASE, type RuleMeta } from '../src/rule-kit/rule.js';
import { rules } from '../rules/index.js';
import { cli, exampleCopy, lintPairsOf, tempDir } from './helpers.js';

const MULTITOOL: string = createRequire(path.resolve('package.json'))('@microsoft/sarif-multitool');
const ruleMetas = rules.map((rule) => rule.meta as RuleMeta<unknown>);

function context(cwd: string, extra: Partial<FormatContext> = {}): FormatContext {
  return { cwd, color: false, rules: ruleMetas, version: '1.2.3', ...extra };
}

/**
 * Run `Sarif.Multitool validate` with the SARIF rules and GitHub's ingestion rules (`Gh`) on a log. A multitool
 * that cannot run fails the test: it is a dev dependency that `npm ci` installs. Its exit code is 0 even when it
 * reports errors, so the errors are read from its output.
 */
function runValidator(text: string): { status: number | null; output: string; errors: string[]; warnings: string[] } {
  const file = path.join(tempDir('loc-lint-sarif-'), 'out.sarif');
  writeFileSync(file, text);
  const run = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', file], { encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw new Error(`the SARIF multitool (${MULTITOOL}) could not run: ${run.error.message}`);
  const output = `${run.stdout}${run.stderr}`;
  const lines = output.split('\n');
  return { status: run.status, output, errors: lines.filter((line) => line.includes(': error ')), warnings: lines.filter((line) => line.includes(': warning ')) };
}

function validate(text: string): void {
  const { status, output, errors, warnings } = runValidator(text);
  if (warnings.length > 0) console.warn(`SARIF multitool warnings:\n${warnings.join('\n')}`);
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
  expect(output).toContain('Analysis completed successfully');
  expect(status).toBe(0);
}

function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'link-mismatch', severity: 2, message: 'Link target differs', line: 3, column: 5, fingerprint: '0123456789abcdef', ...overrides };
}

function fileResult(cwd: string, locale: string, relPath: string, messages: Finding[]): FileResult {
  return {
    filePath: path.join(cwd, locale, ...relPath.split('/')),
    sourcePath: path.join(cwd, 'en-us', ...relPath.split('/')),
    locale,
    relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

const only = (log: Sarif.Log) => {
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
};
const locationOf = (result: Sarif.Result) => result.locations![0].physicalLocation!;

describe('sarif format on the example', () => {
  const dir = exampleCopy();
  let text: string;
  let log: Sarif.Log;
  let json: { filePath: string; messages: Finding[] }[];

  beforeAll(async () => {
    const sarif = await cli(['check', '--format', 'sarif'], { cwd: dir });
    expect(sarif.code).toBe(1);
    text = sarif.stdout;
    log = JSON.parse(text);
    json = JSON.parse((await cli(['check', '--format', 'json'], { cwd: dir })).stdout);
  });

  test('the SARIF multitool validates it with no errors and no warnings, GitHub ingestion rules included', () => {
    validate(text);
  });

  test('the validation catches a broken log (so that a clean report means something)', () => {
    const broken: Sarif.Log = JSON.parse(text);
    broken.runs[0].results![0].ruleIndex = 99;
    delete broken.runs[0].tool.driver.rules![1].help;
    const { errors } = runValidator(JSON.stringify(broken));
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toMatch(/error GH2012: runs\[0\]\.tool\.driver\.rules\[1\]/);
    expect(errors.join('\n')).toMatch(/error SARIF1009: runs\[0\]\.results\[0\]/);
  });

  test('is one run of loc-lint with $schema, version, tool version and informationUri, and nothing after the JSON', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const driver = only(log).tool.driver;
    expect(driver).toMatchObject({ name: 'loc-lint', informationUri: INFORMATION_URI });
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(text.trimEnd().endsWith('}')).toBe(true);
    expect(text.slice(text.trimEnd().length)).toBe('\n');
  });

  test('driver.rules lists every rule and parse-error, with descriptions, help and default levels', () => {
    const described = only(log).tool.driver.rules!;
    expect(described.map((rule) => rule.id)).toEqual([...rules.map((rule) => rule.meta.id), PARSE_ERROR, OUTSIDE_LINK]);
    for (const rule of described) {
      const meta = ruleMetas.find((candidate) => candidate.id === rule.id);
      if (meta) {
        expect(rule.shortDescription!.text).toBe(meta.docs.description);
        expect(rule.defaultConfiguration!.level).toBe(meta.defaultSeverity === 'error' ? 'error' : 'warning');
      }
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.fullDescription!.text.length).toBeGreaterThan(10);
      // Built-in rules link to their generated page (docs/rules/<id>.md); the engine's checks to their README section.
      const helpUri = meta ? `${RULE_DOCS_BASE}${rule.id}.md` : `${INFORMATION_URI}#${rule.id}`;
      expect(rule.helpUri).toBe(helpUri);
      expect(rule.help!.text).toContain('loc-lint baseline');
      expect(rule.help!.markdown).toContain(`(${helpUri})`);
      if (rule.id !== PARSE_ERROR && rule.id !== OUTSIDE_LINK) expect(rule.help!.text).toContain(`"rules": { "${rule.id}": "warn" }`);
      expect(rule.properties!.tags).toContain('localization');
    }
    expect(described.find((rule) => rule.id === 'untranslated-segment')!.defaultConfiguration!.level).toBe('warning');
    expect(described.find((rule) => rule.id === 'link-mismatch')!.help!.text).toContain('Options: ignore, ignoreFragments');
  });

  test('results match the findings: rule, index, level, message, region, relative URI and properties', () => {
    const run = only(log);
    const expected = json.flatMap((result) => result.messages.map((message) => ({ result, message })));
    expect(run.results).toHaveLength(6);
    expect(run.results!.map((result) => result.ruleId)).toEqual(expected.map(({ message }) => message.ruleId));
    run.results!.forEach((result, index) => {
      const { result: file, message } = expected[index];
      expect(run.tool.driver.rules![result.ruleIndex!].id).toBe(result.ruleId);
      expect(result.level).toBe(message.severity === 2 ? 'error' : 'warning');
      expect(result.message.text).toBe(message.message);
      const location = locationOf(result);
      expect(location.artifactLocation).toEqual({ uri: path.relative(dir, file.filePath).split(path.sep).join('/'), uriBaseId: '%SRCROOT%' });
      expect(location.region).toEqual({
        startLine: message.line,
        startColumn: message.column,
        endLine: message.endLine ?? message.line,
        endColumn: message.endColumn ?? message.column,
      });
      expect(result.partialFingerprints).toEqual({ primaryLocationLineHash: `${message.fingerprint}:1` });
      expect(result.properties).toMatchObject({ locale: path.relative(dir, file.filePath).split(path.sep)[0] });
    });
    const link = run.results!.find((result) => result.ruleId === 'link-mismatch')!;
    expect(link.properties).toEqual({ locale: 'de-de', sourcePath: 'en-us/docs/install.md', relPath: 'docs/install.md', ...(link.properties!.details ? { details: link.properties!.details } : {}) });
    const stale = run.results!.find((result) => result.ruleId === 'stale-source-hash')!;
    expect(stale.properties!.details).toMatchObject({ recordedHash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    // %SRCROOT% is the working directory as a file URL ending in "/", and resolves every URI to its file.
    const root = run.originalUriBaseIds!['%SRCROOT%'].uri!;
    expect(root).toBe(`${pathToFileURL(dir).href}/`);
    for (const result of run.results!) expect(fileURLToPath(new URL(locationOf(result).artifactLocation!.uri!, root))).toMatch(/\.md$/);
    expect(run.artifacts).toBeUndefined();
  });

  test('loc-lint merge reads the SARIF back into the same findings', () => {
    const file = path.join(dir, 'shard.sarif');
    writeFileSync(file, text);
    const back = readResults(file).results;
    const flat = (results: { filePath: string; messages: Finding[] }[]) =>
      results.flatMap((result) => result.messages.map((m) => [result.filePath, m.ruleId, m.severity, m.line, m.column, m.message, m.fingerprint]));
    expect(flat(back)).toEqual(flat(json.filter((result) => result.messages.length > 0)));
    expect(back.find((result) => result.filePath.endsWith(path.join('de-de', 'docs', 'install.md')))).toMatchObject({
      locale: 'de-de',
      relPath: 'docs/install.md',
      sourcePath: path.join(dir, 'en-us', 'docs', 'install.md'),
    });
  });

  test('lines inserted above the findings change startLine but not primaryLocationLineHash', async () => {
    const moved = exampleCopy();
    const install = path.join(moved, 'de-de', 'docs', 'install.md');
    const before = readFileSync(install, 'utf8');
    const after = before.replace(/\n---\n/, '\n---\n<!-- Übersetzt von Hand -->\n\nDieser Abschnitt wurde ergänzt.\n\n');
    expect(after).not.toBe(before);
    writeFileSync(install, after);
    const movedLog: Sarif.Log = JSON.parse((await cli(['-f', 'sarif'], { cwd: moved })).stdout);
    const inInstall = (l: Sarif.Log) => only(l).results!.filter((result) => locationOf(result).artifactLocation!.uri === 'de-de/docs/install.md');
    const old = inInstall(log);
    const now = inInstall(movedLog);
    expect(old.length).toBeGreaterThan(0);
    expect(now.map((result) => result.ruleId)).toEqual(old.map((result) => result.ruleId));
    now.forEach((result, index) => {
      expect(locationOf(result).region!.startLine).toBe(locationOf(old[index]).region!.startLine! + 4);
      expect(result.partialFingerprints!.primaryLocationLineHash).toBe(old[index].partialFingerprints!.primaryLocationLineHash);
    });
  });
});

describe('sarif format edge cases', () => {
  test('file names with spaces, non-ASCII, # and %; hostile messages; repeated fingerprints; unknown rules', () => {
    const cwd = tempDir('loc lint ü-');
    const results = [
      fileResult(cwd, 'de-de', 'docs/mit Leerzeichen.md', [
        finding({ line: 2, column: 1, message: 'Line one\nline two, with: 100% \u001b[31mred\u001b[0m and \u0000', details: { id: 'x', targets: ['a', 'b'] } }),
        finding({ line: 9, column: 4, endLine: 10, endColumn: 2 }),
        finding({ line: 12, column: 1, severity: 1, ruleId: 'untranslated-segment', fingerprint: 'fedcba9876543210' }),
      ]),
      fileResult(cwd, 'ja-jp', 'docs/インストール #1 50%.md', [finding({ line: 7, column: 3 }), finding({ ruleId: 'from-a-newer-version', severity: 1 })]),
      fileResult(cwd, 'ja-jp', 'docs/clean.md', []),
      // A side-by-side clone beside the working directory (targets "../docs.{locale}").
      { ...fileResult(cwd, 'fr-fr', 'a.md', [finding({ fingerprint: 'aaaaaaaaaaaaaaaa' })]), filePath: path.resolve(cwd, '..', 'docs.fr-fr', 'a.md') },
    ];
    const text = formatSarif(results, context(cwd));
    validate(text);
    const run = only(JSON.parse(text));
    const uris = run.results!.map((result) => locationOf(result).artifactLocation!.uri);
    expect(uris).toEqual([
      'de-de/docs/mit%20Leerzeichen.md',
      'de-de/docs/mit%20Leerzeichen.md',
      'de-de/docs/mit%20Leerzeichen.md',
      'ja-jp/docs/%E3%82%A4%E3%83%B3%E3%82%B9%E3%83%88%E3%83%BC%E3%83%AB%20%231%2050%25.md',
      'ja-jp/docs/%E3%82%A4%E3%83%B3%E3%82%B9%E3%83%88%E3%83%BC%E3%83%AB%20%231%2050%25.md',
      '../docs.fr-fr/a.md',
    ]);
    // Every URI resolves against %SRCROOT% (whose own path has a space and an umlaut) to the very file.
    const root = run.originalUriBaseIds!['%SRCROOT%'].uri!;
    expect(root).toMatch(/^file:\/\/.*loc%20lint%20%C3%BC-.*\/$/);
    const files = results.flatMap((result) => result.messages.map(() => result.filePath));
    expect(uris.map((uri) => fileURLToPath(new URL(uri!, root)))).toEqual(files);
    // Same fingerprint twice in one file: :1 then :2; in another file it starts again at :1.
    expect(run.results!.map((result) => result.partialFingerprints!.primaryLocationLineHash)).toEqual([
      '0123456789abcdef:1',
      '0123456789abcdef:2',
      'fedcba9876543210:1',
      '0123456789abcdef:1',
      '0123456789abcdef:2',
      'aaaaaaaaaaaaaaaa:1',
    ]);
    // Messages are kept as they are (JSON escapes them); regions default their end to the start.
    expect(run.results![0].message.text).toBe(results[0].messages[0].message);
    // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
    expect(text).not.toMatch(/\u001b|\u0000/);
    expect(text).toContain('\\u001b[31mred');
    expect(locationOf(run.results![0]).region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 });
    expect(locationOf(run.results![1]).region).toEqual({ startLine: 9, startColumn: 4, endLine: 10, endColumn: 2 });
    expect(run.results![0].properties).toEqual({
      locale: 'de-de',
      sourcePath: 'en-us/docs/mit Leerzeichen.md',
      relPath: 'docs/mit Leerzeichen.md',
      details: { id: 'x', targets: ['a', 'b'] },
    });
    expect(run.results![2]).toMatchObject({ level: 'warning', ruleId: 'untranslated-segment' });
    // A rule this version does not know still gets a descriptor, so that ruleIndex points at it.
    const unknown = run.results![4];
    expect(run.tool.driver.rules![unknown.ruleIndex!]).toMatchObject({ id: 'from-a-newer-version', defaultConfiguration: { level: 'warning' } });
    expect(run.tool.driver.rules!.map((rule) => rule.id)).toEqual([...rules.map((rule) => rule.meta.id), PARSE_ERROR, OUTSIDE_LINK, 'from-a-newer-version']);
  });

  test('a rule that is off by default is described as disabled', () => {
    const off: RuleMeta<unknown> = { ...ruleMetas[0], id: 'optional-check', defaultSeverity: 'off' };
    const run = only(JSON.parse(formatSarif([], context('/tmp', { rules: [...ruleMetas, off] }))));
    expect(run.tool.driver.rules!.find((rule) => rule.id === 'optional-check')!.defaultConfiguration).toEqual({ enabled: false, level: 'warning' });
  });

  test('a clean run is a valid log with every rule and no results; suppressed findings are left out and counted', async () => {
    const cwd = tempDir();
    const [result] = await lintPairsOf([{ english: '# Install\n\nRun the installer.\n', translated: '# Installieren\n\nFühren Sie das Installationsprogramm aus.\n' }]);
    expect(result.messages).toEqual([]);
    const suppressed = { ...result, suppressedMessages: [finding()] };
    const text = formats.sarif([suppressed], context(cwd, { summary: { suppressed: 1, fixed: 2 } }));
    validate(text);
    const run = only(JSON.parse(text));
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toHaveLength(rules.length + 2);
    expect(run.properties).toEqual({ baselineSuppressed: 1, baselineFixed: 2 });
  });

  test('real findings from the engine: the same wrong link twice in a file gets :1 and :2', async () => {
    const [result] = await lintPairsOf([
      {
        english: 'See [the guide](guide.md) first.\n\nThen read [the guide](guide.md) again.\n',
        translated: 'Lesen Sie zuerst [den Leitfaden](guide-de.md).\n\nLesen Sie dann [den Leitfaden](guide-de.md) noch einmal.\n',
        rule: 'link-mismatch',
      },
    ]);
    expect(result.messages).toHaveLength(2);
    const [first, second] = result.messages;
    expect(second.fingerprint).toBe(first.fingerprint);
    const cwd = path.dirname(path.dirname(result.filePath));
    const run = only(JSON.parse(formatSarif([result], context(cwd))));
    expect(run.results!.map((r) => r.partialFingerprints!.primaryLocationLineHash)).toEqual([`${first.fingerprint}:1`, `${first.fingerprint}:2`]);
    expect(run.results!.map((r) => locationOf(r).region!.startLine)).toEqual([1, 3]);
  });
});
