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
 * count, in the file's language and in English, from CLDR's compact forms (`Intl`): `2万` is 20000, `2만` too,
 * `3 million`, `3 Millionen`, `3 milyon` and `2 mln` are 3000000 and 2000000 (a glued `3M` lets 3000000 go). A
 * range or a choice of versions (`3.3.0-3.4.4`, `3.4/3.4.1`) is cut into its versions.
 *
 * A number of two groups joined by a dot (`3.0`, `4.7`) is exact: none of its groups is let go by a number word
 * or a month name, so `3.0` changed to `3.1` is found even where the English also says `one`. A dotted number
 * with a full stop of an East Asian script inside it (`4.1。0`, `1.0．7`: machine translation converted the dot)
 * is read as the version it was, and reported once as broken.
 *
 * What the other side says another way lets an unmatched number go:
 * - the same number elsewhere in the segment (a translator repeating a number, `Teil 1: … (Teil 1)`);
 * - a number word of the other side's language, from n2words (71 languages: `dva`, `fünf`, `三`, `iki`, their
 *   inflected forms such as `dreimal`), and for English also `a single`, `both`, `twice`: `a single` for `1つ`,
 *   `4th` for `4 番目`;
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
 *   {"name": "a version broken by an ideographic full stop, and a changed version", "locale": "zh-tw"}
 *   ~~~english
 *   Supported since protocol version 4.1.0; use one client of version 3.0.
 *   ~~~
 *   ~~~translated
 *   自通訊協定版本4.1。0起支援；請使用一個 3.1 版的用戶端。
 *   ~~~
 *   ~~~findings
 *   1:8 number-mismatch Version `4.1。0` is broken: `。` (U+3002) stands where the English `4.1.0` has a dot (en-us/example.md:1)
 *   1:23 number-mismatch Number `3.1` differs from the English `3.0` (en-us/example.md:1)
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
import {
  compareRegions,
  datedMonths,
  defineRule,
  digitScriptName,
  extractNumbers,
  matchByKey,
  memoize,
  monthNames,
  numberWords,
  placeInProse,
  type Content,
  type Difference,
  type NumberToken,
  type Range,
  type Region,
} from '../src/rule-kit/index.js';

export interface NumberMismatchOptions {
  nativeDigits: string[];
}

/** The numbers of a piece of English and what lets them go, found once per English text for all locales. */
interface EnglishNumbers {
  prose: string;
  tokens: NumberToken[];
  months?: number;
  words?: Map<string, number>;
}
const englishNumbersOf = memoize((english: Content): EnglishNumbers => ({ prose: english.prose, tokens: extractNumbers(english.prose) }));

const isDottedPair = (token: NumberToken) => /^\d+\.\d+$/.test(token.ascii);
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

/** One key of a number: a version whole (`v1.2.3`), or one of its digit groups. */
interface Unit {
  token: NumberToken;
  key: string;
}
const keysOf = (token: NumberToken) => (token.version ? [`v${token.ascii}`] : token.groups);
const unitsOf = (tokens: NumberToken[]): Unit[] => tokens.flatMap((token) => keysOf(token).map((key) => ({ token, key })));

/** The keys of each number in `units`, in the order the units come. */
function keysByToken(units: Iterable<Unit>): Map<NumberToken, string[]> {
  const keys = new Map<NumberToken, string[]>();
  for (const { token, key } of units) {
    const list = keys.get(token);
    if (list) list.push(key);
    else keys.set(token, [key]);
  }
  return keys;
}

/**
 * Compare the numbers of a translated and an English text: versions whole, everything else as a multiset of
 * digit groups (each key of a translated number takes the first English key left that equals it, in linear time).
 * Returns the changed, extra and missing numbers, paired in order of appearance, and the translated numbers that
 * match but are written in other digits than the English.
 */
export function compareNumbers(
  allTranslated: NumberToken[],
  allEnglish: NumberToken[],
  allowance: Allowance,
): {
  differences: Array<Difference<NumberToken>>;
  nativeMatches: Array<{ translated: NumberToken; english: NumberToken }>;
  brokenMatches: Array<{ translated: NumberToken; english: NumberToken }>;
} {
  // Numbers glued to letters are not compared; their digits count as said for the other side.
  const weakKeys = (tokens: NumberToken[]) =>
    tokens.filter((token) => token.glued).flatMap((token) => [`v${token.ascii}`, ...token.groups, ...(token.scaled ? [token.scaled] : [])]);
  const translated = allTranslated.filter((token) => !token.glued);
  const english = allEnglish.filter((token) => !token.glued);
  const englishUnits = unitsOf(english);
  const matching = matchByKey(unitsOf(translated), englishUnits, (unit) => unit.key);
  // A translated number's partner: the English number its last matched key was matched with.
  const partners = new Map<NumberToken, NumberToken>();
  for (const pair of matching.matched ?? []) partners.set(pair.translated.token, pair.english.token);
  const unmatchedTranslated = keysByToken(matching.extra);
  // The English keys left, key by key in the order each key first appears in the English.
  const keyOrder = new Map<string, number>();
  for (const { key } of englishUnits) if (!keyOrder.has(key)) keyOrder.set(key, keyOrder.size);
  const byKey: Unit[][] = [];
  for (const unit of matching.missing) (byKey[keyOrder.get(unit.key)!] ??= []).push(unit);
  const unmatchedEnglish = keysByToken(byKey.flat());
  // What the other side says another way: the same number once more (a translator repeating it), a number word
  // (`two`, `fünf`, `1つ` for `one`), a month name for a month number.
  // A number of two groups joined by a dot (`3.0`, `4.7`) is a version or a decimal written exactly: none of its
  // groups is let go by a number word or a month name (`3.0` changed to `3.1` is a defect even beside an English
  // `one`), only by the same number on the other side.
  const forgive = (unmatched: Map<NumberToken, string[]>, otherKeys: Set<string>, words: Map<string, number> | undefined, months: number) => {
    const wordsLeft = new Map(words ?? []);
    for (const [token, keys] of unmatched) {
      const exact = isDottedPair(token);
      const left = keys.filter((key) => {
        if (otherKeys.has(key)) return false;
        if (exact) return true;
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
  forgive(unmatchedTranslated, new Set([...english.flatMap(keysOf), ...weakKeys(allEnglish)]), allowance.englishWords, allowance.extraMonths);
  forgive(unmatchedEnglish, new Set([...translated.flatMap(keysOf), ...weakKeys(allTranslated)]), allowance.translatedWords, allowance.missingMonths);

  const extras = translated.filter((token) => unmatchedTranslated.has(token));
  const missing = english.filter((token) => unmatchedEnglish.has(token));
  const differences: Array<Difference<NumberToken>> = [];
  for (let i = 0; i < Math.max(extras.length, missing.length); i++) {
    differences.push({ translated: extras[i], english: missing[i] === undefined ? [] : [missing[i]] });
  }
  const nativeMatches: Array<{ translated: NumberToken; english: NumberToken }> = [];
  const brokenMatches: Array<{ translated: NumberToken; english: NumberToken }> = [];
  const englishRaw = new Set(english.map((token) => token.raw));
  for (const token of translated) {
    const partner = partners.get(token);
    if (token.broken && partner && !unmatchedTranslated.has(token)) brokenMatches.push({ translated: token, english: partner });
    if (!token.native || unmatchedTranslated.has(token) || !partner) continue;
    // Written in the same digits as the English: nothing to say.
    if (englishRaw.has(token.raw)) continue;
    nativeMatches.push({ translated: token, english: partner });
  }
  return { differences, nativeMatches, brokenMatches };
}

export default defineRule(
  {
    id: 'number-mismatch',
    type: 'problem',
    reportsDifferences: true,
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
    /** Where a translated number is written: found from its place in the prose, else the region's start. */
    const at = (token: NumberToken, region: Region): Range =>
      placeInProse(region.translated, token.index, token.raw.length) ?? { start: region.translated.range.start, end: region.translated.range.start };
    const show = (token: NumberToken) => (token.native ? `\`${token.raw}\` (${token.ascii})` : `\`${token.raw}\``);
    /**
     * Matches reported after the differences of their region: written in other digits than the English, or a
     * version broken by another script's full stop (`4.1。0`).
     */
    const matchKinds = new WeakMap<Difference<NumberToken>, 'native' | 'broken'>();

    compareRegions(context, {
      policy: 'spans-or-blocks',
      skipBlock: (block) => block.type === 'code',
      tokens: (side, region) => (side === region.translated ? extractNumbers(side.content.prose, context.locale) : englishNumbersOf(side.content).tokens),
      key: (token) => keysOf(token).join(' '),
      compare: (translated, english, region) => {
        if (translated.length === 0 && english.length === 0) return [];
        const englishNumbers = englishNumbersOf(region.english.content);
        englishNumbers.months ??= datedMonths(englishNumbers.prose, englishMonths);
        englishNumbers.words ??= numberWords(englishNumbers.prose, 'en');
        const translatedProse = region.translated.content.prose;
        const result = compareNumbers(translated, english, {
          extraMonths: englishNumbers.months,
          missingMonths: datedMonths(translatedProse, localeMonths),
          englishWords: englishNumbers.words,
          translatedWords: numberWords(translatedProse, context.locale),
        });
        const broken = result.brokenMatches.map(({ translated: token, english: partner }) => ({ translated: token, english: [partner] }));
        for (const difference of broken) matchKinds.set(difference, 'broken');
        if (nativeAllowed) return [...result.differences, ...broken];
        const native = result.nativeMatches.map(({ translated: token, english: partner }) => ({ translated: token, english: [partner] }));
        for (const difference of native) matchKinds.set(difference, 'native');
        return [...result.differences, ...broken, ...native];
      },
      report: (difference, region) => {
        const { translated: token, english: [partner] } = difference;
        const englishAt = region.englishAt(undefined);
        if (matchKinds.get(difference) === 'broken') {
          const mark = token!.broken!;
          const code = `U+${mark.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
          context.report({
            message: `Version \`${token!.raw}\` is broken: \`${mark}\` (${code}) stands where the English \`${partner.raw}\` has a dot (${englishAt})`,
            place: at(token!, region),
            details: { translated: token!.raw, english: partner.raw, broken: mark },
            subject: `${token!.raw} -> ${partner.raw}`,
          });
          return;
        }
        if (matchKinds.get(difference) === 'native') {
          const script = digitScriptName(token!.raw);
          context.report({
            message: `\`${token!.raw}\` is ${token!.ascii} in ${script} digits; the English writes ${partner.raw} (${englishAt})`,
            place: at(token!, region),
            details: { translated: token!.raw, english: partner.raw, script },
            subject: `${token!.raw} -> ${partner.raw}`,
          });
          return;
        }
        const details = { translated: token?.ascii ?? null, english: partner?.ascii ?? null };
        const subject = `${details.translated ?? ''} -> ${details.english ?? ''}`;
        if (token && partner && token.ascii === partner.ascii) {
          // Written alike but read apart (a multiplier word on one side only: `3 milyon`, `3`): say how each was read.
          const read = (number: NumberToken) => keysOf(number).map((key) => key.replace(/^v/, '')).join(', ');
          context.report({
            message: `Number ${show(token)} is read as ${read(token)}, the English \`${partner.raw}\` as ${read(partner)} (${englishAt})`,
            place: at(token, region),
            details,
            subject,
          });
        } else if (token && partner) {
          context.report({ message: `Number ${show(token)} differs from the English \`${partner.raw}\` (${englishAt})`, place: at(token, region), details, subject });
        } else if (token) {
          context.report({ message: `Number ${show(token)} is not in the English (${englishAt})`, place: at(token, region), details, subject });
        } else if (partner) {
          const start = region.translated.range.start;
          context.report({ message: `The English number \`${partner.raw}\` (${englishAt}) is missing from the translation`, place: { start, end: start }, details, subject });
        }
      },
    });
  },
);
