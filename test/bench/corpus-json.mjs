/**
 * `check --format json` on every tree of the corpus, one JSON file per tree, for "behaviour does not change"
 * checks across refactors: run it before and after, then `cmp` the two folders.
 *
 *   npm run build && node test/bench/corpus-json.mjs OUT_DIR [--only NAME]
 *   diff -r BEFORE_DIR AFTER_DIR && echo byte-identical
 *
 * Trees: nuget/current (no git), nuget/current against the English repository's real history (the bundle cloned
 * into a temporary folder), nuget/handoff/<locale> for each locale, mdn/current, mdn/handoff, mdn/current with an
 * English history made of mdn/handoff's and mdn/current's English (mdn-current-git), glossary, seeds, span.
 * The configurations name absolute paths and live in a fixed temporary folder, so paths in the output are the same
 * from run to run. Without the corpus it says so and exits 0.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * MDN with an English history (the corpus has none): commit 1 is the English each German page was made from
 * (mdn/handoff/en-us), commit 2 the current English; every German page's l10n.sourceCommit names commit 1. With
 * fixed identity and dates the hashes are the same from run to run. Content findings should then be those of
 * mdn-handoff, and staleness findings those of the 32 stale pages.
 */
const mdnRepo = path.join(work, 'mdn-git');
if (!existsSync(path.join(mdnRepo, '.git'))) {
  rmSync(mdnRepo, { recursive: true, force: true });
  mkdirSync(mdnRepo, { recursive: true });
  const env = { ...process.env, GIT_AUTHOR_NAME: 'corpus', GIT_AUTHOR_EMAIL: 'corpus@loc-lint.invalid', GIT_COMMITTER_NAME: 'corpus', GIT_COMMITTER_EMAIL: 'corpus@loc-lint.invalid' };
  const gitIn = (args, date) => execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', ...args], { cwd: mdnRepo, env: { ...env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) }, encoding: 'utf8' });
  gitIn(['init', '-q']);
  cpSync(path.join(corpus, 'mdn', 'handoff', 'en-us'), path.join(mdnRepo, 'en-us'), { recursive: true });
  gitIn(['add', '-A']);
  gitIn(['commit', '-q', '-m', 'the English the translations were made from'], '2025-01-01T00:00:00Z');
  const handoffCommit = gitIn(['rev-parse', 'HEAD']).trim();
  rmSync(path.join(mdnRepo, 'en-us'), { recursive: true, force: true });
  cpSync(path.join(corpus, 'mdn', 'current', 'en-us'), path.join(mdnRepo, 'en-us'), { recursive: true });
  gitIn(['add', '-A']);
  gitIn(['commit', '-q', '-m', 'the current English'], '2026-08-21T00:00:00Z');
  const copy = (from, to) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) {
        mkdirSync(target, { recursive: true });
        copy(source, target);
      } else if (entry.name.endsWith('.md')) writeFileSync(target, readFileSync(source, 'utf8').replace(/^( {2}sourceCommit: )[0-9a-f]+$/m, `$1${handoffCommit}`));
      else cpSync(source, target);
    }
  };
  mkdirSync(path.join(mdnRepo, 'de'), { recursive: true });
  copy(path.join(corpus, 'mdn', 'current', 'de'), path.join(mdnRepo, 'de'));
}

/** name → configuration (absolute paths). */
const trees = {
  'nuget-current': { source: `${corpus}/nuget/current/en-us`, targets: `${corpus}/nuget/current/{locale}`, git: false },
  // The English repository's root: its docs/ folder lines up with each locale's docs/.
  'nuget-current-git': { source: englishRepo, targets: Object.fromEntries(readdirSync(path.join(corpus, 'nuget', 'current')).filter((name) => name !== 'en-us').map((name) => [name, `${corpus}/nuget/current/${name}`])) },
  'mdn-current': { source: `${corpus}/mdn/current/en-us`, targets: `${corpus}/mdn/current/{locale}`, git: false },
  'mdn-handoff': { source: `${corpus}/mdn/handoff/en-us`, targets: `${corpus}/mdn/handoff/{locale}`, git: false },
  'mdn-current-git': { source: `${mdnRepo}/en-us`, targets: { de: `${mdnRepo}/de` } },
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
