/**
 * test/corpus-findings.ts: corpus findings are served from disk only under the key of everything they depend on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachedLint, keyOf } from './corpus-findings.js';
import { tempDir } from './helpers.js';
import type { FileResult } from '../src/engine/index.js';

const finding = (message: string): FileResult => ({
  filePath: '/x/de-de/a.md',
  sourcePath: '/x/en-us/a.md',
  locale: 'de-de',
  relPath: 'a.md',
  messages: [{ ruleId: 'link-mismatch', severity: 2, message, line: 1, column: 1, fingerprint: 'f' }],
  errorCount: 1,
  warningCount: 0,
});

function folder(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'en-us'));
  writeFileSync(path.join(dir, 'en-us', 'a.md'), '# A\n');
  return dir;
}

describe('corpus findings kept between runs', () => {
  const before = process.env.LOC_LINT_TEST_CACHE_DIR;
  beforeAll(() => void (process.env.LOC_LINT_TEST_CACHE_DIR = tempDir()));
  afterAll(() => {
    if (before === undefined) delete process.env.LOC_LINT_TEST_CACHE_DIR;
    else process.env.LOC_LINT_TEST_CACHE_DIR = before;
  });

  test('a second lint with the same key is read from disk; a changed input file or parameter lints again', async () => {
    const dir = folder();
    const name = `unit-${path.basename(dir)}`;
    let lints = 0;
    const lint = (message: string) => async () => {
      lints++;
      return [finding(message)];
    };
    expect(await cachedLint(name, { a: 1 }, [dir], lint('first'))).toEqual([finding('first')]);
    expect(await cachedLint(name, { a: 1 }, [dir], lint('second'))).toEqual([finding('first')]);
    expect(lints).toBe(1);
    expect(await cachedLint(name, { a: 2 }, [dir], lint('other parameters'))).toEqual([finding('other parameters')]);
    writeFileSync(path.join(dir, 'en-us', 'a.md'), '# B\n');
    expect(await cachedLint(name, { a: 1 }, [dir], lint('changed file'))).toEqual([finding('changed file')]);
    writeFileSync(path.join(dir, 'en-us', 'b.md'), '');
    expect(await cachedLint(name, { a: 1 }, [dir], lint('added file'))).toEqual([finding('added file')]);
    expect(lints).toBe(4);
  });

  test('the key covers the parameters and the input files by path and content', () => {
    const dir = folder();
    const key = keyOf({ a: 1 }, [dir]);
    expect(keyOf({ a: 1 }, [dir])).toBe(key);
    expect(keyOf({ a: 2 }, [dir])).not.toBe(key);
    writeFileSync(path.join(dir, 'en-us', 'a.md'), '# A \n');
    expect(keyOf({ a: 1 }, [dir])).not.toBe(key);
  });

  test('a lint with a parse error is not kept (it may be a parse over its time budget on a busy machine)', async () => {
    const dir = folder();
    const name = `unit-${path.basename(dir)}`;
    const failed: FileResult = { ...finding('x'), messages: [{ ruleId: 'parse-error', severity: 2, message: 'parse timed out', line: 1, column: 1, fingerprint: 'p' }] };
    let lints = 0;
    const lint = async () => {
      lints++;
      return [failed];
    };
    await cachedLint(name, {}, [dir], lint);
    await cachedLint(name, {}, [dir], lint);
    expect(lints).toBe(2);
  });

  test('LOC_LINT_TEST_CACHE=off lints every time', async () => {
    const dir = folder();
    const name = `unit-${path.basename(dir)}`;
    let lints = 0;
    const lint = async () => {
      lints++;
      return [finding('x')];
    };
    const setting = process.env.LOC_LINT_TEST_CACHE;
    process.env.LOC_LINT_TEST_CACHE = 'off';
    try {
      await cachedLint(name, {}, [dir], lint);
      await cachedLint(name, {}, [dir], lint);
    } finally {
      if (setting === undefined) delete process.env.LOC_LINT_TEST_CACHE;
      else process.env.LOC_LINT_TEST_CACHE = setting;
    }
    expect(lints).toBe(2);
  });
});
