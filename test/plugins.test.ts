/**
 * Custom rules from `"plugins"`: unified-lint-rule plugins loaded from a path relative to the configuration
 * and from a package (an ESM-only one, with "exports"); ids from their origin, severity and options set like
 * built-in rules', the pair on `file.data.locLint`; every loading problem a configuration error. A plugin made
 * with the rule kit (`import { defineRule } from 'loc-lint/rule-kit'`, the built package export) gets what a
 * built-in rule gets: its default severity and options, options validated against its meta.schema, details.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './helpers.js';

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const NO_TODO = `
import { lintRule } from 'unified-lint-rule';
import { visit } from 'unist-util-visit';
/** Flags a word (option "word", default TODO) left in the translated text. */
export default lintRule('acme:no-todo', (tree, file, options) => {
  const word = options?.word ?? 'TODO';
  visit(tree, 'text', (node) => {
    if (node.value.includes(word)) file.message(\`"\${word}" left in the translation\`, node);
  });
});
`;

const PACKAGE = `
import { lintRule } from 'unified-lint-rule';
/** The English document and both front matters are on file.data.locLint. */
const sameTitle = lintRule('acme:same-title', (tree, file) => {
  const { translated, english, locale } = file.data.locLint;
  const title = translated.frontMatter.data.title;
  if (title && title === english.frontMatter.data.title) file.message(\`title is the English title (\${locale})\`, { line: 2, column: 1 });
});
const explodes = lintRule('acme:explodes', () => {
  throw new Error('boom');
});
export default [sameTitle, explodes];
`;

/** A repository whose node_modules holds unified-lint-rule (from this checkout) and an ESM-only plugin package. */
function repository(config: Record<string, unknown>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'node_modules'));
  for (const name of ['unified-lint-rule', 'unist-util-visit']) symlinkSync(path.resolve('node_modules', name), path.join(dir, 'node_modules', name));
  write(path.join(dir, 'node_modules', 'loc-lint-plugin-acme', 'package.json'), JSON.stringify({ name: 'loc-lint-plugin-acme', type: 'module', exports: { '.': { import: './lib/index.js' } } }));
  write(path.join(dir, 'node_modules', 'loc-lint-plugin-acme', 'lib', 'index.js'), PACKAGE);
  write(path.join(dir, 'lint-rules', 'acme.mjs'), NO_TODO);
  write(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-DE': 'de-de' }, ...config }));
  write(path.join(dir, 'en-us', 'page.md'), '---\ntitle: Install\n---\n# Install\n\nRun the installer.\n');
  write(path.join(dir, 'de-de', 'page.md'), '---\ntitle: Install\n---\n# Installieren\n\nTODO: FIXME übersetzen.\n');
  return dir;
}

interface JsonResult {
  messages: { ruleId: string; severity: number; line: number; message: string }[];
}

const PLUGINS = ['./lint-rules/acme.mjs', 'loc-lint-plugin-acme'];

describe('plugins', () => {
  test('rules from a relative path and from a package run with their configured severity and options', async () => {
    const dir = repository({ plugins: PLUGINS, rules: { 'no-todo': ['error', { word: 'FIXME' }], 'same-title': 'warn', explodes: 'off' } });
    const run = await cli(['check', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    const shown = result.messages.map((m) => `${m.line} ${m.ruleId} ${m.severity} ${m.message}`);
    expect(shown).toEqual(expect.arrayContaining(['2 same-title 1 title is the English title (de-DE)', '6 no-todo 2 "FIXME" left in the translation']));
    expect(shown.filter((line) => / (no-todo|same-title|explodes) /.test(line))).toHaveLength(2);
    expect(run.code).toBe(1);
    // SARIF describes them like built-in rules.
    const sarif = JSON.parse((await cli(['check', '-f', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(expect.arrayContaining(['no-todo', 'same-title', 'explodes']));
  });

  test('defaults: warn, options unset; a rule that throws is an internal error of that rule, the run goes on', async () => {
    const dir = repository({ plugins: PLUGINS });
    const run = await cli(['check', '-f', 'json'], { cwd: dir });
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    const shown = result.messages.map((m) => `${m.ruleId} ${m.severity} ${m.message}`);
    expect(shown).toEqual(expect.arrayContaining(['no-todo 1 "TODO" left in the translation', 'same-title 1 title is the English title (de-DE)']));
    expect(shown).toEqual(expect.arrayContaining([expect.stringMatching(/^parse-error 2 internal error in rule explodes: boom/)]));
  });

  test('every loading problem is a configuration error naming the entry', async () => {
    const problems = async (config: Record<string, unknown>, setup?: (dir: string) => void) => {
      const dir = repository(config);
      setup?.(dir);
      const run = await cli(['check'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      return run.stderr.replaceAll(path.join(dir, '.lintrc.json'), 'CONFIG').replaceAll(dir, 'DIR');
    };
    expect(await problems({ plugins: ['./missing.mjs'] })).toBe('loc-lint: configuration error: CONFIG: plugins[0]: cannot find "./missing.mjs" (no file DIR/missing.mjs)\n');
    expect(await problems({ plugins: ['loc-lint-plugin-nope'] })).toMatch(/plugins\[0\]: cannot find package "loc-lint-plugin-nope" in a node_modules folder at or above DIR/);
    expect(await problems({ plugins: ['./not-a-rule.mjs'] }, (dir) => write(path.join(dir, 'not-a-rule.mjs'), 'export default 42;\n'))).toMatch(
      /plugins\[0\]: "\.\/not-a-rule\.mjs" must default-export unified-lint-rule plugins/,
    );
    // (A syntax error would do too in Node; Jest's module runner cannot recover from one, so the module throws.)
    expect(await problems({ plugins: ['./broken.mjs'] }, (dir) => write(path.join(dir, 'broken.mjs'), "throw new Error('cannot start');\n"))).toMatch(
      /plugins\[0\]: "\.\/broken\.mjs" failed to load: cannot start/,
    );
    expect(
      await problems({ plugins: ['./clash.mjs'] }, (dir) =>
        write(path.join(dir, 'clash.mjs'), "import { lintRule } from 'unified-lint-rule';\nexport default lintRule('acme:link-mismatch', () => {});\n"),
      ),
    ).toMatch(/plugins\[0\]: rule "link-mismatch" \(acme:link-mismatch\) has the id of a built-in rule/);
    expect(await problems({ plugins: './lint-rules/acme.mjs' })).toMatch(/plugins: expected an array of module paths or package names/);
    // A misspelt plugin rule id gets a did-you-mean among the plugin's ids too.
    expect(await problems({ plugins: PLUGINS, rules: { 'no-todos': 'error' } })).toMatch(/rules\.no-todos: unknown rule "no-todos" \(did you mean "no-todo"\?\)/);
  });
});

/** A plugin written with the rule kit, as a plugin author would: `import … from 'loc-lint/rule-kit'` (the built kit). */
const KIT_RULE = `
import { defineRule } from 'loc-lint/rule-kit';
export default defineRule(
  {
    id: 'no-word',
    type: 'problem',
    docs: { description: 'the translation leaves no configured word in its text', url: 'https://example.com/rules/no-word' },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: { word: { type: 'string', minLength: 1 } } },
    defaultOptions: { word: 'TODO' },
  },
  (context) => {
    const { word } = context.options;
    const walk = (node) => {
      if (node.type === 'text' && node.value.includes(word)) {
        context.report({ message: \`"\${word}" left in the translation (\${context.locale})\`, place: node.position, details: { word }, subject: word });
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(context.tree);
  },
);
`;

const kit = path.resolve('dist', 'src', 'rule-kit', 'index.js');
const describeKit = existsSync(kit) ? describe : describe.skip;
if (!existsSync(kit)) console.warn(`rule-kit plugin tests SKIPPED: ${kit} is not built (run "npm run build")`);

interface KitResult {
  messages: { ruleId: string; severity: number; line: number; message: string; details?: Record<string, unknown> }[];
}

describeKit('a plugin made with the rule kit (loc-lint/rule-kit) has the powers of a built-in rule', () => {
  /** The repository of the tests above, with this package installed as `loc-lint` and the kit rule beside it. */
  function kitRepository(config: Record<string, unknown>, rule = KIT_RULE): string {
    const dir = repository({ plugins: ['./lint-rules/kit.mjs'], ...config });
    symlinkSync(path.resolve('.'), path.join(dir, 'node_modules', 'loc-lint'));
    write(path.join(dir, 'lint-rules', 'kit.mjs'), rule);
    return dir;
  }

  test('its default severity and default options apply; details and docs.url come through', async () => {
    const dir = kitRepository({});
    const run = await cli(['check', '-f', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    const [result] = JSON.parse(run.stdout) as KitResult[];
    const mine = result.messages.filter((m) => m.ruleId === 'no-word');
    expect(mine.map((m) => `${m.line} ${m.severity} ${m.message}`)).toEqual(['6 2 "TODO" left in the translation (de-DE)']);
    expect(mine[0].details).toEqual({ word: 'TODO' });
    expect(run.code).toBe(1);
    const sarif = JSON.parse((await cli(['check', '-f', 'sarif'], { cwd: dir })).stdout);
    const described = sarif.runs[0].tool.driver.rules.find((rule: { id: string }) => rule.id === 'no-word');
    expect(described).toMatchObject({ helpUri: 'https://example.com/rules/no-word', defaultConfiguration: { level: 'error' } });
  });

  test('configured options are merged with its defaults; severity is set like a built-in rule\'s', async () => {
    const run = await cli(['check', '-f', 'json'], { cwd: kitRepository({ rules: { 'no-word': ['warn', { word: 'FIXME' }] } }) });
    const [result] = JSON.parse(run.stdout) as KitResult[];
    expect(result.messages.filter((m) => m.ruleId === 'no-word').map((m) => `${m.severity} ${m.message}`)).toEqual(['1 "FIXME" left in the translation (de-DE)']);
  });

  test('options are validated against its meta.schema: a wrong option is a configuration error naming it', async () => {
    const wrongType = await cli(['check'], { cwd: kitRepository({ rules: { 'no-word': ['warn', { word: 3 }] } }) });
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toMatch(/rules\.no-word\[1\]\.word/);
    const unknown = await cli(['check'], { cwd: kitRepository({ rules: { 'no-word': ['warn', { wrod: 'FIXME' }] } }) });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/wrod/);
  });

  test('a kit rule whose meta is wrong is a configuration error naming the plugin and the field', async () => {
    const broken = KIT_RULE.replace("defaultSeverity: 'error'", "defaultSeverity: 'fatal'").replace("defaultOptions: { word: 'TODO' }", 'defaultOptions: { word: 7 }');
    const run = await cli(['check'], { cwd: kitRepository({}, broken) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/plugins\[0\]: "\.\/lint-rules\/kit\.mjs": rule "no-word": meta\.defaultSeverity must be "off", "warn" or "error"/);
    expect(run.stderr).toMatch(/meta\.defaultOptions\.word: must be string/);
  });
});
