/**
 * Running git: one-shot commands whose output is collected in full (`runGit`), and long-lived processes that
 * are fed requests on their standard input (`spawnGit`, for `git cat-file --batch`). Both are replaceable by
 * callers' options, so tests can count or refuse the processes a run starts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface GitOptions {
  cwd: string;
  /** The environment of the process (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Runs `git ARGS` in `cwd` (with `input` on its standard input) and resolves with its standard output. */
export type GitRunner = (args: string[], options: GitOptions & { input?: string }) => Promise<Buffer>;

/** Starts `git ARGS` in `cwd` with piped standard streams; the caller owns the process. */
export type GitSpawner = (args: string[], options: GitOptions) => ChildProcessWithoutNullStreams;

/** git ran and failed (non-zero exit code). */
export class GitError extends Error {
  constructor(
    message: string,
    public readonly exitCode: number | null,
    public readonly stderr: string,
  ) {
    super(message);
  }
}

/** No `git` program on PATH. */
export class GitNotFoundError extends Error {
  readonly code = 'ENOENT';
  constructor() {
    super('no "git" program was found on PATH');
  }
}

/** The default spawner: `git` from PATH, no shell. A missing git is reported as an 'error' event (ENOENT). */
export const spawnGit: GitSpawner = (args, { cwd, env }) =>
  spawn('git', args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });

/** The default runner: `git` from PATH, no shell, output collected in full (no maxBuffer limit). */
export const runGit: GitRunner = (args, { cwd, env, input }) =>
  new Promise((resolve, reject) => {
    const child = spawnGit(args, { cwd, env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new GitNotFoundError() : error);
    });
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? args[0]} failed (exit code ${code})${stderr ? `: ${stderr}` : ''}`, code, stderr));
    });
    // A child that exits before reading all of its input (an error) must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
