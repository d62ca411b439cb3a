/**
 * code-mismatch: code blocks and inline code spans of each translated block (and span segment) against its English.
 * The corpus part runs when ../shared/corpus exists: defects injected into copies of real pairs (the false
 * positives on the untouched NuGet handoff pairs are bounded by test/corpus.test.ts).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintPair, show, tempDir } from './helpers.js';
import { isOwnExceptAlignment, startCounting, type WorkGrowth } from './code-work.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs, type FileResult } from '../src/engine/index.js';
import { rules } from '../rules/index.js';
import { codeLines, quotePair, stripComments } from '../rules/code-mismatch.js';
import { boundedDistance } from '../src/util/suggest.js';

const rule = 'code-mismatch';

/** Block counts for the scale tests (test/code-work.ts): on from before the first test, so every function has its counters. */
const counter = await startCounting();
afterAll(() => counter.stop());

const lint = (english: string, translated: string, options?: Record<string, unknown>) => lintPair({ english, translated, rule, options });
const shown = async (english: string, translated: string, options?: Record<string, unknown>) => (await lint(english, translated, options)).map(show);

const pair = (id: string, translated: string, en: string) =>
  `<span data-ttu-id="${id}">${translated}</span><span class="sxs-lookup"><span data-stu-id="${id}">${en}</span></span>`;

describe('code-mismatch', () => {
  describe('code blocks', () => {
    test('equal code passes; trailing blanks, CRLF and trailing blank lines do not count', async () => {
      const english = '# Install\n\n```console\nnuget install elmah\nnuget install packages.config\n```\n';
      const translated = '# Installieren\r\n\r\n```console\r\nnuget install elmah   \r\nnuget install packages.config\r\n\r\n```\r\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a changed line is reported at that line of the translation, with the English line', async () => {
      const english = '# Install\n\n```console\nnuget install elmah\nnuget install ninject -OutputDirectory c:\\proj\n```\n';
      const translated = '# Installieren\n\n```console\nnuget install elmah\nnuget install ninject -Ausgabeverzeichnis c:\\proj\n```\n';
      const findings = await lint(english, translated);
      expect(findings.map(show)).toEqual([
        '5:1 code-mismatch Code line `nuget install ninject -Ausgabeverzeichnis c:\\proj` differs from the English `nuget install ninject -OutputDirectory c:\\proj` (en-us/example.md:5)',
      ]);
      expect(findings[0]).toMatchObject({
        severity: 2,
        endLine: 5,
        details: { translated: 'nuget install ninject -Ausgabeverzeichnis c:\\proj', english: 'nuget install ninject -OutputDirectory c:\\proj' },
      });
    });

    test('indented code, in a list item: the line is found under the container', async () => {
      const english = '1. Run:\n\n       dotnet restore\n       dotnet build\n';
      const translated = '1. Ausführen:\n\n       dotnet restore\n       dotnet erstellen\n';
      expect(await shown(english, translated)).toEqual([
        '4:1 code-mismatch Code line `dotnet erstellen` differs from the English `dotnet build` (en-us/example.md:4)',
      ]);
    });

    test('an added line and a dropped line', async () => {
      const english = 'Text.\n\n```\na\nb\nc\n```\n';
      expect(await shown(english, 'Text.\n\n```\na\nb\nx\nc\n```\n')).toEqual([
        '6:1 code-mismatch Code line `x` is not in the English code block (en-us/example.md:3)',
      ]);
      expect(await shown(english, 'Text.\n\n```\na\nc\n```\n')).toEqual([
        '3:1 code-mismatch The English code line `b` (en-us/example.md:5) is missing from the translation',
      ]);
    });

    test('one finding per block, at the first difference', async () => {
      const english = '```\none\ntwo\nthree\n```\n';
      const translated = '```\neins\nzwei\ndrei\n```\n';
      expect(await shown(english, translated)).toEqual(['2:1 code-mismatch Code line `eins` differs from the English `one` (en-us/example.md:2)']);
    });

    test('translated comments are allowed by default, findings with allowTranslatedComments off; code changes stay findings', async () => {
      const english = '```csharp\n// Create the client\nvar client = new HttpClient(); /* shared */\n```\n';
      const translated = '```csharp\n// Den Client erstellen\nvar client = new HttpClient(); /* gemeinsam */\n```\n';
      expect(await shown(english, translated, { allowTranslatedComments: false })).toEqual([
        '2:1 code-mismatch Code line `// Den Client erstellen` differs from the English `// Create the client` (en-us/example.md:2)',
      ]);
      expect(await shown(english, translated)).toEqual([]);
      const changed = translated.replace('new HttpClient()', 'new HttpKlient()');
      expect(await shown(english, changed, { allowTranslatedComments: true })).toEqual([
        '3:1 code-mismatch Code line `var client = new HttpKlient(); /* gemeinsam */` differs from the English `var client = new HttpClient(); /* shared */` (en-us/example.md:3)',
      ]);
    });

    test('blanks and quote style are not code changes; other characters are', async () => {
      const english = "```css\na {\n  font-family: 'Segoe UI', sans-serif;\n}\n```\n";
      expect(await shown(english, '```css\na {\n    font-family:  "Segoe UI",  sans-serif;\n}\n```\n')).toEqual([]);
      expect(await shown(english, '```css\na {\n  font-family: „Segoe UI“, sans-serif;\n}\n```\n')).toEqual([]);
      expect(await shown(english, "```css\na {\n  font-family: 'Segoe UI'; sans-serif;\n}\n```\n")).toHaveLength(1);
      expect(await shown(english, "```css\na {\n  font-family: 'SegoeUI', sans-serif;\n}\n```\n")).toHaveLength(1);
    });

    test('comment syntax follows the fence language: XML, PowerShell, VB, batch; a translated comment spread over two lines', async () => {
      const options = { allowTranslatedComments: true };
      expect(await shown('```xml\n<!-- Add the source -->\n<add key="a" />\n```\n', '```xml\n<!-- Quelle\n     hinzufügen -->\n<add key="a" />\n```\n', options)).toEqual([]);
      expect(await shown('```ps\n# Install it\nInstall-Package A # now\n```\n', '```ps\n# Installieren\nInstall-Package A # jetzt\n```\n', options)).toEqual([]);
      expect(await shown("```vb\n' Create it\nDim a = 1\n```\n", "```vb\n' Erstellen\nDim a = 1\n```\n", options)).toEqual([]);
      expect(await shown('```cmd\nREM Build it\nmsbuild\n```\n', '```cmd\nREM Erstellen\nmsbuild\n```\n', options)).toEqual([]);
      // `'` is no comment outside Visual Basic: a changed single-quoted string in JavaScript is a finding.
      expect(await shown("```js\nrun('build');\n```\n", "```js\nrun('erstellen');\n```\n", options)).toHaveLength(1);
      // `#` inside a word (C#) or a URL fragment does not start a comment.
      expect(await shown('```\nuse C# here\n```\n', '```\nuse C# hier\n```\n', options)).toHaveLength(1);
      expect(await shown('```\ncurl https://example.com/a#top\n```\n', '```\ncurl https://example.com/a#oben\n```\n', options)).toHaveLength(1);
    });

    test('a code block aligned with a block of another kind, or with none, is not compared', async () => {
      expect(await shown('# Title\n\nText.\n', '# Titel\n\nText.\n\n```\nextra\n```\n')).toEqual([]);
    });

    test('long lines are quoted from shortly before their first difference', () => {
      const head = 'dotnet nuget push bin/Release/Contoso.Utility.1.0.0.nupkg --source ';
      expect(quotePair(`${head}https://contoso.example/v3`, `${head}https://api.nuget.org/v3/index.json`)).toEqual([
        '…source https://contoso.example/v3',
        '…source https://api.nuget.org/v3/index.json',
      ]);
      expect(quotePair('short a', 'short b')).toEqual(['short a', 'short b']);
    });

    test('stripComments and codeLines', () => {
      const lines = codeLines('a = 1 // one\r\n/* start\nmiddle */ b = 2\n\n');
      expect(lines.map((line) => line.text)).toEqual(['a = 1 // one', '/* start', 'middle */ b = 2']);
      const syntax = { line: ['//'], block: [['/*', '*/']] as Array<[string, string]>, hash: false, apostrophe: false, rem: false };
      expect(stripComments(lines, syntax)).toEqual([
        { text: 'a = 1', index: 0 },
        { text: '  b = 2', index: 2 },
      ]);
    });
  });

  describe('inline code spans', () => {
    test('the same spans in another order pass; an added span is fine', async () => {
      const english = 'Run `nuget restore` after `nuget install`.\n';
      expect(await shown(english, 'Führen Sie nach `nuget install` den Befehl `nuget restore` aus (`-NonInteractive`).\n')).toEqual([]);
    });

    test('a missing span is reported at the start of the block; a retyped one with a did-you-mean at the span', async () => {
      const english = '# Options\n\nUse `-Version` and `-Source` with `nuget install`.\n';
      const findings = await lint(english, '# Optionen\n\nVerwenden Sie `-version` und -Source mit `nuget install`.\n');
      expect(findings.map(show)).toEqual([
        '3:1 code-mismatch The English code span `-Source` (en-us/example.md:3) is missing from the translation',
        '3:15 code-mismatch The English code span `-Version` (en-us/example.md:3) is missing from the translation; did you mean `-version`?',
      ]);
      expect(findings[0].details).toEqual({ english: ['-Source'], translated: null });
      expect(findings[1].details).toEqual({ english: ['-Version'], translated: '-version' });
    });

    test('a translated span far from every English span gets no did-you-mean', async () => {
      expect(await shown('Set `allowPrerelease`.\n', 'Setzen Sie `VorabversionZulassen`.\n')).toEqual([
        '1:1 code-mismatch The English code span `allowPrerelease` (en-us/example.md:1) is missing from the translation',
      ]);
    });

    test('duplicates count: a span used twice in the English must be there twice', async () => {
      expect(await shown('Use `a` or `a`.\n', 'Nutze `a`.\n')).toEqual([
        '1:1 code-mismatch The English code span `a` (en-us/example.md:1) is missing from the translation',
      ]);
    });

    test('two spans run together (`a``b`, the words between them lost) are one finding at that span', async () => {
      // Real: de-de docs/api/search-query-service-resource.md of the NuGet handoff.
      const english = 'The total number of matches, disregarding `skip` and `take`\n';
      const translated = 'Die Gesamtanzahl der Übereinstimmungen, wobei und ignoriert werden. `skip``take`\n';
      const findings = await lint(english, translated);
      expect(findings.map(show)).toEqual([
        '1:69 code-mismatch The English code spans `skip` and `take` (en-us/example.md:1) run together in the translation as `skip``take`: the text between them is missing',
      ]);
      expect(findings[0].details).toEqual({ english: ['skip', 'take'], translated: 'skip``take' });
    });

    test('span format: each segment against its own English, not reported again by the block comparison', async () => {
      const english = 'Use `-Version 1.0` and `-Source`.\n';
      const translated = pair('a1b2c-101', 'Verwenden Sie `-Source`.', 'Use `-Version 1.0` and `-Source`.') + '\n';
      expect(await shown(english, translated)).toEqual([
        '1:1 code-mismatch The English code span `-Version 1.0` (data-stu-id "a1b2c-101" at line 1) is missing from the translation',
      ]);
    });

    test('span format: the sxs-lookup English does not count as translation', async () => {
      const english = 'Use `-Source`.\n';
      const translated = pair('a1b2c-101', 'Verwenden Sie die Quelle.', 'Use `-Source`.') + '\n';
      // The span comparison finds it; the block comparison must not find the English's own span and pass.
      expect(await shown(english, translated)).toHaveLength(1);
    });

    test('code in tables and headings', async () => {
      const english = '## The `pack` target\n\n| Property | Notes |\n| --- | --- |\n| `Version` | Like `1.0.0` |\n';
      const translated = '## Das `Pack`-Ziel\n\n| Eigenschaft | Hinweise |\n| --- | --- |\n| `Version` | Wie `1.0.0` |\n';
      expect(await shown(english, translated)).toEqual([
        '1:8 code-mismatch The English code span `pack` (en-us/example.md:1) is missing from the translation; did you mean `Pack`?',
      ]);
    });

    test('boundedDistance', () => {
      expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
      expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
      expect(boundedDistance('abc', 'abc', 1)).toBe(0);
      expect(boundedDistance('', 'ab', 2)).toBe(2);
      expect(boundedDistance('abcdef', 'a', 2)).toBe(3);
    });
  });

  describe('hostile input (no crash, linear work)', () => {
    /**
     * n and 10n, with the work of loc-lint's own code between them counted (test/code-work.ts: executed blocks of
     * src/ and rules/, and regular-expression steps), not timed: linear growth multiplies it by about 10, quadratic
     * by about 100, so a small n shows it as well as 100,000 items did, in a fraction of the time.
     */
    const N = 1_000;
    const LINEAR_BELOW = 20;
    const expectLinear = (growth: WorkGrowth) =>
      expect({ ...growth, linear: growth.blocks.ratio < LINEAR_BELOW && growth.regexp.ratio < LINEAR_BELOW }).toMatchObject({ linear: true });

    test(
      'n inline code spans, all different, through the engine: one finding each (n = 1,000 and 10,000)',
      async () => {
        const paragraphs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `\`${prefix}${i}\`${i % 10 === 9 ? '\n\n' : ' '}`).join('');
        const run = async (n: number) => {
          const dir = tempDir();
          try {
            writeFiles(dir, 'example.md', paragraphs('e', n), paragraphs('t', n));
            const [result] = await lintRoots(path.join(dir, 'en-us'), 'de-de', path.join(dir, 'de-de'), dir, { parseTimeoutSeconds: 600 });
            const findings = findingsOf(result);
            expect(findings.length).toBe(n);
            expect(findings[0].message).toContain('`e0`');
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        };
        // n / 10 paragraphs: the block alignment is quadratic by design at this size (see isOwnExceptAlignment).
        expectLinear(await counter.workGrowthOf(() => run(N), () => run(10 * N), isOwnExceptAlignment));
      },
      120_000,
    );

    test(
      'span format with n segments (n = 250 and 2,500), and a code span of n backtick runs (n = 1,000 and 10,000)',
      async () => {
        const segmentsRun = async (n: number) => {
          const segments = Array.from({ length: n }, (_, i) => pair(`a1b2c-${i}`, `Text \`x${i}\``, `Text \`y${i}\``)).join('');
          expect(await lint('Text.\n', segments + '\n')).toHaveLength(n);
        };
        expectLinear(await counter.workGrowthOf(() => segmentsRun(N / 4), () => segmentsRun((10 * N) / 4)));
        const runsRun = async (n: number) => {
          const runs = 'a``'.repeat(n) + 'a';
          expect(await shown(`\`${'a '.repeat(n)}\`\n`, `\`${runs}\`\n`)).toHaveLength(1);
        };
        expectLinear(await counter.workGrowthOf(() => runsRun(N), () => runsRun(10 * N)));
      },
      120_000,
    );

    test(
      'a long code block (n lines) with every line changed, and with long lines; comments unterminated (n = 1,000 and 10,000)',
      async () => {
        const changed = async (n: number) => {
          const english = '```\n' + 'line\n'.repeat(n) + '```\n';
          const translated = '```\n' + 'Zeile\n'.repeat(n) + '```\n';
          expect(await shown(english, translated)).toHaveLength(1);
        };
        expectLinear(await counter.workGrowthOf(() => changed(N), () => changed(10 * N)));
        const unterminated = async (n: number) => {
          const open = '```\n' + '/* '.repeat(n) + '\n' + '<!--'.repeat(n) + '\n```\n';
          expect(await shown(open, open.replace('/*', '/+'), { allowTranslatedComments: true })).toHaveLength(1);
          expect(await shown(open, open + '\n', { allowTranslatedComments: true })).toEqual([]);
        };
        expectLinear(await counter.workGrowthOf(() => unterminated(N), () => unterminated(10 * N)));
      },
      120_000,
    );

    /**
     * lookalike looks at the first MAX_CANDIDATES translated spans not yet taken, kept in a linked list: it once
     * walked past all the taken ones first (blocks ×75 from 300 to 3,000 spans; 10,000 spans took 21 s).
     */
    const SPANS = 1000;
    test(
      'n near-identical spans: each gets a did-you-mean, and the work stays within 20× (n = 1,000 and 10,000)',
      async () => {
        const run = async (n: number) => {
          const english = Array.from({ length: n }, (_, i) => `\`abcdefghij${i}\``).join(' ') + '\n';
          const translated = Array.from({ length: n }, (_, i) => `\`ABCDEFGHIK${i}\``).join(' ') + '\n';
          const findings = await lint(english, translated);
          expect(findings.length).toBe(n);
          expect(findings.every((finding) => finding.message.includes('did you mean'))).toBe(true);
        };
        expectLinear(await counter.workGrowthOf(() => run(SPANS), () => run(10 * SPANS)));
      },
      120_000,
    );
  });
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const present = existsSync(path.join(corpus, 'nuget', 'handoff'));
if (!present) {
  // eslint-disable-next-line no-console
  console.log(`code-mismatch corpus tests SKIPPED: ${corpus} not found (set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);
}
const corpusSuite = present ? describe : describe.skip;
const LOCALES = ['de-de', 'ja-jp', 'pl-pl'];
const onlyThisRule = Object.fromEntries(rules.map((entry) => [entry.meta.id, entry.meta.id === rule ? 'error' : 'off']));

async function lintRoots(source: string, locale: string, target: string, cwd: string, settings: Record<string, unknown> = {}): Promise<FileResult[]> {
  const config = resolveConfig({ source, targets: { [locale]: target }, rules: onlyThisRule, git: false, ...settings }, cwd, rules);
  return lintPairs((await discover(config)).pairs, config, { cwd, now: new Date('2022-03-25') });
}

function writeFiles(dir: string, name: string, english: string, translated: string): void {
  for (const [folder, text] of [['en-us', english], ['de-de', translated]]) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, name), text);
  }
}

const findingsOf = (result: FileResult) => result.messages.filter((message) => message.ruleId === rule);

// At most 2% of the handoff files flagged, and nothing for code blocks: test/corpus.test.ts, on its one lint of
// nuget/handoff (this rule's findings are printed there).
corpusSuite('code-mismatch on the corpus: injected defects', () => {
  const handoffPath = 'docs/reference/cli-reference/cli-ref-install.md';
  const seedPath = '423-org-security-emailaccountcompromised.md';

  async function inject(locale: string, edit: (text: string) => string, seeds = false): Promise<FileResult> {
    const dir = tempDir();
    const from = seeds ? path.join(corpus, 'seeds') : path.join(corpus, 'nuget', 'handoff', locale);
    const relPath = seeds ? seedPath : handoffPath;
    cpSync(path.join(from, 'en-us', relPath), path.join(dir, 'en-us', relPath));
    cpSync(path.join(from, locale, relPath), path.join(dir, locale, relPath));
    const target = path.join(dir, locale, relPath);
    const before = readFileSync(target, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(target, after);
    const [result] = await lintRoots(path.join(dir, 'en-us'), locale, path.join(dir, locale), dir);
    return result;
  }

  test.each(LOCALES)('%s: the untouched pair passes', async (locale) => {
    expect(findingsOf(await inject(locale, (text) => text + '\n'))).toEqual([]);
  });

  test.each(LOCALES)('%s: a changed command in a code block is caught at its line', async (locale) => {
    const result = await inject(locale, (text) => text.replace('nuget install ninject -OutputDirectory c:\\proj', 'nuget install ninject -OutputDir c:\\proj'));
    const findings = findingsOf(result);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/^Code line `nuget install ninject -OutputDir c:\\proj` differs from the English/)]);
  });

  test.each(LOCALES)('%s: a retyped and a dropped code span are caught', async (locale) => {
    const result = await inject(locale, (text) => text.replace('`-OutputDirectory`', '`-Outputdirectory`').replace(/`packages\.config`/, 'packages.config'));
    const messages = findingsOf(result).map((finding) => finding.message);
    expect(messages).toContainEqual(expect.stringMatching(/^The English code span `-OutputDirectory` .* did you mean `-Outputdirectory`\?$/));
    expect(messages).toContainEqual(expect.stringMatching(/^The English code span `packages\.config` .* is missing from the translation$/));
  });

  test('seeds (span format): a code span changed inside a segment is caught against its own sxs-lookup English', async () => {
    const result = await inject(
      'de-de',
      (text) =>
        text
          .replace('Organisation zu erhöhen:</span>', 'Organisation zu erhöhen: `Get-Postfach`</span>')
          .replace('Office 365 organization:</span>', 'Office 365 organization: `Get-Mailbox`</span>'),
      true,
    );
    expect(findingsOf(result).map((finding) => finding.message)).toEqual([
      'The English code span `Get-Mailbox` (data-stu-id "f6f19-103" at line 22) is missing from the translation',
    ]);
  });
});
