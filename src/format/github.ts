/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff,
 *
 *   ::error file=de-de/docs/install.md,line=26,col=40,endLine=26,endColumn=58,title=loc-lint(link-mismatch)::Link target …
 *
 * (`::warning` for warnings; `endLine`/`endColumn` only when the finding has an end). Paths are relative to the
 * working directory with `/`, which is the repository root when loc-lint runs from it, as GitHub expects.
 *
 * GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and drops the rest, so the
 * first 10 errors and then the first 10 warnings are annotations, and every further finding is printed as a plain
 * log line (`path:line:column: error message (rule-id)`): nothing is lost. One `::notice` at the end counts the
 * findings and files, says how many are annotations, and what the baseline suppressed or found fixed. It is
 * printed only when there is something to say: findings, or a baseline that suppressed or lost findings. A clean
 * run prints nothing, as `stylish` does.
 *
 * Escaping is that of GitHub's toolkit (@actions/core): data `%` → `%25`, CR → `%0D`, LF → `%0A`; properties also
 * `:` → `%3A`, `,` → `%2C`. Before that, other control characters from linted files (terminal escape sequences)
 * are made visible (`\x1b`) so they cannot reach the log raw. Plain lines escape line breaks too (`\n`), so no
 * text from a file can start a line of its own and be read as a workflow command.
 */
import path from 'node:path';
import type { FileResult, Finding } from '../engine/findings.js';
import { escapeControl, escapeControlExceptLineBreaks } from '../util/escape.js';
import type { FormatContext, RunSummary } from './types.js';

/** Annotations GitHub shows per kind and step. */
export const ANNOTATIONS_PER_KIND = 10;

/** @actions/core's escapeData, after making control characters other than line breaks visible. */
export function escapeData(value: string): string {
  return escapeControlExceptLineBreaks(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** @actions/core's escapeProperty, after making control characters other than line breaks visible. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

interface Item {
  file: string;
  finding: Finding;
}

function annotation(item: Item): string {
  const { file, finding } = item;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    ...(finding.endLine !== undefined && finding.endColumn !== undefined ? [`endLine=${finding.endLine}`, `endColumn=${finding.endColumn}`] : []),
    `title=${escapeProperty(`loc-lint(${finding.ruleId})`)}`,
  ];
  return `::${finding.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(finding.message)}`;
}

function plainLine(item: Item): string {
  const { file, finding } = item;
  let shown = escapeControl(file);
  // A line that starts with `::` or `##[` would be read as a command; a path of ours never does, but make sure.
  if (/^[\s:#]/.test(shown)) shown = `./${shown}`;
  return `${shown}:${finding.line}:${finding.column}: ${finding.severity === 2 ? 'error' : 'warning'} ${escapeControl(finding.message)} (${escapeControl(finding.ruleId)})`;
}

function baselineNotes(summary: RunSummary | undefined): string[] {
  if (!summary) return [];
  const notes: string[] = [];
  if (summary.suppressed > 0) notes.push(`${plural(summary.suppressed, 'known problem')} suppressed by the baseline`);
  if (summary.fixed > 0) {
    notes.push(`${plural(summary.fixed, 'baselined problem')} ${summary.fixed === 1 ? 'is' : 'are'} fixed (run "loc-lint baseline --prune" to drop ${summary.fixed === 1 ? 'it' : 'them'})`);
  }
  return notes;
}

export function formatGithub(results: FileResult[], context: Pick<FormatContext, 'cwd' | 'summary'>): string {
  const items: Item[] = [];
  let files = 0;
  for (const result of results) {
    if (result.messages.length > 0) files++;
    const file = path.relative(context.cwd, result.filePath).split(path.sep).join('/') || result.filePath;
    for (const finding of result.messages) items.push({ file, finding });
  }
  const notes = baselineNotes(context.summary);
  if (items.length === 0 && notes.length === 0) return '';

  const errors = items.filter((item) => item.finding.severity === 2);
  const warnings = items.filter((item) => item.finding.severity !== 2);
  const annotated = [...errors.slice(0, ANNOTATIONS_PER_KIND), ...warnings.slice(0, ANNOTATIONS_PER_KIND)];
  const isAnnotated = new Set(annotated);
  const lines = [...annotated.map(annotation), ...items.filter((item) => !isAnnotated.has(item)).map(plainLine)];

  const parts: string[] = [];
  if (items.length === 0) {
    parts.push('no new problems');
  } else {
    parts.push(`${plural(errors.length, 'error')} and ${plural(warnings.length, 'warning')} in ${plural(files, 'file')}`);
    if (annotated.length < items.length) parts.push(`${annotated.length} shown as annotations, the rest are listed in the log above`);
  }
  parts.push(...notes);
  lines.push(`::notice title=loc-lint::${escapeData(parts.join('; '))}`);
  return `${lines.join('\n')}\n`;
}
