/**
 * `loc-lint check --staged`: lint what the git index holds, for a pre-commit hook.
 *
 * - A staged (added, modified, renamed, copied) translated file is linted against its English sibling.
 * - A staged English file brings every translation of it into the run (they may just have gone stale).
 * - Both sides are read from the index, the English sibling as staged even when it did not change; the
 *   working tree is never read (it may hold changes that are not part of the commit).
 * - Deleted files are not linted; a renamed file is linted under its new path. Symbolic links (mode 120000)
 *   and submodules (160000) in the index are not linted, as discovery does not follow links.
 *
 * Pairing applies the configuration's roots and include/exclude globs to the index paths (picomatch); the
 * working tree is not walked. It takes a fixed number of git processes whatever the number of files:
 * `rev-parse --show-toplevel`, `diff --cached --name-status`, `ls-files -s` of the roots, and one
 * `cat-file --batch` for every blob needed. A root outside the repository's work tree (side-by-side clones:
 * the English in another clone) has no index here; its files are read from the disk.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/config.js';
import { UsageError, type Pair } from './discover.js';
import { GitError, GitNotFoundError, runGit as runGitProgram, type GitRunner } from '../git/git.js';

export interface StagedRun {
  pairs: Pair[];
  /** Reads a file of the run as staged (from the index); other files reject with ENOENT. */
  read: (file: string) => Promise<Buffer>;
  /** Absolute paths of staged deletions in the roots (matched by the globs); not linted. */
  deleted: string[];
}

export { GitError, type GitRunner };

/** The runner for --staged: `git` from PATH (src/git/git.ts); a missing git is a usage error. */
export const runGit: GitRunner = (args, options) =>
  runGitProgram(args, options).catch((error: unknown) => {
    throw error instanceof GitNotFoundError ? new UsageError('--staged needs git, and no "git" program was found on PATH') : error;
  });

/** The NUL-separated fields of `-z` output. */
function fields(output: Buffer): string[] {
  const text = output.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Include/exclude matching on root-relative `/` paths, as fast-glob does it in discovery: the file must match
 * an include pattern (no dot files), must not match an exclude pattern (dot files too), and no folder above it
 * may match an exclude pattern that prunes the walk (`**\/includes/**`, `includes`, `docs/old`).
 */
export function globMatcher(include: string[], exclude: string[]): (relPath: string) => boolean {
  const options = { dot: false, windows: false };
  const included = picomatch(include, options);
  const excludedFile = exclude.length ? picomatch(exclude, { ...options, dot: true }) : () => false;
  const pruning = exclude.filter((pattern) => pattern.endsWith('/**') || !picomatch.scan(path.posix.basename(pattern)).isGlob);
  const excludedFolder = pruning.length ? picomatch(pruning, options) : () => false;
  return (relPath) => {
    if (!included(relPath) || excludedFile(relPath)) return false;
    const parts = relPath.split('/');
    for (let i = 1; i < parts.length; i++) if (excludedFolder(parts.slice(0, i).join('/'))) return false;
    return true;
  };
}

function toPosix(relative: string): string {
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

interface Root {
  locale: string;
  /** The root as the configuration names it (absolute): what paths in the results are built on. */
  dir: string;
  /** Index path prefix (`docs/en-us/`, or `` for the top level); undefined when outside the work tree. */
  prefix?: string;
}

interface IndexEntry {
  mode: string;
  blob: string;
}

/** Regular files only: symbolic links (120000) and submodules (160000) are never linted. */
function isRegular(mode: string): boolean {
  return mode === '100644' || mode === '100755';
}

function enoent(file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOENT: not in the git index: ${file}`);
  error.code = 'ENOENT';
  error.path = file;
  return error;
}

/** Parse `git cat-file --batch` output: `<sha> <type> <size>\n<bytes>\n` or `<sha> missing\n` per request. */
function parseBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) break;
    const header = output.toString('utf8', offset, newline).split(' ');
    offset = newline + 1;
    if (header.length !== 3) continue; // `<sha> missing` (or ambiguous): nothing follows
    const size = Number(header[2]);
    blobs.set(header[0], output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}

/**
 * The pairs to lint for the staged changes, and a reader of their staged content. `cwd` must be inside a git
 * work tree (else UsageError). `git` is replaceable for tests.
 */
export async function stagedPairs(config: ResolvedConfig, cwd: string, git: GitRunner = runGit): Promise<StagedRun> {
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], { cwd })).toString('utf8').replace(/\r?\n$/, '');
  } catch (error) {
    if (error instanceof GitError) {
      const reason = error.stderr.replace(/^fatal: /, '').split('\n')[0];
      throw new UsageError(`--staged lints the git index, but ${cwd} is not in a git work tree${reason ? ` (${reason})` : ''}`);
    }
    throw error;
  }
  const realTop = safeRealpath(top);

  const roots: Root[] = [config.sourceRoot, ...config.targets.map((target) => target.root)].map((dir, index) => {
    const relative = toPosix(path.relative(realTop, safeRealpath(dir)));
    const inside = relative === '' || (!relative.startsWith('../') && relative !== '..' && !path.isAbsolute(relative));
    return {
      locale: index === 0 ? config.sourceLocale : config.targets[index - 1].locale,
      dir,
      prefix: inside ? (relative === '' ? '' : relative + '/') : undefined,
    };
  });
  const [source, ...targets] = roots;
  const indexed = roots.filter((root) => root.prefix !== undefined);
  if (indexed.length === 0) {
    return {
      pairs: [],
      read: async (file) => {
        throw enoent(file);
      },
      deleted: [],
    };
  }
  const matches = globMatcher(config.include, config.exclude);

  /** The roots an index path lies in, with its path relative to each (include/exclude applied). */
  const placesOf = (indexPath: string): { root: Root; relPath: string }[] => {
    const places: { root: Root; relPath: string }[] = [];
    for (const root of indexed) {
      if (!indexPath.startsWith(root.prefix!)) continue;
      const relPath = indexPath.slice(root.prefix!.length);
      if (relPath && matches(relPath)) places.push({ root, relPath });
    }
    return places;
  };

  // Both listings at once: the staged changes (against HEAD; with no commit yet, everything staged) and the
  // index entries of the roots. `:(top,literal)` pathspecs: root names are not globs, wherever git runs.
  const pathspecs = indexed.some((root) => root.prefix === '') ? ['.'] : indexed.map((root) => `:(top,literal)${root.prefix}`);
  const [changes, listing] = await Promise.all([
    git(['diff', '--cached', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', '--', ...pathspecs], { cwd: top }),
    git(['ls-files', '--stage', '-z', '--full-name', '--', ...pathspecs], { cwd: top }),
  ]);

  const index = new Map<string, IndexEntry>();
  for (const line of fields(listing)) {
    // `<mode> <blob> <stage>\t<path>`; only stage 0 (a path in conflict cannot be committed anyway).
    const tab = line.indexOf('\t');
    const [mode, blob, stage] = line.slice(0, tab).split(' ');
    if (stage === '0') index.set(line.slice(tab + 1), { mode, blob });
  }

  const staged: string[] = [];
  const deleted: string[] = [];
  const parts = fields(changes);
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++];
    const kind = status[0];
    if (kind === 'R' || kind === 'C') {
      i++; // the old path: a rename is linted under its new path only
      staged.push(parts[i++]);
    } else if (kind === 'D') {
      for (const { root, relPath } of placesOf(parts[i++])) deleted.push(path.join(root.dir, relPath));
    } else if (kind === 'A' || kind === 'M' || kind === 'T') {
      staged.push(parts[i++]);
    } else {
      i++; // U (unmerged), X: nothing to lint
    }
  }

  /** A file of `root` at `relPath` that discovery would list: a regular file in the index, or on the disk outside it. */
  const present = (root: Root, relPath: string): boolean => {
    if (root.prefix !== undefined) return isRegular(index.get(root.prefix + relPath)?.mode ?? '');
    try {
      return lstatSync(path.join(root.dir, relPath)).isFile();
    } catch {
      return false;
    }
  };

  const pairs = new Map<string, Pair>();
  const add = (target: Root, relPath: string) => {
    const key = `${target.locale}\0${relPath}`;
    if (pairs.has(key) || !present(source, relPath) || !present(target, relPath)) return;
    pairs.set(key, { locale: target.locale, relPath, sourcePath: path.join(source.dir, relPath), targetPath: path.join(target.dir, relPath) });
  };
  for (const indexPath of staged) {
    if (!isRegular(index.get(indexPath)?.mode ?? '')) continue;
    for (const { root, relPath } of placesOf(indexPath)) {
      if (root === source) for (const target of targets) add(target, relPath);
      else add(root, relPath);
    }
  }

  // Every blob the run reads, in one `cat-file --batch`.
  const blobOf = new Map<string, string>();
  const needBlob = (file: string, root: Root, relPath: string) => {
    if (root.prefix !== undefined) blobOf.set(file, index.get(root.prefix + relPath)!.blob);
  };
  for (const pair of pairs.values()) {
    needBlob(pair.sourcePath, source, pair.relPath);
    needBlob(pair.targetPath, targets.find((target) => target.locale === pair.locale)!, pair.relPath);
  }
  const wanted = [...new Set(blobOf.values())];
  const blobs = wanted.length ? parseBatch(await git(['cat-file', '--batch'], { cwd: top, input: wanted.map((blob) => blob + '\n').join('') })) : new Map<string, Buffer>();
  const onDisk = new Set<string>();
  for (const pair of pairs.values()) for (const file of [pair.sourcePath, pair.targetPath]) if (!blobOf.has(file)) onDisk.add(file);

  const read = async (file: string): Promise<Buffer> => {
    const blob = blobOf.get(file);
    const bytes = blob === undefined ? undefined : blobs.get(blob);
    if (bytes) return bytes;
    if (blob === undefined && onDisk.has(file)) return readFile(file);
    throw enoent(file);
  };
  const order = (a: Pair, b: Pair) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0);
  return { pairs: [...pairs.values()].sort(order), read, deleted: deleted.sort() };
}

function safeRealpath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}
