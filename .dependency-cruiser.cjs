/**
 * The import rules of loc-lint's layout (README: "How it is built"), checked by dependency-cruiser in the test
 * suite (test/architecture.test.ts). Type-only imports count: a cycle through types is still a cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle anywhere, type-only imports included: shared types live in type modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-import-only-the-kit',
      comment: 'A rule imports loc-lint only through the rule kit (src/rule-kit/index.ts), as a plugin rule does.',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^src/', pathNot: '^src/rule-kit/index\\.ts$' },
    },
    {
      name: 'document-knows-no-engine-or-rules',
      comment: 'The document model reads one file; it knows nothing of the engine, the rule kit or the rules.',
      severity: 'error',
      from: { path: '^src/document/' },
      to: { path: '^(src/engine/|src/rule-kit/|src/cli/|rules/)' },
    },
    {
      name: 'engine-knows-no-cli',
      comment: 'The engine lints; the command line, its arguments and its output belong to src/cli.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'formats-know-no-rules',
      comment: 'A format renders findings; it never imports a rule.',
      severity: 'error',
      from: { path: '^src/(format|report)/' },
      to: { path: '^(rules/|src/rule-kit/)' },
    },
    {
      name: 'lower-layers-know-no-upper',
      comment: 'config, discover, document and git come before the engine in the flow and never import it, the formats, the report or the CLI.',
      severity: 'error',
      from: { path: '^src/(config|discover|document|git|util)/' },
      to: { path: '^src/(engine|format|report|cli|baseline)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
