/**
 * SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 *
 * One run. `tool.driver.rules` lists every rule loc-lint has (and `parse-error`), whether or not it found anything,
 * so that code scanning can tell "ran and found nothing" (and close fixed alerts) from "not run". Each result
 * points at the translated file by a URI relative to `%SRCROOT%` (the working directory, given in
 * `originalUriBaseIds`), so the log is the same on every machine and matches the repository's paths.
 * `partialFingerprints.primaryLocationLineHash` is the finding's fingerprint (rule + what it is about, never the
 * line) and its ordinal among findings of the same fingerprint in the file, so an alert keeps its identity when
 * lines are inserted above it. `properties` carries locale, English sibling and relative path, which is what
 * `loc-lint merge` reads back.
 *
 * Findings the baseline suppressed are left out: GitHub code scanning does not honour SARIF `suppressions`
 * and would open an alert for each of them (see github/codeql-action#1230). Their count is in `run.properties`.
 * GitHub rejects a run with more than 25,000 results; with a baseline only new findings count toward that.
 *
 * `multitool validate` (the SARIF SDK's validator, also with its GitHub ingestion rules, `--rule-kind Sarif;Gh`)
 * reports no errors and no warnings for this output; what remains are notes (messages as text rather than
 * message ids and arguments, no snippets or embedded file contents, rule ids not of the form `AB1234`), which are
 * suggestions that do not apply to a linter of prose. `run.artifacts` is not needed by either and is left out.
 *
 * Built as a plain object typed with `@types/sarif` rather than with node-sarif-builder: that library sets only
 * ids, descriptions, levels, messages and regions, so everything code scanning needs beyond them (`help`,
 * `name`, `defaultConfiguration`, `partialFingerprints`, `uriBaseId`, `originalUriBaseIds`, `properties`) would be
 * written into its objects by hand anyway; its build step adds `run.artifacts` whose locations lack the
 * `uriBaseId` of the results that index them; and it refuses to serialise a log in which any text contains
 * "SARIF_BUILDER_INVALID", which a linted file can put into a message.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { OUTSIDE_LINK, PARSE_ERROR, type FileResult, type Finding } from '../engine/findings.js';
import type { FormatContext, RuleDescription } from './types.js';
import { safeJson } from '../util/escape.js';

export const INFORMATION_URI = 'https://github.com/loc-lint/loc-lint';
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** GitHub cuts descriptions at 1024 characters and names at 255. */
const MAX_DESCRIPTION = 1024;

type RuleInfo = RuleDescription;

const PARSE_ERROR_META: RuleInfo = {
  id: PARSE_ERROR,
  type: 'problem',
  docs: { description: 'The translated file or its English sibling can be read and parsed as UTF-8 Markdown with valid front matter', url: `${INFORMATION_URI}#${PARSE_ERROR}` },
  defaultSeverity: 'error',
};

const OUTSIDE_LINK_META: RuleInfo = {
  id: OUTSIDE_LINK,
  type: 'problem',
  docs: { description: 'Symbolic links in the roots lead inside the roots (links leading outside, or nowhere, are not followed)', url: `${INFORMATION_URI}#${OUTSIDE_LINK}` },
  defaultSeverity: 'warn',
};

/** `path` relative to `cwd` with `/` separators, unchanged otherwise (for properties). */
export function relativePath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/** `path` relative to `cwd` as a relative URI reference: each segment percent-encoded (spaces, `#`, `%`, non-ASCII). */
export function relativeUri(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).map(encodeURIComponent).join('/');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `link-mismatch` → `LinkMismatch`: the "friendly name" SARIF asks for (a Pascal-case identifier). */
function friendlyName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function levelOf(severity: RuleInfo['defaultSeverity']): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : 'warning';
}

function optionNames(meta: RuleInfo): string[] {
  const properties = (meta.schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

/** What the rule checks, how to fix a finding, and how to turn the rule off or accept what is there. */
function help(meta: RuleInfo, helpUri: string | undefined): { text: string; markdown: string } {
  const options = optionNames(meta);
  const isParseError = meta.id === PARSE_ERROR || meta.id === OUTSIDE_LINK;
  const checks = sentence(meta.docs.description);
  const fix = meta.id === OUTSIDE_LINK
    ? 'Replace the link with the file itself, or point it inside the English or translated roots. Links are never followed, so the page behind it is not linted.'
    : isParseError
    ? 'Fix the file so that it can be read: UTF-8 text (not binary), with front matter that is closed by `---` and is valid YAML or JSON. The message says what is wrong.'
    : "Fix the translated file so that it meets this check against its English sibling; the message says what differs and where the English is. If the English changed, update the translation (and its localization metadata).";
  const ignore = isParseError
    ? 'This check cannot be turned off. To accept the findings that exist now and fail only on new ones, run `loc-lint baseline` and commit `.loc-lint-baseline.json`.'
    : `To change its severity or turn it off, set \`"rules": { "${meta.id}": "warn" }\` (or \`"off"\`) in \`.lintrc.json\`. To accept the findings that exist now and fail only on new ones, run \`loc-lint baseline\` and commit \`.loc-lint-baseline.json\`.`;
  const optionLine = options.length > 0 ? `Options: ${options.map((name) => `\`${name}\``).join(', ')} (\`"rules": { "${meta.id}": ["error", { … }] }\`).` : '';
  const plain = (markdown: string) => markdown.replace(/`/g, '');
  const paragraphs = [checks, fix, ignore, optionLine].filter(Boolean);
  return {
    text: [...paragraphs.map(plain), ...(helpUri ? [`Documentation: ${helpUri}`] : [])].join('\n\n'),
    markdown: [`**${meta.id}**: ${checks}`, ...paragraphs.slice(1), ...(helpUri ? [`[Documentation](${helpUri})`] : [])].join('\n\n'),
  };
}

function descriptor(meta: RuleInfo): Sarif.ReportingDescriptor {
  // The rule's documentation page (docs/rules/<id>.md for built-in rules; a plugin rule's own, if it gives one).
  const helpUri = meta.docs.url;
  const enabled = meta.defaultSeverity !== 'off';
  return {
    id: meta.id,
    name: clip(friendlyName(meta.id), 255),
    shortDescription: { text: clip(meta.docs.description, MAX_DESCRIPTION) },
    fullDescription: { text: clip(sentence(meta.docs.description), MAX_DESCRIPTION) },
    help: help(meta, helpUri),
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: enabled ? { level: levelOf(meta.defaultSeverity) } : { enabled: false, level: 'warning' },
    properties: {
      tags: ['localization'],
      ...(enabled ? { 'problem.severity': meta.defaultSeverity === 'error' ? 'error' : 'warning' } : {}),
    },
  };
}

/** A rule id found in results but unknown to this version of loc-lint (results merged from another version). */
function unknownRule(id: string): RuleInfo {
  return { id, docs: { description: `The loc-lint rule ${id}` }, defaultSeverity: 'warn' };
}

function region(finding: Finding): Sarif.Region {
  const hasEnd = finding.endLine !== undefined && finding.endColumn !== undefined;
  return {
    startLine: finding.line,
    startColumn: finding.column,
    endLine: hasEnd ? finding.endLine : finding.line,
    endColumn: hasEnd ? finding.endColumn : finding.column,
  };
}

export function buildSarif(results: FileResult[], context: FormatContext): Sarif.Log {
  const metas: RuleInfo[] = [...context.rules];
  for (const engineMeta of [PARSE_ERROR_META, OUTSIDE_LINK_META]) if (!metas.some((meta) => meta.id === engineMeta.id)) metas.push(engineMeta);
  const indexOf = new Map(metas.map((meta, index) => [meta.id, index]));
  for (const result of results) {
    for (const finding of result.messages) {
      if (!indexOf.has(finding.ruleId)) {
        indexOf.set(finding.ruleId, metas.length);
        metas.push(unknownRule(finding.ruleId));
      }
    }
  }

  const sarifResults: Sarif.Result[] = [];
  for (const result of results) {
    const uri = relativeUri(context.cwd, result.filePath);
    const seen = new Map<string, number>();
    for (const finding of result.messages) {
      const ordinal = (seen.get(finding.fingerprint) ?? 0) + 1;
      seen.set(finding.fingerprint, ordinal);
      sarifResults.push({
        ruleId: finding.ruleId,
        ruleIndex: indexOf.get(finding.ruleId)!,
        level: finding.severity === 2 ? 'error' : 'warning',
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: region(finding) } }],
        partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint}:${ordinal}` },
        properties: {
          locale: result.locale,
          ...(result.sourcePath ? { sourcePath: relativePath(context.cwd, result.sourcePath) } : {}),
          relPath: result.relPath,
          ...(finding.details ? { details: finding.details } : {}),
        },
      });
    }
  }

  const root = pathToFileURL(context.cwd).href;
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'loc-lint',
        version: context.version,
        informationUri: INFORMATION_URI,
        rules: metas.map(descriptor),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: root.endsWith('/') ? root : `${root}/` } },
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
    ...(context.summary ? { properties: { baselineSuppressed: context.summary.suppressed, baselineFixed: context.summary.fixed } } : {}),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function formatSarif(results: FileResult[], context: FormatContext): string {
  return `${safeJson(JSON.stringify(buildSarif(results, context), null, 2))}\n`;
}
