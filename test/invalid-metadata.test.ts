/**
 * invalid-metadata: options, profiles, and on real pairs: the NuGet handoff (translations beside the English they
 * were made from) flags at most 2% of the files, and defects injected into copies of real pages are caught.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, lintPairsOf, show, tempDir } from './helpers.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

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
  });

  test('hostile front matter: huge lists and deep objects neither crash nor slow it', async () => {
    const list = `[${Array.from({ length: 100_000 }, (_, i) => i).join(', ')}]`;
    const page = `---\nms.topic: ${list}\nms.sourcegitcommit: abc1234\nms.contentlocale: ${'x'.repeat(100_000)}\n---\n# x\n`;
    const [result] = await lintPairsOf([{ english: `---\nms.topic: ${list}\n---\n# x\n`, translated: page, rule: 'invalid-metadata', locale: 'de-de' }]);
    expect(result.messages.map((m) => m.message.slice(0, 40))).toEqual(['Required key ms.lasthandoff is missing', `ms.contentlocale is ${'x'.repeat(20)}`]);
  }, 60_000);
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
