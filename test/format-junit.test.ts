/**
 * The junit format: one test suite per locale, one test case per file, a failure listing the findings; the XML is
 * well formed whatever the linted files contain.
 */
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatJunit } from '../src/format/junit.js';
import { formats } from '../src/format/index.js';
import type { FileResult, Finding } from '../src/engine/index.js';
import { cli, exampleCopy, lintPairsOf } from './helpers.js';

interface Failure {
  '#text'?: string;
  '@_message': string;
  '@_type': string;
}
interface TestCase {
  '@_classname': string;
  '@_name': string;
  '@_file': string;
  failure?: Failure;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: TestCase[];
}
interface Report {
  testsuites: { '@_name': string; '@_tests': string; '@_failures': string; testsuite?: Suite[] };
}

/** Parse as a CI server would, after checking that the text is well-formed XML 1.0. */
function parse(xml: string): Report {
  expect(XMLValidator.validate(xml)).toBe(true);
  // Characters XML 1.0 cannot hold: C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  }).parse(xml) as Report;
}

const CWD = path.resolve('/repo');

function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'link-mismatch', severity: 2, message: 'Link target differs', line: 1, column: 1, fingerprint: '0123456789abcdef', ...overrides };
}

function fileResult(locale: string, relPath: string, messages: Finding[]): FileResult {
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

describe('junit format', () => {
  test('the example: a suite per locale, a case per file, a failure listing the findings of each file', async () => {
    const dir = exampleCopy();
    const run = await cli(['check', '--format', 'junit'], { cwd: dir });
    expect(run.code).toBe(1);
    const json: FileResult[] = JSON.parse((await cli(['check', '--format', 'json'], { cwd: dir })).stdout);
    const report = parse(run.stdout).testsuites;
    expect(report).toMatchObject({ '@_name': 'loc-lint', '@_tests': '4', '@_failures': '3' });
    expect(report.testsuite!.map((suite) => [suite['@_name'], suite['@_tests'], suite['@_failures']])).toEqual([
      ['de-de', '3', '2'],
      ['ja-jp', '1', '1'],
    ]);
    const cases = report.testsuite!.flatMap((suite) => suite.testcase);
    expect(cases.map((testCase) => [testCase['@_classname'], testCase['@_name'], testCase['@_file']])).toEqual([
      ['loc-lint.de-de', 'docs/TOC.md', 'de-de/docs/TOC.md'],
      ['loc-lint.de-de', 'docs/configure.md', 'de-de/docs/configure.md'],
      ['loc-lint.de-de', 'docs/install.md', 'de-de/docs/install.md'],
      ['loc-lint.ja-jp', 'docs/install.md', 'ja-jp/docs/install.md'],
    ]);
    expect(cases[0].failure).toBeUndefined();
    cases.forEach((testCase, index) => {
      const messages = json[index].messages;
      if (messages.length === 0) return;
      expect(testCase.failure).toMatchObject({ '@_message': `${messages.length} problems`, '@_type': 'loc-lint' });
      expect(testCase.failure!['#text']!.split('\n')).toEqual(
        messages.map((m) => `${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.message} (${m.ruleId})`),
      );
    });
    expect(cases[1].failure!['#text']).toMatch(/^4:1 error The English file changed since this translation was made: .* \(stale-source-hash\)\n8:1 warning Handoff/);
  });

  test('hostile file names and messages are escaped; characters XML cannot hold are shown as escapes', () => {
    const messages = [
      finding({ line: 3, column: 7, message: 'a ]]> b ]]> <script>alert("x")</script> & &amp; \'quoted\'' }),
      finding({ line: 4, column: 1, severity: 1, ruleId: 'untranslated-segment', message: 'esc \u001b[31mred\u001b[0m nul \u0000 cr\r\nnext\ttab' }),
      finding({ line: 5, column: 2, message: `lone \ud800 surrogate, pair 😀, \ufffe and \uffff, C1 \u009b` }),
    ];
    const name = 'docs/<b>&"quotes" \'n\' \u0007bell\n.md';
    const xml = formatJunit([fileResult('de-de', name, messages), fileResult('fr-fr', 'ok.md', [])], { cwd: CWD });
    const report = parse(xml).testsuites;
    expect(report).toMatchObject({ '@_tests': '2', '@_failures': '1' });
    const [testCase] = report.testsuite![0].testcase;
    expect(testCase['@_name']).toBe('docs/<b>&"quotes" \'n\' \\x07bell\\n.md');
    expect(testCase['@_file']).toBe('de-de/docs/<b>&"quotes" \'n\' \\x07bell\\n.md');
    expect(testCase.failure!['@_message']).toBe('3 problems');
    expect(testCase.failure!['#text']!.split('\n')).toEqual([
      '3:7 error a ]]> b ]]> <script>alert("x")</script> & &amp; \'quoted\' (link-mismatch)',
      '4:1 warning esc \\x1b[31mred\\x1b[0m nul \\x00 cr\\x0d\\nnext\ttab (untranslated-segment)',
      '5:2 error lone \\ud800 surrogate, pair 😀, \\ufffe and \\uffff, C1 \\x9b (link-mismatch)',
    ]);
    // Markup in the text is escaped, never written raw.
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &amp;amp;');
    expect(report.testsuite!.map((suite) => suite['@_name'])).toEqual(['de-de', 'fr-fr']);
  });

  test('counts from the real engine: a clean file is a passing case; one finding is "1 problem"', async () => {
    const results = await lintPairsOf([
      { name: 'clean.md', english: '# Install\n\nRun the installer.\n', translated: '# Installieren\n\nFühren Sie das Installationsprogramm aus.\n' },
      { name: 'guide.md', english: 'See [the guide](guide.md).\n', translated: 'Siehe [den Leitfaden](guide-de.md).\n' },
    ]);
    const cwd = path.dirname(path.dirname(results[0].filePath));
    const report = parse(formats.junit(results, { cwd, color: false, rules: [], version: '0.0.0' })).testsuites;
    expect(report).toMatchObject({ '@_tests': '2', '@_failures': '1' });
    const [clean, guide] = report.testsuite![0].testcase;
    expect(clean).toEqual({ '@_classname': 'loc-lint.de-de', '@_name': 'clean.md', '@_file': 'de-de/clean.md' });
    expect(guide.failure).toMatchObject({ '@_message': '1 problem', '@_type': 'loc-lint' });
    expect(guide.failure!['#text']).toBe(`1:7 error ${results[1].messages[0].message} (link-mismatch)`);
  });

  test('no files: an empty report that still parses', () => {
    const xml = formatJunit([], { cwd: CWD });
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="loc-lint" tests="0" failures="0" errors="0">\n</testsuites>\n');
    expect(parse(xml).testsuites).toMatchObject({ '@_tests': '0', '@_failures': '0' });
  });
});
