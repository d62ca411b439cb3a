/**
 * Localization metadata: where a translated page records what it was translated from.
 *
 * Documentation sites record the same facts under different front matter keys. A *profile* names them:
 * - `ms` (Microsoft Docs): `ms.openlocfilehash` (SHA-1 of the English bytes), `ms.sourcegitcommit`,
 *   `ms.lasthandoff`, `ms.contentlocale`; the English page's own date is `ms.date`;
 * - `mdn` (MDN translated-content): `l10n.sourceCommit` (a nested key);
 * - `hugo-commit` (OpenTelemetry and other Hugo sites): `default_lang_commit`;
 * - or a custom mapping in `.lintrc.json` (`"metadata": {"commit": "source_commit", …}`).
 *
 * With `"metadata": "auto"` (the default) each file's profile is detected from the keys it has, so a
 * repository that mixes conventions during a migration is still read correctly. A profile without a hash
 * leaves staleness to git history.
 */
import type { FrontMatter } from '../document/frontmatter.js';

/** The front matter keys of one convention. Dotted keys are looked up as written first, then as a path. */
export interface MetadataKeys {
  /** SHA-1 of the English file's raw bytes at handoff. */
  hash?: string;
  /** The English commit the translation was made from. */
  commit?: string;
  /** The handoff date (MM/DD/YYYY or YYYY-MM-DD). */
  handoff?: string;
  /** The locale the file says it is in. */
  locale?: string;
  /** In the English file: the date of its last change, when no git history is there. */
  englishDate?: string;
  /** Other keys whose presence says "this file is a localized page" (e.g. `ms.locfileid`). */
  markers?: string[];
}

export const PROFILES = {
  ms: {
    hash: 'ms.openlocfilehash',
    commit: 'ms.sourcegitcommit',
    handoff: 'ms.lasthandoff',
    locale: 'ms.contentlocale',
    englishDate: 'ms.date',
    markers: ['ms.locfileid'],
  },
  mdn: { commit: 'l10n.sourceCommit' },
  'hugo-commit': { commit: 'default_lang_commit' },
} as const satisfies Record<string, MetadataKeys>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/** `.lintrc.json` `"metadata"`: a profile name, `auto`, or a custom mapping. */
export type MetadataSetting = 'auto' | ProfileName | MetadataKeys;

/** One fact read from the front matter, with the key and line it came from (for messages and positions). */
export interface MetadataValue {
  key: string;
  value: string;
  line: number;
}

/** What a translated file says about its origin. */
export interface Localization {
  /** `ms`, `mdn`, `hugo-commit` or `custom`. */
  profile: string;
  keys: MetadataKeys;
  hash?: MetadataValue;
  commit?: MetadataValue;
  handoff?: MetadataValue;
  locale?: MetadataValue;
}

/** A front matter value by key: the key as written (`ms.date`), else as a dotted path (`l10n.sourceCommit`). */
export function lookup(data: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(data, key)) return data[key];
  let value: unknown = data;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A scalar as a trimmed string (YAML reads dates as Date and all-digit hashes as numbers). */
function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  return undefined;
}

function has(data: Record<string, unknown>, key: string | undefined): boolean {
  return key !== undefined && lookup(data, key) !== undefined;
}

function keysOf(setting: Exclude<MetadataSetting, 'auto'>): { profile: string; keys: MetadataKeys } {
  return typeof setting === 'string' ? { profile: setting, keys: PROFILES[setting] } : { profile: 'custom', keys: setting };
}

/** The profile a file's front matter follows, for `auto`: the first whose keys it has. */
export function detectProfile(data: Record<string, unknown>): ProfileName | undefined {
  return PROFILE_NAMES.find((name) => {
    const keys: MetadataKeys = PROFILES[name];
    return [keys.hash, keys.commit, keys.handoff, keys.locale, ...(keys.markers ?? [])].some((key) => has(data, key));
  });
}

/**
 * The localization facts of a translated file under the configured profile; undefined when the file carries
 * none of the profile's keys (a page that is not localized, such as a `TOC.md`).
 */
export function readLocalization(frontMatter: FrontMatter, setting: MetadataSetting = 'auto', text?: string): Localization | undefined {
  const { data, keyLines } = frontMatter;
  let chosen: { profile: string; keys: MetadataKeys };
  if (setting === 'auto') {
    const detected = detectProfile(data);
    if (!detected) return undefined;
    chosen = keysOf(detected);
  } else {
    chosen = keysOf(setting);
    const { keys } = chosen;
    if (![keys.hash, keys.commit, keys.handoff, keys.locale, ...(keys.markers ?? [])].some((key) => has(data, key))) return undefined;
  }
  const read = (key: string | undefined): MetadataValue | undefined => {
    if (!key) return undefined;
    const raw = lookup(data, key);
    if (raw === undefined) return undefined;
    // A nested key's line is the line of its top-level key: close enough to point at.
    const line = keyLines[key] ?? keyLines[key.split('.')[0]] ?? 1;
    // YAML reads an all-digit hash as a number (and loses digits) and a date as a Date: take what was written.
    const written = typeof raw === 'number' || raw instanceof Date ? writtenValue(text, keyLines[key], key) : undefined;
    return { key, value: written ?? scalar(raw) ?? '', line };
  };
  const { keys } = chosen;
  return {
    ...chosen,
    ...optional('hash', read(keys.hash)),
    ...optional('commit', read(keys.commit)),
    ...optional('handoff', read(keys.handoff)),
    ...optional('locale', read(keys.locale)),
  };
}

/** The value of `key: value` on a front matter line as written, without quotes or a trailing comment. */
function writtenValue(text: string | undefined, line: number | undefined, key: string): string | undefined {
  if (text === undefined || line === undefined) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return undefined;
    start = newline + 1;
  }
  const end = text.indexOf('\n', start);
  const content = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  if (!content.startsWith(key)) return undefined;
  let value = content.slice(key.length).replace(/^\s*:\s*/, '');
  const comment = value.search(/\s#/);
  if (comment !== -1) value = value.slice(0, comment);
  value = value.trim();
  return value.replace(/^(["'])(.*)\1$/, '$2') || undefined;
}

function optional<K extends string>(name: K, value: MetadataValue | undefined): Partial<Record<K, MetadataValue>> {
  return value ? ({ [name]: value } as Record<K, MetadataValue>) : {};
}

/** The English page's own last-change date key under a setting (`ms.date` for `ms` and `auto`). */
export function englishDateKey(setting: MetadataSetting = 'auto'): string | undefined {
  if (setting === 'auto') return PROFILES.ms.englishDate;
  return keysOf(setting).keys.englishDate;
}

/** JSON Schema of the `metadata` setting, for the configuration schema. */
export const metadataSchema = {
  description:
    'Where translated pages record their origin: "auto" (detect per file), "ms", "mdn", "hugo-commit", or a mapping of front matter keys.',
  oneOf: [
    { enum: ['auto', ...PROFILE_NAMES] },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        hash: { type: 'string', minLength: 1 },
        commit: { type: 'string', minLength: 1 },
        handoff: { type: 'string', minLength: 1 },
        locale: { type: 'string', minLength: 1 },
        englishDate: { type: 'string', minLength: 1 },
        markers: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
  ],
} as const;
