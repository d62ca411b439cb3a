/**
 * Two tiers (Jest projects), the same settings for both:
 * - fast: the edit loop (`npm run test:fast`), unit and rule tests in this process;
 * - slow: scale and ReDoS tests, the built CLI, bundle, start-up, sandbox, worker pool and cache runs (they spawn
 *   dist/), git histories, the corpus, the HTML report in a browser, the SARIF validator and property runs.
 * `npm test` runs both.
 */
const SLOW = [
  'anchor-mismatch', // 100,000 anchors and links through the engine; the corpus
  'architecture', // dependency-cruiser over the whole tree
  'bundle', // spawns dist/bin
  'cache-run', // spawns dist/ with workers
  'code-mismatch', // 100,000 code spans through the engine; the corpus
  'corpus', // the real documentation
  'diff', // git histories
  'format-sarif', // Microsoft's SARIF validator (.NET)
  'git-staleness', // git histories
  'history', // git histories
  'hostile-input', // 10 MB files, 100,000 spans, a parse stopped by its timeout
  'number-mismatch', // 100,000 numbers through the engine; the corpus
  'plugins', // the built rule kit
  'pool', // worker threads of the built CLI
  'properties', // fast-check: generated files through every rule
  'redos', // recheck over every pattern; growth on hostile input
  'report-html', // headless Chromium
  'rules-on-seeds', // the corpus seeds, one injected defect at a time
  'sandbox', // the built CLI under Node's permission model
  'stale-segment-git', // git histories; alignments of 25,000 blocks
  'staged', // git index and processes
  'startup', // the built CLI's start-up
];

const base = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

const slowMatch = SLOW.map((name) => `<rootDir>/test/${name}.test.ts`);

const fast = { ...base, displayName: 'fast', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: SLOW.map((name) => `/test/${name}\\.test\\.ts$`) };
const slow = { ...base, displayName: 'slow', testMatch: slowMatch };

// `npm run test:fast` sets LOC_LINT_TIER=fast rather than passing --selectProjects, which would swallow a test
// path given after it (`npm run test:fast -- test/cli.test.ts`).
export default { projects: process.env.LOC_LINT_TIER === 'fast' ? [fast] : [fast, slow] };
