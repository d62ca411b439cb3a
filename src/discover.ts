/**
 * Discovery: find the Markdown files in the English root and each translated root, and pair them by their
 * relative path (the same relative path names the same page in every locale).
 *
 * Symbolic links are not followed: linted trees come from contributors, and a link could lead anywhere.
 */
import fg from 'fast-glob';
import path from 'node:path';
import { statSync } from 'node:fs';
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
 * folders; an English path brings in every translation of it.
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
  if (paths.length === 0) return { pairs, orphans, missing, englishCount: english.length };

  for (const wanted of paths) {
    try {
      statSync(wanted);
    } catch {
      throw new UsageError(`no such file or folder: ${wanted}`);
    }
  }
  const selected = (file: string) => paths.some((wanted) => isInside(file, wanted));
  const narrowed = pairs.filter((pair) => selected(pair.targetPath) || selected(pair.sourcePath));
  const inAnyRoot = (wanted: string) =>
    isInside(wanted, config.sourceRoot) || config.targets.some((target) => isInside(wanted, target.root)) || isInside(config.sourceRoot, wanted);
  for (const wanted of paths) {
    if (!inAnyRoot(wanted)) throw new UsageError(`${wanted} is outside the English and translated roots of the configuration`);
  }
  return {
    pairs: narrowed,
    orphans: orphans.filter((orphan) => selected(orphan.targetPath)),
    missing: missing.filter((entry) => selected(entry.sourcePath)),
    englishCount: english.filter((relPath) => selected(path.join(config.sourceRoot, relPath))).length,
  };
}
