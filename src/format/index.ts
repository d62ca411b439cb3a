/**
 * The output formats. A format turns the results of a run into text; it knows nothing of how they were found.
 * A new format is one file in this folder and one line in `formats` below.
 */
import type { FileResult } from '../engine.js';
import type { RuleMeta } from '../rule.js';
import type { FormatName } from './names.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';

export interface RunSummary {
  /** Findings hidden because the baseline allows them. */
  suppressed: number;
  /** Baselined findings that are gone (candidates for `loc-lint baseline --prune`). */
  fixed: number;
}

export interface FormatContext {
  /** Folder that relative paths in the output are relative to (the working directory). */
  cwd: string;
  color: boolean;
  /** Metadata of every rule that can appear in the results (SARIF lists them). */
  rules: RuleMeta<unknown>[];
  /** loc-lint's version. */
  version: string;
  /** What the baseline did, when one was applied. */
  summary?: RunSummary;
}

export type Formatter = (results: FileResult[], context: FormatContext) => string;

/** One formatter per name in {@link FORMAT_NAMES} (the type makes a missing or extra one a compile error). */
export const formats: Record<FormatName, Formatter> = {
  stylish: (results, context) => formatStylish(results, context),
  json: (results) => formatJson(results),
  sarif: (results, context) => formatSarif(results, context),
  github: (results, context) => formatGithub(results, context),
  junit: (results, context) => formatJunit(results, context),
};
