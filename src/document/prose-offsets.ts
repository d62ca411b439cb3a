/**
 * Where a region's prose is written in the file. The document model joins the text pieces of a region (a block, a
 * translated span, an English span) into one prose string, whitespace runs collapsed to one space and the ends
 * trimmed, and remembers the pieces here. A rule that finds a token in the prose asks where it is written
 * ({@link proseRange}) instead of searching the file for it, which would find the same characters in a link
 * target or in code first.
 */
import { decodedAt } from './prose.js';
import type { Content, ProsePiece } from './types.js';

/** The pieces each content's prose was joined from; a piece of markup or code that separates words is `' '`. */
const piecesOf = new WeakMap<Content, ProsePiece[]>();

/** Set `content.prose` from `pieces`, in order, and remember them for {@link proseRange}. */
export function setProse(content: Content, pieces: ProsePiece[]): void {
  content.prose = pieces
    .map((piece) => piece.value)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  piecesOf.set(content, pieces);
}

/** For each UTF-16 unit of a content's prose, its offset in the file; computed when first asked. */
const offsetsOf = new WeakMap<Content, Int32Array>();

/**
 * Where each UTF-16 unit of a piece's value is in `text`. The value is the file's text with backslash escapes and
 * character references decoded (`\\*` is `*`, `&#160;` is a no-break space) and container prefixes left out
 * of continued lines: walk both, a reference or an escape standing for the units it decodes to. Where the two part ways (the value was not read from the file as written,
 * such as an image's alt text or a separator standing for markup), the rest of the value is placed at the last
 * place known.
 */
function unitOffsets(text: string, piece: ProsePiece): number[] {
  const offsets: number[] = [];
  const { value } = piece;
  let at = piece.offset;
  /** No character but blanks read since the value's last line break. */
  let lineStart = false;
  for (let k = 0; k < value.length; ) {
    // A reference or an escape in the file that reads as the value's next characters stands for them.
    const written = decodedAt(text, at);
    if (written && value.startsWith(written.value, k)) {
      for (let u = 0; u < written.value.length; u++) offsets.push(at);
      k += written.value.length;
      at += written.length;
      continue;
    }
    if (text[at] === value[k]) {
      if (isLineEnd(value[k])) lineStart = true;
      else if (value[k] !== ' ' && value[k] !== '\t') lineStart = false;
      offsets.push(at++);
      k++;
      continue;
    }
    // Around a line break the file has what the tree leaves out of a value: trailing blanks, and the blanks and
    // `>` markers of the containers the line continues in (before the value's own blanks, or among them).
    if ((lineStart || isLineEnd(value[k])) && (text[at] === ' ' || text[at] === '\t' || text[at] === '>')) {
      at++;
      continue;
    }
    while (k++ < value.length) offsets.push(Math.min(at, text.length));
  }
  return offsets;
}

const isLineEnd = (char: string | undefined) => char === '\n' || char === '\r';

function proseOffsets(text: string, content: Content, pieces: ProsePiece[]): Int32Array {
  const offsets = new Int32Array(content.prose.length);
  // The same walk as the join, collapse and trim of setProse, one unit at a time: a whitespace run is one unit
  // (at the run's first character), whitespace before the first and after the last other character is dropped.
  let at = 0;
  let pendingSpace = -1;
  for (const piece of pieces) {
    const exact = text.startsWith(piece.value, piece.offset);
    const placed = exact ? undefined : unitOffsets(text, piece);
    for (let k = 0; k < piece.value.length && at < offsets.length; k++) {
      const offset = placed ? placed[k] : piece.offset + k;
      if (/\s/.test(piece.value[k])) {
        if (at > 0 && pendingSpace < 0) pendingSpace = offset;
        continue;
      }
      if (pendingSpace >= 0) {
        offsets[at++] = pendingSpace;
        pendingSpace = -1;
      }
      if (at < offsets.length) offsets[at++] = offset;
    }
  }
  return offsets;
}

/**
 * Where the prose characters `[index, index + length)` of `content` are written in `text` (the file the content was
 * read from): from the first character's offset to just after the last one's. Undefined when the content was not
 * made by the document model or the range is outside its prose.
 */
export function proseRange(text: string, content: Content, index: number, length: number): { start: number; end: number } | undefined {
  const pieces = piecesOf.get(content);
  if (!pieces || index < 0 || length <= 0 || index + length > content.prose.length) return undefined;
  let offsets = offsetsOf.get(content);
  if (!offsets) offsetsOf.set(content, (offsets = proseOffsets(text, content, pieces)));
  const start = offsets[index];
  return { start, end: Math.max(start, offsets[index + length - 1] + 1) };
}
