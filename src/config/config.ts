/**
 * Configuration: find `.lintrc.json`, validate it, and resolve it into absolute roots and rule settings.
 *
 * Every problem is collected and reported at once, each naming the JSON path of the bad key
 * (`rules.link-mismatch[1].foo`), what was expected, and a did-you-mean where a name was misspelt.
 * The CLI turns a ConfigError into exit code 2.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { didYouMean } from '../util/suggest.js';
import { isDirectory } from '../util/files.js';
import type { LocRule, Severity } from '../rule-kit/rule.js';
export { didYouMean };
import { metadataSchema, PROFILE_NAMES, type MetadataSetting } from './metadata.js';
import { DIALECT_NAMES, type DialectName } from '../document/dialect.js';

export { CONFIG_FILE } from './file-names.js';
import { CONFIG_FILE } from './file-names.js';
/**
 * 40 times the largest page of the NuGet docs (about 100 KB), and room for 100,000 span elements (2.3 MB);
 * remark needs seconds and about 0.5 GB of memory per MB of dense Markdown.
 */
export const DEFAULT_MAX_FILE_SIZE_MB = 4;
/** Real pages parse in milliseconds (the largest NuGet page, 100 KB, in about 0.3 s); 10 s is only ever hostile input. */
export const DEFAULT_PARSE_TIMEOUT_SECONDS = 10;

export interface TargetRoot {
  locale: string;
  /** Absolute folder holding this locale's files. */
  root: string;
}

export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The configuration file, when there is one. */
  configPath?: string;
  /** The folder paths are relative to. */
  baseDir: string;
  /** Absolute English root. */
  sourceRoot: string;
  /** The English root's locale name (its folder name when that is a locale, else `en-us`). */
  sourceLocale: string;
  targets: TargetRoot[];
  include: string[];
  /** Files larger than this (in MiB) are not parsed: they get one parse-error finding. */
  maxFileSizeMB: number;
  /** A file whose Markdown takes longer than this to parse gets one parse-error finding. */
  parseTimeoutSeconds: number;
  /** Use the English root's git history (staleness since the source commit, last-change dates). */
  git: boolean;
  /** Modules with custom rules, as configured (loaded by src/config/plugins.ts before the configuration is resolved). */
  plugins: string[];
  exclude: string[];
  /** Settings of every known rule, defaults filled in. */
  rules: Record<string, RuleSetting>;
  /** Where translated pages record their origin (src/config/metadata.ts); `auto` detects it per file. */
  metadata: MetadataSetting;
  /** The site's dialect (src/document/dialect.ts); `auto` is detected from the English files when the run starts. */
  dialect: DialectName | 'auto';
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const SEVERITIES = ['off', 'warn', 'error'] as const;
const SEVERITY_NUMBERS: Record<number, Severity> = { 0: 'off', 1: 'warn', 2: 'error' };

/** The JSON Schema of `.lintrc.json` for the given rules (also what editors use through `"$schema"`). */
export function configSchema(rules: LocRule<any>[]): Record<string, unknown> {
  const severity = { oneOf: [{ enum: [...SEVERITIES] }, { enum: [0, 1, 2] }] };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    ruleProperties[rule.meta.id] = {
      description: rule.meta.docs.description,
      oneOf: [severity, { type: 'array', items: [severity, rule.meta.schema], minItems: 1, maxItems: 2 }],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'loc-lint configuration (.lintrc.json)',
    type: 'object',
    additionalProperties: false,
    required: ['source', 'targets'],
    properties: {
      $schema: { type: 'string' },
      source: { type: 'string', minLength: 1, description: 'The English root folder, relative to this file.' },
      targets: {
        description: 'Translated roots: an object of locale → folder, or a pattern with {locale}.',
        oneOf: [
          { type: 'string', pattern: '\\{locale\\}' },
          { type: 'object', minProperties: 1, additionalProperties: { type: 'string', minLength: 1 } },
        ],
      },
      include: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs within the roots.' },
      maxFileSizeMB: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Files larger than this many MiB are not parsed (remark needs about 0.5 GB of memory per MB); they get a parse-error finding.',
      },
      parseTimeoutSeconds: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'A file whose Markdown takes longer than this to parse (pathological input) gets a parse-error finding.',
      },
      exclude: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs within the roots to leave out.' },
      git: {
        type: 'boolean',
        description: "Use the English root's git history when it is a git work tree: what changed since each translation's source commit, and last-change dates (default true).",
      },
      rules: { type: 'object', properties: ruleProperties, additionalProperties: false },
      metadata: metadataSchema,
      dialect: {
        enum: ['auto', ...DIALECT_NAMES],
        description:
          'The documentation system the site is built with: what its heading ids, template calls (MDN macros, Hugo shortcodes) and links mean. "auto" (the default) detects it from the English files.',
      },
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: "Modules with custom rules (made with loc-lint/rule-kit's defineRule, or unified-lint-rule plugins): paths relative to this file, or package names.",
      },
    },
  };
}

/** `/rules/link-mismatch/1/foo` → `rules.link-mismatch[1].foo` */
export function jsonPath(segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || '(top level)';
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeAjvError(error: ErrorObject, base: (string | number)[], knownKeys: (segments: string[]) => string[]): string {
  const segments = [...base, ...pointerSegments(error.instancePath)];
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = knownKeys(segments.map(String));
      return `${jsonPath([...segments, key])}: unknown key "${key}"${didYouMean(key, known)}`;
    }
    case 'required':
      return `${jsonPath(segments)}: missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'type':
      return `${jsonPath(segments)}: expected ${String((error.params as { type: string }).type).split(',').join(' or ')}`;
    case 'format': {
      if ((error.params as { format: string }).format === 'regex') {
        const given = String(error.data);
        return `${jsonPath(segments)}: ${JSON.stringify(given)} is not a valid regular expression (${regexProblem(given) ?? 'invalid'})`;
      }
      return `${jsonPath(segments)}: ${error.message ?? 'is not valid'}`;
    }
    case 'enum':
      return `${jsonPath(segments)}: expected one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${jsonPath(segments)}: ${error.message ?? 'is not valid'}`;
  }
}

// verbose: errors carry the offending value (`error.data`), for messages that quote it.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
// Options that are regular expressions say `"format": "regex"`: a pattern that does not compile is a
// configuration error with its path, found before any file is linted.
ajv.addFormat('regex', (value: string) => regexProblem(value) === undefined);

/**
 * What is wrong with a plugin rule's options schema and default options, checked with the same ajv as the
 * configuration: `meta.schema` must compile, and `meta.defaultOptions` must be valid options. Empty when nothing is.
 */
export function ruleSchemaProblems(schema: unknown, defaultOptions: unknown): string[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return ['meta.schema must be a JSON Schema object'];
  let validate;
  try {
    validate = ajv.compile(schema as Record<string, unknown>);
  } catch (error) {
    return [`meta.schema is not a valid JSON Schema: ${(error as Error).message}`];
  }
  if (validate(defaultOptions ?? {})) return [];
  return (validate.errors ?? []).map((error) => `meta.defaultOptions${error.instancePath.replaceAll('/', '.')}: ${error.message ?? 'is not valid'}`);
}

function regexProblem(value: string): string | undefined {
  try {
    new RegExp(value);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

function validateTopLevel(raw: unknown, rules: LocRule<any>[]): string[] {
  const schema = configSchema(rules);
  // The rules object is checked separately below, rule by rule, for clearer messages.
  const properties = { ...(schema.properties as Record<string, unknown>), rules: { type: 'object' } };
  const validate = ajv.compile({ ...schema, properties });
  if (validate(raw)) return [];
  const topKeys = Object.keys(properties);
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'if');
  // oneOf on `targets` reports each branch's failure; keep one clear message instead.
  const messages = new Set<string>();
  for (const error of errors) {
    if (error.instancePath.startsWith('/targets')) {
      messages.add('targets: expected an object of locale → folder (e.g. {"de-DE": "de-de"}) or a pattern string containing {locale}');
      continue;
    }
    if (error.instancePath === '/metadata' || error.instancePath.startsWith('/metadata/')) {
      const message = metadataProblem(error, (raw as Record<string, unknown>).metadata);
      if (message) messages.add(message);
      continue;
    }
    messages.add(describeAjvError(error, [], () => topKeys));
  }
  return [...messages];
}

const METADATA_KEYS = Object.keys(metadataSchema.oneOf[1].properties);
/** The keys of a mapping that name front matter keys (`commitOnEveryPage` is a flag). */
const METADATA_KEY_NAMES = METADATA_KEYS.filter((key) => key !== 'commitOnEveryPage');

/**
 * One clear message for a bad `metadata` (its oneOf reports each branch's failure): a misspelt profile name, or
 * the mapping's own problems (unknown keys with a did-you-mean, values that are not key names).
 */
function metadataProblem(error: ErrorObject, value: unknown): string | undefined {
  const isMapping = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isMapping) {
    if (error.keyword !== 'enum') return undefined;
    const names = ['auto', ...PROFILE_NAMES];
    const guess = typeof value === 'string' ? didYouMean(value, names) : '';
    return `metadata: expected ${names.map((name) => JSON.stringify(name)).join(', ')} or an object mapping ${METADATA_KEY_NAMES.join('/')} to front matter keys, got ${JSON.stringify(value)}${guess}`;
  }
  // The mapping's problems; the profile-name branch's "expected string" says nothing here.
  if (error.instancePath === '/metadata' && (error.keyword === 'enum' || error.keyword === 'type')) return undefined;
  if (error.keyword === 'minProperties') return `metadata: a mapping needs at least one of ${METADATA_KEY_NAMES.join(', ')}`;
  return describeAjvError(error, [], () => METADATA_KEYS);
}

function parseSeverity(value: unknown): Severity | undefined {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  if (typeof value === 'number' && value in SEVERITY_NUMBERS) return SEVERITY_NUMBERS[value];
  return undefined;
}

function validateRules(raw: unknown, rules: LocRule<any>[], problems: string[]): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) settings[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: { ...rule.meta.defaultOptions } };
  if (raw === undefined) return settings;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('rules: expected an object of rule id → "off" | "warn" | "error" | [severity, options]');
    return settings;
  }
  const ids = rules.map((rule) => rule.meta.id);
  const severityHelp = 'expected "off", "warn", "error" (or 0, 1, 2)';
  for (const [id, value] of Object.entries(raw)) {
    const rule = rules.find((candidate) => candidate.meta.id === id);
    if (!rule) {
      problems.push(`rules.${id}: unknown rule "${id}"${didYouMean(id, ids)}`);
      continue;
    }
    const entry = Array.isArray(value) ? value : [value];
    if (entry.length < 1 || entry.length > 2) {
      problems.push(`rules.${id}: expected a severity or [severity, options]`);
      continue;
    }
    const severity = parseSeverity(entry[0]);
    if (!severity) {
      problems.push(`${Array.isArray(value) ? `rules.${id}[0]` : `rules.${id}`}: ${severityHelp}, got ${JSON.stringify(entry[0])}`);
      continue;
    }
    const options = entry[1] ?? {};
    const validate = ajv.compile(rule.meta.schema);
    if (!validate(options)) {
      const optionNames = Object.keys((rule.meta.schema.properties as Record<string, unknown>) ?? {});
      for (const error of validate.errors ?? []) {
        if (error.keyword === 'if') continue; // its `then` branch's own error says what is wrong
        problems.push(describeAjvError(error, ['rules', id, 1], () => optionNames));
      }
      continue;
    }
    // A plugin's rule (no defaultOptions) gets its options as written; a built-in rule's fill in the defaults.
    settings[id] = {
      severity,
      options: rule.meta.defaultOptions === undefined ? entry[1] : { ...rule.meta.defaultOptions, ...(options as Record<string, unknown>) },
    };
  }
  return settings;
}

/** Language subtags that are real languages: `fr`, `de-de`, `zh-hans`, `sr-latn-rs`; not `docs`, `api` or `bin`. */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
export function isLocaleName(name: string): boolean {
  if (!/^[a-z]{2}(-[a-z0-9]{2,8}){0,3}$/i.test(name) && !/^[a-z]{3}(-[a-z0-9]{2,8}){1,3}$/i.test(name)) return false;
  try {
    const language = name.split('-')[0].toLowerCase();
    return languageNames.of(language)?.toLowerCase() !== language;
  } catch {
    return false;
  }
}

function resolveTargets(targets: unknown, baseDir: string, sourceRoot: string, problems: string[]): TargetRoot[] {
  if (typeof targets === 'object' && targets !== null) {
    return Object.entries(targets as Record<string, string>).map(([locale, folder]) => {
      const root = path.resolve(baseDir, folder);
      if (!isDirectory(root)) problems.push(`targets.${locale}: folder "${folder}" does not exist (resolved to ${root})`);
      return { locale, root };
    });
  }
  const pattern = String(targets);
  const absolute = path.resolve(baseDir, pattern);
  const parent = path.dirname(absolute);
  const name = path.basename(absolute);
  if (!name.includes('{locale}') || path.dirname(pattern).includes('{locale}')) {
    problems.push(`targets: the pattern "${pattern}" must have {locale} in its last folder name`);
    return [];
  }
  const [prefix, suffix] = name.split('{locale}');
  let entries: string[] = [];
  try {
    entries = readdirSync(parent);
  } catch {
    problems.push(`targets: folder "${path.dirname(pattern)}" of the pattern "${pattern}" does not exist (resolved to ${parent})`);
    return [];
  }
  const found: TargetRoot[] = [];
  for (const entry of entries.sort()) {
    if (!entry.startsWith(prefix) || !entry.endsWith(suffix) || entry.length <= prefix.length + suffix.length) continue;
    const locale = entry.slice(prefix.length, entry.length - suffix.length);
    const root = path.join(parent, entry);
    if (!isLocaleName(locale) || root === sourceRoot || !isDirectory(root)) continue;
    found.push({ locale, root });
  }
  if (found.length === 0) problems.push(`targets: the pattern "${pattern}" matches no locale folder in ${parent}`);
  return found;
}


/** Validate and resolve a parsed configuration object. Throws ConfigError with every problem found. */
export function resolveConfig(raw: unknown, baseDir: string, rules: LocRule<any>[], configPath?: string): ResolvedConfig {
  const where = configPath ? `${configPath}: ` : '';
  const problems = validateTopLevel(raw, rules);
  const object = (raw ?? {}) as Record<string, unknown>;
  const ruleSettings = validateRules(object.rules, rules, problems);
  if (problems.length) throw new ConfigError(problems.map((problem) => where + problem));
  const sourceRoot = path.resolve(baseDir, object.source as string);
  if (!isDirectory(sourceRoot)) problems.push(`source: folder "${object.source}" does not exist (resolved to ${sourceRoot})`);
  const targets = resolveTargets(object.targets, baseDir, sourceRoot, problems);
  if (problems.length) throw new ConfigError(problems.map((problem) => where + problem));
  const sourceName = path.basename(sourceRoot);
  return {
    configPath,
    baseDir,
    sourceRoot,
    sourceLocale: isLocaleName(sourceName) ? sourceName : 'en-us',
    targets,
    include: (object.include as string[] | undefined) ?? ['**/*.md'],
    maxFileSizeMB: (object.maxFileSizeMB as number | undefined) ?? DEFAULT_MAX_FILE_SIZE_MB,
    parseTimeoutSeconds: (object.parseTimeoutSeconds as number | undefined) ?? DEFAULT_PARSE_TIMEOUT_SECONDS,
    git: (object.git as boolean | undefined) ?? true,
    plugins: (object.plugins as string[] | undefined) ?? [],
    exclude: (object.exclude as string[] | undefined) ?? [],
    rules: ruleSettings,
    metadata: (object.metadata as MetadataSetting | undefined) ?? 'auto',
    dialect: (object.dialect as DialectName | 'auto' | undefined) ?? 'auto',
  };
}

/** Position of a JSON.parse failure as line:column, from the offset Node reports. */
function jsonErrorLocation(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return '';
  const offset = Number(match[1]);
  const before = text.slice(0, offset).split('\n');
  return `:${before.length}:${before[before.length - 1].length + 1}`;
}

export function loadConfig(configPath: string, rules: LocRule<any>[]): ResolvedConfig {
  return resolveConfig(readConfigJson(configPath), path.dirname(configPath), rules, configPath);
}

/** The configuration file's JSON (not yet validated); invalid JSON is a ConfigError with line and column. */
export function readConfigJson(configPath: string): unknown {
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new ConfigError([`${configPath}: cannot read the configuration file (${(error as NodeJS.ErrnoException).code ?? error})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = (error as Error).message.replace(/^JSON\.parse: /, '');
    throw new ConfigError([`${configPath}${jsonErrorLocation(text, error as Error)}: invalid JSON: ${reason}`]);
  }
  return raw;
}

/** `.lintrc.json` in `cwd` or the nearest folder above it. */
export function findConfig(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
