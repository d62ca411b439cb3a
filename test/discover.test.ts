import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../src/config.js';
import { discover } from '../src/discover.js';
import { rules } from '../rules/index.js';
import { tempDir } from './helpers.js';

function write(file: string, text = '# x\n'): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('discover', () => {
  test('pairs by relative path, across side-by-side clones, and records orphans and missing translations', async () => {
    const dir = tempDir();
    write(path.join(dir, 'docs', 'a.md'));
    write(path.join(dir, 'docs', 'sub', 'b.md'));
    write(path.join(dir, 'docs', 'sub', 'notes.txt'));
    write(path.join(dir, 'docs.de-DE', 'a.md'));
    write(path.join(dir, 'docs.de-DE', 'old.md'));
    write(path.join(dir, 'docs.fr-FR', 'sub', 'b.md'));
    const config = resolveConfig({ source: '../docs', targets: '../docs.{locale}' }, path.join(dir, 'docs'), rules);
    const found = await discover(config);
    expect(found.pairs.map((pair) => `${pair.locale}:${pair.relPath}`)).toEqual(['de-DE:a.md', 'fr-FR:sub/b.md']);
    expect(found.pairs[0]).toMatchObject({ sourcePath: path.join(dir, 'docs', 'a.md'), targetPath: path.join(dir, 'docs.de-DE', 'a.md') });
    expect(found.orphans.map((orphan) => `${orphan.locale}:${orphan.relPath}`)).toEqual(['de-DE:old.md']);
    expect(found.missing.map((entry) => `${entry.locale}:${entry.relPath}`)).toEqual(['de-DE:sub/b.md', 'fr-FR:a.md']);
    expect(found.englishCount).toBe(2);
  });

  test('include and exclude globs apply within every root', async () => {
    const dir = tempDir();
    for (const root of ['en-us', 'de-de']) {
      write(path.join(dir, root, 'docs', 'a.md'));
      write(path.join(dir, root, 'docs', 'includes', 'snippet.md'));
      write(path.join(dir, root, 'other', 'c.md'));
    }
    const config = resolveConfig({ source: 'en-us', targets: '{locale}', include: ['docs/**/*.md'], exclude: ['**/includes/**'] }, dir, rules);
    expect((await discover(config)).pairs.map((pair) => pair.relPath)).toEqual(['docs/a.md']);
  });

  test('symbolic links are not followed: a linked file or folder is not linted', async () => {
    const dir = tempDir();
    const outside = tempDir();
    write(path.join(outside, 'secret.md'), 'secret');
    write(path.join(dir, 'en-us', 'a.md'));
    write(path.join(dir, 'en-us', 'b.md'));
    write(path.join(dir, 'de-de', 'a.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'de-de', 'b.md'));
    symlinkSync(outside, path.join(dir, 'de-de', 'linked'));
    write(path.join(dir, 'en-us', 'linked', 'secret.md'));
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    const found = await discover(config);
    expect(found.pairs.map((pair) => pair.relPath)).toEqual(['a.md']);
  });
});
