/**
 * Linted files are untrusted (CI lints contributors' pull requests), so no regular expression may take
 * super-linear time on them. Two kinds of evidence:
 *
 * 1. Static: every regular expression written in src/ and rules/ (literals and `new RegExp('literal')`, found with
 *    the TypeScript compiler API) is proved safe by recheck, a ReDoS checker (automata theory, or fuzzing with
 *    step counting where the automaton cannot be built, e.g. for lookbehinds). Regular expressions built at run
 *    time are listed below with the reason each is safe; a new one fails the test until it is reviewed.
 * 2. Dynamic: hostile inputs of n and 2n repetitions through the public functions (parseDocument, the prose
 *    helpers, link-mismatch); the time must grow about linearly (ratio ~2; quadratic would be ~4). This is a
 *    growth check with generous bounds, not a speed target (those live in test/bench/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { check, type Diagnostics } from 'recheck';
import { DEFAULT_ID_PATTERN } from '../rules/missing-span-id.js';

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
  'src/prose.ts new RegExp(`(?<![\\\\p{L}\\\\p{N}_])(?:${alternatives.join(\'|\')})(?![\\\\p{L}\\\\p{N}_])`, \'giu\')':
    'ignoreTerms: literal alternatives',
  // Configuration, not linted files: the `ignore` patterns of link-mismatch and `idPattern` of missing-span-id
  // come from .lintrc.json; the default idPattern is checked below.
  'rules/link-mismatch.ts new RegExp(pattern)': 'configured ignore pattern',
  'rules/missing-span-id.ts new RegExp(pattern)': 'configured idPattern (default checked below)',
  // Compiled only to tell whether a configured pattern is valid; never run on text.
  'src/config.ts new RegExp(value)': 'validity check of a configured pattern',
};

// recheck answers through a native helper process; 116 expressions take ~8 s in a row on this machine.
const CHECK_TIMEOUT_MS = 300_000;

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
      // The docfx-extension pattern src/prose.ts had before this test existed: exponential.
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
      const verdicts = await Promise.all(literals.map(async (found) => ({ found, diagnostics: await check(found.source, found.flags) })));
      const problems = verdicts.filter(({ diagnostics }) => diagnostics.status !== 'safe').map(({ found, diagnostics }) => verdictLine(found, diagnostics));
      console.log(`recheck: ${verdicts.length} regular expressions in ${new Set(literals.map((found) => found.file)).size} files, ${problems.length} not proved safe`);
      expect(problems).toEqual([]);
    },
    CHECK_TIMEOUT_MS,
  );

  test(
    'the default span id pattern is safe',
    async () => {
      expect((await check(DEFAULT_ID_PATTERN, '')).status).toBe('safe');
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
