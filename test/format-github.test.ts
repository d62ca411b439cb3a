/**
 * The github format: GitHub Actions workflow commands, escaped as @actions/core escapes them, at most 10
 * annotations of each kind with the rest as plain log lines, and one summary notice.
 */
import path from 'node:path';
import { formatGithub, escapeData, escapeProperty } from '../src/format/github.js';
import { formats } from '../src/format/index.js';
import type { FileResult, Finding } from '../src/engine/index.js';
import { cli, exampleCopy, lintPairsOf } from './helpers.js';

const CWD = path.resolve('/repo');

function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'link-mismatch', severity: 2, message: 'Link target differs', line: 1, column: 1, fingerprint: '0123456789abcdef', ...overrides };
}

function fileResult(relPath: string, messages: Finding[], locale = 'de-de'): FileResult {
  return {
    filePath: path.join(CWD, locale, ...relPath.split('/')),
    sourcePath: path.join(CWD, 'en-us', ...relPath.split('/')),
    locale,
    relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

const linesOf = (text: string) => {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
};

describe('github format', () => {
  test('one workflow command per finding from the real engine, then the summary notice', async () => {
    const results = await lintPairsOf([
      {
        name: 'docs/install.md',
        english: '# Install\n\nSee [the guide](guide.md).\n\nRun the installer as an administrator.\n',
        translated: '# Installieren\n\nSiehe [den Leitfaden](guide-de.md).\n\nRun the installer as an administrator.\n',
      },
    ]);
    const cwd = path.dirname(path.dirname(path.dirname(results[0].filePath)));
    expect(formats.github(results, { cwd, color: false, rules: [], version: '0.0.0' })).toBe(
      [
        '::error file=de-de/docs/install.md,line=3,col=7,endLine=3,endColumn=35,title=loc-lint(link-mismatch)::Link target `guide-de.md` differs from the English `guide.md` (en-us/docs/install.md:3)',
        '::warning file=de-de/docs/install.md,line=5,col=1,endLine=5,endColumn=39,title=loc-lint(untranslated-segment)::Paragraph is not translated: "Run the installer as an administrator." is the English text at en-us/docs/install.md:5',
        '::notice title=loc-lint::1 error and 1 warning in 1 file',
        '',
      ].join('\n'),
    );
  });

  test('the example through the command line: errors first, paths relative to the working directory', async () => {
    const run = await cli(['check', '--format', 'github'], { cwd: exampleCopy() });
    expect(run.code).toBe(1);
    const lines = linesOf(run.stdout);
    expect(lines.map((line) => line.replace(/ .*/, ''))).toEqual(['::error', '::error', '::error', '::warning', '::warning', '::warning', '::notice']);
    expect(lines[0]).toMatch(/^::error file=de-de\/docs\/configure\.md,line=4,col=1,.*title=loc-lint\(stale-source-hash\)::The English file changed/);
    expect(lines[6]).toBe('::notice title=loc-lint::3 errors and 3 warnings in 3 files');
  });

  test('escapes data and properties as @actions/core does, and makes terminal escapes visible', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    expect(escapeData('\u001b[2J\u0007\u009b\u2028')).toBe('\\x1b[2J\\x07\\x9b\\u2028');

    const hostile = 'Line one\nline two, with: 100% \u001b[31mred\u001b[0m\r\n::error file=x.md::injected';
    const text = formatGithub([fileResult('docs/a,b: c.md', [finding({ line: 2, column: 3, message: hostile })])], { cwd: CWD });
    expect(linesOf(text)).toEqual([
      '::error file=de-de/docs/a%2Cb%3A c.md,line=2,col=3,title=loc-lint(link-mismatch)::Line one%0Aline two, with: 100%25 \\x1b[31mred\\x1b[0m%0D%0A::error file=x.md::injected',
      '::notice title=loc-lint::1 error and 0 warnings in 1 file',
    ]);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  test('at most 10 error and 10 warning annotations, errors first; the rest as plain lines; one summary', () => {
    // 25 errors and 15 warnings over three files, warnings first in each file so that "errors first" is visible.
    const results: FileResult[] = [];
    let errors = 0;
    let warnings = 0;
    for (const name of ['a.md', 'b c.md', 'd.md']) {
      const messages: Finding[] = [];
      for (let i = 0; i < 5; i++) messages.push(finding({ severity: 1, ruleId: 'untranslated-segment', line: 100 + i, message: `warning ${++warnings}` }));
      for (let i = 0; i < (name === 'd.md' ? 5 : 10); i++) messages.push(finding({ line: 200 + i, column: 2, message: `error ${++errors}: 50%, done` }));
      results.push(fileResult(name, messages));
    }
    results.push(fileResult('clean.md', []));
    expect([errors, warnings]).toEqual([25, 15]);

    const lines = linesOf(formatGithub(results, { cwd: CWD }));
    expect(lines).toHaveLength(25 + 15 + 1);
    expect(lines.slice(0, 10).every((line) => line.startsWith('::error file='))).toBe(true);
    expect(lines.slice(0, 10).map((line) => line.replace(/^.*::/, ''))).toEqual(Array.from({ length: 10 }, (_, i) => `error ${i + 1}: 50%25, done`));
    expect(lines.slice(10, 20).every((line) => line.startsWith('::warning file='))).toBe(true);
    expect(lines.slice(10, 20).map((line) => line.replace(/^.*::/, ''))).toEqual(Array.from({ length: 10 }, (_, i) => `warning ${i + 1}`));
    // The rest, in the order of the results: b c.md's 5 warnings were annotated, its errors were not; then d.md.
    const plain = lines.slice(20, 40);
    expect(plain.filter((line) => line.startsWith('::'))).toEqual([]);
    expect(plain[0]).toBe('de-de/b c.md:200:2: error error 11: 50%, done (link-mismatch)');
    expect(plain.slice(0, 10).map((line) => line.replace(/^.*: error error (\d+):.*$/, '$1'))).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 11)));
    expect(plain.slice(10, 15)).toEqual(Array.from({ length: 5 }, (_, i) => `de-de/d.md:${100 + i}:1: warning warning ${i + 11} (untranslated-segment)`));
    expect(plain.slice(15, 20).map((line) => line.replace(/^de-de\/d\.md:\d+:2: error error (\d+):.*$/, '$1'))).toEqual(['21', '22', '23', '24', '25']);
    expect(lines[40]).toBe('::notice title=loc-lint::25 errors and 15 warnings in 3 files; 20 shown as annotations, the rest are listed in the log above');
  });

  test('plain lines escape control characters and line breaks, so file text cannot start a command', () => {
    const messages = Array.from({ length: 11 }, (_, i) => finding({ line: i + 1, message: i === 10 ? 'last\n::error::pwned \u001b]0;title\u0007' : `error ${i}` }));
    const lines = linesOf(formatGithub([fileResult('docs/x.md', messages), { ...fileResult('y.md', [finding()]), filePath: path.join(CWD, ':y.md') }], { cwd: CWD }));
    expect(lines).toHaveLength(13);
    expect(lines[10]).toBe('de-de/docs/x.md:11:1: error last\\n::error::pwned \\x1b]0;title\\x07 (link-mismatch)');
    expect(lines[11]).toBe('./:y.md:1:1: error Link target differs (link-mismatch)');
    expect(lines.filter((line) => line.startsWith('::error')).length).toBe(10);
  });

  test('the summary tells what the baseline did; nothing at all when there is nothing to say', async () => {
    expect(formatGithub([], { cwd: CWD })).toBe('');
    expect(formatGithub([fileResult('a.md', [])], { cwd: CWD, summary: { suppressed: 0, fixed: 0 } })).toBe('');
    expect(formatGithub([fileResult('a.md', [])], { cwd: CWD, summary: { suppressed: 0, fixed: 1 } })).toBe(
      '::notice title=loc-lint::no new problems; 1 baselined problem is fixed (run "loc-lint baseline --prune" to drop it)\n',
    );
    const one = formatGithub([fileResult('a.md', [finding({ severity: 1 })])], { cwd: CWD, summary: { suppressed: 6, fixed: 2 } });
    expect(linesOf(one)[1]).toBe(
      '::notice title=loc-lint::0 errors and 1 warning in 1 file; 6 known problems suppressed by the baseline; 2 baselined problems are fixed (run "loc-lint baseline --prune" to drop them)',
    );

    // Through the command line with a real baseline: only the notice.
    const dir = exampleCopy();
    expect((await cli(['baseline'], { cwd: dir })).code).toBe(0);
    const run = await cli(['check', '--format', 'github'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('::notice title=loc-lint::no new problems; 6 known problems suppressed by the baseline\n');
  });

  test('endLine and endColumn only when the finding has an end', () => {
    const [line] = linesOf(formatGithub([fileResult('a.md', [finding({ line: 4, column: 2 }), finding({ line: 5, column: 1, endLine: 6, endColumn: 3 })])], { cwd: CWD }));
    expect(line).toBe('::error file=de-de/a.md,line=4,col=2,title=loc-lint(link-mismatch)::Link target differs');
    const second = linesOf(formatGithub([fileResult('a.md', [finding({ line: 5, column: 1, endLine: 6, endColumn: 3 })])], { cwd: CWD }))[0];
    expect(second).toBe('::error file=de-de/a.md,line=5,col=1,endLine=6,endColumn=3,title=loc-lint(link-mismatch)::Link target differs');
  });
});
