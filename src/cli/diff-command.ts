/**
 * `loc-lint diff FILE`: reads the translated file, its source commit and the English history, and prints what
 * src/git/diff.ts makes of them. When the English at the source commit cannot be had (no commit in the front
 * matter, no git history, a commit the history does not hold), it says so and falls back to comparing each span
 * segment's own English with the current English file.
 *
 * Exit codes: 0 nothing changed or nothing to show, 1 English changes (or stale segments) shown; usage problems
 * are thrown as UsageError (exit 2).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { discover, realpathOr, UsageError } from '../discover/discover.js';
import { parseDocument, type LocDocument } from '../document/document.js';
import { diffEnglish, parseEnglish, renderDiff, renderTouched, staleSpanSegments } from '../git/diff.js';
import { escapeControl } from '../util/escape.js';
import { openHistory, type HistoryOptions } from '../git/history.js';
import { isCommitHash, readLocalization } from '../config/metadata.js';

export interface DiffCommandOptions {
  config: ResolvedConfig;
  cwd: string;
  color: boolean;
  write: (text: string) => unknown;
  /** How git is run (tests count processes). */
  git?: HistoryOptions;
}

const toPosix = (relative: string) => (path.sep === '/' ? relative : relative.split(path.sep).join('/'));

/** A path for messages: relative to the working folder when inside it. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? toPosix(relative) : file;
}

export async function runDiffCommand(given: string, options: DiffCommandOptions): Promise<number> {
  const { config, cwd, color, write } = options;
  const file = path.resolve(cwd, given);
  const found = await discover(config, [file]);
  const wanted = realpathOr(file);
  const pair = found.pairs.find((candidate) => realpathOr(candidate.targetPath) === wanted);
  if (!pair) {
    if (found.pairs.some((candidate) => realpathOr(candidate.sourcePath) === wanted)) {
      throw new UsageError(`${given} is an English file: give a translated file (for example ${shown(found.pairs[0].targetPath, cwd)})`);
    }
    if (found.orphans.some((orphan) => realpathOr(orphan.targetPath) === wanted)) {
      throw new UsageError(`${given} has no English sibling to compare with`);
    }
    throw new UsageError(`${given} is not a translated file in the configured roots`);
  }
  const parseTimeoutMs = config.parseTimeoutSeconds * 1000;
  const translatedPath = shown(pair.targetPath, cwd);
  // The same limit as linting: larger files are not read at all.
  const limit = config.maxFileSizeMB * 1024 * 1024;
  for (const file of [pair.targetPath, pair.sourcePath]) {
    if ((await stat(file)).size > limit) throw new UsageError(`${shown(file, cwd)} is larger than ${config.maxFileSizeMB} MB (maxFileSizeMB): not compared`);
  }
  let translated: LocDocument;
  try {
    translated = parseDocument({ path: pair.targetPath, relPath: pair.relPath, locale: pair.locale, raw: await readFile(pair.targetPath), parseTimeoutMs });
  } catch (error) {
    throw new UsageError(`cannot read ${given}: ${(error as Error).message}`);
  }
  const englishNow = await readFile(pair.sourcePath);
  const localization = readLocalization(translated.frontMatter, config.metadata, translated.text);
  const commit = localization?.commit?.value;

  const fallback = (reason: string): number => {
    write(`Cannot show the English changes: ${escapeControl(reason)}.\n`);
    if (!translated.spanFormat) {
      write(`${escapeControl(translatedPath)} is plain Markdown: telling which of its parts changed needs the English at the source commit.\n`);
      return 0;
    }
    const current = parseEnglish(englishNow, pair.sourcePath, parseTimeoutMs);
    if (typeof current === 'string') {
      write(`The current English cannot be read either: ${escapeControl(current)}\n`);
      return 0;
    }
    write(`Comparing each segment's English (sxs-lookup text) with the current English file instead.\n\n`);
    const stale = staleSpanSegments(translated, current);
    if (stale.length === 0) {
      write('No stale segment: every segment\'s English still occurs in the current English file.\n');
      return 0;
    }
    write(`Stale segments (their English no longer occurs in ${escapeControl(shown(pair.sourcePath, cwd))}):\n${renderTouched(stale, translatedPath)}`);
    return 1;
  };

  if (!commit) {
    const key = localization?.keys.commit;
    return fallback(`${translatedPath} records no source commit${key ? ` (no ${key} in its front matter)` : ' in its front matter'}`);
  }
  // Not looked up: `HEAD~1` or a hash with a zero-width space is no commit of any history (invalid-metadata says more).
  if (!isCommitHash(commit)) return fallback(`the source commit ${localization!.commit!.key} "${commit}" is not a commit hash (4–64 hexadecimal digits)`);
  const opening = await openHistory(config.sourceRoot, options.git ?? {});
  if (!opening.history) return fallback(`no git history for the English root: ${opening.reason}`);
  const history = opening.history;
  try {
    const full = history.resolve(commit);
    if (!full) {
      const why = history.shallow
        ? 'the English repository is a shallow clone (git fetch --unshallow brings the older commits)'
        : 'the history may have been rewritten, or the commit is from another repository';
      return fallback(`the source commit ${commit} (${localization!.commit!.key}) is not in the English history: ${why}`);
    }
    const before = await history.blobAt(full, pair.sourcePath);
    if (before && before.length > limit) {
      return fallback(`the English at ${commit} is larger than ${config.maxFileSizeMB} MB (maxFileSizeMB)`);
    }
    const executable = ((await stat(pair.sourcePath)).mode & 0o111) !== 0;
    const englishPath = toPosix(path.relative(history.topLevel, realpathOr(pair.sourcePath)));
    const result = diffEnglish({
      englishPath,
      before: before ?? Buffer.alloc(0),
      after: englishNow,
      translated,
      mode: executable ? '100755' : '100644',
      parseTimeoutMs,
    });
    if (result.lines.length === 0) {
      write(`The English ${escapeControl(englishPath)} has not changed since ${commit}: nothing to translate again.\n`);
      return 0;
    }
    if (before === undefined) write(`The English ${escapeControl(englishPath)} did not exist at ${commit} (renamed or moved since?): diffing from an empty file.\n`);
    write(renderDiff(result.lines, color));
    write('\n');
    if (result.touched === undefined) write(`Cannot tell which translated segments these changes touch: ${escapeControl(result.touchedProblem ?? '')}\n`);
    else if (result.touched.length === 0) write('Translated segments touched by these changes: none.\n');
    else write(`Translated segments touched by these changes:\n${renderTouched(result.touched, translatedPath)}`);
    return 1;
  } finally {
    await history.close();
  }
}
