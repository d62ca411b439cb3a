/**
 * The locale data of number-mismatch: multiplier words (`million`, `Millionen`, `mln`, `万`), month names (English,
 * and a locale's from `Intl`) and number words (English, German, Polish, Japanese numerals), with the functions
 * that find them in prose. Pure data and lookups: no rule, no engine.
 */

const DIGIT = /\p{Nd}/u;
const LETTERS = /\p{L}+/gu;

const multiplierWordsByLocale = new Map<string, Map<string, number>>();

/**
 * Words for a thousand, a million… written after a number in `locale`, and English's (translations keep English
 * often): CLDR's compact forms through `Intl` (`3 milyon`, `2만`, `150 万`, `3 Millionen`, `5 milionów`, `2 mln`),
 * lower case, letters only, each with the value it multiplies by. Short forms of one or two Latin letters are left
 * out (`3 m` is three metres as often as three million); glued `K`, `M` and `B` are {@link GLUED_MULTIPLIERS}.
 */
export function multiplierWords(locale: string): Map<string, number> {
  const key = locale.toLowerCase();
  let words = multiplierWordsByLocale.get(key);
  if (words) return words;
  words = new Map(key === 'en' ? [] : multiplierWords('en'));
  for (const compactDisplay of ['long', 'short'] as const) {
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(key, { notation: 'compact', compactDisplay, numberingSystem: 'latn' });
    } catch {
      break;
    }
    for (let exponent = 3; exponent <= 12; exponent++) {
      // Plural forms differ by number (`1 milion`, `2 miliony`, `5 milionów`): one of each kind.
      for (const lead of [1, 2, 3, 5, 22]) {
        const parts = format.formatToParts(lead * 10 ** exponent);
        if (parts.some((part) => part.type === 'fraction')) continue;
        const word = parts
          .filter((part) => part.type === 'compact')
          .map((part) => part.value)
          .join('')
          .toLowerCase()
          .replace(/[^\p{L}]/gu, '');
        const shown = Number(parts.filter((part) => part.type === 'integer').map((part) => part.value.replace(/\D/g, '')).join(''));
        if (!word || !shown || (/^\p{Script=Latin}{1,2}$/u.test(word) && compactDisplay === 'short')) continue;
        if (!words.has(word)) words.set(word, (lead * 10 ** exponent) / shown);
      }
    }
  }
  multiplierWordsByLocale.set(key, words);
  return words;
}

export const GLUED_MULTIPLIERS: Record<string, number> = { K: 1e3, k: 1e3, M: 1e6, B: 1e9 };

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
export function datedMonths(prose: string, names: Set<string>): number {
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
