// The project lints itself (npm run lint): ESLint's and typescript-eslint's recommended rules (syntax only, not
// type-aware: `npm run typecheck` does the types) and eslint-plugin-regexp's recommended rules, which check
// regular expressions at lint time (super-linear backtracking, contradictions, duplicates) on top of
// test/redos.test.ts. Rules turned off or down below say why on their line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'example/', '.loc-lint-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    // Off: the code carries `no-console` disables from before this configuration; printing in tests and scripts is intended.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // `any` is intentional at the boundaries with untyped values (plugins, JSON options, unified's VFile data).
      '@typescript-eslint/no-explicit-any': 'off',
      // A leading underscore names a value left out on purpose (`const { a: _a, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Style only (no change to what a pattern matches or how fast): not worth rewriting patterns that are
      // proven by test/redos.test.ts and by byte-identical output on the corpus.
      'regexp/use-ignore-case': 'off', // [A-Za-z] stays explicit rather than a flag that also changes other parts
      'regexp/prefer-d': 'off', // [0-9] is ASCII digits as written
      'regexp/no-obscure-range': 'off', // the ASCII punctuation ranges (!-/ :-@ [-` {-~) are the usual spelling
      'regexp/control-character-escape': 'off', // \u000b and \u000c in a list of \u escapes read as the list
      'regexp/negation': 'off', // [^\p{L}] and \P{L} are the same
      'regexp/no-unused-capturing-group': 'off', // groups kept for readability and for .replace callbacks
      'regexp/prefer-character-class': 'off',
      'regexp/no-useless-non-capturing-group': 'off',
      'regexp/match-any': 'off', // [^] (any character, newlines included) is intended where it is used
    },
  },
  {
    // TypeScript checks names itself (and knows the DOM in src/report/html-client.ts, which runs in a browser).
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
