import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../src/config/config.js';
import { discover, UsageError } from '../src/discover/discover.js';
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
    // Both links lead outside the roots: reported (the file link by name, the folder link whatever its name).
    expect(found.outsideLinks.map((link) => [link.locale, link.relPath, link.target, link.dangling])).toEqual([
      ['de-de', 'b.md', path.join(outside, 'secret.md'), false],
      ['de-de', 'linked', outside, false],
    ]);
  });

  test('links inside the roots are not followed and not reported; dangling links are reported', async () => {
    const dir = tempDir();
    write(path.join(dir, 'en-us', 'a.md'));
    write(path.join(dir, 'de-de', 'a.md'));
    symlinkSync(path.join(dir, 'en-us', 'a.md'), path.join(dir, 'de-de', 'copy.md'));
    symlinkSync(path.join(dir, 'en-us'), path.join(dir, 'de-de', 'english'));
    symlinkSync('nowhere.md', path.join(dir, 'de-de', 'gone.md'));
    symlinkSync('nowhere.png', path.join(dir, 'de-de', 'gone.png'));
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    const found = await discover(config);
    expect(found.pairs.map((pair) => pair.relPath)).toEqual(['a.md']);
    expect(found.outsideLinks.map((link) => [link.relPath, link.target, link.dangling])).toEqual([['gone.md', 'nowhere.md', true]]);
    // Named on the command line, an outside link is reported, not skipped.
    const named = await discover(config, [path.join(dir, 'de-de', 'gone.md')]);
    expect(named.outsideLinks.map((link) => link.relPath)).toEqual(['gone.md']);
    expect(named.skipped).toEqual([]);
  });

  test('an orphan names the English file it was probably moved or renamed to', async () => {
    const dir = tempDir();
    for (const file of ['guide/install.md', 'guide/configure.md', 'reference/cli.md', 'a/index.md', 'b/index.md']) write(path.join(dir, 'en-us', file));
    for (const file of ['old/cli.md', 'guide/instal.md', 'guide/overview.md', 'c/index.md']) write(path.join(dir, 'de-de', file));
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    const found = await discover(config);
    expect(Object.fromEntries(found.orphans.map((orphan) => [orphan.relPath, orphan.similar ?? null]))).toEqual({
      'c/index.md': null, // two English index.md files: no guess
      'guide/instal.md': 'guide/install.md',
      'guide/overview.md': null,
      'old/cli.md': 'reference/cli.md',
    });
    expect(found.orphans[0].sourcePath).toBe(path.join(dir, 'en-us', 'c', 'index.md'));
  });

  test('a folder named like a page, where the other locale has the file, is paired (and reported by the engine)', async () => {
    const dir = tempDir();
    write(path.join(dir, 'en-us', 'a.md'));
    write(path.join(dir, 'de-de', 'a.md', 'inner.md'));
    write(path.join(dir, 'en-us', 'both.md', 'x.md'));
    write(path.join(dir, 'de-de', 'both.md', 'x.md'));
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    const found = await discover(config);
    expect(found.pairs.map((pair) => pair.relPath)).toEqual(['a.md', 'both.md/x.md']);
    expect(found.orphans.map((orphan) => orphan.relPath)).toEqual(['a.md/inner.md']);
  });

  describe('paths narrow the run (check FILE…, as lint-staged and pre-commit call it)', () => {
    /** en-us, de-de and ja-jp roots under docs/ of a repository with a README and an excluded includes/ folder. */
    function repository(): { dir: string; config: ReturnType<typeof resolveConfig> } {
      const dir = tempDir();
      write(path.join(dir, 'README.md'));
      write(path.join(dir, 'CONTRIBUTING.md'));
      for (const root of ['en-us', 'de-de', 'ja-jp']) {
        write(path.join(dir, 'docs', root, 'a.md'));
        write(path.join(dir, 'docs', root, 'sub', 'b.md'));
        write(path.join(dir, 'docs', root, 'includes', 'snippet.md'));
      }
      write(path.join(dir, 'docs', 'de-de', 'orphan.md'));
      write(path.join(dir, 'docs', 'en-us', 'notes.txt'));
      const config = resolveConfig({ source: 'docs/en-us', targets: 'docs/{locale}', exclude: ['**/includes/**'] }, dir, rules);
      return { dir, config };
    }
    const names = (found: Awaited<ReturnType<typeof discover>>) => found.pairs.map((pair) => `${pair.locale}:${pair.relPath}`);

    test('a translated file lints that pair; an English file brings every translation of it', async () => {
      const { dir, config } = repository();
      expect(names(await discover(config, [path.join(dir, 'docs', 'de-de', 'sub', 'b.md')]))).toEqual(['de-de:sub/b.md']);
      const english = await discover(config, [path.join(dir, 'docs', 'en-us', 'a.md')]);
      expect(names(english)).toEqual(['de-de:a.md', 'ja-jp:a.md']);
      expect(english.skipped).toEqual([]);
      expect(english.englishCount).toBe(1);
    });

    test('relative paths resolved by the caller, folder paths, and a folder holding every root', async () => {
      const { dir, config } = repository();
      // The CLI resolves relative paths against the working directory, as pre-commit passes them from the top level.
      const relative = ['docs/ja-jp/a.md', 'docs/en-us/sub'].map((file) => path.resolve(dir, file));
      expect(names(await discover(config, relative))).toEqual(['de-de:sub/b.md', 'ja-jp:a.md', 'ja-jp:sub/b.md']);
      expect(names(await discover(config, [path.join(dir, 'docs', 'de-de')]))).toEqual(['de-de:a.md', 'de-de:sub/b.md']);
      const everything = await discover(config, [dir]);
      expect(names(everything)).toEqual(names(await discover(config)));
      expect(everything.orphans.map((orphan) => orphan.relPath)).toEqual(['orphan.md']);
      expect(everything.skipped).toEqual([]);
    });

    test('files outside the roots or left out by the globs are skipped, not an error', async () => {
      const { dir, config } = repository();
      const given = [
        path.join(dir, 'README.md'),
        path.join(dir, 'docs', 'de-de', 'a.md'),
        path.join(dir, 'docs', 'en-us', 'includes', 'snippet.md'),
        path.join(dir, 'docs', 'en-us', 'notes.txt'),
        path.join(dir, 'CONTRIBUTING.md'),
      ];
      const found = await discover(config, given);
      expect(names(found)).toEqual(['de-de:a.md']);
      expect(found.skipped).toEqual([given[0], given[2], given[3], given[4]]);
      // Only skipped files: nothing to lint, still no error.
      const none = await discover(config, [path.join(dir, 'README.md')]);
      expect(none.pairs).toEqual([]);
      expect(none.orphans).toEqual([]);
      expect(none.missing).toEqual([]);
      expect(none.skipped).toEqual([path.join(dir, 'README.md')]);
      // A folder outside the roots that holds none of them.
      const outside = tempDir();
      expect((await discover(config, [outside])).skipped).toEqual([outside]);
    });

    test('a path that does not exist is still a usage error', async () => {
      const { dir, config } = repository();
      await expect(discover(config, [path.join(dir, 'docs', 'de-de', 'nope.md')])).rejects.toThrow(UsageError);
      await expect(discover(config, [path.join(dir, 'docs', 'de-de', 'nope.md')])).rejects.toThrow('no such file or folder');
    });

    test('paths through a symbolic link to the repository name the same files; a linked file is skipped', async () => {
      const { dir, config } = repository();
      const link = path.join(tempDir(), 'link');
      symlinkSync(realpathSync(dir), link);
      const found = await discover(config, [path.join(link, 'docs', 'de-de', 'a.md'), path.join(link, 'docs', 'en-us', 'sub')]);
      expect(names(found)).toEqual(['de-de:a.md', 'de-de:sub/b.md', 'ja-jp:sub/b.md']);
      expect(found.skipped).toEqual([]);
      symlinkSync(path.join(dir, 'docs', 'en-us', 'a.md'), path.join(dir, 'docs', 'de-de', 'linked.md'));
      const linked = await discover(config, [path.join(dir, 'docs', 'de-de', 'linked.md')]);
      expect(linked.pairs).toEqual([]);
      expect(linked.skipped).toEqual([path.join(dir, 'docs', 'de-de', 'linked.md')]);
    });
  });
});
