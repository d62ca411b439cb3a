/**
 * Discovery: find the Markdown files in the English root and each translated root, and pair them by their
 * relative path (the same relative path names the same page in every locale).
 *
 * Symbolic links are never followed: linted trees come from contributors, and a link could lead anywhere. A link
 * that leads outside the roots (or nowhere) is reported, so that a pull request cannot hide a page behind one.
 */
import fg from 'fast-glob';
import path from 'node:path';
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import type { ResolvedConfig } from '../config/config.js';
import { nearest } from '../util/suggest.js';
import { isDirectory } from '../util/files.js';

export interface Pair {
  locale: string;
  /** Path relative to the locale roots, `/`-separated. */
  relPath: string;
  /** Absolute English file. */
  sourcePath: string;
  /** Absolute translated file. */
  targetPath: string;
}

/** A translated file whose English sibling does not exist. */
export interface Orphan {
  locale: string;
  relPath: string;
  targetPath: string;
  /** Where the English sibling would be. */
  sourcePath: string;
  /** An English file that looks like the page's new name (same file name elsewhere, or a close name), if any. */
  similar?: string;
}

/** A symbolic link in a root that leads outside every root, or nowhere: never followed, reported. */
export interface OutsideLink {
  /** The root's locale (the source locale for the English root). */
  locale: string;
  relPath: string;
  linkPath: string;
  /** The link's target as written in it. */
  target: string;
  /** The link leads inside the roots, to nothing (links leading outside are never resolved, so never dangling). */
  dangling: boolean;
}

export interface Discovery {
  pairs: Pair[];
  /** Translated files whose English sibling does not exist. */
  orphans: Orphan[];
  /** Symbolic links leading outside the roots (files matching the include globs, and folders). */
  outsideLinks: OutsideLink[];
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
async function list(root: string, config: ResolvedConfig): Promise<{ files: string[]; folders: Set<string> }> {
  const files = await fg(config.include, {
    cwd: root,
    ignore: config.exclude,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    dot: false,
    suppressErrors: true,
  });
  // Regular files, and folders named like Markdown files (`x.md/`): when such a folder stands where the other
  // locale has a file, the pair is linted and the engine reports "a directory, not a file" on it.
  return {
    files: files.filter((entry) => entry.dirent.isFile()).map((entry) => entry.path).sort(),
    folders: new Set(files.filter((entry) => entry.dirent.isDirectory()).map((entry) => entry.path)),
  };
}

/**
 * The symbolic links of one root that lead outside all of `roots`, or nowhere: links named like the files linted
 * (`include`), and links to what looks like a folder (no file extension), since a folder link could bring in a
 * tree. A link's target is resolved from its text, never followed: nothing outside the roots is touched, not
 * even its metadata (under Node's permission model such a read would be refused).
 */
async function outsideLinksOf(root: string, locale: string, config: ResolvedConfig, roots: string[]): Promise<OutsideLink[]> {
  const entries = await fg('**', { cwd: root, ignore: config.exclude, onlyFiles: false, followSymbolicLinks: false, objectMode: true, dot: false, suppressErrors: true });
  const links = entries.filter((entry) => entry.dirent.isSymbolicLink());
  if (links.length === 0) return [];
  const named = new Set(await fg(config.include, { cwd: root, ignore: config.exclude, onlyFiles: false, followSymbolicLinks: false, dot: false, suppressErrors: true }));
  const found: OutsideLink[] = [];
  for (const { path: relPath } of links.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const linkPath = path.join(root, relPath);
    let target: string;
    try {
      target = readlinkSync(linkPath);
    } catch {
      continue; // removed during the run: nothing left to report
    }
    const folder = path.dirname(linkPath);
    const resolved = [path.resolve(folder, target), path.resolve(realpathOr(folder), target)];
    const inside = resolved.some((file) => roots.some((rootPath) => isInside(file, rootPath)));
    if (inside) {
      // Inside the roots: not followed (its target is linted under its own name); reported only when it
      // stands where a page should be and leads nowhere.
      if (named.has(relPath) && !exists(linkPath)) found.push({ locale, relPath, linkPath, target, dangling: true });
      continue;
    }
    if (named.has(relPath) || path.extname(relPath) === '') found.push({ locale, relPath, linkPath, target, dangling: false });
  }
  return found;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}


/**
 * The English file a translated orphan was probably renamed to: one with the same file name in another folder
 * (a page moved), else one in the same folder whose name is within a few edits (a page renamed).
 */
export function similarEnglish(relPath: string, english: string[], byName: Map<string, string[]>): string | undefined {
  const name = path.posix.basename(relPath);
  const moved = byName.get(name);
  if (moved && moved.length === 1) return moved[0];
  const folder = path.posix.dirname(relPath);
  const siblings = english.filter((candidate) => path.posix.dirname(candidate) === folder);
  if (siblings.length === 0) return undefined;
  return nearest(relPath, siblings, { limit: Math.max(2, Math.floor(name.length / 4)) });
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
  const { files: english, folders: englishFolders } = await list(config.sourceRoot, config);
  const englishSet = new Set(english);
  const englishByName = new Map<string, string[]>();
  for (const relPath of english) {
    const name = path.posix.basename(relPath);
    englishByName.set(name, [...(englishByName.get(name) ?? []), relPath]);
  }
  const givenRoots = [config.sourceRoot, ...config.targets.map((target) => target.root)];
  const allRealRoots = [...new Set([...givenRoots, ...givenRoots.map(realpathOr)])];
  const outsideLinks = await outsideLinksOf(config.sourceRoot, config.sourceLocale, config, allRealRoots);
  const pairs: Pair[] = [];
  const orphans: Discovery['orphans'] = [];
  const missing: Discovery['missing'] = [];
  for (const target of config.targets) {
    const { files: translated, folders: translatedFolders } = await list(target.root, config);
    // A folder named like a page where the other locale has the file: paired, so that the engine reports it.
    for (const relPath of english) if (translatedFolders.has(relPath)) translated.push(relPath);
    for (const relPath of translated) if (englishFolders.has(relPath)) englishSet.add(relPath);
    translated.sort();
    outsideLinks.push(...(await outsideLinksOf(target.root, target.locale, config, allRealRoots)));
    const translatedSet = new Set(translated);
    for (const relPath of translated) {
      const targetPath = path.join(target.root, relPath);
      if (englishSet.has(relPath)) {
        pairs.push({ locale: target.locale, relPath, sourcePath: path.join(config.sourceRoot, relPath), targetPath });
      } else {
        const similar = similarEnglish(relPath, english, englishByName);
        orphans.push({ locale: target.locale, relPath, targetPath, sourcePath: path.join(config.sourceRoot, relPath), ...(similar ? { similar } : {}) });
      }
    }
    for (const relPath of english) {
      if (!translatedSet.has(relPath)) missing.push({ locale: target.locale, relPath, sourcePath: path.join(config.sourceRoot, relPath) });
    }
  }
  if (paths.length === 0) return { pairs, orphans, outsideLinks, missing, englishCount: english.length, skipped: [] };

  for (const wanted of paths) {
    try {
      lstatSync(wanted);
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
    ...outsideLinks.map((link) => linkReal(link.linkPath)),
  ]);
  const wantedReal: string[] = [];
  const skipped: string[] = [];
  for (const wanted of paths) {
    const isFolder = isDirectory(wanted);
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
    outsideLinks: outsideLinks.filter((link) => selected(linkReal(link.linkPath))),
    missing: missing.filter((entry) => englishSelected(entry.relPath)),
    englishCount: english.filter(englishSelected).length,
    skipped,
  };
}

function rootOf(config: ResolvedConfig, locale: string): string {
  return config.targets.find((target) => target.locale === locale)!.root;
}

/**
 * A path with its folder resolved and its last part left as it is (a link there is not resolved: it is never
 * followed). Compares paths given through linked folders with the files discovery lists.
 */
export function linkReal(linkPath: string): string {
  return path.join(realpathOr(path.dirname(linkPath)), path.basename(linkPath));
}

/** The real path, or the path resolved as written when it does not exist (yet). */
export function realpathOr(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}
