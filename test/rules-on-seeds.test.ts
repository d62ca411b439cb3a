/**
 * The new rules on the corpus's seed page (a real span-format translation, ja-JP 2020, beside its English): one
 * defect injected at a time into a copy, and exactly the rule for it reports something new.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const seeds = path.join(corpus, 'seeds');
const present = existsSync(path.join(seeds, 'ja-jp'));
if (!present) console.log(`rules-on-seeds suite SKIPPED: ${seeds} not found`);
const PAGE = '423-org-security-emailaccountcompromised.md';

async function findings(dir: string): Promise<string[]> {
  const config = resolveConfig({ source: 'en-us', targets: { 'ja-JP': 'ja-jp' }, rules: { 'missing-translation': 'warn' } }, dir, rules);
  const { pairs, orphans, missing } = await discover(config);
  const results = await lintPairs(pairs, config, { cwd: dir, orphans, missing, now: new Date('2021-01-01') });
  return results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${result.relPath}:${message.line} ${message.message}`));
}

(present ? describe : describe.skip)('injected defects on the seed page', () => {
  let clean: Set<string>;
  const copy = () => {
    const dir = tempDir();
    for (const locale of ['en-us', 'ja-jp']) cpSync(path.join(seeds, locale), path.join(dir, locale), { recursive: true });
    return dir;
  };
  beforeAll(async () => {
    clean = new Set(await findings(copy()));
  }, 120_000);

  /** The findings a change adds, as rule ids. */
  async function added(change: (dir: string, edit: (locale: string, replace: (text: string) => string) => void) => void): Promise<string[]> {
    const dir = copy();
    change(dir, (locale, replace) => {
      const file = path.join(dir, locale, PAGE);
      const before = readFileSync(file, 'utf8');
      const after = replace(before);
      expect(after).not.toBe(before); // the injection must apply
      writeFileSync(file, after);
    });
    return (await findings(dir)).filter((finding) => !clean.has(finding)).map((finding) => finding.split(' ')[0]);
  }

  test('the untouched page has none of the new rules\' findings', () => {
    const ids = new Set([...clean].map((finding) => finding.split(' ')[0]));
    for (const id of ['invalid-metadata', 'structure-mismatch', 'anchor-mismatch', 'number-mismatch', 'code-mismatch', 'orphaned-translation', 'missing-translation']) {
      expect([id, ids.has(id)]).toEqual([id, false]);
    }
  });

  test.each([
    ['invalid-metadata', (text: string) => text.replace('ms.contentlocale: ja-JP', 'ms.contentlocale: ko-KR')],
    ['structure-mismatch', (text: string) => text.replace('\n# <a name=', '\n## <a name=')],
    ['anchor-mismatch', (text: string) => text.replace('<a name="compromised-email-accounts">', '<a name="compromised-mail">')],
    ['number-mismatch', (text: string) => text.replace('**Office 365 セキュリティ', '**Office 356 セキュリティ')],
  ])('%s', async (ruleId, replace) => {
    expect(await added((_, edit) => edit('ja-jp', replace))).toEqual([ruleId]);
  }, 120_000);

  test('code-mismatch: an inline code span changed in translation', async () => {
    const ids = await added((_, edit) => {
      edit('en-us', (text) => `${text}\nRun \`Get-Mailbox -Identity user\` to check it.\n`);
      edit('ja-jp', (text) => `${text}\n\`Get-Mailboxes -Identity user\` を実行して確認します。\n`);
    });
    expect(ids).toContain('code-mismatch');
    expect(ids.filter((id) => !['code-mismatch', 'stale-source-hash'].includes(id))).toEqual([]);
  }, 120_000);

  test('orphaned-translation and missing-translation: a page renamed in English only', async () => {
    const ids = await added((dir) => {
      cpSync(path.join(dir, 'en-us', PAGE), path.join(dir, 'en-us', `renamed-${PAGE}`));
      cpSync(path.join(dir, 'ja-jp', PAGE), path.join(dir, 'ja-jp', `old-${PAGE}`));
    });
    expect(ids.sort()).toEqual(['missing-translation', 'orphaned-translation']);
  }, 120_000);
});

const handoff = path.join(corpus, 'nuget', 'handoff', 'de-de');
(existsSync(handoff) ? describe : describe.skip)('injected defects on a real plain-Markdown pair (nuget/handoff de-de)', () => {
  const PLAIN = 'install-use-packages-visual-studio.md';
  const copy = () => {
    const dir = tempDir();
    cpSync(path.join(handoff, 'en-us', 'docs', 'consume-packages'), path.join(dir, 'en-us'), { recursive: true });
    cpSync(path.join(handoff, 'de-de', 'docs', 'consume-packages'), path.join(dir, 'ja-jp'), { recursive: true });
    return dir;
  };
  const german = async (dir: string) => {
    const config = resolveConfig({ source: 'en-us', targets: { 'de-DE': 'ja-jp' }, rules: { 'missing-translation': 'warn' } }, dir, rules);
    const { pairs, orphans, missing } = await discover(config);
    const results = await lintPairs(pairs, config, { cwd: dir, orphans, missing, now: new Date('2021-01-01') });
    return results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${result.relPath}:${message.line} ${message.message}`));
  };

  test('an English paragraph left in the German page is found by language detection; a renamed English page by orphan and missing', async () => {
    const dir = copy();
    const clean = new Set(await german(dir));
    const page = path.join(dir, 'ja-jp', PLAIN);
    const text = readFileSync(page, 'utf8');
    // A paragraph the English does not have, left in English (as after a hand merge).
    writeFileSync(page, text.replace('\n> [!NOTE]', '\nSign out of every account when you are done, so that the next person who uses this computer cannot reach your packages or your feeds.\n\n> [!NOTE]'));
    cpSync(path.join(dir, 'en-us', 'Package-Restore.md'), path.join(dir, 'en-us', 'package-restore-overview.md'));
    cpSync(path.join(dir, 'ja-jp', 'Package-Restore.md'), path.join(dir, 'ja-jp', 'package-restore-old.md'));
    const added = (await german(dir)).filter((finding) => !clean.has(finding));
    expect(added.map((finding) => finding.split(' ').slice(0, 2).join(' ')).sort()).toEqual([
      'missing-translation package-restore-overview.md:1',
      'orphaned-translation package-restore-old.md:1',
      `untranslated-segment ${PLAIN}:24`,
    ]);
    expect(added.find((finding) => finding.startsWith('untranslated-segment'))).toContain('seems to be in English, not German');
  }, 180_000);
});
