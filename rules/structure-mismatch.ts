/**
 * @file structure-mismatch
 *
 * ## What it checks
 * The shape of the translated page follows the English page:
 * - headings: the same number, at the same levels, in the same order;
 * - alerts (`> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`, `> [!CAUTION]`, `> [!WARNING]`): the same types in order;
 * - includes (`[!INCLUDE[…](path)]`): the same targets;
 * - tables: the same number, each with as many columns and rows as its English table;
 * - lists: the same lists (nested ones too), in order, each with as many items as its English list. An ordinal
 *   written like a list marker at the start of an item (`* 1. gün:` for "* Day 1:") is not a list.
 * Each kind is reported once per file, at the first place where the translation departs from the English, with
 * both sequences (briefly) in the message. Image targets are `link-mismatch`'s business.
 *
 * ## Why
 * A heading dropped or demoted breaks the page's outline and its table of contents; a missing alert hides a
 * warning from the readers of one language; a lost include or table row loses content without a trace in the
 * prose. These slip through when a translation tool or a hand-merge mangles the Markdown.
 *
 * ## Options
 * - `check` (array, default all of `["headings", "alerts", "includes", "tables", "lists"]`): the kinds to compare.
 *
 * ## Examples
 *
 * @example
 *   {"name": "the same shape"}
 *   ~~~english
 *   # Install
 *
 *   > [!NOTE]
 *   > Restart afterwards.
 *
 *   ## Options
 *
 *   - One
 *   - Two
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *
 *   > [!NOTE]
 *   > Danach neu starten.
 *
 *   ## Optionen
 *
 *   - Eins
 *   - Zwei
 *   ~~~
 *
 * @example
 *   {"name": "a demoted heading, a changed alert, a lost list item"}
 *   ~~~english
 *   # Install
 *
 *   > [!WARNING]
 *   > Back up first.
 *
 *   ## Options
 *
 *   - One
 *   - Two
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *
 *   > [!NOTE]
 *   > Zuerst sichern.
 *
 *   ### Optionen
 *
 *   - Eins
 *   ~~~
 *   ~~~findings
 *   3:1 structure-mismatch Alerts differ from the English: alert 1 is NOTE, the English's is WARNING (the English has WARNING)
 *   6:1 structure-mismatch Headings differ from the English: heading 2 is level 3, the English's is level 2 (en-us/example.md:6)
 *   8:1 structure-mismatch Lists differ from the English: list 1 has 1 item, the English's has 2 (en-us/example.md:8)
 *   ~~~
 */
import type { Nodes } from 'mdast';
import { defineRule, docfxExtensionRanges, leadingOrdinal, walkTree, type LocDocument, type Range } from '../src/rule-kit/index.js';

type Kind = 'headings' | 'alerts' | 'includes' | 'tables' | 'lists';
const KINDS: Kind[] = ['headings', 'alerts', 'includes', 'tables', 'lists'];

interface Shape {
  headings: { depth: number; place: Range }[];
  alerts: { type: string; place: Range }[];
  includes: { target: string; place: Range }[];
  tables: { columns: number; rows: number; place: Range }[];
  /** Every list, nested ones too, in document order, with its number of items. */
  lists: { items: number; place: Range }[];
}

const ALERT = /^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]/i;

function rangeOf(node: Nodes): Range | undefined {
  const position = node.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return undefined;
  return {
    start: { line: position.start.line, column: position.start.column, offset: position.start.offset },
    end: { line: position.end.line, column: position.end.column, offset: position.end.offset },
  };
}

/** The structure of a document, read from its tree. */
function shapeOf(document: LocDocument): Shape {
  const shape: Shape = { headings: [], alerts: [], includes: [], tables: [], lists: [] };
  /** Ordinals written like list markers (`* 1. gün:` for "Day 1"): not lists of the page. */
  const ordinals = new Set<Nodes>();
  walkTree(document.tree, (node) => {
    const place = rangeOf(node);
    if (!place) return;
    if (node.type === 'listItem') {
      const ordinal = leadingOrdinal(node);
      if (ordinal) ordinals.add(ordinal);
    } else if (node.type === 'list' && !ordinals.has(node)) shape.lists.push({ items: node.children.length, place });
    else if (node.type === 'heading') shape.headings.push({ depth: node.depth, place });
    else if (node.type === 'table') shape.tables.push({ columns: node.children[0]?.children.length ?? 0, rows: node.children.length, place });
    else if (node.type === 'blockquote') {
      const first = document.text.slice(place.start.offset, place.end.offset).replace(/^[>\s]+/, '');
      const alert = ALERT.exec(first);
      if (alert) shape.alerts.push({ type: alert[1].toUpperCase(), place });
    }
  });
  // `[!INCLUDE[title](path)]`: the docfx extensions the prose helpers already find (in linear time), and in each
  // include the path between its last `](` and `)`.
  for (const { start, end } of docfxExtensionRanges(document.text)) {
    const extension = document.text.slice(start, end);
    if (!/^\[!include/i.test(extension)) continue;
    const open = extension.lastIndexOf('](');
    const close = extension.lastIndexOf(')');
    if (open === -1 || close < open) continue;
    const point = document.pointAt(start);
    shape.includes.push({ target: extension.slice(open + 2, close).trim(), place: { start: point, end: point } });
  }
  return shape;
}

const list = (values: (string | number)[]) => (values.length > 8 ? `${values.slice(0, 8).join(', ')}, …` : values.join(', ') || 'none');

export default defineRule(
  {
    id: 'structure-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'headings, alerts, includes, tables and list items of a translation follow the English' },
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { check: { type: 'array', items: { enum: KINDS }, uniqueItems: true } },
    },
    defaultOptions: { check: KINDS as string[] },
  },
  (context) => {
    const kinds = new Set(context.options.check);
    const mine = shapeOf(context.translated);
    const theirs = shapeOf(context.english);
    const start = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

    if (kinds.has('headings')) {
      const count = Math.max(mine.headings.length, theirs.headings.length);
      for (let i = 0; i < count; i++) {
        const a = mine.headings[i];
        const b = theirs.headings[i];
        if (a && b && a.depth === b.depth) continue;
        const message = !a
          ? `${mine.headings.length} headings, the English has ${theirs.headings.length} (levels ${list(theirs.headings.map((h) => h.depth))}; the first missing is at ${context.englishAt(b!.place)})`
          : !b
            ? `${mine.headings.length} headings, the English has ${theirs.headings.length} (levels here ${list(mine.headings.map((h) => h.depth))})`
            : `heading ${i + 1} is level ${a.depth}, the English's is level ${b.depth} (${context.englishAt(b.place)})`;
        context.report({ message: `Headings differ from the English: ${message}`, place: a?.place ?? mine.headings.at(-1)?.place ?? start, subject: 'headings' });
        break;
      }
    }

    if (kinds.has('alerts')) {
      const here = mine.alerts.map((alert) => alert.type);
      const there = theirs.alerts.map((alert) => alert.type);
      const differs = here.findIndex((type, i) => type !== there[i]);
      const at = differs === -1 ? (here.length === there.length ? -1 : here.length) : differs;
      if (at !== -1) {
        context.report({
          message: `Alerts differ from the English: alert ${at + 1} is ${here[at] ?? 'missing'}, the English's is ${there[at] ?? 'none'} (the English has ${list(there)})`,
          place: mine.alerts[at]?.place ?? mine.alerts.at(-1)?.place ?? start,
          subject: 'alerts',
        });
      }
    }

    if (kinds.has('includes')) {
      const remaining = new Map<string, number>();
      for (const include of theirs.includes) remaining.set(include.target, (remaining.get(include.target) ?? 0) + 1);
      const extra = mine.includes.filter((include) => {
        const left = remaining.get(include.target) ?? 0;
        if (left > 0) remaining.set(include.target, left - 1);
        return left === 0;
      });
      const missing = [...remaining].flatMap(([target, left]) => Array<string>(left).fill(target));
      if (extra.length > 0 || missing.length > 0) {
        context.report({
          message: `Includes differ from the English: ${[...extra.map((include) => `${include.target} is not in the English`), ...missing.map((target) => `${target} is missing`)].join('; ')}`,
          place: extra[0]?.place ?? start,
          details: { extra: extra.map((include) => include.target), missing },
          subject: 'includes',
        });
      }
    }

    if (kinds.has('tables')) {
      const count = Math.max(mine.tables.length, theirs.tables.length);
      for (let i = 0; i < count; i++) {
        const a = mine.tables[i];
        const b = theirs.tables[i];
        if (a && b && a.columns === b.columns && a.rows === b.rows) continue;
        const message = !a || !b
          ? `${mine.tables.length} tables, the English has ${theirs.tables.length}`
          : `table ${i + 1} has ${a.columns} columns and ${a.rows} rows, the English's ${b.columns} and ${b.rows} (${context.englishAt(b.place)})`;
        context.report({ message: `Tables differ from the English: ${message}`, place: a?.place ?? start, subject: 'tables' });
        break;
      }
    }

    if (kinds.has('lists')) {
      // List by list in document order: reported at the first list whose items differ in number, or where the
      // lists of one side run out.
      for (let i = 0; i < Math.max(mine.lists.length, theirs.lists.length); i++) {
        const a = mine.lists[i];
        const b = theirs.lists[i];
        if (a && b && a.items === b.items) continue;
        const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
        const lists = `${mine.lists.length} list${mine.lists.length === 1 ? '' : 's'}, the English has ${theirs.lists.length}`;
        const message =
          a && b
            ? `list ${i + 1} has ${items(a.items)}, the English's has ${b.items} (${context.englishAt(b.place)})`
            : b
              ? `${lists} (the first missing is at ${context.englishAt(b.place)})`
              : lists;
        context.report({ message: `Lists differ from the English: ${message}`, place: a?.place ?? mine.lists[mine.lists.length - 1]?.place ?? start, subject: 'lists' });
        break;
      }
    }
  },
);
