/**
 * Temporary git repositories for tests: git run with a fixed identity and no user or system configuration
 * that could change its output, and the repository-locating variables of an outer git hook removed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const IDENTITY = [
  '-c', 'user.name=loc-lint tests', '-c', 'user.email=tests@loc-lint.invalid', '-c', 'commit.gpgsign=false',
  '-c', 'core.autocrlf=false', '-c', 'init.defaultBranch=main', '-c', 'color.ui=false', '-c', 'protocol.file.allow=always',
];
const HIDDEN_GIT_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR'];

/**
 * `git ARGS` in `dir`; with `date`, the commit gets that committer date, and the author date `authorDate`
 * (default: the same).
 */
export function git(dir: string, args: string[], date?: string, authorDate = date): string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of HIDDEN_GIT_VARIABLES) delete env[name];
  if (date) {
    env.GIT_COMMITTER_DATE = date;
    env.GIT_AUTHOR_DATE = authorDate;
  }
  return execFileSync('git', [...IDENTITY, ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function write(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Stage everything and commit it with the given date; returns the new commit's hash. */
export function commitAll(dir: string, message: string, date: string, authorDate = date): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', message], date, authorDate);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
