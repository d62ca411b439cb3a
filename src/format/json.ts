/**
 * ESLint-compatible JSON: an array with one entry per linted translated file.
 * Extra fields (`sourcePath`, `locale`, `relPath`, `details`, `fingerprint`) are additions ESLint consumers ignore.
 * `suppressedMessages` holds the findings the baseline allowed, as ESLint's does for its suppressions.
 */
import type { FileResult } from '../engine/findings.js';
import { safeJson } from '../util/escape.js';

export function formatJson(results: FileResult[]): string {
  return safeJson(JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      sourcePath: result.sourcePath,
      locale: result.locale,
      relPath: result.relPath,
      messages: result.messages,
      suppressedMessages: result.suppressedMessages ?? [],
      errorCount: result.errorCount,
      warningCount: result.warningCount,
    })),
  ));
}
