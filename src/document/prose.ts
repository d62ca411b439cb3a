/**
 * What counts as translatable prose, shared by `missing-span-id` (text left outside spans) and
 * `untranslated-segment` (a segment whose translation is its English text).
 *
 * The document model already leaves code, link targets and markup out of `prose`. What is left still holds text
 * a translator rightly keeps as it is: docfx extensions (`[!NOTE]`, `[!INCLUDE[…](…)]`, `[!code-json[…](…)]`,
 * `[!Video https://…]`, `[!div class="…"]`), `:::image …:::` attributes, URLs, file names and paths, numbers,
 * versions, identifiers (`PackageReference`, `dotnet_add`, `System.IO`, `--no-restore`) and punctuation.
 * {@link translatableWords} removes all of that and returns the words a translator would have to translate.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

export interface ProseOptions {
  /** Product names and terms that stay in English, removed before judging (case-insensitive, whole words). */
  ignoreTerms?: readonly string[];
}

/**
 * docfx extensions: `[!NOTE]`, `[!INCLUDE[name](path)]`, `[!code-json[name](path)]`, `[!Video url]`, `[!div class="x"]`.
 * A `(path)` needs no branch of its own (its characters are plain ones), and bracketed text holds no `[`: either
 * would let a match be tried many ways, or rescan the rest of the text from every `[!` (see test/redos.test.ts).
 */
const DOCFX_EXTENSION = /\[!(?:[^[\]]|\[[^[\]]*\])*\]/g;
/** The opening of an extension whose rest was parsed as a link (`[!INCLUDE` + link text + `]`). */
const DOCFX_OPENING = /\[![\w-]+/g;
/** `:::image type="content" source="…" alt-text="…":::` and `:::zone pivot="…"`: keep only alt text. */
/**
 * A template call written in the text (`{{EmbedLiveSample("Setting a range")}}` in MDN's KumaScript, `{{< note >}}` and
 * `{{% param %}}` in Hugo, Liquid and Jinja tags): syntax of the site, not prose. A call holds no brace, so each
 * scan stops at the next one (linear).
 */
const TEMPLATE_CALL = /\{\{[^{}]*\}\}/g;
const TRIPLE_COLON = /:::[\w-]+|:::/g;
/** An attribute; a name starts where the previous character is not a name character, so no name is rescanned. */
const ATTRIBUTE = /(?<![\w-])([\w-]+)="([^"]*)"/g;
const HTML_TAG = /<\/?[A-Za-z][^<>]*>/g;
/**
 * A URL. The scheme is looked for once per run of scheme characters (`a.b.c.d` would otherwise be rescanned from
 * every letter after a dot): from the run's start, when the run ends in `://`, a prefix before the scheme's first
 * letter is captured and put back by the replacement (`$1`).
 */
const URL = /(?<![a-z0-9+.-])(?=[a-z0-9+.-]*:\/\/)([a-z0-9+.-]*?)\b[a-z][a-z0-9+.-]*:\/\/[^\s<>()[\]"']*|\b(?:www\.|mailto:)[^\s<>()[\]"']*/gi;
/** Paths and file names: `nuget.config`, `packages.config`, `~/.nuget/packages`, `C:\Program Files`, `*.nupkg`. */
const PATH_LIKE = /(?:^|(?<=[\s(["'`]))(?:[~.]?[\w.*-]*[\\/][\w.*~\\/-]+|[\w*-]+(?:\.[\w*-]+)*\.(?:[a-z][a-z0-9]{0,9}))(?=$|[\s)\]"'`,;:!?])/gi;
/** Windows paths, whose folder names may hold spaces: `C:\Program Files (x86)\Microsoft Visual Studio\`, `%APPDATA%\NuGet`. */
const WINDOWS_PATH = /(?:\b[A-Za-z]:|%[\w()]+%)(?:\\[^\\\n]{0,60}(?=\\))*\\?[^\s\\]*/g;
/** A word: letters, with inner apostrophes and hyphens. */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/** A letter of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): a run of them is many words. */
export const UNSPACED_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const termPatterns = new Map<string, RegExp>();
function termPattern(terms: readonly string[]): RegExp | undefined {
  const usable = terms.filter((term) => term.trim() !== '');
  if (usable.length === 0) return undefined;
  const key = usable.join('\u0000');
  let pattern = termPatterns.get(key);
  if (!pattern) {
    // Longest first, so "Visual Studio Code" wins over "Visual Studio".
    const alternatives = [...usable].sort((a, b) => b.length - a.length).map((term) => escapeRegExp(term.trim()).replace(/\s+/g, '\\s+'));
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
    termPatterns.set(key, pattern);
  }
  return pattern;
}

/** Placeholders, Windows paths, snake_case, Type#member, @mention, $var, a::b, call(), key=value, --switches. */
const IDENTIFIER_MARK = /[{}<>\\]|^\[.*\]$|[_#@$]|::|\(\)|=|^--?[a-z]/i;
/** System.IO, Microsoft.Extensions.Logging; camelCase, PascalCase with inner capital (NuGet, PackageReference). */
const IDENTIFIER_CASE = /\p{L}\.\p{L}|\p{Ll}\p{Lu}/u;
const ANY_DIGIT = /\p{N}/u;
const ANY_LETTER = /\p{L}/u;
/** Acronyms: MSBuild-less SDK, CLI, URLs. */
const ACRONYM = /^\p{Lu}{2,}s?$/u;

/** Is this word an identifier rather than a word of prose? */
function isIdentifier(token: string): boolean {
  if (IDENTIFIER_MARK.test(token)) return true;
  if (IDENTIFIER_CASE.test(token)) return true;
  if (ANY_DIGIT.test(token) && ANY_LETTER.test(token)) return true; // net472, v3, x64, 2FA, Apache-2.0
  return ACRONYM.test(token);
}

/**
 * Opening punctuation before a token's first letter, or its trailing run of closing punctuation (the part of the
 * run before a letter, digit or closing bracket is captured and kept, `$1`). Trailing punctuation is looked for
 * once, from the start of the token's trailing run of it: trying every `)` in the run as a start would rescan the
 * run once per `)`.
 */
// The lazy middle run can trade characters with the run after it, but the lookahead before it has already checked
// that the run reaches the end, so one scan finishes it: linear (recheck proves it in test/redos.test.ts).
// eslint-disable-next-line regexp/no-super-linear-backtracking
const TOKEN_PUNCTUATION = /^[("'“‘«]+(?=[\p{L}$@#-])|(?<![.,;:!?…)"'”’»])(?=[.,;:!?…)"'”’»]+$)([.,;:!?…)"'”’»]*?)(?<=[\p{L}\p{N}\p{Pe}])[.,;:!?…)"'”’»]+$/gu;
/** The characters {@link TOKEN_PUNCTUATION} can start with (first alternative) or end with (second). */
const OPENING_PUNCTUATION = new Set(['(', '"', "'", '“', '‘', '«']);
const CLOSING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '…', ')', '"', "'", '”', '’', '»']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPERATORS = /^[=|&<>]+$/;

/** The prose with everything a translator keeps as it is removed (extensions, URLs, paths, identifiers, terms). */
export function translatableText(prose: string, options: ProseOptions = {}): string {
  let text = prose.replace(HTML_TAG, ' ');
  text = text.replace(DOCFX_EXTENSION, ' ').replace(DOCFX_OPENING, ' ');
  text = text.replace(ATTRIBUTE, (_whole, name: string, value: string) => (name.toLowerCase() === 'alt-text' ? ` ${value} ` : ' '));
  text = text.replace(TRIPLE_COLON, ' ').replace(TEMPLATE_CALL, ' ');
  text = text.replace(URL, '$1 ');
  text = text.replace(WINDOWS_PATH, ' ').replace(PATH_LIKE, ' ');
  const terms = termPattern(options.ignoreTerms ?? []);
  if (terms) text = text.replace(terms, ' ');
  // Drop identifier-like tokens, judged on the whitespace-separated token with its punctuation trimmed.
  const kept: string[] = [];
  let identifiers = 0;
  for (const raw of text.split(/\s+/)) {
    // Most tokens neither start nor end with punctuation: the pattern could not match them, so it is not run.
    const token =
      raw !== '' && (OPENING_PUNCTUATION.has(raw[0]) || CLOSING_PUNCTUATION.has(raw[raw.length - 1])) ? raw.replace(TOKEN_PUNCTUATION, '$1') : raw;
    if (!LETTER_OR_DIGIT.test(token) && !OPERATORS.test(token)) continue; // punctuation only
    if (isIdentifier(token)) identifiers++;
    else kept.push(token);
  }
  // A line that is mostly identifiers is code that lost its fence (`$PAT = "…" .\nuget.exe sources add -Name …`).
  if (identifiers > kept.length) return '';
  return kept.join(' ');
}

/** The words of a {@link translatableText} (a run of Chinese, Japanese or Thai counts one word per two characters). */
function* wordsOf(text: string): Generator<string> {
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (UNSPACED_LETTER.test(word)) {
      for (let i = 0; i < word.length; i += 2) yield word.slice(i, i + 2);
    } else if (word.length > 1 || UPPER_CASE.test(word) === false) yield word;
  }
}

/** The words of translatable prose (a run of Chinese, Japanese or Thai counts one word per two characters). */
export function translatableWords(prose: string, options: ProseOptions = {}): string[] {
  return [...wordsOf(translatableText(prose, options))];
}

/** Does `text` (a {@link translatableText}) hold at least `atLeast` words? Stops counting there. */
function hasWords(text: string, atLeast: number): boolean {
  let count = 0;
  // At least one word of two letters or more: letters alone (`a b c d`, `x 2 a 2 + y 2 = 1`) are a formula's
  // variables, not prose.
  let word2 = false;
  for (const word of wordsOf(text)) {
    word2 ||= word.length >= 2;
    if (++count >= atLeast && word2) return true;
  }
  return false;
}

const UPPER_CASE = /\p{Lu}/u;
const STARTS_UPPER_CASE = /^\p{Lu}/u;

/**
 * Where docfx extensions are written in raw Markdown (`[!INCLUDE [name](path)]`, `[!code-json [name](path)]`),
 * as offsets into `raw`. The parser splits these into text and a link; this finds them whole.
 */
export function docfxExtensionRanges(raw: string): Array<{ start: number; end: number }> {
  return [...raw.matchAll(DOCFX_EXTENSION)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Small words that stay lower-case inside English Title Case names ("Visual Studio for Mac"). */
const TITLE_CASE_MINOR = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'vs', 'with']);

/**
 * Is this a short name in Title Case ("Azure Artifacts Credential Provider", "Visual Studio for Mac",
 * "Microsoft Store (Windows Store)")? Product and feature names, and the titles of external documents, keep
 * their English in translations.
 */
export function isTitleCaseName(prose: string, maxWords = 8): boolean {
  return titleCaseWords(prose.match(WORD) ?? [], maxWords);
}

function titleCaseWords(words: string[], maxWords = 8): boolean {
  if (words.length === 0 || words.length > maxWords) return false;
  return words.every((word, index) => STARTS_UPPER_CASE.test(word) || (index > 0 && TITLE_CASE_MINOR.has(word)));
}

/** English function words: a sentence has some, a command line or a list of terms has none. */
const FUNCTION_WORDS = new Set([
  ...TITLE_CASE_MINOR,
  'are', 'be', 'but', 'can', 'do', 'does', 'has', 'have', 'if', 'is', 'it', 'its', 'not', 'that', 'this', 'these',
  'those', 'was', 'were', 'when', 'which', 'will', 'you', 'your',
]);

/**
 * Is this a command or a list of lower-case terms rather than a sentence ("az sql server create",
 * "nuget locals all")? All its words are lower case and none is an English function word.
 */
export function isCommandLike(prose: string): boolean {
  return commandWords(prose.match(WORD) ?? []);
}

function commandWords(words: string[]): boolean {
  return words.length > 0 && words.every((word) => !UPPER_CASE.test(word) && !FUNCTION_WORDS.has(word));
}

/** A short Title Case name or a lower-case command ({@link isTitleCaseName}, {@link isCommandLike}), its words found once. */
function isNameOrCommand(prose: string): boolean {
  const words = prose.match(WORD) ?? [];
  return titleCaseWords(words) || commandWords(words);
}

/**
 * Does the prose hold at least `minWords` words a translator would translate? With `skipNames`, a short Title
 * Case name and a lower-case command do not count either.
 */
export function isTranslatable(prose: string, options: ProseOptions & { minWords?: number; skipNames?: boolean } = {}): boolean {
  if (options.skipNames && isNameOrCommand(prose)) return false;
  return hasWords(translatableText(prose, options), Math.max(1, options.minWords ?? 1));
}

/**
 * {@link isTranslatable} for a caller that already has `text`, the {@link translatableText} of `prose` with the
 * same `ignoreTerms` (language detection needs that text too: it is computed once).
 */
export function isTranslatableText(prose: string, text: string, options: { minWords?: number; skipNames?: boolean } = {}): boolean {
  if (options.skipNames && isNameOrCommand(prose)) return false;
  return hasWords(text, Math.max(1, options.minWords ?? 1));
}

/** Shorten text for a message: at most `max` characters, cut at a word boundary with an ellipsis. */
export function quote(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // The lookbehind starts the trailing run only at its first character (no rescan from every character of a run).
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/(?<![\s,;:.])[\s,;:.]+$/, '')}…`;
}

const CHARACTER_REFERENCE = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;
/** ASCII punctuation: the characters a backslash escapes in CommonMark. */
const ESCAPABLE = /^[!-/:-@[-`{-~]$/;

/** The character a reference (`amp`, `#39`, `#x41`) stands for; undefined for an unknown or invalid one. */
function decodeReference(name: string): string | undefined {
  if (name[0] !== '#') return decodeNamedCharacterReference(name) || undefined;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}

/**
 * The character reference (`&amp;`, `&#160;`) or backslash escape (`\\*`) written at `at` in Markdown source, and
 * what it reads as; undefined when neither is there. The positional form of {@link normaliseSource}'s decoding.
 */
export function decodedAt(source: string, at: number): { value: string; length: number } | undefined {
  if (source[at] === '\\') return ESCAPABLE.test(source[at + 1] ?? '') ? { value: source[at + 1], length: 2 } : undefined;
  if (source[at] !== '&') return undefined;
  // The longest reference is `&`, 32 characters and `;`: a window of 40 holds it, and no match reads past it.
  CHARACTER_REFERENCE.lastIndex = 0;
  const match = CHARACTER_REFERENCE.exec(source.slice(at, at + 40));
  if (!match || match.index !== 0) return undefined;
  const value = decodeReference(match[1]);
  return value === undefined ? undefined : { value, length: match[0].length };
}

/** Source text as a translator sees it: one space for any whitespace, characters decoded, escapes dropped. */
export function normaliseSource(source: string): string {
  return source
    .replace(CHARACTER_REFERENCE, (whole, name: string) => decodeReference(name) ?? whole)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Markdown source normalised only where the rendered page cannot differ: whitespace runs become one space (a
 * rewrapped paragraph renders the same) and character references are decoded, a punctuation character to its
 * backslash escape (`&lt;` and `\<` both render a literal `<`). Backslash escapes stay: `<Path>` is an HTML tag
 * and `\<Path\>` the text "<Path>", `*-*` is emphasis and `\*-\*` the text "*-*".
 */
export function normaliseMarkup(source: string): string {
  return source
    .replace(CHARACTER_REFERENCE, (whole, name: string) => {
      const character = decodeReference(name);
      if (character === undefined) return whole;
      return ESCAPABLE.test(character) ? `\\${character}` : character;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
