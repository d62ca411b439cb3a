/**
 * The git history of the English root: which English commits touched a file since a handoff commit, when a
 * file last changed, a file's bytes at an old commit and how many lines changed since. What git-aware
 * staleness (issue 6) builds on.
 *
 * A run takes a fixed number of git processes whatever the number of files and commits asked about:
 * 1. `git rev-parse --show-toplevel --is-shallow-repository --git-path shallow --verify HEAD`: the work tree,
 *    shallowness, HEAD;
 * 2. `git rev-list --timestamp --parents HEAD --branches --remotes --tags`: the commit graph (committer times,
 *    hashes and parents), so ancestry, abbreviated hashes and the date of any commit are answered in memory;
 * 3. `git log --no-merges --name-only --no-renames -z HEAD -- <English root>`: for every commit that is not a
 *    merge and touched the English root, its committer date, subject and the files it changed;
 * 4. `git diff-tree --stdin`, fed every merge reachable from HEAD once per parent: the files each merge changed
 *    against each of its parents (what git's history simplification decides on);
 * 5. `git cat-file --batch`, started on the first blobAt/lineChanges and shared by all of them.
 * 1–3 run at the same time, 4 once the graph is known. When no `.git` (folder or file) exists in the English root
 * or any folder above it, no git process starts at all.
 *
 * What the answers mean: git's own. The English file's last change is the commit `git log -1 -- FILE` shows, and
 * the commits since a source commit are those `git rev-list SRC..HEAD -- FILE` lists, both with git's default
 * history simplification, replayed in memory by ./simplify.ts: a side branch whose change to the file never
 * reached HEAD (the merge kept the other version) is not part of the file's history. A source commit need not be
 * an ancestor of HEAD (Microsoft Docs translates from the publishing branch `live`): any commit of the graph works.
 * Renames are not followed: a file's history before it was renamed (or moved) belongs to its old path.
 * Shallow clones: commits below the boundary are unknown (hasCommit false, commitsSince undefined); a boundary
 * commit looks as if it added every file, so its "touches" are not trusted (lastChange undefined when it is the
 * newest one).
 *
 * Safety. Commit strings come from linted files (front matter): they are never passed to git; they must be
 * 4–64 hex digits and are resolved against the in-memory graph. cat-file requests are `<full hash>:<path>`
 * with repository paths free of line breaks. The English repository's own `.git/config` is not trusted either
 * (a downloaded repository, a contributor's checkout; CI clones write their own config, so there it is
 * trusted): the commands used run no hooks, pager, diff driver, textconv or external diff, `-c` overrides turn
 * off fsmonitor (which runs a configured program), signature checks (`gpg.program`), rename following and
 * relative paths, and GIT_ALLOW_PROTOCOL (empty) with GIT_NO_LAZY_FETCH stop a partial clone from fetching
 * missing objects (which would run `core.sshCommand` or a remote helper). Repository-locating variables
 * (GIT_DIR, GIT_INDEX_FILE…, set when loc-lint runs inside a git hook of another repository) are removed: the
 * repository is the one holding the English root.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { diffLines } from 'diff';
import { GitError, GitNotFoundError, runGit, spawnGit, type GitRunner, type GitSpawner } from './git.js';
import { commitsInRange, lastChanges, StepBudgetExceeded, type SimplifyInput } from './simplify.js';

export interface HistoryCommit {
  /** Full hash. */
  hash: string;
  /** Committer date. */
  date: Date;
  /** First line of the message. */
  subject: string;
}

export interface EnglishHistory {
  /** The work tree's top folder (real path). */
  topLevel: string;
  /** The HEAD commit (full hash). */
  head: string;
  /** A shallow clone: commits below its boundary are unknown. */
  shallow: boolean;
  /** The full hash of a commit given in full or abbreviated (unique, 4+ hex digits); undefined when unknown or not a hash. */
  resolve(commit: string): string | undefined;
  /** Whether the commit (full or unique abbreviated hash) is in the history (HEAD, branches, remote branches, tags). */
  hasCommit(commit: string): boolean;
  /** The committer date of a commit in the history; undefined when unknown. */
  commitDate(commit: string): Date | undefined;
  /**
   * The commits `git rev-list COMMIT..HEAD -- FILE` lists (`file` an absolute path in the English root), newest
   * first. Undefined when `commit` is unknown, or when a shallow clone's boundary makes the answer unknown. Throws
   * StepBudgetExceeded when the walk is over its step budget (a history built to be expensive).
   */
  commitsSince(file: string, commit: string): HistoryCommit[] | undefined;
  /** The newest commit reachable from HEAD that touched `file`; undefined for a file never committed. */
  lastChange(file: string): HistoryCommit | undefined;
  /** The file's bytes at `commit`; undefined when the commit is unknown or the file (as a regular file) was not there. */
  blobAt(commit: string, file: string): Promise<Buffer | undefined>;
  /**
   * The bytes of an object name such as `<full hash>:<repository path>`, when it names a blob, through the same
   * `git cat-file --batch` as blobAt (for a commit git has but the graph does not reach, such as FETCH_HEAD's).
   * Undefined for a missing object, a tree, or a name with a line break (cat-file reads one name per line).
   */
  readBlob(name: string): Promise<Buffer | undefined>;
  /**
   * Lines added and removed from the file at `commit` to `current` (the bytes being linted), as
   * `git diff --numstat <commit> -- file` counts them. A file that did not exist at `commit` counts as empty.
   * Undefined when `commit` is unknown or either side is binary (a NUL byte in its first 8,000 bytes, git's test).
   */
  lineChanges(commit: string, file: string, current: Buffer | string): Promise<{ added: number; removed: number } | undefined>;
  /** Ends the `git cat-file` process, if one was started. Pending reads are answered first. */
  close(): Promise<void>;
}

export type HistoryOpening = { history: EnglishHistory; reason?: undefined } | { history: undefined; reason: string };

export interface HistoryOptions {
  /** Runs the one-shot git commands (default: git from PATH). */
  git?: GitRunner;
  /** Starts the long-lived `git cat-file --batch` (default: git from PATH). */
  spawnGit?: GitSpawner;
}

/** `-c` settings that keep a hostile or unusual repository configuration from running programs or changing output. */
export const SAFE_CONFIG = [
  'core.fsmonitor=false',
  'core.quotepath=off',
  'log.showSignature=false',
  'log.follow=false',
  'diff.relative=false',
  'color.ui=false',
].flatMap((setting) => ['-c', setting]);

/** Variables that locate a repository (git's own `rev-parse --local-env-vars`) or change how pathspecs read. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
  'GIT_QUARANTINE_PATH',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
];

export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REPOSITORY_VARIABLES) delete env[name];
  // No transport at all (overrides protocol.*.allow in any config), so no lazy fetch of a partial clone.
  env.GIT_ALLOW_PROTOCOL = '';
  env.GIT_NO_LAZY_FETCH = '1';
  // Read-only: never take optional locks (index refresh) that could get in the way of the user's git.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

const HASH = /^[0-9a-f]{4,64}$/i;
/** git's binary test: a NUL byte within the first 8,000 bytes. */
const BINARY_PROBE = 8000;

function safeRealpath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

function toPosix(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

function isInside(relative: string): boolean {
  return relative !== '' && relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}

/**
 * The work tree holding `dir`, found the way git finds it (a `.git` folder or file in `dir` or a folder above),
 * without starting git. Undefined when there is none. (GIT_CEILING_DIRECTORIES is not applied: git then says
 * there is no repository, which becomes the reason.)
 */
export function workTreeOf(dir: string): string | undefined {
  // git starts from the physical folder (its getcwd), so a root reached through a symbolic link is looked up
  // from where the link leads.
  let current = safeRealpath(dir);
  for (;;) {
    try {
      statSync(path.join(current, '.git'));
      return current;
    } catch {
      // not here: look above
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The commit graph from `rev-list --parents`: commits as numbers, parents in one flat array. */
class CommitGraph {
  readonly hashes: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Per commit, its line in the rev-list output (-1: no line, so no known parents). */
  private lineOf = new Int32Array(0);
  private parentStart: number[] = [];
  private parents: number[] = [];
  private sorted?: string[];
  private readonly ancestorSets = new Map<number, Uint8Array>();

  /** Committer time (seconds) per commit number, from `--timestamp`. */
  readonly seconds = new Map<number, number>();

  constructor(revList: string) {
    const children: number[] = [];
    for (const line of revList.split('\n')) {
      if (!line) continue;
      const parts = line.split(' ');
      // `--timestamp` puts the committer time first.
      const timed = /^\d+$/.test(parts[0]) && parts.length > 1;
      const first = timed ? 1 : 0;
      const child = this.numberOf(parts[first]);
      if (timed) this.seconds.set(child, Number(parts[0]));
      children.push(child);
      this.parentStart.push(this.parents.length);
      for (let i = first + 1; i < parts.length; i++) this.parents.push(this.numberOf(parts[i]));
    }
    this.parentStart.push(this.parents.length);
    this.lineOf = new Int32Array(this.hashes.length).fill(-1);
    children.forEach((commit, line) => (this.lineOf[commit] = line));
  }

  /** The number of a hash, added (without parents) when new. */
  numberOf(hash: string): number {
    let number = this.numbers.get(hash);
    if (number === undefined) {
      number = this.hashes.length;
      this.hashes.push(hash);
      this.numbers.set(hash, number);
      this.sorted = undefined;
    }
    return number;
  }

  find(hash: string): number | undefined {
    return this.numbers.get(hash);
  }

  /** A full or unique abbreviated hash (lower case) → commit number. */
  resolve(commit: string): number | undefined {
    if (!HASH.test(commit)) return undefined;
    const wanted = commit.toLowerCase();
    const exact = this.numbers.get(wanted);
    if (exact !== undefined) return exact;
    const sorted = (this.sorted ??= [...this.hashes].sort());
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle] < wanted) low = middle + 1;
      else high = middle;
    }
    if (low >= sorted.length || !sorted[low].startsWith(wanted)) return undefined;
    if (low + 1 < sorted.length && sorted[low + 1].startsWith(wanted)) return undefined; // ambiguous
    return this.numbers.get(sorted[low]);
  }

  /** The parents of a commit in order; undefined for a commit with no line in the rev-list output. */
  parentsOf(commit: number): number[] | undefined {
    const line = commit < this.lineOf.length ? this.lineOf[commit] : -1;
    if (line < 0) return undefined;
    return this.parents.slice(this.parentStart[line], this.parentStart[line + 1]);
  }

  /** The commit and all its ancestors, as a flag per commit number; memoised (handoff commits are few). */
  ancestors(commit: number): Uint8Array {
    let set = this.ancestorSets.get(commit);
    if (set) return set;
    set = new Uint8Array(this.hashes.length);
    const stack = [commit];
    set[commit] = 1;
    while (stack.length) {
      const line = this.lineOf[stack.pop()!];
      if (line < 0) continue;
      for (let i = this.parentStart[line]; i < this.parentStart[line + 1]; i++) {
        const parent = this.parents[i];
        if (!set[parent]) {
          set[parent] = 1;
          stack.push(parent);
        }
      }
    }
    this.ancestorSets.set(commit, set);
    return set;
  }
}

/** One commit of `git log` or `git diff-tree --stdin` output: its header and the paths of its diff. */
interface DiffRecord {
  commit: number;
  subject: string;
  paths: string[];
}

/**
 * Parse `git log` / `git diff-tree --stdin` output made with `-z --name-only --format=%x00%x00%H %s`, in
 * order. Between NULs: each commit starts with two empty fields and its header; its paths follow, the first one
 * prefixed with a newline. Paths are never empty, so a run of two or more empty fields always starts a commit.
 */
function parseDiffRecords(output: string, graph: CommitGraph): DiffRecord[] {
  const fields = output.split('\0');
  const records: DiffRecord[] = [];
  let record: DiffRecord | undefined;
  let first = false;
  let i = 0;
  while (i < fields.length) {
    if (fields[i] === '') {
      let run = 0;
      for (; i < fields.length && fields[i] === ''; i++) run++;
      if (i >= fields.length) break;
      if (run >= 2) {
        const header = /^([0-9a-f]{40,64}) ?(.*)$/s.exec(fields[i++]);
        record = header ? { commit: graph.numberOf(header[1]), subject: header[2], paths: [] } : undefined;
        if (record) records.push(record);
        first = true;
      } else {
        first = false;
      }
      continue;
    }
    const field = fields[i++];
    if (!record) continue;
    record.paths.push(first && field.startsWith('\n') ? field.slice(1) : field);
    first = false;
  }
  return records;
}

type Waiter = { resolve: (bytes: Buffer | undefined) => void; reject: (error: Error) => void };

/**
 * One long-lived `git cat-file --batch`, started on the first request. Requests are answered in order; the
 * process keeps Node alive only while a request is waiting, so a history that is never closed does not hold the
 * run open (cat-file ends when its input closes with our exit).
 */
class BlobReader {
  private child?: ReturnType<GitSpawner>;
  private failure?: Error;
  private closed = false;
  private exited?: Promise<void>;
  private readonly waiting: Waiter[] = [];
  private chunks: Buffer[] = [];
  private length = 0;
  private body?: { size: number; blob: boolean };
  private stderr = '';

  constructor(private readonly start: () => ReturnType<GitSpawner>) {}

  /** `object` is `<full hash>:<path>` with no line break. */
  read(object: string): Promise<Buffer | undefined> {
    if (this.closed) return Promise.reject(new Error('the git history was closed'));
    if (this.failure) return Promise.reject(this.failure);
    const child = this.child ?? this.launch();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.waiting.length === 1) this.hold(true);
      child.stdin.write(object + '\n');
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.child) return;
    this.child.stdin.end();
    this.hold(true);
    await this.exited;
  }

  private launch(): ReturnType<GitSpawner> {
    const child = this.start();
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.on('close', (code) => {
        const partial = /promisor remote/.test(this.stderr) ? ' (a partial clone: objects missing locally are never fetched)' : '';
        this.fail(new GitError(`git cat-file failed (exit code ${code})${this.stderr ? `: ${this.stderr.trim().split(/\r?\n/).join('; ')}` : ''}${partial}`, code, this.stderr));
        this.hold(false);
        resolve();
      });
    });
    child.on('error', (error: NodeJS.ErrnoException) => this.fail(error.code === 'ENOENT' ? new GitNotFoundError() : error));
    child.stdin.on('error', () => {}); // EPIPE when git died: reported through 'close'
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 10_000) this.stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      this.drain();
    });
    return child;
  }

  /** Keep Node's event loop alive for the process only while someone waits for it. */
  private hold(on: boolean): void {
    const child = this.child;
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as { ref?(): void; unref?(): void }[]) {
      if (on) handle.ref?.();
      else handle.unref?.();
    }
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(bytes: number): void {
    const rest = this.joined().subarray(bytes);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
  }

  /** `<oid> <type> <size>\n<bytes>\n` for an object, `<request> missing\n` (or ambiguous) otherwise. */
  private drain(): void {
    for (;;) {
      if (!this.body) {
        const data = this.joined();
        const newline = data.indexOf(0x0a);
        if (newline < 0) return;
        const header = /^[0-9a-f]{40,64} (\S+) (\d+)$/.exec(data.toString('utf8', 0, newline));
        this.consume(newline + 1);
        if (header) this.body = { size: Number(header[2]), blob: header[1] === 'blob' };
        else this.settle(undefined);
      } else {
        if (this.length < this.body.size + 1) return;
        const bytes = Buffer.from(this.joined().subarray(0, this.body.size));
        const blob = this.body.blob;
        this.body = undefined;
        this.consume(bytes.length + 1);
        this.settle(blob ? bytes : undefined); // a tree (a folder at that path) is not a file
      }
    }
  }

  private settle(bytes: Buffer | undefined): void {
    this.waiting.shift()?.resolve(bytes);
    if (this.waiting.length === 0 && !this.closed) this.hold(false);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_PROBE).includes(0);
}

/**
 * The work a line count may do: the line diff costs about (lines of both sides) × (lines changed), and a
 * contributor controls the history (a 400 KB English file rewritten in one commit took 148 s unbounded).
 */
export const LINE_DIFF_BUDGET = 20_000_000;

/**
 * Lines added and removed between two texts, counted like `git diff --numstat` (lines end at `\n`); undefined
 * when counting them would take more than `budget` steps (the edit distance it may explore is the budget
 * divided by the number of lines).
 */
export function countLineChanges(before: Buffer | string, after: Buffer | string, budget = LINE_DIFF_BUDGET): { added: number; removed: number } | undefined {
  // latin1 maps every byte to one character: lines compare byte for byte, whatever the encoding.
  const oldText = typeof before === 'string' ? before : before.toString('latin1');
  const newText = typeof after === 'string' ? after : after.toString('latin1');
  let added = 0;
  let removed = 0;
  if (oldText === newText) return { added, removed };
  const lines = lineCount(oldText) + lineCount(newText);
  const changes = diffLines(oldText, newText, { maxEditLength: Math.max(1, Math.floor(budget / Math.max(1, lines))) });
  if (!changes) return undefined;
  for (const change of changes) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
  }
  return { added, removed };
}

function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Lines added and removed from `before` to `after` as `git diff --numstat` counts them; undefined when either is
 * binary or the count is over its budget.
 */
export function lineChangesBetween(before: Buffer, after: Buffer): { added: number; removed: number } | undefined {
  if (isBinary(before) || isBinary(after)) return undefined;
  return countLineChanges(before, after);
}

function firstLine(text: string): string {
  return text.replace(/^fatal: /, '').split('\n')[0].trim();
}

/**
 * The history of the git work tree holding the English root, or why there is none: the root is in no work
 * tree (decided without starting git), git is missing, the repository has no commit yet, or git failed.
 */
export async function openHistory(sourceRoot: string, options: HistoryOptions = {}): Promise<HistoryOpening> {
  const root = path.resolve(sourceRoot);
  try {
    if (!statSync(root).isDirectory()) return { history: undefined, reason: `the English root ${root} is not a folder` };
  } catch {
    return { history: undefined, reason: `the English root ${root} does not exist` };
  }
  if (workTreeOf(root) === undefined) return { history: undefined, reason: `the English root ${root} is not in a git work tree` };

  const git = options.git ?? runGit;
  const spawner = options.spawnGit ?? spawnGit;
  const env = gitEnvironment();
  const run = (args: string[], input?: string) => git([...SAFE_CONFIG, ...args], { cwd: root, env, ...(input === undefined ? {} : { input }) });
  // All three at once; the pathspec `.` (in the English root) limits the log to the root's files, which git
  // prints relative to the top level. Merges are asked about separately (diff-tree below): git's simplification
  // needs their diff against each parent, which `log` cannot print unambiguously.
  const [top, graph, log] = await Promise.allSettled([
    run(['rev-parse', '--show-toplevel', '--is-shallow-repository', '--git-path', 'shallow', '--verify', '--quiet', 'HEAD']),
    run(['rev-list', '--timestamp', '--parents', 'HEAD', '--branches', '--remotes', '--tags']),
    run([
      'log', '-z', '--format=%x00%x00%H %s', '--name-only', '--no-renames', '--no-merges', '--root',
      '--no-ext-diff', '--no-textconv', '--no-color', '--encoding=UTF-8', 'HEAD', '--', '.',
    ]),
  ]);
  if (top.status === 'rejected') {
    const error = top.reason;
    if (error instanceof GitNotFoundError) return { history: undefined, reason: `git is not installed (${error.message})` };
    if (error instanceof GitError && error.exitCode === 1) return { history: undefined, reason: `the git repository at ${workTreeOf(root)} has no commits yet` };
    if (error instanceof GitError) return { history: undefined, reason: `git cannot read the repository holding ${root}: ${firstLine(error.stderr) || error.message}` };
    throw error;
  }
  for (const result of [graph, log]) {
    if (result.status === 'rejected') {
      const error = result.reason;
      if (error instanceof GitError) return { history: undefined, reason: `git cannot read the history of ${root}: ${firstLine(error.stderr) || error.message}` };
      throw error;
    }
  }
  const [topLine, shallowLine, shallowFile, head] = top.value.toString('utf8').split('\n');
  const topLevel = safeRealpath(topLine);
  const commitGraph = new CommitGraph((graph as PromiseFulfilledResult<Buffer>).value.toString('latin1'));
  /** Commit number → the paths it changed against each of its parents (a root commit: the paths it has). */
  const changed = new Map<number, Array<Set<string>>>();
  /** Commit number → subject, for the commits that changed a path of the root (their times are the graph's). */
  const subjects = new Map<number, string>();
  for (const record of parseDiffRecords((log as PromiseFulfilledResult<Buffer>).value.toString('utf8'), commitGraph)) {
    changed.set(record.commit, [new Set(record.paths)]);
    subjects.set(record.commit, record.subject);
  }
  const headNumber = commitGraph.find(head);
  // Every merge reachable from HEAD, once per parent, in one diff-tree process. `--always` prints a header even
  // for an empty diff, so the records line up with the requests one to one.
  const requests: Array<{ merge: number; parent: number; parentCommit: number }> = [];
  if (headNumber !== undefined) {
    const reachable = commitGraph.ancestors(headNumber);
    for (let commit = 0; commit < reachable.length; commit++) {
      if (!reachable[commit]) continue;
      const parents = commitGraph.parentsOf(commit);
      if (parents && parents.length > 1) parents.forEach((parentCommit, parent) => requests.push({ merge: commit, parent, parentCommit }));
    }
  }
  if (requests.length) {
    let output: Buffer;
    try {
      output = await run([
        'diff-tree', '--stdin', '-z', '-r', '--always', '--format=%x00%x00%H %s', '--name-only', '--no-renames',
        '--no-ext-diff', '--no-textconv', '--no-color', '--encoding=UTF-8', '--', '.',
      ], requests.map(({ merge, parentCommit }) => `${commitGraph.hashes[merge]} ${commitGraph.hashes[parentCommit]}\n`).join(''));
    } catch (error) {
      if (error instanceof GitError) return { history: undefined, reason: `git cannot read the history of ${root}: ${firstLine(error.stderr) || error.message}` };
      throw error;
    }
    const records = parseDiffRecords(output.toString('utf8'), commitGraph);
    if (records.length !== requests.length) {
      return { history: undefined, reason: `git diff-tree answered ${records.length} of ${requests.length} merge diffs for ${root}` };
    }
    records.forEach((record, i) => {
      const { merge, parent } = requests[i];
      let sets = changed.get(merge);
      if (!sets) changed.set(merge, (sets = []));
      sets[parent] = new Set(record.paths);
      if (record.paths.length) subjects.set(merge, record.subject);
    });
  }
  const simplifyInput: SimplifyInput = {
    get count() {
      return commitGraph.hashes.length;
    },
    parentsOf: (commit) => commitGraph.parentsOf(commit),
    secondsOf: (commit) => commitGraph.seconds.get(commit) ?? 0,
    differs: (commit, parent, file) => changed.get(commit)?.[parent]?.has(file) ?? false,
    changedPaths: (commit, parent) => changed.get(commit)?.[parent],
  };
  const shallow = shallowLine === 'true';
  /** Commits at a shallow clone's boundary: their parents are cut off, so their diffs are not real. */
  const boundary = new Set<number>();
  if (shallow) {
    let listed = '';
    try {
      listed = readFileSync(path.resolve(root, shallowFile), 'latin1');
    } catch {
      // no shallow file: nothing is grafted
    }
    for (const hash of listed.split('\n')) {
      const commit = commitGraph.find(hash.trim());
      if (commit !== undefined) boundary.add(commit);
    }
  }

  const rootPrefix = (() => {
    const relative = path.relative(topLevel, safeRealpath(root));
    return relative === '' ? '' : toPosix(relative) + '/';
  })();
  /** The file's repository path (`/`-separated, from the top level); undefined outside the work tree or unusable. */
  const repositoryPath = (file: string): string | undefined => {
    const absolute = path.resolve(file);
    let relative = path.relative(root, absolute);
    let repoPath: string | undefined;
    if (isInside(relative)) repoPath = rootPrefix + toPosix(relative);
    else {
      relative = path.relative(topLevel, safeRealpath(absolute));
      if (isInside(relative)) repoPath = toPosix(relative);
    }
    return repoPath;
  };
  const describe = (commit: number): HistoryCommit => {
    const seconds = commitGraph.seconds.get(commit) ?? 0;
    return { hash: commitGraph.hashes[commit], date: new Date(seconds * 1000), subject: subjects.get(commit) ?? '' };
  };
  /** (source commit, path) → the commits since, as `git rev-list SRC..HEAD -- path` lists them. */
  const rangeCache = new Map<string, number[] | StepBudgetExceeded>();
  /** path → its last change, as `git log -1 -- path` shows it; computed for all paths on the first question. */
  let newest: Map<string, number | undefined> | undefined;
  const blobs = new BlobReader(() => spawner([...SAFE_CONFIG, 'cat-file', '--batch'], { cwd: topLevel, env }));

  const resolveNumber = (commit: string) => (typeof commit === 'string' ? commitGraph.resolve(commit.trim()) : undefined);
  const blobAt = async (commit: string, file: string): Promise<Buffer | undefined> => {
    const number = resolveNumber(commit);
    const repoPath = repositoryPath(file);
    if (number === undefined || repoPath === undefined) return undefined;
    return readBlob(`${commitGraph.hashes[number]}:${repoPath}`);
  };
  // cat-file reads one request per line (and drops a trailing CR): such a name cannot be asked for.
  const readBlob = async (name: string): Promise<Buffer | undefined> => (/[\n\r]/.test(name) ? undefined : blobs.read(name));

  const history: EnglishHistory = {
    topLevel,
    head,
    shallow,
    resolve: (commit) => {
      const number = resolveNumber(commit);
      return number === undefined ? undefined : commitGraph.hashes[number];
    },
    hasCommit: (commit) => resolveNumber(commit) !== undefined,
    commitDate: (commit) => {
      const number = resolveNumber(commit);
      const seconds = number === undefined ? undefined : commitGraph.seconds.get(number);
      return seconds === undefined ? undefined : new Date(seconds * 1000);
    },
    commitsSince: (file, commit) => {
      const number = resolveNumber(commit);
      if (number === undefined || headNumber === undefined) return undefined;
      const repoPath = repositoryPath(file);
      if (repoPath === undefined) return [];
      const key = `${number}\0${repoPath}`;
      const cached = rangeCache.get(key);
      if (cached instanceof StepBudgetExceeded) throw cached;
      let list = cached;
      if (!rangeCache.has(key)) {
        try {
          list = commitsInRange(simplifyInput, headNumber, number, repoPath);
        } catch (error) {
          if (!(error instanceof StepBudgetExceeded)) throw error;
          rangeCache.set(key, error);
          throw error;
        }
        rangeCache.set(key, list);
      }
      // A boundary commit's diff is the whole tree: whether it changed the file is cut off.
      if (!list || list.some((touching) => boundary.has(touching))) return undefined;
      return list.map(describe);
    },
    lastChange: (file) => {
      const repoPath = repositoryPath(file);
      if (repoPath === undefined || headNumber === undefined) return undefined;
      if (!newest) {
        const paths = new Set<string>();
        for (const sets of changed.values()) for (const set of sets) if (set) for (const changedPath of set) paths.add(changedPath);
        try {
          newest = lastChanges(simplifyInput, headNumber, paths);
        } catch (error) {
          if (!(error instanceof StepBudgetExceeded)) throw error;
          newest = new Map();
        }
      }
      const commit = newest.get(repoPath);
      return commit === undefined || boundary.has(commit) ? undefined : describe(commit);
    },
    blobAt,
    readBlob,
    lineChanges: async (commit, file, current) => {
      const number = resolveNumber(commit);
      if (number === undefined || repositoryPath(file) === undefined) return undefined;
      const before = (await blobAt(commit, file)) ?? Buffer.alloc(0);
      return lineChangesBetween(before, typeof current === 'string' ? Buffer.from(current, 'utf8') : current);
    },
    close: () => blobs.close(),
  };
  return { history };
}
