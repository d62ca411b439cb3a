/**
 * missing-translation: off by default in check (the report counts missing pages anyway); when on, one finding
 * per English file and locale without a translation, on the English file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, exampleCopy } from './helpers.js';

interface JsonResult {
  filePath: string;
  locale: string;
  messages: { ruleId: string; severity: number; message: string }[];
}

describe('missing-translation', () => {
  test('off by default: no finding, and no English file is read for it; the report still counts missing pages', async () => {
    const dir = exampleCopy();
    const run = await cli(['check', '-f', 'json'], { cwd: dir });
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.flatMap((result) => result.messages).filter((message) => message.ruleId === 'missing-translation')).toEqual([]);
    const report = JSON.parse((await cli(['report', '-f', 'json'], { cwd: dir })).stdout);
    expect(report.totals.missing).toBe(2);
  });

  test('on: one finding per missing page and locale, on the English file, and the report counts them', async () => {
    const dir = exampleCopy();
    const config = JSON.parse((await import('node:fs')).readFileSync(path.join(dir, '.lintrc.json'), 'utf8'));
    config.rules = { ...config.rules, 'missing-translation': 'error' };
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify(config));
    const run = await cli(['check', '-f', 'json', '--no-baseline'], { cwd: dir });
    expect(run.code).toBe(1);
    const missing = (JSON.parse(run.stdout) as JsonResult[]).flatMap((result) =>
      result.messages.filter((message) => message.ruleId === 'missing-translation').map((message) => `${result.locale} ${path.relative(dir, result.filePath)} ${message.message}`),
    );
    expect(missing.sort()).toEqual([
      'ja-jp en-us/docs/TOC.md No ja-jp translation: ja-jp/docs/TOC.md does not exist',
      'ja-jp en-us/docs/configure.md No ja-jp translation: ja-jp/docs/configure.md does not exist',
    ]);
    const report = JSON.parse((await cli(['report', '-f', 'json'], { cwd: dir })).stdout);
    expect(report.totals).toMatchObject({ missing: 2, files: 4 });
    expect(report.totals.findings['missing-translation']).toBe(2);
  });
});
