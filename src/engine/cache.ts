/**
 * The result cache behind `--cache`: one JSON file that remembers, for each pair, the key the engine computed
 * (English bytes, translated bytes, configuration, tool version, git facts) and the result it gave. A run that
 * finds the same key again reuses the result instead of parsing and linting the pair, which is what makes a
 * second run on a big repository fast.
 *
 * Layout: `<location>/results.json` is `{format, runKey, entries: {[id]: {key, result}}}`, read with one
 * JSON.parse and written with one JSON.stringify (no file per entry: 50,000 entries stay one read and one
 * atomic write). `runKey` covers what every pair depends on (configuration, tool version, rules); when it or
 * `format` differs the whole file is ignored. A file that cannot be read, is not JSON or has an entry of the
 * wrong shape is ignored too (never thrown): someone edited it or a bug wrote it, so none of it is trusted, and
 * the next save rebuilds it.
 *
 * Trust: the cache decides which findings are shown. A cache that came from an untrusted source (say, one
 * committed in a pull request) could hide findings, so it must never come from the checkout being linted. That
 * is why the folder carries a `.gitignore` of `*` (as pytest does for `.pytest_cache`), why CI caches should
 * live outside the checkout, and why a cache file that is a symbolic link is neither read nor written through
 * (write-file-atomic would follow it to wherever it points).
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileResult, Finding } from './findings.js';
import { writeFileAtomic, WriteError } from '../util/write.js';

/** Bump when the file layout (or the shape of a stored result) changes: older files are then ignored. */
export const CACHE_FORMAT = 1;

export const CACHE_FILE = 'results.json';
const GITIGNORE = '.gitignore';
const README = 'README';
const README_TEXT = "This folder is loc-lint's result cache (--cache). It is safe to delete; loc-lint rebuilds it. Never commit it.\n";

export interface ResultCache {
  /** The cached result for this pair when `key` equals the stored key; undefined otherwise (a miss). */
  get(id: string, key: string): FileResult | undefined;
  /** Store (replace) the result for this pair. */
  set(id: string, key: string, result: FileResult): void;
  /** Write the cache atomically (src/util/write.ts writeFileAtomic) if anything changed; creates the folder. */
  save(): Promise<void>;
  /** Why an existing cache file was ignored (unreadable, not JSON, other format/tool version/run key, bad shape); undefined when it was used or absent. */
  readonly ignored?: string;
  readonly hits: number;
  readonly misses: number;
}

interface Entry {
  key: string;
  result: FileResult;
}

/** `location` is a folder (default `.loc-lint-cache/` resolved by the CLI). `runKey` covers config + tool version + rules. */
export async function openCache(location: string, runKey: string): Promise<ResultCache> {
  const loaded = await load(path.join(location, CACHE_FILE), runKey);
  return new FileCache(location, runKey, loaded.entries, loaded.ignored, loaded.entries === undefined);
}

/** A hex digest (sha256) of the given parts, each length-prefixed so ["ab","c"] ≠ ["a","bc"]. */
export function digest(parts: (string | Buffer | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    // A string is hashed as its UTF-8 bytes, so "é" and Buffer.from("é") give the same digest.
    const length = typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.byteLength;
    hash.update(`${length}:`);
    hash.update(part);
  }
  return hash.digest('hex');
}

class FileCache implements ResultCache {
  hits = 0;
  misses = 0;
  private readonly entries: Map<string, Entry>;
  /** Ids this run hit or set: their files were just read, so save() need not ask whether they still exist. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly location: string,
    private readonly runKey: string,
    entries: Map<string, Entry> | undefined,
    readonly ignored: string | undefined,
    /** True when the file on disk does not hold what `entries` holds (absent, ignored, or set() since). */
    private changed: boolean,
  ) {
    this.entries = entries ?? new Map();
  }

  get(id: string, key: string): FileResult | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.key !== key) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.touched.add(id);
    return copyResult(entry.result);
  }

  set(id: string, key: string, result: FileResult): void {
    // A copy: the caller (the baseline, for one) may go on to change the result it handed over.
    this.entries.set(id, { key, result: copyResult(result) });
    this.touched.add(id);
    this.changed = true;
  }

  async save(): Promise<void> {
    // Entries this run did not touch stay (a run narrowed to a few paths must not forget the rest), except
    // those whose file is gone, so the cache does not grow forever as pages are renamed or deleted.
    for (const [id, entry] of this.entries) {
      if (!this.touched.has(id) && !existsSync(entry.result.filePath)) {
        this.entries.delete(id);
        this.changed = true;
      }
    }
    // The .gitignore is what keeps the cache out of commits: rewritten whenever it is not exactly `*`.
    const companions = [
      { file: path.join(this.location, GITIGNORE), text: '*\n' },
      { file: path.join(this.location, README), text: README_TEXT },
    ].filter(({ file, text }) => readOr(file) !== text);
    if (!this.changed && companions.length === 0) return;
    try {
      await mkdir(this.location, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
      throw new WriteError(`cannot create the cache folder ${this.location}: ${reason}`);
    }
    const file = path.join(this.location, CACHE_FILE);
    for (const target of [file, ...companions.map((companion) => companion.file)]) refuseSymlink(target);
    for (const companion of companions) await writeFileAtomic(companion.file, companion.text);
    if (this.changed) {
      const content = { format: CACHE_FORMAT, runKey: this.runKey, entries: Object.fromEntries(this.entries) };
      await writeFileAtomic(file, JSON.stringify(content));
      this.changed = false;
    }
  }
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function refuseSymlink(file: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch {
    return; // absent (or not statable): writeFileAtomic reports what is wrong, if anything
  }
  if (isLink) throw new WriteError(`cannot write ${file}: it is a symbolic link, and loc-lint does not write a cache through one`);
}

/** The entries of a usable cache file; otherwise no entries and, when a file was there, why it was ignored. */
async function load(file: string, runKey: string): Promise<{ entries?: Map<string, Entry>; ignored?: string }> {
  let text: string;
  try {
    if (lstatSync(file).isSymbolicLink()) return { ignored: `${file} is a symbolic link` };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    return { ignored: `${file} cannot be read (${code ?? (error as Error).message})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ignored: `${file} is not valid JSON (truncated or overwritten?)` };
  }
  if (!isObject(data)) return { ignored: `${file} is not a loc-lint cache (not an object)` };
  if (data.format !== CACHE_FORMAT) return { ignored: `${file} has cache format ${JSON.stringify(data.format)}; this loc-lint uses format ${CACHE_FORMAT}` };
  if (data.runKey !== runKey) return { ignored: `${file} was made with another configuration, loc-lint version or set of rules` };
  if (!isObject(data.entries)) return { ignored: `${file} has no entries object` };
  const entries = new Map<string, Entry>();
  const stored = data.entries;
  // Object.keys, not Object.entries: on 50,000 keys it is several times faster (no array of pairs).
  for (const id of Object.keys(stored)) {
    const entry = stored[id];
    if (!isObject(entry) || typeof entry.key !== 'string' || !isFileResult(entry.result)) {
      return { ignored: `${file} has an entry of the wrong shape (${JSON.stringify(id).slice(0, 200)})` };
    }
    entries.set(id, { key: entry.key, result: entry.result });
  }
  return { entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KINDS = new Set(['orphan', 'link', 'missing']);

/** The FileResult fields, checked cheaply (types only) so that a bad entry can never reach a formatter. */
function isFileResult(value: unknown): value is FileResult {
  return (
    isObject(value) &&
    typeof value.filePath === 'string' &&
    typeof value.sourcePath === 'string' &&
    typeof value.locale === 'string' &&
    typeof value.relPath === 'string' &&
    Number.isInteger(value.errorCount) &&
    Number.isInteger(value.warningCount) &&
    isFindings(value.messages) &&
    (value.suppressedMessages === undefined || isFindings(value.suppressedMessages)) &&
    (value.handoff === undefined || typeof value.handoff === 'string') &&
    (value.kind === undefined || KINDS.has(value.kind as string)) &&
    (value.undecided === undefined || isUndecided(value.undecided)) &&
    (value.currentEnglishOnly === undefined || value.currentEnglishOnly === true) &&
    (value.englishUnknown === undefined || value.englishUnknown === true) &&
    (value.commitRecord === undefined || typeof value.commitRecord === 'string')
  );
}

/** The engine's note on a pair whose staleness could not be decided (src/engine/engine.ts LintedPair). */
function isUndecided(value: unknown): boolean {
  return isObject(value) && (value.reason === 'noGit' || value.reason === 'shallow') && typeof value.key === 'string';
}

function isFindings(value: unknown): value is Finding[] {
  if (!Array.isArray(value)) return false;
  for (const m of value) {
    if (
      !isObject(m) ||
      typeof m.ruleId !== 'string' ||
      (m.severity !== 1 && m.severity !== 2) ||
      typeof m.message !== 'string' ||
      !Number.isInteger(m.line) ||
      !Number.isInteger(m.column) ||
      typeof m.fingerprint !== 'string' ||
      (m.endLine !== undefined && !Number.isInteger(m.endLine)) ||
      (m.endColumn !== undefined && !Number.isInteger(m.endColumn)) ||
      (m.short !== undefined && typeof m.short !== 'string') ||
      (m.details !== undefined && !isObject(m.details))
    ) {
      return false;
    }
  }
  return true;
}

/** A copy the caller may change freely: new result, message arrays and messages; `details` copied deeply. */
function copyResult(result: FileResult): FileResult {
  const copy: FileResult = { ...result, messages: result.messages.map(copyFinding) };
  if (result.suppressedMessages) copy.suppressedMessages = result.suppressedMessages.map(copyFinding);
  return copy;
}

function copyFinding(finding: Finding): Finding {
  return finding.details === undefined ? { ...finding } : { ...finding, details: copyJson(finding.details) };
}

/**
 * A deep copy of JSON data (what `details` is once stored): arrays and objects copied, everything else shared.
 * Several times faster than structuredClone on the small objects a finding carries.
 */
function copyJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  // fromEntries defines own properties, so a key named __proto__ stays a key and never sets a prototype.
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, copyJson(item)])) as T;
}
