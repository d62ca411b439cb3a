/**
 * anchor-mismatch: explicit anchors against the English, in-page links against the translation's own anchors.
 * The corpus block runs on defects injected into copies of real pairs of ../shared/corpus/nuget when it exists; the
 * false positives on the whole handoff are bounded by test/corpus.test.ts.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, show, tempDir } from './helpers.js';
import { startCounting, type WorkGrowth } from './code-work.js';
import { collectAnchors, headingAttribute } from '../src/rule-kit/index.js';
import { parseDocument } from '../src/document/document.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

const rule = 'anchor-mismatch';

/** Only this rule, on. */
function configFor(source: string, targets: Record<string, string>, cwd: string, extra: Record<string, unknown> = {}) {
  const ruleSettings: Record<string, unknown> = {};
  for (const entry of rules) ruleSettings[entry.meta.id] = 'off';
  ruleSettings[rule] = 'error';
  return resolveConfig({ source, targets, rules: ruleSettings, ...extra }, cwd, rules);
}

/** Block counts for the scale tests (test/code-work.ts): on from before the first test, so every function has its counters. */
const counter = await startCounting();
afterAll(() => counter.stop());

const lint = (english: string, translated: string, options?: Record<string, unknown>) => lintPair({ english, translated, rule, options });
const shown = async (english: string, translated: string, options?: Record<string, unknown>) => (await lint(english, translated, options)).map(show);

describe('anchor-mismatch', () => {
  describe('explicit anchors', () => {
    test('the same <a name>, <a id>, element id and {#id} pass', async () => {
      const english = '# Intro {#intro}\n\n<a name="one"></a>\n\nText <a id="two"></a> here.\n\n<div id="three">x</div>\n';
      const translated = '# Einführung {#intro}\n\n<a name="one"></a>\n\nText <a id="two"></a> hier.\n\n<div id="three">x</div>\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a dropped {#id} is reported at the aligned translated heading, naming the English line', async () => {
      const findings = await lint('Intro.\n\n## Setup {#setup}\n', 'Einführung.\n\n## Einrichtung\n');
      expect(findings.map(show)).toEqual(['3:1 anchor-mismatch The English anchor `setup` (en-us/example.md:3) is missing from the translation']);
      expect(findings[0]).toMatchObject({ severity: 2, details: { anchor: null, english: 'setup' } });
    });

    test('a dropped anchor with no aligned translated block is reported at line 1', async () => {
      // An HTML block aligns only with an HTML block, and the translation has none.
      const english = 'First paragraph.\n\nSecond paragraph.\n\n<div id="end"></div>\n';
      const translated = 'Erster Absatz.\n\nZweiter Absatz.\n';
      expect(await shown(english, translated)).toEqual(['1:1 anchor-mismatch The English anchor `end` (en-us/example.md:5) is missing from the translation']);
    });

    test('an English anchor kept elsewhere in the translation is fine (the anchor exists)', async () => {
      const english = '<a name="top"></a>\n\n# Title\n\nText.\n';
      const translated = '# <a name="top"></a>Titel\n\nText.\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a translated heading carrying the English slug as <a name> passes; a typo gets a did-you-mean from the aligned heading', async () => {
      const english = '# Package versioning\n\n## Version basics\n\n## Semantic Versioning 2.0.0\n';
      const good = '# <a name="package-versioning"></a>Paketversionsverwaltung\n\n## <a name="version-basics"></a>Grundlagen\n\n## <a name="semantic-versioning-200"></a>Semantic Versioning 2.0.0\n';
      expect(await shown(english, good)).toEqual([]);
      const typo = good.replace('name="version-basics"', 'name="version-basic"');
      const findings = await lint(english, typo);
      expect(findings.map(show)).toEqual([
        '3:13 anchor-mismatch Anchor `version-basic` is not in the English; did you mean `version-basics`, the anchor of the aligned English block (en-us/example.md:3)?',
      ]);
      expect(findings[0].details).toEqual({ anchor: 'version-basic', english: 'version-basics' });
    });

    test('a repeated heading may carry its plain slug (docs sites do not number repeats)', async () => {
      const english = '## Examples\n\nA.\n\n## Examples\n\nB.\n';
      const translated = '## <a name="examples"></a>Beispiele\n\nA.\n\n## <a name="examples"></a>Beispiele\n\nB.\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a heading slug made from the source text is an English anchor too (docs.microsoft.com: `&gt;` → `gt`)', async () => {
      const english = '### .nuspec &ltfiles /&gt; improvement\n';
      const translated = '### <a name="nuspec-ltfiles-gt-improvement"></a>. nuspec &ltfiles/ &gt; Verbesserung\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('an explicit anchor changed in place is one finding (not also "missing")', async () => {
      const english = 'Intro.\n\n<a name="steps"></a>\n\nMore.\n';
      const translated = 'Einleitung.\n\n<a name="schritte"></a>\n\nMehr.\n';
      expect(await shown(english, translated)).toEqual([
        '3:10 anchor-mismatch Anchor `schritte` is not in the English; did you mean `steps`, the anchor of the aligned English block (en-us/example.md:3)?',
      ]);
    });

    test('an added anchor far from any English one: did-you-mean the nearest English anchor, or none', async () => {
      const english = 'Intro.\n\n## Troubleshooting\n';
      expect(await shown(english, 'Einleitung.\n\n<a name="troubleshootin"></a>\n\n## Problembehandlung\n')).toEqual([
        '3:10 anchor-mismatch Anchor `troubleshootin` is not in the English; did you mean `troubleshooting` (en-us/example.md:3)?',
      ]);
      expect(await shown(english, 'Einleitung.\n\n<a name="zzz"></a>\n\n## Problembehandlung\n')).toEqual([
        '3:10 anchor-mismatch Anchor `zzz` is not in the English (en-us/example.md)',
      ]);
    });

    test('anchors in code are not anchors', async () => {
      const english = 'Text.\n\n```xml\n<package id="A" />\n```\n\n`<a name="x">`\n';
      const translated = 'Text.\n\n```xml\n<package id="B" />\n```\n\n`<a name="y">`\n';
      expect(await shown(english, translated)).toEqual([]);
      // Raw HTML inside <pre> or <code> shows markup; after the element, anchors count again.
      const shownMarkup = 'Use <code><a name="x"></a></code> like this.\n\n<pre>\n<a name="y"></a>\n</pre>\n\n<div id="z"></div>\n';
      expect(await shown(shownMarkup, 'Verwenden Sie <code><a name="x2"></a></code> so.\n\n<pre>\n<a name="y2"></a>\n</pre>\n\n<div id="z"></div>\n')).toEqual([]);
      expect(await shown(shownMarkup, 'Verwenden Sie <code><a name="x"></a></code> so.\n\n<pre>\n<a name="y"></a>\n</pre>\n')).toEqual([
        '3:1 anchor-mismatch The English anchor `z` (en-us/example.md:7) is missing from the translation',
      ]);
    });
  });

  describe('in-page links', () => {
    test('links to explicit anchors and to translated heading slugs resolve', async () => {
      const english = 'See [A](#setup), [B](#more-info) and <a href="#x">C</a>.\n\n## Setup\n\n## More info\n\n<a id="x"></a>\n';
      const translated =
        'Siehe [A](#einrichtung), [B](#weitere-informationen) und <a href="#x">C</a>.\n\n## Einrichtung\n\n## Weitere Informationen\n\n<a id="x"></a>\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a link to the English heading slug names the translated slug', async () => {
      const findings = await lint('See [setup](#setup).\n\n## Setup\n', 'Siehe [Einrichtung](#setup).\n\n## Einrichtung\n');
      expect(findings.map(show)).toEqual([
        "1:7 anchor-mismatch In-page link `#setup` has no target in the translation: the target is the English heading slug (en-us/example.md:3); the translated heading's slug is `einrichtung`",
      ]);
      expect(findings[0].details).toEqual({ fragment: 'setup', english: 'setup', suggestion: 'einrichtung' });
    });

    test('requireInPageTargets: false turns the link check off, not the anchor checks', async () => {
      const english = 'See [setup](#setup).\n\n## Setup {#setup}\n';
      expect(await shown(english, 'Siehe [Einrichtung](#setup).\n\n## Einrichtung\n', { requireInPageTargets: false })).toEqual([
        '3:1 anchor-mismatch The English anchor `setup` (en-us/example.md:3) is missing from the translation',
      ]);
    });

    test('a link target in neither file gets a did-you-mean from the translation', async () => {
      expect(await shown('See [x](#install).\n\n## Install\n', 'Siehe [x](#instal).\n\n## <a name="install"></a>Installieren\n')).toEqual([
        '1:7 anchor-mismatch In-page link `#instal` has no target in the translation or the English; did you mean `#install`?',
      ]);
    });

    test('a broken link copied from a broken English link says so', async () => {
      expect(await shown('See [x](#nowhere).\n\n## Install\n', 'Siehe [x](#nowhere).\n\n## Installieren\n')).toEqual([
        '1:7 anchor-mismatch In-page link `#nowhere` has no target in the translation or the English (the English link at en-us/example.md:1 is broken too)',
      ]);
    });

    test('reference definitions are checked once, where they are written; percent-encoding is decoded', async () => {
      const english = 'See [the end][end] and [again][end].\n\n## Ende\n\n[end]: #ende\n';
      expect(await shown(english, 'Siehe [das Ende][end] und [nochmal][end].\n\n## Ende\n\n[end]: #ende\n')).toEqual([]);
      expect(await shown(english, 'Siehe [das Ende][end] und [nochmal][end].\n\n## Schluss\n\n[end]: #ende\n')).toEqual([
        "5:1 anchor-mismatch In-page link `#ende` has no target in the translation: the target is the English heading slug (en-us/example.md:3); the translated heading's slug is `schluss`",
      ]);
      expect(await shown('[x](#%C3%BCber)\n\n## Über\n', '[x](#%C3%BCber)\n\n## Über\n')).toEqual([]);
    });

    test('`#` alone and links to other pages are not in-page links; fragments are case-sensitive', async () => {
      expect(await shown('[top](#) [a](other.md#nowhere)\n', '[oben](#) [a](other.md#nowhere)\n')).toEqual([]);
      expect(await shown('[a](#setup)\n\n## Setup\n', '[a](#Setup)\n\n## Setup\n')).toEqual([
        '1:1 anchor-mismatch In-page link `#Setup` has no target in the translation or the English; did you mean `#setup`?',
      ]);
    });

    test('span format: links inside the sxs-lookup English are not the translation', async () => {
      const translated =
        '<span data-ttu-id="a1-101">Siehe [Einrichtung](#einrichtung).</span><span class="sxs-lookup"><span data-stu-id="a1-101">See [setup](#setup).</span></span>\n\n## Einrichtung\n';
      expect(await shown('See [setup](#setup).\n\n## Setup\n', translated)).toEqual([]);
    });
  });

  describe('headingAttribute', () => {
    test('reads a trailing {#id} only', () => {
      expect(headingAttribute('Setup {#setup}')).toEqual({ text: 'Setup ', id: 'setup' });
      expect(headingAttribute('Setup {#setup}  ')).toEqual({ text: 'Setup ', id: 'setup' });
      expect(headingAttribute('Setup {#a b}')).toEqual({ text: 'Setup {#a b}' });
      expect(headingAttribute('Setup {#}')).toEqual({ text: 'Setup {#}' });
      expect(headingAttribute('{#x} Setup')).toEqual({ text: '{#x} Setup' });
    });
  });

  describe('hostile input (no crash, linear work)', () => {
    /**
     * n and 10n, and the work of loc-lint's own code between them counted in executed blocks (test/code-work.ts),
     * not timed: linear growth multiplies it by about 10, quadratic by about 100, so a small n shows it as well as
     * 100,000 items did, in a fraction of the time.
     */
    const N = 500;
    const LINEAR_BELOW = 20;
    const expectLinear = (growth: WorkGrowth) =>
      expect({ ...growth, linear: growth.blocks.ratio < LINEAR_BELOW && growth.regexp.ratio < LINEAR_BELOW }).toMatchObject({ linear: true });
    /** One pair through the engine with a parse budget that a busy machine cannot run out of. */
    async function lintLarge(english: string, translated: string) {
      const dir = tempDir();
      try {
        mkdirSync(path.join(dir, 'en-us'));
        mkdirSync(path.join(dir, 'de-de'));
        writeFileSync(path.join(dir, 'en-us', 'example.md'), english);
        writeFileSync(path.join(dir, 'de-de', 'example.md'), translated);
        const config = configFor('en-us', { 'de-de': 'de-de' }, dir, { parseTimeoutSeconds: 600 });
        const [result] = await lintPairs((await discover(config)).pairs, config, { cwd: dir });
        return result.messages;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    test('the block counter sees a rescan: a loop over the rest of a list at each item is quadratic in blocks', async () => {
      const counted = (url: string) => url.endsWith('anchor-mismatch.test.ts');
      const rescan = (items: number[]) => {
        let pairs = 0;
        for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (items[j] === items[i] + 1) pairs++;
        return pairs;
      };
      const single = (items: number[]) => new Set(items).size;
      const list = (n: number) => Array.from({ length: n }, (_, i) => i);
      expect((await counter.growthOf(() => rescan(list(N)), () => rescan(list(10 * N)), counted)).ratio).toBeGreaterThan(LINEAR_BELOW);
      expect((await counter.growthOf(() => single(list(N)), () => single(list(10 * N)), counted)).ratio).toBeLessThan(LINEAR_BELOW);
    });

    test(
      'n English anchors missing and n broken in-page links: one finding each, and linear work (n = 500 and 5,000)',
      async () => {
        const run = async (n: number) => {
          const anchors = `<div>\n${Array.from({ length: n }, (_, i) => `<a name="a${i}"></a>`).join('\n')}\n</div>\n`;
          const links = `<div>\n${Array.from({ length: n }, (_, i) => `<a href="#b${i}">x</a>`).join('\n')}\n</div>\n`;
          const findings = await lintLarge(anchors, links);
          expect(findings.filter((finding) => finding.message.startsWith('The English anchor'))).toHaveLength(n);
          expect(findings.filter((finding) => finding.message.startsWith('In-page link'))).toHaveLength(n);
          expect(findings).toHaveLength(2 * n);
        };
        expectLinear(await counter.workGrowthOf(() => run(N), () => run(10 * N)));
      },
      120_000,
    );

    test(
      'unterminated tags, runs of `{#`, `%` fragments (100,000 each)',
      async () => {
        const hostile = `# ${'{#'.repeat(100_000)}}\n\n<div>\n${'<a name="'.repeat(100_000)}\n\n[x](#${'%'.repeat(100_000)})\n`;
        const findings = await lintLarge('# Title\n', hostile);
        expect(findings.map((finding) => finding.ruleId)).not.toContain('parse-error');
        expect(findings.filter((finding) => finding.message.startsWith('In-page link'))).toHaveLength(1);
      },
      600_000,
    );

    test(
      'n repeated headings get numbered slugs, with linear work (n = 500 and 5,000)',
      async () => {
        const documentOf = (n: number) => parseDocument({ path: '/example.md', relPath: 'example.md', locale: 'en-us', raw: Buffer.from('## Examples\n'.repeat(n)) });
        const check = (document: ReturnType<typeof documentOf>, n: number) => {
          const anchors = collectAnchors(document);
          expect(anchors.all).toHaveLength(n);
          expect(anchors.all[1].id).toBe('examples-1');
          expect(anchors.all[n - 1].id).toBe(`examples-${n - 1}`);
          expect(anchors.all[n - 1].aliases).toContain('examples');
        };
        const small = documentOf(N);
        const large = documentOf(10 * N);
        expectLinear(await counter.workGrowthOf(() => check(small, N), () => check(large, 10 * N)));
      },
      120_000,
    );
  });
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const present = existsSync(path.join(corpus, 'nuget', 'handoff'));
if (!present) {
  // eslint-disable-next-line no-console
  console.log(`anchor-mismatch corpus tests SKIPPED: ${corpus} not found (set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);
}
const suite = present ? describe : describe.skip;


// At most 2% of the handoff files flagged: test/corpus.test.ts checks every rule that is on by default on its one
// lint of nuget/handoff, and prints this rule's findings there.
suite('anchor-mismatch on nuget/handoff', () => {
  describe('injected defects on copies of real pairs', () => {
    const page = 'docs/concepts/Package-Versioning.md';
    async function inject(locale: string, relPath: string, edit: (text: string) => string, scenario = 'handoff'): Promise<string[]> {
      const dir = tempDir();
      const from = scenario === 'handoff' ? path.join(corpus, 'nuget', 'handoff', locale) : path.join(corpus, 'nuget', scenario);
      cpSync(path.join(from, 'en-us', relPath), path.join(dir, 'en-us', relPath));
      cpSync(path.join(from, locale, relPath), path.join(dir, locale, relPath));
      const target = path.join(dir, locale, relPath);
      const before = readFileSync(target, 'utf8');
      const after = edit(before);
      if (scenario === 'handoff') expect(after).not.toBe(before);
      writeFileSync(target, after);
      const config = configFor('en-us', { [locale]: locale }, dir);
      const [result] = await lintPairs((await discover(config)).pairs, config, { cwd: dir, now: new Date('2022-03-25') });
      return result.messages.filter((message) => message.ruleId === rule).map((message) => message.message);
    }

    test('the untouched pair is clean', async () => {
      expect(await inject('de-de', page, (text) => text + '\n')).toEqual([]);
    });

    test("a heading's English anchor typed over is caught with the English slug", async () => {
      const messages = await inject('de-de', page, (text) => text.replace('## <a name="version-basics"></a>', '## <a name="grundlagen-zu-versionen"></a>'));
      expect(messages).toContainEqual(expect.stringContaining('Anchor `grundlagen-zu-versionen` is not in the English; did you mean `version-basics`, the anchor of the aligned English block'));
      // The table of contents links to #version-basics, which no longer resolves.
      expect(messages).toContainEqual(expect.stringContaining("In-page link `#version-basics` has no target in the translation: the target is the English heading slug"));
    });

    test('a dropped English <a name> is caught', async () => {
      const messages = await inject('de-de', page, (text) => text.replace(/^<a name="version-ranges"><\/a>\n/m, '').replace('## <a name="version-ranges"></a>', '## '));
      expect(messages).toContainEqual(expect.stringContaining('The English anchor `version-ranges`'));
    });

    test('nuget/current (stale): the anchor of a heading the English renamed since the handoff is caught', async () => {
      const messages = await inject('de-de', 'docs/consume-packages/Package-References-in-Project-Files.md', (text) => text, 'current');
      expect(messages).toContainEqual(expect.stringContaining('Anchor `enabling-lock-file` is not in the English; did you mean `enabling-the-lock-file`'));
    });

    test('an in-page link with a mistyped fragment is caught (ja-jp)', async () => {
      const messages = await inject('ja-jp', page, (text) => text.replace('](#normalized-version-numbers)', '](#normalised-version-numbers)'));
      expect(messages).toContainEqual(expect.stringContaining('In-page link `#normalised-version-numbers` has no target in the translation or the English; did you mean `#normalized-version-numbers`?'));
    });
  });
});
