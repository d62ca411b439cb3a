/**
 * The figures of `loc-lint report`: per locale, how much of the documentation is translated and current, and
 * where the defects are. Computed from the same results `check` produces, so the two always agree.
 *
 * - files: translated files paired with an English file;
 * - missing: English files with no translation in the locale;
 * - orphaned: translated files with no English sibling (not counted in files; their findings are counted);
 * - stale: files whose recorded hash is not the English file's hash, or (without a hash) whose English file has
 *   commits since the recorded source commit (a `stale-source-hash` finding with `details.stale`, not one about a
 *   missing or malformed hash);
 * - outdated: files whose handoff is older than the English file's last change or older than `maxAgeDays`;
 * - upToDate: files that are neither stale nor outdated; upToDatePercent is their share of all English pages
 *   (files + missing), since a missing page is not up to date either;
 * - oldestHandoff: the earliest valid `ms.lasthandoff`, its age in days and its file;
 * - findings: findings per rule (every enabled rule listed, zeros included).
 */
import path from 'node:path';
import type { FileResult } from '../engine/findings.js';
import type { Discovery } from '../discover/discover.js';

const DAY = 24 * 60 * 60 * 1000;

export interface Handoff {
  date: string;
  ageDays: number;
  file: string;
}

export interface Figures {
  files: number;
  missing: number;
  orphaned: number;
  stale: number;
  outdated: number;
  upToDate: number;
  upToDatePercent: number;
  oldestHandoff: Handoff | null;
  findings: Record<string, number>;
}

export interface LocaleFigures extends Figures {
  locale: string;
}

export interface FileFigures {
  /** Path relative to the working directory, `/`-separated. */
  file: string;
  locale: string;
  relPath: string;
  handoff: string | null;
  stale: boolean;
  outdated: boolean;
  errors: number;
  warnings: number;
  findings: { ruleId: string; severity: 1 | 2; line: number; column: number; message: string }[];
}

export interface ReportData {
  generatedAt: string;
  /** The English root, relative to the working directory. */
  source: string;
  locales: LocaleFigures[];
  totals: Figures & { locales: number };
  /** Every linted file with its findings, most findings first (the HTML table; the terminal's top files). */
  files: FileFigures[];
}

/** Stale by the hash, or (without one) by English commits since the source commit: `details.stale`. */
export function isStale(result: FileResult): boolean {
  return result.messages.some((message) => message.ruleId === 'stale-source-hash' && (message.details?.stale === true || message.details?.englishHash !== undefined));
}

export function isOutdated(result: FileResult): boolean {
  return result.messages.some((message) => message.ruleId === 'outdated-handoff' && message.details?.handoff !== undefined);
}

const relative = (cwd: string, file: string) => (path.relative(cwd, file) || file).split(path.sep).join('/');

function figures(results: FileResult[], missing: number, ruleIds: string[], now: Date, cwd: string): Figures {
  const findings: Record<string, number> = Object.fromEntries(ruleIds.map((id) => [id, 0]));
  let stale = 0;
  let outdated = 0;
  let upToDate = 0;
  let oldest: FileResult | undefined;
  let orphaned = 0;
  let paired = 0;
  for (const result of results) {
    for (const message of result.messages) findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
    if (result.kind === 'orphan') orphaned++;
    // Orphans and links outside the roots are not pages of the locale's translation: findings only.
    if (result.kind !== undefined) continue;
    paired++;
    const s = isStale(result);
    const o = isOutdated(result);
    if (s) stale++;
    if (o) outdated++;
    if (!s && !o) upToDate++;
    if (result.handoff && (!oldest || result.handoff < oldest.handoff!)) oldest = result;
  }
  const pages = paired + missing;
  return {
    files: paired,
    missing,
    orphaned,
    stale,
    outdated,
    upToDate,
    upToDatePercent: pages === 0 ? 100 : Math.round((upToDate / pages) * 1000) / 10,
    oldestHandoff: oldest
      ? {
          date: oldest.handoff!,
          ageDays: Math.floor((now.getTime() - Date.parse(`${oldest.handoff}T00:00:00Z`)) / DAY),
          file: relative(cwd, oldest.filePath),
        }
      : null,
    findings,
  };
}

export function computeReport(
  results: FileResult[],
  discovery: Pick<Discovery, 'missing'>,
  options: { locales: string[]; ruleIds: string[]; sourceRoot: string; now: Date; cwd: string },
): ReportData {
  // A link in the English root has the English locale: counted in the totals, not given a row of its own.
  const locales = [...new Set([...options.locales, ...results.filter((result) => result.kind !== 'link').map((result) => result.locale)])].sort();
  const perLocale = locales.map((locale) => ({
    locale,
    ...figures(
      results.filter((result) => result.locale === locale),
      discovery.missing.filter((entry) => entry.locale === locale).length,
      options.ruleIds,
      options.now,
      options.cwd,
    ),
  }));
  const files: FileFigures[] = results.map((result) => ({
    file: relative(options.cwd, result.filePath),
    locale: result.locale,
    relPath: result.relPath,
    handoff: result.handoff ?? null,
    stale: isStale(result),
    outdated: isOutdated(result),
    errors: result.errorCount,
    warnings: result.warningCount,
    findings: result.messages.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message })),
  }));
  files.sort((a, b) => b.findings.length - a.findings.length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    generatedAt: options.now.toISOString(),
    source: relative(options.cwd, options.sourceRoot),
    locales: perLocale,
    totals: { locales: locales.length, ...figures(results, discovery.missing.length, options.ruleIds, options.now, options.cwd) },
    files,
  };
}
