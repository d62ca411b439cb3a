/**
 * What `loc-lint diff` asks git itself: whether a source commit's object is in the English repository, the
 * English file's bytes at two commits, and `git diff <source commit> <HEAD> -- <English file>`, so the diff it
 * prints is git's own (hunks, headers, function context, CRLF) rather than a re-implementation of it.
 *
 * Safety, as in history.ts: commit strings from linted files are never given to git as they are written. They
 * reach git only as a full hash the in-memory history resolved, or (a commit no branch, remote branch or tag
 * reaches, such as a `live` commit fetched into FETCH_HEAD) as a full-length hexadecimal object name on
 * `cat-file --batch-check`'s standard input, whose answer decides whether it is a commit. Every command runs
 * with history.ts's SAFE_CONFIG and gitEnvironment() (no lazy fetch, no repository-locating variables), the diff
 * with `--no-ext-diff --no-textconv --no-color` (no diff driver program, no textconv program, no pager) and
 * `--literal-pathspecs` (a file named `:(glob)*` is that file). The diff's output is bounded in size and time.
 */
import { GitError, GitNotFoundError, runGit, spawnGit, type GitRunner, type GitSpawner } from './git.js';
import { SAFE_CONFIG, gitEnvironment } from './history.js';

/** A full SHA-1 or SHA-256 object name. */
export const FULL_HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** What `cat-file --batch-check` says about an object name: its type and size, or undefined when it is missing. */
export interface ObjectInfo {
  type: string;
  size: number;
}

/** An object name cat-file can be asked for: one line, no CR (cat-file drops a trailing one). */
export const askable = (name: string) => !/[\n\r]/.test(name);

/** `git cat-file --batch-check` for each name (one process); undefined for a missing or ambiguous name. */
export async function objectInfo(topLevel: string, names: string[], git: GitRunner = runGit): Promise<(ObjectInfo | undefined)[]> {
  if (names.length === 0) return [];
  if (!names.every(askable)) throw new Error('an object name with a line break cannot be asked for');
  const output = await git([...SAFE_CONFIG, 'cat-file', '--batch-check'], { cwd: topLevel, env: gitEnvironment(), input: names.map((name) => name + '\n').join('') });
  const lines = output.toString('utf8').split('\n');
  return names.map((_, index) => {
    const match = /^[0-9a-f]{40,64} (\S+) (\d+)$/.exec(lines[index] ?? '');
    return match ? { type: match[1], size: Number(match[2]) } : undefined;
  });
}

/** The arguments of the diff after `git` and the safety options: what a person would type to see it all. */
export function diffArguments(from: string, to: string, repoPath: string): string[] {
  return ['diff', '--no-ext-diff', '--no-textconv', '--no-color', from, to, '--', repoPath];
}

export interface GitDiffRequest {
  /** The work tree's top folder: git runs there, and `repoPath` is relative to it. */
  topLevel: string;
  /** Full hashes. */
  from: string;
  to: string;
  /** The English file's path from the top level, `/`-separated. */
  repoPath: string;
  /** Output beyond this many bytes is not read: git is stopped and the output cut at a line end. */
  maxBytes: number;
  /** Time git may take before it is stopped. */
  timeoutMs: number;
  /** Starts git (default: git from PATH); tests count or refuse processes. */
  spawn?: GitSpawner;
}

export interface GitDiffResult {
  /** git's output (cut at the last line end within `maxBytes` when `cut`). */
  output: Buffer;
  /** The output was longer than `maxBytes`. */
  cut: boolean;
  /** git took longer than `timeoutMs` and was stopped (the output is what it wrote until then, cut at a line end). */
  timedOut: boolean;
}

/** Runs `git diff --no-ext-diff --no-textconv --no-color FROM TO -- PATH` in the work tree, bounded in size and time. */
export function runGitDiff(request: GitDiffRequest): Promise<GitDiffResult> {
  const spawner = request.spawn ?? spawnGit;
  const args = [...SAFE_CONFIG, '--no-pager', '--literal-pathspecs', ...diffArguments(request.from, request.to, request.repoPath)];
  return new Promise((resolve, reject) => {
    const child = spawner(args, { cwd: request.topLevel, env: gitEnvironment() });
    const chunks: Buffer[] = [];
    let length = 0;
    let cut = false;
    let timedOut = false;
    let stderr = '';
    const stop = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, request.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (cut) return;
      chunks.push(chunk);
      length += chunk.length;
      if (length > request.maxBytes) {
        cut = true;
        stop();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end();
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new GitNotFoundError() : error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      let output = Buffer.concat(chunks, length);
      if (cut || timedOut) {
        // Whole lines only, within the limit.
        const end = output.subarray(0, Math.min(output.length, request.maxBytes)).lastIndexOf(0x0a);
        output = output.subarray(0, end + 1);
        resolve({ output, cut, timedOut });
      } else if (code === 0) {
        resolve({ output, cut, timedOut });
      } else {
        reject(new GitError(`git diff failed (exit code ${code})${stderr ? `: ${stderr.trim().split(/\r?\n/).join('; ')}` : ''}`, code, stderr));
      }
    });
  });
}

/** The remotes of a repository with their fetch refspecs, from `git config --get-regexp` (none: an empty map). */
export async function remotesOf(topLevel: string, git: GitRunner = runGit): Promise<Map<string, string[]>> {
  const remotes = new Map<string, string[]>();
  let output: Buffer;
  try {
    output = await git([...SAFE_CONFIG, 'config', '-z', '--get-regexp', '^remote\\..*\\.(url|fetch)$'], { cwd: topLevel, env: gitEnvironment() });
  } catch (error) {
    if (error instanceof GitError) return remotes; // exit 1: no remote at all
    throw error;
  }
  for (const entry of output.toString('utf8').split('\0')) {
    const match = /^remote\.(.+)\.(url|fetch)\n(.*)$/s.exec(entry);
    if (!match) continue;
    const refspecs = remotes.get(match[1]) ?? [];
    if (match[2] === 'fetch') refspecs.push(match[3]);
    remotes.set(match[1], refspecs);
  }
  return remotes;
}

/** The branch each metadata profile's translations are made from, when it is known (Microsoft Docs: `live`). */
export const SOURCE_BRANCH: Record<string, string> = { ms: 'live' };

export interface FetchSituation {
  remotes: Map<string, string[]>;
  /** The English clone is shallow. */
  shallow: boolean;
  /** The branch translations are made from when it is known (`live` for Microsoft Docs). */
  sourceBranch?: string;
}

/**
 * The git command (its arguments after `git`) that fetches a missing source commit, or undefined when there is
 * no remote to fetch it from. The remote is `origin` when there is one, else the first. A shallow clone needs
 * `--unshallow`; a clone that fetches only some branches (`--single-branch`, `--depth`) needs the branch the
 * translations come from named, when it is known; otherwise a plain fetch brings every branch's new commits.
 */
export function fetchCommand(situation: FetchSituation): string[] | undefined {
  const names = [...situation.remotes.keys()];
  const remote = names.includes('origin') ? 'origin' : names[0];
  if (remote === undefined) return undefined;
  const refspecs = situation.remotes.get(remote) ?? [];
  const allBranches = refspecs.some((refspec) => /^\+?refs\/heads\/\*:/.test(refspec));
  const branch = situation.sourceBranch && !allBranches ? [situation.sourceBranch] : [];
  return ['fetch', ...(situation.shallow ? ['--unshallow'] : []), remote, ...branch];
}

/** A word as a POSIX shell reads it: left as it is when it needs no quoting, else in single quotes. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
