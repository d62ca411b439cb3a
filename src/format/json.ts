/**
 * ESLint-compatible JSON: an array with one entry per linted translated file.
 * Extra fields (`sourcePath`, `locale`, `details`) are additions ESLint consumers ignore.
 */
import type { FileResult } from '../engine.js';

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      sourcePath: result.sourcePath,
      locale: result.locale,
      relPath: result.relPath,
      messages: result.messages,
      errorCount: result.errorCount,
      warningCount: result.warningCount,
    })),
  );
}
