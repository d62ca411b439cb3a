/**
 * The engine: read each pair, build both documents, align them, and run the configured rules.
 *
 * Work is cut into groups: one English file and all of its translations. The main thread reads the bytes (from
 * the disk, or the git index for `--staged`), asks the English history what it knows about each pair, and
 * looks the pair up in the result cache; the groups left are linted either here or, for big runs, in worker
 * threads (src/lint-worker.ts), a few groups in flight at a time so memory stays flat. Each English file is
 * parsed once, by whichever thread lints its group, and shared by all of its translations.
 * A file that cannot be read or parsed gets a `parse-error` finding and the run goes on.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import { decode, parseDocument, toBuffer, DocumentError, ParseTimeoutError, type LocDocument } from './document.js';
import { alignBlocks } from './align.js';
import { parseDocsDate, readFrontMatter, stringValue } from './frontmatter.js';
import type { Discovery, Orphan, OutsideLink, Pair } from './discover.js';
import type { ResolvedConfig } from './config.js';
import { rules as builtInRules } from '../rules/index.js';
import { isEnabled, type LocRule, type PairData } from './rule.js';
import { openHistory, type EnglishHistory, type HistoryOptions } from './history.js';
import { completeOrigin, historyFactsOf, type HistoryFacts } from './origin.js';
import { readLocalization, type MetadataSetting } from './metadata.js';
import type { ResultCache } from './cache.js';

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
  /**
   * Rules to run instead of the built-in set. Worker threads rebuild the rule set from the configuration
   * (built-in rules plus `plugins`), so a run given other rules (tests) is linted in this thread.
   */
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
  /**
   * Worker threads to lint in; 1 (the default) lints in this thread. The rules must be the configuration's
   * (see `rules`). Small runs stay in this thread whatever is asked: starting a worker costs more than they do.
   */
  concurrency?: number;
  /** Results of earlier runs: pairs whose inputs are unchanged are not linted again (`--cache`). */
  cache?: ResultCache;
  /**
   * Part of every pair's cache key that changes by itself: today's date when a rule reads the clock. (In the
   * pair keys rather than the cache's run key, so a new day is a miss for each pair, not "another configuration".)
   */
  cacheDay?: string;
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

export interface Limits {
  maxFileSizeMB: number;
  parseTimeoutSeconds: number;
}

const MIB = 1024 * 1024;

function documentOf(raw: Uint8Array, file: string, relPath: string, locale: string, limits: Limits): LocDocument {
  const { maxFileSizeMB } = limits;
  if (raw.length > maxFileSizeMB * MIB) {
    const size = (raw.length / MIB).toFixed(1);
    throw new DocumentError(`file is ${size} MB, over the ${maxFileSizeMB} MB limit: not parsed (raise "maxFileSizeMB" in the configuration to lint it)`);
  }
  return parseDocument({ path: file, relPath, locale, raw: toBuffer(raw), parseTimeoutMs: limits.parseTimeoutSeconds * 1000 });
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

/** A file as the main thread read it: its bytes, or why they could not be read. */
interface ReadFile {
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
}

export function lintEnvironment(config: ResolvedConfig, ruleSet: LocRule<any>[], now: Date): LintEnvironment {
  return {
    processor: buildProcessor(config, pairRules(ruleSet)),
    locales: [...new Set([config.sourceLocale, ...config.targets.map((target) => target.locale)])],
    now,
    limits: { maxFileSizeMB: config.maxFileSizeMB, parseTimeoutSeconds: config.parseTimeoutSeconds },
    metadata: config.metadata,
  };
}

/** Lint one group: parse the English once, then each translation against it. Never throws for a file's sake. */
export async function lintGroup(task: GroupTask, env: LintEnvironment): Promise<LintedPair[]> {
  let english: LocDocument | undefined;
  let englishProblem = task.english.problem;
  let englishTimedOut = false;
  if (task.english.raw) {
    try {
      english = documentOf(task.english.raw, task.english.path, task.english.relPath, task.english.locale, env.limits);
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
      translated = documentOf(entry.raw, entry.pair.targetPath, entry.pair.relPath, entry.pair.locale, env.limits);
    } catch (error) {
      linted.push({ ...result(entry.pair, [parseError(describe(error))]), ...(error instanceof ParseTimeoutError ? { transient: true as const } : {}) });
      continue;
    }
    const localization = readLocalization(translated.frontMatter, env.metadata, translated.text);
    const origin = completeOrigin(localization, entry.facts, english, { parseTimeoutMs: env.limits.parseTimeoutSeconds * 1000, atSource });
    const pairResult: LintedPair = await runRules(entry.pair, translated, english, task.english.displayPath, env, { origin });
    if (localization?.commit && !localization.hash) {
      if (origin.noHistory) pairResult.undecided = { reason: 'noGit', key: localization.commit.key };
      else if (origin.since?.shallow) pairResult.undecided = { reason: 'shallow', key: localization.commit.key };
    }
    linted.push(pairResult);
  }
  return linted;
}

async function readOne(file: string, read: (file: string) => Promise<Buffer>): Promise<ReadFile> {
  try {
    return { raw: await read(file) };
  } catch (error) {
    return { problem: describe(error) };
  }
}

/** Lint every pair; results come back in a stable order (locale, then path). */
export async function lintPairs(pairs: Pair[], config: ResolvedConfig, options: LintOptions = {}): Promise<FileResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const now = options.now ?? new Date();
  const ruleSet = options.rules ?? builtInRules;
  const env = lintEnvironment(config, ruleSet, now);
  const orphans = options.orphans ?? [];
  const missingRules = ruleSet.filter((rule) => rule.meta.scope === 'missing' && isEnabled(rule, config.rules));
  // Off by default: then missing translations are only counted (by the report), and no English file is read for them.
  const missing = missingRules.length > 0 ? (options.missing ?? []) : [];
  const outsideLinks = options.outsideLinks ?? [];
  const total = pairs.length + orphans.length + outsideLinks.length + missing.length;
  const read = options.read ?? ((file: string) => readFile(file));
  const bySource = new Map<string, Pair[]>();
  for (const pair of pairs) {
    const group = bySource.get(pair.sourcePath);
    if (group) group.push(pair);
    else bySource.set(pair.sourcePath, [pair]);
  }
  // The English history, read once for the whole run (a fixed number of git processes; none outside a work tree).
  const opening = config.git ? await openHistory(config.sourceRoot, options.history) : { history: undefined, reason: 'git history is turned off ("git": false in the configuration)' };
  const results: FileResult[] = [];
  const undecided = { noGit: 0, shallow: 0, keys: new Set<string>() };
  const done = (linted: LintedPair) => {
    const { undecided: why, transient: _transient, ...fileResult } = linted;
    if (why && (why.reason === 'noGit' || why.reason === 'shallow')) {
      undecided[why.reason]++;
      undecided.keys.add(why.key);
    }
    results.push(fileResult);
    options.onProgress?.(results.length, total);
  };
  try {
    const groups = prepareGroups(bySource, config, { cwd, read, history: opening.history, noHistory: opening.reason, cache: options.cache, day: options.cacheDay ?? '' });
    await lintGroups(groups, env, config, options, done, pairs.length);
  } finally {
    await opening.history?.close();
  }
  // Orphans have no English and missing translations no translation: both are linted against an empty document.
  let emptyDocument: LocDocument | undefined;
  const empty = () => (emptyDocument ??= parseDocument({ path: '', relPath: '', locale: config.sourceLocale, raw: Buffer.alloc(0) }));
  if (orphans.length > 0) {
    const orphanEnv = { ...env, processor: buildProcessor(config, ruleSet.filter((rule) => rule.meta.scope === 'orphan')) };
    for (const orphan of orphans) {
      const englishDisplayPath = path.relative(cwd, orphan.sourcePath) || orphan.sourcePath;
      const linted = await lintLoose(orphan, read, empty(), englishDisplayPath, orphanEnv, { ...(orphan.similar ? { orphan: { similar: orphan.similar } } : { orphan: {} }) });
      done({ ...linted, kind: 'orphan' });
    }
  }
  if (missing.length > 0) {
    const missingEnv = { ...env, processor: buildProcessor(config, missingRules) };
    for (const entry of missing) {
      // The English file stands where the translation should be: the finding is on it, under the locale.
      const expected = path.join(config.targets.find((target) => target.locale === entry.locale)?.root ?? '', entry.relPath);
      const stand = { locale: entry.locale, relPath: entry.relPath, sourcePath: entry.sourcePath, targetPath: entry.sourcePath };
      const expectedDisplayPath = path.relative(cwd, expected) || expected;
      const linted = await lintLoose(stand, read, empty(), expectedDisplayPath, missingEnv, { missing: { expectedPath: expectedDisplayPath } });
      done({ ...linted, kind: 'missing' });
    }
  }
  for (const link of outsideLinks) {
    const message = link.dangling
      ? `Symbolic link to a path that does not exist (${link.target}): nothing to lint here`
      : `Symbolic link to a path outside the configured roots (${link.target}): not followed, so what it leads to is not linted`;
    // A warning: nothing is wrong with the translation itself, but a page (or a tree of them) goes unlinted.
    const finding: Finding = { ruleId: OUTSIDE_LINK, severity: 1, message, line: 1, column: 1, fingerprint: fingerprintOf(OUTSIDE_LINK, link.target) };
    const sourcePath = link.locale === config.sourceLocale ? link.linkPath : path.join(config.sourceRoot, link.relPath);
    done({ ...result({ locale: link.locale, relPath: link.relPath, sourcePath, targetPath: link.linkPath }, [finding]), kind: 'link' });
  }
  results.sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  const keys = [...undecided.keys].sort().join(', ');
  if (undecided.noGit > 0) {
    options.notices?.push(
      `${undecided.noGit} translated file${undecided.noGit === 1 ? '' : 's'} record${undecided.noGit === 1 ? 's' : ''} a source commit (${keys}) but no hash, and ${opening.reason}: their staleness was not checked`,
    );
  }
  if (undecided.shallow > 0) {
    options.notices?.push(
      `${undecided.shallow} translated file${undecided.shallow === 1 ? '' : 's'} point${undecided.shallow === 1 ? 's' : ''} at English commits this shallow clone does not have: their staleness was not checked (git fetch --unshallow)`,
    );
  }
  if (options.cache) {
    try {
      await options.cache.save();
    } catch (error) {
      options.notices?.push(`the cache could not be saved (${(error as Error).message}); the next run starts cold`);
    }
  }
  return results;
}

/** A group ready to lint, with the results the cache already had for some of its pairs. */
interface PreparedGroup {
  task: GroupTask;
  cached: LintedPair[];
  /** Cache key per pair of the task, in order. */
  keys: string[];
}

/**
 * Read each group's files, ask the history about each pair and look the pairs up in the cache, one group at a
 * time (a generator: only the groups in flight are held in memory).
 */
async function* prepareGroups(
  bySource: Map<string, Pair[]>,
  config: ResolvedConfig,
  run: { cwd: string; read: (file: string) => Promise<Buffer>; history?: EnglishHistory; noHistory?: string; cache?: ResultCache; day: string },
): AsyncGenerator<PreparedGroup> {
  for (const [sourcePath, group] of bySource) {
    const displayPath = path.relative(run.cwd, sourcePath) || sourcePath;
    const [englishFile, ...translations] = await Promise.all([readOne(sourcePath, run.read), ...group.map((pair) => readOne(pair.targetPath, run.read))]);
    const task: GroupTask = { english: { ...englishFile, path: sourcePath, relPath: group[0].relPath, locale: config.sourceLocale, displayPath }, pairs: [] };
    const cached: LintedPair[] = [];
    const keys: string[] = [];
    for (let i = 0; i < group.length; i++) {
      const pair = group[i];
      const translation = translations[i];
      const facts = await factsFor(translation, sourcePath, config.metadata, run.history, run.noHistory);
      if (run.cache) {
        const key = pairKey(task.english, translation, facts, run.day);
        const hit = run.cache.get(cacheId(pair), key) as LintedPair | undefined;
        if (hit) {
          cached.push({ ...hit, filePath: pair.targetPath, sourcePath: pair.sourcePath });
          continue;
        }
        keys.push(key);
      }
      task.pairs.push({ ...translation, pair, facts });
    }
    yield { task, cached, keys };
  }
}

/** The history facts for a translation: its front matter is read here, only when there is a history to ask. */
async function factsFor(translation: ReadFile, englishPath: string, metadata: MetadataSetting, history: EnglishHistory | undefined, noHistory: string | undefined): Promise<HistoryFacts> {
  if (!history || !translation.raw) return historyFactsOf(undefined, englishPath, history, noHistory);
  let localization;
  try {
    const text = decode(toBuffer(translation.raw));
    localization = readLocalization(readFrontMatter(text), metadata, text);
  } catch {
    localization = undefined; // not text: the linting thread reports it
  }
  return historyFactsOf(localization, englishPath, history, noHistory);
}

function cacheId(pair: Pair): string {
  return `${pair.locale}\0${pair.relPath}`;
}

/** Everything a pair's result depends on besides the run's configuration: both files, where the English is shown, the history. */
function pairKey(english: GroupTask['english'], translation: ReadFile, facts: HistoryFacts, day: string): string {
  const hash = createHash('sha256');
  const part = (value: string | Uint8Array) => {
    hash.update(String(value.length) + ':');
    hash.update(value);
  };
  part(day);
  part(english.displayPath);
  part(english.raw ?? `unreadable: ${english.problem}`);
  part(translation.raw ?? `unreadable: ${translation.problem}`);
  const { since, ...rest } = facts;
  // The old English is named by its commit; its bytes need not be hashed again.
  part(JSON.stringify({ ...rest, since: since ? { ...since, atSourceRaw: undefined } : undefined }));
  return hash.digest('hex');
}

/**
 * Whether worker threads can be used here: the compiled worker module exists (not when running from the
 * TypeScript sources, as the tests do) and Node's permission model, when on, allows workers.
 */
function workersAllowed(): boolean {
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  if (permission && !permission.has('worker')) return false;
  return existsSync(fileURLToPath(new URL('./lint-worker.js', import.meta.url)));
}

/** Groups in flight per worker: enough to keep every worker busy, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 4;
/** Fewer pairs than this per worker are linted in this thread: a worker's start-up (loading the parser and rules) costs more. */
const PAIRS_PER_WORKER = 48;

async function lintGroups(groups: AsyncGenerator<PreparedGroup>, env: LintEnvironment, config: ResolvedConfig, options: LintOptions, done: (linted: LintedPair) => void, pairCount: number): Promise<void> {
  const finish = (prepared: PreparedGroup, linted: LintedPair[]) => {
    prepared.cached.forEach(done);
    linted.forEach((entry, i) => {
      if (options.cache && prepared.keys[i] !== undefined && !entry.transient) options.cache.set(cacheId(prepared.task.pairs[i].pair), prepared.keys[i], entry);
      done(entry);
    });
  };
  const workers = workersAllowed() ? Math.max(1, Math.min(options.concurrency ?? 1, Math.floor(pairCount / PAIRS_PER_WORKER))) : 1;
  if (workers <= 1) {
    for await (const prepared of groups) finish(prepared, prepared.task.pairs.length > 0 ? await lintGroup(prepared.task, env) : []);
    return;
  }
  const { WorkerPool } = await import('./pool.js');
  const pool = new WorkerPool(workers, { config, now: env.now });
  try {
    const inFlight = new Set<Promise<void>>();
    for await (const prepared of groups) {
      if (prepared.task.pairs.length === 0) {
        finish(prepared, []);
        continue;
      }
      const job = pool
        .lint(prepared.task)
        .catch((error: unknown): LintedPair[] =>
          prepared.task.pairs.map((entry) => ({ ...result(entry.pair, [parseError(`internal error while linting: ${describe(error)}`)]), transient: true })),
        )
        .then((linted) => finish(prepared, linted))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= workers * IN_FLIGHT_PER_WORKER) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
}

/** An orphan or a missing translation: one file read and linted against the empty document, in this thread. */
async function lintLoose(
  pair: Pair,
  read: (file: string) => Promise<Buffer>,
  english: LocDocument,
  englishDisplayPath: string,
  env: LintEnvironment,
  extra: Pick<PairData, 'orphan' | 'missing'>,
): Promise<FileResult> {
  const file = await readOne(pair.targetPath, read);
  let translated: LocDocument;
  try {
    if (!file.raw) throw new DocumentError(file.problem ?? 'file cannot be read');
    translated = documentOf(file.raw, pair.targetPath, pair.relPath, pair.locale, env.limits);
  } catch (error) {
    return result(pair, [parseError(describe(error))]);
  }
  // Orphans have no English to have a history of: their origin is only what they record.
  const localization = readLocalization(translated.frontMatter, env.metadata, translated.text);
  return runRules(pair, translated, english, englishDisplayPath, env, { origin: localization ? { localization } : {}, ...extra });
}

/** Run the rules on one parsed pair and turn their messages into findings. */
async function runRules(
  pair: Pair,
  translated: LocDocument,
  english: LocDocument,
  englishDisplayPath: string,
  env: LintEnvironment,
  extra: Pick<PairData, 'origin' | 'orphan' | 'missing'>,
): Promise<FileResult> {
  const messages: Finding[] = [];
  if (translated.frontMatter.error) messages.push(parseError(translated.frontMatter.error));
  const file = new VFile({ path: pair.targetPath, value: translated.text });
  file.data.locLint = {
    locale: pair.locale,
    translated,
    english,
    alignment: alignBlocks(translated.blocks, english.blocks),
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
