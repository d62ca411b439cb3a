/**
 * The layout's import rules (.dependency-cruiser.cjs), checked by dependency-cruiser: no import cycle (type-only
 * imports included), rules import only the rule kit, the document model knows no engine or rules, the engine no
 * CLI, formats no rules, and the early stages of the flow never import the later ones.
 *
 * The second test proves the rules bite: a small tree that breaks each of them gets each rule's violation.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

const depcruise = path.resolve('node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = path.resolve('.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string, folders: string[]): Violation[] {
  const output = execFileSync(process.execPath, [depcruise, ...folders, '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

test('src/ and rules/ keep the layout: no cycle, no import against the flow', () => {
  const violations = cruise(process.cwd(), ['src', 'rules']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  expect(violations).toEqual([]);
}, 60_000);

test('each import rule reports a tree that breaks it', () => {
  const dir = tempDir();
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    'src/rule-kit/index.ts': "export const kit = 1;\n",
    'src/document/document.ts': "import { run } from '../engine/run.js';\nexport const doc = run;\n",
    'src/engine/run.ts': "import { main } from '../cli/cli.js';\nexport const run = main;\n",
    'src/cli/cli.ts': 'export const main = 1;\n',
    'rules/bad.ts': "import { doc } from '../src/document/document.js';\nimport { kit } from '../src/rule-kit/index.js';\nexport default [doc, kit];\n",
    'src/format/a.ts': "import type { B } from './b.js';\nimport bad from '../../rules/bad.js';\nexport type A = B | typeof bad;\n",
    'src/format/b.ts': "import type { A } from './a.js';\nexport type B = A | 1;\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  let violations: Violation[] = [];
  try {
    violations = cruise(dir, ['src', 'rules']);
  } catch (error) {
    // depcruise exits non-zero when it finds errors; its JSON is still on stdout.
    violations = (JSON.parse((error as { stdout: string }).stdout) as { summary: { violations: Violation[] } }).summary.violations;
  }
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  expect(found).toEqual(
    expect.arrayContaining([
      'document-knows-no-engine-or-rules: src/document/document.ts → src/engine/run.ts',
      'engine-knows-no-cli: src/engine/run.ts → src/cli/cli.ts',
      'formats-know-no-rules: src/format/a.ts → rules/bad.ts',
      'lower-layers-know-no-upper: src/document/document.ts → src/engine/run.ts',
      'no-cycle: src/format/a.ts → src/format/b.ts',
      'rules-import-only-the-kit: rules/bad.ts → src/document/document.ts',
    ]),
  );
  // The kit's entry point is allowed.
  expect(found.some((line) => line.includes('→ src/rule-kit/index.ts'))).toBe(false);
}, 60_000);
