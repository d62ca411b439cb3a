/**
 * The engine: read each pair, build both documents, align them, and run the configured rules.
 *
 * Each English file is read and parsed once and shared by all of its translations; its pairs are linted one
 * after another and then it is let go, so memory follows the largest group, not the repository.
 * A file that cannot be read or parsed gets a `parse-error` finding and the run goes on.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import { parseDocument, DocumentError, type LocDocument } from './document.js';
import { alignBlocks } from './align.js';
import { parseDocsDate, stringValue } from './frontmatter.js';
import type { Discovery, Orphan, OutsideLink, Pair } from './discover.js';
import type { ResolvedConfig } from './config.js';
import { rules as builtInRules } from '../rules/index.js';
import type { LocRule, PairData } from './rule.js';
import { openHistory, type EnglishHistory, type HistoryOptions } from './history.js';
import { originOf, type OriginContext } from './origin.js';

export interface Finding {
  ruleId: string;
  /** 1: warning, 2: error (ESLint's numbers). */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  details?: Record<string, unknown>;
  /** A shorter form of the message for the terminal, when the rule gives one. */
  short?: string;
  /**
   * Identity of the finding that survives moved lines: a hash of the rule and what the finding is about.
   * Two findings with the same fingerprint in one file are the same kind of problem at two places.
   */
  fingerprint: string;
}

export interface FileResult {
  /** Absolute path of the translated file. */
  filePath: string;
  /** Absolute path of its English sibling. */
  sourcePath: string;
  locale: string;
  relPath: string;
  messages: Finding[];
  /** Findings the baseline allows: not listed by the terminal formats and not counted (ESLint's name). */
  suppressedMessages?: Finding[];
  errorCount: number;
  warningCount: number;
  /** The translation's handoff date (`ms.lasthandoff`, YYYY-MM-DD) when it has a valid one, for reports. */
  handoff?: string;
  /**
   * Absent for a translated file linted against its English sibling. `missing`: an English file with no
   * translation in `locale` (`filePath` is the English file). `orphan`: a translated file with no
   * English sibling (`sourcePath` is where it would be); `link`: a symbolic link leading outside the roots.
   */
  kind?: 'orphan' | 'link' | 'missing';
}

export const PARSE_ERROR = 'parse-error';
/** Findings on symbolic links that lead outside the roots (never followed). */
export const OUTSIDE_LINK = 'symlink-outside-roots';

export interface LintOptions {
  cwd?: string;
  now?: Date;
  /** Rules to run instead of the built-in set (tests). */
  rules?: LocRule<any>[];
  /** Called after each pair with the number done and the total (progress bars). */
  onProgress?: (done: number, total: number) => void;
  /** Reads a file's bytes; the default reads the disk. `--staged` reads the git index instead. */
  read?: (file: string) => Promise<Buffer>;
  /** Translated files with no English sibling: linted by the rules whose scope is `orphan`. */
  orphans?: Orphan[];
  /** English files with no translation in a locale: linted by the rules whose scope is `missing`, when one is on. */
  missing?: Discovery['missing'];
  /** Symbolic links leading outside the roots: each gets a finding, nothing behind them is read. */
  outsideLinks?: OutsideLink[];
  /** How git is run for the English history (tests count processes); default: git from PATH. */
  history?: HistoryOptions;
  /** Receives run-wide notes for the user (checks that could not run), one line each. */
  notices?: string[];
}

/** Collapse whitespace so that reflowing text does not change a fingerprint. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function fingerprintOf(ruleId: string, subject: string): string {
  return createHash('sha256').update(`${ruleId}\0${normalise(subject)}`).digest('hex').slice(0, 16);
}

/**
 * A rule that names no subject is fingerprinted by its message without numbers (line numbers and counts move)
 * and the text of the line it flags.
 */
function fallbackSubject(message: string, lineText: string): string {
  return `${message.replace(/\d+/g, '#')}\n${lineText}`;
}

function describe(error: unknown): string {
  if (error instanceof DocumentError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'file does not exist (it may have been removed during the run)';
  if (code === 'EACCES' || code === 'EPERM') return 'file cannot be read (permission denied)';
  if (code === 'EISDIR') return 'path is a directory, not a file';
  // The tree builders recurse; anything deep enough to get past the nesting limit and still overflow lands here.
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'file is nested too deeply to parse';
  return error instanceof Error ? error.message : String(error);
}

interface Limits {
  maxFileSizeMB: number;
  parseTimeoutSeconds: number;
}

async function loadDocument(file: string, relPath: string, locale: string, read: (file: string) => Promise<Buffer>, limits: Limits): Promise<LocDocument> {
  const { maxFileSizeMB } = limits;
  const raw = await read(file);
  if (raw.length > maxFileSizeMB * MIB) {
    const size = (raw.length / MIB).toFixed(1);
    throw new DocumentError(`file is ${size} MB, over the ${maxFileSizeMB} MB limit: not parsed (raise "maxFileSizeMB" in the configuration to lint it)`);
  }
  return parseDocument({ path: file, relPath, locale, raw, parseTimeoutMs: limits.parseTimeoutSeconds * 1000 });
}

const MIB = 1024 * 1024;

type LintProcessor = Processor<undefined, Root, Root, undefined, undefined>;

function buildProcessor(config: ResolvedConfig, ruleSet: LocRule<any>[]): LintProcessor {
  let processor = unified() as unknown as LintProcessor;
  for (const rule of ruleSet) {
    const setting = config.rules[rule.meta.id] ?? { severity: rule.meta.defaultSeverity, options: {} };
    if (setting.severity === 'off') continue;
    processor = processor.use(rule.plugin, [setting.severity, setting.options]) as typeof processor;
  }
  return processor.freeze();
}

function result(pair: Omit<Pair, 'sourcePath'> & { sourcePath: string }, messages: Finding[]): FileResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    filePath: pair.targetPath,
    sourcePath: pair.sourcePath,
    locale: pair.locale,
    relPath: pair.relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

function parseError(message: string, line = 1, column = 1): Finding {
  return { ruleId: PARSE_ERROR, severity: 2, message, line, column, fingerprint: fingerprintOf(PARSE_ERROR, message) };
}

/** Lint every pair; results come back in a stable order (locale, then path). */
export async function lintPairs(pairs: Pair[], config: ResolvedConfig, options: LintOptions = {}): Promise<FileResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? new Date();
  const ruleSet = options.rules ?? builtInRules;
  const processor = buildProcessor(config, ruleSet.filter((rule) => (rule.meta.scope ?? 'pair') === 'pair'));
  const orphanProcessor = buildProcessor(config, ruleSet.filter((rule) => rule.meta.scope === 'orphan'));
  const orphans = options.orphans ?? [];
  const missingRules = ruleSet.filter((rule) => rule.meta.scope === 'missing' && (config.rules[rule.meta.id]?.severity ?? rule.meta.defaultSeverity) !== 'off');
  const missingProcessor = buildProcessor(config, missingRules);
  // Off by default: then missing translations are only counted (by the report), and no English file is read for them.
  const missing = missingRules.length > 0 ? (options.missing ?? []) : [];
  const outsideLinks = options.outsideLinks ?? [];
  const total = pairs.length + orphans.length + outsideLinks.length + missing.length;
  const read = options.read ?? ((file: string) => readFile(file));
  const locales = [...new Set([config.sourceLocale, ...config.targets.map((target) => target.locale)])];
  const bySource = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const group = bySource.get(pair.sourcePath);
    if (group) group.push(pair);
    else bySource.set(pair.sourcePath, [pair]);
  }
  // The English history, read once for the whole run (a fixed number of git processes; none outside a work tree).
  const opening = config.git ? await openHistory(config.sourceRoot, options.history) : { history: undefined, reason: 'git history is turned off ("git": false in the configuration)' };
  const originContext: OriginContext = {
    history: opening.history,
    noHistory: opening.reason,
    metadata: config.metadata,
    parseTimeoutMs: config.parseTimeoutSeconds * 1000,
    atSource: new Map(),
  };
  try {
    return await lintAll(pairs, bySource, config, options, { processor, orphanProcessor, missingProcessor, orphans, missing, outsideLinks, total, cwd, now, read, locales, originContext });
  } finally {
    await opening.history?.close();
  }
}

interface RunState {
  processor: LintProcessor;
  orphanProcessor: LintProcessor;
  missingProcessor: LintProcessor;
  orphans: Orphan[];
  missing: Discovery['missing'];
  outsideLinks: OutsideLink[];
  total: number;
  cwd: string;
  now: Date;
  read: (file: string) => Promise<Buffer>;
  locales: string[];
  originContext: OriginContext;
}

async function lintAll(pairs: Pair[], bySource: Map<string, Pair[]>, config: ResolvedConfig, options: LintOptions, state: RunState): Promise<FileResult[]> {
  const { processor, orphanProcessor, missingProcessor, orphans, missing, outsideLinks, total, cwd, now, read, locales, originContext } = state;
  const results: FileResult[] = [];
  /** Pairs whose staleness no check could decide, for one notice each kind (not one finding per file). */
  const undecided = { noGit: 0, shallow: 0, keys: new Set<string>() };
  for (const [sourcePath, group] of bySource) {
    let english: LocDocument | undefined;
    let englishProblem: string | undefined;
    try {
      english = await loadDocument(sourcePath, group[0].relPath, config.sourceLocale, read, config);
    } catch (error) {
      englishProblem = describe(error);
    }
    const englishDisplayPath = path.relative(cwd, sourcePath) || sourcePath;
    for (const pair of group) {
      if (!english) {
        results.push(result(pair, [parseError(`English sibling ${englishDisplayPath} cannot be linted against: ${englishProblem}`)]));
      } else {
        const linted = await lintPair(pair, english, englishDisplayPath, { processor, locales, now, read, limits: config, originContext, undecided });
        results.push(linted);
      }
      options.onProgress?.(results.length, total);
    }
  }
  // Orphans have no English and missing translations no translation: both are linted against an empty document.
  let emptyDocument: LocDocument | undefined;
  const empty = () => (emptyDocument ??= parseDocument({ path: '', relPath: '', locale: config.sourceLocale, raw: Buffer.alloc(0) }));
  if (orphans.length > 0) {
    for (const orphan of orphans) {
      const englishDisplayPath = path.relative(cwd, orphan.sourcePath) || orphan.sourcePath;
      const linted = await lintPair(orphan, empty(), englishDisplayPath, { processor: orphanProcessor, locales, now, read, limits: config }, { ...(orphan.similar ? { similar: orphan.similar } : {}) });
      results.push({ ...linted, kind: 'orphan' });
      options.onProgress?.(results.length, total);
    }
  }
  if (missing.length > 0) {
    for (const entry of missing) {
      // The English file stands where the translation should be: the finding is on it, under the locale.
      const expected = path.join(config.targets.find((target) => target.locale === entry.locale)?.root ?? '', entry.relPath);
      const stand = { locale: entry.locale, relPath: entry.relPath, sourcePath: entry.sourcePath, targetPath: entry.sourcePath };
      const expectedDisplayPath = path.relative(cwd, expected) || expected;
      const linted = await lintPair(stand, empty(), expectedDisplayPath, { processor: missingProcessor, locales, now, read, limits: config }, undefined, { expectedPath: expectedDisplayPath });
      results.push({ ...linted, kind: 'missing' });
      options.onProgress?.(results.length, total);
    }
  }
  for (const link of outsideLinks) {
    const message = link.dangling
      ? `Symbolic link to a path that does not exist (${link.target}): nothing to lint here`
      : `Symbolic link to a path outside the configured roots (${link.target}): not followed, so what it leads to is not linted`;
    // A warning: nothing is wrong with the translation itself, but a page (or a tree of them) goes unlinted.
    const finding: Finding = { ruleId: OUTSIDE_LINK, severity: 1, message, line: 1, column: 1, fingerprint: fingerprintOf(OUTSIDE_LINK, link.target) };
    const sourcePath = link.locale === config.sourceLocale ? link.linkPath : path.join(config.sourceRoot, link.relPath);
    results.push({ ...result({ locale: link.locale, relPath: link.relPath, sourcePath, targetPath: link.linkPath }, [finding]), kind: 'link' });
    options.onProgress?.(results.length, total);
  }
  results.sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  const keys = [...undecided.keys].sort().join(', ');
  if (undecided.noGit > 0) {
    options.notices?.push(
      `${undecided.noGit} translated file${undecided.noGit === 1 ? '' : 's'} record${undecided.noGit === 1 ? 's' : ''} a source commit (${keys}) but no hash, and ${originContext.noHistory}: their staleness was not checked`,
    );
  }
  if (undecided.shallow > 0) {
    options.notices?.push(
      `${undecided.shallow} translated file${undecided.shallow === 1 ? '' : 's'} point${undecided.shallow === 1 ? 's' : ''} at English commits this shallow clone does not have: their staleness was not checked (git fetch --unshallow)`,
    );
  }
  return results;
}

async function lintPair(
  pair: Pair,
  english: LocDocument,
  englishDisplayPath: string,
  run: {
    processor: LintProcessor;
    locales: string[];
    now: Date;
    read: (file: string) => Promise<Buffer>;
    limits: Limits;
    originContext?: OriginContext;
    undecided?: { noGit: number; shallow: number; keys: Set<string> };
  },
  orphan?: PairData['orphan'],
  missingTranslation?: PairData['missing'],
): Promise<FileResult> {
  let translated: LocDocument;
  try {
    translated = await loadDocument(pair.targetPath, pair.relPath, pair.locale, run.read, run.limits);
  } catch (error) {
    return result(pair, [parseError(describe(error))]);
  }
  const messages: Finding[] = [];
  if (translated.frontMatter.error) messages.push(parseError(translated.frontMatter.error));
  // Orphans have no English to have a history of: their origin is only what they record.
  const origin = run.originContext
    ? await originOf(translated, english, run.originContext)
    : { localization: undefined };
  const localization = origin.localization;
  if (run.undecided && localization?.commit && !localization.hash) {
    if (origin.noHistory) run.undecided.noGit++;
    else if (origin.since?.shallow) run.undecided.shallow++;
    if (origin.noHistory || origin.since?.shallow) run.undecided.keys.add(localization.commit.key);
  }
  const file = new VFile({ path: pair.targetPath, value: translated.text });
  file.data.locLint = {
    locale: pair.locale,
    translated,
    english,
    alignment: alignBlocks(translated.blocks, english.blocks),
    englishDisplayPath,
    locales: run.locales,
    now: run.now,
    origin,
    ...(orphan ? { orphan } : {}),
    ...(missingTranslation ? { missing: missingTranslation } : {}),
  };
  try {
    await run.processor.run(translated.tree, file);
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
    const subject = (message as { subject?: string }).subject ?? fallbackSubject(message.reason, lines[(start?.line ?? 1) - 1] ?? '');
    messages.push({
      ruleId,
      severity: message.fatal ? 2 : 1,
      message: message.reason,
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      ...(end ? { endLine: end.line, endColumn: end.column } : {}),
      ...((message as { details?: Record<string, unknown> }).details ? { details: (message as { details?: Record<string, unknown> }).details } : {}),
      ...((message as { short?: string }).short ? { short: (message as { short?: string }).short } : {}),
      fingerprint: fingerprintOf(ruleId, subject),
    });
  }
  const handoffValue = stringValue(translated.frontMatter.data, 'ms.lasthandoff');
  const handoff = handoffValue ? parseDocsDate(handoffValue) : undefined;
  return { ...result(pair, messages), ...(handoff ? { handoff: handoff.toISOString().slice(0, 10) } : {}) };
}
