import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { openCache, digest, CACHE_FORMAT } from '../src/engine/cache.js';
import type { FileResult, Finding } from '../src/engine/index.js';
import { WriteError } from '../src/util/write.js';
import { tempDir } from './helpers.js';

const RUN_KEY = 'run-key-1';

/** A folder with real translated files (the cache drops entries whose file is gone) and a cache folder in it. */
function setUp(): { dir: string; cacheDir: string; cacheFile: string; page: (name: string) => string } {
  const dir = tempDir('loc-lint-cache-');
  const cacheDir = path.join(dir, '.loc-lint-cache');
  const page = (name: string) => {
    const file = path.join(dir, 'de-de', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `# ${name}\n`);
    return file;
  };
  return { dir, cacheDir, cacheFile: path.join(cacheDir, 'results.json'), page };
}

function finding(line: number, severity: 1 | 2 = 2, details?: Record<string, unknown>): Finding {
  return { ruleId: 'link-mismatch', severity, message: `broken at ${line}`, line, column: 3, fingerprint: `fp${line}`, ...(details ? { details } : {}) };
}

function resultFor(filePath: string, messages: Finding[] = [finding(4), finding(9, 1, { english: 'a.md', translated: 'b.md' })]): FileResult {
  return {
    filePath,
    sourcePath: filePath.replace('de-de', 'en-us'),
    locale: 'de-de',
    relPath: path.basename(filePath),
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    handoff: '2024-01-02',
  };
}

describe('result cache', () => {
  test('a saved result comes back in the next run for the same key; another key is a miss', async () => {
    const { cacheDir, page } = setUp();
    const a = page('a.md');
    const b = page('sub/b.md');
    const first = await openCache(cacheDir, RUN_KEY);
    expect(first.ignored).toBeUndefined();
    expect(first.get(a, 'k1')).toBeUndefined();
    first.set(a, 'k1', resultFor(a));
    first.set(b, 'k2', resultFor(b, []));
    await first.save();
    expect([first.hits, first.misses]).toEqual([0, 1]);

    const second = await openCache(cacheDir, RUN_KEY);
    expect(second.ignored).toBeUndefined();
    expect(second.get(a, 'k1')).toEqual(resultFor(a));
    expect(second.get(b, 'k2')).toEqual(resultFor(b, []));
    expect(second.get(a, 'k1-changed')).toBeUndefined();
    expect(second.get(path.join(path.dirname(a), 'never-seen.md'), 'k1')).toBeUndefined();
    expect([second.hits, second.misses]).toEqual([2, 2]);
  });

  test('another run key (configuration, version, rules) makes every entry a miss and says why', async () => {
    const { cacheDir, page } = setUp();
    const a = page('a.md');
    const first = await openCache(cacheDir, RUN_KEY);
    first.set(a, 'k1', resultFor(a));
    await first.save();

    const other = await openCache(cacheDir, 'run-key-2');
    expect(other.ignored).toMatch(/another configuration, loc-lint version or set of rules/);
    expect(other.get(a, 'k1')).toBeUndefined();
    expect(other.misses).toBe(1);
  });

  test('the file layout: format, run key, entries by id; .gitignore of * and a README beside it', async () => {
    const { cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const cache = await openCache(cacheDir, RUN_KEY);
    cache.set(a, 'k1', resultFor(a));
    await cache.save();
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toEqual({ format: CACHE_FORMAT, runKey: RUN_KEY, entries: { [a]: { key: 'k1', result: resultFor(a) } } });
    expect(readFileSync(path.join(cacheDir, '.gitignore'), 'utf8')).toBe('*\n');
    expect(readFileSync(path.join(cacheDir, 'README'), 'utf8')).toMatch(/loc-lint's result cache.*safe to delete/);
  });

  const broken: [string, (valid: string) => string, RegExp][] = [
    ['truncated', (valid) => valid.slice(0, Math.floor(valid.length / 2)), /not valid JSON/],
    ['garbage', () => '\u0000\u00ff garbage {{{', /not valid JSON/],
    ['empty', () => '', /not valid JSON/],
    ['an array', () => '[]', /not a loc-lint cache/],
    ['another format', (valid) => JSON.stringify({ ...JSON.parse(valid), format: CACHE_FORMAT + 1 }), /cache format 2; this loc-lint uses format 1/],
    ['entries not an object', (valid) => JSON.stringify({ ...JSON.parse(valid), entries: [] }), /no entries object/],
    ['a key that is not a string', (valid) => mutateEntry(valid, (entry) => (entry.key = 7)), /wrong shape/],
    ['a result without messages', (valid) => mutateEntry(valid, (entry) => delete entry.result.messages), /wrong shape/],
    ['a result without filePath', (valid) => mutateEntry(valid, (entry) => delete entry.result.filePath), /wrong shape/],
    ['messages not an array', (valid) => mutateEntry(valid, (entry) => (entry.result.messages = { 0: entry.result.messages[0] })), /wrong shape/],
    ['a message that is null', (valid) => mutateEntry(valid, (entry) => (entry.result.messages[0] = null)), /wrong shape/],
    ['severity 3', (valid) => mutateEntry(valid, (entry) => (entry.result.messages[0].severity = 3)), /wrong shape/],
    ['a line that is a string', (valid) => mutateEntry(valid, (entry) => (entry.result.messages[1].line = '4')), /wrong shape/],
    ['a message without fingerprint', (valid) => mutateEntry(valid, (entry) => delete entry.result.messages[0].fingerprint), /wrong shape/],
    ['a message without ruleId', (valid) => mutateEntry(valid, (entry) => delete entry.result.messages[0].ruleId), /wrong shape/],
    ['a column that is missing', (valid) => mutateEntry(valid, (entry) => delete entry.result.messages[0].column), /wrong shape/],
    ['suppressedMessages of the wrong shape', (valid) => mutateEntry(valid, (entry) => (entry.result.suppressedMessages = [{ ruleId: 'x' }])), /wrong shape/],
  ];

  /** Change the second of two entries: one bad entry makes the whole file ignored, good entries included. */
  function mutateEntry(valid: string, change: (entry: any) => void): string {
    const data = JSON.parse(valid);
    const ids = Object.keys(data.entries);
    expect(ids).toHaveLength(2);
    change(data.entries[ids[1]]);
    return JSON.stringify(data);
  }

  test.each(broken)('a cache file that is %s is ignored (never thrown), and save rebuilds it', async (_name, corrupt, reason) => {
    const { cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const b = page('b.md');
    const first = await openCache(cacheDir, RUN_KEY);
    first.set(a, 'ka', resultFor(a));
    first.set(b, 'kb', resultFor(b));
    await first.save();
    writeFileSync(cacheFile, corrupt(readFileSync(cacheFile, 'utf8')));

    const second = await openCache(cacheDir, RUN_KEY);
    expect(second.ignored).toMatch(reason);
    expect(second.get(a, 'ka')).toBeUndefined();
    expect(second.get(b, 'kb')).toBeUndefined();
    second.set(b, 'kb2', resultFor(b, []));
    await second.save();

    const third = await openCache(cacheDir, RUN_KEY);
    expect(third.ignored).toBeUndefined();
    expect(third.get(b, 'kb2')).toEqual(resultFor(b, []));
    expect(third.get(a, 'ka')).toBeUndefined();
  });

  test('a cache file that cannot be read (a folder in its place) is ignored, and saving over it is a WriteError', async () => {
    const { cacheDir, cacheFile, page } = setUp();
    mkdirSync(cacheFile, { recursive: true });
    const cache = await openCache(cacheDir, RUN_KEY);
    expect(cache.ignored).toMatch(/cannot be read \(EISDIR\)/);
    const a = page('a.md');
    cache.set(a, 'k', resultFor(a));
    await expect(cache.save()).rejects.toThrow(WriteError);
  });

  test('an absent cache folder is no reason to complain', async () => {
    const { dir } = setUp();
    const cache = await openCache(path.join(dir, 'nowhere', 'cache'), RUN_KEY);
    expect(cache.ignored).toBeUndefined();
    expect(cache.get('x', 'y')).toBeUndefined();
  });

  test('save creates the folder and writes atomically: a new file (new inode), no temporary files left', async () => {
    const { dir, cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const deep = path.join(dir, 'nested', 'deeper');
    const first = await openCache(deep, RUN_KEY);
    first.set(a, 'k1', resultFor(a));
    await first.save();
    expect(readdirSync(deep).sort()).toEqual(['.gitignore', 'README', 'results.json']);

    const cache = await openCache(cacheDir, RUN_KEY);
    cache.set(a, 'k1', resultFor(a));
    await cache.save();
    const inodeBefore = statSync(cacheFile).ino;
    const again = await openCache(cacheDir, RUN_KEY);
    again.set(a, 'k2', resultFor(a, []));
    await again.save();
    expect(statSync(cacheFile).ino).not.toBe(inodeBefore);
    expect(readdirSync(cacheDir).sort()).toEqual(['.gitignore', 'README', 'results.json']);
    expect((await openCache(cacheDir, RUN_KEY)).get(a, 'k2')).toEqual(resultFor(a, []));
  });

  test('save rewrites nothing when nothing changed', async () => {
    const { cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const first = await openCache(cacheDir, RUN_KEY);
    first.set(a, 'k1', resultFor(a));
    await first.save();
    const inode = statSync(cacheFile).ino;
    const second = await openCache(cacheDir, RUN_KEY);
    expect(second.get(a, 'k1')).toBeDefined();
    await second.save();
    expect(statSync(cacheFile).ino).toBe(inode);
    // A removed .gitignore is written again even then: it is what keeps the cache out of commits.
    for (const damage of [() => rmSync(path.join(cacheDir, '.gitignore')), () => writeFileSync(path.join(cacheDir, '.gitignore'), '')]) {
      damage();
      await (await openCache(cacheDir, RUN_KEY)).save();
      expect(readFileSync(path.join(cacheDir, '.gitignore'), 'utf8')).toBe('*\n');
      expect(statSync(cacheFile).ino).toBe(inode);
    }
  });

  test('an unwritable location (a file where the folder should be) is a WriteError on save, not on open', async () => {
    const { dir, page } = setUp();
    const blocker = path.join(dir, 'blocker');
    writeFileSync(blocker, 'not a folder');
    for (const location of [blocker, path.join(blocker, 'cache')]) {
      const cache = await openCache(location, RUN_KEY);
      expect(cache.ignored).toBeUndefined();
      const a = page('a.md');
      cache.set(a, 'k', resultFor(a));
      await expect(cache.save()).rejects.toThrow(WriteError);
      await expect(cache.save()).rejects.toThrow(/cannot create the cache folder .*: a file is in the way/);
    }
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  test('a cache file that is a symbolic link is not read, and save does not write through it', async () => {
    const { dir, cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const elsewhere = path.join(dir, 'elsewhere.json');
    const real = await openCache(path.join(dir, 'real'), RUN_KEY);
    real.set(a, 'k', resultFor(a));
    await real.save();
    writeFileSync(elsewhere, readFileSync(path.join(dir, 'real', 'results.json')));
    mkdirSync(cacheDir);
    symlinkSync(elsewhere, cacheFile);
    const before = readFileSync(elsewhere, 'utf8');

    const cache = await openCache(cacheDir, RUN_KEY);
    expect(cache.ignored).toMatch(/symbolic link/);
    expect(cache.get(a, 'k')).toBeUndefined();
    cache.set(a, 'k2', resultFor(a, []));
    await expect(cache.save()).rejects.toThrow(/symbolic link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe(before);
  });

  test('entries this run did not touch are kept; entries whose file is gone are dropped', async () => {
    const { cacheDir, cacheFile, page } = setUp();
    const a = page('a.md');
    const b = page('b.md');
    const gone = page('gone.md');
    const first = await openCache(cacheDir, RUN_KEY);
    for (const file of [a, b, gone]) first.set(file, `k-${file}`, resultFor(file));
    await first.save();

    rmSync(gone);
    const narrowed = await openCache(cacheDir, RUN_KEY);
    narrowed.set(a, 'k-a-new', resultFor(a, []));
    await narrowed.save();

    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).entries).sort()).toEqual([a, b].sort());
    const third = await openCache(cacheDir, RUN_KEY);
    expect(third.get(a, 'k-a-new')).toEqual(resultFor(a, []));
    expect(third.get(b, `k-${b}`)).toEqual(resultFor(b));
    expect(third.get(gone, `k-${gone}`)).toBeUndefined();
  });

  test('an id of __proto__ is an ordinary entry', async () => {
    const { cacheDir, page } = setUp();
    const a = page('a.md');
    const first = await openCache(cacheDir, RUN_KEY);
    first.set('__proto__', 'k', resultFor(a));
    await first.save();
    const second = await openCache(cacheDir, RUN_KEY);
    expect(second.ignored).toBeUndefined();
    expect(second.get('__proto__', 'k')).toEqual(resultFor(a));
  });

  test('results handed out and handed in are copies: changing them does not change the cache', async () => {
    const { cacheDir, page } = setUp();
    const a = page('a.md');
    const cache = await openCache(cacheDir, RUN_KEY);
    const stored = resultFor(a);
    cache.set(a, 'k', stored);
    stored.messages[0].message = 'changed by the caller after set';
    stored.messages.pop();

    const got = cache.get(a, 'k')!;
    expect(got).toEqual(resultFor(a));
    got.messages[0].line = 99;
    (got.messages[1].details as { english: string }).english = 'changed';
    got.suppressedMessages = got.messages.splice(0, 1);
    got.errorCount = 0;
    expect(cache.get(a, 'k')).toEqual(resultFor(a));

    await cache.save();
    const reopened = await openCache(cacheDir, RUN_KEY);
    const loaded = reopened.get(a, 'k')!;
    loaded.messages.length = 0;
    expect(reopened.get(a, 'k')).toEqual(resultFor(a));
  });
});

describe('digest', () => {
  test('is the sha256 of the length-prefixed parts: where one part ends matters', () => {
    expect(digest(['ab', 'c'])).not.toBe(digest(['a', 'bc']));
    expect(digest(['abc'])).not.toBe(digest(['ab', 'c']));
    expect(digest(['', 'a'])).not.toBe(digest(['a', '']));
    expect(digest(['a'])).not.toBe(digest(['a', '']));
    expect(digest(['1:a'])).not.toBe(digest(['a', 'a']));
    expect(digest(['ab', 'c'])).toBe(digest(['ab', 'c']));
    expect(digest(['ab', 'c'])).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a string and its UTF-8 bytes give the same digest, whatever container holds the bytes', () => {
    const text = 'Größe 大きさ';
    const bytes = Buffer.from(text, 'utf8');
    expect(digest([text, 'x'])).toBe(digest([bytes, 'x']));
    expect(digest([new Uint8Array(bytes), 'x'])).toBe(digest([bytes, 'x']));
    // The prefix counts UTF-8 bytes ("é" is 2), so the encoding is unambiguous whatever the text.
    expect(digest(['é', 'x'])).toBe(createHash('sha256').update('2:é1:x', 'utf8').digest('hex'));
  });
});
