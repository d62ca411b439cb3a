#!/usr/bin/env node
/**
 * Benchmark of hostile shapes at growing sizes: how time and peak memory grow when a file is large, deeply
 * nested or full of broken span markup. Not a Jest test (figures, not pass/fail): run it by hand after a build.
 *
 *   npm run build && node test/bench/hostile.mjs [shape...]
 *
 * Each measurement lints one pair (the hostile translated file against a small English file, all rules on) in
 * a fresh Node process, so its peak resident memory is its own. For each shape it prints the size at 1×, 2×
 * and 4×, the wall time, the peak RSS, and the time ratio to the size before (about 2 is linear, about 4 is
 * quadratic). Files that hit a limit (maxFileSizeMB is raised to 64 here; parseTimeoutSeconds is the default
 * 10 s) show the parse-error in the last column.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each shape: a base count and the text for a count. */
const SHAPES = {
  paragraphs: { base: 4_000, text: (n) => 'NuGet is the package manager for .NET. See [the docs](https://example.com/docs).\n\n'.repeat(n) },
  'unclosed spans': { base: 25_000, text: (n) => '# Titel\n\n' + '<span data-ttu-id="a1">'.repeat(n) + '\n' },
  'interleaved spans': {
    base: 5_000,
    text: (n) =>
      Array.from({ length: n }, (_, i) => `<span data-ttu-id="${i}"><span data-ttu-id="${i + 1}">Eins</span><span class="sxs-lookup"><span data-stu-id="${i}">One</span></span></span>`).join('\n') + '\n',
  },
  'nested quotes (one line)': { base: 250, text: (n) => '>'.repeat(n) + ' deep\n' },
  'nested lists (one line)': { base: 250, text: (n) => '- '.repeat(n) + 'deep\n' },
  'unclosed brackets': { base: 25_000, text: (n) => '['.repeat(n) + '\n' },
  'unclosed link destinations': { base: 25_000, text: (n) => '[a]('.repeat(n) + '\n' },
  // cmark's pathological families, on which micromark is quadratic: stopped by parseTimeoutSeconds.
  'open paren link': { base: 5_000, text: (n) => '[ (]('.repeat(n) + '\n' },
  'escaped backticks': { base: 5_000, text: (n) => '\\``'.repeat(n) + '\n' },
  'unclosed link titles': { base: 5_000, text: (n) => '[a](b "'.repeat(n) + '\n' },
  'nested brackets': { base: 5_000, text: (n) => '['.repeat(n) + ']'.repeat(n) + '\n' },
  'emphasis run': { base: 25_000, text: (n) => '*a '.repeat(n) + '\n' },
  backticks: { base: 25_000, text: (n) => '`a '.repeat(n) + '\n' },
  'html comments': { base: 25_000, text: (n) => '<!-- '.repeat(n) + '\n' },
  'table columns': { base: 2_000, text: (n) => `${'| a '.repeat(n)}|\n${'| - '.repeat(n)}|\n${'| b '.repeat(n)}|\n` },
};

if (process.argv[2] === '--one') {
  // Child: lint one pair, print {ms, rss, findings}.
  const [shape, count] = [process.argv[3], Number(process.argv[4])];
  const { resolveConfig } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'src', 'config', 'config.js')).href);
  const { lintPairs } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'src', 'engine', 'index.js')).href);
  const { rules } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'rules', 'index.js')).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loc-lint-bench-'));
  try {
    mkdirSync(path.join(dir, 'en-us'));
    mkdirSync(path.join(dir, 'de-de'));
    const text = SHAPES[shape].text(count);
    writeFileSync(path.join(dir, 'en-us', 'x.md'), '# Title\n\nOne paragraph of English.\n');
    writeFileSync(path.join(dir, 'de-de', 'x.md'), text);
    const config = resolveConfig({ source: 'en-us', targets: { 'de-DE': 'de-de' }, maxFileSizeMB: 64 }, dir, rules);
    const pair = { locale: 'de-DE', relPath: 'x.md', sourcePath: path.join(dir, 'en-us', 'x.md'), targetPath: path.join(dir, 'de-de', 'x.md') };
    const started = process.hrtime.bigint();
    const [result] = await lintPairs([pair], config, { cwd: dir });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const parseError = result.messages.find((message) => message.ruleId === 'parse-error')?.message;
    console.log(JSON.stringify({ bytes: Buffer.byteLength(text), ms, rssMB: process.resourceUsage().maxRSS / 1024, findings: result.messages.length, parseError }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SHAPES);
const pad = (value, width) => String(value).padStart(width);
console.log(`${'shape'.padEnd(28)} ${pad('count', 8)} ${pad('bytes', 10)} ${pad('ms', 9)} ${pad('ratio', 6)} ${pad('peak MB', 8)} ${pad('findings', 9)}  note`);
for (const shape of chosen) {
  if (!SHAPES[shape]) {
    console.log(`unknown shape "${shape}"; shapes: ${Object.keys(SHAPES).join(', ')}`);
    continue;
  }
  let previous;
  for (const factor of [1, 2, 4]) {
    const count = SHAPES[shape].base * factor;
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', shape, String(count)], { encoding: 'utf8', timeout: 600_000 });
    if (child.status !== 0) {
      console.log(`${shape.padEnd(28)} ${pad(count, 8)} failed: ${(child.stderr || child.error?.message || '').split('\n')[0]}`);
      break;
    }
    const figures = JSON.parse(child.stdout.trim().split('\n').pop());
    const ratio = previous ? (figures.ms / previous.ms).toFixed(1) : '';
    console.log(
      `${shape.padEnd(28)} ${pad(count, 8)} ${pad(figures.bytes, 10)} ${pad(figures.ms.toFixed(0), 9)} ${pad(ratio, 6)} ${pad(figures.rssMB.toFixed(0), 8)} ${pad(figures.findings, 9)}  ${figures.parseError ?? ''}`,
    );
    previous = figures;
  }
}
