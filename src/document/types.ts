/**
 * The document model's types: what the rules know about one Markdown file. A module of types (and the names
 * messages give block kinds) that every part of document/ and the rule kit imports, so none imports another's code
 * for a type.
 */
import type { Root } from 'mdast';
import type { FrontMatter } from './frontmatter.js';
import type { Dialect } from './dialect.js';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

/** A link target as written in the file, with where it is written. */
export interface LinkTarget {
  url: string;
  /** `template`: a template call the site's dialect reads as a link (MDN's `{{cssxref("color")}}`). */
  kind: 'link' | 'image' | 'reference' | 'html' | 'template';
  position: Range;
}

/** One piece of prose: a run of text a translator would translate (code, URLs and markup excluded). */
export interface ProsePiece {
  value: string;
  offset: number;
}

/** The translatable content of a region: its prose and its link targets. */
export interface Content {
  prose: string;
  links: LinkTarget[];
}

/** One `<span data-ttu-id>` translation with its `<span data-stu-id>` English, as found in the file. */
export interface SpanSegment {
  id: string;
  /** The whole `<span data-ttu-id="…">…</span>` element. */
  position: Range;
  /** The translated content (inside the ttu span). */
  translated: Content;
  /** The English content (inside the matching stu span); undefined when there is none. */
  english?: Content;
  englishPosition?: Range;
  /** The id on the stu span that follows, when it differs from `id`. */
  englishId?: string;
  /** Index of the block that holds the segment. */
  blockIndex: number;
}

/** Span markup that does not form a well-made pair, for `missing-span-id`. */
export interface SpanAnomaly {
  kind:
    | 'ttu-without-stu' // a translated span with no English span right after it
    | 'stu-without-ttu' // an English span with no translated span right before it
    | 'id-mismatch' // the stu id differs from the ttu id before it
    | 'unclosed' // a <span> that is never closed within its block
    | 'stray-close' // a </span> with nothing open
    | 'text-outside'; // translatable text outside any span in a block that uses spans
  id?: string;
  otherId?: string;
  text?: string;
  position: Range;
}

/** A block-level unit: heading, paragraph, table cell, raw HTML block, code block. */
export interface Block {
  index: number;
  type: 'heading' | 'paragraph' | 'tableCell' | 'html' | 'code';
  /** Heading depth (1–6) for headings. */
  depth?: number;
  /** The containers it sits in, outermost first: `list/listItem`, `blockquote`, `table/tableRow`. */
  context: string;
  position: Range;
  /** The translation's own content: everything outside `sxs-lookup` spans. */
  content: Content;
  /** Fenced or indented code, for code blocks. */
  code?: string;
  /** The span segments inside this block (span format only). */
  spans: SpanSegment[];
}

/** A block's kind as messages name it. */
export const BLOCK_NAMES: Record<Block['type'], string> = {
  heading: 'Heading',
  paragraph: 'Paragraph',
  tableCell: 'Table cell',
  html: 'HTML block',
  code: 'Code block',
};

export interface LocDocument {
  /** Absolute path. */
  path: string;
  /** Path relative to its locale root, with `/` separators: the key that pairs files across locales. */
  relPath: string;
  locale: string;
  /** The site's dialect: what its heading ids and template calls are. */
  dialect: Dialect;
  raw: Buffer;
  text: string;
  frontMatter: FrontMatter;
  tree: Root;
  blocks: Block[];
  /** True when the file uses side-by-side span markup. */
  spanFormat: boolean;
  spans: SpanSegment[];
  spanAnomalies: SpanAnomaly[];
  /** Turn an offset in `text` into a point. */
  pointAt(offset: number): Point;
}
