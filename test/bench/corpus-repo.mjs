/**
 * Shared by the benchmark scripts (compare.mjs, staged.mjs): git with a fixed identity, and a copy of a corpus
 * folder committed to a fresh git repository with loc-lint's configuration, as a user's checkout would be.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const IDENTITY = ['-c', 'user.name=loc-lint bench', '-c', 'user.email=bench@loc-lint.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false'];

/** `git args…` in `cwd`, its standard output as text. */
export const git = (cwd, ...args) => execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });

/** The corpus is read-only: make the copy writable (and deletable). */
function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(file);
    else if (entry.isFile()) chmodSync(file, 0o644);
  }
}

/** Copy `source` to `repo`, add a .lintrc.json (en-us and a folder per locale) and commit it all as `message`. */
export function committedCopy(source, repo, message) {
  cpSync(source, repo, { recursive: true });
  makeWritable(repo);
  writeFileSync(path.join(repo, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}' }, null, 2) + '\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--no-verify', '-m', message);
}
