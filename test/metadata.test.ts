/**
 * Metadata profiles: which front matter keys say what a translation was made from.
 */
import { readFrontMatter } from '../src/document/frontmatter.js';
import { checkSourceCommit, detectProfile, englishDateKey, isCommitHash, lookup, readLocalization } from '../src/config/metadata.js';
import { didYouMean, nearest } from '../src/util/suggest.js';

const matter = (...lines: string[]) => readFrontMatter(['---', ...lines, '---', '# Page', ''].join('\n'));

describe('metadata profiles', () => {
  test('ms: hash, commit, handoff and locale with their lines', () => {
    const found = readLocalization(
      matter('title: Seite', 'ms.openlocfilehash: 8a0e99ab260266e5c66ded4c05541c592efd4ed4', 'ms.sourcegitcommit: e2864efc', 'ms.lasthandoff: 01/24/2019', 'ms.contentlocale: de-DE'),
    );
    expect(found).toMatchObject({
      profile: 'ms',
      hash: { key: 'ms.openlocfilehash', value: '8a0e99ab260266e5c66ded4c05541c592efd4ed4', line: 3 },
      commit: { value: 'e2864efc', line: 4 },
      handoff: { value: '01/24/2019', line: 5 },
      locale: { value: 'de-DE', line: 6 },
    });
  });

  test('mdn: the nested l10n.sourceCommit; hugo: default_lang_commit', () => {
    const mdn = readLocalization(matter('title: Array', 'slug: Web/JavaScript/Array', 'l10n:', '  sourceCommit: 5b20f5f4265f988f80f513db0e4b35c7e0cd70dc'));
    // The nested key's own line (5), not its parent's (4).
    expect(mdn).toEqual({
      profile: 'mdn',
      keys: { commit: 'l10n.sourceCommit', commitOnEveryPage: true },
      commit: { key: 'l10n.sourceCommit', value: '5b20f5f4265f988f80f513db0e4b35c7e0cd70dc', line: 5 },
    });
    const hugo = readLocalization(matter('title: Docs', 'default_lang_commit: 0a1b2c3d'));
    expect(hugo).toMatchObject({ profile: 'hugo-commit', commit: { value: '0a1b2c3d', line: 3 } });
  });

  test('a page with no localization keys has no localization, in auto and under a fixed profile', () => {
    expect(readLocalization(matter('title: Inhalt'))).toBeUndefined();
    expect(readLocalization(readFrontMatter('# No front matter\n'))).toBeUndefined();
    expect(readLocalization(matter('ms.lasthandoff: 01/24/2019'), 'mdn')).toBeUndefined();
    // ms.locfileid alone marks an ms page (stale-source-hash then says the hash is missing).
    expect(readLocalization(matter('ms.locfileid: "29470163"'))).toMatchObject({ profile: 'ms' });
    expect(readLocalization(matter('ms.locfileid: "29470163"'))?.hash).toBeUndefined();
  });

  test('a fixed profile reads only its own keys; a custom mapping reads any keys', () => {
    const both = matter('ms.sourcegitcommit: aaaa1111', 'default_lang_commit: bbbb2222');
    expect(readLocalization(both)?.commit?.value).toBe('aaaa1111');
    expect(readLocalization(both, 'hugo-commit')?.commit?.value).toBe('bbbb2222');
    const custom = readLocalization(matter('translation:', '  source: cccc3333', '  date: 2024-05-06'), { commit: 'translation.source', handoff: 'translation.date' });
    expect(custom).toMatchObject({ profile: 'custom', commit: { value: 'cccc3333' }, handoff: { value: '2024-05-06' } });
  });

  test('values YAML turns into numbers or dates come back as the text a user wrote', () => {
    const text = ['---', 'ms.openlocfilehash: 1234567890123456789012345678901234567890', "ms.lasthandoff: '2019-01-24' # handed off", 'ms.sourcegitcommit: 12345678', '---', ''].join('\n');
    const found = readLocalization(readFrontMatter(text), 'auto', text);
    expect(found?.hash?.value).toBe('1234567890123456789012345678901234567890');
    expect(found?.handoff?.value).toBe('2019-01-24');
    expect(found?.commit?.value).toBe('12345678');
    // Without the text, the number YAML made is all there is.
    expect(readLocalization(readFrontMatter(text))?.hash?.value).not.toBe('1234567890123456789012345678901234567890');
  });

  test('lookup prefers the key as written, then the dotted path; never the prototype', () => {
    expect(lookup({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(lookup({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(lookup({ a: [1] }, 'a.0')).toBeUndefined();
    expect(lookup({}, 'constructor')).toBeUndefined();
    expect(lookup({ a: {} }, 'a.toString')).toBeUndefined();
  });

  test('detection order and the English date key', () => {
    expect(detectProfile({ 'ms.date': '01/01/2020' })).toBeUndefined();
    expect(detectProfile({ default_lang_commit: 'x' })).toBe('hugo-commit');
    expect(englishDateKey()).toBe('ms.date');
    expect(englishDateKey('mdn')).toBeUndefined();
    expect(englishDateKey({ commit: 'c', englishDate: 'lastmod' })).toBe('lastmod');
  });

  test('the keys of a top-level block mapping have their own lines; lists, flow mappings and deeper keys do not', () => {
    const front = readFrontMatter(['---', 'title: A', 'l10n:  # the source', '  sourceCommit: abc1', '', '  other: x', '    deep: y', 'tags:', '  - name: t', 'flow: {a: 1}', 'after: z', '  stray: w', '---', ''].join('\n'));
    expect(front.keyLines).toEqual({ title: 2, l10n: 3, 'l10n.sourceCommit': 4, 'l10n.other': 6, tags: 8, flow: 10, after: 11 });
  });

  test('an all-digit nested commit comes back as written, not as the number YAML made of it', () => {
    const text = ['---', 'l10n:', '  sourceCommit: 1234567890123456789012345678901234567890', '---', ''].join('\n');
    expect(readLocalization(readFrontMatter(text), 'mdn', text)?.commit).toEqual({ key: 'l10n.sourceCommit', value: '1234567890123456789012345678901234567890', line: 3 });
  });

  test('checkSourceCommit: a clean commit has nothing to say; under auto a page with no keys is nobody\'s new page', () => {
    const clean = matter('default_lang_commit: 0a1b2c3d');
    expect(checkSourceCommit(clean, 'auto', readLocalization(clean))).toEqual({ problems: [] });
    const none = matter('title: Seite');
    expect(checkSourceCommit(none, 'auto', undefined)).toEqual({ problems: [] });
    expect(checkSourceCommit(none, 'hugo-commit', undefined)).toEqual({ problems: [], unrecorded: 'default_lang_commit' });
    expect(checkSourceCommit(none, 'ms', undefined)).toEqual({ problems: [] });
    expect(isCommitHash('0a1b')).toBe(true);
    expect(isCommitHash('0a1')).toBe(false);
    expect(isCommitHash('0a1b\u3000')).toBe(false);
  });

  test('hostile front matter: 20,000 keys and a 100,000-character key, and only the misspelt key is reported', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `key${i}: ${i}`);
    const front = matter(...keys, `${'k'.repeat(100_000)}: 1`, 'default_lang_comit: 0a1b2c3d');
    const { problems } = checkSourceCommit(front, 'auto', undefined);
    expect(problems.map((problem) => [problem.kind, problem.key, problem.line])).toEqual([['misspelt', 'default_lang_comit', 20_003]]);
  });
});

describe('did-you-mean', () => {
  test('nearest: a few edits, case included; nothing for names far apart in length', () => {
    expect(nearest('default_lang_comit', ['default_lang_commit'])).toBe('default_lang_commit');
    expect(nearest('l10n.sourcecommit', ['l10n.sourceCommit'])).toBe('l10n.sourceCommit');
    expect(nearest('lang', ['default_lang_commit'])).toBeUndefined();
    expect(nearest('x'.repeat(100), ['default_lang_commit'])).toBeUndefined();
    // didYouMean also guesses a shortened id, which a front matter key check must not.
    expect(didYouMean('lang', ['default_lang_commit'])).toBe(' (did you mean "default_lang_commit"?)');
    expect(didYouMean('stale-hash', ['stale-source-hash', 'outdated-handoff'])).toBe(' (did you mean "stale-source-hash"?)');
  });
});
