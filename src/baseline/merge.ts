/**
 * `loc-lint merge FILE…`: the outputs of a sharded run (`--shard i/n --format json|sarif`) put back together, so
 * that one job can report and gate on the whole set with the same exit-code rules as `check`.
 *
 * JSON is loc-lint's own (ESLint-style) output. SARIF is read back from the properties loc-lint writes on each
 * result (locale, sourcePath, relPath) and its fingerprints; SARIF from other tools is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult, Finding } from '../engine/findings.js';

export class MergeError extends Error {}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finding(value: unknown, where: string): Finding {
  if (!isObject(value) || typeof value.ruleId !== 'string' || typeof value.message !== 'string' || !Number.isInteger(value.line)) {
    throw new MergeError(`${where}: not a loc-lint finding`);
  }
  return {
    ruleId: value.ruleId,
    severity: value.severity === 2 ? 2 : 1,
    message: value.message,
    line: value.line,
    column: Number.isInteger(value.column) ? value.column : 1,
    ...(Number.isInteger(value.endLine) ? { endLine: value.endLine, endColumn: value.endColumn } : {}),
    ...(isObject(value.details) ? { details: value.details } : {}),
    fingerprint: typeof value.fingerprint === 'string' ? value.fingerprint : '',
  };
}

function counted(result: Omit<FileResult, 'errorCount' | 'warningCount'>): FileResult {
  return {
    ...result,
    errorCount: result.messages.filter((message) => message.severity === 2).length,
    warningCount: result.messages.filter((message) => message.severity === 1).length,
  };
}

function fromJson(value: unknown[], file: string): FileResult[] {
  return value.map((entry, index) => {
    const where = `${file}: entry ${index + 1}`;
    if (!isObject(entry) || typeof entry.filePath !== 'string' || !Array.isArray(entry.messages)) {
      throw new MergeError(`${where}: not a loc-lint JSON result (expected filePath and messages)`);
    }
    return counted({
      filePath: entry.filePath,
      sourcePath: typeof entry.sourcePath === 'string' ? entry.sourcePath : '',
      locale: typeof entry.locale === 'string' ? entry.locale : '',
      relPath: typeof entry.relPath === 'string' ? entry.relPath : path.basename(entry.filePath),
      messages: entry.messages.map((message: unknown, n: number) => finding(message, `${where}, message ${n + 1}`)),
      suppressedMessages: Array.isArray(entry.suppressedMessages)
        ? entry.suppressedMessages.map((message: unknown, n: number) => finding(message, `${where}, suppressed message ${n + 1}`))
        : [],
    });
  });
}

/**
 * SARIF holds only files with findings (clean files of a shard are not in it), and no suppressed findings: their
 * count is in `run.properties.baselineSuppressed`, which `readResults` returns beside the results.
 */
function fromSarif(log: Record<string, any>, file: string): { results: FileResult[]; suppressed: number } {
  let suppressed = 0;
  const byFile = new Map<string, Omit<FileResult, 'errorCount' | 'warningCount'>>();
  for (const [runIndex, run] of (Array.isArray(log.runs) ? log.runs : []).entries()) {
    if (run?.tool?.driver?.name !== 'loc-lint') throw new MergeError(`${file}: run ${runIndex + 1} was not made by loc-lint`);
    const bases: Record<string, { uri?: string }> = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    if (Number.isInteger(run.properties?.baselineSuppressed)) suppressed += run.properties.baselineSuppressed;
    for (const [index, result] of (Array.isArray(run.results) ? run.results : []).entries()) {
      const where = `${file}: run ${runIndex + 1}, result ${index + 1}`;
      const location = result?.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri;
      if (typeof uri !== 'string' || typeof result.ruleId !== 'string') throw new MergeError(`${where}: no ruleId or location`);
      const base = bases[location.artifactLocation.uriBaseId]?.uri;
      const filePath = base ? fileURLToPath(new URL(uri, base)) : path.resolve(path.dirname(file), decodeURIComponent(uri));
      const properties = isObject(result.properties) ? result.properties : {};
      const region = location.region ?? {};
      // properties.sourcePath is a plain relative path (not a URI): `#` and `%` in names stay as they are.
      const resolve = (relative: unknown) => (typeof relative === 'string' && base ? path.resolve(fileURLToPath(base), relative) : '');
      const entry =
        byFile.get(filePath) ??
        byFile
          .set(filePath, {
            filePath,
            sourcePath: resolve(properties.sourcePath),
            locale: typeof properties.locale === 'string' ? properties.locale : '',
            relPath: typeof properties.relPath === 'string' ? properties.relPath : path.basename(filePath),
            messages: [],
            suppressedMessages: [],
          })
          .get(filePath)!;
      const converted: Finding = {
        ruleId: result.ruleId,
        severity: result.level === 'error' ? 2 : 1,
        message: String(result.message?.text ?? ''),
        line: Number.isInteger(region.startLine) ? region.startLine : 1,
        column: Number.isInteger(region.startColumn) ? region.startColumn : 1,
        ...(Number.isInteger(region.endLine) ? { endLine: region.endLine, endColumn: region.endColumn } : {}),
        ...(isObject(properties.details) ? { details: properties.details } : {}),
        fingerprint: String(result.partialFingerprints?.primaryLocationLineHash ?? '').split(':')[0],
      };
      entry.messages.push(converted);
    }
  }
  return { results: [...byFile.values()].map(counted), suppressed };
}

/** Read one shard's output, JSON or SARIF, with the number of findings its baseline suppressed. */
export function readResults(file: string): { results: FileResult[]; suppressed: number } {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MergeError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`}`);
  }
  if (Array.isArray(value)) {
    const results = fromJson(value, file);
    return { results, suppressed: results.reduce((sum, result) => sum + (result.suppressedMessages?.length ?? 0), 0) };
  }
  if (isObject(value) && value.version === '2.1.0' && Array.isArray(value.runs)) return fromSarif(value, file);
  throw new MergeError(`${file}: neither loc-lint JSON (an array) nor SARIF 2.1.0`);
}

/**
 * Merge shards' results in the order `check` gives (locale, then path). A file that appears in two inputs
 * (the same shard given twice) is kept once.
 */
export function mergeResults(inputs: FileResult[][]): { results: FileResult[]; duplicates: number } {
  const byFile = new Map<string, FileResult>();
  let duplicates = 0;
  for (const results of inputs) {
    for (const result of results) {
      if (byFile.has(result.filePath)) duplicates++;
      else byFile.set(result.filePath, result);
    }
  }
  const results = [...byFile.values()].sort((a, b) =>
    a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0,
  );
  for (const result of results) result.messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { results, duplicates };
}
