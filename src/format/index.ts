/**
 * The output formats. A format turns the results of a run into text; it knows nothing of how they were found.
 * A new format is one file in this folder and one line in `formats` below.
 */
import type { FormatName } from './names.js';
import type { Formatter } from './types.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';

export type { FormatContext, Formatter, RuleDescription, RunSummary } from './types.js';

/** One formatter per name in {@link FORMAT_NAMES} (the type makes a missing or extra one a compile error). */
export const formats: Record<FormatName, Formatter> = {
  stylish: (results, context) => formatStylish(results, context),
  json: (results) => formatJson(results),
  sarif: (results, context) => formatSarif(results, context),
  github: (results, context) => formatGithub(results, context),
  junit: (results, context) => formatJunit(results, context),
};
