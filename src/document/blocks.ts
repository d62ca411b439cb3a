/**
 * Blocks, span segments and prose from an mdast tree: the units that align with the English sibling, the
 * side-by-side `data-ttu-id` / `data-stu-id` markup of machine-translated pages, and each region's prose and links.
 * Malformed span markup is recorded as a fact (an anomaly) for `missing-span-id` to report.
 */
import type { Nodes, Parents, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { codeDepthAfter, scanTags, type HtmlTag } from './html-tags.js';
import { walkTree } from './walk.js';
import { leadingOrdinal, nodeText } from './nodes.js';
import { lastStartingAtOrBefore } from '../util/sorted.js';
import { setProse } from './prose-offsets.js';
import { DIALECTS, templateCalls, type Dialect } from './dialect.js';
import type { Block, Content, LinkTarget, Point, ProsePiece, Range, SpanAnomaly, SpanSegment } from './types.js';

/** What {@link readBlocks} finds in a tree. */
export interface BlockReading {
  blocks: Block[];
  spans: SpanSegment[];
  anomalies: SpanAnomaly[];
  /** Span markup seen, even when no segment is well formed. */
  sawSpanMarkup: boolean;
}

/** The blocks, span segments and span anomalies of `tree`, parsed from `text`. */
export function readBlocks(text: string, tree: Root, pointAt: (offset: number) => Point, site: { dialect: Dialect; locale: string } = { dialect: DIALECTS.docfx, locale: '' }): BlockReading {
  const builder = new BlockBuilder(text, pointAt, collectDefinitions(tree), site);
  builder.walk(tree, []);
  return { blocks: builder.blocks, spans: builder.spans, anomalies: builder.anomalies, sawSpanMarkup: builder.sawSpanMarkup };
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
  /** The ordinal an item starts with (`1. ` of `* 1. gün:`), for the item's first block. */
  private ordinal: { value: string; offset: number } | undefined;
  /** How many code elements (`<pre>`, `<code>`, `<samp>`) are open in the block being read. */
  private codeDepth = 0;
  /** The inline code spans of the block being read: [start, end) offsets. */
  private inlineCode: [number, number][] = [];

  constructor(
    private text: string,
    private pointAt: (offset: number) => Point,
    private definitions: Map<string, string>,
    private site: { dialect: Dialect; locale: string },
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
        case 'listItem': {
          const inner = [...context, 'listItem'];
          const ordinal = leadingOrdinal(child);
          const ordinalAt = ordinal?.position?.start.offset;
          if (ordinal && ordinalAt !== undefined) {
            // The item's ordinal (`* 1. gün:`) is part of the prose that follows it, not a list of its own.
            this.ordinal = { value: `${ordinal.start ?? 1}. `, offset: ordinalAt };
            this.walk(ordinal.children[0], inner);
            this.ordinal = undefined;
            this.walk({ ...child, children: child.children.slice(1) }, inner);
          } else this.walk(child, inner);
          break;
        }
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
    this.inlineCode = [];
    // The ordinal of an item that starts with one (see walk) opens the item's first block.
    if (this.ordinal && type !== 'html') items.push({ kind: 'text', ...this.ordinal });
    this.ordinal = undefined;
    if (node.type === 'html') this.collectHtml(node.value, start, items, tags);
    else this.collectInline(node, items, tags);
    if (type !== 'code' && type !== 'html') this.collectTemplateLinks(start, end, items);
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
          this.inlineCode.push([offset, child.position?.end.offset ?? offset]);
          items.push({ kind: 'gap', offset });
          break;
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

  /**
   * The links the site's template calls stand for (MDN's `{{cssxref("color")}}`, Hugo's `{{< ref "x.md" >}}`),
   * found in the block's source (a call's arguments may hold inline code, which splits its text), each placed
   * among the block's items by its offset. Calls inside inline code are shown, not called.
   */
  private collectTemplateLinks(start: number, end: number, items: Item[]): void {
    const source = this.text.slice(start, end);
    if (!source.includes('{{')) return;
    for (const { call, start: callStart, end: callEnd } of templateCalls(source)) {
      const urls = this.site.dialect.templateLinks(call, this.site.locale);
      if (urls.length === 0) continue;
      const at = start + callStart;
      if (this.inlineCode.some(([from, to]) => at >= from && at < to)) continue;
      const position = this.range(at, start + callEnd);
      let index = items.findIndex((item) => item.offset > at);
      if (index === -1) index = items.length;
      items.splice(index, 0, ...urls.map((url): Item => ({ kind: 'link', offset: at, target: { url, kind: 'template', position } })));
    }
  }

  /** Where a node without a position sits: its text, searched from `from`; an empty range at `from` if not found. */
  private findPosition(node: Nodes, from: number, to: number): Position {
    const needle = nodeText(node);
    const found = needle ? this.text.indexOf(needle, from) : -1;
    const start = found >= 0 && found + needle.length <= to ? found : from;
    const end = start === found ? found + needle.length : from;
    return { start: this.pointAt(start), end: this.pointAt(end) };
  }

  /**
   * Where each offset of an HTML node's value is in the file. In a list item or a block quote the lines after the
   * first lack the container's indentation and markers in the value, so value offsets and file offsets part there:
   * each value line is the end of its line in the file.
   */
  private htmlOffsets(value: string, start: number): (index: number) => number {
    if (this.text.startsWith(value, start)) return (index) => start + index;
    const valueStarts = [0];
    const fileStarts = [start];
    let fileBreak = this.text.indexOf('\n', start);
    for (let at = value.indexOf('\n'); at >= 0 && fileBreak >= 0; at = value.indexOf('\n', at + 1)) {
      const lineEnd = value.indexOf('\n', at + 1);
      const length = (lineEnd < 0 ? value.length : lineEnd) - (at + 1);
      const fileLineEnd = this.text.indexOf('\n', fileBreak + 1);
      const fileEnd = fileLineEnd < 0 ? this.text.length : fileLineEnd;
      valueStarts.push(at + 1);
      fileStarts.push(Math.max(fileBreak + 1, fileEnd - length));
      fileBreak = fileLineEnd;
    }
    return (index) => {
      const line = lastStartingAtOrBefore(valueStarts, (offset) => offset, index);
      return fileStarts[line] + (index - valueStarts[line]);
    };
  }

  /**
   * Raw HTML: tags become markup (and link targets for href/src), the text between them prose. Comments and the
   * content of code elements (`<pre>`, `<code>`, `<samp>`, which may span several inline nodes) are not prose.
   */
  private collectHtml(value: string, start: number, items: Item[], tags: PlacedTag[]): void {
    const fileOffset = this.htmlOffsets(value, start);
    let cursor = 0;
    const text = (from: number, to: number) => {
      const piece = value.slice(from, to).replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
      if (this.codeDepth > 0 || piece.trim() === '') items.push({ kind: 'gap', offset: fileOffset(from) });
      else items.push({ kind: 'text', value: decodeEntities(piece), offset: fileOffset(from) });
    };
    for (const tag of scanTags(value)) {
      if (tag.start > cursor) text(cursor, tag.start);
      items.push({ kind: 'gap', offset: fileOffset(tag.start) });
      cursor = tag.end;
      tags.push({ ...tag, at: fileOffset(tag.start) });
      this.codeDepth = codeDepthAfter(tag, value, this.codeDepth);
      for (const attribute of ['href', 'src']) {
        const url = tag.attributes[attribute];
        if (url === undefined || tag.closing) continue;
        const at = fileOffset(tag.attributeOffsets[attribute]);
        items.push({ kind: 'link', offset: fileOffset(tag.start), target: { url, kind: 'html', position: this.range(at, at + url.length) } });
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
    const proseOf = new Map<Content, ProsePiece[]>();
    const push = (content: Content, item: Item) => {
      if (item.kind === 'link') content.links.push(item.target);
      else {
        let parts = proseOf.get(content);
        if (!parts) proseOf.set(content, (parts = []));
        parts.push(item.kind === 'text' ? { value: item.value, offset: item.offset } : { value: ' ', offset: item.offset });
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
    for (const [content, parts] of proseOf) setProse(content, parts);
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
