/**
 * What the engine hands out: findings and per-file results (ESLint's shapes), their fingerprints, and the ids of
 * the findings the engine itself makes. A type module with small constructors: formats, the baseline, the cache
 * and the CLI read it without loading the linter.
 */
import { createHash } from 'node:crypto';
import type { Pair } from '../discover/discover.js';

export interface Finding {
  ruleId: string;
  /** 1: warning, 2: error (ESLint's numbers). */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  details?: Record<string, unknown>;
  /** A shorter form of the message for the terminal, when the rule gives one. */
  short?: string;
  /**
   * Identity of the finding that survives moved lines: a hash of the rule and what the finding is about.
   * Two findings with the same fingerprint in one file are the same kind of problem at two places.
   */
  fingerprint: string;
  /** Why a finding in `suppressedMessages` is there, when not because of the baseline (ESLint's shape). */
  suppressions?: Suppression[];
}

/** A suppression kind: a difference several translations of a page share (src/engine/shared-differences.ts). */
export const SHARED_DIFFERENCE = 'shared-difference';

export interface Suppression {
  kind: typeof SHARED_DIFFERENCE;
  justification: string;
}

export interface FileResult {
  /** Absolute path of the translated file. */
  filePath: string;
  /** Absolute path of its English sibling. */
  sourcePath: string;
  locale: string;
  relPath: string;
  messages: Finding[];
  /** Findings the baseline allows: not listed by the terminal formats and not counted (ESLint's name). */
  suppressedMessages?: Finding[];
  errorCount: number;
  warningCount: number;
  /** The translation's handoff date (`ms.lasthandoff`, YYYY-MM-DD) when it has a valid one, for reports. */
  handoff?: string;
  /**
   * Absent for a translated file linted against its English sibling. `missing`: an English file with no
   * translation in `locale` (`filePath` is the English file). `orphan`: a translated file with no
   * English sibling (`sourcePath` is where it would be); `link`: a symbolic link leading outside the roots.
   */
  kind?: 'orphan' | 'link' | 'missing';
}

export const PARSE_ERROR = 'parse-error';
/** Findings on symbolic links that lead outside the roots (never followed). */
export const OUTSIDE_LINK = 'symlink-outside-roots';

/** Collapse whitespace so that reflowing text does not change a fingerprint. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function fingerprintOf(ruleId: string, subject: string): string {
  return createHash('sha256').update(`${ruleId}\0${normalise(subject)}`).digest('hex').slice(0, 16);
}

/**
 * A rule that names no subject is fingerprinted by its message without numbers (line numbers and counts move)
 * and the text of the line it flags.
 */
export function fallbackSubject(message: string, lineText: string): string {
  return `${message.replace(/\d+/g, '#')}\n${lineText}`;
}

export function result(pair: Omit<Pair, 'sourcePath'> & { sourcePath: string }, messages: Finding[]): FileResult {
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return {
    filePath: pair.targetPath,
    sourcePath: pair.sourcePath,
    locale: pair.locale,
    relPath: pair.relPath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}

export function parseError(message: string, line = 1, column = 1): Finding {
  return { ruleId: PARSE_ERROR, severity: 2, message, line, column, fingerprint: fingerprintOf(PARSE_ERROR, message) };
}

