/**
 * The prose of a document as pieces that carry their offsets in the file: every mdast `text` node (not code, not
 * HTML, not link targets), in document order. A rule that looks for tokens in prose finds them here with their
 * place, instead of searching the file for its own tokens.
 */
import { memoize } from '../util/memo.js';
import { startingWithin } from '../util/sorted.js';
import type { LocDocument, ProsePiece } from './types.js';
import { walkTree } from './walk.js';

/** A piece of prose; `exact` when its value is the file's text at `offset` (no escapes or character references). */
export interface TextPiece extends ProsePiece {
  exact: boolean;
}

const piecesOf = memoize((document: LocDocument): TextPiece[] => {
  const pieces: TextPiece[] = [];
  walkTree(document.tree, (node) => {
    if (node.type !== 'text' || node.position?.start.offset === undefined) return;
    const offset = node.position.start.offset;
    pieces.push({ value: node.value, offset, exact: document.text.startsWith(node.value, offset) });
  });
  return pieces.sort((a, b) => a.offset - b.offset);
});

/** The text pieces of `document` that start within `[start, end)`, in document order (a binary search). */
export function textPiecesWithin(document: LocDocument, start: number, end: number): TextPiece[] {
  return startingWithin(piecesOf(document), (piece) => piece.offset, start, end);
}

/** Where a match at `index` in a piece's value is in the file: exact when the piece is, else the piece's start. */
export function offsetInPiece(piece: TextPiece, index: number): number {
  return piece.exact ? piece.offset + index : piece.offset;
}
