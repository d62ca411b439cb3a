/**
 * The engine's entry point for the CLI and the tests: the run (files, git, cache, workers) and what it returns.
 */
export { lintPairs, type LintOptions } from './run.js';
export { fingerprintOf, OUTSIDE_LINK, PARSE_ERROR, type FileResult, type Finding } from './findings.js';
