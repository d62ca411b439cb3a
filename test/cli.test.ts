import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy, tempDir } from './helpers.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('loc-lint check', () => {
  test('stylish output groups findings by file with line:column, and exits 1 on errors', async () => {
    const run = await cli([], { cwd: exampleCopy() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`de-de${path.sep}docs${path.sep}configure.md`);
    expect(run.stdout).toMatch(/^ {2}4:1 {2}error {4}The English file changed since this translation was made/m);
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
    expect(run.stdout).not.toMatch(ANSI);
  });

  test('json output is an ESLint-style array with one entry per translated file', async () => {
    const dir = exampleCopy();
    const run = await cli(['check', '--format', 'json'], { cwd: dir });
    const results = JSON.parse(run.stdout);
    expect(results).toHaveLength(4);
    const configure = results.find((result: { filePath: string }) => result.filePath === path.join(dir, 'de-de/docs/configure.md'));
    expect(configure).toMatchObject({ sourcePath: path.join(dir, 'en-us/docs/configure.md'), locale: 'de-de', errorCount: 1 });
    expect(configure.messages[0]).toMatchObject({ ruleId: 'stale-source-hash', severity: 2, line: 4, column: 1 });
  });

  test('--quiet drops warnings; --max-warnings turns too many warnings into exit 1', async () => {
    const dir = exampleCopy();
    const config = path.join(dir, '.lintrc.json');
    writeFileSync(config, JSON.stringify({ source: 'en-us', targets: '{locale}', rules: { 'stale-source-hash': 'off', 'missing-span-id': 'off', 'link-mismatch': 'off' } }));
    const warnOnly = await cli(['--format', 'json'], { cwd: dir });
    const warnings = JSON.parse(warnOnly.stdout).reduce((sum: number, result: { warningCount: number }) => sum + result.warningCount, 0);
    expect(warnings).toBeGreaterThan(0);
    expect(warnOnly.code).toBe(0);
    expect((await cli(['--max-warnings', String(warnings)], { cwd: dir })).code).toBe(0);
    const tooMany = await cli(['--max-warnings', String(warnings - 1)], { cwd: dir });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain(`too many warnings (${warnings})`);
    const quiet = await cli(['--quiet', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(quiet.stdout).every((result: { messages: unknown[] }) => result.messages.length === 0)).toBe(true);
  });

  test('paths narrow the run: a translated file lints that pair, an English file brings every translation', async () => {
    const dir = exampleCopy();
    const one = JSON.parse((await cli(['de-de/docs/configure.md', '-f', 'json'], { cwd: dir })).stdout);
    expect(one.map((result: { locale: string }) => result.locale)).toEqual(['de-de']);
    const english = JSON.parse((await cli([path.join(dir, 'en-us/docs/install.md'), '-f', 'json'], { cwd: dir })).stdout);
    expect(english.map((result: { locale: string }) => result.locale)).toEqual(['de-de', 'ja-jp']);
    const missing = await cli(['de-de/nope.md'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
  });

  test('colour only on a TTY, never with NO_COLOR or --no-color, always with --color', async () => {
    const dir = exampleCopy();
    expect((await cli([], { cwd: dir, tty: true })).stdout).toMatch(ANSI);
    expect((await cli([], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await cli(['--no-color'], { cwd: dir, tty: true })).stdout).not.toMatch(ANSI);
    expect((await cli(['--color'], { cwd: dir, tty: false })).stdout).toMatch(ANSI);
  });

  test('usage and configuration errors exit 2 with one clear line', async () => {
    const dir = exampleCopy();
    const unknownFlag = await cli(['--fromat', 'json'], { cwd: dir });
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/^loc-lint: Unknown option '--fromat'/);
    expect((await cli(['--format', 'xml'], { cwd: dir })).stderr).toContain('unknown format "xml"');
    expect((await cli(['--max-warnings', 'many'], { cwd: dir })).code).toBe(2);
    expect((await cli([], { cwd: tempDir() })).stderr).toContain('no .lintrc.json found');
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', rules: { 'stale-hash': 'error' } }));
    const badRule = await cli([], { cwd: dir });
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toBe(
      `loc-lint: configuration error: ${path.join(dir, '.lintrc.json')}: rules.stale-hash: unknown rule "stale-hash" (did you mean "stale-source-hash"?)\n`,
    );
  });

  test('--help and --version', async () => {
    const help = await cli(['--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: loc-lint');
    const version = await cli(['--version'], { cwd: tempDir() });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('files that cannot be parsed get a parse-error finding and the rest is linted', async () => {
    const dir = exampleCopy();
    const de = (name: string) => path.join(dir, 'de-de', 'docs', name);
    const en = (name: string) => path.join(dir, 'en-us', 'docs', name);
    for (const name of ['yaml.md', 'binary.md', 'latin1.md', 'unclosed.md', 'code.md', 'unreadable.md']) writeFileSync(en(name), '# Title\n');
    writeFileSync(de('yaml.md'), '---\ntitle: [unclosed\n---\n# Titel\n');
    writeFileSync(de('binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(de('latin1.md'), Buffer.from('# \xdcbersicht\n', 'latin1'));
    writeFileSync(de('unclosed.md'), '---\ntitle: Titel\n# Titel\n');
    writeFileSync(de('code.md'), '---js\nrequire("fs").writeFileSync("pwned", "x")\n---\n# Titel\n');
    mkdirSync(path.join(dir, 'de-de', 'docs', 'folder.md'));
    mkdirSync(path.join(dir, 'en-us', 'docs', 'folder.md'));
    writeFileSync(de('unreadable.md'), '# Titel\n');
    chmodSync(de('unreadable.md'), 0o000);
    const run = await cli(['-f', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const byName = Object.fromEntries(
      JSON.parse(run.stdout).map((result: { filePath: string; locale: string; messages: { ruleId: string; message: string }[] }) => [
        `${result.locale}/${path.basename(result.filePath)}`,
        result.messages.filter((message) => message.ruleId === 'parse-error').map((message) => message.message),
      ]),
    );
    expect(byName['de-de/yaml.md']).toEqual([expect.stringContaining('front matter is not valid YAML')]);
    expect(byName['de-de/binary.md']).toEqual(['file is binary (contains NUL bytes), not Markdown text']);
    expect(byName['de-de/latin1.md']).toEqual(['file is not valid UTF-8 text']);
    expect(byName['de-de/unclosed.md']).toEqual(['front matter has no closing `---` fence']);
    expect(byName['de-de/code.md']).toEqual([expect.stringContaining('"js" is not supported')]);
    if (process.getuid?.() !== 0) expect(byName['de-de/unreadable.md']).toEqual([expect.stringContaining('permission denied')]);
    // The good files are still linted.
    expect(byName['de-de/configure.md']).toEqual([]);
    expect(Object.keys(byName)).toContain('ja-jp/install.md');
    expect(run.stderr).toBe('');
  });
});
