/**
 * The linter: pure. One English file and its translations in (bytes and git facts, as plain data a worker can
 * receive), findings out: parse each document, align the pair, run the configured rules, turn their messages
 * into findings. It reads no file and runs no git; the run (run.ts) does that. A file that cannot be parsed
 * gets a `parse-error` finding; nothing here throws for a file's sake.
 */
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import { parseDocument, toBuffer, DocumentError, ParseTimeoutError, type DialectName, type LocDocument } from '../document/document.js';
import { alignBlocks } from '../document/align.js';
import { parseDocsDate, stringValue } from '../document/frontmatter.js';
import type { Pair } from '../discover/discover.js';
import type { ResolvedConfig } from '../config/config.js';
import { extrasOf, type LocRule, type PairData } from '../rule-kit/rule.js';
import { completeOrigin, type HistoryFacts } from '../git/origin.js';
import { checkSourceCommit, isCommitHash, readLocalization, type Localization, type MetadataSetting, type SourceCommitCheck } from '../config/metadata.js';
import { fallbackSubject, fingerprintOf, parseError, result, type FileResult, type Finding } from './findings.js';

export function describe(error: unknown): string {
  if (error instanceof DocumentError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'file does not exist (it may have been removed during the run)';
  if (code === 'EACCES' || code === 'EPERM') return 'file cannot be read (permission denied)';
  if (code === 'EISDIR') return 'path is a directory, not a file';
  // The tree builders recurse; anything deep enough to get past the nesting limit and still overflow lands here.
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'file is nested too deeply to parse';
  return error instanceof Error ? error.message : String(error);
}

export interface Limits {
  maxFileSizeMB: number;
  parseTimeoutSeconds: number;
}

const MIB = 1024 * 1024;

function documentOf(raw: Uint8Array, file: string, relPath: string, locale: string, limits: Limits, dialect: DialectName): LocDocument {
  const { maxFileSizeMB } = limits;
  if (raw.length > maxFileSizeMB * MIB) {
    const size = (raw.length / MIB).toFixed(1);
    throw new DocumentError(`file is ${size} MB, over the ${maxFileSizeMB} MB limit: not parsed (raise "maxFileSizeMB" in the configuration to lint it)`);
  }
  return parseDocument({ path: file, relPath, locale, raw: toBuffer(raw), parseTimeoutMs: limits.parseTimeoutSeconds * 1000, dialect });
}

export type LintProcessor = Processor<undefined, Root, Root, undefined, undefined>;

export function buildProcessor(config: ResolvedConfig, ruleSet: LocRule<any>[]): LintProcessor {
  let processor = unified() as unknown as LintProcessor;
  for (const rule of ruleSet) {
    const setting = config.rules[rule.meta.id] ?? { severity: rule.meta.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    processor = processor.use(rule.plugin, [setting.severity, setting.options]) as typeof processor;
  }
  return processor.freeze();
}

/** The rules that lint translated files against their English siblings. */
export function pairRules(ruleSet: LocRule<any>[]): LocRule<any>[] {
  return ruleSet.filter((rule) => (rule.meta.scope ?? 'pair') === 'pair');
}

/** A file as the main thread read it: its bytes, or why they could not be read. */
export interface ReadFile {
  raw?: Uint8Array;
  problem?: string;
}

/** One English file and its translations: everything needed to lint them, as plain data a worker can receive. */
export interface GroupTask {
  english: ReadFile & { path: string; relPath: string; locale: string; displayPath: string };
  pairs: (ReadFile & { pair: Pair; facts: HistoryFacts })[];
}

/**
 * A linted pair, with what the run-wide notices need: a translation that records a source commit but no hash,
 * whose staleness no check could decide (no git, or a shallow clone).
 */
export interface LintedPair extends FileResult {
  undecided?: { reason: 'noGit' | 'shallow'; key: string };
  /** Recorded where it comes from, but only the current English could be compared with (the run counts these). */
  currentEnglishOnly?: true;
  /**
   * With `"metadata": "auto"`, for the run's notice about pages that record no source commit where others do:
   * the commit key of a page that records one under a profile giving every page its commit (`mdn`,
   * `hugo-commit`), or `''` for a page with no localization metadata at all. Unset otherwise.
   */
  commitRecord?: string;
  /**
   * Its content was compared with the current English because the English it was made from is unknown (no
   * matching hash, no old English from the history): differences it shares with other translations of the page
   * are then set aside (src/engine/shared-differences.ts).
   */
  englishUnknown?: true;
  /** The result came from a failure that another run may not have (a parse over time, a worker that died): not cached. */
  transient?: true;
}

/** What linting needs besides the files: the same in this thread and in every worker. */
export interface LintEnvironment {
  processor: LintProcessor;
  locales: string[];
  now: Date;
  limits: Limits;
  metadata: MetadataSetting;
  /** The site's dialect, resolved. */
  dialect: DialectName;
  /** Git history is wanted (`"git"` in the configuration): without it by choice, findings make no note of which English. */
  git: boolean;
}

export function lintEnvironment(config: ResolvedConfig, ruleSet: LocRule<any>[], now: Date): LintEnvironment {
  return {
    processor: buildProcessor(config, pairRules(ruleSet)),
    locales: [...new Set([config.sourceLocale, ...config.targets.map((target) => target.locale)])],
    now,
    limits: { maxFileSizeMB: config.maxFileSizeMB, parseTimeoutSeconds: config.parseTimeoutSeconds },
    metadata: config.metadata,
    git: config.git,
    // The engine resolves `auto` before the run starts (src/discover/dialect.ts); docfx stands in for a config
    // that reaches here unresolved (a custom caller).
    dialect: config.dialect === 'auto' ? 'docfx' : config.dialect,
  };
}

/** Lint one group: parse the English once, then each translation against it. Never throws for a file's sake. */
export async function lintGroup(task: GroupTask, env: LintEnvironment): Promise<LintedPair[]> {
  let english: LocDocument | undefined;
  let englishProblem = task.english.problem;
  let englishTimedOut = false;
  if (task.english.raw) {
    try {
      english = documentOf(task.english.raw, task.english.path, task.english.relPath, task.english.locale, env.limits, env.dialect);
    } catch (error) {
      englishProblem = describe(error);
      englishTimedOut = error instanceof ParseTimeoutError;
    }
  }
  const atSource = new Map<string, LocDocument | undefined>();
  const linted: LintedPair[] = [];
  for (const entry of task.pairs) {
    if (!english) {
      const finding = parseError(`English sibling ${task.english.displayPath} cannot be linted against: ${englishProblem}`);
      linted.push({ ...result(entry.pair, [finding]), ...(englishTimedOut ? { transient: true as const } : {}) });
      continue;
    }
    let translated: LocDocument;
    try {
      if (!entry.raw) throw new DocumentError(entry.problem ?? 'file cannot be read');
      translated = documentOf(entry.raw, entry.pair.targetPath, entry.pair.relPath, entry.pair.locale, env.limits, env.dialect);
    } catch (error) {
      linted.push({ ...result(entry.pair, [parseError(describe(error))]), ...(error instanceof ParseTimeoutError ? { transient: true as const } : {}) });
      continue;
    }
    const localization = readLocalization(translated.frontMatter, env.metadata, translated.text);
    const origin = { ...completeOrigin(localization, entry.facts, english, { parseTimeoutMs: env.limits.parseTimeoutSeconds * 1000, atSource, dialect: env.dialect }), ...sourceCommitOf(translated, env.metadata, localization) };
    // It records where it comes from, but the English it was made from could not be read (no history, a commit
    // the history lacks, a hash alone that no longer matches): its content is compared with the current English,
    // and its content findings say so.
    // Not when git is turned off in the configuration: a choice, not a missing history.
    const currentOnly = env.git && Boolean((localization?.commit || localization?.hash) && !origin.englishUnchanged && !origin.since?.englishAtSource);
    const pairResult: LintedPair = await runRules(entry.pair, translated, english, task.english.displayPath, env, { origin, ...(currentOnly ? { currentEnglishOnly: true as const } : {}) });
    // The run counts them once (a source commit the history lacks already has its own finding, stale-source-hash's
    // unknown-commit).
    const unknownCommit = origin.since?.unknown !== undefined && !origin.since.shallow;
    if (currentOnly && !unknownCommit) pairResult.currentEnglishOnly = true;
    if (!origin.englishUnchanged && !origin.since?.englishAtSource) pairResult.englishUnknown = true;
    if (env.metadata === 'auto') {
      if (!localization && !origin.sourceCommit) pairResult.commitRecord = '';
      else if (localization?.commit && localization.keys.commitOnEveryPage) pairResult.commitRecord = localization.commit.key;
    }
    // A malformed commit is not undecided: invalid-metadata says what is wrong with it.
    if (localization?.commit && isCommitHash(localization.commit.value) && !localization.hash) {
      if (origin.noHistory) pairResult.undecided = { reason: 'noGit', key: localization.commit.key };
      else if (origin.since?.shallow) pairResult.undecided = { reason: 'shallow', key: localization.commit.key };
    }
    linted.push(pairResult);
  }
  return linted;
}

/** An orphan or a missing translation (its bytes as read): linted against the empty document. */
export async function lintLoose(
  pair: Pair,
  file: ReadFile,
  english: LocDocument,
  englishDisplayPath: string,
  env: LintEnvironment,
  extra: Pick<PairData, 'orphan' | 'missing'>,
): Promise<FileResult> {
  let translated: LocDocument;
  try {
    if (!file.raw) throw new DocumentError(file.problem ?? 'file cannot be read');
    translated = documentOf(file.raw, pair.targetPath, pair.relPath, pair.locale, env.limits, env.dialect);
  } catch (error) {
    return result(pair, [parseError(describe(error))]);
  }
  // Orphans have no English to have a history of: their origin is only what they record.
  const localization = readLocalization(translated.frontMatter, env.metadata, translated.text);
  return runRules(pair, translated, english, englishDisplayPath, env, { origin: { ...(localization ? { localization } : {}), ...sourceCommitOf(translated, env.metadata, localization) }, ...extra });
}

/** The origin's `sourceCommit`, when there is something to say about it. */
function sourceCommitOf(translated: LocDocument, metadata: MetadataSetting, localization: Localization | undefined): { sourceCommit?: SourceCommitCheck } {
  const check = checkSourceCommit(translated.frontMatter, metadata, localization, translated.text);
  return check.problems.length > 0 || check.unrecorded ? { sourceCommit: check } : {};
}

/** Run the rules on one parsed pair and turn their messages into findings. */
async function runRules(
  pair: Pair,
  translated: LocDocument,
  english: LocDocument,
  englishDisplayPath: string,
  env: LintEnvironment,
  extra: Pick<PairData, 'origin' | 'orphan' | 'missing' | 'currentEnglishOnly'>,
): Promise<FileResult> {
  const messages: Finding[] = [];
  if (translated.frontMatter.error) messages.push(parseError(translated.frontMatter.error));
  const file = new VFile({ path: pair.targetPath, value: translated.text });
  const since = extra.origin.since;
  const atSource = since?.englishAtSource;
  const handoffEnglish = atSource && atSource !== english && since.commit ? { english: atSource, alignment: alignBlocks(translated.blocks, atSource.blocks), commit: since.commit, ...(since.date ? { date: since.date } : {}) } : undefined;
  file.data.locLint = {
    locale: pair.locale,
    translated,
    english,
    alignment: alignBlocks(translated.blocks, english.blocks),
    ...(handoffEnglish ? { handoff: handoffEnglish } : {}),
    englishDisplayPath,
    locales: env.locales,
    now: env.now,
    ...extra,
  };
  try {
    await env.processor.run(translated.tree, file);
  } catch (error) {
    messages.push(parseError(`internal error while linting: ${describe(error)}`));
  }
  const lines = translated.text.split(/\r?\n/);
  for (const message of file.messages) {
    const place = message.place;
    const start = place && 'start' in place ? place.start : place;
    const end = place && 'end' in place ? place.end : undefined;
    const ruleId = message.ruleId ?? 'unknown';
    // unified-lint-rule turns an exception thrown by a rule into a message of that rule with the error as its
    // cause: that is a crash of the rule, not a finding about the file.
    if (message.cause instanceof Error) {
      messages.push(parseError(`internal error in rule ${ruleId}: ${describe(message.cause)}`));
      continue;
    }
    const extras = extrasOf(message);
    const subject = extras.subject ?? fallbackSubject(message.reason, lines[(start?.line ?? 1) - 1] ?? '');
    messages.push({
      ruleId,
      severity: message.fatal ? 2 : 1,
      message: message.reason,
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      ...(end ? { endLine: end.line, endColumn: end.column } : {}),
      ...(extras.details ? { details: extras.details } : {}),
      ...(extras.short ? { short: extras.short } : {}),
      fingerprint: fingerprintOf(ruleId, subject),
    });
  }
  const handoffValue = stringValue(translated.frontMatter.data, 'ms.lasthandoff');
  const handoff = handoffValue ? parseDocsDate(handoffValue) : undefined;
  return { ...result(pair, messages), ...(handoff ? { handoff: handoff.toISOString().slice(0, 10) } : {}) };
}
