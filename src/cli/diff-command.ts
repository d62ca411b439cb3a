/**
 * `loc-lint diff FILE`: reads the translated file and its source commit, resolves the commit through the English
 * history, then prints what git itself prints for `git diff <source commit> HEAD -- <English file>`
 * (src/git/git-diff.ts runs it), followed by the translated segments those changes touch (src/git/diff.ts).
 * A source commit no branch of HEAD descends from (Microsoft Docs translates from the publishing branch `live`)
 * is fine as long as its object is in the repository. When the English at the source commit cannot be had (no
 * commit in the front matter, no git history, a commit whose object is missing), it says so, with the command
 * that fetches a missing commit, and falls back to comparing each span segment's own English with the current
 * English file.
 *
 * Exit codes: 0 nothing changed or nothing to show, 1 English changes (or stale segments) shown; usage problems
 * are thrown as UsageError (exit 2).
 */
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { discover, realpathOr, UsageError } from '../discover/discover.js';
import { parseDocument, type LocDocument } from '../document/document.js';
import { parseEnglish, renderGitDiff, renderTouched, staleSpanSegments, touchedSegments } from '../git/diff.js';
import { GitError, GitNotFoundError } from '../git/git.js';
import { askable, diffArguments, fetchCommand, FULL_HASH, objectInfo, remotesOf, runGitDiff, shellWord, SOURCE_BRANCH } from '../git/git-diff.js';
import { escapeControl } from '../util/escape.js';
import { openHistory, workTreeOf, type HistoryOptions } from '../git/history.js';
import { isCommitHash, readLocalization } from '../config/metadata.js';

/** git's diff output beyond this is cut (with a note naming the command that shows all of it). */
export const MAX_DIFF_BYTES = 1024 * 1024;

/** Microsoft Docs translates from commits of the publishing branch. */

export interface DiffCommandOptions {
  config: ResolvedConfig;
  cwd: string;
  color: boolean;
  write: (text: string) => unknown;
  /** How git is run (tests count processes). */
  git?: HistoryOptions;
  /** git's diff output beyond this many bytes is cut (default MAX_DIFF_BYTES). */
  maxDiffBytes?: number;
}

const toPosix = (relative: string) => (path.sep === '/' ? relative : relative.split(path.sep).join('/'));

/** The real path of a file that may no longer exist (an English file deleted since): its nearest existing folder's, plus the rest. */
function realPathOfMaybeMissing(file: string): string {
  let existing = path.resolve(file);
  const rest: string[] = [];
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  try {
    return path.join(realpathSync.native(existing), ...rest);
  } catch {
    return path.resolve(file);
  }
}

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
  // A translation whose English was deleted: git can still show the deletion since its source commit.
  const orphan = pair ? undefined : found.orphans.find((candidate) => realpathOr(candidate.targetPath) === wanted);
  if (!pair && !orphan) {
    if (found.pairs.some((candidate) => realpathOr(candidate.sourcePath) === wanted)) {
      throw new UsageError(`${given} is an English file: give a translated file (for example ${shown(found.pairs[0].targetPath, cwd)})`);
    }
    throw new UsageError(`${given} is not a translated file in the configured roots`);
  }
  const noSibling = (why: string) => new UsageError(`${given} has no English sibling to compare with, and git cannot show its deletion: ${escapeControl(why)}`);
  const translation = (pair ?? orphan)!;
  const parseTimeoutMs = config.parseTimeoutSeconds * 1000;
  const translatedPath = shown(translation.targetPath, cwd);
  // The same limit as linting: larger files are not read at all.
  const limit = config.maxFileSizeMB * 1024 * 1024;
  for (const file of pair ? [pair.targetPath, pair.sourcePath] : [translation.targetPath]) {
    if ((await stat(file)).size > limit) throw new UsageError(`${shown(file, cwd)} is larger than ${config.maxFileSizeMB} MB (maxFileSizeMB): not compared`);
  }
  let translated: LocDocument;
  try {
    translated = parseDocument({ path: translation.targetPath, relPath: translation.relPath, locale: translation.locale, raw: await readFile(translation.targetPath), parseTimeoutMs });
  } catch (error) {
    throw new UsageError(`cannot read ${given}: ${(error as Error).message}`);
  }
  const englishNow = pair ? await readFile(pair.sourcePath) : undefined;
  const localization = readLocalization(translated.frontMatter, config.metadata, translated.text);
  const commit = localization?.commit?.value;

  const fallback = (reason: string): number => {
    if (!englishNow) throw noSibling(reason);
    write(`Cannot show the English changes: ${escapeControl(reason)}.\n`);
    if (!translated.spanFormat) {
      write(`${escapeControl(translatedPath)} is plain Markdown: telling which of its parts changed needs the English at the source commit.\n`);
      return 0;
    }
    const current = parseEnglish(englishNow, translation.sourcePath, parseTimeoutMs);
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
    write(`Stale segments (their English no longer occurs in ${escapeControl(shown(translation.sourcePath, cwd))}):\n${renderTouched(stale, translatedPath)}`);
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
  const runner = options.git?.git;
  const top = history.topLevel;
  // Commands for the reader to type: with `-C` when the English work tree is not the one they are in.
  const command = (args: string[]) => ['git', ...(workTreeOf(cwd) === top ? [] : ['-C', top]), ...args].map(shellWord).join(' ');
  try {
    const recorded = commit.trim();
    let full = history.resolve(recorded);
    if (!full && FULL_HASH.test(recorded)) {
      // Not reached from any branch, remote branch or tag (a commit fetched by name, into FETCH_HEAD): git still has it when its object is here.
      const [object] = await objectInfo(top, [recorded.toLowerCase()], runner);
      if (object?.type === 'commit') full = recorded.toLowerCase();
    }
    const key = localization!.commit!.key;
    if (!full) {
      const fetch = fetchCommand({ remotes: await remotesOf(top, runner), shallow: history.shallow, sourceBranch: SOURCE_BRANCH[localization!.profile] });
      const where = history.shallow ? 'this shallow clone of the English repository does not have it' : 'the English repository does not have it';
      const how = fetch
        ? `; ${command(fetch)} fetches it${history.shallow || fetch.length > 2 ? '' : ' (if it is newer than this clone; otherwise the history was rewritten or the commit is from another repository)'}`
        : ' and has no remote to fetch it from (a rewritten history, or a commit of another repository)';
      return fallback(`the source commit ${commit} (${key}) is not found: ${where}${how}`);
    }
    const englishPath = path.relative(top, realPathOfMaybeMissing(translation.sourcePath)).split(path.sep).join('/');
    if (englishPath.startsWith('../') || !askable(englishPath)) return fallback(`the English file ${translation.sourcePath} cannot be asked of git`);
    const [atSource, atHead] = await objectInfo(top, [`${full}:${englishPath}`, `${history.head}:${englishPath}`], runner);
    const isFile = (object: typeof atSource) => object?.type === 'blob';
    if (!isFile(atSource) && !isFile(atHead)) {
      return fallback(`the English ${englishPath} is in neither ${commit} nor HEAD (not committed, or renamed since)`);
    }

    const diffArgs = diffArguments(full, history.head, englishPath);
    const maxDiffBytes = options.maxDiffBytes ?? MAX_DIFF_BYTES;
    const diff = await runGitDiff({ topLevel: top, from: full, to: history.head, repoPath: englishPath, maxBytes: maxDiffBytes, timeoutMs: parseTimeoutMs, spawn: options.git?.spawnGit });

    // The English bytes for the touched segments (the same versions as the diff), within the file size limit.
    const wanted = [atSource, atHead].map((object, index) => (isFile(object) && object!.size <= limit ? [`${full}:${englishPath}`, `${history.head}:${englishPath}`][index] : undefined));
    const [before, after] = await Promise.all(wanted.map((name) => (name === undefined ? undefined : history.readBlob(name))));
    // Compared when HEAD's bytes were read (a file too large to read is not judged).
    const differsFromHead = englishNow !== undefined && (isFile(atHead) ? after !== undefined && !englishNow.equals(after) : true);
    const uncommitted = !differsFromHead
      ? ''
      : `The English ${escapeControl(englishPath)} in the working tree differs from HEAD's (changes not committed): they are not shown.\n`;

    if (diff.output.length === 0) {
      write(`The English ${escapeControl(englishPath)} has not changed since ${escapeControl(commit)}: nothing to translate again.\n${uncommitted}`);
      return 0;
    }
    write(renderGitDiff(diff.output.toString('utf8'), color));
    if (diff.cut) write(`(the diff is longer than ${maxDiffBytes} bytes: cut here; all of it: ${escapeControl(command(diffArgs))})\n`);
    if (diff.timedOut) write(`(git diff took longer than ${parseTimeoutMs / 1000} s and was stopped; all of it: ${escapeControl(command(diffArgs))})\n`);
    write('\n');
    if (!isFile(atSource)) write(`The English ${escapeControl(englishPath)} did not exist at ${escapeControl(commit)} (renamed or moved since?).\n`);
    write(uncommitted);
    const oversized = [atSource, atHead].some((object) => isFile(object) && object!.size > limit);
    const result = oversized
      ? { problem: `an English version is larger than ${config.maxFileSizeMB} MB (maxFileSizeMB)` }
      : touchedSegments({ englishPath, before, after, translated, parseTimeoutMs });
    if (result.touched === undefined) write(`Cannot tell which translated segments these changes touch: ${escapeControl(result.problem ?? '')}\n`);
    else if (result.touched.length === 0) write('Translated segments touched by these changes: none.\n');
    else write(`Translated segments touched by these changes:\n${renderTouched(result.touched, translatedPath)}`);
    return 1;
  } catch (error) {
    // git failed (a damaged repository, a partial clone missing a blob): said, and the fallback, not a crash.
    if (error instanceof GitError || error instanceof GitNotFoundError) return fallback(`git cannot show the diff: ${error instanceof GitError ? error.stderr.split('\n')[0] || error.message : error.message}`);
    throw error;
  } finally {
    await history.close();
  }
}
