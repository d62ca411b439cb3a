/**
 * Terminal escape sequences, C1 controls, carriage returns and bidirectional overrides in linted files (in their
 * text and in their names) never reach the output raw, in any format or in the report; the JSON formats keep the
 * text exactly (as \u escapes), so nothing is lost.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './helpers.js';
import { escapeControl, safeJson } from '../src/util/escape.js';

// CSI colour, OSC 8 hyperlink, one-byte C1 CSI, BEL, CR (overwrites the line), RLO/PDF and an isolate.
const PAYLOAD = '\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u009b2J \r\u202eevil\u202c \u2066x\u2069';
// Anything of this kind in output bytes is a raw control (tab and line feed are the output's own).
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function repository(): { dir: string; name: string } {
  const dir = tempDir();
  const name = `evil\u001b[2J\u202e.md`;
  writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-DE': 'de-de' } }));
  const english = `# Title\n\nThe ${PAYLOAD} package restore installs every package the project needs.\n`;
  for (const root of ['en-us', 'de-de']) {
    mkdirSync(path.join(dir, root));
    // The translation is left in English: untranslated-segment quotes the text, payload included.
    writeFileSync(path.join(dir, root, name), english);
    writeFileSync(path.join(dir, root, 'plain.md'), english);
  }
  return { dir, name };
}

describe('control characters from linted files', () => {
  const { dir, name } = repository();

  test('escapeControl makes every unsafe character visible and leaves right-to-left letters alone', () => {
    expect(escapeControl(PAYLOAD)).toBe(
      '\\x1b[31mRED\\x1b[0m \\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07 \\x9b2J \\x0d\\u202eevil\\u202c \\u2066x\\u2069',
    );
    expect(escapeControl('שלום עולם مرحبا \u200f')).toBe('שלום עולם مرحبا \u200f');
    expect(JSON.parse(safeJson(JSON.stringify(PAYLOAD)))).toBe(PAYLOAD);
  });

  test.each(['stylish', 'json', 'sarif', 'github', 'junit'])('--format %s writes no raw control character', async (format) => {
    const run = await cli(['check', '--format', format, '--no-baseline'], { cwd: dir });
    expect(run.code).toBe(0); // untranslated-segment is a warning
    expect(run.stdout).toContain('not translated');
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stderr).not.toMatch(RAW);
    if (format === 'json') {
      // Nothing lost: the JSON still holds the exact text and file name.
      const results = JSON.parse(run.stdout) as { filePath: string; messages: { message: string }[] }[];
      const evil = results.find((result) => result.filePath.endsWith(name))!;
      expect(evil.filePath).toBe(path.join(dir, 'de-de', name));
      expect(evil.messages.some((message) => message.message.includes('\u001b[31mRED'))).toBe(true);
    }
  });

  test.each(['table', 'json', 'html'])('report --format %s writes no raw control character', async (format) => {
    const run = await cli(['report', '--format', format], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(100);
    expect(run.stdout).not.toMatch(RAW);
  });

  test('--output-file gets the format, the terminal gets stylish; neither raw', async () => {
    const run = await cli(['check', '--format', 'sarif', '--output-file', 'out.sarif'], { cwd: dir });
    expect(run.stdout).toContain('not translated');
    expect(run.stdout).not.toMatch(RAW);
  });
});
