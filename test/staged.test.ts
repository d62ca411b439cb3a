/**
 * `loc-lint check --staged` (pre-commit hooks) and `loc-lint check FILE…` as lint-staged and the pre-commit
 * framework call it. Every test builds its own git repository from the shipped example:
 * en-us/docs/{install,configure,TOC}.md, de-de/docs/{install,configure,TOC}.md and ja-jp/docs/install.md.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig, type ResolvedConfig } from '../src/config/config.js';
import { discover, UsageError } from '../src/discover/discover.js';
import { globMatcher, runGit, stagedPairs, type GitRunner } from '../src/discover/staged.js';
import { rules } from '../rules/index.js';
import { cli, tempDir } from './helpers.js';

const IDENTITY = ['-c', 'user.name=loc-lint tests', '-c', 'user.email=tests@loc-lint.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false'];

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commit(dir: string, message = 'commit'): void {
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
}

/**
 * A git repository holding a copy of the example under `sub` (the top level by default), everything staged,
 * and committed unless `commit` is false. Returns the top level and the folder holding `.lintrc.json`.
 */
function repository(options: { sub?: string; commit?: boolean; config?: Record<string, unknown> } = {}): { top: string; docs: string } {
  const top = tempDir('loc-lint-staged-');
  const docs = path.join(top, options.sub ?? '');
  cpSync(path.resolve('example'), docs, { recursive: true });
  if (options.config) writeFileSync(path.join(docs, '.lintrc.json'), JSON.stringify(options.config));
  writeFileSync(path.join(top, 'README.md'), '# A repository with translated documentation\n');
  git(top, 'init', '-q');
  git(top, 'add', '-A');
  if (options.commit !== false) commit(top, 'the example');
  return { top, docs };
}

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

interface JsonResult {
  filePath: string;
  relPath: string;
  locale: string;
  messages: { ruleId: string; message: string; details?: Record<string, unknown> }[];
}

/** `check --staged -f json` in `cwd`: the linted files (locale/relPath) and each one's rule ids. */
async function staged(cwd: string, extra: string[] = []): Promise<{ code: number; stderr: string; results: JsonResult[]; linted: string[] }> {
  const run = await cli(['check', '--staged', '-f', 'json', ...extra], { cwd });
  const results: JsonResult[] = run.stdout ? JSON.parse(run.stdout) : [];
  return { code: run.code, stderr: run.stderr, results, linted: results.map((result) => `${result.locale}/${result.relPath}`) };
}

const rulesOf = (result: JsonResult | undefined) => (result?.messages ?? []).map((message) => message.ruleId);
const sha1 = (bytes: Buffer | string) => createHash('sha1').update(bytes).digest('hex');

/** The example's de-de configure.md made clean: the hash of the committed English, and a fresh handoff date. */
function freshConfigure(docs: string): void {
  const englishHash = sha1(readFileSync(path.join(docs, 'en-us', 'docs', 'configure.md')));
  edit(path.join(docs, 'de-de', 'docs', 'configure.md'), (text) =>
    text.replace(/^ms\.openlocfilehash: .*$/m, `ms.openlocfilehash: ${englishHash}`).replace(/^ms\.lasthandoff: .*$/m, 'ms.lasthandoff: 05/01/2021'),
  );
}

describe('loc-lint check --staged', () => {
  test('a staged English change brings in every translation of it, read from the index', async () => {
    const { docs } = repository();
    const english = path.join(docs, 'en-us', 'docs', 'install.md');
    edit(english, (text) => text + '\nA new paragraph.\n');
    git(docs, 'add', english);
    const stagedEnglish = readFileSync(english);
    const run = await staged(docs);
    expect(run.linted).toEqual(['de-de/docs/install.md', 'ja-jp/docs/install.md']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    for (const result of run.results) {
      expect(result.filePath).toBe(path.join(docs, result.locale, 'docs', 'install.md'));
      const stale = result.messages.find((message) => message.ruleId === 'stale-source-hash');
      expect(JSON.stringify(stale?.details)).toContain(sha1(stagedEnglish));
    }
  });

  test('a staged translated change lints only that file; nothing staged lints nothing', async () => {
    const { docs } = repository();
    expect(await staged(docs)).toMatchObject({ code: 0, linted: [], stderr: '' });
    freshConfigure(docs);
    git(docs, 'add', 'de-de/docs/configure.md');
    const run = await staged(docs);
    expect(run.linted).toEqual(['de-de/docs/configure.md']);
    expect(rulesOf(run.results[0])).toEqual([]);
    expect(run.code).toBe(0);
    // Stylish prints nothing at all on success.
    expect(await cli(['check', '--staged'], { cwd: docs })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('the staged content is linted, not the working tree, on both sides', async () => {
    const { docs } = repository();
    const toc = path.join(docs, 'de-de', 'docs', 'TOC.md');
    const good = readFileSync(toc, 'utf8');
    // Staged broken, fixed in the working tree only: still reported.
    writeFileSync(toc, good.replace('(configure.md)', '(konfigurieren.md)'));
    git(docs, 'add', toc);
    writeFileSync(toc, good);
    let run = await staged(docs);
    expect(run.linted).toEqual(['de-de/docs/TOC.md']);
    expect(rulesOf(run.results[0])).toEqual(['link-mismatch']);
    expect(run.code).toBe(1);
    expect((await cli(['check', '-f', 'json', toc], { cwd: docs })).code).toBe(0); // the working tree is fine

    // Staged good (a changed heading), broken in the working tree only: clean.
    writeFileSync(toc, good.replace('Installieren', 'Installation'));
    git(docs, 'add', toc);
    writeFileSync(toc, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    run = await staged(docs);
    expect(run.linted).toEqual(['de-de/docs/TOC.md']);
    expect(rulesOf(run.results[0])).toEqual([]);
    expect(run.code).toBe(0);

    // The English sibling as staged (here: as committed), not as edited in the working tree.
    freshConfigure(docs);
    git(docs, 'add', 'de-de/docs/configure.md');
    edit(path.join(docs, 'en-us', 'docs', 'configure.md'), (text) => text + '\nAn unstaged English change.\n');
    run = await staged(docs);
    expect(run.results.find((result) => result.relPath === 'docs/configure.md')?.messages).toEqual([]);
    const working = JSON.parse((await cli(['check', '-f', 'json', 'de-de/docs/configure.md'], { cwd: docs })).stdout) as JsonResult[];
    expect(rulesOf(working[0])).toContain('stale-source-hash');
  });

  test('with a baseline, a staged run covers only the files it linted (nothing else counts as fixed)', async () => {
    const { docs } = repository();
    expect((await cli(['baseline'], { cwd: docs })).code).toBe(0);
    git(docs, 'add', '.loc-lint-baseline.json');
    commit(docs, 'baseline');
    freshConfigure(docs);
    git(docs, 'add', 'de-de/docs/configure.md');
    const run = await cli(['check', '--staged'], { cwd: docs });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 baselined problems are fixed');
    expect(run.stdout).not.toMatch(/[3-9] baselined problems/);
    // A regression in a staged file fails the commit.
    edit(path.join(docs, 'de-de', 'docs', 'install.md'), (text) => text.replace('(configuration.md)', '(konfiguration.md)'));
    git(docs, 'add', 'de-de/docs/install.md');
    const regressed = await staged(docs);
    expect(regressed.code).toBe(1);
    expect(regressed.linted).toEqual(['de-de/docs/configure.md', 'de-de/docs/install.md']);
  });

  test('a staged deletion is not linted and does not crash; stagedPairs lists it', async () => {
    const { docs } = repository();
    git(docs, 'rm', '-q', 'de-de/docs/install.md', 'en-us/docs/configure.md');
    let run = await staged(docs);
    expect(run).toMatchObject({ code: 0, linted: [], stderr: '' });
    const config = resolveConfig(JSON.parse(readFileSync(path.join(docs, '.lintrc.json'), 'utf8')), docs, rules);
    const found = await stagedPairs(config, docs);
    expect(found.pairs).toEqual([]);
    expect(found.deleted).toEqual([path.join(docs, 'de-de', 'docs', 'install.md'), path.join(docs, 'en-us', 'docs', 'configure.md')]);

    // A deleted English file with a staged translation change: the translation has no English in the index.
    edit(path.join(docs, 'de-de', 'docs', 'configure.md'), (text) => text + '\nNeu.\n');
    git(docs, 'add', 'de-de/docs/configure.md');
    run = await staged(docs);
    expect(run).toMatchObject({ code: 0, linted: [] });
  });

  test('a renamed file is linted under its new path', async () => {
    const { docs } = repository();
    git(docs, 'mv', 'en-us/docs/configure.md', 'en-us/docs/settings.md');
    git(docs, 'mv', 'de-de/docs/configure.md', 'de-de/docs/settings.md');
    const run = await staged(docs);
    expect(run.linted).toEqual(['de-de/docs/settings.md']);
    expect(run.results[0].filePath).toBe(path.join(docs, 'de-de', 'docs', 'settings.md'));
    expect(rulesOf(run.results[0])).toContain('stale-source-hash');
    // Only the translation renamed (its English is where it was): an orphan, not linted.
    const other = repository();
    git(other.docs, 'mv', 'de-de/docs/TOC.md', 'de-de/docs/contents.md');
    expect((await staged(other.docs)).linted).toEqual([]);
  });

  test('roots in a subfolder of the top level, run from the top level, the docs folder or below', async () => {
    const { top, docs } = repository({ sub: path.join('site', 'docs') });
    edit(path.join(docs, 'en-us', 'docs', 'configure.md'), (text) => text + '\nMore.\n');
    git(top, 'add', '-A');
    const expected = ['de-de/docs/configure.md'];
    expect((await staged(docs)).linted).toEqual(expected);
    expect((await staged(path.join(docs, 'ja-jp', 'docs'))).linted).toEqual(expected);
    expect((await staged(top, ['--config', path.join('site', 'docs', '.lintrc.json')])).linted).toEqual(expected);
  });

  test('file names with spaces and non-ASCII letters', async () => {
    const { docs } = repository({ commit: false });
    const name = 'sub folder/Über uns – 概要.md';
    for (const locale of ['en-us', 'de-de', 'ja-jp']) {
      mkdirSync(path.join(docs, locale, 'docs', 'sub folder'));
      cpSync(path.join(docs, locale, 'docs', 'install.md'), path.join(docs, locale, 'docs', name));
    }
    git(docs, 'add', '-A');
    commit(docs);
    edit(path.join(docs, 'en-us', 'docs', name), (text) => text + '\nÄnderung.\n');
    git(docs, 'add', '-A');
    const run = await staged(docs);
    expect(run.linted).toEqual([`de-de/docs/${name}`, `ja-jp/docs/${name}`]);
    expect(run.results.map((result) => result.filePath)).toEqual([path.join(docs, 'de-de', 'docs', name), path.join(docs, 'ja-jp', 'docs', name)]);
    expect(run.results.every((result) => rulesOf(result).includes('stale-source-hash'))).toBe(true);
    expect(run.results.every((result) => !rulesOf(result).includes('parse-error'))).toBe(true);
  });

  test('a repository with no commits yet: everything staged is linted, as a full check would', async () => {
    const { docs } = repository({ commit: false });
    const run = await staged(docs);
    const full = JSON.parse((await cli(['check', '-f', 'json'], { cwd: docs })).stdout) as JsonResult[];
    expect(run.linted).toEqual(full.map((result) => `${result.locale}/${result.relPath}`));
    expect(run.linted).toHaveLength(4);
    expect(run.results.map(rulesOf)).toEqual(full.map(rulesOf));
  });

  test('not a git repository: exit 2 with a clear message; --staged takes no paths and is for check only', async () => {
    const dir = tempDir();
    cpSync(path.resolve('example'), dir, { recursive: true });
    const run = await cli(['check', '--staged'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^loc-lint: --staged lints the git index, but .* is not in a git work tree/);
    const config = resolveConfig({ source: 'en-us', targets: '{locale}' }, dir, rules);
    await expect(stagedPairs(config, dir)).rejects.toThrow(UsageError);

    const { docs } = repository();
    const withPaths = await cli(['check', '--staged', 'de-de/docs/install.md'], { cwd: docs });
    expect(withPaths.code).toBe(2);
    expect(withPaths.stderr).toContain('--staged takes no paths');
    expect((await cli(['baseline', '--staged'], { cwd: docs })).stderr).toContain('--staged cannot be used with "loc-lint baseline"');
    expect((await cli(['--help'], { cwd: docs })).stdout).toContain('--staged');
  });

  test('symbolic links, submodules and files left out by the globs are not linted', async () => {
    const { docs } = repository({ config: { source: 'en-us', targets: '{locale}', exclude: ['**/includes/**'] } });
    for (const locale of ['en-us', 'de-de']) {
      mkdirSync(path.join(docs, locale, 'docs', 'includes'));
      writeFileSync(path.join(docs, locale, 'docs', 'includes', 'note.md'), '# Note\n');
      writeFileSync(path.join(docs, locale, 'docs', 'linked.md'), '# Linked\n');
    }
    rmSync(path.join(docs, 'de-de', 'docs', 'linked.md'));
    symlinkSync('install.md', path.join(docs, 'de-de', 'docs', 'linked.md'));
    git(docs, 'add', '-A');
    // A submodule entry named like a page.
    const head = git(docs, 'rev-parse', 'HEAD').trim();
    git(docs, 'update-index', '--add', '--cacheinfo', `160000,${head},de-de/docs/module.md`);
    writeFileSync(path.join(docs, 'en-us', 'docs', 'module.md'), '# Module\n');
    git(docs, 'add', 'en-us/docs/module.md');
    const run = await staged(docs);
    expect(run).toMatchObject({ code: 0, linted: [] });
    // Without the exclusion, the included note is a pair like any other.
    writeFileSync(path.join(docs, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}' }));
    expect((await staged(docs)).linted).toEqual(['de-de/docs/includes/note.md']);
  });

  test('an English root outside the repository (side-by-side clones) is read from the disk', async () => {
    const parent = tempDir();
    cpSync(path.resolve('example', 'en-us'), path.join(parent, 'docs'), { recursive: true });
    const clone = path.join(parent, 'docs.de-de');
    cpSync(path.resolve('example', 'de-de'), clone, { recursive: true });
    writeFileSync(path.join(clone, '.lintrc.json'), JSON.stringify({ source: '../docs', targets: { 'de-de': '.' } }));
    git(clone, 'init', '-q');
    git(clone, 'add', '-A');
    commit(clone);
    edit(path.join(clone, 'docs', 'TOC.md'), (text) => text.replace('(configure.md)', '(einstellungen.md)'));
    git(clone, 'add', '-A');
    const run = await staged(clone);
    expect(run.linted).toEqual(['de-de/docs/TOC.md']);
    expect(rulesOf(run.results[0])).toEqual(['link-mismatch']);
  });

  test('read: files of the run come from the index; anything else rejects with ENOENT', async () => {
    const { docs } = repository();
    const config = resolveConfig(JSON.parse(readFileSync(path.join(docs, '.lintrc.json'), 'utf8')), docs, rules);
    const translated = path.join(docs, 'de-de', 'docs', 'install.md');
    writeFileSync(translated, 'staged\n');
    git(docs, 'add', translated);
    writeFileSync(translated, 'working tree\n');
    const found = await stagedPairs(config, docs);
    expect(found.pairs).toEqual([
      { locale: 'de-de', relPath: 'docs/install.md', sourcePath: path.join(docs, 'en-us', 'docs', 'install.md'), targetPath: translated },
    ]);
    expect((await found.read(translated)).toString()).toBe('staged\n');
    expect(await found.read(path.join(docs, 'en-us', 'docs', 'install.md'))).toEqual(readFileSync(path.join(docs, 'en-us', 'docs', 'install.md')));
    await expect(found.read(path.join(docs, 'de-de', 'docs', 'configure.md'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('a fixed number of git processes, whatever the number of staged files', async () => {
    const { docs } = repository();
    // The shipped example turns git history off (its English lives in loc-lint's repository); here the English
    // is this repository's own, so turn it back on: the history's processes are counted too.
    const settings = JSON.parse(readFileSync(path.join(docs, '.lintrc.json'), 'utf8'));
    delete settings.git;
    writeFileSync(path.join(docs, '.lintrc.json'), JSON.stringify(settings));
    const config = resolveConfig(JSON.parse(readFileSync(path.join(docs, '.lintrc.json'), 'utf8')), docs, rules);
    const counting = (calls: string[]): GitRunner => (args, options) => {
      calls.push(args[0]);
      return runGit(args, options);
    };
    const stage = (count: number) => {
      for (let i = 0; i < count; i++) {
        for (const locale of ['en-us', 'de-de', 'ja-jp']) {
          mkdirSync(path.join(docs, locale, 'many'), { recursive: true });
          cpSync(path.join(docs, 'en-us', 'docs', 'install.md'), path.join(docs, locale, 'many', `page ${i}.md`));
        }
      }
      git(docs, 'add', '-A');
    };
    stage(1);
    const one: string[] = [];
    expect((await stagedPairs(config, docs, counting(one))).pairs).toHaveLength(2);
    git(docs, 'reset', '-q');
    stage(10);
    const ten: string[] = [];
    expect((await stagedPairs(config, docs, counting(ten))).pairs).toHaveLength(20);
    expect(ten).toEqual(one);
    expect(ten.sort()).toEqual(['cat-file', 'diff', 'ls-files', 'rev-parse']);

    // The same through the command line and the real PATH: a `git` wrapper that logs every invocation.
    if (process.platform === 'win32') return;
    const bin = tempDir();
    const log = path.join(bin, 'log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // Logs the subcommand (after any `-c name=value` pairs the history reader puts first).
    const wrapper = [
      '#!/bin/sh',
      'sub=""; skip=0',
      'for a in "$@"; do if [ "$skip" = 1 ]; then skip=0; continue; fi; if [ "$a" = "-c" ]; then skip=1; continue; fi; sub="$a"; break; done',
      `echo "$sub" >> '${log}'`,
      `exec '${realGit}' "$@"`,
      '',
    ].join('\n');
    writeFileSync(path.join(bin, 'git'), wrapper);
    chmodSync(path.join(bin, 'git'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${savedPath}`;
    try {
      const run = await staged(docs);
      expect(run.linted).toHaveLength(20);
    } finally {
      process.env.PATH = savedPath;
    }
    // The index (rev-parse, ls-files, diff, cat-file) and the English history (rev-parse, rev-list, log): seven.
    expect(readFileSync(log, 'utf8').trim().split('\n').sort()).toEqual(['cat-file', 'diff', 'log', 'ls-files', 'rev-list', 'rev-parse', 'rev-parse']);
  });
});

describe('loc-lint check FILE… (lint-staged, the pre-commit framework)', () => {
  test('files outside the roots or excluded are skipped with one line on stderr, not an error', async () => {
    const { top, docs } = repository({ sub: 'docs', config: { source: 'en-us', targets: '{locale}', exclude: ['**/TOC.md'] } });
    // pre-commit passes paths relative to the top level; lint-staged passes absolute paths.
    const relative = await cli(['check', '-f', 'json', '--config', 'docs/.lintrc.json', 'README.md', 'docs/de-de/docs/TOC.md', 'docs/de-de/docs/configure.md'], { cwd: top });
    expect((JSON.parse(relative.stdout) as JsonResult[]).map((result) => `${result.locale}/${result.relPath}`)).toEqual(['de-de/docs/configure.md']);
    expect(relative.code).toBe(1);
    expect(relative.stderr).toBe('loc-lint: skipped 2 file(s) outside the configured roots or excluded\n');
    const absolute = await cli(['check', path.join(top, 'README.md'), path.join(docs, 'en-us', 'docs', 'install.md')], { cwd: docs });
    expect(absolute.stdout).toContain(path.join('ja-jp', 'docs', 'install.md'));
    expect(absolute.stderr).toBe('loc-lint: skipped 1 file(s) outside the configured roots or excluded\n');
    const onlyReadme = await cli(['check', path.join(top, 'README.md')], { cwd: docs });
    expect(onlyReadme).toEqual({ code: 0, stdout: '', stderr: 'loc-lint: skipped 1 file(s) outside the configured roots or excluded\n' });
    const missing = await cli(['check', 'nope.md'], { cwd: docs });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
  });

  test('through a symbolic link to the repository (as temporary folders often are)', async () => {
    const { docs } = repository();
    const link = path.join(tempDir(), 'link');
    symlinkSync(realpathSync(docs), link);
    const run = await cli(['check', '-f', 'json', path.join(link, 'de-de', 'docs', 'configure.md')], { cwd: docs });
    expect((JSON.parse(run.stdout) as JsonResult[]).map((result) => result.relPath)).toEqual(['docs/configure.md']);
    expect(run.stderr).toBe('');
  });
});

describe('globMatcher', () => {
  test('include and exclude on index paths agree with discovery on the disk', async () => {
    const dir = tempDir();
    const files = ['a.md', 'b.txt', '.hidden.md', '.vuepress/c.md', 'docs/d.md', 'docs/includes/e.md', 'docs/old/f.md', 'includes/g.md', 'x/y/includes.md', 'x/TOC.md'];
    for (const root of ['en-us', 'de-de']) {
      for (const file of files) {
        mkdirSync(path.dirname(path.join(dir, root, file)), { recursive: true });
        writeFileSync(path.join(dir, root, file), '# x\n');
      }
    }
    const cases: { include?: string[]; exclude?: string[] }[] = [
      {},
      { exclude: ['**/includes/**'] },
      { exclude: ['**/includes', 'docs/old'] },
      { include: ['docs/**/*.md', '*.md'], exclude: ['**/TOC.md'] },
      { include: ['**/*.{md,txt}'], exclude: ['x/**'] },
    ];
    for (const settings of cases) {
      const config: ResolvedConfig = resolveConfig({ source: 'en-us', targets: '{locale}', ...settings }, dir, rules);
      const onDisk = (await discover(config)).pairs.map((pair) => pair.relPath).sort();
      const matches = globMatcher(config.include, config.exclude);
      expect({ settings, files: files.filter(matches).sort() }).toEqual({ settings, files: onDisk });
    }
  });
});
