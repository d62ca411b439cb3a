/**
 * From bytes to an mdast tree: decode (refusing what is not text), the nesting guard, and the parse under a time
 * budget. Everything that can refuse a file before the document model is built.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import vm from 'node:vm';

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
