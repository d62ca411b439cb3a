/**
 * The baseline: findings a repository already had, which must not fail CI; only regressions do.
 *
 * The file (`.loc-lint-baseline.json` beside the configuration) maps each translated file, then each rule, then
 * each finding fingerprint to a count, as ESLint's bulk suppressions do. Fingerprints name what a finding is about
 * (a segment id, a link target, normalised text), never its line, so text inserted above a finding does not make it
 * new. One step past ESLint: when a file has more findings of a rule than its baseline allows, only the findings
 * whose fingerprints exceed their counts are new, so just those are listed.
 *
 * Keys and counts are written sorted, one per line: a baseline diff shows exactly what changed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileResult, Finding } from '../engine/findings.js';
import { writeFileAtomic } from '../util/write.js';

export { BASELINE_FILE } from '../config/file-names.js';
const VERSION = 1;

/** file (relative to the baseline's folder, `/`-separated) → rule id → fingerprint → count */
export type BaselineEntries = Record<string, Record<string, Record<string, number>>>;

export interface Baseline {
  version: number;
  files: BaselineEntries;
}

export class BaselineError extends Error {}

/** The key of a linted file in the baseline: its path relative to the baseline's folder. */
export function baselineKey(filePath: string, baselineDir: string): string {
  return path.relative(baselineDir, filePath).split(path.sep).join('/');
}

/** Read a baseline; `undefined` when the file does not exist. A broken file is an error (exit 2), never ignored. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline ${file} is not valid JSON (${(error as Error).message}); regenerate it with "loc-lint baseline"`);
  }
  const problem = validate(value);
  if (problem) throw new BaselineError(`the baseline ${file} is malformed: ${problem}; regenerate it with "loc-lint baseline"`);
  return value as Baseline;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validate(value: unknown): string | undefined {
  if (!isObject(value)) return 'expected an object';
  if (value.version !== VERSION) return `expected "version": ${VERSION}`;
  if (!isObject(value.files)) return 'expected "files" to be an object';
  for (const [file, rules] of Object.entries(value.files)) {
    if (!isObject(rules)) return `files["${file}"] must be an object`;
    for (const [rule, counts] of Object.entries(rules)) {
      if (!isObject(counts)) return `files["${file}"]["${rule}"] must be an object`;
      for (const [fingerprint, count] of Object.entries(counts)) {
        if (!Number.isInteger(count) || (count as number) < 1) return `files["${file}"]["${rule}"]["${fingerprint}"] must be a positive whole number`;
      }
    }
  }
  return undefined;
}

function count(findings: Finding[]): Record<string, Record<string, number>> {
  const rules: Record<string, Record<string, number>> = {};
  for (const finding of findings) {
    const counts = (rules[finding.ruleId] ??= {});
    counts[finding.fingerprint] = (counts[finding.fingerprint] ?? 0) + 1;
  }
  return rules;
}

/** All findings of a result, whether listed or suppressed by an earlier baseline. */
function allFindings(result: FileResult): Finding[] {
  return [...result.messages, ...(result.suppressedMessages ?? [])];
}

export interface BaselineUpdate {
  baseline: Baseline;
  /** Findings recorded. */
  findings: number;
  /** Baselined findings dropped because they are gone (files, rules or findings that no longer exist). */
  dropped: number;
}

/**
 * The baseline after a run. `inScope` says which baseline keys the run covered: entries of files outside it
 * (a narrowed or sharded run) are kept as they were.
 * - plain: the run's findings replace the covered entries;
 * - prune: covered entries only shrink to what is still found; new findings are not added.
 */
export function updateBaseline(
  previous: Baseline | undefined,
  results: FileResult[],
  baselineDir: string,
  inScope: (key: string) => boolean,
  mode: 'write' | 'prune',
): BaselineUpdate {
  const current = new Map<string, Record<string, Record<string, number>>>();
  for (const result of results) {
    const found = allFindings(result);
    if (found.length > 0) current.set(baselineKey(result.filePath, baselineDir), count(found));
  }
  const files: BaselineEntries = {};
  let dropped = 0;
  for (const [key, rules] of Object.entries(previous?.files ?? {})) {
    if (!inScope(key)) {
      files[key] = rules;
      continue;
    }
    const now = current.get(key) ?? {};
    for (const [rule, counts] of Object.entries(rules)) {
      for (const [fingerprint, allowed] of Object.entries(counts)) {
        const kept = Math.min(allowed, now[rule]?.[fingerprint] ?? 0);
        dropped += allowed - kept;
        if (mode === 'prune' && kept > 0) ((files[key] ??= {})[rule] ??= {})[fingerprint] = kept;
      }
    }
  }
  if (mode === 'write') for (const [key, rules] of current) files[key] = rules;
  let findings = 0;
  for (const rules of Object.values(files)) for (const counts of Object.values(rules)) for (const n of Object.values(counts)) findings += n;
  return { baseline: { version: VERSION, files }, findings, dropped };
}

export interface Applied {
  results: FileResult[];
  /** Findings the baseline allowed (not listed, not counted for the exit code). */
  suppressed: number;
  /** Baselined findings of the covered files that are gone. */
  fixed: number;
}

/**
 * Hide the findings the baseline allows. Per file, rule and fingerprint, the first `count` findings are
 * suppressed and any beyond are new; allowances left over are findings that were fixed.
 */
export function applyBaseline(results: FileResult[], baseline: Baseline, baselineDir: string, inScope: (key: string) => boolean): Applied {
  let suppressed = 0;
  let fixed = 0;
  const seen = new Set<string>();
  const applied = results.map((result) => {
    const key = baselineKey(result.filePath, baselineDir);
    seen.add(key);
    const allowed = structuredClone(baseline.files[key] ?? {});
    const messages: Finding[] = [];
    const suppressedMessages: Finding[] = [...(result.suppressedMessages ?? [])];
    for (const finding of result.messages) {
      const left = allowed[finding.ruleId]?.[finding.fingerprint] ?? 0;
      if (left > 0) {
        allowed[finding.ruleId][finding.fingerprint] = left - 1;
        suppressedMessages.push(finding);
      } else messages.push(finding);
    }
    suppressed += suppressedMessages.length - (result.suppressedMessages?.length ?? 0);
    for (const counts of Object.values(allowed)) for (const left of Object.values(counts)) fixed += left;
    return {
      ...result,
      messages,
      suppressedMessages,
      errorCount: messages.filter((message) => message.severity === 2).length,
      warningCount: messages.filter((message) => message.severity === 1).length,
    };
  });
  // Baselined files the run covered but did not lint (deleted, renamed, no longer paired): all fixed.
  for (const [key, rules] of Object.entries(baseline.files)) {
    if (seen.has(key) || !inScope(key)) continue;
    for (const counts of Object.values(rules)) for (const n of Object.values(counts)) fixed += n;
  }
  return { results: applied, suppressed, fixed };
}

/** Stable, diff-friendly JSON: every object's keys sorted, two-space indent, a final newline. */
export function serializeBaseline(baseline: Baseline): string {
  const sorted = (value: unknown): unknown =>
    isObject(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted(value[key])]),
        )
      : value;
  return JSON.stringify({ version: baseline.version, files: sorted(baseline.files) }, null, 2) + '\n';
}

export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await writeFileAtomic(file, serializeBaseline(baseline));
}
