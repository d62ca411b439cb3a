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

/** Letters in scripts written without spaces: a run of them is many words. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

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

/** Is this word an identifier rather than a word of prose? */
function isIdentifier(token: string): boolean {
  if (/[{}<>\\]|^\[.*\]$/.test(token)) return true; // placeholders: {profile}, <name>, [options]; Windows paths
  if (/[_#@$]|::|\(\)|=/.test(token)) return true; // snake_case, Type#member, @mention, $var, a::b, call(), key=value
  if (/^--?[a-z]/i.test(token)) return true; // command-line switches
  if (/\p{L}\.\p{L}/u.test(token)) return true; // System.IO, Microsoft.Extensions.Logging
  if (/\p{Ll}\p{Lu}/u.test(token)) return true; // camelCase, PascalCase with inner capital (NuGet, PackageReference)
  if (/\p{N}/u.test(token) && /\p{L}/u.test(token)) return true; // net472, v3, x64, 2FA, Apache-2.0
  if (/^\p{Lu}{2,}s?$/u.test(token)) return true; // acronyms: MSBuild-less SDK, CLI, URLs
  return false;
}

/** The prose with everything a translator keeps as it is removed (extensions, URLs, paths, identifiers, terms). */
export function translatableText(prose: string, options: ProseOptions = {}): string {
  let text = prose.replace(HTML_TAG, ' ');
  text = text.replace(DOCFX_EXTENSION, ' ').replace(DOCFX_OPENING, ' ');
  text = text.replace(ATTRIBUTE, (_whole, name: string, value: string) => (name.toLowerCase() === 'alt-text' ? ` ${value} ` : ' '));
  text = text.replace(TRIPLE_COLON, ' ');
  text = text.replace(URL, '$1 ');
  text = text.replace(WINDOWS_PATH, ' ').replace(PATH_LIKE, ' ');
  const terms = termPattern(options.ignoreTerms ?? []);
  if (terms) text = text.replace(terms, ' ');
  // Drop identifier-like tokens, judged on the whitespace-separated token with its punctuation trimmed.
  const kept: string[] = [];
  let identifiers = 0;
  for (const raw of text.split(/\s+/)) {
    // Trailing punctuation is looked for once, from the start of the token's trailing run of it; the part of the
    // run before a letter, digit or closing bracket is captured and kept (`$1`). Trying every `)` in the run as a
    // start would rescan the run once per `)`.
    const token = raw.replace(
      /^[("'“‘«]+(?=[\p{L}$@#-])|(?<![.,;:!?…)"'”’»])(?=[.,;:!?…)"'”’»]+$)([.,;:!?…)"'”’»]*?)(?<=[\p{L}\p{N}\p{Pe}])[.,;:!?…)"'”’»]+$/gu,
      '$1',
    );
    if (!/[\p{L}\p{N}]/u.test(token) && !/^[=|&<>]+$/.test(token)) continue; // punctuation only
    if (isIdentifier(token)) identifiers++;
    else kept.push(token);
  }
  // A line that is mostly identifiers is code that lost its fence (`$PAT = "…" .\nuget.exe sources add -Name …`).
  if (identifiers > kept.length) return '';
  return kept.join(' ');
}

/** The words of translatable prose (a run of Chinese, Japanese or Thai counts one word per two characters). */
export function translatableWords(prose: string, options: ProseOptions = {}): string[] {
  const words: string[] = [];
  for (const match of translatableText(prose, options).matchAll(WORD)) {
    const word = match[0];
    if (UNSPACED.test(word)) {
      for (let i = 0; i < word.length; i += 2) words.push(word.slice(i, i + 2));
    } else if (word.length > 1 || /\p{Lu}/u.test(word) === false) words.push(word);
  }
  return words;
}

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
  const words = [...prose.matchAll(WORD)].map((match) => match[0]);
  if (words.length === 0 || words.length > maxWords) return false;
  return words.every((word, index) => /^\p{Lu}/u.test(word) || (index > 0 && TITLE_CASE_MINOR.has(word)));
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
  const words = [...prose.matchAll(WORD)].map((match) => match[0]);
  return words.length > 0 && words.every((word) => !/\p{Lu}/u.test(word) && !FUNCTION_WORDS.has(word));
}

/**
 * Does the prose hold at least `minWords` words a translator would translate? With `skipNames`, a short Title
 * Case name and a lower-case command do not count either.
 */
export function isTranslatable(prose: string, options: ProseOptions & { minWords?: number; skipNames?: boolean } = {}): boolean {
  if (options.skipNames && (isTitleCaseName(prose) || isCommandLike(prose))) return false;
  return translatableWords(prose, options).length >= Math.max(1, options.minWords ?? 1);
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
