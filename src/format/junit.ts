/**
 * JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure Pipelines, CircleCI…):
 *
 *   <testsuites name="loc-lint" tests="4" failures="3" errors="0">
 *     <testsuite name="de-de" tests="3" failures="2" errors="0">
 *       <testcase classname="loc-lint.de-de" name="docs/install.md" file="de-de/docs/install.md">
 *         <failure message="2 problems" type="loc-lint">20:1 warning Paragraph is not translated: … (untranslated-segment)
 *   26:40 error Link target … (link-mismatch)</failure>
 *       </testcase>
 *
 * One test suite per locale, one test case per translated file of the run (its path within the locale's root;
 * `file` relative to the working directory), and a failure for each file with findings that lists them, one line
 * each. Findings the baseline suppressed are not failures.
 *
 * Written directly rather than with junit-report-builder: that library puts failure text in CDATA and, for text
 * that contains `]]>` more than once (which a linted file can put into a message), escapes only the first, so the
 * XML breaks; it also deletes characters XML cannot hold, where loc-lint shows them (`\x1b`).
 */
import path from 'node:path';
import type { FileResult } from '../engine/findings.js';
import { escapeControl } from '../util/escape.js';
import type { FormatContext } from './types.js';

/**
 * Text safe for XML 1.0: control characters shown as `\x1b` (line breaks as `\n`), as in the terminal, and the
 * code points XML cannot hold at all (lone surrogates, U+FFFE, U+FFFF) as `\udc00`; then `& < > " '` as entities.
 */
export function xmlText(value: string): string {
  return escapeControl(value)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlText(String(value))}"`)
    .join('');
}

export function formatJunit(results: FileResult[], context: Pick<FormatContext, 'cwd'>): string {
  const byLocale = new Map<string, FileResult[]>();
  for (const result of results) {
    const group = byLocale.get(result.locale);
    if (group) group.push(result);
    else byLocale.set(result.locale, [result]);
  }
  const failed = (result: FileResult) => result.messages.length > 0;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'loc-lint', tests: results.length, failures: results.filter(failed).length, errors: 0 })}>`,
  ];
  for (const [locale, group] of byLocale) {
    lines.push(`  <testsuite${attributes({ name: locale, tests: group.length, failures: group.filter(failed).length, errors: 0 })}>`);
    for (const result of group) {
      const file = path.relative(context.cwd, result.filePath).split(path.sep).join('/') || result.filePath;
      const testCase = `    <testcase${attributes({ classname: `loc-lint.${locale}`, name: result.relPath, file })}`;
      if (!failed(result)) {
        lines.push(`${testCase}/>`);
        continue;
      }
      const count = result.messages.length;
      const text = result.messages
        .map((finding) => `${finding.line}:${finding.column} ${finding.severity === 2 ? 'error' : 'warning'} ${finding.message} (${finding.ruleId})`)
        .map(xmlText)
        .join('\n');
      lines.push(`${testCase}>`, `      <failure${attributes({ message: `${count} problem${count === 1 ? '' : 's'}`, type: 'loc-lint' })}>${text}</failure>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
