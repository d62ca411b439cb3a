/**
 * A small, linear-time scanner for the HTML tags that Markdown carries as raw `html` nodes.
 *
 * Why hand-written: the only questions loc-lint asks of raw HTML are "which tags are here, where, and with which
 * attributes" (span markup, `href`/`src` targets, `<a name>` anchors). A full HTML parser would build a DOM for
 * nothing, and a regular expression over hostile input risks backtracking. This scanner looks at every character
 * at most a constant number of times, whatever the input.
 */

export interface HtmlTag {
  /** Lower-cased tag name (`span`, `a`, `img`, …). */
  name: string;
  /** True for `</name>`. */
  closing: boolean;
  /** Attributes by lower-cased name; a valueless attribute maps to `''`. */
  attributes: Record<string, string>;
  /** Offset of the attribute values, by attribute name, relative to the scanned text. */
  attributeOffsets: Record<string, number>;
  /** Offset of `<` relative to the scanned text. */
  start: number;
  /** Offset just after `>` relative to the scanned text. */
  end: number;
}

const MAX_TAG_LENGTH = 4096;

function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 58 || // :
    code === 95 || // _
    code === 46 // .
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}

/**
 * Read one tag that starts at `text[start] === '<'`. Returns undefined when it is not a tag (then the caller
 * moves on by one character). Never reads past `limit`.
 */
function readTag(text: string, start: number, limit: number): HtmlTag | undefined {
  let i = start + 1;
  let closing = false;
  if (text.charCodeAt(i) === 47) {
    closing = true;
    i++;
  }
  const nameStart = i;
  while (i < limit && isNameChar(text.charCodeAt(i))) i++;
  if (i === nameStart) return undefined;
  const first = text.charCodeAt(nameStart);
  const isLetter = (first >= 97 && first <= 122) || (first >= 65 && first <= 90);
  if (!isLetter) return undefined;
  const name = text.slice(nameStart, i).toLowerCase();
  const attributes: Record<string, string> = {};
  const attributeOffsets: Record<string, number> = {};
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 47 /* / */) {
      i++;
      continue;
    }
    if (code === 62 /* > */) {
      return { name, closing, attributes, attributeOffsets, start, end: i + 1 };
    }
    if (code === 60 /* < */) return undefined; // a new tag begins: this one was never closed
    const attrStart = i;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (isSpace(c) || c === 61 || c === 62 || c === 47 || c === 60) break;
      i++;
    }
    if (i === attrStart) {
      i++; // a stray character such as a quote: skip it
      continue;
    }
    const attrName = text.slice(attrStart, i).toLowerCase();
    let j = i;
    while (j < limit && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 61 /* = */) {
      if (!(attrName in attributes)) {
        attributes[attrName] = '';
        attributeOffsets[attrName] = i;
      }
      continue;
    }
    j++;
    while (j < limit && isSpace(text.charCodeAt(j))) j++;
    const quote = text.charCodeAt(j);
    let value: string;
    let valueStart: number;
    if (quote === 34 || quote === 39) {
      valueStart = j + 1;
      let close = valueStart;
      while (close < limit && text.charCodeAt(close) !== quote) close++;
      if (close >= limit) return undefined;
      value = text.slice(valueStart, close);
      i = close + 1;
    } else {
      valueStart = j;
      while (j < limit) {
        const c = text.charCodeAt(j);
        if (isSpace(c) || c === 62) break;
        j++;
      }
      value = text.slice(valueStart, j);
      i = j;
    }
    if (!(attrName in attributes)) {
      attributes[attrName] = value;
      attributeOffsets[attrName] = valueStart;
    }
  }
  return undefined;
}

/** Elements whose content is code (`<pre>`, `<code>`, `<samp>`): raw HTML inside them is shown, not markup. */
const CODE_ELEMENTS = new Set(['pre', 'code', 'samp']);

export function isCodeElement(tag: HtmlTag): boolean {
  return CODE_ELEMENTS.has(tag.name);
}

/**
 * How many code elements are open after `tag` (scanned from `text`), `depth` being the count before it: a code
 * element may span several inline nodes, so the count is carried from tag to tag. `<code/>` opens none.
 */
export function codeDepthAfter(tag: HtmlTag, text: string, depth: number): number {
  if (!isCodeElement(tag)) return depth;
  if (tag.closing) return Math.max(0, depth - 1);
  return text[tag.end - 2] === '/' ? depth : depth + 1;
}

/** Every tag in `text`, in order. Comments, doctypes and processing instructions are skipped. */
export function scanTags(text: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  const length = text.length;
  let i = text.indexOf('<');
  while (i !== -1 && i < length) {
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) break;
      i = text.indexOf('<', close + 3);
      continue;
    }
    // A tag never runs longer than MAX_TAG_LENGTH: this bounds the work per `<` and keeps the scan linear on
    // hostile input such as thousands of unterminated `<a x="`.
    const tag = readTag(text, i, Math.min(length, i + MAX_TAG_LENGTH));
    if (tag) {
      tags.push(tag);
      i = text.indexOf('<', tag.end);
    } else {
      i = text.indexOf('<', i + 1);
    }
  }
  return tags;
}
