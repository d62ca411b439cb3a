/**
 * Questions about one mdast node that the document model and the rules both ask: its plain text, and whether a
 * list item starts with an ordinal that Markdown read as a list.
 */
import type { List, ListItem, Nodes } from 'mdast';
import { walkTree } from './walk.js';

/** The plain text of a node: the values of its text-bearing descendants, in order (the source's spelling of autolinks and text). */
export function nodeText(node: Nodes): string {
  let text = '';
  walkTree(node, (descendant) => {
    if ('value' in descendant && typeof descendant.value === 'string') text += descendant.value;
  });
  return text;
}

/**
 * The ordinal a list item starts with, when Markdown read it as a list: `* 1. gün:` ("* Day 1:") is an ordered
 * list of one item inside the item. It is the item's own text (a translation writing "Day 1" as `1. gün` or
 * `2. den`), not a list the English lacks. Undefined for any other item.
 */
export function leadingOrdinal(item: ListItem): List | undefined {
  const first = item.children[0];
  return first?.type === 'list' && first.ordered && first.children.length === 1 ? first : undefined;
}
