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
import { nearest } from '../util/suggest.js';

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
  /**
   * Every translated page records its source commit (`commit`): a page without one is a new page whose
   * staleness cannot be checked, not a page that needs no localization metadata (as `ms`'s `TOC.md` files do).
   */
  commitOnEveryPage?: boolean;
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
  // MDN's translated-content and OpenTelemetry's site give every translated page its source commit
  // (OpenTelemetry's scripts/check-i18n.sh lists a page without one as a "New i18n file").
  mdn: { commit: 'l10n.sourceCommit', commitOnEveryPage: true },
  'hugo-commit': { commit: 'default_lang_commit', commitOnEveryPage: true },
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
  // A nested key's own line (`  sourceCommit: …` of `l10n.sourceCommit`) names only its last part.
  const name = content.startsWith(key) ? key : /^[ \t]/.test(content) ? key.slice(key.lastIndexOf('.') + 1) : undefined;
  const indent = content.length - content.trimStart().length;
  if (name === undefined || !content.slice(indent).startsWith(name)) return undefined;
  let value = content.slice(indent + name.length).replace(/^\s*:\s*/, '');
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
        commitOnEveryPage: { type: 'boolean' },
      },
    },
  ],
} as const;

/** A source commit as git takes it: 4 to 64 hexadecimal digits (SHA-1 or SHA-256, full or abbreviated). */
export function isCommitHash(value: string): boolean {
  return /^[0-9a-f]{4,64}$/i.test(value);
}

/**
 * What is wrong with where, or how, a page records its source commit:
 * - `empty`: the key is there with no value (`default_lang_commit:`);
 * - `not-scalar`: the value is a list or a mapping;
 * - `blank`: a hash with a blank the key's reader keeps before or after it (a full-width space U+3000, a
 *   no-break space; YAML itself drops only ASCII blanks around a plain value);
 * - `not-hex`: the value is not 4–64 hexadecimal digits;
 * - `scalar-parent`: the parent of a nested key holds a value itself (`l10n: 5b20f5f4` for `l10n.sourceCommit`);
 * - `misspelt`: no commit key, but a key a few edits from it (`default_lang_comit`, `l10n.sourcecommit`).
 */
export interface CommitProblem {
  kind: 'empty' | 'not-scalar' | 'blank' | 'not-hex' | 'scalar-parent' | 'misspelt';
  /** The key as written (`l10n.sourcecommit` for a nested key). */
  key: string;
  /** The value as written, for the kinds that have one. */
  value?: string;
  /** `not-scalar`: `a list` or `a mapping`. */
  shape?: string;
  /** `blank`: the blank characters, and whether they come before or after the hash. */
  blank?: { characters: string; where: 'before' | 'after' | 'around'; hash: string };
  /** The line of the key (of a nested key, its own line when it has one). */
  line: number;
  /** The key the profile reads the source commit from. */
  expected: string;
  /** Whether staleness can still be checked (only around a `blank`: the hash inside is used). */
  checkable: boolean;
}

/** What a page says about its source commit beyond {@link Localization}: what is wrong, or that it records none. */
export interface SourceCommitCheck {
  problems: CommitProblem[];
  /**
   * The profile records a source commit on every page ({@link MetadataKeys.commitOnEveryPage}) and this page
   * records none (nor a hash, nor a near miss above): a new page, whose staleness cannot be checked. The key.
   */
  unrecorded?: string;
}

/** A blank a reader may not see around a hash: any Unicode white space (U+3000, U+00A0…) or a zero-width one. */
const BLANK = /^[\s\u200b-\u200d\u2060]$/;

/** How many characters of `text` from `start` (stepping by `step`) are blanks. */
function blanksFrom(text: string, start: number, step: 1 | -1): number {
  let count = 0;
  for (let index = start; index >= 0 && index < text.length && BLANK.test(text[index]); index += step) count++;
  return count;
}

/**
 * The source commit problems of a translated page's front matter under `setting`, given what
 * {@link readLocalization} read from it (`text` is the file's text, for values YAML turned into numbers).
 */
export function checkSourceCommit(frontMatter: FrontMatter, setting: MetadataSetting, localization: Localization | undefined, text?: string): SourceCommitCheck {
  const { data, keyLines } = frontMatter;
  const lineOf = (key: string) => keyLines[key] ?? keyLines[key.split('.')[0]] ?? 1;
  const recorded = localization?.commit;
  if (recorded) {
    const problem = valueProblem(lookup(data, recorded.key), recorded, lineOf(recorded.key));
    return { problems: problem ? [problem] : [] };
  }
  // No commit read: which key was meant? The detected or configured profile's, or under `auto` with nothing
  // detected, any profile's.
  const fixed = setting !== 'auto';
  const expectedKeys = localization
    ? [localization.keys.commit].filter((key): key is string => key !== undefined)
    : fixed
      ? [keysOf(setting).keys.commit].filter((key): key is string => key !== undefined)
      : PROFILE_NAMES.map((name) => (PROFILES[name] as MetadataKeys).commit).filter((key): key is string => key !== undefined);
  const problems: CommitProblem[] = [];
  for (const expected of expectedKeys) {
    const parentKey = expected.split('.')[0];
    if (expected.includes('.') && Object.prototype.hasOwnProperty.call(data, parentKey) && !Object.prototype.hasOwnProperty.call(data, expected)) {
      const parent = data[parentKey];
      const value = scalar(parent);
      const isMapping = parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !(parent instanceof Date);
      // Under `auto` another site may use the name for something else: only a value that looks like a commit.
      if (!isMapping && (fixed || (value !== undefined && isCommitHash(value)))) {
        const written = typeof parent === 'number' || parent instanceof Date ? writtenValue(text, keyLines[parentKey], parentKey) : undefined;
        problems.push({ kind: 'scalar-parent', key: parentKey, value: written ?? value ?? '', line: lineOf(parentKey), expected, checkable: false });
        continue;
      }
    }
    for (const key of writtenKeys(data)) {
      if (key === expected || nearest(key, [expected]) === undefined) continue;
      problems.push({ kind: 'misspelt', key, line: lineOf(key), expected, checkable: false });
    }
  }
  if (problems.length > 0 || !fixed || localization?.hash) return { problems };
  const keys = keysOf(setting).keys;
  return keys.commitOnEveryPage && keys.commit ? { problems, unrecorded: keys.commit } : { problems };
}

/** The top-level keys and the keys of top-level mappings (`l10n.sourceCommit`): where a commit key may be written. */
function writtenKeys(data: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    keys.push(key);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const child of Object.keys(value)) keys.push(`${key}.${child}`);
    }
  }
  return keys;
}

/** What is wrong with a recorded commit's value (`raw` as YAML read it), if anything. */
function valueProblem(raw: unknown, recorded: MetadataValue, line: number): CommitProblem | undefined {
  const base = { key: recorded.key, line, expected: recorded.key };
  if (raw === null || raw === undefined || raw === '') return { ...base, kind: 'empty', checkable: false };
  if (typeof raw === 'object' && !(raw instanceof Date)) return { ...base, kind: 'not-scalar', shape: Array.isArray(raw) ? 'a list' : 'a mapping', checkable: false };
  // As written: a string as YAML kept it (blanks and all); a number or date as the file spells it.
  const written = typeof raw === 'string' ? raw : recorded.value;
  const before = written.slice(0, blanksFrom(written, 0, 1));
  const after = before.length === written.length ? '' : written.slice(written.length - blanksFrom(written, written.length - 1, -1));
  const hash = written.slice(before.length, written.length - after.length);
  if (hash === '') return { ...base, kind: 'empty', value: written, checkable: false };
  if (!isCommitHash(hash)) return { ...base, kind: 'not-hex', value: written, checkable: false };
  if (before || after) {
    const where = before && after ? 'around' : before ? 'before' : 'after';
    // The value read is trimmed of white space, not of zero-width characters: only a clean hash can be looked up.
    return { ...base, kind: 'blank', value: written, blank: { characters: before + after, where, hash }, checkable: isCommitHash(recorded.value) };
  }
  return undefined;
}
