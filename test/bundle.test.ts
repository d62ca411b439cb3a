/**
 * The shipped `loc-lint` command is an esbuild bundle (dist/bin, see package.json "bundle"). Bundling CommonJS
 * dependencies into ES modules can break what they take from Node's module wrapper (`require`, `__filename`:
 * write-file-atomic names its temporary files after `__filename`), so the bundle must do what the compiled
 * modules (dist/src) do, command for command, on the shipped example — including every path that writes a file.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const modules = path.resolve('dist', 'src', 'cli', 'bin.js');
const bundle = path.resolve('dist', 'bin', 'bin.js');

function run(bin: string, cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The example copied to a fresh folder (its own cache, baseline and output files). */
function example(): string {
  const dir = tempDir();
  cpSync(path.resolve('example'), dir, { recursive: true });
  return dir;
}

const built = existsSync(modules) && existsSync(bundle);
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn(`bundle tests SKIPPED: ${existsSync(bundle) ? modules : bundle} does not exist (run "npm run build")`);

describeBuilt('the bundle (dist/bin) does what the modules (dist/src) do', () => {
  test.each([
    [['--version']],
    [['check']],
    [['check', '--format', 'json']],
    [['check', '--format', 'sarif']],
    [['check', '--format', 'junit']],
    [['report', '--format', 'json']],
    [['check', '--concurrency', 'nonsense']],
  ])('loc-lint %j: same output and exit code', (args) => {
    const dir = example();
    // The report says when it was made; nothing else may differ.
    const undated = (result: ReturnType<typeof run>) => ({ ...result, stdout: result.stdout.replace(/"generatedAt": "[^"]*"/, '"generatedAt": "…"') });
    const fromModules = undated(run(modules, dir, args));
    const fromBundle = undated(run(bundle, dir, args));
    expect(fromBundle).toEqual(fromModules);
    expect(fromModules.stdout.length + fromModules.stderr.length).toBeGreaterThan(0);
  });

  test('--cache: the bundle saves its cache and the next run is warm, with the same findings', () => {
    const dir = example();
    const cold = run(bundle, dir, ['check', '--format', 'json', '--cache']);
    expect(cold.stderr).toBe('');
    expect(readdirSync(path.join(dir, '.loc-lint-cache')).sort()).toEqual(['.gitignore', 'README', 'results.json']);
    const warm = run(bundle, dir, ['check', '--format', 'json', '--cache']);
    expect(warm).toEqual(cold);
    expect(JSON.parse(cold.stdout)).toEqual(JSON.parse(run(modules, dir, ['check', '--format', 'json']).stdout));
  });

  test('files written atomically: --output-file, baseline, HTML report', () => {
    const dir = example();
    const other = example();
    for (const [bin, cwd] of [
      [bundle, dir],
      [modules, other],
    ]) {
      expect(run(bin, cwd, ['check', '--format', 'json', '--output-file', 'out.json']).stderr).toBe('');
      expect(run(bin, cwd, ['baseline']).code).toBe(0);
      expect(run(bin, cwd, ['report', '--format', 'html', '--output-file', 'report.html']).code).toBe(0);
    }
    // Each folder's own path and the report's time are the only differences allowed.
    const read = (folder: string, file: string) =>
      readFileSync(path.join(folder, file), 'utf8').split(folder).join('<dir>').replace(/"generatedAt":"[^"]*"/, '"generatedAt":"…"');
    expect(read(dir, 'out.json')).toBe(read(other, 'out.json'));
    expect(read(dir, '.loc-lint-baseline.json')).toBe(read(other, '.loc-lint-baseline.json'));
    // The page script is the bundle's reformatted copy of the same function, so only the page's data must match.
    const data = (folder: string) => /<script type="application\/json" id="loc-lint-data">([^<]*)<\/script>/.exec(read(folder, 'report.html'))?.[1];
    expect(data(dir)?.length).toBeGreaterThan(100);
    expect(data(dir)).toBe(data(other));
  });
});
