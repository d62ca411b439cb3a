/**
 * The document model: everything the rules need to know about one Markdown file, computed once.
 *
 * raw bytes → text → front matter → mdast tree → blocks (the units that align with the English sibling) →
 * span segments (the side-by-side `data-ttu-id` / `data-stu-id` markup of machine-translated pages).
 *
 * Nothing here decides what is a defect; rules do. The model records facts, including malformed span markup,
 * so that rules can report it.
 */
import { location } from 'vfile-location';
import { readFrontMatter } from './frontmatter.js';
import { decode, deepestNesting, DocumentError, MAX_NESTING, parseMarkdown } from './parse.js';
import { readBlocks } from './blocks.js';
import { DIALECTS, type DialectName } from './dialect.js';
import type { LocDocument, Point } from './types.js';

export * from './types.js';
export { DIALECT_NAMES, DIALECTS, mdnAnchor, templateCalls, type Dialect, type DialectName, type TemplateCall } from './dialect.js';
export { decode, deepestNesting, DocumentError, MAX_NESTING, parseMarkdown, ParseTimeoutError, toBuffer } from './parse.js';

/** Read one file into the document model; throws {@link DocumentError} for a file that is not Markdown text. */
export function parseDocument(options: { path: string; relPath: string; locale: string; raw: Buffer; parseTimeoutMs?: number; dialect?: DialectName }): LocDocument {
  const dialect = DIALECTS[options.dialect ?? 'docfx'];
  const text = decode(options.raw);
  const nesting = deepestNesting(text);
  if (nesting.depth > MAX_NESTING) {
    throw new DocumentError(`line ${nesting.line} nests ${nesting.depth.toLocaleString('en-US')} block quotes or list items; more than ${MAX_NESTING.toLocaleString('en-US')} levels is not parsed`);
  }
  const frontMatter = readFrontMatter(text);
  const tree = parseMarkdown(text, options.parseTimeoutMs);
  const place = location(text);
  const pointAt = (offset: number): Point => {
    const point = place.toPoint(offset);
    if (point) return { line: point.line, column: point.column, offset };
    // At the very end of the text vfile-location may not answer; count lines ourselves.
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1, offset };
  };
  const reading = readBlocks(text, tree, pointAt, { dialect, locale: options.locale });
  return {
    path: options.path,
    relPath: options.relPath,
    locale: options.locale,
    dialect,
    raw: options.raw,
    text,
    frontMatter,
    tree,
    blocks: reading.blocks,
    spanFormat: reading.spans.length > 0 || reading.sawSpanMarkup,
    spans: reading.spans,
    spanAnomalies: reading.anomalies,
    pointAt,
  };
}
