/**
 * Usage and configuration errors: exit 2, one clear line per problem on stderr (the file, the JSON path of the
 * bad key, what was expected, a did-you-mean where one fits), nothing on stdout, never a stack trace.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy } from './helpers.js';

const dir = exampleCopy();

async function usage(argv: string[], cwd = dir): Promise<string> {
  const run = await cli(argv, { cwd });
  expect([argv, run.code]).toEqual([argv, 2]);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr;
}

describe('command line usage errors', () => {
  test.each([
    [['--fromat', 'json'], "loc-lint: Unknown option '--fromat' (did you mean \"--format\"?)"],
    [['--max-warning', '3'], "loc-lint: Unknown option '--max-warning' (did you mean \"--max-warnings\"?)"],
    [['--no-colour'], "loc-lint: Unknown option '--no-colour' (did you mean \"--no-color\"?)"],
    [['--frobnicate'], "loc-lint: Unknown option '--frobnicate'"],
    [['chek'], 'loc-lint: unknown command "chek" (did you mean "check"?)'],
    [['reprot'], 'loc-lint: unknown command "reprot" (did you mean "report"?)'],
    [['--format'], "loc-lint: Option '-f, --format <value>' argument missing"],
    [['--format', 'xml'], 'loc-lint: unknown format "xml" (expected one of: stylish, json, sarif, github, junit)'],
    [['--max-warnings', 'many'], 'loc-lint: --max-warnings expects a whole number, got "many"'],
    [['--shard', '3/2'], 'loc-lint: --shard 3/2: i must be between 1 and n, and n at least 1'],
    [['--color', '--no-color'], 'loc-lint: --color and --no-color cannot be used together'],
    [['--baseline', 'b.json', '--no-baseline'], 'loc-lint: --baseline and --no-baseline cannot be used together'],
    [['--staged', 'de-de'], 'loc-lint: --staged takes no paths'],
    [['check', '--prune'], 'loc-lint: --prune cannot be used with "loc-lint check"'],
    [['report', '--quiet'], 'loc-lint: --quiet cannot be used with "loc-lint report"'],
    [['report', '--format', 'stylish'], 'loc-lint: unknown report format "stylish" (expected one of: table, json, html)'],
    [['report', '--fail-on', 'warnings'], 'loc-lint: --fail-on expects one of: stale, errors; got "warnings"'],
    [['baseline', '--format', 'json'], 'loc-lint: --format cannot be used with "loc-lint baseline"'],
    [['merge'], 'loc-lint: merge needs the output files of the shards (loc-lint merge FILE...)'],
    [['merge', '--staged', 'x.json'], 'loc-lint: --staged cannot be used with "loc-lint merge"'],
    [['de-de/nope.md'], `loc-lint: no such file or folder: ${path.join(dir, 'de-de', 'nope.md')}`],
  ])('%j', async (argv, first) => {
    const stderr = await usage(argv);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(first);
    expect(lines.slice(1)).toEqual(['Run "loc-lint --help" for usage.']);
  });
});

describe('configuration errors', () => {
  function configured(config: string): string {
    const folder = exampleCopy();
    writeFileSync(path.join(folder, '.lintrc.json'), config);
    return folder;
  }

  test('invalid JSON shows the line and column', async () => {
    const folder = configured('{\n  "source": "en-us",\n  "targets": "{locale}",,\n}\n');
    const stderr = await usage([], folder);
    expect(stderr.startsWith(`loc-lint: configuration error: ${path.join(folder, '.lintrc.json')}:3:25: invalid JSON: `)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('one line per problem: file, JSON path, what was expected, did-you-mean', async () => {
    const folder = configured(
      JSON.stringify({
        source: 'en-us',
        targets: '{locale}',
        exclud: ['x'],
        maxFileSizeMB: 'big',
        rules: {
          'link-missmatch': 'error',
          'outdated-handoff': ['warn', { maxAgeDay: 30 }],
          'untranslated-segment': ['loud', {}],
          'missing-span-id': ['error', { idPattern: '(' }],
          'link-mismatch': ['error', { ignore: ['https://example.com/(', '^https://[a-z'] }],
        },
      }),
    );
    const file = path.join(folder, '.lintrc.json');
    const lines = (await usage([], folder)).trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith(`loc-lint: configuration error: ${file}: `))).toBe(true);
    const problems = lines.map((line) => line.slice(`loc-lint: configuration error: ${file}: `.length));
    expect(problems).toEqual(
      expect.arrayContaining([
        'exclud: unknown key "exclud" (did you mean "exclude"?)',
        'maxFileSizeMB: expected number',
        'rules.link-missmatch: unknown rule "link-missmatch" (did you mean "link-mismatch"?)',
        'rules.outdated-handoff[1].maxAgeDay: unknown key "maxAgeDay" (did you mean "maxAgeDays"?)',
        expect.stringMatching(/^rules\.untranslated-segment\[0\]: .*"off", "warn", "error"/),
        'rules.missing-span-id[1].idPattern: "(" is not a valid regular expression (/(/: Unterminated group)',
        // Only an ignore entry starting with ^ is a pattern; the other is a plain prefix.
        'rules.link-mismatch[1].ignore[1]: "^https://[a-z" is not a valid regular expression (/^https://[a-z/: Unterminated character class)',
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  test('a configuration that is not an object, and one without the required keys', async () => {
    expect(await usage([], configured('[1, 2]'))).toMatch(/configuration error: .*: \(top level\): expected object/);
    expect(await usage([], configured('{"source": "en-us"}'))).toMatch(/configuration error: .*: \(top level\): missing required key "targets"/);
  });
});
