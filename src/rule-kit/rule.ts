/**
 * How a loc-lint rule is written: a unified-lint-rule plugin plus ESLint-style `meta`.
 *
 * A rule sees one translated file (its tree, with the pair on `file.data.locLint`) and reports through
 * `context.report`. It knows nothing of the command line or of output formats.
 */
import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Block, LocDocument, Range, SpanSegment } from '../document/document.js';
import type { Alignment } from '../document/align.js';
import type { Origin } from '../git/origin.js';

export type Severity = 'off' | 'warn' | 'error';

export interface RuleMeta<Options> {
  /** The rule id, as written in `.lintrc.json` and in findings. */
  id: string;
  /** `problem`: the page is wrong for readers; `suggestion`: it could be better. */
  type: 'problem' | 'suggestion';
  docs: { description: string };
  defaultSeverity: Severity;
  /** JSON Schema of the options object (the second item of `[severity, options]`). */
  schema: Record<string, unknown>;
  defaultOptions: Options;
  /**
   * What the rule looks at: `pair` (the default) a translated file with its English sibling; `orphan` a
   * translated file whose English sibling does not exist (`english` is then an empty document); `missing` an
   * English file with no translation in a locale (`translated` is then the English file, `english` empty).
   */
  scope?: 'pair' | 'orphan' | 'missing';
  /**
   * The rule's findings depend on today's date, not only on the files (`--cache` then keys results by the day).
   */
  usesClock?: boolean;
  /** For a custom rule: the plugin module it comes from, as configured. Absent for built-in rules. */
  origin?: string;
}

/** What the engine puts on `file.data.locLint` for every pair. */
export interface PairData {
  locale: string;
  /** The translated document (the file being linted). */
  translated: LocDocument;
  /** The English sibling, shared between all locales. */
  english: LocDocument;
  /** Blocks of the translation aligned with blocks of the English sibling. */
  alignment: Alignment;
  /** Path of the English file as shown to users (relative to the working directory). */
  englishDisplayPath: string;
  /** Every locale name of the run, for normalising locale segments in URLs. */
  locales: string[];
  /** The clock, injectable for tests. */
  now: Date;
  /**
   * Where the translation comes from: its localization metadata (per the configured profile) and, with git
   * history, the English file's last change and what changed since the recorded source commit.
   */
  origin: Origin;
  /** Set for an English file with no translation in `locale` (rules with `scope: 'missing'`). */
  missing?: {
    /** Where the translation should be, as shown to users. */
    expectedPath: string;
  };
  /** Set for a translated file with no English sibling (rules with `scope: 'orphan'`). */
  orphan?: {
    /** An English file the page was probably moved or renamed to, relative to the English root. */
    similar?: string;
  };
}

declare module 'vfile' {
  interface DataMap {
    locLint: PairData;
  }
}

export interface Report {
  message: string;
  place?: Range;
  /** Machine-readable facts about the finding (kept in JSON output). */
  details?: Record<string, unknown>;
  /**
   * What the finding is about, independent of where it is: a segment id, a link target, normalised text.
   * Baselines and SARIF fingerprints are built from it so that a finding keeps its identity when lines move.
   * Without it the engine uses the message and the text of the flagged line.
   */
  subject?: string;
  /** A shorter message for the terminal (stylish), when the full one is long; JSON keeps both. */
  short?: string;
}

export interface RuleContext<Options> extends PairData {
  options: Options;
  tree: Root;
  report(report: Report): void;
  /** `path:line` of an English location, for messages. */
  englishAt(place: Range | undefined): string;
}

export interface LocRule<Options = unknown> {
  meta: RuleMeta<Options>;
  /** The unified plugin; attach with `[severity, options]`. */
  plugin: ReturnType<typeof lintRule<Root, Options>>;
}

export type { Block, SpanSegment };

/** Whether the configuration leaves `rule` on: its configured severity, or its default, is not `off`. */
export function isEnabled(rule: LocRule<any>, configured: Record<string, { severity: Severity } | undefined>): boolean {
  return (configured[rule.meta.id]?.severity ?? rule.meta.defaultSeverity) !== 'off';
}

export function defineRule<Options extends object>(
  meta: RuleMeta<Options>,
  check: (context: RuleContext<Options>) => void,
): LocRule<Options> {
  const plugin = lintRule<Root, Options>({ origin: `loc-lint:${meta.id}` }, (tree: Root, file: VFile, options?: Options) => {
    const data = file.data.locLint;
    if (!data) throw new Error(`loc-lint rule ${meta.id} ran without pair data`);
    const context: RuleContext<Options> = {
      ...data,
      tree,
      options: { ...meta.defaultOptions, ...(options ?? {}) },
      report({ message, place, details, subject, short }) {
        const vmessage = file.message(message, place ? { place: { start: place.start, end: place.end } } : undefined);
        if (details) Object.assign(vmessage, { details });
        if (subject !== undefined) Object.assign(vmessage, { subject });
        if (short !== undefined) Object.assign(vmessage, { short });
      },
      englishAt(place) {
        return place ? `${data.englishDisplayPath}:${place.start.line}` : data.englishDisplayPath;
      },
    };
    check(context);
  });
  return { meta, plugin };
}
