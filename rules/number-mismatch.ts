/**
 * @file number-mismatch
 *
 * ## What it checks
 * The numbers of a translated segment must be those of its English: versions, counts, sizes, dates written in
 * digits. Two comparisons are made, whichever applies:
 * - span format: each translated `<span data-ttu-id>` against its own `sxs-lookup` English;
 * - otherwise: each translated block against the English block it is aligned with. A block the alignment
 *   leaves unmatched is not compared.
 *
 * Only prose counts: code (fenced, indented, inline), link targets, words that are URLs (`https://…`, `www.…`)
 * and HTML markup are left out, and so are list markers (`1.`), which are not part of a block's prose.
 *
 * A number is a run of decimal digits of any script (`\p{Nd}`: `365`, `๓๖๕`, `٣٦٥`, `３６５`) with the
 * separators `. , : / - ' ’` and no-break spaces inside it (`1.2.3`, `4,096`, `2021-03-04`). Digits are read by
 * their value, so `๓๖๕` is 365. Locales write the same number differently (`4,096` is `4.096` in German and
 * `4 096` in Polish, `1.5` is `1,5`; `March 4, 2021` is `2021年3月4日` in Japanese and `4. März 2021` in
 * German), so numbers are compared by their digit groups, as multisets: the groups of all numbers of the
 * segment, leading zeros dropped, in any order. Version-like numbers (three or more groups joined by dots, such
 * as `1.2.3` or `4.6.1`, but not a date such as `04.03.2021`) are compared whole, as written, so `1.2.3` never
 * matches `3.2.1`; a number grouped in thousands (`4,096`, `4.096`, `4 096`) is one group, as `4096` is. A number
 * glued to Latin letters is part of a name or a unit (`x64`, `VS17`, `2FA`, `128x128`, `2M`): it is not compared,
 * but it lets the other side write the same number on its own (`128 x 128`, `2 mln`); English ordinals (`3rd`,
 * `4th`) are glued too, since translations write them as words as often as not; `v2.0` counts. Multipliers
 * count: `2万` is 20000, `3 million`, `3 Millionen` and `2 mln` are 3000000 and 2000000 (a glued `3M` lets
 * 3000000 go). A range or a choice of versions (`3.3.0-3.4.4`, `3.4/3.4.1`) is cut into its versions.
 *
 * What the other side says another way lets an unmatched number go:
 * - the same number elsewhere in the segment (a translator repeating a number, `Teil 1: … (Teil 1)`);
 * - a number word of the other side's language (English, German, Polish, Japanese numerals): `two`, `fünf`,
 *   `drei`, `a single` for `1つ`, `4th` for `4 番目`;
 * - a month name next to a number: an English `March 4` lets the translation have one more number from 1 to 12
 *   (`3月4日`), and a month name of the translation's locale (from `Intl`, `4. März`) lets one English number
 *   from 1 to 12 (`3/4/2021`) go.
 *
 * Findings, at the translated number when there is one:
 * - a translated number that is not in the English and an English number missing from the translation, paired
 *   in order of appearance, are reported as one changed number;
 * - an extra number alone, and a missing number alone (at the start of the translated segment);
 * - a number written in digits of another script than the English (`๓๖๕` for `365`), unless the option
 *   `nativeDigits` names the file's locale.
 *
 * ## Why
 * A changed number is a wrong fact: another version to install, another limit, another date. Machine
 * translation and hand editing both change numbers (a dropped digit, a number the English changed after the
 * handoff), and a product name written with native digits (`Microsoft ๓๖๕`) no longer matches the product.
 *
 * ## Options
 * - `nativeDigits` (array of locale names, default `[]`): locales whose translations may write numbers in
 *   their own digits (`["th-th", "ar-sa"]`); compared without case. Their numbers are still compared by value.
 *
 * ## Examples
 *
 * @example
 *   {"name": "same numbers, written the German way and reordered"}
 *   ~~~english
 *   NuGet 5.8.0 and later download up to 4,096 packages; released on March 4, 2021.
 *   ~~~
 *   ~~~translated
 *   Ab NuGet 5.8.0 werden bis zu 4.096 Pakete heruntergeladen; veröffentlicht am 4. März 2021.
 *   ~~~
 *
 * @example
 *   {"name": "a Japanese date with a month number for an English month name", "locale": "ja-jp"}
 *   ~~~english
 *   Support ends on March 4, 2021.
 *   ~~~
 *   ~~~translated
 *   サポートは 2021年3月4日 に終了します。
 *   ~~~
 *
 * @example
 *   {"name": "a changed version and a dropped count"}
 *   ~~~english
 *   # Install
 *
 *   Install NuGet 5.8.0 on 2 machines.
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *
 *   Installieren Sie NuGet 5.6.0 auf den Computern.
 *   ~~~
 *   ~~~findings
 *   3:1 number-mismatch The English number `2` (en-us/example.md:3) is missing from the translation
 *   3:24 number-mismatch Number `5.6.0` differs from the English `5.8.0` (en-us/example.md:3)
 *   ~~~
 *
 * @example
 *   {"name": "Thai digits in a product name", "locale": "th-th"}
 *   ~~~english
 *   Sign in to Microsoft 365.
 *   ~~~
 *   ~~~translated
 *   ลงชื่อเข้าใช้ Microsoft ๓๖๕
 *   ~~~
 *   ~~~findings
 *   1:25 number-mismatch `๓๖๕` is 365 in Thai digits; the English writes 365 (en-us/example.md:1)
 *   ~~~
 *
 * @example
 *   {"name": "Thai digits allowed for th-th", "locale": "th-th", "options": {"nativeDigits": ["TH-TH"]}}
 *   ~~~english
 *   Sign in to Microsoft 365.
 *   ~~~
 *   ~~~translated
 *   ลงชื่อเข้าใช้ Microsoft ๓๖๕
 *   ~~~
 */
import { defineRule, memoize, type Block, type Range } from '../src/rule-kit/index.js';

export interface NumberMismatchOptions {
  nativeDigits: string[];
}

/** One number as written in prose. */
export interface NumberToken {
  /** As written (any script). */
  raw: string;
  /** With every digit replaced by its ASCII digit. */
  ascii: string;
  /** Where `raw` starts in the prose. */
  index: number;
  /** Digit groups, ASCII, leading zeros dropped (`0` stays). */
  groups: string[];
  /** Compared whole (`1.2.3`), not by groups. */
  version: boolean;
  /** Written with digits other than ASCII. */
  native: boolean;
  /**
   * Glued to Latin letters (`x64`, `2FA`, `128x128`, `2M`): part of a name or a unit. It is not compared, but it
   * lets the other side write the same number on its own (`128 x 128`, `2 mln`).
   */
  glued: boolean;
  /** For a glued number with a multiplier (`3M`): its value, as another key it lets go. */
  scaled?: string;
}

const DIGIT = /\p{Nd}/u;
/** Separators allowed between two digit groups of one number. */
const SEPARATORS = new Set(['.', ',', ':', '/', '-', "'", '\u2019', '\u00a0', '\u202f', '\u2009', '\u066b', '\u066c']);

const digitValues = new Map<number, number>();

/**
 * The value of a decimal digit of any script. Unicode assigns every set of decimal digits (`\p{Nd}`) to
 * consecutive code points from 0 to 9, and sets that follow one another (the mathematical digits) come in whole
 * tens, so a digit's value is its distance from the start of its run of digits, modulo 10.
 */
export function digitValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  let value = digitValues.get(codePoint);
  if (value === undefined) {
    let start = codePoint;
    while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = (codePoint - start) % 10;
    digitValues.set(codePoint, value);
  }
  return value;
}

const isDigit = (char: string | undefined) => char !== undefined && DIGIT.test(char);

const SCHEME_CHAR = /^[A-Za-z0-9+.-]$/;

/**
 * Where a URL starts in the word `chars[from, to)` (`https://…`, `www.…`, also after `[#605](`), or `to` when
 * there is none: its digits are not numbers of the text.
 */
function urlStart(chars: string[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    if (chars[k] === ':' && chars[k + 1] === '/' && chars[k + 2] === '/' && k + 2 < to) {
      let start = k;
      while (start > from && SCHEME_CHAR.test(chars[start - 1])) start--;
      return start;
    }
    if ((chars[k] === 'w' || chars[k] === 'W') && k + 3 < to && chars.slice(k, k + 4).join('').toLowerCase() === 'www.' && (k === from || !LETTER.test(chars[k - 1]))) {
      return k;
    }
  }
  return to;
}

const LATIN = /^[A-Za-z]$/;

/** Multiplier words after a number and a space, by language (lower case; a stem ends in `*`). */
const MULTIPLIER_WORDS: Array<[string, number]> = [
  ['thousand', 1e3], ['tausend', 1e3], ['tys', 1e3], ['tysiąc*', 1e3],
  ['million*', 1e6], ['millionen', 1e6], ['mln', 1e6], ['milion*', 1e6],
  ['billion*', 1e9], ['milliarde*', 1e9], ['mld', 1e9], ['miliard*', 1e9],
];
const GLUED_MULTIPLIERS: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, B: 1e9 };

/** The multiplier written right after a number ending before `at`: `万`, ` 万`, `M`, ` million`; 1 if none. */
function multiplierAfter(chars: string[], at: number): number {
  let i = at;
  if (chars[i] === ' ') i++;
  const char = chars[i];
  if (char === '万' || char === '萬') return 1e4;
  if (char === '億' || char === '亿') return 1e8;
  if (i === at && char !== undefined && GLUED_MULTIPLIERS[char] && !LATIN.test(chars[i + 1] ?? '')) return GLUED_MULTIPLIERS[char];
  if (i === at) return 1;
  let word = '';
  while (i < chars.length && word.length < 12 && LETTER.test(chars[i])) word += chars[i++].toLowerCase();
  for (const [name, value] of MULTIPLIER_WORDS) {
    if (name.endsWith('*') ? word.startsWith(name.slice(0, -1)) : word === name) return value;
  }
  return 1;
}

function threeDigitsAt(chars: string[], at: number): boolean {
  return isDigit(chars[at]) && isDigit(chars[at + 1]) && isDigit(chars[at + 2]) && !isDigit(chars[at + 3]);
}

/**
 * The digit groups a number is compared by. A number grouped in thousands (`4,096`, `4.096`, `4 096`,
 * `1,000,000`: one separator throughout, groups of three after the first) is one group, as `4096` is; otherwise
 * each group on its own (`1,5` is 1 and 5, `2021-03-04` is 2021, 3 and 4). Leading zeros are dropped.
 */
function canonicalGroups(groups: string[], separators: string[]): string[] {
  const canonical = isThousands(groups, separators) ? [groups.join('')] : groups;
  return canonical.map((group) => group.replace(/^0+(?=\d)/, ''));
}

function isThousands(groups: string[], separators: string[]): boolean {
  return (
    groups.length >= 2 &&
    groups[0].length <= 3 &&
    groups.slice(1).every((group) => group.length === 3) &&
    separators.every((separator) => separator === separators[0]) &&
    separators[0] !== ':' &&
    separators[0] !== '/' &&
    separators[0] !== '-'
  );
}

/** Three or more dot-joined groups that are not a date (a year of four digits with day and month of one or two). */
function isVersion(groups: string[], separators: string[]): boolean {
  if (groups.length < 3 || isThousands(groups, separators) || separators.some((separator) => separator !== '.')) return false;
  if (groups.length === 3) {
    const lengths = groups.map((group) => group.length);
    const dateLike = (lengths[2] === 4 && lengths[0] <= 2 && lengths[1] <= 2) || (lengths[0] === 4 && lengths[1] <= 2 && lengths[2] <= 2);
    if (dateLike) return false;
  }
  return true;
}

/** The numbers of a piece of prose, in order. One pass, no backtracking. */
export function extractNumbers(prose: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  // Most prose has no digit at all: no number either.
  if (!DIGIT.test(prose)) return tokens;
  const chars = Array.from(prose);
  // Offsets in UTF-16 units, for finding the number in the source later.
  const offsets: number[] = [];
  let offset = 0;
  for (const char of chars) {
    offsets.push(offset);
    offset += char.length;
  }
  offsets.push(offset);
  // Where the URL in the current word starts and the word ends (a word with no URL: both at its end).
  let urlFrom = 0;
  let wordEnd = 0;
  let i = 0;
  while (i < chars.length) {
    const char = chars[i];
    if (char === ' ') {
      i++;
      continue;
    }
    if (i === 0 || chars[i - 1] === ' ') {
      wordEnd = i;
      while (wordEnd < chars.length && chars[wordEnd] !== ' ') wordEnd++;
      urlFrom = urlStart(chars, i, wordEnd);
    }
    if (i >= urlFrom && i < wordEnd) {
      i = wordEnd;
      continue;
    }
    if (!isDigit(char)) {
      i++;
      continue;
    }
    const start = i;
    const groups: string[] = [];
    const separators: string[] = [];
    let native = false;
    const groupStarts: number[] = [];
    const groupEnds: number[] = [];
    for (;;) {
      groupStarts.push(i);
      let group = '';
      while (i < chars.length && isDigit(chars[i])) {
        const codePoint = chars[i].codePointAt(0)!;
        if (codePoint > 0x39) native = true;
        group += String(digitValue(codePoint));
        i++;
      }
      groups.push(group);
      groupEnds.push(i);
      if (i + 1 < chars.length && SEPARATORS.has(chars[i]) && isDigit(chars[i + 1])) {
        separators.push(chars[i]);
        i++;
      } else if (chars[i] === ' ' && groups.length === separators.length + 1 && groups[0].length <= 3 && groups.every((g, k) => k === 0 || g.length === 3) && threeDigitsAt(chars, i + 1)) {
        // `4 096`: a space between thousands (a no-break space in the file; prose turns it into a space).
        separators.push(' ');
        i++;
      } else break;
    }
    // A number glued to Latin letters is part of a name (`x64`, `VS17`, `2FA`, `NU5032`), except `v2.0` and `4th`.
    const before = start > 0 ? chars[start - 1] : '';
    const after = chars[i] ?? '';
    const gluedBefore = LATIN.test(before) && !(/^[vV]$/.test(before) && !LATIN.test(chars[start - 2] ?? ''));
    // An English ordinal (`3rd party`, `4th segment`) is glued too: translations write it as a word as often as not.
    const gluedAfter = LATIN.test(after);
    // A number with a multiplier (`2万`, `300 万`, `3 million`, `3 Millionen`, `2 mln`) is the product; a glued
    // `3M` or `2K` keeps its digits and gets the product as well (both only let the other side's number go).
    const multiplier = multiplierAfter(chars, i);
    const scaled = multiplier > 1 && groups.length === 1 && groups[0].length <= 6 ? String(Number(groups[0]) * multiplier) : undefined;
    if (scaled && !gluedAfter) groups[0] = scaled;
    // A range or a choice of versions (`3.3.0-3.4.4`, `3.4/3.4.1`) is several numbers: cut at `-` and `/` when a
    // piece is a version. A date (`2021-03-04`) has no such piece and stays whole.
    const pieces: Array<[number, number]> = [];
    let from = 0;
    for (let k = 0; k <= separators.length; k++) {
      if (k === separators.length || separators[k] === '-' || separators[k] === '/') {
        pieces.push([from, k]);
        from = k + 1;
      }
    }
    const cut = pieces.length > 1 && pieces.some(([a, b]) => isVersion(groups.slice(a, b + 1), separators.slice(a, b)));
    for (const [a, b] of cut ? pieces : [[0, groups.length - 1]]) {
      const pieceGroups = groups.slice(a, b + 1);
      const pieceSeparators = separators.slice(a, b);
      const version = isVersion(pieceGroups, pieceSeparators);
      const raw = prose.slice(offsets[groupStarts[a]], offsets[groupEnds[b]]);
      tokens.push({
        scaled: gluedAfter && b === groups.length - 1 ? scaled : undefined,
        glued: (a === 0 && gluedBefore) || (b === groups.length - 1 && gluedAfter),
        raw,
        ascii: Array.from(raw, (char) => (isDigit(char) ? String(digitValue(char.codePointAt(0)!)) : char)).join(''),
        index: offsets[groupStarts[a]],
        groups: version ? pieceGroups : canonicalGroups(pieceGroups, pieceSeparators),
        version,
        native,
      });
    }
  }
  return tokens;
}

const ENGLISH_MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

const monthNamesByLocale = new Map<string, Set<string>>();

/** Month names of a locale (long and short, on their own and in a date), lower case, letters only. */
export function monthNames(locale: string): Set<string> {
  const key = locale.toLowerCase();
  let names = monthNamesByLocale.get(key);
  if (names) return names;
  names = new Set(ENGLISH_MONTHS);
  try {
    for (const month of ['long', 'short'] as const) {
      for (const options of [{ month }, { month, day: 'numeric' as const }]) {
        const format = new Intl.DateTimeFormat(key, { ...options, timeZone: 'UTC' });
        for (let m = 0; m < 12; m++) {
          for (const part of format.formatToParts(new Date(Date.UTC(2021, m, 15)))) {
            if (part.type !== 'month') continue;
            const name = part.value.toLowerCase().replace(/[^\p{L}]/gu, '');
            // A month written with digits (`3月`) is a number, not a name.
            if (name.length > 1) names.add(name);
          }
        }
      }
    }
  } catch {
    // An unknown locale: English names only.
  }
  monthNamesByLocale.set(key, names);
  return names;
}

/**
 * How many month names stand next to a number in the prose (`March 4`, `4. März`, `March 2021`): each lets one
 * number from 1 to 12 go unmatched on the other side.
 */
function datedMonths(prose: string, names: Set<string>): number {
  // A month counts only beside a word with a digit.
  if (!DIGIT.test(prose)) return 0;
  const words = prose.split(' ');
  const withDigit = words.map((word) => DIGIT.test(word));
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    // "may" is a verb far more often than a month: only next to a number (a word with a digit).
    if (!withDigit[i - 1] && !withDigit[i + 1]) continue;
    if (names.has(words[i].toLowerCase().replace(/[^\p{L}]/gu, ''))) count++;
  }
  return count;
}

/**
 * Number words by language: a word, or a stem ending in `*` (inflected forms). Only small numbers, ordinals and
 * multiplicatives, which translators write as words or digits as their language prefers.
 */
const NUMBER_WORDS: Record<string, Record<string, number>> = {
  en: {
    zero: 0, a: 1, an: 1, one: 1, single: 1, once: 1, first: 1, two: 2, both: 2, twice: 2, double: 2, second: 2,
    three: 3, third: 3, four: 4, fourth: 4, five: 5, fifth: 5, six: 6, sixth: 6, seven: 7, seventh: 7, eight: 8,
    eighth: 8, nine: 9, ninth: 9, ten: 10, tenth: 10, eleven: 11, twelve: 12, dozen: 12, twenty: 20, thirty: 30,
    hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000,
  },
  de: {
    null: 0, 'ein*': 1, 'erst*': 1, 'zwei*': 2, 'beide*': 2, 'doppel*': 2, 'drei*': 3, 'dritt*': 3, 'vier*': 4,
    'fünf*': 5, 'sechs*': 6, 'sieben*': 7, 'siebt*': 7, 'acht*': 8, 'neun*': 9, 'zehn*': 10, elf: 11, 'zwölf*': 12,
    'zwanzig*': 20, 'dreißig*': 30, 'hundert*': 100, 'tausend*': 1000,
  },
  pl: {
    zero: 0, 'jedn*': 1, 'pierwsz*': 1, raz: 1, 'dwa*': 2, 'dwie*': 2, 'dwó*': 2, 'dwu*': 2, 'drug*': 2, oba: 2, obie: 2, obu: 2,
    trzy: 3, trzech: 3, trzema: 3, 'trzeci*': 3, 'czter*': 4, 'czwart*': 4, 'pięć': 5, 'pięciu': 5, 'piąt*': 5, 'sześ*': 6, 'szós*': 6, 'siedem*': 7, 'siedm*': 7, 'osiem*': 8,
    'ósm*': 8, 'dziewię*': 9, 'dziesię*': 10, 'dwadzieścia': 20, 'sto': 100, 'tysiąc*': 1000,
  },
  ja: { 一: 1, 二: 2, 両: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 百: 100, 千: 1000 },
};

interface WordTable {
  exact: Map<string, number>;
  /** Stems by their first character, in the order written. */
  stems: Map<string, Array<[string, number]>>;
  /** Ideographic numerals count wherever they stand (no spaces between words). */
  characters: boolean;
}

const wordTables = new Map<string, WordTable | undefined>();

function wordTable(locale: string): WordTable | undefined {
  const language = locale.toLowerCase().split('-')[0];
  if (wordTables.has(language)) return wordTables.get(language);
  const words = NUMBER_WORDS[language];
  let table: WordTable | undefined;
  if (words) {
    table = { exact: new Map(), stems: new Map(), characters: language === 'ja' };
    for (const [word, value] of Object.entries(words)) {
      if (!word.endsWith('*')) {
        table.exact.set(word, value);
        continue;
      }
      const stem = word.slice(0, -1);
      const sameStart = table.stems.get(stem[0]);
      if (sameStart) sameStart.push([stem, value]);
      else table.stems.set(stem[0], [[stem, value]]);
    }
  }
  wordTables.set(language, table);
  return table;
}

/** The number words of a text by value, counted: `two files, both` → {2: 2}. */
export function numberWords(prose: string, locale: string): Map<string, number> {
  const counts = new Map<string, number>();
  const table = wordTable(locale);
  if (!table) return counts;
  const add = (value: number | undefined) => {
    if (value === undefined) return;
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  if (table.characters) {
    for (const char of prose) add(table.exact.get(char));
    return counts;
  }
  // Words are runs of letters.
  for (const [word] of prose.matchAll(LETTERS)) {
    const lower = word.toLowerCase();
    add(table.exact.get(lower) ?? table.stems.get(lower[0])?.find(([stem]) => lower.startsWith(stem))?.[1]);
  }
  return counts;
}

const LETTER = /\p{L}/u;
const LETTERS = /\p{L}+/gu;

/** The numbers of a piece of English and what lets them go, found once per English block for all locales. */
interface EnglishNumbers {
  prose: string;
  tokens: NumberToken[];
  months?: number;
  words?: Map<string, number>;
}
const englishNumbersOf = memoize((english: Block): EnglishNumbers => ({ prose: english.content.prose, tokens: extractNumbers(english.content.prose) }));

const isMonthNumber = (group: string) => /^(?:[1-9]|1[0-2])$/.test(group);

/** What lets an unmatched number go: month names and number words of the other side. */
export interface Allowance {
  /** Month names beside a number in the English: as many extra translated month numbers. */
  extraMonths: number;
  /** Month names beside a number in the translation: as many missing English month numbers. */
  missingMonths: number;
  /** Number words of the English by value (`two` → `2`): as many extra translated numbers of that value. */
  englishWords?: Map<string, number>;
  /** Number words of the translation by value: as many missing English numbers of that value. */
  translatedWords?: Map<string, number>;
}

interface Difference {
  translated?: NumberToken;
  english?: NumberToken;
}

/**
 * Compare the numbers of a translated and an English text: versions whole, everything else as a multiset of
 * digit groups. Returns the changed, extra and missing numbers, paired in order of appearance, and the
 * translated numbers that match but are written in other digits than the English.
 */
export function compareNumbers(
  allTranslated: NumberToken[],
  allEnglish: NumberToken[],
  allowance: Allowance,
): { differences: Difference[]; nativeMatches: Array<{ translated: NumberToken; english: NumberToken }> } {
  const keysOf = (token: NumberToken) => (token.version ? [`v${token.ascii}`] : token.groups);
  // Numbers glued to letters are not compared; their digits count as said for the other side.
  const weakKeys = (tokens: NumberToken[]) =>
    tokens.filter((token) => token.glued).flatMap((token) => [`v${token.ascii}`, ...token.groups, ...(token.scaled ? [token.scaled] : [])]);
  const translatedWeak = weakKeys(allTranslated);
  const englishWeak = weakKeys(allEnglish);
  const translated = allTranslated.filter((token) => !token.glued);
  const english = allEnglish.filter((token) => !token.glued);
  const available = new Map<string, Array<{ token: NumberToken; used: boolean }>>();
  for (const token of english) {
    for (const key of keysOf(token)) {
      const entry = { token, used: false };
      const list = available.get(key);
      if (list) list.push(entry);
      else available.set(key, [entry]);
    }
  }
  const unmatchedTranslated = new Map<NumberToken, string[]>();
  const partners = new Map<NumberToken, NumberToken>();
  for (const token of translated) {
    for (const key of keysOf(token)) {
      const entry = available.get(key)?.find((candidate) => !candidate.used);
      if (entry) {
        entry.used = true;
        partners.set(token, entry.token);
      } else {
        const list = unmatchedTranslated.get(token);
        if (list) list.push(key);
        else unmatchedTranslated.set(token, [key]);
      }
    }
  }
  const unmatchedEnglish = new Map<NumberToken, string[]>();
  for (const [key, entries] of available) {
    for (const entry of entries) {
      if (entry.used) continue;
      const list = unmatchedEnglish.get(entry.token);
      if (list) list.push(key);
      else unmatchedEnglish.set(entry.token, [key]);
    }
  }
  // What the other side says another way: the same number once more (a translator repeating it), a number word
  // (`two`, `fünf`, `1つ` for `one`), a month name for a month number.
  const forgive = (unmatched: Map<NumberToken, string[]>, otherKeys: Set<string>, words: Map<string, number> | undefined, months: number) => {
    const wordsLeft = new Map(words ?? []);
    for (const [token, keys] of unmatched) {
      const left = keys.filter((key) => {
        if (otherKeys.has(key)) return false;
        const count = wordsLeft.get(key) ?? 0;
        if (count > 0) {
          wordsLeft.set(key, count - 1);
          return false;
        }
        if (months > 0 && isMonthNumber(key)) {
          months--;
          return false;
        }
        return true;
      });
      if (left.length === 0) unmatched.delete(token);
      else unmatched.set(token, left);
    }
  };
  forgive(unmatchedTranslated, new Set([...english.flatMap(keysOf), ...englishWeak]), allowance.englishWords, allowance.extraMonths);
  forgive(unmatchedEnglish, new Set([...translated.flatMap(keysOf), ...translatedWeak]), allowance.translatedWords, allowance.missingMonths);

  const extras = translated.filter((token) => unmatchedTranslated.has(token));
  const missing = english.filter((token) => unmatchedEnglish.has(token));
  const differences: Difference[] = [];
  for (let i = 0; i < Math.max(extras.length, missing.length); i++) differences.push({ translated: extras[i], english: missing[i] });
  const nativeMatches: Array<{ translated: NumberToken; english: NumberToken }> = [];
  for (const token of translated) {
    const partner = partners.get(token);
    if (!token.native || unmatchedTranslated.has(token) || !partner) continue;
    // Written in the same digits as the English: nothing to say.
    if (english.some((other) => other.raw === token.raw)) continue;
    nativeMatches.push({ translated: token, english: partner });
  }
  return { differences, nativeMatches };
}

/** Scripts with their own decimal digits: the code point of their digit zero and their ISO 15924 code. */
const DIGIT_ZEROS = new Map<number, string>([
  [0x660, 'Arab'], [0x6f0, 'Arab'], [0x7c0, 'Nkoo'], [0x966, 'Deva'], [0x9e6, 'Beng'], [0xa66, 'Guru'], [0xae6, 'Gujr'],
  [0xb66, 'Orya'], [0xbe6, 'Taml'], [0xc66, 'Telu'], [0xce6, 'Knda'], [0xd66, 'Mlym'], [0xde6, 'Sinh'], [0xe50, 'Thai'],
  [0xed0, 'Laoo'], [0xf20, 'Tibt'], [0x1040, 'Mymr'], [0x1090, 'Mymr'], [0x17e0, 'Khmr'], [0x1810, 'Mong'],
  [0x1946, 'Limb'], [0x19d0, 'Talu'], [0x1a80, 'Lana'], [0x1a90, 'Lana'], [0x1b50, 'Bali'], [0x1bb0, 'Sund'],
  [0x1c40, 'Lepc'], [0x1c50, 'Olck'], [0xa620, 'Vaii'], [0xa8d0, 'Saur'], [0xa900, 'Kali'], [0xa9d0, 'Java'],
  [0xaa50, 'Cham'], [0xabf0, 'Mtei'], [0x1e950, 'Adlm'],
]);
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script' });

/** The name of the digits a number is written in: `Thai`, `Arabic`, `fullwidth`. */
export function digitScriptName(raw: string): string {
  for (const char of raw) {
    if (!isDigit(char) || char.codePointAt(0)! <= 0x39) continue;
    const codePoint = char.codePointAt(0)!;
    if (codePoint >= 0xff10 && codePoint <= 0xff19) return 'fullwidth';
    if (codePoint >= 0x1d7ce && codePoint <= 0x1d7ff) return 'mathematical';
    const script = DIGIT_ZEROS.get(codePoint - digitValue(codePoint));
    if (script) return scriptNames.of(script) ?? script;
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return 'ASCII';
}

export default defineRule(
  {
    id: 'number-mismatch',
    type: 'problem',
    docs: { description: 'each translated segment has the numbers of its English, in the same digits (native digits only where allowed)' },
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nativeDigits: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    defaultOptions: { nativeDigits: [] as string[] } as NumberMismatchOptions,
  },
  (context) => {
    const nativeAllowed = context.options.nativeDigits.some((locale) => locale.toLowerCase() === context.locale.toLowerCase());
    const localeMonths = monthNames(context.locale);
    const englishMonths = monthNames('en');
    const text = context.translated.text;

    /**
     * Compare one translated region with its English and report. `region` is where the translated prose lies in
     * the file (numbers are found there in order); `englishAt` names the English.
     */
    const check = (translatedProse: string, englishNumbers: EnglishNumbers, region: Range, englishAt: string) => {
      const translated = extractNumbers(translatedProse);
      const english = englishNumbers.tokens;
      if (translated.length === 0 && english.length === 0) return;
      englishNumbers.months ??= datedMonths(englishNumbers.prose, englishMonths);
      englishNumbers.words ??= numberWords(englishNumbers.prose, 'en');
      const { differences, nativeMatches } = compareNumbers(translated, english, {
        extraMonths: englishNumbers.months,
        missingMonths: datedMonths(translatedProse, localeMonths),
        englishWords: englishNumbers.words,
        translatedWords: numberWords(translatedProse, context.locale),
      });
      // Where each translated number is in the file: searched in order from the start of the region.
      const places = new Map<NumberToken, Range>();
      let cursor = region.start.offset;
      for (const token of translated) {
        const found = text.indexOf(token.raw, cursor);
        if (found >= 0 && found + token.raw.length <= region.end.offset) {
          places.set(token, { start: context.translated.pointAt(found), end: context.translated.pointAt(found + token.raw.length) });
          cursor = found + token.raw.length;
        }
      }
      const at = (token: NumberToken): Range => places.get(token) ?? { start: region.start, end: region.start };
      const show = (token: NumberToken) => (token.native ? `\`${token.raw}\` (${token.ascii})` : `\`${token.raw}\``);
      for (const { translated: extra, english: missing } of differences) {
        const details = { translated: extra?.ascii ?? null, english: missing?.ascii ?? null };
        const subject = `${details.translated ?? ''} -> ${details.english ?? ''}`;
        if (extra && missing) {
          context.report({ message: `Number ${show(extra)} differs from the English \`${missing.raw}\` (${englishAt})`, place: at(extra), details, subject });
        } else if (extra) {
          context.report({ message: `Number ${show(extra)} is not in the English (${englishAt})`, place: at(extra), details, subject });
        } else if (missing) {
          context.report({
            message: `The English number \`${missing.raw}\` (${englishAt}) is missing from the translation`,
            place: { start: region.start, end: region.start },
            details,
            subject,
          });
        }
      }
      if (nativeAllowed) return;
      for (const { translated: token, english: partner } of nativeMatches) {
        context.report({
          message: `\`${token.raw}\` is ${token.ascii} in ${digitScriptName(token.raw)} digits; the English writes ${partner.raw} (${englishAt})`,
          place: at(token),
          details: { translated: token.raw, english: partner.raw, script: digitScriptName(token.raw) },
          subject: `${token.raw} -> ${partner.raw}`,
        });
      }
    };

    for (const block of context.translated.blocks) {
      if (block.type === 'code') continue;
      if (block.spans.length > 0) {
        for (const span of block.spans) {
          if (!span.english) continue;
          const stuAt = `data-stu-id "${span.englishId ?? span.id}" at line ${(span.englishPosition ?? span.position).start.line}`;
          check(span.translated.prose, { prose: span.english.prose, tokens: extractNumbers(span.english.prose) }, span.position, stuAt);
        }
        continue;
      }
      const englishBlock = context.alignment.englishOf(block);
      if (!englishBlock) continue;
      check(block.content.prose, englishNumbersOf(englishBlock), block.position, context.englishAt(englishBlock.position));
    }
  },
);
