/**
 * number-mismatch: the numbers of each translated segment and block against its English.
 * The corpus block runs on copies of real pairs of ../shared/corpus with injected defects when it exists; the
 * false positives on the whole handoff are bounded by test/corpus.test.ts.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, show, tempDir } from './helpers.js';
import { startCounting, type WorkGrowth } from './code-work.js';
import { compareNumbers } from '../rules/number-mismatch.js';
import { digitScriptName, digitValue, extractNumbers, monthNames } from '../src/rule-kit/index.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

const rule = 'number-mismatch';

/** Block counts for the scale test (test/code-work.ts): on from before the first test, so every function has its counters. */
const counter = await startCounting();
afterAll(() => counter.stop());

const lint = (english: string, translated: string, options?: Record<string, unknown>, locale?: string) =>
  lintPair({ english, translated, rule, options, locale });
const shown = async (english: string, translated: string, options?: Record<string, unknown>, locale?: string) =>
  (await lint(english, translated, options, locale)).map(show);

const pair = (id: string, translated: string, en: string) =>
  `<span data-ttu-id="${id}">${translated}</span><span class="sxs-lookup"><span data-stu-id="${id}">${en}</span></span>`;

describe('number-mismatch: extracting numbers', () => {
  test('digit groups, separators, versions and dates', () => {
    const tokens = extractNumbers('NuGet 5.8.0 on 2021-03-04, up to 4,096 (1,5 GB) 04.03.2021 v010');
    expect(tokens.map((token) => token.raw)).toEqual(['5.8.0', '2021-03-04', '4,096', '1,5', '04.03.2021', '010']);
    expect(tokens.map((token) => token.version)).toEqual([true, false, false, false, false, false]);
    expect(tokens[1].groups).toEqual(['2021', '3', '4']);
    expect(tokens[5].groups).toEqual(['10']);
  });

  test('ranges and choices of versions are cut into versions; dates are not', () => {
    expect(extractNumbers('3.3.0-3.4.4, 3.4/3.4.1, 2021-03-04').map((token) => [token.raw, token.version])).toEqual([
      ['3.3.0', true], ['3.4.4', true], ['3.4', false], ['3.4.1', true], ['2021-03-04', false],
    ]);
  });

  test('a sentence end or a lone separator ends a number', () => {
    expect(extractNumbers('Version 3. Then 4, and 5-').map((token) => token.raw)).toEqual(['3', '4', '5']);
  });

  test('digits of other scripts are read by value and marked native', () => {
    const [thai, arabic, fullwidth, devanagari] = extractNumbers('๓๖๕, ٣٦٥, ３６５, ३६५');
    for (const token of [thai, arabic, fullwidth, devanagari]) {
      expect(token.ascii).toBe('365');
      expect(token.native).toBe(true);
    }
    expect([thai, arabic, fullwidth, devanagari].map((token) => digitScriptName(token.raw))).toEqual(['Thai', 'Arabic', 'fullwidth', 'Devanagari']);
    expect(digitValue('𝟗'.codePointAt(0)!)).toBe(9);
    expect(digitValue('𝟬'.codePointAt(0)!)).toBe(0);
  });

  test('numbers glued to Latin letters are marked, except v2.0', () => {
    const tokens = extractNumbers('x64 2FA 128x128 v2.0 4th 2.1.70X 5');
    expect(tokens.map((token) => [token.raw, token.glued])).toEqual([
      ['64', true], ['2', true], ['128', true], ['128', true], ['2.0', false], ['4', true], ['2.1.70', true], ['5', false],
    ]);
  });

  test('a glued number on one side lets the other side write it on its own', async () => {
    expect(await shown('We recommend 128x128 and .NET SDK 2.1.70X.\n', 'Empfohlen: 128 x 128 und .NET SDK 2.1.70 x.\n')).toEqual([]);
    expect(await shown('Use x64.\n', 'Verwenden Sie x64 oder 86.\n')).toHaveLength(1);
  });

  test('multipliers: 万, 億, million, Millionen, mln, a glued M', async () => {
    expect(extractNumbers('2万/分 10億', 'ja-jp').map((token) => token.groups)).toEqual([['20000'], ['1000000000']]);
    // The words come from CLDR through Intl, for any locale: Turkish, Korean, Chinese, Czech, Russian.
    expect(extractNumbers('3 milyon indirme, 5 bin paket', 'tr-tr').map((token) => token.groups)).toEqual([['3000000'], ['5000']]);
    expect(extractNumbers('2만/분', 'ko-kr').map((token) => token.groups)).toEqual([['20000']]);
    expect(extractNumbers('150 万个', 'zh-cn').map((token) => token.groups)).toEqual([['1500000']]);
    expect(extractNumbers('5 milionů, 2 tis. balíčků', 'cs-cz').map((token) => token.groups)).toEqual([['5000000'], ['2000']]);
    expect(extractNumbers('3 миллиона', 'ru-ru').map((token) => token.groups)).toEqual([['3000000']]);
    // Inflections beyond the plural forms: a known word of five letters or more and a short ending.
    expect(extractNumbers('z 3 milionami pobrań', 'pl-pl').map((token) => token.groups)).toEqual([['3000000']]);
    // A locale's words are its own: English prose does not read the Turkish `bin` (a thousand) as a multiplier.
    expect(extractNumbers('3 bin folders').map((token) => token.groups)).toEqual([['3']]);
    expect(await shown('Up to 3 million packages.\n', '3 milyon pakete kadar.\n', {}, 'tr-tr')).toEqual([]);
    expect(await shown('Up to 20,000 requests per minute.\n', '最大 2万/分 の要求。\n', {}, 'ja-jp')).toEqual([]);
    expect(await shown('A package with 3 million downloads.\n', '(300 万ダウンロードあり)\n', {}, 'ja-jp')).toEqual([]);
    expect(await shown('Contoso.Scanner, 2M downloads\n', 'Contoso.Scanner, 2 mln pobrań\n', {}, 'pl-pl')).toEqual([]);
    expect(await shown('Contoso.Scanner, 3M downloads\n', 'Contoso.Scanner, 300 万ダウンロード\n', {}, 'ja-jp')).toEqual([]);
    expect(await shown('A package with 3 million downloads.\n', 'Ein Paket mit 4 Millionen Downloads.\n')).toHaveLength(1);
    // Written alike, read apart: the message says how each side was read, never "`3` differs from `3`".
    expect(await shown('A package with 3 million downloads.\n', 'Ein Paket mit 3 Downloads.\n')).toEqual([
      '1:15 number-mismatch Number `3` is read as 3, the English `3` as 3000000 (en-us/example.md:1)',
    ]);
  });

  test('digits inside words: glued to a letter of a spaced script, or in a heading id, they are names, not numbers', async () => {
    // `16진수` is "hexadecimal": no number in the English; `3개` still lets the English 3 go.
    expect(await shown('Use a hexadecimal value.\n', '16진수 값을 사용합니다.\n', {}, 'ko-kr')).toEqual([]);
    expect(await shown('Install 3 packages.\n', '패키지 3개를 설치합니다.\n', {}, 'ko-kr')).toEqual([]);
    // A changed count is still found: the English number the translation lacks.
    expect(await shown('Install 3 packages.\n', '패키지 4개를 설치합니다.\n', {}, 'ko-kr')).toEqual([
      '1:1 number-mismatch The English number `3` (en-us/example.md:1) is missing from the translation',
    ]);
    // Han and kana write words without spaces: `3月4日` is a date of numbers.
    expect(extractNumbers('3月4日').map((token) => token.glued)).toEqual([false, false]);
    expect(extractNumbers('Beispiel {#example-application-1} und 2').map((token) => token.raw)).toEqual(['2']);
  });

  test('an ordinal written like a list marker (`* 1. gün:` for "* Day 1:") is a number of the item', async () => {
    const english = '# Schedule\n\n* Day 1: install\n* Day 2: configure\n';
    expect(await shown(english, '# Program\n\n* 1. gün: kurulum\n* 2. gün: yapılandırma\n', {}, 'tr-tr')).toEqual([]);
    expect(await shown(english, '# Program\n\n* 1. gün: kurulum\n* 3. gün: yapılandırma\n', {}, 'tr-tr')).toEqual([
      '4:3 number-mismatch Number `3` differs from the English `2` (en-us/example.md:4)',
    ]);
  });

  test('a time of the 12-hour clock is read on the 24-hour clock translations write', async () => {
    expect(extractNumbers('at 1:00PM, 1:30 p.m. and 9 AM; 12:15 am').map((token) => [token.groups, token.glued])).toEqual([
      [['13', '0'], false],
      [['13', '30'], false],
      [['9'], false],
      [['0', '15'], false],
    ]);
    expect(await shown('The meeting starts at 1:00PM.\n', 'Das Treffen beginnt um 13:00 Uhr.\n')).toEqual([]);
    expect(await shown('The meeting starts at 1:00PM.\n', 'Das Treffen beginnt um 14:00 Uhr.\n')).toEqual([
      '1:24 number-mismatch Number `14:00` differs from the English `1:00` (en-us/example.md:1)',
    ]);
    // A clock's marker is a word of its own: `5amp` is not 5 AM.
    expect(extractNumbers('a 5amp fuse').map((token) => token.glued)).toEqual([true]);
  });

  test('words that are URLs are left out', () => {
    expect(extractNumbers('See https://example.com/v2/3 and www.example.com/4 or 5').map((token) => token.raw)).toEqual(['5']);
    // Only the URL: a broken link `[#605](https://…/605` keeps its text.
    expect(extractNumbers('[#605](https://github.com/NuGet/NuGet.Client/pull/605').map((token) => token.raw)).toEqual(['605']);
    expect(extractNumbers('3 153,570 ms').map((token) => token.groups)).toEqual([['3', '153', '570']]);
  });

  test('month names of a locale come from Intl', () => {
    expect(monthNames('de-de').has('märz')).toBe(true);
    expect(monthNames('pl-pl').has('marca')).toBe(true);
    expect(monthNames('en').has('march')).toBe(true);
    expect(monthNames('xx-invalid-locale-name-').has('march')).toBe(true);
  });

  test('comparison is by digit groups in any order, versions whole', () => {
    const none = { extraMonths: 0, missingMonths: 0 };
    expect(compareNumbers(extractNumbers('2021年3月4日'), extractNumbers('3/4/2021'), none).differences).toEqual([]);
    expect(compareNumbers(extractNumbers('3.2.1'), extractNumbers('1.2.3'), none).differences).toHaveLength(1);
    expect(compareNumbers(extractNumbers('4.096'), extractNumbers('4,096'), none).differences).toEqual([]);
  });
});

describe('number-mismatch: pairs', () => {
  test('the same numbers written the German and the Polish way pass', async () => {
    const english = '# Limits\n\nUp to 4,096 packages of 1.5 MB, with NuGet 6.0.0 or later.\n';
    expect(await shown(english, '# Grenzen\n\nBis zu 4.096 Pakete mit 1,5 MB, mit NuGet 6.0.0 oder höher.\n')).toEqual([]);
    expect(await shown(english, '# Limity\n\nDo 4\u00a0096 pakietów po 1,5 MB, z NuGet 6.0.0 lub nowszym.\n', {}, 'pl-pl')).toEqual([]);
  });

  test('a changed count is one finding at the translated number, with details', async () => {
    const findings = await lint('# Limits\n\nUp to 4,096 packages.\n', '# Grenzen\n\nBis zu 4.097 Pakete.\n');
    expect(findings.map(show)).toEqual(['3:8 number-mismatch Number `4.097` differs from the English `4,096` (en-us/example.md:3)']);
    expect(findings[0]).toMatchObject({ severity: 2, endLine: 3, endColumn: 13, details: { translated: '4.097', english: '4,096' } });
  });

  test('a finding is placed where the number is in the prose, not where the same characters first appear in code or a link target', async () => {
    // `5.6.0` is written first in inline code and in a link target, which are not prose: the finding points at the
    // prose `5.6.0` (column 54), not at the first `5.6.0` of the line (column 9).
    const english = 'Siehe `5.6.0` und [Hinweise](https://example.com/5.6.0): NuGet 5.8.0.\n'.replace('Siehe', 'See').replace('und [Hinweise]', 'and [notes]');
    const translated = 'Siehe `5.6.0` und [Hinweise](https://example.com/5.6.0): NuGet 5.6.0.\n';
    const findings = await lint(english, translated);
    expect(findings.map(show)).toEqual(['1:64 number-mismatch Number `5.6.0` differs from the English `5.8.0` (en-us/example.md:1)']);
    expect(findings[0]).toMatchObject({ endLine: 1, endColumn: 69 });
    // Emphasis and a character reference before the number move it in the file, not in the prose.
    const [emphasised] = await lint('Use **NuGet** 5.8.0.\n', 'Nutzen Sie **NuGet**&#160;5.6.0.\n');
    expect(show(emphasised)).toBe('1:27 number-mismatch Number `5.6.0` differs from the English `5.8.0` (en-us/example.md:1)');
  });

  test('a dotted number is exact: 3.0 changed to 3.1 is found even when the English also says one', async () => {
    expect(await shown('Use one client of .NET Core 3.0.\n', 'Verwenden Sie einen Client von .NET Core 3.1.\n')).toEqual([
      '1:42 number-mismatch Number `3.1` differs from the English `3.0` (en-us/example.md:1)',
    ]);
    // A number of one group is still let go by a number word of the other side.
    expect(await shown('Use one client.\n', 'Verwenden Sie 1 Client.\n')).toEqual([]);
  });

  test('a version broken by an East Asian full stop is one finding that says so; a sentence that ends before a number is not', async () => {
    const findings = await lint('Protocol 4.1.0 and 1.0.7.\n', '通訊協定 4.1。0 與 1.0．7。\n', {}, 'zh-tw');
    expect(findings.map(show)).toEqual([
      '1:6 number-mismatch Version `4.1。0` is broken: `。` (U+3002) stands where the English `4.1.0` has a dot (en-us/example.md:1)',
      '1:14 number-mismatch Version `1.0．7` is broken: `．` (U+FF0E) stands where the English `1.0.7` has a dot (en-us/example.md:1)',
    ]);
    expect(findings[0].details).toEqual({ translated: '4.1。0', english: '4.1.0', broken: '。' });
    // `5。2` is a sentence ending in 5 and one starting with 2, not a version: no dot before the full stop.
    expect(await shown('Step 5. 2 files.\n', '步驟 5。2 個檔案。\n', {}, 'zh-tw')).toEqual([]);
    expect(extractNumbers('版本 4.1。0').map((token) => [token.raw, token.ascii, token.version, token.broken])).toEqual([['4.1。0', '4.1.0', true, '。']]);
  });

  test('an extra number and a missing one', async () => {
    expect(await shown('Run it twice.\n', 'Führen Sie es 3 Mal aus.\n')).toEqual([
      '1:15 number-mismatch Number `3` is not in the English (en-us/example.md:1)',
    ]);
    expect(await shown('Wait 10 seconds.\n', 'Warten Sie einige Sekunden.\n')).toEqual([
      '1:1 number-mismatch The English number `10` (en-us/example.md:1) is missing from the translation',
    ]);
  });

  test('versions are compared whole', async () => {
    expect(await shown('Use 1.2.3.\n', 'Verwenden Sie 3.2.1.\n')).toEqual([
      '1:15 number-mismatch Number `3.2.1` differs from the English `1.2.3` (en-us/example.md:1)',
    ]);
  });

  test('dates: month names stand for month numbers, both ways', async () => {
    expect(await shown('Released on March 4, 2021.\n', '2021年3月4日にリリースされました。\n', {}, 'ja-jp')).toEqual([]);
    expect(await shown('Released on 3/4/2021.\n', 'Veröffentlicht am 4. März 2021.\n')).toEqual([]);
    expect(await shown('Released on 3/4/2021.\n', 'Opublikowano 4 marca 2021.\n', {}, 'pl-pl')).toEqual([]);
    // A month name lets only a month number go, and only one.
    expect(await shown('Released on March 4, 2021.\n', '2021年13月4日にリリースされました。\n', {}, 'ja-jp')).toHaveLength(1);
    expect(await shown('Released on March 4, 2021.\n', '2021年3月4日 5日にリリースされました。\n', {}, 'ja-jp')).toHaveLength(1);
    // "May" is a month only next to a number.
    expect(await shown('You may restart.\n', 'Sie können 5 neu starten.\n')).toHaveLength(1);
  });

  test('code, link targets and URLs do not count; link text does', async () => {
    const english = 'Run `nuget pack -Version 1.0.0` and see [the docs](https://example.com/v2/page) or <https://example.com/3>.\n\n    nuget 4\n';
    const translated = 'Führen Sie `nuget pack -Version 2.0.0` aus, siehe [die Doku](https://example.com/v3/page) oder <https://example.com/4>.\n\n    nuget 5\n';
    expect(await shown(english, translated)).toEqual([]);
    expect(await shown('See [NuGet 6](https://example.com).\n', 'Siehe [NuGet 7](https://example.com).\n')).toHaveLength(1);
  });

  test('ordinal list markers do not count', async () => {
    expect(await shown('1. Install\n2. Run\n', '1. Installieren\n1. Ausführen\n')).toEqual([]);
  });

  test('native digits: a finding, unless allowed for the locale (any case)', async () => {
    const english = 'Sign in to Microsoft 365.\n';
    const translated = 'ลงชื่อเข้าใช้ Microsoft ๓๖๕\n';
    const findings = await lint(english, translated, {}, 'th-th');
    expect(findings.map(show)).toEqual(['1:25 number-mismatch `๓๖๕` is 365 in Thai digits; the English writes 365 (en-us/example.md:1)']);
    expect(findings[0].details).toEqual({ translated: '๓๖๕', english: '365', script: 'Thai' });
    expect(await shown(english, translated, { nativeDigits: ['TH-th'] }, 'th-th')).toEqual([]);
    expect(await shown(english, translated, { nativeDigits: ['ar-sa'] }, 'th-th')).toHaveLength(1);
    // Allowed native digits are still compared by value.
    expect(await shown(english, 'ลงชื่อเข้าใช้ Microsoft ๓๖๖\n', { nativeDigits: ['th-th'] }, 'th-th')).toEqual([
      '1:25 number-mismatch Number `๓๖๖` (366) differs from the English `365` (en-us/example.md:1)',
    ]);
  });

  test('span format: each segment against its own English, not the aligned block', async () => {
    const english = 'Use NuGet 6.0.0 on 2 machines.\n';
    const ok = pair('abc12-101', 'Verwenden Sie NuGet 6.0.0 auf 2 Computern.', 'Use NuGet 6.0.0 on 2 machines.') + '\n';
    expect(await shown(english, ok)).toEqual([]);
    const changed = pair('abc12-101', 'Verwenden Sie NuGet 6.0.0 auf 3 Computern.', 'Use NuGet 6.0.0 on 2 machines.') + '\n';
    expect(await shown(english, changed)).toEqual([
      '1:61 number-mismatch Number `3` differs from the English `2` (data-stu-id "abc12-101" at line 1)',
    ]);
  });

  test('an invalid option is refused by the schema', async () => {
    await expect(lint('a\n', 'b\n', { nativeDigits: 'th-th' })).rejects.toThrow();
  });
});

describe('number-mismatch: hostile input', () => {
  const TIMEOUT = 120_000;
  test('long runs of digits, separators and Unicode digits: right at n and 10n, with linear work (n = 10,000 and 100,000; 1,000 and 10,000 through the rule)', async () => {
    // The work of loc-lint's own code is counted (test/code-work.ts: executed blocks and regular-expression
    // steps), not timed: a rescan per digit or number shows as about 100 times the work of n.
    const expectLinear = (growth: WorkGrowth) =>
      expect({ ...growth, linear: growth.blocks.ratio < 20 && growth.regexp.ratio < 20 }).toMatchObject({ linear: true });
    const extract = (n: number) => {
      const tokens = extractNumbers('1.'.repeat(n) + '1');
      expect(tokens).toHaveLength(1);
      expect(tokens[0].groups).toHaveLength(n + 1);
      expect(extractNumbers('๑ '.repeat(n))).toHaveLength(n);
      expect(extractNumbers('a.'.repeat(n))).toEqual([]);
      expect(extractNumbers('https://'.repeat(n))).toEqual([]);
    };
    expectLinear(await counter.workGrowthOf(() => extract(10_000), () => extract(100_000)));
    const throughRule = async (n: number) => {
      const findings = await lint('1 '.repeat(n) + '\n', '2 '.repeat(n) + '\n');
      expect(findings.length).toBe(n);
      expect(await shown('March 3 '.repeat(n / 2) + '\n', '3 3 '.repeat(n / 2) + '\n')).toEqual([]);
    };
    expectLinear(await counter.workGrowthOf(() => throughRule(1_000), () => throughRule(10_000)));
  }, TIMEOUT);
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const present = existsSync(path.join(corpus, 'nuget', 'handoff'));
if (!present) {
  // eslint-disable-next-line no-console
  console.log(`number-mismatch corpus tests SKIPPED: ${corpus} not found (set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);
}
const corpusSuite = present ? describe : describe.skip;
const LOCALES = ['de-de', 'ja-jp', 'pl-pl'];
// False positives on nuget/handoff within 2% of the files, and every reviewed real defect found (REVIEWED_DEFECTS):
// test/corpus.test.ts, on its one lint of the handoff (this rule's findings are printed there).
corpusSuite('number-mismatch: injected defects on real pairs', () => {
  const page = 'docs/concepts/Package-Versioning.md';
  async function inject(locale: string, edit: (text: string) => string, options: Record<string, unknown> = {}): Promise<string[]> {
    const dir = tempDir();
    const from = path.join(corpus, 'nuget', 'handoff', locale);
    cpSync(path.join(from, 'en-us', page), path.join(dir, 'en-us', page));
    cpSync(path.join(from, locale, page), path.join(dir, locale, page));
    const target = path.join(dir, locale, page);
    const before = readFileSync(target, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(target, after);
    const settings: Record<string, unknown> = {};
    for (const entry of rules) settings[entry.meta.id] = entry.meta.id === rule ? ['warn', options] : 'off';
    const config = resolveConfig({ source: 'en-us', targets: { [locale]: locale }, rules: settings }, dir, rules);
    const [result] = await lintPairs((await discover(config)).pairs, config, { cwd: dir, now: new Date('2022-03-25') });
    return result.messages.filter((message) => message.ruleId === rule).map((message) => message.message);
  }

  test.each(LOCALES)('%s: the untouched page passes', async (locale) => {
    expect(await inject(locale, (text) => text + '\n')).toEqual([]);
  });

  test.each(LOCALES)('%s: a changed version in prose is caught', async (locale) => {
    const messages = await inject(locale, (text) => {
      const lines = text.split('\n');
      let fenced = false;
      const index = lines.findIndex((line) => {
        if (line.startsWith('```')) fenced = !fenced;
        return !fenced && !line.startsWith('    ') && !line.includes('`') && /\b\d+\.\d+\.\d+\b/.test(line) && !line.startsWith('ms.') && !line.includes('://');
      });
      expect(index).toBeGreaterThan(0);
      lines[index] = lines[index].replace(/\b(\d+)\.(\d+)\.(\d+)\b/, (_, a: string, b: string, c: string) => `${a}.${b}.${Number(c) + 7}`);
      return lines.join('\n');
    });
    expect(messages.some((message) => message.startsWith('Number `'))).toBe(true);
  });

  test('seeds (span format), ja-jp: the untouched page passes; Office 365 written 356 or in Thai digits in a segment is caught', async () => {
    const relPath = '423-org-security-emailaccountcompromised.md';
    const lintSeed = async (edit: (text: string) => string, options: Record<string, unknown> = {}) => {
      const dir = tempDir();
      cpSync(path.join(corpus, 'seeds', 'en-us', relPath), path.join(dir, 'en-us', relPath));
      cpSync(path.join(corpus, 'seeds', 'ja-jp', relPath), path.join(dir, 'ja-jp', relPath));
      const target = path.join(dir, 'ja-jp', relPath);
      writeFileSync(target, edit(readFileSync(target, 'utf8')));
      const settings: Record<string, unknown> = {};
      for (const entry of rules) settings[entry.meta.id] = entry.meta.id === rule ? ['warn', options] : 'off';
      const config = resolveConfig({ source: 'en-us', targets: { 'ja-jp': 'ja-jp' }, rules: settings }, dir, rules);
      const [result] = await lintPairs((await discover(config)).pairs, config, { cwd: dir, now: new Date('2022-03-25') });
      return result.messages.filter((message) => message.ruleId === rule).map((message) => message.message);
    };
    expect(await lintSeed((text) => text)).toEqual([]);
    const changed = await lintSeed((text) => text.replace('<span data-ttu-id="7d590-107">**Office 365', '<span data-ttu-id="7d590-107">**Office 356'));
    expect(changed).toEqual([expect.stringMatching(/^Number `356` differs from the English `365` \(data-stu-id "7d590-107" at line \d+\)$/)]);
    const thai = (text: string) => text.replace('<span data-ttu-id="7d590-107">**Office 365', '<span data-ttu-id="7d590-107">**Office ๓๖๕');
    expect(await lintSeed(thai)).toEqual([expect.stringMatching(/^`๓๖๕` is 365 in Thai digits; the English writes 365/)]);
    expect(await lintSeed(thai, { nativeDigits: ['ja-JP'] })).toEqual([]);
  });

  test('de-de: a number written in Thai digits is caught, and allowed by nativeDigits', async () => {
    const edit = (text: string) => text.replace(/NuGet 4\.3\.0/, 'NuGet ๔.๓.๐');
    const messages = await inject('de-de', edit);
    expect(messages).toEqual([expect.stringMatching(/^`๔\.๓\.๐` is 4\.3\.0 in Thai digits; the English writes 4\.3\.0 \(en-us\/docs\/concepts\/Package-Versioning\.md:\d+\)$/)]);
    expect(await inject('de-de', edit, { nativeDigits: ['DE-DE'] })).toEqual([]);
  });
});
