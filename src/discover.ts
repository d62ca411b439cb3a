/**
 * Discovery: find the Markdown files in the English root and each translated root, and pair them by their
 * relative path (the same relative path names the same page in every locale).
 *
 * Symbolic links are not followed: linted trees come from contributors, and a link could lead anywhere.
 */
import fg from 'fast-glob';
import path from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import type { ResolvedConfig } from './config.js';

export interface Pair {
  locale: string;
  /** Path relative to the locale roots, `/`-separated. */
  relPath: string;
  /** Absolute English file. */
  sourcePath: string;
  /** Absolute translated file. */
  targetPath: string;
}

export interface Discovery {
  pairs: Pair[];
  /** Translated files whose English sibling does not exist. */
  orphans: { locale: string; relPath: string; targetPath: string }[];
  /** English files with no translation, per locale. */
  missing: { locale: string; relPath: string; sourcePath: string }[];
  /** Number of English files found. */
  englishCount: number;
  /**
   * Paths given to narrow the run that name nothing to lint: files outside the English and translated roots,
   * or left out by the include/exclude globs (absolute, as given). Hooks pass every staged Markdown file.
   */
  skipped: string[];
}

export class UsageError extends Error {}

/**
 * The Markdown files of one root, relative to it. With `followSymbolicLinks: false` and `onlyFiles`, fast-glob
 * returns no symbolic links at all (a link's own entry is neither a file nor followed), so nothing outside the
 * roots is ever read.
 */
async function list(root: string, config: ResolvedConfig): Promise<string[]> {
  const files = await fg(config.include, {
    cwd: root,
    ignore: config.exclude,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    suppressErrors: true,
  });
  return files.sort();
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Pair every translated file with its English sibling. `paths` (absolute) narrows the run to those files or
 * folders; an English path brings in every translation of it. A path that does not exist is a UsageError; a
 * file outside the roots or left out by the globs, and a folder outside the roots, go to `skipped`.
 */
export async function discover(config: ResolvedConfig, paths: string[] = []): Promise<Discovery> {
  const english = await list(config.sourceRoot, config);
  const englishSet = new Set(english);
  const pairs: Pair[] = [];
  const orphans: Discovery['orphans'] = [];
  const missing: Discovery['missing'] = [];
  for (const target of config.targets) {
    const translated = await list(target.root, config);
    const translatedSet = new Set(translated);
    for (const relPath of translated) {
      const targetPath = path.join(target.root, relPath);
      if (englishSet.has(relPath)) {
        pairs.push({ locale: target.locale, relPath, sourcePath: path.join(config.sourceRoot, relPath), targetPath });
      } else {
        orphans.push({ locale: target.locale, relPath, targetPath });
      }
    }
    for (const relPath of english) {
      if (!translatedSet.has(relPath)) missing.push({ locale: target.locale, relPath, sourcePath: path.join(config.sourceRoot, relPath) });
    }
  }
  if (paths.length === 0) return { pairs, orphans, missing, englishCount: english.length, skipped: [] };

  for (const wanted of paths) {
    try {
      statSync(wanted);
    } catch {
      throw new UsageError(`no such file or folder: ${wanted}`);
    }
  }
  // Compare real paths, so that a path given through a symbolic link to a folder (a temporary folder, a
  // checkout reached through a link) still names the files of the roots. A linked file is not resolved: it is
  // not among the files discovery lists, so it is skipped.
  const roots = [config.sourceRoot, ...config.targets.map((target) => target.root)];
  const realRoots = new Map(roots.map((root) => [root, realpathOr(root)]));
  const real = (root: string, relPath: string) => path.join(realRoots.get(root)!, relPath);
  const listedReal = new Set<string>([
    ...english.map((relPath) => real(config.sourceRoot, relPath)),
    ...orphans.map((orphan) => real(rootOf(config, orphan.locale), orphan.relPath)),
    ...pairs.map((pair) => real(rootOf(config, pair.locale), pair.relPath)),
  ]);
  const wantedReal: string[] = [];
  const skipped: string[] = [];
  for (const wanted of paths) {
    const isFolder = statSync(wanted).isDirectory();
    const resolved = isFolder ? realpathOr(wanted) : path.join(realpathOr(path.dirname(wanted)), path.basename(wanted));
    const inRoot = [...realRoots.values()].some((root) => isInside(resolved, root));
    const holdsRoot = isFolder && [...realRoots.values()].some((root) => isInside(root, resolved));
    // A file outside the roots, or one the include/exclude globs leave out (lint-staged and pre-commit pass
    // every staged Markdown file): skipped, not an error.
    if ((isFolder && (inRoot || holdsRoot)) || (!isFolder && listedReal.has(resolved))) wantedReal.push(resolved);
    else skipped.push(wanted);
  }
  const selected = (file: string) => wantedReal.some((wanted) => isInside(file, wanted));
  const englishSelected = (relPath: string) => selected(real(config.sourceRoot, relPath));
  return {
    pairs: pairs.filter((pair) => selected(real(rootOf(config, pair.locale), pair.relPath)) || englishSelected(pair.relPath)),
    orphans: orphans.filter((orphan) => selected(real(rootOf(config, orphan.locale), orphan.relPath))),
    missing: missing.filter((entry) => englishSelected(entry.relPath)),
    englishCount: english.filter(englishSelected).length,
    skipped,
  };
}

function rootOf(config: ResolvedConfig, locale: string): string {
  return config.targets.find((target) => target.locale === locale)!.root;
}

function realpathOr(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}
