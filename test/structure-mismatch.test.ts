/**
 * structure-mismatch: hostile shapes, and defects injected into copies of real NuGet pages (the handoff corpus
 * bound of 2% per rule is checked by test/corpus.test.ts: 1 of 368 files per locale, a release-notes page whose
 * translation splits two list items).
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, show, tempDir } from './helpers.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

const lint = (english: string, translated: string, options: Record<string, unknown> = {}) =>
  lintPair({ english, translated, rule: 'structure-mismatch', options, locale: 'de-de' }).then((findings) => findings.map(show));

describe('structure-mismatch', () => {
  test('includes and tables; the check option limits the kinds', async () => {
    const english = '# A\n\n[!INCLUDE [setup](includes/setup.md)]\n\n| a | b |\n| - | - |\n| 1 | 2 |\n';
    const translated = '# A\n\n[!INCLUDE [Einrichtung](includes/set-up.md)]\n\n| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n';
    expect(await lint(english, translated)).toEqual([
      '3:1 structure-mismatch Includes differ from the English: includes/set-up.md is not in the English; includes/setup.md is missing',
      '5:1 structure-mismatch Tables differ from the English: table 1 has 2 columns and 3 rows, the English\'s 2 and 2 (en-us/example.md:5)',
    ]);
    expect(await lint(english, translated, { check: ['headings'] })).toEqual([]);
  });

  test('a missing heading and an extra one', async () => {
    expect(await lint('# A\n\n## B\n\n## C\n', '# A\n\n## B\n')).toEqual([
      '3:1 structure-mismatch Headings differ from the English: 2 headings, the English has 3 (levels 1, 2, 2; the first missing is at en-us/example.md:5)',
    ]);
    expect(await lint('# A\n', '# A\n\n## Extra\n')).toEqual(['3:1 structure-mismatch Headings differ from the English: 2 headings, the English has 1 (levels here 1, 2)']);
  });

  test('lists are compared one by one: the finding is at the list that differs, not at the first list of the page', async () => {
    const english = '# Steps\n\n- One\n- Two\n\n## More\n\n1. First\n2. Second\n3. Third\n';
    const translated = '# Schritte\n\n- Eins\n- Zwei\n\n## Mehr\n\n1. Erstens\n2. Zweitens\n';
    expect(await lint(english, translated)).toEqual(['8:1 structure-mismatch Lists differ from the English: list 2 has 2 items, the English\'s has 3 (en-us/example.md:8)']);
    expect(await lint(english, '# Schritte\n\n- Eins\n- Zwei\n')).toEqual([
      '1:1 structure-mismatch Headings differ from the English: 1 headings, the English has 2 (levels 1, 2; the first missing is at en-us/example.md:6)',
      '3:1 structure-mismatch Lists differ from the English: 1 list, the English has 2 (the first missing is at en-us/example.md:8)',
    ]);
  });

  test('an ordinal written like a list marker at the start of an item (`* 1. gün:` for "Day 1") is not a list', async () => {
    const english = '# Schedule\n\n* Day 1: install\n* Day 2: configure\n';
    expect(await lint(english, '# Program\n\n* 1. gün: kurulum\n* 2. gün: yapılandırma\n')).toEqual([]);
    // A real list inside an item is still a list.
    expect(await lint(english, '# Program\n\n* 1. gün: kurulum\n  2. gün: yapılandırma\n* 3. gün\n')).toHaveLength(1);
  });

  test('hostile shapes: 1,000 nested quotes and 5,000 list items lint without recursion trouble', async () => {
    const deep = `${'> '.repeat(1000)}x\n`;
    expect(await lint(deep, deep)).toEqual([]);
    const items = '- x\n'.repeat(5_000);
    expect(await lint(items, `${items}- y\n`)).toEqual(['1:1 structure-mismatch Lists differ from the English: list 1 has 5001 items, the English\'s has 5000 (en-us/example.md:1)']);
  }, 15_000);
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const handoff = path.join(corpus, 'nuget', 'handoff', 'de-de');
const present = existsSync(handoff);
if (!present) console.log(`structure-mismatch corpus suite SKIPPED: ${handoff} not found`);

(present ? describe : describe.skip)('structure-mismatch on real NuGet pages', () => {
  test('defects injected into copies of real pages are caught; the untouched pages are clean', async () => {
    const dir = tempDir();
    cpSync(path.join(handoff, 'en-us', 'docs', 'consume-packages'), path.join(dir, 'en-us'), { recursive: true });
    cpSync(path.join(handoff, 'de-de', 'docs', 'consume-packages'), path.join(dir, 'de-de'), { recursive: true });
    const config = resolveConfig({ source: path.join(dir, 'en-us'), targets: { 'de-DE': path.join(dir, 'de-de') }, rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.id === 'structure-mismatch' ? 'warn' : 'off'])) }, '/', rules);
    const run = async () => {
      const { pairs } = await discover(config);
      return (await lintPairs(pairs, config, { cwd: dir })).flatMap((result) => result.messages.map((m) => `${result.relPath}:${m.line} ${m.message}`));
    };
    expect(await run()).toEqual([]);
    const page = path.join(dir, 'de-de', 'install-use-packages-visual-studio.md');
    const text = readFileSync(page, 'utf8');
    // A demoted heading and a warning turned into a note.
    writeFileSync(page, text.replace(/\n## /, '\n### ').replace('> [!NOTE]', '> [!TIP]'));
    const found = await run();
    expect(found).toEqual([
      'install-use-packages-visual-studio.md:24 Alerts differ from the English: alert 1 is TIP, the English\'s is NOTE (the English has NOTE, TIP, NOTE, TIP)',
      expect.stringMatching(/^install-use-packages-visual-studio\.md:29 Headings differ from the English: heading 2 is level 3, the English's is level 2 \(en-us\/install-use-packages-visual-studio\.md:24\)$/),
    ]);
  }, 15_000);
});
