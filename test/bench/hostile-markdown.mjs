#!/usr/bin/env node
/**
 * Growth of parseDocument on hostile Markdown that the Markdown parser itself (micromark, under remark-parse and
 * remark-gfm) handles in more than linear time. Not a Jest test (these take minutes and fail any linear bound):
 * run it by hand after a build, to see whether a parser upgrade or a workaround helps.
 *
 *   npm run build && node test/bench/hostile-markdown.mjs [n]
 *
 * For each shape it times parseDocument on n and 2n repetitions (default n = 10,000) and prints both times and
 * their ratio (~2 is linear, ~4 quadratic). It also times micromark alone, with and without the GFM footnote
 * extension (both transitive dependencies, of remark-parse and remark-gfm). The footnote extension causes the `]`
 * cases: at each `]` it walks back over every earlier event of the paragraph looking for a `[^`
 * (micromark-extension-gfm-footnote 2.1.0, tokenizePotentialGfmFootnoteCall). Measured on the shared 2-core
 * machine (Nov 2026): parseDocument on 50,000 `](` 17 s, on 100,000 97 s; micromark alone on 20,000 `[![x]` 10 s.
 * In a run, parseTimeoutSeconds (default 10 s) turns such a file into a parse-error instead of a stall. Shapes
 * that grow linearly are checked by test/redos.test.ts; test/bench/hostile.mjs times whole lint runs on cmark's
 * pathological families and others, with peak memory.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const documentModule = path.join(repoRoot, 'dist', 'src', 'document', 'document.js');
if (!existsSync(documentModule)) {
  console.log(`hostile-markdown benchmark: ${documentModule} not found; run npm run build first`);
  process.exit(0);
}
const { parseDocument } = await import(documentModule);
const n = Number(process.argv[2] ?? 10_000);

const shapes = {
  '](': (k) => ']('.repeat(k),
  ']': (k) => ']'.repeat(k),
  '[![x]': (k) => '[![x]'.repeat(k),
  '> [!NOTE]\\n': (k) => '> [!NOTE]\n'.repeat(k),
};

const time = (run) => {
  const start = performance.now();
  run();
  return performance.now() - start;
};
const micromark = (text, extensions) => postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
const row = (label, small, large) =>
  console.log(`${label.padEnd(44)} ${small.toFixed(0).padStart(7)} ms → ${large.toFixed(0).padStart(7)} ms  ×${(large / Math.max(small, 1)).toFixed(2)}`);

console.log(`n = ${n} and ${2 * n}`);
for (const [name, build] of Object.entries(shapes)) {
  const small = build(n);
  const large = build(2 * n);
  const parseDocumentOf = (text) => parseDocument({ path: '/hostile.md', relPath: 'hostile.md', locale: 'de-de', raw: Buffer.from(text) });
  row(`parseDocument ${name}`, time(() => parseDocumentOf(small)), time(() => parseDocumentOf(large)));
  row(`micromark ${name}`, time(() => micromark(small, [])), time(() => micromark(large, [])));
  row(`micromark + gfm footnote ${name}`, time(() => micromark(small, [gfmFootnote()])), time(() => micromark(large, [gfmFootnote()])));
}
