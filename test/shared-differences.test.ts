/**
 * Differences several translations share, where the English they were made from is unknown, are set aside as the
 * English's own changes (src/engine/shared-differences.ts): the unit on hand-made results, then the whole run on
 * a four-locale site with no localization metadata (a Hugo site without pins), with and without --cache.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { MIN_SHARED, setAsideSharedDifferences, type GroupMember } from '../src/engine/shared-differences.js';
import { fingerprintOf, type Finding } from '../src/engine/findings.js';
import { cli, tempDir } from './helpers.js';

function finding(ruleId: string, message: string, severity: 1 | 2 = 2): Finding {
  return { ruleId, severity, message, line: 3, column: 1, fingerprint: fingerprintOf(ruleId, message) };
}

function member(locale: string, messages: Finding[], englishUnknown = true): GroupMember {
  return {
    locale,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    ...(englishUnknown ? { englishUnknown: true as const } : {}),
  };
}

const RULES = new Set(['link-mismatch', 'structure-mismatch']);

describe('setAsideSharedDifferences', () => {
  test('a difference three translations share is set aside in each, with the count in its justification', () => {
    const shared = (locale: string) => finding('link-mismatch', `Link target \`/${locale}/old/\` differs from the English \`/new/\` (en/page.md:3)`);
    const own = finding('link-mismatch', 'Link target `/fr/typo/` is not in the English (en/page.md:5)', 1);
    const members = [member('de', [shared('de')]), member('ja', [shared('ja')]), member('fr', [shared('fr'), own]), member('ko', [])];
    expect(MIN_SHARED).toBe(3);
    expect(setAsideSharedDifferences(members, RULES)).toBe(3);
    expect(members.map((m) => m.messages.length)).toEqual([0, 0, 1, 0]);
    expect(members[2].messages[0]).toBe(own);
    expect([members[2].errorCount, members[2].warningCount]).toEqual([0, 1]);
    const [setAside] = members[0].suppressedMessages ?? [];
    expect(setAside.message).toContain('/de/old/');
    expect(setAside.suppressions).toEqual([{ kind: 'shared-difference', justification: expect.stringContaining('3 of 4 translations') }]);
  });

  test('two sharers are not enough, and the English changing is no excuse for a rule that does not compare with it', () => {
    const heading = finding('structure-mismatch', 'Headings differ from the English: 3 headings, the English has 2');
    const untranslated = finding('untranslated-segment', 'Paragraph is in English');
    const members = [member('de', [heading, untranslated]), member('ja', [heading, untranslated]), member('fr', [untranslated]), member('ko', [])];
    expect(setAsideSharedDifferences(members, RULES)).toBe(0);
    expect(members.map((m) => m.messages.length)).toEqual([2, 2, 1, 0]);
    expect(members.every((m) => m.suppressedMessages === undefined)).toBe(true);
  });

  test('a translation made from a known English neither counts nor is set aside', () => {
    const heading = finding('structure-mismatch', 'Headings differ from the English: 3 headings, the English has 2');
    const known = member('ja', [heading], false);
    const members = [member('de', [heading]), known, member('fr', [heading])];
    expect(setAsideSharedDifferences(members, RULES)).toBe(0);
    members.push(member('ko', [heading]));
    expect(setAsideSharedDifferences(members, RULES)).toBe(3);
    expect(known.messages).toEqual([heading]);
  });
});

/**
 * A site of four translations with no localization metadata. The English's first heading was dropped and a link
 * added after de, ja and fr were made; ko was translated afterwards and has one wrong link of its own; fr also
 * mistyped a link.
 */
function site(): string {
  const dir = tempDir('loc-lint-shared-');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('en/page.md', '# Page\n\nA [service](/service/) runs in a [cluster](/cluster/).\n\n## Use\n\nText.\n');
  const old = (locale: string, service = 'service') => `# Seite\n\n## Was\n\nEin [Dienst](/${locale}/${service}/) läuft.\n\n## Nutzen\n\nText.\n`;
  write('de/page.md', old('de'));
  write('ja/page.md', old('ja'));
  write('fr/page.md', old('fr', 'servise'));
  write('ko/page.md', '# 페이지\n\n[서비스](/ko/service/)는 [클러스터](/ko/klaster/)에서 실행된다.\n\n## 사용\n\n텍스트.\n');
  write('.lintrc.json', JSON.stringify({ source: 'en', targets: '{locale}', git: false }));
  return dir;
}

interface JsonResult {
  locale: string;
  messages: Finding[];
  suppressedMessages: Finding[];
}

function byLocale(run: { stdout: string }): Record<string, JsonResult> {
  return Object.fromEntries((JSON.parse(run.stdout) as JsonResult[]).map((result) => [result.locale, result]));
}

const summary = (result: JsonResult) => result.messages.map((m) => `${m.ruleId} ${m.message.replace(/ \(.*\)$/, '')}`).sort();

describe('a site whose translations record no source', () => {
  let dir: string;
  beforeAll(() => {
    dir = site();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the English's changes are set aside in the translations made before them; each translator's own slip is reported", async () => {
    const run = await cli(['check', '--format', 'json'], { cwd: dir });
    const results = byLocale(run);
    expect(summary(results.de)).toEqual([]);
    expect(summary(results.ja)).toEqual([]);
    expect(summary(results.fr)).toEqual(['link-mismatch Link target `/fr/servise/` differs from the English `/service/`']);
    expect(summary(results.ko)).toEqual(['link-mismatch Link target `/ko/klaster/` differs from the English `/cluster/`']);
    for (const locale of ['de', 'ja', 'fr']) {
      const setAside = results[locale].suppressedMessages.map((m) => `${m.ruleId} ${m.message.replace(/ \(.*\)$/, '')}`).sort();
      expect(setAside).toEqual(['link-mismatch The English link `/cluster/`', 'structure-mismatch Headings differ from the English: 3 headings, the English has 2'].map((start) => expect.stringContaining(start)));
      expect(results[locale].suppressedMessages.every((m) => m.suppressions?.[0]?.justification.startsWith('3 of 4 translations'))).toBe(true);
    }
    expect(run.stderr).toMatch(/6 findings on 1 English page set aside/);
  });

  test('a cached run gives the same results, also when one translation changed since', async () => {
    const first = await cli(['check', '--format', 'json', '--cache'], { cwd: dir });
    const again = await cli(['check', '--format', 'json', '--cache'], { cwd: dir });
    expect(again.stdout).toBe(first.stdout);
    // ja is brought up to date: only de and fr still share the English's changes, which no longer counts as shared.
    writeFileSync(path.join(dir, 'ja/page.md'), '# ページ\n\n[サービス](/ja/service/)は[クラスター](/ja/cluster/)で動く。\n\n## 使用\n\nテキスト。\n');
    const results = byLocale(await cli(['check', '--format', 'json', '--cache'], { cwd: dir }));
    expect(summary(results.ja)).toEqual([]);
    expect(results.de.suppressedMessages).toEqual([]);
    expect(summary(results.de)).toHaveLength(2);
  });

  test('pages whose hash says they were made from the English as it is are compared as they are', async () => {
    const known = tempDir('loc-lint-shared-known-');
    try {
      const english = '# Page\n\nSee [here](/a/).\n';
      const hash = createHash('sha1').update(english).digest('hex');
      mkdirSync(path.join(known, 'en'));
      writeFileSync(path.join(known, 'en/page.md'), english);
      for (const locale of ['de', 'ja', 'fr']) {
        mkdirSync(path.join(known, locale));
        writeFileSync(path.join(known, locale, 'page.md'), `---\nms.openlocfilehash: ${hash}\n---\n# Seite\n\nSiehe [hier](/${locale}/b/).\n`);
      }
      writeFileSync(path.join(known, '.lintrc.json'), JSON.stringify({ source: 'en', targets: '{locale}', git: false, rules: { 'invalid-metadata': 'off' } }));
      const results = byLocale(await cli(['check', '--format', 'json'], { cwd: known }));
      for (const locale of ['de', 'ja', 'fr']) {
        expect(summary(results[locale])).toEqual([`link-mismatch Link target \`/${locale}/b/\` differs from the English \`/a/\``]);
        expect(results[locale].suppressedMessages).toEqual([]);
      }
      expect(readFileSync(path.join(known, 'de/page.md'), 'utf8')).toContain(hash);
    } finally {
      rmSync(known, { recursive: true, force: true });
    }
  });
});
