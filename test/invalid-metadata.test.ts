/**
 * invalid-metadata: options, profiles, and on real pairs: the NuGet handoff (translations beside the English they
 * were made from) flags at most 2% of the files, and defects injected into copies of real pages are caught.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, lintPairsOf, show, tempDir } from './helpers.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';
import { historyFactsOf } from '../src/git/origin.js';
import type { EnglishHistory } from '../src/git/history.js';

const lint = (english: string, translated: string, options: Record<string, unknown> = {}) =>
  lintPair({ english, translated, rule: 'invalid-metadata', options, locale: 'de-de' }).then((findings) => findings.map(show));

describe('invalid-metadata', () => {
  test('pages without localization metadata are skipped', async () => {
    expect(await lint('---\ntitle: Table of contents here\n---\n# TOC\n', '---\ntitle: Table of contents here\n---\n# TOC\n')).toEqual([]);
  });

  test('other profiles need no ms keys; required and sameAsEnglish are configurable', async () => {
    const mdn = '---\ntitle: Titel\nl10n:\n  sourceCommit: abc1234\n---\n# Titel\n';
    expect(await lint('---\ntitle: Title\n---\n# Title\n', mdn)).toEqual([]);
    expect(await lint('---\ntitle: Title\n---\n# Title\n', mdn, { required: ['l10n.sourceCommit', 'description'] })).toEqual([
      '1:1 invalid-metadata Required key description is missing',
    ]);
    const ms = '---\nauthor: someone\nms.sourcegitcommit: abc1234\nms.lasthandoff: 03/05/2021\nms.contentlocale: DE-de\n---\n# Titel\n';
    expect(await lint('---\nauthor: karann\n---\n# Title\n', ms)).toEqual([]);
    expect(await lint('---\nauthor: karann\n---\n# Title\n', ms, { sameAsEnglish: ['author'] })).toEqual([
      '2:1 invalid-metadata author is "someone", the English file\'s is "karann" (en-us/example.md:2)',
    ]);
  });

  test('a short English title (a product name) may stay; translationTypes and minTitleWords are options', async () => {
    const page = (title: string, type: string) => `---\ntitle: ${title}\nms.sourcegitcommit: abc1234\nms.lasthandoff: 03/05/2021\nms.contentlocale: de-de\nms.translationtype: ${type}\n---\n# x\n`;
    expect(await lint('---\ntitle: NuGet.exe\n---\n# x\n', page('NuGet.exe', 'MT'))).toEqual([]);
    expect(await lint('---\ntitle: dotnet add package\n---\n# x\n', page('dotnet add package', 'HT'), { minTitleWords: 4 })).toEqual([]);
    expect(await lint('---\ntitle: x\n---\n# x\n', page('y', 'PE'), { translationTypes: ['MT', 'HT', 'PE'] })).toEqual([]);
    // A Title Case name or an error page's code is a name a translation keeps (real es and pl NuGet titles); a
    // sentence is not.
    expect(await lint('---\ntitle: NuGet Error NU5038\n---\n# x\n', page('NuGet Error NU5038', 'MT'))).toEqual([]);
    expect(await lint('---\ntitle: NuGet PowerShell Reference\n---\n# x\n', page('NuGet PowerShell Reference', 'MT'))).toEqual([]);
    expect(await lint('---\ntitle: Install the package manager\n---\n# x\n', page('Install the package manager', 'MT'))).toEqual([
      '2:1 invalid-metadata title is the English title "Install the package manager"',
    ]);
  });

  test('hostile front matter: huge lists and deep objects neither crash nor slow it', async () => {
    const list = `[${Array.from({ length: 100_000 }, (_, i) => i).join(', ')}]`;
    const page = `---\nms.topic: ${list}\nms.sourcegitcommit: abc1234\nms.contentlocale: ${'x'.repeat(100_000)}\n---\n# x\n`;
    const [result] = await lintPairsOf([{ english: `---\nms.topic: ${list}\n---\n# x\n`, translated: page, rule: 'invalid-metadata', locale: 'de-de' }]);
    expect(result.messages.map((m) => m.message.slice(0, 40))).toEqual(['Required key ms.lasthandoff is missing', `ms.contentlocale is ${'x'.repeat(20)}`]);
  }, 60_000);
});

describe('invalid-metadata: the source commit', () => {
  const english = '---\ntitle: Install the package\n---\n# Install\n';
  const page = (...lines: string[]) => ['---', 'title: Das Paket installieren', ...lines, '---', '# Installieren', ''].join('\n');
  const findings = (translated: string, metadata?: unknown) =>
    lintPair({ english, translated, rule: 'invalid-metadata', locale: 'de-de', metadata });

  test('an empty value, a list, and values that are not 4–64 hexadecimal digits', async () => {
    expect((await findings(page('default_lang_commit:'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit is empty: expected the English source commit (4–64 hexadecimal digits), so staleness cannot be checked',
    ]);
    expect((await findings(page("default_lang_commit: ''"))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit is empty: expected the English source commit (4–64 hexadecimal digits), so staleness cannot be checked',
    ]);
    expect((await findings(page('default_lang_commit: [0a1b2c3d]'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit is a list, not a commit: expected 4–64 hexadecimal digits, so staleness cannot be checked',
    ]);
    for (const value of ['HEAD~1', 'abc', 'a'.repeat(65), '0a1b 2c3d', 'main']) {
      expect((await findings(page(`default_lang_commit: ${value}`))).map(show)).toEqual([
        `3:1 invalid-metadata default_lang_commit "${value}" is not a commit hash: expected 4–64 hexadecimal digits, so staleness cannot be checked`,
      ]);
    }
    // 4 and 64 digits, upper case, and a hash YAML reads as a number (all digits) are fine.
    for (const value of ['0a1b', 'f'.repeat(64), '0A1B2C3D', '12345678901234567890123456789012345678901234']) {
      expect(await findings(page(`default_lang_commit: ${value}`))).toEqual([]);
    }
  });

  // Messages write blanks other than the ASCII space as \u escapes, so an invisible one shows; details keep them.
  test('a full-width space (U+3000) or another non-ASCII blank before or after the hash', async () => {
    const [found] = await findings(page('default_lang_commit: 0a1b2c3d\u3000'));
    expect(show(found)).toBe(
      '3:1 invalid-metadata default_lang_commit "0a1b2c3d\\u3000" has a full-width space (U+3000) after the hash: expected the hash alone (default_lang_commit: 0a1b2c3d)',
    );
    expect(found.details).toEqual({ problem: 'blank', key: 'default_lang_commit', value: '0a1b2c3d\u3000', expected: 'default_lang_commit', blanks: ['U+3000'], hash: '0a1b2c3d', stalenessChecked: true });
    expect((await findings(page('default_lang_commit: "\u00a00a1b2c3d"'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit "\\u00a00a1b2c3d" has a no-break space (U+00A0) before the hash: expected the hash alone (default_lang_commit: 0a1b2c3d)',
    ]);
    expect((await findings(page('default_lang_commit: \u30000a1b2c3d\u3000\u3000'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit "\\u30000a1b2c3d\\u3000\\u3000" has 3 blanks: full-width space (U+3000) around the hash: expected the hash alone (default_lang_commit: 0a1b2c3d)',
    ]);
    // A zero-width space is not white space to the reader: the hash cannot be looked up, and the message says so.
    expect((await findings(page('default_lang_commit: 0a1b2c3d\u200b'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit "0a1b2c3d\\u200b" has a zero-width space (U+200B) after the hash: expected the hash alone (default_lang_commit: 0a1b2c3d), so staleness cannot be checked',
    ]);
    expect((await findings(page('default_lang_commit: \u3000'))).map(show)).toEqual([
      '3:1 invalid-metadata default_lang_commit holds a full-width space (U+3000) and no commit: expected the English source commit (4–64 hexadecimal digits), so staleness cannot be checked',
    ]);
  });

  test('l10n: <hash> instead of l10n.sourceCommit; an empty l10n only where the profile is mdn', async () => {
    const hash = '5b20f5f4265f988f80f513db0e4b35c7e0cd70dc';
    const [found] = await findings(page(`l10n: ${hash}`));
    expect(show(found)).toBe(
      `3:1 invalid-metadata l10n is "${hash}", a value: expected the source commit under it as l10n.sourceCommit (l10n: {sourceCommit: ${hash}}), so staleness cannot be checked`,
    );
    expect(found.details).toEqual({ problem: 'scalar-parent', key: 'l10n', value: hash, expected: 'l10n.sourceCommit', stalenessChecked: false });
    expect((await findings(page('l10n:'), 'mdn')).map(show)).toEqual([
      '3:1 invalid-metadata l10n is empty: expected the source commit under it as l10n.sourceCommit (l10n: {sourceCommit: <commit>}), so staleness cannot be checked',
    ]);
    // Detected per file, another site may use the name for something else: only a value that looks like a commit.
    expect(await findings(page('l10n:'))).toEqual([]);
    expect(await findings(page('l10n: true'))).toEqual([]);
    expect(await findings(page('l10n:', '  sourceCommit: 0a1b2c3d'))).toEqual([]);
    expect(await findings(page('l10n: {sourceCommit: 0a1b2c3d}'))).toEqual([]);
  });

  test('a misspelt key a few edits from the profile key, at its own line, nested or not', async () => {
    expect((await findings(page('l10n:', '  sourcecommit: 0a1b2c3d'))).map(show)).toEqual([
      '4:1 invalid-metadata Unknown key l10n.sourcecommit (did you mean "l10n.sourceCommit"?): the source commit is not read from it, so staleness cannot be checked',
    ]);
    expect((await findings(page('l10n.sourcecommit: 0a1b2c3d'))).map(show)).toEqual([
      '3:1 invalid-metadata Unknown key l10n.sourcecommit (did you mean "l10n.sourceCommit"?): the source commit is not read from it, so staleness cannot be checked',
    ]);
    const [found] = await findings(page('author: someone', 'default_lang_comit: 0a1b2c3d'));
    expect(show(found)).toBe(
      '4:1 invalid-metadata Unknown key default_lang_comit (did you mean "default_lang_commit"?): the source commit is not read from it, so staleness cannot be checked',
    );
    expect(found.details).toEqual({ problem: 'misspelt', key: 'default_lang_comit', expected: 'default_lang_commit', stalenessChecked: false });
    // Keys that share a word with a commit key are not misspellings of it.
    expect(await findings(page('lang: de', 'commit: 0a1b2c3d', 'source: docs', 'default_language: de', 'l10n_status: done'))).toEqual([]);
  });

  test('under the ms profile: a misspelt ms.sourcegitcommit replaces "required key missing"; with a hash, staleness is still checked', async () => {
    const ms = page('ms.openlocfilehash: 6927d6085806d0d0a22404d0c2b23b55fb0663a7', 'ms.sourcegitcomit: 0a1b2c3d', 'ms.lasthandoff: 03/05/2021', 'ms.contentlocale: de-de');
    expect((await findings(ms)).map(show)).toEqual([
      '4:1 invalid-metadata Unknown key ms.sourcegitcomit (did you mean "ms.sourcegitcommit"?): the source commit is not read from it, so what changed since it cannot be shown',
    ]);
    const withoutCommit = page('ms.openlocfilehash: 6927d6085806d0d0a22404d0c2b23b55fb0663a7', 'ms.lasthandoff: 03/05/2021', 'ms.contentlocale: de-de');
    expect((await findings(withoutCommit)).map(show)).toEqual(['1:1 invalid-metadata Required key ms.sourcegitcommit is missing']);
  });

  test('a malformed commit is never looked up in the English history', async () => {
    const asked: string[] = [];
    const history = { resolve: (commit: string) => void asked.push(commit), lastChange: () => undefined, shallow: false } as unknown as EnglishHistory;
    for (const value of ['', 'HEAD~1', '0a1b2c3d\u200b']) {
      const facts = await historyFactsOf({ profile: 'hugo-commit', keys: {}, commit: { key: 'default_lang_commit', value, line: 2 } }, '/en/page.md', history);
      expect(facts.since).toBeUndefined();
    }
    expect(asked).toEqual([]);
  });
});

describe('stale-source-hash: a page that records no source commit where its profile gives every page one', () => {
  const english = '---\ntitle: Install the package\n---\n# Install\n';
  const stale = (translated: string, metadata?: unknown) =>
    lintPair({ english, translated, rule: 'stale-source-hash', locale: 'de-de', metadata }).then((found) => found.map(show));
  const untracked = '---\ntitle: Das Paket installieren\n---\n# Installieren\n';

  test('hugo-commit and mdn: a new page; its details say so', async () => {
    expect(await stale(untracked, 'hugo-commit')).toEqual([
      '1:1 stale-source-hash No default_lang_commit: this page records no English source commit, so its staleness cannot be checked (a new translation? record the English commit it was made from)',
    ]);
    const [found] = await lintPair({ english, translated: '# Installieren\n', rule: 'stale-source-hash', locale: 'de-de', metadata: 'mdn' });
    expect(found.message).toMatch(/^No l10n\.sourceCommit: /);
    expect(found.details).toEqual({ newPage: true, expectedKey: 'l10n.sourceCommit' });
    expect(await stale(untracked, { commit: 'source.commit', commitOnEveryPage: true })).toEqual([expect.stringMatching(/^1:1 stale-source-hash No source\.commit: /)]);
  });

  test('not for profiles that let a page go without (ms, a custom mapping by default, auto), nor when a hash decides', async () => {
    expect(await stale(untracked, 'ms')).toEqual([]);
    expect(await stale(untracked, { commit: 'source.commit' })).toEqual([]);
    expect(await stale(untracked)).toEqual([]);
    const hashed = '---\nsource:\n  sha1: 7cf87d4ad8e33cffa20c66862cf10b52c291b331\n---\n# Installieren\n';
    expect(await stale(hashed, { hash: 'source.sha1', commit: 'source.commit', commitOnEveryPage: true })).toEqual([]);
  });

  test('under auto: no finding, but one notice per locale where other pages record a source commit', async () => {
    const run = async (pages: Record<string, string | undefined>, metadata?: string) => {
      const dir = tempDir();
      try {
        for (const [name, header] of Object.entries(pages)) {
          mkdirSync(path.join(dir, 'en'), { recursive: true });
          mkdirSync(path.join(dir, 'de'), { recursive: true });
          writeFileSync(path.join(dir, 'en', name), english);
          writeFileSync(path.join(dir, 'de', name), `${header ? `---\n${header}\n---\n` : ''}# Installieren\n`);
        }
        const config = resolveConfig({ source: 'en', targets: { de: 'de' }, git: false, ...(metadata ? { metadata } : {}) }, dir, rules);
        const { pairs } = await discover(config);
        const notices: string[] = [];
        const results = await lintPairs(pairs, config, { cwd: dir, notices });
        const newPages = results.flatMap((result) => result.messages.filter((m) => m.details?.newPage).map(() => result.relPath));
        return { notices: notices.filter((notice) => !notice.includes('but no hash')), newPages };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const site = { 'a.md': 'default_lang_commit: 0a1b2c3d', 'b.md': 'default_lang_commit: 0a1b2c3d', 'c.md': 'default_lang_commit: 0a1b2c3d', 'new.md': 'title: Neu', 'bare.md': undefined };
    expect(await run(site)).toEqual({
      notices: ['2 de translated files record no source commit while 3 others record default_lang_commit: their staleness was not checked (new translations?); "metadata": "hugo-commit" in the configuration reports each one'],
      newPages: [],
    });
    expect(await run(site, 'hugo-commit')).toEqual({ notices: [], newPages: ['bare.md', 'new.md'] });
    // A site that records no commits anywhere (the CNCF glossary), or only hashes (ms), hears nothing.
    expect(await run({ 'a.md': 'title: A', 'b.md': undefined })).toEqual({ notices: [], newPages: [] });
    expect(await run({ 'a.md': 'ms.openlocfilehash: 7cf87d4ad8e33cffa20c66862cf10b52c291b331\nms.sourcegitcommit: 0a1b2c3d', 'toc.md': undefined })).toEqual({ notices: [], newPages: [] });
  });

  test('a page whose key is misspelt or malformed gets the invalid-metadata finding only', async () => {
    for (const translated of ['---\ndefault_lang_comit: 0a1b2c3d\n---\n# x\n', '---\ndefault_lang_commit:\n---\n# x\n']) {
      expect(await stale(translated, 'hugo-commit')).toEqual([]);
      expect(await lintPair({ english, translated, rule: 'invalid-metadata', locale: 'de-de', metadata: 'hugo-commit' })).toHaveLength(1);
    }
  });
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const handoff = path.join(corpus, 'nuget', 'handoff');
const present = existsSync(handoff);
if (!present) console.log(`invalid-metadata corpus suite SKIPPED: ${handoff} not found`);
const onCorpus = present ? describe : describe.skip;

onCorpus('invalid-metadata on real NuGet pages', () => {
  // At most 2% of the handoff files flagged: test/corpus.test.ts checks every rule that is on by default (measured:
  // de-de 0, ja-jp 0, pl-pl 1 of 368 — a title left in English, "NuGet PowerShell Reference").

  test('defects injected into copies of real pages are caught', async () => {
    const root = path.join(handoff, 'de-de');
    const dir = tempDir();
    cpSync(path.join(root, 'en-us', 'docs', 'consume-packages'), path.join(dir, 'en-us'), { recursive: true });
    cpSync(path.join(root, 'de-de', 'docs', 'consume-packages'), path.join(dir, 'de-de'), { recursive: true });
    const page = path.join(dir, 'de-de', 'install-use-packages-visual-studio.md');
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, original.replace(/ms\.contentlocale: de-DE/, 'ms.contentlocale: de-AT').replace(/ms\.topic: \S+/, 'ms.topic: Tutorial'));
    const config = resolveConfig({ source: path.join(dir, 'en-us'), targets: { 'de-DE': path.join(dir, 'de-de') } }, '/', rules);
    const { pairs } = await discover(config);
    const results = await lintPairs(pairs, config, { cwd: dir });
    const found = results.flatMap((result) => result.messages.filter((m) => m.ruleId === 'invalid-metadata').map((m) => `${result.relPath}: ${m.message}`));
    expect(found).toEqual([
      expect.stringMatching(/^install-use-packages-visual-studio\.md: ms\.topic is "Tutorial", the English file's is "/),
      'install-use-packages-visual-studio.md: ms.contentlocale is de-AT, but this file is the de-DE translation',
    ]);
  }, 120_000);
});

const mdnPages = path.join(corpus, 'mdn', 'current');
const mdnPresent = existsSync(path.join(mdnPages, 'de'));
if (!mdnPresent) console.log(`invalid-metadata MDN suite SKIPPED: ${mdnPages} not found`);
(mdnPresent ? describe : describe.skip)('invalid-metadata: source commits of real MDN pages', () => {
  // On the corpus as it is, the source commit checks flag nothing (every l10n.sourceCommit is 40 hex digits).
  test('defects injected into copies of real pages are caught, each at its key, and the untouched page is clean', async () => {
    const dir = tempDir();
    const folders = ['tutorials', 'reference/values/log', 'reference/values/axis', 'reference/values/dashed-function', 'reference/values'];
    for (const folder of folders) {
      for (const [from, to] of [['en-us', 'en-us'], ['de', 'de']]) {
        const target = path.join(dir, to, folder, 'index.md');
        cpSync(path.join(mdnPages, from, 'web', 'css', folder, 'index.md'), target);
      }
    }
    const inject = (folder: string, change: (text: string) => string) => {
      const file = path.join(dir, 'de', folder, 'index.md');
      const before = readFileSync(file, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`injection into ${folder} changed nothing`);
      writeFileSync(file, after);
    };
    inject('tutorials', (text) => text.replace('  sourceCommit:', '  sourcecommit:'));
    inject('reference/values/log', (text) => text.replace(/(sourceCommit: [0-9a-f]+)/, '$1\u3000'));
    inject('reference/values/axis', (text) => text.replace(/l10n:\r?\n {2}sourceCommit: ([0-9a-f]+)/, 'l10n: $1'));
    inject('reference/values/dashed-function', (text) => text.replace(/sourceCommit: [0-9a-f]+/, 'sourceCommit:'));
    const config = resolveConfig({ source: path.join(dir, 'en-us'), targets: { de: path.join(dir, 'de') }, git: false }, '/', rules);
    const { pairs } = await discover(config);
    const results = await lintPairs(pairs, config, { cwd: dir });
    const found = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId === 'invalid-metadata' && m.details?.problem).map((m) => `${result.relPath.split(path.sep).join('/')}:${m.line} ${m.details!.problem} ${m.details!.key}`),
    );
    expect(found.sort()).toEqual([
      'reference/values/axis/index.md:5 scalar-parent l10n',
      'reference/values/dashed-function/index.md:6 empty l10n.sourceCommit',
      'reference/values/log/index.md:6 blank l10n.sourceCommit',
      'tutorials/index.md:5 misspelt l10n.sourcecommit',
    ]);
  }, 120_000);
});

