/**
 * stale-segment on the span format: a segment whose own English (`sxs-lookup`) no longer occurs in the English
 * file. Real pages: the seed page's 2019 de-DE translation against the 2020 English, and its 2020 ja-JP
 * translation (test/fixtures/seeds, copied from the corpus). Plain Markdown with git history and the alignment
 * step budgets: test/stale-segment-git.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, lintPairsOf } from './helpers.js';
import { normaliseMarkup, normaliseSource } from '../src/document/prose.js';

const SEEDS = path.resolve('test/fixtures/seeds');
const PAGE = '423-org-security-emailaccountcompromised.md';
const seed = (locale: string) => readFileSync(path.join(SEEDS, locale, PAGE), 'utf8');

const stale = (english: string, translated: string) => lintPair({ english, translated, rule: 'stale-segment' });

function segment(id: string, translated: string, english: string): string {
  return `<span data-ttu-id="${id}">${translated}</span><span class="sxs-lookup"><span data-stu-id="${id}">${english}</span></span>`;
}

describe('stale-segment', () => {
  test('the 2019 translation has exactly the two segments whose English changed by 2020', async () => {
    const findings = await stale(seed('en-us'), seed('de-de'));
    expect(findings.map((finding) => finding.details?.id)).toEqual(['f6f19-103', 'f6f19-109']);
    expect(findings[0].message).toContain('"There are several steps you can take to help increase security in your Office 365 organization:"');
    expect(findings[0].message).toContain('is now "There are several steps you can take to help increase security in your organization:"');
    expect(findings[0].details).toMatchObject({ newEnglish: 'There are several steps you can take to help increase security in your organization:' });
    expect(findings[1].details?.oldEnglish).toContain('Security best practices for Office 365');
    expect(findings[1].details?.newEnglish).toContain('Microsoft 365 security roadmap');
    // The finding sits on the translated segment's line.
    const lines = seed('de-de').split('\n');
    expect(lines[findings[0].line - 1]).toContain('data-ttu-id="f6f19-103"');
  });

  test('the 2020 translation has none against the 2020 English', async () => {
    expect(await stale(seed('en-us'), seed('ja-jp'))).toEqual([]);
  });

  test('an English sentence edited after the handoff makes exactly that segment stale', async () => {
    const english = seed('en-us').replace('provides recommendations for making it more secure', 'recommends how to make it more secure');
    expect(english).not.toBe(seed('en-us'));
    const findings = await stale(english, seed('ja-jp'));
    expect(findings.map((finding) => finding.details?.id)).toEqual(['7d590-107']);
    expect(findings[0].details?.newEnglish).toContain('recommends how to make it more secure');
  });

  test('rewrapping, re-encoded characters, escapes and a moved paragraph are not changes', async () => {
    const english = ['# Title', '', 'Other text first.', '', 'Use the *dotnet*', 'CLI & the `nuget.exe` tool.'].join('\n');
    const translated = [
      `# ${segment('ab123-101', 'Titel', 'Title')}`,
      '',
      // Aligned with nothing that holds it (the paragraph moved), still found in the file.
      segment('ab123-102', 'Verwenden Sie', 'Use the \\*dotnet\\* CLI &amp; the `nuget.exe` tool.'),
      '',
      segment('ab123-103', 'Anderer Text.', 'Other   text\nfirst.'),
    ].join('\n');
    expect(await stale(english, translated)).toEqual([]);
  });

  test('inline code, emphasis and link targets count as changes; text outside spans and plain files do not', async () => {
    const english = 'Run `nuget push`. See [docs](https://example.com/b). Read **this**.';
    const translated = [
      segment('ab123-101', 'Führen Sie aus.', 'Run `nuget pack`.'),
      segment('ab123-102', 'Siehe.', 'See [docs](https://example.com/a).'),
      segment('ab123-103', 'Lesen.', 'Read *this*.'),
    ].join(' ');
    const findings = await stale(english, translated);
    expect(findings.map((finding) => finding.details?.id)).toEqual(['ab123-101', 'ab123-102', 'ab123-103']);
    expect(await stale('# Hello, new world', '# Hallo Welt')).toEqual([]);
  });

  test('fingerprints follow the segment and its old English, not the line', async () => {
    const english = 'New text here.';
    const translated = segment('ab123-101', 'Alter Text.', 'Old text here.');
    const [first] = await stale(english, translated);
    const [moved] = await stale(english, `Intro.\n\n\n${translated}`);
    expect(moved.line).toBe(first.line + 3);
    expect(moved.fingerprint).toBe(first.fingerprint);
  });

  test('a file with many segments not found in their block stays within its search budget and reports each', async () => {
    // Over the budget (rules/stale-segment.ts SEARCH_BUDGET, 50,000,000 characters): 1,300 segments not found in
    // their block each search the whole English of about 53,000 characters, about 69,000,000 in all.
    const count = 1_300;
    const english = Array.from({ length: count }, (_, i) => `English sentence number ${i} is current.`).join('\n\n');
    const translated = Array.from({ length: count }, (_, i) => segment(`ab123-${i}`, `Satz ${i}.`, `English sentence number ${i} was old.`)).join('\n\n');
    const [result] = await lintPairsOf([{ english, translated, rule: 'stale-segment' }]);
    expect(result.messages).toHaveLength(count);
    expect(result.messages[7].details?.newEnglish).toBe('English sentence number 7 is current.');
  });

  test('normaliseMarkup keeps escapes, writes punctuation references as escapes, flattens whitespace', () => {
    expect(normaliseMarkup('  a\r\n\tb  ')).toBe('a b');
    expect(normaliseMarkup('\\<Path\\> &lt;Path&gt; <Path> \\*-\\* *-*')).toBe('\\<Path\\> \\<Path\\> <Path> \\*-\\* *-*');
    expect(normaliseMarkup('&amp; &#233; &nosuch;')).toBe('\\& \u00e9 &nosuch;');
  });

  test('normaliseSource', () => {
    expect(normaliseSource('  a\r\n\tb  ')).toBe('a b');
    expect(normaliseSource('&amp; &lt;x&gt; &#39; &#x41; &nosuch; &#0;')).toBe("& <x> ' A &nosuch; &#0;");
    expect(normaliseSource('\\*not emphasis\\* \\\\ \\a')).toBe('*not emphasis* \\ \\a');
  });
});
