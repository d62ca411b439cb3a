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
import {
  datedMonths,
  defineRule,
  digitScriptName,
  extractNumbers,
  memoize,
  monthNames,
  numberWords,
  type Block,
  type NumberToken,
  type Range,
} from '../src/rule-kit/index.js';

export interface NumberMismatchOptions {
  nativeDigits: string[];
}

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
