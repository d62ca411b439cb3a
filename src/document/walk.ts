/**
 * Every node of a syntax tree, parents before children, in document order: the one walk shared by the document
 * model, the rule kit and the rules. An explicit stack, not recursion: a hostile file nests deep enough to exhaust
 * the call stack.
 */
import type { Nodes } from 'mdast';

export function walkTree(root: Nodes, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}
