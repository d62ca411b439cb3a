/**
 * Git-aware staleness, end to end through the command line, on temporary git repositories: the English has a
 * history of several commits and the translations point at older ones, under each metadata profile.
 */
import { createHash } from 'node:crypto';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './helpers.js';
import { git, write } from './git-repo.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { runGit, spawnGit, type GitRunner, type GitSpawner } from '../src/git/git.js';
import { rules } from '../rules/index.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

const V1 = '# Install\n\nRun the installer.\n\nThen restart.\n';
const V2 = '# Install\n\nRun the installer as an administrator.\n\nThen restart.\n';
const V3 = '# Install\n\nRun the installer as an administrator.\n\nThen restart the machine.\n\nDone.\n';

interface Repository {
  dir: string;
  c1: string;
  c2: string;
  c3: string;
}

/** en-us/page.md in three commits (2021-03-04, 2021-05-01, 2021-06-01); translations under several profiles. */
function repository(): Repository {
  const dir = tempDir('loc-lint-git-');
  git(dir, ['init', '-q']);
  write(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-DE': 'de-de', 'fr-FR': 'fr-fr', 'es-ES': 'es-es' } }));
  write(path.join(dir, 'en-us', 'page.md'), V1);
  write(path.join(dir, 'en-us', 'other.md'), '# Other\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'First version'], '2021-03-04T10:00:00Z');
  const c1 = git(dir, ['rev-parse', 'HEAD']).trim();
  write(path.join(dir, 'en-us', 'page.md'), V2);
  git(dir, ['commit', '-q', '-am', 'Say who runs it'], '2021-05-01T10:00:00Z');
  const c2 = git(dir, ['rev-parse', 'HEAD']).trim();
  write(path.join(dir, 'en-us', 'page.md'), V3);
  git(dir, ['commit', '-q', '-am', 'Restart the machine'], '2021-06-01T10:00:00Z');
  const c3 = git(dir, ['rev-parse', 'HEAD']).trim();
  // ms: hash and source commit of the first version, handed off the day after.
  write(
    path.join(dir, 'de-de', 'page.md'),
    `---\nms.openlocfilehash: ${sha1(V1)}\nms.sourcegitcommit: ${c1}\nms.lasthandoff: 03/05/2021\nms.contentlocale: de-DE\n---\n# Installieren\n\nFühren Sie das Installationsprogramm aus.\n\nStarten Sie dann neu.\n`,
  );
  // ms, fresh: hash of the current English.
  write(path.join(dir, 'de-de', 'other.md'), `---\nms.openlocfilehash: ${sha1('# Other\n')}\nms.sourcegitcommit: ${c3}\nms.lasthandoff: 06/02/2021\n---\n# Andere\n`);
  // mdn: no hash, the source commit only (nested key).
  write(path.join(dir, 'fr-fr', 'page.md'), `---\ntitle: Installer\nl10n:\n  sourceCommit: ${c2.slice(0, 10)}\n---\n# Installer\n\nExécutez le programme.\n\nRedémarrez.\n`);
  write(path.join(dir, 'fr-fr', 'other.md'), `---\nl10n:\n  sourceCommit: ${c3}\n---\n# Autre\n`);
  // hugo-commit: up to date, and one that points nowhere.
  write(path.join(dir, 'es-es', 'page.md'), `---\ntitle: Instalar\ndefault_lang_commit: ${c3}\n---\n# Instalar\n\nEjecute el instalador.\n\nReinicie la máquina.\n\nListo.\n`);
  write(path.join(dir, 'es-es', 'other.md'), `---\ndefault_lang_commit: 0123456789abcdef0123456789abcdef01234567\n---\n# Otro\n`);
  return { dir, c1, c2, c3 };
}

interface JsonFinding {
  ruleId: string;
  message: string;
  short?: string;
  line: number;
  details?: Record<string, unknown>;
}

async function check(dir: string, extra: string[] = []) {
  const run = await cli(['check', '-f', 'json', '--no-baseline', ...extra], { cwd: dir });
  const results = JSON.parse(run.stdout) as { locale: string; relPath: string; messages: JsonFinding[] }[];
  const at = (locale: string, relPath: string, ruleId: string) =>
    results.find((result) => result.locale === locale && result.relPath === relPath)!.messages.filter((message) => message.ruleId === ruleId);
  return { run, results, at };
}

describe('git-aware staleness', () => {
  const repo = repository();

  test('ms: a stale hash carries what git says changed since the source commit', async () => {
    const { at } = await check(repo.dir);
    const [stale] = at('de-DE', 'page.md', 'stale-source-hash');
    // V1 → V3: one line changed in the second commit; one changed and two added in the third.
    expect(stale.details).toEqual({
      stale: true,
      recordedHash: sha1(V1),
      englishHash: sha1(V3),
      sourceCommit: repo.c1,
      sourceCommitDate: '2021-03-04',
      commitsSince: 2,
      addedLines: 4,
      removedLines: 2,
    });
    expect(stale.short).toBe('English changed in 2 commits since 2021-03-04, +4 \u22122 lines (ms.openlocfilehash differs)');
    expect(at('de-DE', 'other.md', 'stale-source-hash')).toEqual([]);
  });

  test('stylish shows the short form', async () => {
    const run = await cli(['check', '--no-baseline', 'de-de/page.md'], { cwd: repo.dir });
    expect(run.stdout).toMatch(/^ +2:1 +error +English changed in 2 commits since 2021-03-04, \+4 \u22122 lines \(ms\.openlocfilehash differs\) +stale-source-hash$/m);
  });

  test('outdated-handoff takes the English last-change date from git', async () => {
    const { at } = await check(repo.dir);
    expect(at('de-DE', 'page.md', 'outdated-handoff')).toEqual([
      expect.objectContaining({
        message: `Handoff 2021-03-05 is older than the English file's last change 2021-06-01 (commit ${repo.c3.slice(0, 7)} "Restart the machine")`,
        details: { handoff: '2021-03-05', englishChanged: '2021-06-01', englishCommit: repo.c3 },
      }),
    ]);
    expect(at('de-DE', 'other.md', 'outdated-handoff')).toEqual([]);
  });

  test('mdn and hugo-commit: no hash, stale when English commits touched the page after the source commit', async () => {
    const { at, run } = await check(repo.dir);
    expect(at('fr-FR', 'page.md', 'stale-source-hash')).toEqual([
      expect.objectContaining({
        line: 4, // the line of sourceCommit under l10n:
        message: `The English file changed since this translation's source commit: English changed in 1 commit since 2021-05-01, +3 \u22121 lines (l10n.sourceCommit ${repo.c2.slice(0, 10)})`,
        details: { stale: true, sourceCommit: repo.c2, sourceCommitDate: '2021-05-01', commitsSince: 1, addedLines: 3, removedLines: 1 },
      }),
    ]);
    expect(at('fr-FR', 'other.md', 'stale-source-hash')).toEqual([]);
    expect(at('es-ES', 'page.md', 'stale-source-hash')).toEqual([]);
    expect(at('es-ES', 'other.md', 'stale-source-hash')).toEqual([
      expect.objectContaining({
        message: "default_lang_commit 0123456789abcdef0123456789abcdef01234567 is not in the English repository's history (rewritten history, or a commit of another repository): staleness cannot be checked",
      }),
    ]);
    expect(run.stderr).toBe('');
  });

  test('stale-segment on plain Markdown: blocks whose English changed since the source commit, with old and new English', async () => {
    const { at } = await check(repo.dir);
    const shown = (locale: string) => at(locale, 'page.md', 'stale-segment').map((finding) => `${finding.line} ${finding.message}`);
    expect(shown('de-DE')).toEqual([
      `9 Paragraph is stale: its English at ${repo.c1.slice(0, 7)} "Run the installer." is now "Run the installer as an administrator." (en-us/page.md:3)`,
      `11 Paragraph is stale: its English at ${repo.c1.slice(0, 7)} "Then restart." is now "Then restart the machine." (en-us/page.md:5)`,
      // Added by the third version, after the paragraph the translation ends with.
      `11 New English text since ${repo.c1.slice(0, 7)} has no translation: paragraph "Done." (en-us/page.md:7)`,
    ]);
    // Translated from the second version: only the last paragraph changed since, and one was added.
    expect(shown('fr-FR')).toEqual([
      `10 Paragraph is stale: its English at ${repo.c2.slice(0, 7)} "Then restart." is now "Then restart the machine." (en-us/page.md:5)`,
      `10 New English text since ${repo.c2.slice(0, 7)} has no translation: paragraph "Done." (en-us/page.md:7)`,
    ]);
    expect(shown('es-ES')).toEqual([]);
  });

  test('the report counts git-stale files as stale', async () => {
    const run = await cli(['report', '-f', 'json'], { cwd: repo.dir });
    const report = JSON.parse(run.stdout) as { locales: { locale: string; stale: number }[] };
    expect(Object.fromEntries(report.locales.map((locale) => [locale.locale, locale.stale]))).toEqual({ 'de-DE': 1, 'es-ES': 0, 'fr-FR': 1 });
  });

  test('without git history: hashes still work, and the run says once which files could not be checked', async () => {
    const copy = tempDir();
    cpSync(repo.dir, copy, { recursive: true });
    rmSync(path.join(copy, '.git'), { recursive: true, force: true });
    const { at, run } = await check(copy);
    expect(at('de-DE', 'page.md', 'stale-source-hash')[0].details).toEqual({ stale: true, recordedHash: sha1(V1), englishHash: sha1(V3) });
    expect(at('fr-FR', 'page.md', 'stale-source-hash')).toEqual([]);
    expect(run.stderr).toBe(
      `loc-lint: 4 translated files record a source commit (default_lang_commit, l10n.sourceCommit) but no hash, and the English root ${path.join(copy, 'en-us')} is not in a git work tree: their staleness was not checked\n` +
        `loc-lint: 5 translated files could only be compared with the current English: the English they were made from could not be read (the English root ${path.join(copy, 'en-us')} is not in a git work tree)\n`,
    );
    writeFileSync(path.join(repo.dir, 'off.json'), JSON.stringify({ source: 'en-us', targets: { 'fr-FR': 'fr-fr' }, git: false }));
    const off = await cli(['check', '-f', 'json', '-c', 'off.json'], { cwd: repo.dir });
    expect(off.stderr).toContain('git history is turned off ("git": false in the configuration): their staleness was not checked');
  });

  test('a shallow clone: commits below its boundary are unknown, said once, not a finding per file', async () => {
    const shallow = tempDir('loc-lint-shallow-');
    git(shallow, ['clone', '-q', '--depth', '1', `file://${repo.dir}`, 'clone']);
    const dir = path.join(shallow, 'clone');
    // The translations are not committed in the origin, so copy them in.
    for (const locale of ['de-de', 'fr-fr', 'es-es']) cpSync(path.join(repo.dir, locale), path.join(dir, locale), { recursive: true });
    const { at, run } = await check(dir);
    expect(at('fr-FR', 'page.md', 'stale-source-hash')).toEqual([]);
    expect(at('es-ES', 'page.md', 'stale-source-hash')).toEqual([]); // c3 is the clone's only commit: up to date
    expect(run.stderr).toContain('loc-lint: 2 translated files point at English commits this shallow clone does not have');
    // The hash still decides for ms pages.
    expect(at('de-DE', 'page.md', 'stale-source-hash')[0].details).toMatchObject({ stale: true, englishHash: sha1(V3) });
  });

  test('one history per run: a fixed number of git processes, whatever the number of pairs', async () => {
    const count = async (pages: number) => {
      const dir = tempDir();
      cpSync(repo.dir, dir, { recursive: true });
      for (let i = 0; i < pages; i++) {
        for (const locale of ['de-de', 'fr-fr']) cpSync(path.join(dir, locale, 'page.md'), path.join(dir, locale, `copy ${i}.md`));
        cpSync(path.join(dir, 'en-us', 'page.md'), path.join(dir, 'en-us', `copy ${i}.md`));
      }
      git(dir, ['add', '-A', 'en-us']);
      git(dir, ['commit', '-q', '-m', 'copies'], '2021-07-01T10:00:00Z');
      const calls: string[] = [];
      const subcommand = (args: string[]) => args.find((arg, index) => !arg.startsWith('-') && args[index - 1] !== '-c')!;
      const gitRunner: GitRunner = (args, options) => {
        calls.push(subcommand(args));
        return runGit(args, options);
      };
      const spawner: GitSpawner = (args, options) => {
        calls.push(subcommand(args));
        return spawnGit(args, options);
      };
      const config = resolveConfig({ source: 'en-us', targets: { 'de-DE': 'de-de', 'fr-FR': 'fr-fr' } }, dir, rules);
      const { pairs } = await discover(config);
      const results = await lintPairs(pairs, config, { cwd: dir, history: { git: gitRunner, spawnGit: spawner } });
      return { calls: calls.sort(), pairs: results.length };
    };
    const small = await count(1);
    const large = await count(20);
    expect(large.pairs).toBe(small.pairs + 38);
    expect(large.calls).toEqual(small.calls);
    expect(large.calls).toEqual(['cat-file', 'log', 'rev-list', 'rev-parse']);
  });
});

describe('two questions, never mixed: content rules compare with the English the translation was made from', () => {
  /** English with a link and a number, handed off at c1; then the English changed both; the translation is stale. */
  function drifted() {
    const dir = tempDir('loc-lint-handoff-english-');
    git(dir, ['init', '-q']);
    write(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-DE': 'de-de' } }));
    const old = '# Install\n\nSee [the guide](guide.md) for 3 steps.\n\nThen restart.\n';
    write(path.join(dir, 'en-us', 'page.md'), old);
    write(path.join(dir, 'en-us', 'same.md'), '# Same\n\nUnchanged [link](a.md).\n');
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'First version'], '2021-03-04T10:00:00Z');
    const c1 = git(dir, ['rev-parse', 'HEAD']).trim();
    write(path.join(dir, 'en-us', 'page.md'), '# Install\n\nSee [the new guide](setup/guide.md) for 5 steps.\n\nThen restart.\n');
    git(dir, ['commit', '-q', '-am', 'New guide'], '2021-05-01T10:00:00Z');
    const meta = (text: string) => `---\nms.openlocfilehash: ${sha1(text)}\nms.sourcegitcommit: ${c1}\nms.lasthandoff: 03/05/2021\n---\n`;
    // Faithful to the English it was made from, except one real defect: the restart sentence got a link.
    write(path.join(dir, 'de-de', 'page.md'), `${meta(old)}# Installieren\n\nSiehe [die Anleitung](guide.md) für 3 Schritte.\n\nDann [neu starten](restart.md).\n`);
    // Handed off before a history was imported in one later commit: same bytes, newer commit date.
    write(path.join(dir, 'de-de', 'same.md'), `${meta('# Same\n\nUnchanged [link](a.md).\n')}# Gleich\n\nUnverändert [Link](a.md).\n`);
    return { dir, c1 };
  }

  test('a stale page: no finding restates the English drift; the real defect says which English it was compared with', async () => {
    const { dir, c1 } = drifted();
    const { at } = await check(dir);
    expect(at('de-DE', 'page.md', 'stale-source-hash')).toHaveLength(1);
    const links = at('de-DE', 'page.md', 'link-mismatch');
    // guide.md (old English) is kept, restart.md is the translation's own: one finding, not the drift to setup/guide.md.
    expect(links.map((finding) => finding.message).join('\n')).not.toContain('setup/guide.md');
    expect(links).toHaveLength(1);
    expect(links[0].message).toContain('restart.md');
    expect(links[0].message).toContain(`(compared with the English at ${c1.slice(0, 7)}, 2021-03-04)`);
    expect(links[0].details).toMatchObject({ comparedWith: { commit: c1, date: '2021-03-04' } });
    expect(at('de-DE', 'page.md', 'number-mismatch')).toEqual([]);
    // Without the history, the same page is compared with the current English: the drift shows, and the run says so once.
    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    const noGit = await check(dir);
    expect(noGit.at('de-DE', 'page.md', 'number-mismatch').length).toBeGreaterThan(0);
    for (const finding of noGit.at('de-DE', 'page.md', 'number-mismatch')) {
      expect(finding.message).toMatch(/\(compared with the current English: the English it was made from could not be read\)$/);
      expect(finding.details).toMatchObject({ comparedWith: 'current' });
    }
    expect(noGit.run.stderr).toMatch(/^loc-lint: 1 translated file could only be compared with the current English: the English it was made from could not be read \(the English root .* is not in a git work tree\)$/m);
  });

  test('outdated-handoff never fires when the English bytes are those handed off, whatever the commit dates say', async () => {
    const { dir } = drifted();
    const { at } = await check(dir);
    // same.md's only commit (2021-03-04) is before the handoff anyway; make the dates disagree by re-committing it.
    expect(at('de-DE', 'same.md', 'outdated-handoff')).toEqual([]);
    const imported = tempDir('loc-lint-imported-');
    cpSync(dir, imported, { recursive: true });
    rmSync(path.join(imported, '.git'), { recursive: true, force: true });
    git(imported, ['init', '-q']);
    git(imported, ['add', '-A']);
    git(imported, ['commit', '-q', '-m', 'Import the docs'], '2026-01-01T10:00:00Z');
    const after = await check(imported);
    expect(after.at('de-DE', 'same.md', 'outdated-handoff')).toEqual([]);
    // The stale page is still outdated: its English bytes differ from the handed-off hash.
    expect(after.at('de-DE', 'page.md', 'outdated-handoff')).toHaveLength(1);
    // The report's headline: the unchanged page is up to date although its English "changed" in 2026.
    const report = JSON.parse((await cli(['report', '-f', 'json'], { cwd: imported })).stdout) as { locales: { locale: string; upToDate: number; upToDatePercent: number }[] };
    expect(report.locales.find((locale) => locale.locale === 'de-DE')).toMatchObject({ upToDate: 1, upToDatePercent: 50 });
    // Its source commit is not in the imported history: a finding says so (not a run notice as well).
    expect(after.at('de-DE', 'page.md', 'stale-source-hash')).toHaveLength(1);
    expect(after.run.stderr).not.toMatch(/could only be compared/);
  });
});
