/**
 * Linted files are untrusted (CI lints contributors' pull requests), so no regular expression may take
 * super-linear time on them. Two kinds of evidence:
 *
 * 1. Static: every regular expression written in src/ and rules/ (literals and `new RegExp('literal')`, found with
 *    the TypeScript compiler API) is proved safe by recheck, a ReDoS checker (automata theory, or fuzzing with
 *    step counting where the automaton cannot be built, e.g. for lookbehinds). Regular expressions built at run
 *    time are listed below with the reason each is safe; a new one fails the test until it is reviewed.
 * 2. Dynamic: hostile inputs of n and 10n repetitions through the public functions (parseDocument, the prose
 *    helpers, link-mismatch); the regular-expression work, counted in steps (test/regexp-work.ts: characters each
 *    exec call moves over, so code that rescans the rest of a text per character shows), must grow about
 *    linearly (×10; quadratic would be ×100). Counted, not timed: the same on a busy machine. Speed targets live
 *    in test/bench/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { check, type Diagnostics } from 'recheck';
import { parseDocument } from '../src/document/document.js';
import { docfxExtensionRanges, isTranslatable, quote, translatableText, translatableWords } from '../src/document/prose.js';
import { readFrontMatter } from '../src/document/frontmatter.js';
import { DEFAULT_ID_PATTERN } from '../rules/missing-span-id.js';
import { lintPair } from './helpers.js';
import { growthOf, workOf, workOfAsync, type Growth } from './regexp-work.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface FoundRegExp {
  file: string;
  line: number;
  source: string;
  flags: string;
}

interface Collected {
  literals: FoundRegExp[];
  /** `new RegExp(x)` / `RegExp(x)` whose pattern is not a literal, with the construction's text. */
  dynamic: Array<{ file: string; line: number; construction: string }>;
}

/** Regular expressions in one TypeScript source: literals, and RegExp constructions with a literal pattern. */
function collectRegExps(file: string, text: string): Collected {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const collected: Collected = { literals: [], dynamic: [] };
  const lineOf = (node: ts.Node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  const isStringLike = (node: ts.Node | undefined): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
    node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text; // `/source/flags`
      const slash = literal.lastIndexOf('/');
      collected.literals.push({ file, line: lineOf(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [pattern, flags] = node.arguments ?? [];
      if (isStringLike(pattern) && (flags === undefined || isStringLike(flags))) {
        collected.literals.push({ file, line: lineOf(node), source: pattern.text, flags: flags?.text ?? '' });
      } else {
        collected.dynamic.push({ file, line: lineOf(node), construction: node.getText(sourceFile) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return collected;
}

function sourceFiles(): string[] {
  return ['src', 'rules'].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => path.join(folder, name).split(path.sep).join('/'))
      .sort(),
  );
}

function collectAll(): Collected {
  const all: Collected = { literals: [], dynamic: [] };
  for (const file of sourceFiles()) {
    const found = collectRegExps(file, readFileSync(path.join(root, file), 'utf8'));
    all.literals.push(...found.literals);
    all.dynamic.push(...found.dynamic);
  }
  return all;
}

/** recheck's verdict in one line: what, where, and the attack string when there is one. */
function verdictLine(found: FoundRegExp, diagnostics: Diagnostics): string {
  const where = `${found.file}:${found.line} /${found.source}/${found.flags}`;
  if (diagnostics.status === 'vulnerable') {
    return `${where}: vulnerable, ${diagnostics.complexity.summary}; attack ${diagnostics.attack.pattern}`;
  }
  if (diagnostics.status === 'unknown') return `${where}: unknown (${JSON.stringify(diagnostics.error)})`;
  return `${where}: safe`;
}

/**
 * Regular expressions built at run time, and why each is linear. Keyed by file and the argument's text (not the
 * line, so unrelated edits do not break the test); a new or changed one fails the test until someone reviews it.
 */
const REVIEWED_DYNAMIC: Record<string, string> = {
  // Alternatives of escaped literal terms (whitespace → \s+), between a lookbehind and a lookahead of one character.
  'src/document/prose.ts new RegExp(`(?<![\\\\p{L}\\\\p{N}_])(?:${alternatives.join(\'|\')})(?![\\\\p{L}\\\\p{N}_])`, \'giu\')':
    'ignoreTerms: literal alternatives',
  // Configuration, not linted files: the `ignore` patterns of link-mismatch and `idPattern` of missing-span-id
  // come from .lintrc.json; the default idPattern is checked below.
  'rules/link-mismatch.ts new RegExp(pattern)': 'configured ignore pattern',
  'rules/missing-span-id.ts new RegExp(pattern)': 'configured idPattern (default checked below)',
  // Compiled only to tell whether a configured pattern is valid; never run on text.
  'src/config/config.ts new RegExp(value)': 'validity check of a configured pattern',
  // One character class of Unicode script properties (the locale's script, from CLDR): one step per character.
  "src/document/language.ts new RegExp(`[${(SCRIPT_PARTS[script] ?? [script]).map((name) => `\\\\p{Script=${name}}`).join('')}]`, 'gu')":
    'a character class of scripts',
};

// recheck answers through a native helper process; 116 expressions take ~8 s in a row on this machine.
const CHECK_TIMEOUT_MS = 300_000;
/**
 * recheck bounded by steps, not by the clock, so that its verdict does not depend on the machine's load: by
 * default it confirms an attack when matching it takes over 1 s (and gives up seeding and incubation after 100 and
 * 250 ms), so on a busy machine a bounded expression such as `\{[A-Za-z_][\w.-]{0,80}\}` scanned with `g` was
 * "confirmed" quadratic. Without time limits an attack is confirmed only when it reads more than `attackLimit`
 * characters (1.5 billion), which a linear expression never does on recheck's attack sizes.
 */
const RECHECK_PARAMETERS = { timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null };

describe('every regular expression in src/ and rules/ is free of ReDoS (recheck)', () => {
  test('the collector finds literals and literal RegExp constructions, and reports dynamic ones', () => {
    const found = collectRegExps(
      'sample.ts',
      [
        'const a = /x+y/gu;',
        "const b = new RegExp('^a|b$', 'i');",
        'const c = RegExp(`z*`);',
        'const d = new RegExp(pattern);',
        'const e = "/not a regex/";',
        'const f = 4 / 2 / 1;',
      ].join('\n'),
    );
    expect(found.literals).toEqual([
      { file: 'sample.ts', line: 1, source: 'x+y', flags: 'gu' },
      { file: 'sample.ts', line: 2, source: '^a|b$', flags: 'i' },
      { file: 'sample.ts', line: 3, source: 'z*', flags: '' },
    ]);
    expect(found.dynamic).toEqual([{ file: 'sample.ts', line: 4, construction: 'new RegExp(pattern)' }]);
  });

  test(
    'recheck tells a vulnerable expression from a safe one (so the checks below can fail)',
    async () => {
      // The docfx-extension pattern src/document/prose.ts had before this test existed: exponential.
      const before = await check('\\[!(?:[^[\\]]|\\[[^\\]]*\\](?:\\([^)]*\\))?)*\\]', 'g');
      expect(before.status).toBe('vulnerable');
      const after = await check('\\[!(?:[^[\\]]|\\[[^[\\]]*\\])*\\]', 'g');
      expect(after.status).toBe('safe');
    },
    CHECK_TIMEOUT_MS,
  );

  test(
    'each literal regular expression is safe',
    async () => {
      const { literals } = collectAll();
      // A walk that silently found nothing would prove nothing.
      expect(literals.length).toBeGreaterThan(20);
      // An expression recheck cannot decide in time is 'unknown', which fails below like 'vulnerable'.
      const verdicts = await Promise.all(
        literals.map(async (found) => ({ found, diagnostics: await check(found.source, found.flags, RECHECK_PARAMETERS) })),
      );
      const problems = verdicts.filter(({ diagnostics }) => diagnostics.status !== 'safe').map(({ found, diagnostics }) => verdictLine(found, diagnostics));
      console.log(`recheck: ${verdicts.length} regular expressions in ${new Set(literals.map((found) => found.file)).size} files, ${problems.length} not proved safe`);
      expect(problems).toEqual([]);
    },
    CHECK_TIMEOUT_MS,
  );

  test(
    'the default span id pattern is safe',
    async () => {
      expect((await check(DEFAULT_ID_PATTERN, '', RECHECK_PARAMETERS)).status).toBe('safe');
    },
    CHECK_TIMEOUT_MS,
  );

  test('every regular expression built at run time has been reviewed', () => {
    const { dynamic } = collectAll();
    expect(dynamic.length).toBeGreaterThan(0);
    const unreviewed = dynamic
      .filter(({ file, construction }) => !(`${file} ${construction}` in REVIEWED_DYNAMIC))
      .map(({ file, line, construction }) => `${file}:${line} ${construction}`);
    expect(unreviewed).toEqual([]);
  });
});

/**
 * The patterns rewritten for linear time match what they matched before: these expectations are the output of
 * the code before the rewrite (f69a997^), including the cases where a captured prefix is put back (`$1`). The
 * one deliberate difference, not shown here: a docfx extension's bracketed text no longer holds a `[`, nor its
 * `(path)` a bracket (none of the 3,170 extensions in the corpus do).
 */
describe('the rewritten patterns keep their matches', () => {
  test.each([
    ['Siehe 1+http://example.com/a jetzt', 'Siehe 1+ jetzt'], // the scheme starts after `1+`, which stays
    ['Siehe x.http://example.com/a jetzt', 'Siehe jetzt'], // `x.http` is the scheme
    ['Siehe www.example.com jetzt', 'Siehe jetzt'],
    ['Hallo a*)!', 'Hallo a*)'], // `!` follows `)`; `)` follows `*`, neither letter, digit nor closing bracket
    ['Hallo (Welt)).', 'Hallo Welt'],
    ['Hallo f(x)).', 'Hallo f(x'],
    ['Hallo «Welt»!', 'Hallo Welt'],
    [':::image type="content" alt-text="Ein Bild" source="a.png":::', 'Ein Bild'],
    ['data-x="y" foo-bar="z" Text', 'Text'],
    ['[!INCLUDE[Name](../includes/a.md)] und [!NOTE] Text', 'und Text'],
    ['[!div class="x(y)"] Text', 'Text'],
  ])('translatableText(%j) is %j', (text, expected) => {
    expect(translatableText(text)).toBe(expected);
  });

  test('docfx extensions, quote and front matter keys', () => {
    const text = 'a [!INCLUDE[Name](p.md)] b [!code-json[x](y.json?range=1-2)] c [!Video https://x] [!div class="a"]';
    expect(docfxExtensionRanges(text).map(({ start, end }) => text.slice(start, end))).toEqual([
      '[!INCLUDE[Name](p.md)]',
      '[!code-json[x](y.json?range=1-2)]',
      '[!Video https://x]',
      '[!div class="a"]',
    ]);
    expect(quote('Ein Satz mit vielen Wörtern, der hier abgeschnitten wird, ;. und mehr', 30)).toBe('Ein Satz mit vielen Wörtern…');
    expect(quote('abc,,, ;;  def', 8)).toBe('abc…');
    expect(readFrontMatter('---\ntitle : A\nms.date:   1\n#x: 2\n key: 3\nauthor\t \t: me\n---\n').keyLines).toEqual({ title: 2, 'ms.date': 3, author: 6 });
  });
});

/**
 * Regular-expression work (calls and steps, counted by test/regexp-work.ts, not timed) for input size n and 10n.
 * The same figures on any machine, however busy.
 */
function growth<T>(build: (repetitions: number) => T, run: (input: T) => unknown, repetitions: number): Growth {
  const small = build(repetitions);
  const large = build(repetitions * 10);
  return growthOf(workOf(() => run(small)), workOf(() => run(large)));
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`n → 10n (regular-expression steps):\n${figures.join('\n')}`);
});

/** Linear growth multiplies the work by ~10, quadratic by ~100: steps and calls must grow less than 20 times. */
function expectLinear(name: string, result: Growth): void {
  const callRatio = result.large.calls / Math.max(1, result.small.calls);
  figures.push(`  ${name}: ${result.small.steps} → ${result.large.steps} (×${result.ratio.toFixed(2)}; calls ×${callRatio.toFixed(2)})`);
  expect({ name, steps: [result.small.steps, result.large.steps], stepsBelow20x: result.ratio < 20, callsBelow20x: callRatio < 20 }).toEqual(
    expect.objectContaining({ name, stepsBelow20x: true, callsBelow20x: true }),
  );
}

/** n; 10n is 20,000 (the work is counted, so a small n shows growth as well as a big one, in a fraction of the time). */
const REPETITIONS = 2_000;
const GROWTH_TIMEOUT_MS = 180_000;

describe('the step counter sees a rescan', () => {
  test('a loop that runs a regular expression over the rest of the text at each character is quadratic in steps', () => {
    const rescan = (text: string) => {
      for (let i = 0; i < text.length; i++) /x/.test(text.slice(i));
    };
    const linear = (text: string) => text.replace(/a/g, 'b');
    const quadratic = growth((n) => 'a'.repeat(n), rescan, REPETITIONS);
    expect(quadratic.ratio).toBeGreaterThan(90);
    expect(growth((n) => 'a'.repeat(n), linear, REPETITIONS).ratio).toBeLessThan(11);
  });
});

const parse = (text: string) => parseDocument({ path: '/hostile.md', relPath: 'hostile.md', locale: 'de-de', raw: Buffer.from(text) });

/**
 * Hostile Markdown: a piece repeated n times (or n characters and a tail).
 *
 * Not here, because the Markdown parser itself (micromark, not loc-lint's code) grows faster than linearly on
 * them: `](` and `]` runs (micromark-extension-gfm-footnote 2.1.0 walks back over every earlier event of the
 * paragraph at each `]`: 17 s for 50,000 `](`, 97 s for 100,000), `[![x]` runs and `> [!NOTE]` lines in one
 * blockquote (micromark's label handling). test/bench/hostile-markdown.mjs prints their figures; in a run,
 * parseTimeoutSeconds turns such a file into a parse-error.
 */
const documentShapes: Array<[string, (n: number) => string]> = [
  ['<span data-ttu-id="', (n) => '<span data-ttu-id="'.repeat(n)],
  ['<span ', (n) => '<span '.repeat(n)],
  ['[', (n) => '['.repeat(n)],
  ['![', (n) => '!['.repeat(n)],
  ['[!', (n) => '[!'.repeat(n)],
  ['<a href="', (n) => '<a href="'.repeat(n)],
  ['`', (n) => '`'.repeat(n)],
  ['{#', (n) => '{#'.repeat(n)],
  ['---\\n', (n) => '---\n'.repeat(n)],
  ['\\', (n) => '\\'.repeat(n)],
  ["'a' × n + '!'", (n) => `${'a'.repeat(n)}!`],
  // src/document/frontmatter.ts's key pattern rescanned a run of blanks once per character (14 s at 2n before the fix).
  ['front matter: a key line of n tabs and a #', (n) => `---\ntitle: x\na${'\t'.repeat(n)}#\n---\n\nText.\n`],
  ['front matter: n keys', (n) => `---\n${Array.from({ length: n }, (_, index) => `k${index}: v`).join('\n')}\n---\n\nText.\n`],
];

describe('parseDocument grows linearly on hostile Markdown (n = 2,000 and 20,000)', () => {
  test.each(documentShapes)(
    '%s',
    (name, build) => {
      expectLinear(`parseDocument ${name}`, growth(build, parse, REPETITIONS));
    },
    GROWTH_TIMEOUT_MS,
  );
});

/**
 * Hostile prose for the helpers the rules run on segments; each shape is recheck's attack on a pattern of
 * src/document/prose.ts before its fix (2n took 12 to 58 s then; the docfx one did not finish).
 */
const proseShapes: Array<[string, (n: number) => string]> = [
  ['docfx extension: [![](!])[]([)[]([(…', (n) => `[![](${'!])[]([)[]([('.repeat(n)}!]`],
  ['docfx extension: [![x]…', (n) => '[![x]'.repeat(n)],
  ['docfx extension: [![\\0…', (n) => '[![\u0000'.repeat(n)],
  ['attribute: ----…', (n) => '-'.repeat(n)],
  ['URL: WW.WW.…', (n) => `${'WW.'.repeat(n)}WW.WWW.`],
  ['URL: 1+1+…a://', (n) => `${'1+'.repeat(n)}a://x`],
  ['trailing punctuation: !)")"…', (n) => `!${')"'.repeat(n)}\u0000`],
  ['path: a/a/…', (n) => 'a/'.repeat(n)],
  ['Windows path: C:\\a\\a…', (n) => `C:${'\\a'.repeat(n)}`],
  ['words: a-a-…', (n) => 'a-'.repeat(n)],
];

describe('the prose helpers grow linearly on hostile text (n = 2,000 and 20,000)', () => {
  test.each(proseShapes)(
    '%s',
    (name, build) => {
      expectLinear(`translatableWords ${name}`, growth(build, (text) => translatableWords(text), REPETITIONS));
      expectLinear(`isTranslatable ${name}`, growth(build, (text) => isTranslatable(text, { skipNames: true }), REPETITIONS));
      expectLinear(`docfxExtensionRanges ${name}`, growth(build, (text) => docfxExtensionRanges(text), REPETITIONS));
    },
    GROWTH_TIMEOUT_MS,
  );

  test(
    'quote: a cut that ends in a long run of commas and a letter',
    () => {
      // One character shorter than the text, so quote cuts (without a space to cut at) and trims `[\s,;:.]+$`.
      const build = (n: number) => `x${','.repeat(n)}yz`;
      expectLinear('quote', growth(build, (text) => quote(text, text.length - 1), REPETITIONS));
    },
    GROWTH_TIMEOUT_MS,
  );
});

describe('link-mismatch grows linearly on hostile link targets', () => {
  test(
    'a link target with a run of n slashes before its last segment',
    async () => {
      // Its trailing-slash pattern rescanned the run once per slash before the fix.
      const pair = (n: number) => ({
        english: `[a](http://x/${'/'.repeat(n)}y/)\n`,
        translated: `[b](http://x/${'/'.repeat(n)}y/)\n`,
        rule: 'link-mismatch',
      });
      const result = growthOf(await workOfAsync(() => lintPair(pair(REPETITIONS))), await workOfAsync(() => lintPair(pair(REPETITIONS * 10))));
      expectLinear('link-mismatch slashes', result);
    },
    GROWTH_TIMEOUT_MS,
  );
});
