/**
 * loc-lint writes only what it is asked to write (baseline, report, --output-file), each atomically (a temporary
 * file in the same folder, renamed over the target), and never touches the files it lints.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { cli, exampleCopy } from './helpers.js';

/** Every file under `dir` with its SHA-1 and modification time. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.set(path.relative(dir, file), `${createHash('sha1').update(readFileSync(file)).digest('hex')} ${statSync(file).mtimeMs}`);
    }
  };
  walk(dir);
  return files;
}

/** What changed between two snapshots: files added, changed and removed. */
function changes(before: Map<string, string>, after: Map<string, string>): { added: string[]; changed: string[]; removed: string[] } {
  return {
    added: [...after.keys()].filter((file) => !before.has(file)).sort(),
    changed: [...after.keys()].filter((file) => before.has(file) && before.get(file) !== after.get(file)).sort(),
    removed: [...before.keys()].filter((file) => !after.has(file)).sort(),
  };
}

describe('what loc-lint writes', () => {
  test('check and report write nothing unless asked; linted files are never touched', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    for (const argv of [['check'], ['check', '-f', 'sarif'], ['report'], ['report', '-f', 'json'], ['check', '--no-baseline', '-f', 'json']]) {
      const run = await cli(argv, { cwd: dir });
      expect([argv, run.code]).toEqual([argv, 1 - (argv[0] === 'report' ? 1 : 0)]);
    }
    expect(changes(before, snapshot(dir))).toEqual({ added: [], changed: [], removed: [] });
  });

  test('each asked-for file is the only change, and nothing temporary is left behind', async () => {
    const dir = exampleCopy();
    mkdirSync(path.join(dir, 'out'));
    const before = snapshot(dir);
    expect((await cli(['baseline'], { cwd: dir })).code).toBe(0);
    expect((await cli(['check', '-f', 'sarif', '-o', 'out/check.sarif'], { cwd: dir })).code).toBe(0); // baselined
    expect((await cli(['report', '-f', 'html', '-o', 'out/report.html'], { cwd: dir })).code).toBe(0);
    expect((await cli(['report', '-f', 'json', '-o', 'out/report.json'], { cwd: dir })).code).toBe(0);
    expect(changes(before, snapshot(dir))).toEqual({
      added: ['.loc-lint-baseline.json', 'out/check.sarif', 'out/report.html', 'out/report.json'],
      changed: [],
      removed: [],
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'out', 'report.json'), 'utf8')).totals.files).toBe(4);
  });

  test('an existing output is replaced by a rename (a new file), never rewritten in place', async () => {
    const dir = exampleCopy();
    const output = path.join(dir, 'out.json');
    writeFileSync(output, 'old');
    const inode = statSync(output).ino;
    expect((await cli(['check', '-f', 'json', '-o', 'out.json'], { cwd: dir })).code).toBe(1);
    // Another inode: the content went to a temporary file in the same folder that was renamed over the old one,
    // so a reader sees the old file or the new one, never half of one.
    expect(statSync(output).ino).not.toBe(inode);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toHaveLength(4);
    expect(readdirSync(dir).filter((name) => name.startsWith('out.json'))).toEqual(['out.json']);
  });

  test('a write that fails exits 2 with one line, keeps the old file and leaves no temporary file', async () => {
    const dir = exampleCopy();
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'out.json'), 'old');
    const missing = await cli(['check', '-f', 'json', '-o', 'nowhere/out.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`loc-lint: cannot write ${path.join(dir, 'nowhere', 'out.json')}: its folder does not exist\n`);
    // A folder where the file should be.
    mkdirSync(path.join(dir, 'taken'));
    const folder = await cli(['report', '-o', 'taken'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^loc-lint: cannot write .*taken: /);
    if (process.getuid?.() !== 0) {
      // Root writes anywhere; elsewhere a read-only folder must fail cleanly.
      chmodSync(locked, 0o555);
      expect((await cli(['check', '-o', 'locked/out.json'], { cwd: dir })).code).toBe(2);
      chmodSync(locked, 0o755);
    }
    expect(readFileSync(path.join(locked, 'out.json'), 'utf8')).toBe('old');
    expect(readdirSync(locked)).toEqual(['out.json']);
    expect(readdirSync(dir).filter((name) => /\.\d+$|\.tmp/.test(name))).toEqual([]);
  });

  test('an output or baseline path that is a linted file is refused, and the file is kept', async () => {
    const dir = exampleCopy();
    const translation = path.join(dir, 'de-de', 'docs', 'install.md');
    const text = readFileSync(translation, 'utf8');
    for (const argv of [
      ['check', '-o', 'de-de/docs/install.md'],
      ['report', '-f', 'html', '-o', 'en-us/docs/install.md'],
      ['baseline', '--baseline', 'de-de/docs/install.md'],
    ]) {
      const run = await cli(argv, { cwd: dir });
      expect([argv, run.code]).toEqual([argv, 2]);
      expect(run.stderr).toMatch(/^loc-lint: refusing to write .*install\.md: it is a file being linted\n/);
    }
    expect(readFileSync(translation, 'utf8')).toBe(text);
    expect(readFileSync(path.join(dir, 'en-us', 'docs', 'install.md'), 'utf8')).toBe(readFileSync(path.resolve('example', 'en-us', 'docs', 'install.md'), 'utf8'));
  });
});
