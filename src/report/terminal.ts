/**
 * The terminal form of `loc-lint report`: a table of locales, a table of findings by rule, the files with the
 * most findings, then a line of totals.
 *
 * Tables fit the width they are given. Headers wrap at spaces and hyphens first; then the least important
 * columns are dropped (and the tables say which); long file paths are shortened in the middle. Nothing is ever
 * cut mid-cell or wrapped by the terminal, so a narrow window reads as a smaller table, never as garble.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Figures, ReportData } from './figures.js';
import { escapeControl } from '../util/escape.js';

export interface TerminalOptions {
  /** Columns available (the terminal's width; 80 when unknown). */
  width: number;
  color: boolean;
  /** How many of the files with the most findings to list. */
  topFiles?: number;
}

interface Column {
  header: string;
  align: 'left' | 'right';
  /** Lower is kept longer; 0 is never dropped. */
  priority: number;
  cells: string[];
  /** Colour for a cell, by row (plain text decides the width). */
  paint?: (text: string, row: number) => string;
}

const GAP = 2;

/** The header split into lines at spaces and hyphens, as few lines as fit `width`. */
function wrapHeader(header: string, width: number): string[] {
  const words = header.match(/[^\s-]+-?/g) ?? [header];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const joined = line === '' ? word : line.endsWith('-') ? line + word : `${line} ${word}`;
    if (line !== '' && joined.length > width) {
      lines.push(line);
      line = word;
    } else line = joined;
  }
  if (line) lines.push(line);
  return lines;
}

const longestWord = (header: string) => Math.max(...(header.match(/[^\s-]+-?/g) ?? [header]).map((word) => word.length));

/**
 * Render columns in `width`: each column is as wide as its widest cell or the longest word of its header;
 * while too wide, drop the column with the highest priority number.
 */
function renderTable(columns: Column[], width: number, chalk: ChalkInstance): { lines: string[]; dropped: string[] } {
  const cellWidth = (column: Column) => Math.max(0, ...column.cells.map((cell) => [...cell].length));
  const oneLine = (column: Column) => Math.max(column.header.length, cellWidth(column));
  const wrapped = (column: Column) => Math.max(longestWord(column.header), cellWidth(column));
  const total = (list: Column[], widthOf: (column: Column) => number) => list.reduce((sum, column) => sum + widthOf(column), 0) + GAP * (list.length - 1);
  let kept = [...columns];
  const dropped: string[] = [];
  // Headers on one line when they fit; else wrapped; else drop the least important columns until it fits.
  let widthOf = total(kept, oneLine) <= width ? oneLine : wrapped;
  while (total(kept, widthOf) > width) {
    const candidates = kept.filter((column) => column.priority > 0);
    if (candidates.length === 0) break;
    const drop = candidates.reduce((worst, column) => (column.priority >= worst.priority ? column : worst));
    dropped.push(drop.header);
    kept = kept.filter((column) => column !== drop);
    if (total(kept, oneLine) <= width) widthOf = oneLine;
  }
  const widths = kept.map(widthOf);
  const headers = kept.map((column, index) => wrapHeader(column.header, widths[index]));
  const headerLines = Math.max(...headers.map((lines) => lines.length));
  const pad = (text: string, columnWidth: number, align: 'left' | 'right') => {
    const fill = ' '.repeat(Math.max(0, columnWidth - [...text].length));
    return align === 'right' ? fill + text : text + fill;
  };
  const lines: string[] = [];
  for (let line = 0; line < headerLines; line++) {
    // Headers sit on their last line, as in most terminal tables.
    const offset = (lines: string[]) => line - (headerLines - lines.length);
    lines.push(
      kept
        .map((column, index) => chalk.bold(pad(headers[index][offset(headers[index])] ?? '', widths[index], column.align)))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  }
  const rows = kept[0]?.cells.length ?? 0;
  for (let row = 0; row < rows; row++) {
    lines.push(
      kept
        .map((column, index) => {
          const padded = pad(column.cells[row], widths[index], column.align);
          return column.paint ? column.paint(padded, row) : padded;
        })
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  }
  return { lines, dropped };
}

/** `a/very/long/path.md` → `a/ve…th.md`, keeping both ends. */
function shorten(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return '…';
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return chars.slice(0, head).join('') + '…' + (tail > 0 ? chars.slice(-tail).join('') : '');
}

/** Wrap prose at spaces to `width`; a word longer than the width is shortened. */
function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const fitted = shorten(word, width);
    if (line !== '' && [...line].length + 1 + [...fitted].length > width) {
      lines.push(line);
      line = fitted;
    } else line = line === '' ? fitted : `${line} ${fitted}`;
  }
  if (line) lines.push(line);
  return lines;
}

const number = (value: number) => value.toLocaleString('en-US');

function handoffCell(figures: Figures): string {
  const oldest = figures.oldestHandoff;
  return oldest ? `${oldest.date} (${number(oldest.ageDays)} d)` : '–';
}

export function renderTerminalReport(data: ReportData, options: TerminalOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(20, options.width);
  const rows = [...data.locales, { locale: 'total', ...data.totals }];
  const last = rows.length - 1;
  const boldTotal = (text: string, row: number) => (row === last ? chalk.bold(text) : text);
  const warnIf = (values: number[]) => (text: string, row: number) => boldTotal(values[row] > 0 ? chalk.yellow(text) : text, row);
  const out: string[] = [];

  out.push(
    chalk.bold(shorten(`Localization report: ${escapeControl(data.source)}`, width)),
    ...wrapText(`${number(data.totals.locales)} locale${data.totals.locales === 1 ? '' : 's'}, ${number(data.totals.files)} translated files, ${data.generatedAt.slice(0, 10)}`, width),
    '',
  );

  const locales = renderTable(
    [
      { header: 'locale', align: 'left', priority: 0, cells: rows.map((row) => escapeControl(row.locale)), paint: boldTotal },
      { header: 'files', align: 'right', priority: 3, cells: rows.map((row) => number(row.files)), paint: boldTotal },
      { header: 'missing', align: 'right', priority: 4, cells: rows.map((row) => number(row.missing)), paint: warnIf(rows.map((row) => row.missing)) },
      // Shown only when there are orphans, so that the usual table keeps its width.
      ...(data.totals.orphaned > 0
        ? [{ header: 'orphaned', align: 'right' as const, priority: 7, cells: rows.map((row) => number(row.orphaned)), paint: warnIf(rows.map((row) => row.orphaned)) }]
        : []),
      { header: 'stale', align: 'right', priority: 1, cells: rows.map((row) => number(row.stale)), paint: warnIf(rows.map((row) => row.stale)) },
      { header: 'outdated', align: 'right', priority: 5, cells: rows.map((row) => number(row.outdated)), paint: warnIf(rows.map((row) => row.outdated)) },
      { header: 'up to date', align: 'right', priority: 0, cells: rows.map((row) => `${number(row.upToDate)} (${row.upToDatePercent.toFixed(1)}%)`), paint: boldTotal },
      { header: 'oldest handoff', align: 'left', priority: 6, cells: rows.map(handoffCell), paint: boldTotal },
    ],
    width,
    chalk,
  );
  out.push(...locales.lines);
  if (locales.dropped.length > 0) out.push(...wrapText(`(too narrow for: ${locales.dropped.join(', ')})`, width).map((line) => chalk.dim(line)));

  const ruleIds = Object.keys(data.totals.findings);
  if (ruleIds.length > 0) {
    out.push('', ...wrapText('Findings by rule', width).map((line) => chalk.bold(line)));
    const findings = renderTable(
      [
        { header: 'locale', align: 'left', priority: 0, cells: rows.map((row) => escapeControl(row.locale)), paint: boldTotal },
        ...ruleIds.map(
          (id, index): Column => ({
            header: id,
            align: 'right',
            // Rules with no findings anywhere give way first: a narrow terminal keeps the columns that say something.
            priority: index + 2 + (data.totals.findings[id] === 0 ? ruleIds.length : 0),
            cells: rows.map((row) => number(row.findings[id] ?? 0)),
            paint: warnIf(rows.map((row) => row.findings[id] ?? 0)),
          }),
        ),
        {
          header: 'all',
          align: 'right',
          priority: 0,
          cells: rows.map((row) => number(Object.values(row.findings).reduce((sum, n) => sum + n, 0))),
          paint: boldTotal,
        },
      ],
      width,
      chalk,
    );
    out.push(...findings.lines);
    const droppedEmpty = findings.dropped.filter((id) => data.totals.findings[id] === 0);
    const droppedFull = findings.dropped.filter((id) => data.totals.findings[id] !== 0);
    if (droppedFull.length > 0) out.push(...wrapText(`(too narrow for: ${droppedFull.join(', ')}; see --format json)`, width).map((line) => chalk.dim(line)));
    if (droppedEmpty.length > 0) out.push(...wrapText(`(no findings: ${droppedEmpty.join(', ')})`, width).map((line) => chalk.dim(line)));
  }

  const top = data.files.filter((file) => file.findings.length > 0).slice(0, options.topFiles ?? 10);
  if (top.length > 0) {
    out.push('', ...wrapText('Files with the most findings', width).map((line) => chalk.bold(line)));
    const countWidth = Math.max(...top.map((file) => number(file.findings.length).length));
    for (const file of top) {
      const count = number(file.findings.length).padStart(countWidth);
      const detail = ` (${file.errors} error${file.errors === 1 ? '' : 's'}, ${file.warnings} warning${file.warnings === 1 ? '' : 's'})`;
      const room = width - countWidth - 2;
      const name = escapeControl(file.file);
      const fitsDetail = [...name].length + detail.length <= room;
      out.push(`${count}  ${fitsDetail ? name : shorten(name, room)}${fitsDetail ? chalk.dim(detail) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}
