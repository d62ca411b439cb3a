/**
 * The document model: everything the rules need to know about one Markdown file, computed once.
 *
 * raw bytes → text → front matter → mdast tree → blocks (the units that align with the English sibling) →
 * span segments (the side-by-side `data-ttu-id` / `data-stu-id` markup of machine-translated pages).
 *
 * Nothing here decides what is a defect; rules do. The model records facts, including malformed span markup,
 * so that rules can report it.
 */
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { location } from 'vfile-location';
import vm from 'node:vm';
import { codeDepthAfter, scanTags, type HtmlTag } from './html-tags.js';
import { readFrontMatter, type FrontMatter } from './frontmatter.js';
import { walkTree } from './walk.js';
import { lastStartingAtOrBefore } from '../util/sorted.js';

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
  kind: 'link' | 'image' | 'reference' | 'html';
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

/** Thrown by {@link parseDocument} when a file is not Markdown text at all; the engine reports it as `parse-error`. */
export class DocumentError extends Error {}

/**
 * The parse ran over its time budget. Unlike other document errors this depends on the machine's load, not only
 * on the file, so its finding is never cached.
 */
export class ParseTimeoutError extends DocumentError {}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Bytes as a Buffer without copying (a worker receives its files as plain Uint8Arrays). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decode raw bytes as UTF-8, refusing what is not text. The BOM is dropped from the text, kept in `raw`. */
export function decode(raw: Buffer): string {
  const probe = raw.subarray(0, 8192);
  if (probe.includes(0)) throw new DocumentError('file is binary (contains NUL bytes), not Markdown text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new DocumentError('file is not valid UTF-8 text');
  }
}

/**
 * Container nesting (block quotes and list items opened on one line) beyond which a file is not parsed.
 * micromark re-checks every open container on every line, so time grows with the square of the depth, and its
 * tree building recurses: a few thousand levels exhaust the stack. Real pages nest a handful of levels;
 * renderers cap it too (markdown-it at 100).
 */
export const MAX_NESTING = 1000;

/**
 * The deepest run of container markers (`>`, `-`, `*`, `+`, `1.`, `1)` followed by a blank) at the start of
 * any line, with its line number. One pass over the text, no regular expression.
 */
export function deepestNesting(text: string): { depth: number; line: number } {
  let deepest = { depth: 0, line: 1 };
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let depth = 0;
    // Markers and the blanks between them, from the start of the line.
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      const c = text[i];
      if (c === '>') {
        depth++;
        i++;
      } else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        depth++;
        i += 2;
      } else if (c !== undefined && c >= '0' && c <= '9') {
        let j = i;
        while (j < n && j - i < 9 && text[j] >= '0' && text[j] <= '9') j++;
        if ((text[j] === '.' || text[j] === ')') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
          depth++;
          i = j + 2;
        } else break;
      } else break;
    }
    if (depth > deepest.depth) deepest = { depth, line };
    const next = text.indexOf('\n', i);
    if (next === -1) break;
    i = next + 1;
    line++;
  }
  return deepest;
}

/** Texts shorter than this are parsed directly: even the worst Markdown of that size parses in well under a second. */
const GUARDED_FROM = 4096;
const guardScript = new vm.Script('parse(text)');
const guardContext = vm.createContext({ parse: (text: string) => parser.parse(text), text: '' });

/**
 * Parse Markdown with a time budget. micromark is quadratic on some inputs (runs of `[ (](`, `\``, `[a](b "`,
 * `[[…]]`: the cmark "pathological" families), so a 30 KB file can take a minute. Run inside a vm script with a
 * timeout, the parse is interrupted when it runs over (V8 stops whatever JavaScript is running), and the file
 * gets a finding instead of stalling the run. The tree is built by this realm's functions, so it is an ordinary
 * object of this realm.
 */
export function parseMarkdown(text: string, timeoutMs?: number): Root {
  if (!timeoutMs || text.length < GUARDED_FROM) return parser.parse(text) as Root;
  guardContext.text = text;
  try {
    return guardScript.runInContext(guardContext, { timeout: timeoutMs }) as Root;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new ParseTimeoutError(
        `parsing took longer than ${timeoutMs / 1000} s (runs of unclosed link or code syntax make Markdown parsers slow); not linted (raise "parseTimeoutSeconds" in the configuration to wait longer)`,
      );
    }
    throw error;
  } finally {
    guardContext.text = '';
  }
}

export function parseDocument(options: { path: string; relPath: string; locale: string; raw: Buffer; parseTimeoutMs?: number }): LocDocument {
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
  const builder = new BlockBuilder(text, pointAt, collectDefinitions(tree));
  builder.walk(tree, []);
  return {
    path: options.path,
    relPath: options.relPath,
    locale: options.locale,
    raw: options.raw,
    text,
    frontMatter,
    tree,
    blocks: builder.blocks,
    spanFormat: builder.spans.length > 0 || builder.sawSpanMarkup,
    spans: builder.spans,
    spanAnomalies: builder.anomalies,
    pointAt,
  };
}

function normalizeIdentifier(value: string): string {
  return value.toLowerCase().replace(/\s+/g, ' ').trim();
}

function collectDefinitions(tree: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  // Definitions sit at block level; walking the whole tree also finds them inside lists and quotes.
  walkTree(tree, (node) => {
    if (node.type !== 'definition') return;
    const id = normalizeIdentifier(node.identifier);
    if (!definitions.has(id)) definitions.set(id, node.url);
  });
  return definitions;
}

/** Kinds of region a position can fall in, inside one block with span markup. */
interface Region {
  start: number;
  end: number;
  kind: 'ttu' | 'sxs' | 'stu';
  segment?: SpanSegment;
  stu?: { id: string; content: Content };
}

/** A tag with offsets made absolute. */
interface PlacedTag extends HtmlTag {
  /** Offset of `<` in the file. */
  at: number;
}

/** Something found while walking a block's inline content, in document order. */
type Item =
  | { kind: 'text'; value: string; offset: number }
  | { kind: 'gap'; offset: number } // skipped content (code, markup) that still separates words
  | { kind: 'link'; target: LinkTarget; offset: number };

const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'table', 'tableRow', 'footnoteDefinition']);

class BlockBuilder {
  blocks: Block[] = [];
  spans: SpanSegment[] = [];
  anomalies: SpanAnomaly[] = [];
  sawSpanMarkup = false;
  /** How many code elements (`<pre>`, `<code>`, `<samp>`) are open in the block being read. */
  private codeDepth = 0;

  constructor(
    private text: string,
    private pointAt: (offset: number) => Point,
    private definitions: Map<string, string>,
  ) {}

  private range(start: number, end: number): Range {
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }

  private nodeRange(position: Position | undefined): Range {
    const start = position?.start.offset ?? 0;
    const end = position?.end.offset ?? start;
    return this.range(start, end);
  }

  walk(node: Parents, context: string[]): void {
    for (const child of node.children as RootContent[]) {
      switch (child.type) {
        case 'heading':
          this.addBlock('heading', child, context, child.depth);
          break;
        case 'paragraph':
          this.addBlock('paragraph', child, context);
          break;
        case 'tableCell':
          this.addBlock('tableCell', child, context);
          break;
        case 'html':
          this.addBlock('html', child, context);
          break;
        case 'code':
          this.blocks.push({
            index: this.blocks.length,
            type: 'code',
            context: context.join('/'),
            position: this.nodeRange(child.position),
            content: { prose: '', links: [] },
            code: child.value,
            spans: [],
          });
          break;
        default:
          if (CONTAINERS.has(child.type) && 'children' in child) this.walk(child as Parents, [...context, child.type]);
      }
    }
  }

  private addBlock(type: Block['type'], node: Nodes, context: string[], depth?: number): void {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const items: Item[] = [];
    const tags: PlacedTag[] = [];
    this.codeDepth = 0;
    if (node.type === 'html') this.collectHtml(node.value, start, items, tags);
    else this.collectInline(node, items, tags);
    const block: Block = {
      index: this.blocks.length,
      type,
      depth,
      context: context.join('/'),
      position: this.range(start, end),
      content: { prose: '', links: [] },
      spans: [],
    };
    const regions = this.spanRegions(tags, block);
    this.distribute(items, regions, block);
    this.blocks.push(block);
  }

  /** Walk phrasing content in order, noting prose, links and raw tags. */
  private collectInline(node: Nodes, items: Item[], tags: PlacedTag[]): void {
    if (!('children' in node)) return;
    let cursor = node.position?.start.offset ?? 0;
    for (const child of node.children as Nodes[]) {
      // remark-gfm's literal-autolink transform (`[!Video https://…]`, `www.`) makes nodes without positions:
      // find them in the source after the previous sibling instead of placing them at the top of the file.
      const literal = !child.position;
      child.position ??= this.findPosition(child, cursor, node.position?.end.offset ?? this.text.length);
      const offset = child.position?.start.offset ?? cursor;
      cursor = child.position?.end.offset ?? cursor;
      // That transform also links `www` in `"www."`, which GFM does not (`www.` needs a domain after it): keep it text.
      if (literal && child.type === 'link' && /^http:\/\/www(?:[/?#]|$)/i.test(child.url)) {
        this.collectInline(child, items, tags);
        continue;
      }
      switch (child.type) {
        case 'text':
          items.push(this.codeDepth > 0 ? { kind: 'gap', offset } : { kind: 'text', value: child.value, offset });
          break;
        case 'inlineCode':
        case 'break':
        case 'footnoteReference':
          items.push({ kind: 'gap', offset });
          break;
        case 'html':
          this.collectHtml(child.value, offset, items, tags);
          break;
        case 'link':
          items.push({ kind: 'link', offset, target: { url: child.url, kind: 'link', position: this.nodeRange(child.position) } });
          this.collectInline(child, items, tags);
          break;
        case 'image':
          items.push({ kind: 'link', offset, target: { url: child.url, kind: 'image', position: this.nodeRange(child.position) } });
          if (child.alt) items.push({ kind: 'text', value: child.alt, offset });
          break;
        case 'linkReference':
        case 'imageReference': {
          const url = this.definitions.get(normalizeIdentifier(child.identifier));
          if (url !== undefined) {
            items.push({ kind: 'link', offset, target: { url, kind: 'reference', position: this.nodeRange(child.position) } });
          }
          if (child.type === 'linkReference') this.collectInline(child, items, tags);
          else if (child.alt) items.push({ kind: 'text', value: child.alt, offset });
          break;
        }
        default:
          this.collectInline(child, items, tags);
      }
    }
  }

  /** Where a node without a position sits: its text, searched from `from`; an empty range at `from` if not found. */
  private findPosition(node: Nodes, from: number, to: number): Position {
    const needle = toText(node);
    const found = needle ? this.text.indexOf(needle, from) : -1;
    const start = found >= 0 && found + needle.length <= to ? found : from;
    const end = start === found ? found + needle.length : from;
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }

  /**
   * Raw HTML: tags become markup (and link targets for href/src), the text between them prose. Comments and the
   * content of code elements (`<pre>`, `<code>`, `<samp>`, which may span several inline nodes) are not prose.
   */
  private collectHtml(value: string, base: number, items: Item[], tags: PlacedTag[]): void {
    let cursor = 0;
    const text = (from: number, to: number) => {
      const piece = value.slice(from, to).replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
      if (this.codeDepth > 0 || piece.trim() === '') items.push({ kind: 'gap', offset: base + from });
      else items.push({ kind: 'text', value: decodeEntities(piece), offset: base + from });
    };
    for (const tag of scanTags(value)) {
      if (tag.start > cursor) text(cursor, tag.start);
      items.push({ kind: 'gap', offset: base + tag.start });
      cursor = tag.end;
      tags.push({ ...tag, at: base + tag.start });
      this.codeDepth = codeDepthAfter(tag, value, this.codeDepth);
      for (const attribute of ['href', 'src']) {
        const url = tag.attributes[attribute];
        if (url === undefined || tag.closing) continue;
        const at = base + tag.attributeOffsets[attribute];
        items.push({ kind: 'link', offset: base + tag.start, target: { url, kind: 'html', position: this.range(at, at + url.length) } });
      }
    }
    if (cursor < value.length) text(cursor, value.length);
  }

  /**
   * Run the span state machine over a block's tags: find ttu elements, the sxs-lookup wrappers and the stu
   * elements inside them, and pair each ttu with the stu that follows it. Spans never cross blocks, so an
   * unclosed span is reported and closed at the end of its block instead of swallowing the rest of the file.
   */
  private spanRegions(tags: PlacedTag[], block: Block): Region[] {
    /** Where a tag ends in the file (`end` counts within its HTML node, `at` is its start in the file). */
    const tagEnd = (tag: PlacedTag) => tag.at + (tag.end - tag.start);
    type Open = { kind: 'ttu' | 'sxs' | 'stu' | 'other'; id: string; tag: PlacedTag; stu?: Open[]; contentStart: number };
    const regions: Region[] = [];
    const stack: Open[] = [];
    let lastTtu: { segment: SpanSegment; end: number; paired: boolean } | undefined;
    const finishTtu = (open: Open, end: number, closeStart: number) => {
      const segment: SpanSegment = {
        id: open.id,
        position: this.range(open.tag.at, end),
        translated: { prose: '', links: [] },
        blockIndex: block.index,
      };
      regions.push({ start: open.contentStart, end: closeStart, kind: 'ttu', segment });
      block.spans.push(segment);
      this.spans.push(segment);
      lastTtu = { segment, end, paired: false };
    };
    const finishSxs = (open: Open, end: number) => {
      regions.push({ start: open.tag.at, end, kind: 'sxs' });
      const stus = open.stu ?? [];
      const ttu = lastTtu && !lastTtu.paired && this.onlySpaceBetween(lastTtu.end, open.tag.at) ? lastTtu : undefined;
      if (!ttu) {
        for (const stu of stus) this.anomalies.push({ kind: 'stu-without-ttu', id: stu.id, position: this.range(stu.tag.at, tagEnd(stu.tag)) });
        if (stus.length === 0) this.anomalies.push({ kind: 'stu-without-ttu', position: this.range(open.tag.at, tagEnd(open.tag)) });
        return;
      }
      ttu.paired = true;
      const [first, ...rest] = stus;
      if (!first) {
        this.anomalies.push({ kind: 'ttu-without-stu', id: ttu.segment.id, position: ttu.segment.position });
        return;
      }
      if (first.id !== ttu.segment.id) {
        this.anomalies.push({ kind: 'id-mismatch', id: ttu.segment.id, otherId: first.id, position: this.range(first.tag.at, tagEnd(first.tag)) });
        ttu.segment.englishId = first.id;
      }
      for (const stu of rest) this.anomalies.push({ kind: 'stu-without-ttu', id: stu.id, position: this.range(stu.tag.at, tagEnd(stu.tag)) });
    };
    for (const tag of tags) {
      if (tag.name !== 'span') continue;
      if (!tag.closing) {
        const ttuId = tag.attributes['data-ttu-id'];
        const stuId = tag.attributes['data-stu-id'];
        const isSxs = /(^|\s)sxs-lookup(\s|$)/.test(tag.attributes['class'] ?? '');
        const kind = ttuId !== undefined ? 'ttu' : stuId !== undefined ? 'stu' : isSxs ? 'sxs' : 'other';
        if (kind !== 'other') this.sawSpanMarkup = true;
        if (kind === 'ttu' && lastTtu && !lastTtu.paired) {
          this.anomalies.push({ kind: 'ttu-without-stu', id: lastTtu.segment.id, position: lastTtu.segment.position });
          lastTtu.paired = true;
        }
        const open: Open = { kind, id: ttuId ?? stuId ?? '', tag, contentStart: tag.at + (tag.end - tag.start) };
        if (kind === 'stu') {
          const sxs = [...stack].reverse().find((entry) => entry.kind === 'sxs');
          if (sxs) (sxs.stu ??= []).push(open);
        }
        stack.push(open);
        continue;
      }
      const open = stack.pop();
      const end = tag.at + (tag.end - tag.start);
      if (!open) {
        this.anomalies.push({ kind: 'stray-close', position: this.range(tag.at, end) });
        continue;
      }
      if (open.kind === 'ttu') finishTtu(open, end, tag.at);
      else if (open.kind === 'sxs') finishSxs(open, end);
      else if (open.kind === 'stu') regions.push({ start: open.contentStart, end: tag.at, kind: 'stu', stu: { id: open.id, content: { prose: '', links: [] } } });
    }
    // What is still open at the end of the block was never closed.
    for (const open of stack) {
      if (open.kind === 'other' && !this.sawSpanMarkup) continue;
      this.anomalies.push({ kind: 'unclosed', id: open.id || undefined, position: this.range(open.tag.at, open.tag.at + (open.tag.end - open.tag.start)) });
    }
    if (lastTtu && !lastTtu.paired) {
      this.anomalies.push({ kind: 'ttu-without-stu', id: lastTtu.segment.id, position: lastTtu.segment.position });
    }
    // Attach each stu's content to the ttu segment it pairs with.
    regions.sort((a, b) => a.start - b.start || b.end - a.end);
    this.pairStus(regions);
    return regions;
  }

  /** Give each ttu segment the content range of the first stu inside the sxs-lookup that follows it. */
  private pairStus(regions: Region[]): void {
    let pending: SpanSegment | undefined;
    for (const region of regions) {
      if (region.kind === 'ttu') pending = region.segment;
      else if (region.kind === 'stu' && pending) {
        pending.english = region.stu!.content;
        pending.englishPosition = this.range(region.start, region.end);
        pending = undefined;
      }
    }
  }

  private onlySpaceBetween(from: number, to: number): boolean {
    return to >= from && this.text.slice(from, to).trim() === '';
  }

  /** Send each prose piece and link to the region it falls in: a ttu, a stu, or the block itself. */
  private distribute(items: Item[], regions: Region[], block: Block): void {
    const starts = regions.map((region) => region.start);
    const proseOf = new Map<Content, string[]>();
    const push = (content: Content, item: Item) => {
      if (item.kind === 'link') content.links.push(item.target);
      else {
        let parts = proseOf.get(content);
        if (!parts) proseOf.set(content, (parts = []));
        parts.push(item.kind === 'text' ? item.value : ' ');
      }
    };
    const outside: Item[] = [];
    for (const item of items) {
      const region = innermost(regions, starts, item.offset);
      if (!region) {
        push(block.content, item);
        if (item.kind === 'text' && regions.length > 0) outside.push(item);
      } else if (region.kind === 'ttu') {
        push(region.segment!.translated, item);
        push(block.content, item);
      } else if (region.kind === 'stu') {
        push(region.stu!.content, item);
      }
      // Inside sxs-lookup but outside a stu: markup only, ignored.
    }
    for (const [content, parts] of proseOf) content.prose = parts.join('').replace(/\s+/g, ' ').trim();
    if (regions.length > 0) this.noteTextOutside(outside);
  }

  private noteTextOutside(outside: Item[]): void {
    for (const item of outside) {
      if (item.kind !== 'text' || !/\p{L}/u.test(item.value)) continue;
      const value = item.value.trim();
      const lead = item.value.indexOf(value);
      this.anomalies.push({ kind: 'text-outside', text: value, position: this.range(item.offset + lead, item.offset + lead + value.length) });
    }
  }
}

/** The plain text of an inline node, as the source usually spells it for autolinks and text. */
function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  return '';
}

/** The innermost region containing `offset` (regions sorted by start, longest first on ties). */
function innermost(regions: Region[], starts: number[], offset: number): Region | undefined {
  // The last region starting at or before offset, then a walk back to find one that covers it.
  const found = lastStartingAtOrBefore(starts, (start) => start, offset);
  // Regions nest at most three deep (sxs > stu), so a short walk back is enough.
  for (let i = found, steps = 0; i >= 0 && steps < 4; i--, steps++) {
    if (regions[i].start <= offset && offset < regions[i].end) return regions[i];
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the few character references that matter for comparing text inside raw HTML. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
