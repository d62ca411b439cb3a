/**
 * The files loc-lint finds or writes by default, in a module of their own: `--help` names them without loading
 * the configuration or baseline code.
 */
export const CONFIG_FILE = '.lintrc.json';
export const BASELINE_FILE = '.loc-lint-baseline.json';
/** The `--cache` folder, beside the configuration file (the repository's root, usually). */
export const CACHE_FOLDER = '.loc-lint-cache';
