/**
 * The anchors of a page: the places a `#fragment` can point at (explicit `<a name>`, `id=` and `{#id}` anchors,
 * and the ids the site's renderer gives headings, per the document's dialect). Shared by anchor-mismatch, which
 * checks them, and link-mismatch, which compares in-page links by the heading they lead to.
 */
import type { Nodes } from 'mdast';
import type { Block, LocDocument, Range } from '../document/document.js';
import { codeDepthAfter, isCodeElement, scanTags, type HtmlTag } from '../document/html-tags.js';
import { walkTree } from '../document/walk.js';
import { lastStartingAtOrBefore } from '../util/sorted.js';

/** How an anchor is written. `slug` is derived from a heading's text; the others are explicit. */
export type AnchorKind = 'name' | 'id' | 'attribute' | 'slug';

export interface Anchor {
  id: string;
  kind: AnchorKind;
  /** Where the anchor is written (the value of the attribute, or the heading). */
  position: Range;
  /** The block that holds it, if any. */
  block?: Block;
  /**
   * For heading slugs, other ids a renderer may give the heading: the slug before `-1`, `-2` … were appended for
   * repeats (docs sites do not number repeats), and the slug of the heading's source text (docs.microsoft.com
   * slugs `&gt;` as `gt`).
   */
  aliases?: string[];
}

export interface DocumentAnchors {
  all: Anchor[];
  /** Every anchor id (first anchor of each). */
  byId: Map<string, Anchor>;
  /** The anchors held by each block. */
  byBlock: Map<Block, Anchor[]>;
  /** The slug of each heading block (without `{#id}`). */
  slugOf: Map<Block, string>;
}

/** Heading text as a renderer sees it: text and code, without raw HTML tags. */
function headingText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html') return '';
  if ('children' in node) return (node.children as Nodes[]).map(headingText).join('');
  return '';
}

/** The `{#id}` at the end of a heading's text, and the text before it. Done by hand: the text is untrusted. */
export function headingAttribute(text: string): { text: string; id?: string } {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}')) return { text };
  const open = trimmed.lastIndexOf('{#');
  if (open < 0) return { text };
  const id = trimmed.slice(open + 2, -1);
  if (id === '' || /[\s{}]/.test(id)) return { text };
  return { text: trimmed.slice(0, open), id };
}

/** An ATX heading's source text without its `#` markers and raw HTML tags, or undefined for a setext heading. */
function headingSource(source: string): string | undefined {
  if (!source.startsWith('#')) return undefined;
  let text = '';
  let cursor = 0;
  for (const tag of scanTags(source)) {
    text += source.slice(cursor, tag.start);
    cursor = tag.end;
  }
  text += source.slice(cursor);
  let start = 0;
  while (text[start] === '#') start++;
  let end = text.length;
  while (end > start && (text[end - 1] === '#' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end).trim();
}

const rangeIn = (document: LocDocument, start: number, end: number): Range => ({ start: document.pointAt(start), end: document.pointAt(end) });

/** Nodes that start a block: raw HTML does not carry an open code element across them. */
const BLOCK_LEVEL = new Set(['paragraph', 'heading', 'tableCell', 'code', 'list', 'blockquote', 'table', 'thematicBreak', 'definition']);

/** Anchors per document: the English of a page is asked once per rule and locale. Read only. */
const anchorsOf = new WeakMap<LocDocument, DocumentAnchors>();

/** Every anchor of a document, in document order (computed once per document; do not change the result). */
export function collectAnchors(document: LocDocument): DocumentAnchors {
  let anchors = anchorsOf.get(document);
  if (!anchors) anchorsOf.set(document, (anchors = readAnchors(document)));
  return anchors;
}

function readAnchors(document: LocDocument): DocumentAnchors {
  const anchors: DocumentAnchors = { all: [], byId: new Map(), byBlock: new Map(), slugOf: new Map() };
  const blockAt = (offset: number): Block | undefined => {
    const block = document.blocks[lastStartingAtOrBefore(document.blocks, (candidate) => candidate.position.start.offset, offset)];
    return block && offset <= block.position.end.offset ? block : undefined;
  };
  const nextId = document.dialect.headingIds();
  const add = (anchor: Anchor) => {
    anchors.all.push(anchor);
    if (!anchors.byId.has(anchor.id)) anchors.byId.set(anchor.id, anchor);
    if (anchor.block) {
      const list = anchors.byBlock.get(anchor.block);
      if (list) list.push(anchor);
      else anchors.byBlock.set(anchor.block, [anchor]);
    }
  };
  /** The anchor an attribute of a tag names; `base` is the offset of the html node the tag is in. */
  const addAttribute = (tag: HtmlTag, kind: 'name' | 'id', base: number) => {
    const id = tag.attributes[kind];
    const at = base + tag.attributeOffsets[kind];
    add({ id, kind, position: rangeIn(document, at, at + id.length), block: blockAt(at) });
  };
  // Raw HTML inside a code element shows markup; it makes no anchor. The count of open code elements starts again
  // at each block-level node.
  let codeDepth = 0;
  walkTree(document.tree, (node) => {
    const start = node.position?.start.offset ?? 0;
    if (BLOCK_LEVEL.has(node.type)) codeDepth = 0;
    if (node.type === 'html') {
      for (const tag of scanTags(node.value)) {
        codeDepth = codeDepthAfter(tag, node.value, codeDepth);
        if (isCodeElement(tag) || tag.closing || codeDepth > 0) continue;
        const name = tag.name === 'a' ? tag.attributes.name : undefined;
        if (name) addAttribute(tag, 'name', start);
        // `<a name="x" id="x">` is one anchor.
        if (tag.attributes.id && tag.attributes.id !== name) addAttribute(tag, 'id', start);
      }
    } else if (node.type === 'heading') {
      const block = blockAt(start);
      const end = node.position?.end.offset ?? start;
      const { text, id } = headingAttribute(headingText(node));
      const position = rangeIn(document, start, end);
      if (id !== undefined) add({ id, kind: 'attribute', position, block });
      else {
        const slug = nextId(text);
        if (block) anchors.slugOf.set(block, slug);
        const source = headingSource(document.text.slice(start, end));
        // The same ids without repeat numbers, from fresh id makers.
        const aliases = [document.dialect.headingIds()(text), ...(source === undefined ? [] : [document.dialect.headingIds()(source)])];
        add({ id: slug, kind: 'slug', position, block, aliases });
      }
    }
  });
  return anchors;
}


/** The id a `#fragment` names: percent-decoded when that is valid. */
export function fragmentId(url: string): string {
  const raw = url.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
