/**
 * The default terminal format, modelled on ESLint's `stylish`: findings grouped by file, one line each
 * (`line:column  severity  message  rule-id`), then a summary line.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import type { FileResult } from '../engine/findings.js';
import { escapeControl } from '../util/escape.js';
import type { RunSummary } from './types.js';

export interface StylishOptions {
  color: boolean;
  cwd: string;
  /** What the baseline did, when one was applied. */
  summary?: RunSummary;
}

/** The baseline's part of the summary: what it hid and what is gone, so neither goes unnoticed. */
function baselineNotes(summary: RunSummary | undefined): string[] {
  if (!summary) return [];
  const notes: string[] = [];
  if (summary.suppressed > 0) notes.push(`${summary.suppressed} known problem${summary.suppressed === 1 ? '' : 's'} suppressed by the baseline`);
  if (summary.fixed > 0) notes.push(`${summary.fixed} baselined problem${summary.fixed === 1 ? ' is' : 's are'} fixed: run "loc-lint baseline --prune" to drop ${summary.fixed === 1 ? 'it' : 'them'}`);
  return notes;
}

function pad(value: string, width: number): string {
  return value + ' '.repeat(Math.max(0, width - [...value].length));
}

export function formatStylish(results: FileResult[], options: StylishOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    lines.push('', chalk.underline(escapeControl(path.relative(options.cwd, result.filePath) || result.filePath)));
    const rows = result.messages.map((message) => ({
      where: `${message.line}:${message.column}`,
      severity: message.severity === 2 ? 'error' : 'warning',
      message: escapeControl(message.short ?? message.message),
      ruleId: message.ruleId,
    }));
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    for (const row of rows) {
      const severity = row.severity === 'error' ? chalk.red(pad(row.severity, 7)) : chalk.yellow(pad(row.severity, 7));
      lines.push(`  ${chalk.dim(pad(row.where, whereWidth))}  ${severity}  ${row.message}  ${chalk.dim(row.ruleId)}`);
    }
  }
  const total = errors + warnings;
  const notes = baselineNotes(options.summary);
  if (total === 0) {
    // Silence is success, as in ESLint; but a baseline at work is worth one line.
    return notes.length > 0 ? `${chalk.green('✔ no new problems')} (${notes.join('; ')})\n` : '';
  }
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  lines.push('', (errors ? chalk.red.bold(summary) : chalk.yellow.bold(summary)));
  for (const note of notes) lines.push(chalk.dim(`  ${note}`));
  lines.push('');
  return lines.join('\n');
}
