/**
 * The types every format shares: what a formatter is given and returns. A type module, so that the formats and
 * their registry (index.ts) import it and never each other.
 */
import type { FileResult } from '../engine/findings.js';

/**
 * What a format needs to know of a rule (SARIF lists every rule with help text): the rule's `meta` fits it, but a
 * format never imports the rules or the rule kit.
 */
export interface RuleDescription {
  id: string;
  type?: 'problem' | 'suggestion';
  docs: { description: string; url?: string };
  defaultSeverity: 'off' | 'warn' | 'error';
  schema?: Record<string, unknown>;
}

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
  rules: RuleDescription[];
  /** loc-lint's version. */
  version: string;
  /** What the baseline did, when one was applied. */
  summary?: RunSummary;
}

export type Formatter = (results: FileResult[], context: FormatContext) => string;

