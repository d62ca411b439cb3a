/**
 * Numbers in prose, for number-mismatch: runs of decimal digits of any script with their separators, read by
 * value; versions, ranges cut into versions, numbers grouped in thousands, multipliers (`2万`, `3 million`, a glued
 * `3M`), numbers glued to Latin letters (`x64`) and digits inside URLs left out; the name of a number's digit
 * script. One pass over the prose, no backtracking.
 */
import { GLUED_MULTIPLIERS, multiplierWords } from './number-words.js';
import { UNSPACED_LETTER } from './prose.js';

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
  /**
   * A version broken by punctuation of another script (`4.1。0`: machine translation turned a dot into an
   * ideographic full stop): the character found inside it. The number is read as if it were a dot.
   */
  broken?: string;
}

const DIGIT = /\p{Nd}/u;
/** Separators allowed between two digit groups of one number. */
const SEPARATORS = new Set(['.', ',', ':', '/', '-', "'", '\u2019', '\u00a0', '\u202f', '\u2009', '\u066b', '\u066c']);
/**
 * Full stops of East Asian scripts: inside a dotted number (`4.1。0`, `1.0．7`) they are a dot that machine
 * translation converted, not the end of a sentence followed by a number. (Their commas, `、` and `，`, separate the
 * items of a list: `1.0、1.01.1` is two versions.)
 */
const BROKEN_DOTS = new Set(['\u3002', '\uff0e', '\uff61']);

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
  // A heading id written in the text (`## Example {#example-application-1}`) is a name, not prose.
  if (chars[from] === '{' && chars[from + 1] === '#') return from;
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
const LETTER = /\p{L}/u;

/** Letters of scripts without case (Han, Kana, Hangul…), which write a multiplier glued to the number (`2万人`). */
const UNCASED = /^\p{Lo}$/u;

/**
 * The multiplier written right after a number ending before `at`: a word of `words` after a space (`3 million`),
 * one glued in an uncased script or after a space (`2万`, `300 万`, `2만/분`), or a glued `K`, `M`, `B`; 1 if none.
 */
function multiplierAfter(chars: string[], at: number, words: Map<string, number>): number {
  let i = at;
  if (chars[i] === ' ') i++;
  const char = chars[i];
  if (i === at && char !== undefined && GLUED_MULTIPLIERS[char] && !LATIN.test(chars[i + 1] ?? '')) return GLUED_MULTIPLIERS[char];
  if (char === undefined || !LETTER.test(char)) return 1;
  if (UNCASED.test(char)) {
    // No space ends the word: the longest known word the letters start with.
    let word = '';
    let found = 1;
    for (let k = i; k < chars.length && k < i + 4 && UNCASED.test(chars[k]); k++) {
      word += chars[k];
      found = words.get(word) ?? found;
    }
    return found;
  }
  if (i === at) return 1;
  let word = '';
  while (i < chars.length && word.length < 16 && (LETTER.test(chars[i]) || chars[i] === '.')) word += chars[i++].toLowerCase();
  word = word.replace(/\./g, '');
  const exact = words.get(word);
  if (exact !== undefined) return exact;
  // An inflection CLDR's plural forms do not list (`3 milionami`, `3 миллионами`):
  // a known word of five letters or more followed by at most four more letters.
  for (let cut = word.length - 1; cut >= 5 && cut >= word.length - 4; cut--) {
    const stem = words.get(word.slice(0, cut));
    if (stem !== undefined) return stem;
  }
  return 1;
}

/** `am` or `pm` when a 12-hour clock's marker follows at `at` (`PM`, ` p.m.`, ` am`), else undefined. */
function twelveHourMarker(chars: string[], at: number): 'am' | 'pm' | undefined {
  let i = at;
  if (chars[i] === ' ') i++;
  const first = chars[i]?.toLowerCase();
  if (first !== 'a' && first !== 'p') return undefined;
  i++;
  if (chars[i] === '.') i++;
  if (chars[i]?.toLowerCase() !== 'm') return undefined;
  i++;
  if (chars[i] === '.') i++;
  return LETTER.test(chars[i] ?? '') ? undefined : first === 'a' ? 'am' : 'pm';
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

/**
 * The numbers of a piece of prose written in `locale` (whose multiplier words count, with English's), in order.
 * One pass, no backtracking.
 */
export function extractNumbers(prose: string, locale = 'en'): NumberToken[] {
  const tokens: NumberToken[] = [];
  // Most prose has no digit at all: no number either.
  if (!DIGIT.test(prose)) return tokens;
  const words = multiplierWords(locale);
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
      } else if (i + 1 < chars.length && BROKEN_DOTS.has(chars[i]) && isDigit(chars[i + 1]) && separators.length > 0 && separators.every((separator) => separator === '.')) {
        separators.push('.');
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
    // A time of the 12-hour clock (`1:00PM`, `1:30 p.m.`, `9 AM`) is read as the 24-hour clock most locales write
    // (`13:00 Uhr`, `13 h 30`): the hour becomes 13, and the marker is not a glued unit.
    const clock = twelveHourMarker(chars, i);
    if (clock && separators.every((separator) => separator === ':') && groups.length <= 2 && Number(groups[0]) >= 1 && Number(groups[0]) <= 12) {
      groups[0] = String((Number(groups[0]) % 12) + (clock === 'pm' ? 12 : 0));
    }
    // A number with a multiplier (`2万`, `300 万`, `2만`, `3 million`, `3 Millionen`, `2 mln`) is the product; a
    // glued `3M` or `2K` keeps its digits and gets the product as well (both only let the other side's number go).
    const multiplier = multiplierAfter(chars, i, words);
    // An English ordinal (`3rd party`, `4th segment`) is glued too: translations write it as a word as often as not.
    // So is a number glued to a letter of another script written with spaces (`16진수`, hexadecimal; `3개`, three
    // items): a word of its own that the English may say without digits. Han, kana and Thai write words without
    // spaces, so a number before their letters stays a number (`3月4日`, `3つ`).
    const gluedAfter = (LATIN.test(after) && !clock) || (multiplier === 1 && LETTER.test(after) && !LATIN.test(after) && !UNSPACED_LETTER.test(after));
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
      const broken = Array.from(raw).find((char) => BROKEN_DOTS.has(char));
      tokens.push({
        scaled: gluedAfter && b === groups.length - 1 ? scaled : undefined,
        glued: (a === 0 && gluedBefore) || (b === groups.length - 1 && gluedAfter),
        raw,
        ascii: Array.from(raw, (char) => (isDigit(char) ? String(digitValue(char.codePointAt(0)!)) : BROKEN_DOTS.has(char) ? '.' : char)).join(''),
        ...(broken !== undefined ? { broken } : {}),
        index: offsets[groupStarts[a]],
        groups: version ? pieceGroups : canonicalGroups(pieceGroups, pieceSeparators),
        version,
        native,
      });
    }
  }
  return tokens;
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
