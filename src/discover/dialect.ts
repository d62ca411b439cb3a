/**
 * `"dialect": "auto"`: which documentation system a site is built with, decided once per run from what is in the
 * repository, in this order:
 * 1. a build configuration file in the English root or a folder above it, up to the configuration's folder
 *    (`docfx.json`, `docusaurus.config.*`, `hugo.toml` / `hugo.yaml` / `hugo.json`);
 * 2. the configured metadata profile (`mdn`: MDN; `hugo-commit`: Hugo; `ms`: docfx);
 * 3. the English files themselves (those `include` and `exclude` select): the first {@link SAMPLE_FILES} (by path), the first {@link SAMPLE_BYTES} of
 *    each, each counting for the dialect whose marks it carries (MDN: `page-type` front matter or KumaScript calls
 *    such as `{{cssxref(`; Hugo: shortcodes `{{<` `{{%`; Docusaurus: `sidebar_position`/`sidebar_label` front
 *    matter or `:::note`-style admonitions; docfx: `ms.` front matter keys, `[!INCLUDE`, `:::zone`). The dialect
 *    most files carry wins; with none, docfx (what loc-lint did before dialects).
 * Deterministic (sorted paths, fixed budgets), and nothing above the configuration's folder is read.
 */
import { existsSync } from 'node:fs';
import fg from 'fast-glob';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { DialectName } from '../document/dialect.js';
import type { MetadataSetting } from '../config/metadata.js';

export const SAMPLE_FILES = 64;
export const SAMPLE_BYTES = 16 * 1024;

const MARKER_FILES: [string, DialectName][] = [
  ['docfx.json', 'docfx'],
  ['docusaurus.config.js', 'docusaurus'],
  ['docusaurus.config.ts', 'docusaurus'],
  ['docusaurus.config.mjs', 'docusaurus'],
  ['docusaurus.config.cjs', 'docusaurus'],
  ['hugo.toml', 'hugo'],
  ['hugo.yaml', 'hugo'],
  ['hugo.yml', 'hugo'],
  ['hugo.json', 'hugo'],
];

const MARKS: [DialectName, RegExp][] = [
  ['mdn', /^page-type:|\{\{\s*(?:cssxref|domxref|jsxref|glossary|htmlelement|embedlivesample|compat|specifications)\s*[(}]/im],
  ['hugo', /\{\{[<%]/],
  ['docusaurus', /^sidebar_(?:position|label):|^:::(?:note|tip|info|warning|danger|caution)\b/m],
  ['docfx', /^ms\.[a-z]+:|\[!INCLUDE|^:::zone\b/im],
];

export interface Detection {
  dialect: DialectName;
  /** Why, for the run's notice: "hugo.toml", "metadata profile mdn", "12 of 64 English files". */
  reason: string;
}

export async function detectDialect(input: { baseDir: string; sourceRoot: string; metadata: MetadataSetting; include: string[]; exclude: string[] }): Promise<Detection> {
  for (let dir = input.sourceRoot; ; dir = path.dirname(dir)) {
    for (const [file, dialect] of MARKER_FILES) if (existsSync(path.join(dir, file))) return { dialect, reason: path.relative(input.baseDir, path.join(dir, file)) || file };
    const relative = path.relative(input.baseDir, dir);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || path.dirname(dir) === dir) break;
  }
  if (input.metadata === 'mdn') return { dialect: 'mdn', reason: 'metadata profile mdn' };
  if (input.metadata === 'hugo-commit') return { dialect: 'hugo', reason: 'metadata profile hugo-commit' };
  if (input.metadata === 'ms') return { dialect: 'docfx', reason: 'metadata profile ms' };
  // The English root's files, not the pairs of this run: a one-file `--staged` run decides as the full run does.
  const entries = await fg(input.include, { cwd: input.sourceRoot, ignore: input.exclude, onlyFiles: true, followSymbolicLinks: false, dot: false, suppressErrors: true });
  const sample = entries.sort().slice(0, SAMPLE_FILES).map((file) => path.join(input.sourceRoot, file));
  const counts = new Map<DialectName, number>();
  for (const file of sample) {
    const head = await readHead(file);
    for (const [dialect, mark] of MARKS) if (mark.test(head)) counts.set(dialect, (counts.get(dialect) ?? 0) + 1);
  }
  // Ties go to the order of MARKS: an MDN page may also carry a docfx-like mark, not the other way round.
  let best: DialectName | undefined;
  for (const [dialect] of MARKS) if ((counts.get(dialect) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = dialect;
  if (!best) return { dialect: 'docfx', reason: `no marks of another site in ${sample.length} English files` };
  return { dialect: best, reason: `${counts.get(best)} of ${sample.length} English files` };
}

async function readHead(file: string): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
