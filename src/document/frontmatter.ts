/**
 * Front matter: the YAML block between `---` fences at the top of a page, read with gray-matter.
 *
 * Linted files are untrusted. gray-matter picks an engine from the word after the opening fence (`---js`,
 * `---coffee`), and its JavaScript engine evaluates code. Only YAML and JSON are accepted here; every other
 * language becomes an error, never an evaluation.
 */
import matter from 'gray-matter';

export interface FrontMatter {
  /** True when the file opens with a front matter fence. */
  present: boolean;
  /** The parsed keys; `{}` when absent or invalid. */
  data: Record<string, unknown>;
  /** 1-based line of each top-level key, for pointing findings at it. */
  keyLines: Record<string, number>;
  /** 1-based line of the closing fence (0 when absent). */
  endLine: number;
  /** Why the front matter could not be read, when it could not. */
  error?: string;
}

const refuse = (language: string) => () => {
  throw new Error(refuseMessage(language));
};

const safeEngines = {
  javascript: refuse('javascript'),
  js: refuse('js'),
  coffee: refuse('coffee'),
  coffeescript: refuse('coffeescript'),
  cson: refuse('cson'),
  toml: refuse('toml'),
};

const FENCE_LANGUAGE = /^---([A-Za-z]*)[ \t]*$/;

/** Line number (1-based) of the closing fence, scanning line by line from the opening one. */
function closingFenceLine(lines: string[]): number {
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '---' || line === '...') return i + 1;
  }
  return 0;
}

export function readFrontMatter(text: string): FrontMatter {
  const absent: FrontMatter = { present: false, data: {}, keyLines: {}, endLine: 0 };
  // Hugo's TOML front matter (`+++` fences): refused like every language but YAML and JSON, not read as text.
  if (/^\+\+\+[ \t]*\r?\n/.test(text)) {
    const lines = text.split('\n');
    const close = lines.findIndex((line, index) => index > 0 && line.replace(/\r$/, '').trimEnd() === '+++');
    return { present: true, data: {}, keyLines: {}, endLine: close === -1 ? 0 : close + 1, error: refuseMessage('toml') };
  }
  if (!text.startsWith('---')) return absent;
  const firstLineEnd = text.indexOf('\n');
  const firstLine = (firstLineEnd === -1 ? text : text.slice(0, firstLineEnd)).replace(/\r$/, '');
  const fence = FENCE_LANGUAGE.exec(firstLine);
  if (!fence) return absent; // `----` or `--- text` is a thematic break or prose, not front matter
  const language = fence[1].toLowerCase();
  const lines = text.split('\n');
  const endLine = closingFenceLine(lines);
  if (endLine === 0) {
    return { ...absent, present: true, error: 'front matter has no closing `---` fence' };
  }
  const keyLines: Record<string, number> = {};
  // The top-level key whose value is the block mapping being read (`l10n:` alone on its line), and the
  // indentation of that mapping's keys once its first one is seen.
  let parent: string | undefined;
  let childIndent = 0;
  for (let i = 1; i < endLine - 1; i++) {
    const line = lines[i];
    const indent = line.length - line.replace(/^[ \t]+/, '').length;
    // Up to the first colon, trailing blanks trimmed in code: `[^:]*?\s*:` would rescan a long run of blanks
    // once per character (quadratic on an untrusted line).
    const match = /^([^\s:#][^:]*):/.exec(line.slice(indent));
    const key = match?.[1].trimEnd();
    if (indent === 0) {
      if (key !== undefined && !(key in keyLines)) keyLines[key] = i + 1;
      // Nothing after the colon but blanks or a comment: the value is the indented block that follows.
      if (key !== undefined) parent = /^[ \t]*(?:#.*)?\r?$/.test(line.slice(match![0].length)) ? key : undefined;
      else if (line.trim() !== '' && !line.startsWith('#')) parent = undefined;
      childIndent = 0;
      continue;
    }
    // One level of nesting (`l10n.sourceCommit`): the keys of a top-level block mapping, at its own indentation.
    if (parent === undefined || key === undefined || line.slice(indent).startsWith('- ')) continue;
    if (childIndent === 0) childIndent = indent;
    const nested = `${parent}.${key}`;
    if (indent === childIndent && !(nested in keyLines)) keyLines[nested] = i + 1;
  }
  if (language && language !== 'yaml' && language !== 'yml' && language !== 'json') {
    return { present: true, data: {}, keyLines, endLine, error: refuseMessage(language) };
  }
  try {
    // Passing options turns off gray-matter's global cache, which would otherwise keep every file's text alive.
    const parsed = matter(text, { engines: safeEngines, language: language || 'yaml' });
    const data = parsed.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { present: true, data: {}, keyLines, endLine, error: 'front matter is not a mapping of keys to values' };
    }
    return { present: true, data: data as Record<string, unknown>, keyLines, endLine };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { present: true, data: {}, keyLines, endLine, error: `front matter is not valid YAML: ${reason}` };
  }
}

function refuseMessage(language: string): string {
  return `front matter in "${language}" is not supported (only YAML and JSON are read; nothing is evaluated)`;
}

/** A front matter value as a trimmed string, or undefined when absent or not a scalar. */
export function stringValue(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  return undefined;
}

/** MM/DD/YYYY (one-digit month and day accepted) or YYYY-MM-DD, as a UTC date; undefined when not a real date. */
export function parseDocsDate(value: string): Date | undefined {
  let year: number, month: number, day: number;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  if (us) [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}
