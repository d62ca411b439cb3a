/**
 * The run: read each pair, ask git, key the cache, schedule the linting (linter.ts) here or in workers.
 *
 * Work is cut into groups: one English file and all of its translations. The main thread reads the bytes (from
 * the disk, or the git index for `--staged`), asks the English history what it knows about each pair, and
 * looks the pair up in the result cache; the groups left are linted either here or, for big runs, in worker
 * threads (src/engine/lint-worker.ts), a few groups in flight at a time so memory stays flat. Each English file is
 * parsed once, by whichever thread lints its group, and shared by all of its translations.
 * A file that cannot be read or parsed gets a `parse-error` finding and the run goes on.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { decode, parseDocument, toBuffer, type LocDocument } from '../document/document.js';
import { readFrontMatter } from '../document/frontmatter.js';
import type { Discovery, Orphan, OutsideLink, Pair } from '../discover/discover.js';
import type { ResolvedConfig } from '../config/config.js';
import { rules as builtInRules } from '../../rules/index.js';
import { isEnabled, type LocRule } from '../rule-kit/rule.js';
import { openHistory, type EnglishHistory, type HistoryOptions } from '../git/history.js';
import { historyFactsOf, type HistoryFacts } from '../git/origin.js';
import { PROFILE_NAMES, PROFILES, readLocalization, type MetadataKeys, type MetadataSetting } from '../config/metadata.js';
import type { ResultCache } from './cache.js';
import { MIN_SHARED, setAsideSharedDifferences } from './shared-differences.js';
import { detectDialect } from '../discover/dialect.js';
import { fingerprintOf, parseError, result, OUTSIDE_LINK, type FileResult, type Finding } from './findings.js';
import { buildProcessor, describe, lintEnvironment, lintGroup, lintLoose, type GroupTask, type LintEnvironment, type LintedPair, type ReadFile } from './linter.js';

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

async function readOne(file: string, read: (file: string) => Promise<Buffer>): Promise<ReadFile> {
  try {
    return { raw: await read(file) };
  } catch (error) {
    return { problem: describe(error) };
  }
}

/** Lint every pair; results come back in a stable order (locale, then path). */
export async function lintPairs(pairs: Pair[], configured: ResolvedConfig, options: LintOptions = {}): Promise<FileResult[]> {
  const cwd = options.cwd ?? process.cwd();
  // The site's dialect, decided once for the run (and for every worker, which gets this configuration).
  let config = configured;
  if (configured.dialect === 'auto') {
    const detection = await detectDialect({ baseDir: configured.baseDir, sourceRoot: configured.sourceRoot, metadata: configured.metadata, include: configured.include, exclude: configured.exclude });
    config = { ...configured, dialect: detection.dialect };
  }
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
  let comparedWithCurrent = 0;
  // Per locale, under `auto`: pages recording a commit per key, and the pages recording no metadata at all.
  const commitRecords = new Map<string, { recorded: Map<string, number>; unrecorded: number }>();
  const done = (linted: LintedPair) => {
    const { undecided: why, transient: _transient, currentEnglishOnly, commitRecord, englishUnknown: _englishUnknown, ...fileResult } = linted;
    if (currentEnglishOnly) comparedWithCurrent++;
    if (commitRecord !== undefined) {
      const entry = commitRecords.get(linted.locale) ?? { recorded: new Map<string, number>(), unrecorded: 0 };
      commitRecords.set(linted.locale, entry);
      if (commitRecord === '') entry.unrecorded++;
      else entry.recorded.set(commitRecord, (entry.recorded.get(commitRecord) ?? 0) + 1);
    }
    if (why && (why.reason === 'noGit' || why.reason === 'shallow')) {
      undecided[why.reason]++;
      undecided.keys.add(why.key);
    }
    results.push(fileResult);
    options.onProgress?.(results.length, total);
  };
  // All translations of one English file: the differences several of them share are set aside first.
  const differenceRules = new Set(ruleSet.filter((rule) => rule.meta.reportsDifferences).map((rule) => rule.meta.id));
  let setAside = 0;
  const pagesSetAside = new Set<string>();
  const doneGroup = (group: LintedPair[]) => {
    const moved = setAsideSharedDifferences(group, differenceRules);
    if (moved > 0) {
      setAside += moved;
      pagesSetAside.add(group[0].sourcePath);
    }
    group.forEach(done);
  };
  try {
    const groups = prepareGroups(bySource, config, { cwd, read, history: opening.history, noHistory: opening.reason, cache: options.cache, day: options.cacheDay ?? '' });
    await lintGroups(groups, env, config, options, doneGroup, pairs.length);
  } finally {
    await opening.history?.close();
  }
  // Orphans have no English and missing translations no translation: both are linted against an empty document.
  let emptyDocument: LocDocument | undefined;
  const empty = () => (emptyDocument ??= parseDocument({ path: '', relPath: '', locale: config.sourceLocale, raw: Buffer.alloc(0), dialect: env.dialect }));
  if (orphans.length > 0) {
    const orphanEnv = { ...env, processor: buildProcessor(config, ruleSet.filter((rule) => rule.meta.scope === 'orphan')) };
    for (const orphan of orphans) {
      const englishDisplayPath = path.relative(cwd, orphan.sourcePath) || orphan.sourcePath;
      const linted = await lintLoose(orphan, await readOne(orphan.targetPath, read), empty(), englishDisplayPath, orphanEnv, { ...(orphan.similar ? { orphan: { similar: orphan.similar } } : { orphan: {} }) });
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
      const linted = await lintLoose(stand, await readOne(stand.targetPath, read), empty(), expectedDisplayPath, missingEnv, { missing: { expectedPath: expectedDisplayPath } });
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
  if (setAside > 0) {
    options.notices?.push(
      `${setAside} finding${setAside === 1 ? '' : 's'} on ${pagesSetAside.size} English page${pagesSetAside.size === 1 ? '' : 's'} set aside: ${MIN_SHARED} or more translations of the page share ${setAside === 1 ? 'it' : 'each'} and the English they were made from is unknown, so the English most likely changed since (in suppressedMessages of --format json)`,
    );
  }
  // (The linter marks no page when git is turned off in the configuration.)
  if (comparedWithCurrent > 0) {
    options.notices?.push(
      `${comparedWithCurrent} translated file${comparedWithCurrent === 1 ? '' : 's'} could only be compared with the current English: the English ${comparedWithCurrent === 1 ? 'it was' : 'they were'} made from could not be read (${opening.history ? 'a hash without a source commit, or a shallow clone' : opening.reason})`,
    );
  }
  // A page with no metadata may need none, so under `auto` it is no finding; but where the rest of its locale
  // records a source commit it is most likely a new translation, whose staleness nobody checks. Said once.
  for (const [locale, { recorded, unrecorded }] of [...commitRecords].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (unrecorded === 0 || recorded.size === 0) continue;
    const [key, count] = [...recorded].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0];
    const profile = PROFILE_NAMES.find((name) => (PROFILES[name] as MetadataKeys).commit === key);
    options.notices?.push(
      `${unrecorded} ${locale} translated file${unrecorded === 1 ? '' : 's'} record${unrecorded === 1 ? 's' : ''} no source commit while ${count} other${count === 1 ? '' : 's'} record ${key}: their staleness was not checked (new translations?)${profile ? `; "metadata": "${profile}" in the configuration reports each one` : ''}`,
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

async function lintGroups(groups: AsyncGenerator<PreparedGroup>, env: LintEnvironment, config: ResolvedConfig, options: LintOptions, doneGroup: (group: LintedPair[]) => void, pairCount: number): Promise<void> {
  const finish = (prepared: PreparedGroup, linted: LintedPair[]) => {
    linted.forEach((entry, i) => {
      if (options.cache && prepared.keys[i] !== undefined && !entry.transient) options.cache.set(cacheId(prepared.task.pairs[i].pair), prepared.keys[i], entry);
    });
    // After caching: the cache keeps each pair's own findings; what the group shares is worked out on every run.
    doneGroup([...prepared.cached, ...linted]);
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

