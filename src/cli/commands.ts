/**
 * The commands behind the command line (src/cli/cli.ts parses the arguments and loads this module only when there
 * is work to do): check, baseline, merge, report and diff, and how their failures are reported.
 */
import path from 'node:path';
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { CliUsageError, version, type CliIo, type ParsedArguments } from './arguments.js';
import { ConfigError, didYouMean, findConfig, readConfigJson, resolveConfig, CONFIG_FILE, type ResolvedConfig } from '../config/config.js';
import { loadPlugins, resolvePlugin } from '../config/plugins.js';
import type { ResultCache } from '../engine/cache.js';
import { CACHE_FOLDER } from '../config/file-names.js';
import { isEnabled, type LocRule } from '../rule-kit/rule.js';
import { discover, linkReal, UsageError } from '../discover/discover.js';
import { lintPairs, type FileResult } from '../engine/index.js';
import { formats, type RunSummary } from '../format/index.js';
import type { FormatName } from '../format/names.js';
import { safeJson } from '../util/escape.js';
import { applyBaseline, baselineKey, readBaseline, updateBaseline, writeBaseline, BaselineError, BASELINE_FILE } from '../baseline/baseline.js';
import { parseShard, selectShard } from '../discover/shard.js';
import { readResults, mergeResults, MergeError } from '../baseline/merge.js';
import { writeFileAtomic, WriteError } from '../util/write.js';
import { computeReport } from '../report/figures.js';
import { renderTerminalReport } from '../report/terminal.js';
import { progressBar } from '../report/progress.js';
import { renderHtmlReport, hrefBaseFor } from '../report/html.js';
import { rules } from '../../rules/index.js';
import type { RuleMeta } from '../rule-kit/rule.js';

const FORMATS = Object.keys(formats);


const COMMANDS = ['check', 'baseline', 'merge', 'report', 'diff'];
const REPORT_FORMATS = ['table', 'json', 'html'];
const FAIL_ON = ['stale', 'errors'];

type Values = ParsedArguments['values'];

interface Output {
  format: string;
  color: boolean;
  maxWarnings: number;
}

function outputOptions(values: Values, io: CliIo): Output {
  const format = values.format ?? 'stylish';
  if (!FORMATS.includes(format)) {
    throw new CliUsageError(`unknown format "${format}" (expected one of: ${FORMATS.join(', ')})`);
  }
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new CliUsageError(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (values.color && values['no-color']) throw new CliUsageError('--color and --no-color cannot be used together');
  const color = !values['no-color'] && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && (values.color || Boolean(io.stdout.isTTY));
  return { format, color, maxWarnings };
}

/**
 * loc-lint never writes over a file it lints: `-o de-de/docs/install.md` (a slip of the keyboard) would destroy a
 * translation. Paths are compared with their folders resolved, so a path through a symbolic link is caught too.
 */
function refuseLintedTarget(file: string, results: FileResult[]): void {
  const target = linkReal(file);
  for (const result of results) {
    for (const linted of [result.filePath, result.sourcePath]) {
      if (linted && linkReal(linted) === target) throw new CliUsageError(`refusing to write ${file}: it is a file being linted`);
    }
  }
}

/**
 * The configuration and the rules it runs: the built-in rules plus those of its `plugins`, which must be
 * loaded before the `rules` settings can be checked against their ids.
 */
async function configuration(configPath: string): Promise<{ config: ResolvedConfig; ruleSet: LocRule<any>[] }> {
  const raw = readConfigJson(configPath);
  const plugins = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).plugins : undefined;
  const ruleSet = [...rules, ...(await loadPlugins(plugins, path.dirname(configPath), configPath, rules))];
  return { config: resolveConfig(raw, path.dirname(configPath), ruleSet, configPath), ruleSet };
}

/** Worker threads asked for by `--concurrency` (auto: one per core; the engine keeps small runs in one thread). */
function concurrencyOf(values: Values): number {
  const value = values.concurrency ?? 'auto';
  if (value === 'auto') return os.availableParallelism();
  if (value === 'off') return 1;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliUsageError(`--concurrency expects a whole number of at least 1, "auto" or "off"; got "${value}"`);
  return Number(value);
}

/**
 * The result cache for `--cache`, or undefined. Its run key holds everything that changes every result at once:
 * the tool version, the resolved configuration, the rules and their plugin files, and the day when a rule reads
 * the clock (a handoff ages without any file changing).
 */
async function cacheOf(values: Values, io: CliIo, config: ResolvedConfig, ruleSet: LocRule<any>[], configPath: string, now: Date): Promise<{ cache?: ResultCache; cacheDay?: string }> {
  if (!values.cache) {
    if (values['cache-location'] !== undefined) throw new CliUsageError('--cache-location needs --cache');
    return {};
  }
  const { openCache, digest } = await import('../engine/cache.js');
  const location = values['cache-location'] === undefined ? path.join(path.dirname(configPath), CACHE_FOLDER) : path.resolve(io.cwd, values['cache-location']);
  const pluginFiles = config.plugins.map((specifier) => {
    const resolved = resolvePlugin(specifier, path.dirname(configPath));
    try {
      return typeof resolved === 'string' ? readFileSync(resolved) : specifier;
    } catch {
      return specifier;
    }
  });
  const enabled = ruleSet.filter((rule) => isEnabled(rule, config.rules));
  const cacheDay = enabled.some((rule) => rule.meta.usesClock) ? now.toISOString().slice(0, 10) : '';
  // Paths relative to the configuration: a cache restored into a checkout at another place (CI) still applies.
  const configDir = path.dirname(configPath);
  const portable = JSON.stringify(config, (_key, value: unknown) => (typeof value === 'string' && path.isAbsolute(value) ? path.relative(configDir, value) || '.' : value));
  const runKey = digest([version(), portable, enabled.map((rule) => `${rule.meta.id}@${rule.meta.origin ?? ''}`).join(','), ...pluginFiles]);
  const cache = await openCache(location, runKey);
  if (cache.ignored) io.stderr.write(`loc-lint: the cache in ${path.relative(io.cwd, location) || location} was not used (${cache.ignored}); it is rebuilt\n`);
  return { cache, cacheDay };
}

/** Flags that only some commands take: refuse them elsewhere rather than ignore them silently. */
function refuse(values: Values, command: string, names: (keyof Values)[]): void {
  for (const name of names) {
    if (values[name] !== undefined) throw new CliUsageError(`--${String(name)} cannot be used with "loc-lint ${command}"`);
  }
}

/** The exit code for a failure, with its message on stderr: configuration and usage problems are not crashes. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) io.stderr.write(`loc-lint: configuration error: ${problem}\n`);
    return 2;
  }
  if (error instanceof BaselineError || error instanceof MergeError || error instanceof WriteError) {
    io.stderr.write(`loc-lint: ${error.message}\n`);
    return 2;
  }
  if (error instanceof CliUsageError || error instanceof UsageError) {
    io.stderr.write(`loc-lint: ${error.message}\nRun "loc-lint --help" for usage.\n`);
    return 2;
  }
  io.stderr.write(`loc-lint: internal error: ${(error as Error)?.stack ?? error}\n`);
  return 2;
}

/** Run a command (anything but --help and --version) with the parsed arguments. */
export async function runCommand(values: Values, positionals: string[], io: CliIo): Promise<number> {
  const command = positionals[0] && COMMANDS.includes(positionals[0]) ? positionals.shift()! : 'check';
  // `loc-lint chek`: a misspelt command reads as a path that does not exist; say what was probably meant.
  const first = positionals[0];
  if (command === 'check' && first !== undefined && !/[\\/.]/.test(first) && !existsSync(path.resolve(io.cwd, first))) {
    const guess = didYouMean(first, COMMANDS);
    if (guess) throw new CliUsageError(`unknown command "${first}"${guess}`);
  }
  if (command === 'report') {
    refuse(values, command, ['baseline', 'no-baseline', 'prune', 'shard', 'staged', 'max-warnings', 'quiet']);
    return runReport(positionals, values, io);
  }
  if (command === 'diff') return runDiff(positionals, values, io);
  refuse(values, command, ['fail-on']);
  if (command === 'merge') {
    refuse(values, command, ['config', 'baseline', 'no-baseline', 'prune', 'shard', 'staged', 'cache', 'cache-location', 'concurrency']);
    return merge(positionals, values, io);
  }
  if (command === 'check') refuse(values, command, ['prune']);
  if (command === 'baseline') refuse(values, command, ['format', 'output-file', 'max-warnings', 'quiet', 'no-baseline', 'staged']);
  if (values.baseline !== undefined && values['no-baseline']) throw new CliUsageError('--baseline and --no-baseline cannot be used together');
  if (values.staged && positionals.length > 0) throw new CliUsageError('--staged takes no paths');
  const output = outputOptions(values, io);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new CliUsageError(shard);

  const configPath = values.config ? path.resolve(io.cwd, values.config) : findConfig(io.cwd);
  if (!configPath) {
    throw new CliUsageError(`no ${CONFIG_FILE} found in ${io.cwd} or any folder above it (use --config FILE)`);
  }
  const concurrency = concurrencyOf(values);
  const { config, ruleSet } = await configuration(configPath);
  const { cache, cacheDay } = await cacheOf(values, io, config, ruleSet, configPath, io.now ?? new Date());
  const paths = positionals.map((file) => path.resolve(io.cwd, file));
  // --staged: the staged files and their siblings, read from the git index, not the working tree.
  // Loaded only for --staged: it starts git processes, which no other run needs.
  const staged = values.staged ? await (await import('../discover/staged.js')).stagedPairs(config, io.cwd) : undefined;
  const found = staged ?? (await discover(config, paths));
  if ('skipped' in found && found.skipped.length > 0) {
    io.stderr.write(`loc-lint: skipped ${found.skipped.length} file(s) outside the configured roots or excluded\n`);
  }
  const pairs = shard ? selectShard(found.pairs, shard) : found.pairs;
  const orphans = 'orphans' in found ? (shard ? selectShard(found.orphans, shard) : found.orphans) : [];
  const outsideLinks = 'outsideLinks' in found ? (shard ? selectShard(found.outsideLinks, shard) : found.outsideLinks) : [];
  const missing = 'missing' in found ? (shard ? selectShard(found.missing, shard) : found.missing) : [];
  const notices: string[] = [];
  const results = await lintPairs(pairs, config, { cwd: io.cwd, now: io.now, read: staged?.read, orphans, outsideLinks, missing, notices, rules: ruleSet, concurrency, cache, cacheDay });
  for (const notice of notices) io.stderr.write(`loc-lint: ${notice}\n`);

  const baselinePath = values.baseline ? path.resolve(io.cwd, values.baseline) : path.join(path.dirname(configPath), BASELINE_FILE);
  const baselineDir = path.dirname(baselinePath);
  // A narrowed run (paths, a shard, --staged) covers only the files it linted; a full run covers the whole baseline.
  const narrowed = paths.length > 0 || shard !== undefined || staged !== undefined;
  const linted = new Set(results.map((result) => baselineKey(result.filePath, baselineDir)));
  const inScope = (key: string) => !narrowed || linted.has(key);

  if (command === 'baseline') {
    refuseLintedTarget(baselinePath, results);
    const previous = readBaseline(baselinePath);
    const update = updateBaseline(previous, results, baselineDir, inScope, values.prune ? 'prune' : 'write');
    await writeBaseline(baselinePath, update.baseline);
    const files = Object.keys(update.baseline.files).length;
    const shown = path.relative(io.cwd, baselinePath) || baselinePath;
    io.stdout.write(
      `loc-lint: ${values.prune ? 'pruned' : 'wrote'} ${shown}: ${update.findings} finding${update.findings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` +
        (update.dropped > 0 ? `, ${update.dropped} that ${update.dropped === 1 ? 'is' : 'are'} gone dropped` : '') +
        '\n',
    );
    return 0;
  }

  let summary: RunSummary | undefined;
  let shown = results;
  if (!values['no-baseline']) {
    const baseline = readBaseline(baselinePath);
    if (baseline) {
      const applied = applyBaseline(results, baseline, baselineDir, inScope);
      shown = applied.results;
      summary = { suppressed: applied.suppressed, fixed: applied.fixed };
    } else if (values.baseline !== undefined) {
      throw new CliUsageError(`baseline ${values.baseline} does not exist (create it with "loc-lint baseline --baseline ${values.baseline}")`);
    }
  }
  return emit(shown, summary, values, output, io, ruleSet);
}

/** Print (and write) the results and decide the exit code, for `check` and `merge` alike. */
async function emit(results: FileResult[], summary: RunSummary | undefined, values: Values, output: Output, io: CliIo, ruleSet: LocRule<any>[] = rules): Promise<number> {
  if (values.quiet) {
    results = results.map((result) => {
      const messages = result.messages.filter((message) => message.severity === 2);
      return { ...result, messages, warningCount: 0 };
    });
  }
  const context = { cwd: io.cwd, rules: [...ruleSet.map((rule) => rule.meta as RuleMeta<unknown>)], version: version(), summary };
  const text = (format: string, color: boolean) => {
    const formatted = formats[format as FormatName](results, { ...context, color });
    return formatted && !formatted.endsWith('\n') ? formatted + '\n' : formatted;
  };
  if (values['output-file'] !== undefined) {
    // The chosen format goes to the file; the terminal still gets the findings in the readable form.
    const outputFile = path.resolve(io.cwd, values['output-file']);
    refuseLintedTarget(outputFile, results);
    await writeFileAtomic(outputFile, text(output.format, false));
    io.stdout.write(text('stylish', output.color));
  } else {
    io.stdout.write(text(output.format, output.color));
  }

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (output.maxWarnings >= 0 && warnings > output.maxWarnings) {
    io.stderr.write(`loc-lint: too many warnings (${warnings}); the maximum allowed is ${output.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** `loc-lint merge FILE…`: the shards' JSON or SARIF outputs as one result, with `check`'s exit codes. */
async function merge(files: string[], values: Values, io: CliIo): Promise<number> {
  if (files.length === 0) throw new CliUsageError('merge needs the output files of the shards (loc-lint merge FILE...)');
  const output = outputOptions(values, io);
  const inputs = files.map((file) => readResults(path.resolve(io.cwd, file)));
  const { results, duplicates } = mergeResults(inputs.map((input) => input.results));
  if (duplicates > 0) io.stderr.write(`loc-lint: ${duplicates} file result${duplicates === 1 ? '' : 's'} appeared in more than one input and ${duplicates === 1 ? 'was' : 'were'} kept once\n`);
  const suppressed = inputs.reduce((sum, input) => sum + input.suppressed, 0);
  return emit(results, suppressed > 0 ? { suppressed, fixed: 0 } : undefined, values, output, io);
}

/**
 * `loc-lint report [paths…]`: per-locale figures over the same results `check` gives (every finding; the
 * baseline does not apply). Exit 0 unless the run fails, or `--fail-on` asks for a gate.
 */
async function runReport(positionals: string[], values: Values, io: CliIo): Promise<number> {
  const format = values.format ?? 'table';
  if (!REPORT_FORMATS.includes(format)) throw new CliUsageError(`unknown report format "${format}" (expected one of: ${REPORT_FORMATS.join(', ')})`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) throw new CliUsageError(`--fail-on expects one of: ${FAIL_ON.join(', ')}; got "${failOn}"`);
  const { color } = outputOptions({ ...values, format: undefined }, io);
  const configPath = values.config ? path.resolve(io.cwd, values.config) : findConfig(io.cwd);
  if (!configPath) throw new CliUsageError(`no ${CONFIG_FILE} found in ${io.cwd} or any folder above it (use --config FILE)`);
  const concurrency = concurrencyOf(values);
  const { config, ruleSet } = await configuration(configPath);
  const found = await discover(config, positionals.map((file) => path.resolve(io.cwd, file)));
  const now = io.now ?? new Date();
  const { cache, cacheDay } = await cacheOf(values, io, config, ruleSet, configPath, now);
  const progress = progressBar(io.stderr, io.env, 'linting');
  const notices: string[] = [];
  const results = await lintPairs(found.pairs, config, { cwd: io.cwd, now, onProgress: progress.update, orphans: found.orphans, outsideLinks: found.outsideLinks, missing: found.missing, notices, rules: ruleSet, concurrency, cache, cacheDay });
  progress.done();
  for (const notice of notices) io.stderr.write(`loc-lint: ${notice}\n`);
  const enabled = ruleSet.filter((rule) => isEnabled(rule, config.rules)).map((rule) => rule.meta.id);
  const data = computeReport(results, found, { locales: config.targets.map((target) => target.locale), ruleIds: enabled, sourceRoot: config.sourceRoot, now, cwd: io.cwd });
  const outputFile = values['output-file'] === undefined ? undefined : path.resolve(io.cwd, values['output-file']);
  const text = (chosen: string, withColor: boolean) =>
    chosen === 'html'
      ? renderHtmlReport(data, { hrefBase: outputFile ? hrefBaseFor(outputFile, io.cwd) : '' })
      : chosen === 'json'
      ? safeJson(JSON.stringify({ generatedAt: data.generatedAt, source: data.source, locales: data.locales, totals: data.totals, files: data.files }, null, 2)) + '\n'
      : renderTerminalReport(data, { width: io.stdout.columns ?? (Number(io.env.COLUMNS) || 80), color: withColor });
  if (outputFile !== undefined) {
    refuseLintedTarget(outputFile, results);
    await writeFileAtomic(outputFile, text(format, false));
    io.stdout.write(text('table', color));
  } else io.stdout.write(text(format, color));
  if (failOn === 'stale' && data.totals.stale > 0) return 1;
  if (failOn === 'errors' && results.some((result) => result.errorCount > 0)) return 1;
  return 0;
}

/** `loc-lint diff FILE`: the English changes since the translation's source commit (src/cli/diff-command.ts). */
async function runDiff(positionals: string[], values: Values, io: CliIo): Promise<number> {
  refuse(values, 'diff', ['baseline', 'no-baseline', 'prune', 'shard', 'staged', 'fail-on', 'max-warnings', 'quiet', 'format', 'output-file', 'cache', 'cache-location', 'concurrency']);
  if (positionals.length !== 1) throw new CliUsageError('diff takes one translated file (loc-lint diff FILE)');
  const { color } = outputOptions(values, io);
  const configPath = values.config ? path.resolve(io.cwd, values.config) : findConfig(io.cwd);
  if (!configPath) throw new CliUsageError(`no ${CONFIG_FILE} found in ${io.cwd} or any folder above it (use --config FILE)`);
  const { config } = await configuration(configPath);
  const { runDiffCommand } = await import('./diff-command.js');
  return runDiffCommand(positionals[0], { config, cwd: io.cwd, color, write: (text) => io.stdout.write(text) });
}
