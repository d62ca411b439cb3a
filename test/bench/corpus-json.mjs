/**
 * `check --format json` on every tree of the corpus, one JSON file per tree, for "behaviour does not change"
 * checks across refactors: run it before and after, then `cmp` the two folders.
 *
 *   npm run build && node test/bench/corpus-json.mjs OUT_DIR [--only NAME]
 *   diff -r BEFORE_DIR AFTER_DIR && echo byte-identical
 *
 * Trees: nuget/current (no git), nuget/current against the English repository's real history (the bundle cloned
 * into a temporary folder), nuget/handoff/<locale> for each locale, mdn/current, mdn/handoff, glossary, seeds, span.
 * The configurations name absolute paths and live in a fixed temporary folder, so paths in the output are the same
 * from run to run. Without the corpus it says so and exits 0.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
const bin = path.join(repoRoot, 'dist', 'bin', 'bin.js');

const args = process.argv.slice(2);
const outDir = args.find((arg) => !arg.startsWith('--'));
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
if (!outDir) {
  console.error('usage: node test/bench/corpus-json.mjs OUT_DIR [--only NAME]');
  process.exit(2);
}
if (!existsSync(path.join(corpus, 'nuget', 'truth.json'))) {
  console.log(`corpus-json SKIPPED: ${corpus} not found`);
  process.exit(0);
}

const work = path.join('/tmp', 'loc-lint-corpus-json');
mkdirSync(work, { recursive: true });
const englishRepo = path.join(work, 'nuget-en');
if (!existsSync(path.join(englishRepo, '.git'))) {
  rmSync(englishRepo, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '-b', 'main', path.join(corpus, 'nuget', 'en-history.bundle'), englishRepo]);
}

/** name → configuration (absolute paths). */
const trees = {
  'nuget-current': { source: `${corpus}/nuget/current/en-us`, targets: `${corpus}/nuget/current/{locale}`, git: false },
  // The English repository's root: its docs/ folder lines up with each locale's docs/.
  'nuget-current-git': { source: englishRepo, targets: Object.fromEntries(readdirSync(path.join(corpus, 'nuget', 'current')).filter((name) => name !== 'en-us').map((name) => [name, `${corpus}/nuget/current/${name}`])) },
  'mdn-current': { source: `${corpus}/mdn/current/en-us`, targets: `${corpus}/mdn/current/{locale}`, git: false },
  'mdn-handoff': { source: `${corpus}/mdn/handoff/en-us`, targets: `${corpus}/mdn/handoff/{locale}`, git: false },
  glossary: { source: `${corpus}/glossary/en`, targets: `${corpus}/glossary/{locale}`, git: false },
  seeds: { source: `${corpus}/seeds/en-us`, targets: `${corpus}/seeds/{locale}`, git: false },
  span: { source: `${corpus}/span/en-us`, targets: `${corpus}/span/{locale}`, git: false },
};
for (const locale of readdirSync(path.join(corpus, 'nuget', 'handoff')).sort()) {
  const root = `${corpus}/nuget/handoff/${locale}`;
  trees[`nuget-handoff-${locale}`] = { source: `${root}/en-us`, targets: { [locale]: `${root}/${locale}` }, git: false };
}

mkdirSync(outDir, { recursive: true });
for (const [name, config] of Object.entries(trees)) {
  if (only && name !== only) continue;
  const cwd = path.join(work, name);
  mkdirSync(cwd, { recursive: true });
  writeFileSync(path.join(cwd, '.lintrc.json'), JSON.stringify(config, null, 2) + '\n');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, 'check', '--format', 'json', '--no-baseline'], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(path.join(outDir, `${name}.json`), run.stdout);
  writeFileSync(path.join(outDir, `${name}.stderr`), run.stderr);
  const findings = run.stdout ? JSON.parse(run.stdout).reduce((sum, file) => sum + file.messages.length, 0) : 0;
  console.log(`${name}: exit ${run.status}, ${findings} findings, ${seconds.toFixed(1)} s`);
}
