/**
 * Custom rules: `.lintrc.json` `"plugins": ["./rules/acme.mjs", "loc-lint-plugin-acme"]`.
 *
 * Each module default-exports a rule, or an array of rules. A rule is either made with the rule kit's
 * `defineRule(meta, check)` (`import { defineRule } from 'loc-lint/rule-kit'`), with the powers of a built-in rule:
 * its `meta` gives the id, the default severity, the options' JSON Schema (options in `.lintrc.json` are validated
 * against it) and default options; or a plain unified-lint-rule plugin made with
 * `lintRule('acme:no-todo', (tree, file, options) => …)`, whose id is the part of its origin after the colon
 * (`no-todo`), default severity `warn`, options passed on as written. Either way its severity and options are set
 * in `"rules"` like a built-in rule's. It runs on the translated
 * file's syntax tree, with the pair on `file.data.locLint` (see `PairData` in src/rule-kit/rule.ts: the translated and
 * English documents with their front matter, blocks and span segments, the alignment, the origin).
 *
 * A plugin is code: loading one runs it. Only modules the configuration names are loaded, resolved from the
 * configuration file's folder (a relative path, or a package in a `node_modules` folder at or above it).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, ruleSchemaProblems } from './config.js';
import type { LocRule } from '../rule-kit/rule.js';

const SEVERITIES = ['off', 'warn', 'error'];
const TYPES = ['problem', 'suggestion'];
const SCOPES = ['pair', 'orphan', 'missing'];

/** A rule made with the kit's `defineRule`: `{ meta, plugin }` (duck-typed: a plugin may import its own copy of the kit). */
function isKitRule(value: unknown): value is LocRule<any> {
  return typeof value === 'object' && value !== null && typeof (value as LocRule).meta === 'object' && typeof (value as LocRule).plugin === 'function';
}

/** What is wrong with a kit rule's `meta`, as `meta.field: problem` lines. */
function metaProblems(meta: Record<string, any>): string[] {
  const problems: string[] = [];
  if (meta === null || typeof meta !== 'object') return ['meta must be an object'];
  if (typeof meta.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/i.test(meta.id)) problems.push(`meta.id must be a rule id such as "no-todo", got ${JSON.stringify(meta.id)}`);
  if (!TYPES.includes(meta.type)) problems.push(`meta.type must be "problem" or "suggestion", got ${JSON.stringify(meta.type)}`);
  if (typeof meta.docs?.description !== 'string' || meta.docs.description === '') problems.push('meta.docs.description must be a non-empty string');
  if (meta.docs?.url !== undefined && typeof meta.docs.url !== 'string') problems.push('meta.docs.url must be a string');
  if (!SEVERITIES.includes(meta.defaultSeverity)) problems.push(`meta.defaultSeverity must be "off", "warn" or "error", got ${JSON.stringify(meta.defaultSeverity)}`);
  if (meta.scope !== undefined && !SCOPES.includes(meta.scope)) problems.push(`meta.scope must be "pair", "orphan" or "missing", got ${JSON.stringify(meta.scope)}`);
  if (meta.defaultOptions === null || typeof meta.defaultOptions !== 'object' || Array.isArray(meta.defaultOptions)) problems.push('meta.defaultOptions must be an object');
  else problems.push(...ruleSchemaProblems(meta.schema, meta.defaultOptions));
  return problems;
}

/** Where a plugin specifier leads: a file, or why it leads nowhere. */
export function resolvePlugin(specifier: string, baseDir: string): string | { problem: string } {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const file = path.resolve(baseDir, specifier);
    return isFile(file) ? file : { problem: `cannot find "${specifier}" (no file ${file})` };
  }
  // A package: CommonJS resolution first (works for packages with "main" or a "require"/"default" export),
  // then the "import" export of ESM-only packages, found in node_modules folders at or above baseDir.
  try {
    return createRequire(path.join(baseDir, 'noop.js')).resolve(specifier);
  } catch {
    // fall through to the ESM entry
  }
  const [scopeOrName, maybeName] = specifier.split('/');
  const name = scopeOrName.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName;
  const subpath = specifier.slice(name.length);
  for (let dir = path.resolve(baseDir); ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', name);
    const manifestFile = path.join(root, 'package.json');
    if (existsSync(manifestFile)) {
      const entry = esmEntry(JSON.parse(readFileSync(manifestFile, 'utf8')), subpath);
      const file = entry ? path.resolve(root, entry) : undefined;
      if (file && isFile(file)) return file;
      return { problem: `package "${name}" (${root}) has no entry point for "${specifier}"` };
    }
    if (path.dirname(dir) === dir) break;
  }
  return { problem: `cannot find package "${specifier}" in a node_modules folder at or above ${baseDir} (npm install it there)` };
}

/** The module file of an ESM package's entry: `exports` (import/default conditions), else `module` or `main`. */
function esmEntry(manifest: Record<string, unknown>, subpath: string): string | undefined {
  const key = subpath ? `.${subpath}` : '.';
  let target: unknown = manifest.exports;
  if (typeof target === 'object' && target !== null && !Array.isArray(target) && Object.keys(target).some((name) => name.startsWith('.'))) {
    target = (target as Record<string, unknown>)[key];
  } else if (key !== '.') target = undefined;
  for (let depth = 0; depth < 5 && typeof target === 'object' && target !== null; depth++) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.node ?? conditions.default;
  }
  if (typeof target === 'string') return target;
  if (key !== '.') return undefined;
  return typeof manifest.module === 'string' ? manifest.module : typeof manifest.main === 'string' ? manifest.main : 'index.js';
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Load the configured plugins as rules. Every problem (not found, fails to load, not a lint rule, an id that is
 * taken) is a configuration error with the JSON path of the entry.
 */
export async function loadPlugins(specifiers: unknown, baseDir: string, configPath: string, builtIn: LocRule<any>[]): Promise<LocRule<any>[]> {
  if (specifiers === undefined) return [];
  if (!Array.isArray(specifiers)) throw new ConfigError([`${configPath}: plugins: expected an array of module paths or package names`]);
  const problems: string[] = [];
  const loaded: LocRule<any>[] = [];
  const taken = new Map<string, string>(builtIn.map((rule) => [rule.meta.id, 'a built-in rule']));
  for (const [index, specifier] of specifiers.entries()) {
    const where = `${configPath}: plugins[${index}]`;
    if (typeof specifier !== 'string' || specifier === '') {
      problems.push(`${where}: expected a module path or package name, got ${JSON.stringify(specifier)}`);
      continue;
    }
    const resolved = resolvePlugin(specifier, baseDir);
    if (typeof resolved !== 'string') {
      problems.push(`${where}: ${resolved.problem}`);
      continue;
    }
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(resolved).href)) as { default?: unknown }).default;
    } catch (error) {
      problems.push(`${where}: "${specifier}" failed to load: ${(error as Error)?.message?.split('\n')[0] ?? error}`);
      continue;
    }
    const plugins = Array.isArray(exported) ? exported : [exported];
    if (plugins.length === 0) problems.push(`${where}: "${specifier}" exports no rules`);
    for (const plugin of plugins) {
      if (isKitRule(plugin)) {
        const problemsOfMeta = metaProblems(plugin.meta as unknown as Record<string, any>);
        if (problemsOfMeta.length > 0) {
          for (const problem of problemsOfMeta) problems.push(`${where}: "${specifier}": rule ${JSON.stringify(plugin.meta?.id ?? '?')}: ${problem}`);
          continue;
        }
        const id = plugin.meta.id;
        const owner = taken.get(id);
        if (owner) {
          problems.push(`${where}: rule "${id}" has the id of ${owner}`);
          continue;
        }
        taken.set(id, `rule "${id}" from "${specifier}"`);
        loaded.push({ meta: { ...plugin.meta, origin: specifier }, plugin: plugin.plugin });
        continue;
      }
      const origin = typeof plugin === 'function' ? plugin.name : '';
      const separator = origin.indexOf(':');
      if (typeof plugin !== 'function' || separator <= 0 || separator === origin.length - 1) {
        problems.push(`${where}: "${specifier}" must default-export unified-lint-rule plugins made with lintRule('plugin:rule-id', …) or rules made with defineRule from 'loc-lint/rule-kit' (or an array of them)`);
        continue;
      }
      const id = origin.slice(separator + 1);
      const owner = taken.get(id);
      if (owner) {
        problems.push(`${where}: rule "${id}" (${origin}) has the id of ${owner}`);
        continue;
      }
      taken.set(id, `${origin} from "${specifier}"`);
      loaded.push({
        meta: {
          id,
          type: 'problem',
          docs: { description: `${origin}: a custom rule from the plugin "${specifier}"` },
          defaultSeverity: 'warn',
          // Its options are the plugin's business: any JSON value, passed on as written.
          schema: {},
          defaultOptions: undefined,
          origin: specifier,
        },
        plugin: plugin as LocRule['plugin'],
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded;
}
