/**
 * Where a translation comes from: the localization metadata it records (under the configured profile) and,
 * when the English root is a git work tree, what the English file went through since the translation's source
 * commit. Computed by the engine once per pair, before the rules run (rules are synchronous and see it on
 * `context.origin`), in two steps: {@link historyFactsOf} where the history is (the main thread), then
 * {@link completeOrigin} where the pair is linted.
 */
import { createHash } from 'node:crypto';
import { fetchCommand, remotesOf, shellWord, SOURCE_BRANCH } from './git-diff.js';
import { memoize } from '../util/memo.js';
import { lineChangesBetween, type EnglishHistory, type HistoryCommit } from './history.js';
import { StepBudgetExceeded } from './simplify.js';
import { isCommitHash, type Localization, type MetadataValue, type SourceCommitCheck } from '../config/metadata.js';
import { parseDocument, toBuffer, type DialectName, type LocDocument } from '../document/document.js';

/** The English history since the source commit a translation records. */
export interface SinceSource {
  /** The source commit as the file records it (key, value, line). */
  recorded: MetadataValue;
  /** Its full hash, when the English history knows it. */
  commit?: string;
  /** The source commit's committer date, when known. */
  date?: Date;
  /** English commits that touched the English file since the source commit, newest first; undefined when unknown. */
  commits?: HistoryCommit[];
  /** Lines added and removed in the English file from the source commit to now (as `git diff --numstat`). */
  addedLines?: number;
  removedLines?: number;
  /**
   * The English file as it was at the source commit, when it existed then (the current English document itself
   * when the bytes are the same).
   */
  englishAtSource?: LocDocument;
  /** The English file's bytes at the source commit equal its bytes now (whatever the commits in between did). */
  unchanged?: boolean;
  /** Why `commits` is unknown (a shallow clone, a commit from another history). */
  unknown?: string;
  /** The answer is unknown only because the English clone is shallow (not the file's fault). */
  shallow?: boolean;
}

export interface Origin {
  /** What the translated file records about its origin; undefined for a page with no localization metadata. */
  localization?: Localization;
  /** The English file's newest commit, when the English root has git history and the file is committed. */
  englishLastChange?: HistoryCommit;
  /** Facts since the recorded source commit (present when the file records one and there is git history). */
  since?: SinceSource;
  /** Why there is no git history to use (not a work tree, git missing, turned off); undefined when there is. */
  noHistory?: string;
  /**
   * The English bytes are those the translation was made from: its recorded hash is the English file's SHA-1, or
   * the English at its source commit equals the English now. Undefined when nothing says so either way.
   */
  englishUnchanged?: boolean;
  /**
   * What is wrong with the source commit the page records (an empty or malformed value, a misspelt key), or that
   * its profile expects one and it records none; undefined when there is nothing to say.
   */
  sourceCommit?: SourceCommitCheck;
}

/**
 * What the English history says about one pair, worked out where the history is (the main thread) and sent to
 * where the pair is linted (possibly a worker thread): plain data, so it can be posted and hashed into a cache
 * key. The English at the source commit travels as bytes and is parsed by {@link completeOrigin}.
 */
export interface HistoryFacts {
  englishLastChange?: HistoryCommit;
  since?: Omit<SinceSource, 'englishAtSource' | 'addedLines' | 'removedLines'> & {
    /** The English file's bytes at the source commit (empty: it did not exist then). */
    atSourceRaw?: Uint8Array;
  };
  noHistory?: string;
}

/** What {@link completeOrigin} needs besides the pair: the parse budget, and the old English it already parsed. */
export interface OriginContext {
  parseTimeoutMs: number;
  /** The site's dialect, to parse the old English as the current one is. */
  dialect?: DialectName;
  /** The English at a source commit, parsed once per (commit, file) however many locales ask. */
  atSource: Map<string, LocDocument | undefined>;
}

/** The command that fetches a missing source commit, per history and profile: one `git config` read per run. */
const fetchHints = new WeakMap<EnglishHistory, Map<string, Promise<string | undefined>>>();

function fetchHint(history: EnglishHistory, profile: string): Promise<string | undefined> {
  let byProfile = fetchHints.get(history);
  if (!byProfile) fetchHints.set(history, (byProfile = new Map()));
  let hint = byProfile.get(profile);
  if (!hint) {
    hint = remotesOf(history.topLevel)
      .then((remotes) => fetchCommand({ remotes, shallow: history.shallow, sourceBranch: SOURCE_BRANCH[profile] }))
      .then((words) => (words ? ['git', ...words].map(shellWord).join(' ') : undefined))
      .catch(() => undefined);
    byProfile.set(profile, hint);
  }
  return hint;
}

/** The history facts for a translation that records `localization`, with English file `englishPath`. */
export async function historyFactsOf(localization: Localization | undefined, englishPath: string, history: EnglishHistory | undefined, noHistory?: string): Promise<HistoryFacts> {
  if (!history) return noHistory ? { noHistory } : {};
  const englishLastChange = history.lastChange(englishPath);
  const facts: HistoryFacts = englishLastChange ? { englishLastChange } : {};
  const recorded = localization?.commit;
  // A value that is no hash (empty, a word, a zero-width space around it) is not looked up: invalid-metadata
  // says what is wrong with it, and "not in the history" would not.
  if (!recorded || !isCommitHash(recorded.value)) return facts;
  const commit = history.resolve(recorded.value);
  if (commit === undefined) {
    const fetch = await fetchHint(history, localization!.profile);
    const unknown = history.shallow
      ? `${recorded.key} ${recorded.value} is not in this shallow clone of the English repository (fetch more history: ${fetch ?? 'git fetch --unshallow'})`
      : fetch
        ? `${recorded.key} ${recorded.value} is not in the English repository's history (${fetch} fetches it if it is newer than this clone; otherwise the history was rewritten or the commit is from another repository)`
        : `${recorded.key} ${recorded.value} is not in the English repository's history (rewritten history, or a commit of another repository)`;
    return { ...facts, since: { recorded, unknown, ...(history.shallow ? { shallow: true } : {}) } };
  }
  const date = history.commitDate(commit);
  let commits: HistoryCommit[] | undefined;
  try {
    commits = history.commitsSince(englishPath, commit);
  } catch (error) {
    if (!(error instanceof StepBudgetExceeded)) throw error;
    return { ...facts, since: { recorded, commit, ...(date ? { date } : {}), unknown: `the English history since ${recorded.value} is too large to walk (${error.message})` } };
  }
  const since: NonNullable<HistoryFacts['since']> = { recorded, commit, ...(date ? { date } : {}) };
  if (commits === undefined) {
    return { ...facts, since: { ...since, unknown: `the English history since ${recorded.value} is cut off by this shallow clone (git fetch --unshallow)`, shallow: true } };
  }
  since.commits = commits;
  // The English the translation was made from: what content rules compare with, and what decides whether the
  // English changed since (bytes, not commits: a change and its revert leave it as it was). A file not there then
  // is empty.
  since.atSourceRaw = (await history.blobAt(commit, englishPath)) ?? new Uint8Array(0);
  return { ...facts, since };
}

/** The origin of a translation from its localization and the history facts: counts changed lines, parses the old English. */
export function completeOrigin(localization: Localization | undefined, facts: HistoryFacts, english: LocDocument, context: OriginContext): Origin {
  const origin: Origin = { ...(localization ? { localization } : {}), ...(facts.englishLastChange ? { englishLastChange: facts.englishLastChange } : {}), ...(facts.noHistory ? { noHistory: facts.noHistory } : {}) };
  const hash = localization?.hash?.value;
  if (hash && /^[0-9a-f]{40}$/i.test(hash)) origin.englishUnchanged = hash.toLowerCase() === sha1(english.raw);
  if (!facts.since) return origin;
  const { atSourceRaw, ...known } = facts.since;
  const since: SinceSource = known;
  if (atSourceRaw && since.commit) {
    const before = toBuffer(atSourceRaw);
    since.unchanged = before.equals(english.raw);
    const changes = since.unchanged ? { added: 0, removed: 0 } : lineChangesBetween(before, english.raw);
    if (changes) {
      since.addedLines = changes.added;
      since.removedLines = changes.removed;
    }
    const key = `${since.commit}:${english.path}`;
    if (since.unchanged) since.englishAtSource = english;
    else {
      if (!context.atSource.has(key)) {
        let parsed: LocDocument | undefined;
        if (before.length > 0) {
          try {
            parsed = parseDocument({ path: english.path, relPath: english.relPath, locale: english.locale, raw: before, parseTimeoutMs: context.parseTimeoutMs, dialect: context.dialect });
          } catch {
            parsed = undefined; // the old English cannot be parsed: rules compare with the current English
          }
        }
        context.atSource.set(key, parsed);
      }
      const englishAtSource = context.atSource.get(key);
      if (englishAtSource) since.englishAtSource = englishAtSource;
    }
  }
  // Either says the bytes are those handed off: a hash that matches settles it even when the history says otherwise
  // (a source commit on another line), and the same bytes at the source commit settle it whatever the hash says.
  if (since.unchanged !== undefined) origin.englishUnchanged = origin.englishUnchanged === true || since.unchanged;
  return { ...origin, since };
}

/** SHA-1 of each English document's bytes (`ms.openlocfilehash`), computed once however many locales ask. */
export const sha1 = memoize((raw: Buffer): string => createHash('sha1').update(raw).digest('hex'));

/** "English changed in 3 commits since 2021-03-04, +12 −4 lines": the short form of what changed since the handoff. */
export function describeSince(since: SinceSource): string | undefined {
  if (!since.commits || since.commits.length === 0) return undefined;
  const count = since.commits.length;
  const when = since.date ? ` since ${since.date.toISOString().slice(0, 10)}` : ` since ${since.recorded.value.slice(0, 7)}`;
  const lines = since.addedLines !== undefined && since.removedLines !== undefined ? `, +${since.addedLines} \u2212${since.removedLines} lines` : '';
  return `English changed in ${count} commit${count === 1 ? '' : 's'}${when}${lines}`;
}
