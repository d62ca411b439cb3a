#!/usr/bin/env node
/**
 * The floor under a cold run: how long parsing alone takes, with no rule, no git and no output. compare.mjs runs
 * it on the same files as the rest of its figures; by hand:
 *
 *   npm run build && node test/bench/parse-floor.mjs tokens|trees FOLDER
 *
 * `tokens`: micromark's tokenizer (with the extensions loc-lint uses: GFM and YAML front matter) over every
 * Markdown file under FOLDER, events only. `trees`: loc-lint's own parser (dist/src/document/document.js parseMarkdown:
 * the tokenizer plus the mdast tree the rules read). One thread, files read before the clock starts. Prints one
 * JSON line: files, bytes, wall and CPU seconds (CPU includes the garbage collector's helper threads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, folder] = process.argv.slice(2);
if (!['tokens', 'trees'].includes(mode) || !folder) {
  console.error('usage: node test/bench/parse-floor.mjs tokens|trees FOLDER');
  process.exit(2);
}
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const texts = readdirSync(folder, { withFileTypes: true, recursive: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
  .map((entry) => readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8'));

let parse;
if (mode === 'trees') {
  const { parseMarkdown } = await import(path.join(repoRoot, 'dist', 'src', 'document', 'document.js'));
  parse = (text) => parseMarkdown(text);
} else {
  // Not loc-lint's own dependencies but remark-parse's and remark-gfm's, found where npm installed them.
  const { parse: tokenizer, postprocess, preprocess } = await import('micromark');
  const { gfm } = await import('micromark-extension-gfm');
  const { frontmatter } = await import('micromark-extension-frontmatter');
  const extensions = [frontmatter(['yaml']), gfm()];
  parse = (text) => postprocess(tokenizer({ extensions }).document().write(preprocess()(text, undefined, true)));
}

const cpuBefore = process.cpuUsage();
const start = performance.now();
let bytes = 0;
for (const text of texts) {
  parse(text);
  bytes += Buffer.byteLength(text);
}
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ mode, files: texts.length, bytes, seconds: (performance.now() - start) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
