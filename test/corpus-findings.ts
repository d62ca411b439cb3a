/**
 * Corpus lints kept on disk between Jest runs, so that a run in which neither loc-lint nor the corpus changed does
 * not parse the thousands of corpus files again (parsing is most of a corpus lint's time).
 *
 * The findings are stored under a key that hashes everything they depend on: the contents of every file under
 * src/ and rules/, package-lock.json (the Markdown parser's version), Node's version, this file, the lint's own
 * parameters, and the path and contents of every file under the corpus folders it reads. Any change to any of them is another
 * key, so a stale entry is never read. Entries are written atomically (a temporary file, then a rename), so two
 * Jest workers or runs never see half a file. LOC_LINT_TEST_CACHE=off lints afresh and stores nothing;
 * LOC_LINT_TEST_CACHE_DIR puts the entries elsewhere.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import writeFileAtomic from 'write-file-atomic';
import type { FileResult } from '../src/engine/index.js';

/** Where entries are kept: LOC_LINT_TEST_CACHE_DIR, or a folder of the system's temporary directory. */
const cacheDir = () => process.env.LOC_LINT_TEST_CACHE_DIR ?? path.join(os.tmpdir(), 'loc-lint-test-corpus-findings');

/** Every file under `root`, sorted by path. */
function filesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

function hashFiles(hash: ReturnType<typeof createHash>, root: string): void {
  for (const file of filesUnder(root)) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(file));
  }
}

/** The key of a lint: loc-lint's code and dependencies, this helper, the parameters, the corpus files read. */
export function keyOf(parameters: unknown, inputs: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ parameters, node: process.version }));
  for (const root of [path.resolve('src'), path.resolve('rules')]) hashFiles(hash, root);
  hash.update(readFileSync(path.resolve('package-lock.json')));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const root of inputs) hashFiles(hash, root);
  return hash.digest('hex');
}

/**
 * The findings of `lint` (named `name`, described by `parameters`, reading the folders `inputs`): from the cache
 * when an entry with the same key exists, else linted now and stored.
 */
export async function cachedLint(name: string, parameters: unknown, inputs: string[], lint: () => Promise<FileResult[]>): Promise<FileResult[]> {
  if (process.env.LOC_LINT_TEST_CACHE === 'off') return lint();
  const file = path.join(cacheDir(), `${name}-${keyOf(parameters, inputs)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as FileResult[];
  const results = await lint();
  // A parse error may be the machine's load (a parse over its time budget), not the code: such a lint is not kept.
  const transient = results.some((result) => 'transient' in result || result.messages.some((message) => message.ruleId === 'parse-error'));
  if (!transient) {
    mkdirSync(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify(results));
  }
  return results;
}
