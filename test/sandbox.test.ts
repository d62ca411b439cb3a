/**
 * Nothing a linted file contains makes loc-lint read outside the roots, open the network or start a process.
 * The built CLI runs under Node's permission model (file reads allowed only in the repository and in loc-lint's
 * own folder; no child processes, no workers) with the network functions replaced by ones that report any use,
 * on a repository whose pages point everywhere: includes, links and images outside the roots, file: and http
 * URLs, symbolic links out, YAML aliases and tags.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const bin = path.resolve('dist', 'src', 'cli', 'bin.js');
const packageRoot = path.resolve('.');
const [major, minor] = process.versions.node.split('.').map(Number);
// --experimental-permission exists from Node 20.0 (renamed --permission in 22.13/23.5, where the old flag still works).
const permissionFlag = major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';

// Loaded before loc-lint: any network use is written to stderr as NETWORK and fails.
const NETWORK_TRAP = `
import net from 'node:net'; import dns from 'node:dns'; import http from 'node:http'; import https from 'node:https';
const trap = (name) => function () { process.stderr.write('NETWORK ' + name + '\\n'); throw new Error('network use: ' + name); };
net.Socket.prototype.connect = trap('connect'); net.connect = trap('net.connect'); net.createConnection = trap('createConnection');
dns.lookup = trap('dns.lookup'); dns.resolve = trap('dns.resolve'); dns.promises.lookup = trap('dns.promises.lookup');
http.request = trap('http.request'); http.get = trap('http.get'); https.request = trap('https.request'); https.get = trap('https.get');
globalThis.fetch = trap('fetch');
`;

function hostileRepository(): { dir: string } {
  const outside = tempDir('loc-lint-outside-');
  writeFileSync(path.join(outside, 'secret.md'), '# TOP SECRET\n');
  mkdirSync(path.join(outside, 'tree'));
  writeFileSync(path.join(outside, 'tree', 'page.md'), '# TOP SECRET TREE\n');
  const dir = tempDir();
  writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-DE': 'de-de' } }));
  const page = [
    '---',
    'title: &a ["x", *a]',
    'ms.openlocfilehash: !!js/function "function () { require(\'fs\').writeFileSync(\'pwned\', \'x\') }"',
    'include: !include ../../secret.md',
    'bomb: &b [*a, *a, *a, *a, *a, *a, *a, *a]',
    '---',
    '# Page',
    '',
    `[!INCLUDE[secret](${path.join(outside, 'secret.md')})]`,
    '[!INCLUDE[secret](../../../../../../../../etc/passwd)]',
    '',
    `See [the secret](file://${path.join(outside, 'secret.md')}), [a site](https://example.com/a), ![img](http://127.0.0.1:9/x.png) and [up](../../secret.md).`,
    '',
    '<img src="https://example.com/pixel.gif"> <iframe src="http://example.com"></iframe>',
    '',
    '[ref]: https://example.com/ref',
    '',
  ].join('\n');
  for (const root of ['en-us', 'de-de']) {
    mkdirSync(path.join(dir, root));
    writeFileSync(path.join(dir, root, 'page.md'), page);
  }
  symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'de-de', 'secret.md'));
  symlinkSync(path.join(outside, 'tree'), path.join(dir, 'de-de', 'tree'));
  return { dir };
}

const describeBuilt = existsSync(bin) ? describe : describe.skip;
if (!existsSync(bin)) console.log(`sandbox suite SKIPPED: ${bin} is not built (run "npm run build")`);

describeBuilt('sandbox: reads only inside the roots, no network, no processes', () => {
  test.each(['check', 'report'])('%s under the permission model', (command) => {
    const { dir } = hostileRepository();
    const run = spawnSync(
      process.execPath,
      [
        permissionFlag,
        `--allow-fs-read=${dir}${path.sep}`,
        `--allow-fs-read=${packageRoot}${path.sep}`,
        '--no-warnings',
        '--import',
        `data:text/javascript,${encodeURIComponent(NETWORK_TRAP)}`,
        bin,
        command,
        '--format',
        'json',
      ],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(run.stderr).not.toContain('ERR_ACCESS_DENIED');
    expect(run.stderr).not.toContain('NETWORK');
    expect(run.stderr).not.toContain('internal error');
    expect([0, 1]).toContain(run.status);
    const output = JSON.parse(run.stdout);
    expect(JSON.stringify(output)).not.toContain('TOP SECRET');
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    if (command === 'check') {
      const rulesOf = (relPath: string) => output.find((result: { relPath: string }) => result.relPath === relPath)?.messages.map((m: { ruleId: string }) => m.ruleId);
      expect(rulesOf('secret.md')).toEqual(['symlink-outside-roots']);
      expect(rulesOf('tree')).toEqual(['symlink-outside-roots']);
      // The page itself is linted: its YAML tags are refused as front matter errors, not run or followed.
      expect(rulesOf('page.md')).toContain('parse-error');
    }
  });

  test('the trap and the permission model do catch what they are meant to catch', () => {
    const dir = tempDir();
    const outside = tempDir('loc-lint-outside-');
    writeFileSync(path.join(outside, 'x'), 'x');
    const read = spawnSync(process.execPath, [permissionFlag, `--allow-fs-read=${dir}${path.sep}`, '--no-warnings', '-e', `require('fs').readFileSync(${JSON.stringify(path.join(outside, 'x'))})`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(read.stderr).toContain('ERR_ACCESS_DENIED');
    const net = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(NETWORK_TRAP)}`, '-e', `fetch('http://127.0.0.1:9').catch(() => {})`], { encoding: 'utf8' });
    expect(net.stderr).toContain('NETWORK fetch');
  });
});
