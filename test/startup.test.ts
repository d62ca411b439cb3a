/**
 * Start-up: `--help`, `--version` and a `--staged` run with nothing to lint answer without loading the linter
 * (the Markdown parser, the rules, the formats). A module-resolution hook records every module the built CLI
 * loads, so the test sees what was loaded rather than timing it (timing is the benchmark's job:
 * test/bench/staged.mjs prints the start-up figures). Both builds are checked: the compiled modules (dist/src)
 * and the bundle that ships as the `loc-lint` command (dist/bin), whose files esbuild heads with a
 * `// <path>` comment for every module it holds — so a bundle file loaded counts as all the modules in it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tempDir } from './helpers.js';
import { commitAll, git, write } from './git-repo.js';

const builds: Array<[string, string]> = [
  ['modules (dist/src)', path.resolve('dist', 'src', 'cli', 'bin.js')],
  ['bundle (dist/bin)', path.resolve('dist', 'bin', 'bin.js')],
];

/** The modules a loaded URL stands for: itself, or for a bundle file every module esbuild put into it. */
function modulesOf(url: string): string[] {
  if (!/\/dist\/bin\/[^/]+\.js$/.test(url)) return [url];
  const text = readFileSync(fileURLToPath(url), 'utf8');
  return [...text.matchAll(/^\/\/ ((?:dist|node_modules)\/\S+\.[cm]?js)$/gm)].map((match) => `file:///bundled/${match[1]}`);
}

/** Runs the built CLI with a hook that appends each module URL it resolves to `log`. */
function run(bin: string, cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string; loaded: string[] } {
  const hooks = tempDir('loc-lint-hooks-');
  const log = path.join(hooks, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    path.join(hooks, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`,
  );
  writeFileSync(path.join(hooks, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(hooks, 'hooks.mjs')).href)});\n`);
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(hooks, 'register.mjs')).href, bin, ...args], { cwd, encoding: 'utf8' });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr, loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean).flatMap(modulesOf) };
}

/** The heavy parts: the commands module, the parser, the rules, the formats. */
function heavy(loaded: string[]): string[] {
  return loaded.filter((url) => /\/dist\/src\/(cli\/commands|engine\/engine|document\/document)\.js$|\/dist\/rules\/|\/dist\/src\/format\/index\.js$|\/node_modules\/(remark-parse|micromark|unified|ajv)\//.test(url));
}

/** A git repository with the example's configuration and pages committed. */
function repository(): string {
  const dir = tempDir();
  write(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false }));
  write(path.join(dir, 'en-us', 'page.md'), '# Install\n\nRun the installer.\n');
  write(path.join(dir, 'de-de', 'page.md'), '# Installieren\n\nFühren Sie das Installationsprogramm aus.\n');
  write(path.join(dir, 'src', 'app.js'), 'console.log(1);\n');
  git(dir, ['init', '-q']);
  commitAll(dir, 'pages', '2026-01-01T00:00:00Z');
  return dir;
}

for (const [, bin] of builds) if (!existsSync(bin)) console.warn(`start-up tests SKIPPED for ${bin}: it does not exist (run "npm run build")`);

describe.each(builds.filter(([, bin]) => existsSync(bin)))('start-up, %s', (_build, bin) => {
  test('--help and --version load nothing heavy', () => {
    const dir = tempDir();
    for (const flag of ['--help', '--version']) {
      const result = run(bin, dir, [flag]);
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(0);
      expect(result.loaded.some((url) => url.endsWith('/dist/src/cli/cli.js'))).toBe(true);
      expect(heavy(result.loaded)).toEqual([]);
    }
  });

  test('--staged with nothing staged, or only files that are not Markdown, loads nothing heavy and prints nothing', () => {
    const dir = repository();
    const nothing = run(bin, dir, ["check", "--staged"]);
    expect([nothing.code, nothing.stdout, nothing.stderr]).toEqual([0, '', '']);
    expect(heavy(nothing.loaded)).toEqual([]);

    write(path.join(dir, 'src', 'app.js'), 'console.log(2);\n');
    git(dir, ['add', 'src/app.js']);
    const code = run(bin, dir, ['check', '--staged']);
    expect([code.code, code.stdout, code.stderr]).toEqual([0, '', '']);
    expect(heavy(code.loaded)).toEqual([]);
  });

  test('--staged with a staged page takes the full path and lints it', () => {
    const dir = repository();
    // A hash that is not the English file's: the page is stale.
    write(path.join(dir, 'de-de', 'page.md'), `---\nms.openlocfilehash: ${'0'.repeat(40)}\n---\n# Installieren\n\nFühren Sie das Installationsprogramm aus.\n`);
    git(dir, ['add', 'de-de/page.md']);
    const result = run(bin, dir, ['check', '--staged', '--no-color']);
    expect(result.stdout).toContain('stale-source-hash');
    expect(result.code).toBe(1);
    expect(heavy(result.loaded).length).toBeGreaterThan(0);
  });

  test('custom include globs: a staged file that is not .md takes the full path (the globs may match it)', () => {
    const dir = repository();
    write(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false, include: ['**/*.markdown'] }));
    write(path.join(dir, 'de-de', 'other.markdown'), '# Andere\n');
    write(path.join(dir, 'en-us', 'other.markdown'), '# Other\n');
    git(dir, ['add', '.']);
    const result = run(bin, dir, ['check', '--staged', '-f', 'json']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { relPath: string }[]).map((entry) => entry.relPath)).toEqual(['other.markdown']);
    expect(heavy(result.loaded).length).toBeGreaterThan(0);
  });
});
