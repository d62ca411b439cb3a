/**
 * @file identifier-mismatch
 *
 * ## What it checks
 * An identifier written in the prose of the English (a word in CamelCase or camelCase: `OutBuffer`,
 * `ErrorAction`, `restoreSources`) must be written the same way in the translation, when the translation has it
 * at all. The rule reports an English identifier that is missing from its translated segment or block while a
 * lower-case look-alike stands there instead: a word of lower-case letters only that ends with the identifier's
 * last part (four letters or more) or starts with its first part (five or more) and changes the rest
 * (`inbuffer` for `OutBuffer`, `subvariable` for `OutVariable`), of about the same length (four letters more or
 * less). An identifier the translation leaves out, rephrases, or writes in another case (`outbuffer`, `Nuget`: a
 * matter of style), is not reported.
 *
 * Code (fenced, indented, inline), link targets and HTML are not prose (`code-mismatch` compares code). Span
 * segments are compared with their own English, other blocks with the aligned English block.
 *
 * ## Why
 * Machine translation translates identifiers it finds in prose, a piece at a time: a list of PowerShell common
 * parameters comes back as `inbuffer, subvariable`. A reader who types what the page says gets an error, and no
 * other rule sees it, because the identifier is not code-formatted.
 *
 * ## Options
 * None.
 *
 * ## Examples
 *
 * @example
 *   {"name": "identifiers kept, reordered, in a translated sentence"}
 *   ~~~english
 *   This cmdlet supports the common parameters ErrorAction, OutBuffer and OutVariable.
 *   ~~~
 *   ~~~translated
 *   Tato rutina podporuje společné parametry OutBuffer, OutVariable a ErrorAction.
 *   ~~~
 *
 * @example
 *   {"name": "identifiers translated a piece at a time", "locale": "cs-cz"}
 *   ~~~english
 *   This cmdlet supports the common parameters ErrorAction, OutBuffer and OutVariable.
 *   ~~~
 *   ~~~translated
 *   Tato rutina podporuje společné parametry ErrorAction, inbuffer a subvariable.
 *   ~~~
 *   ~~~findings
 *   1:55 identifier-mismatch Identifier `OutBuffer` is written `inbuffer` in the translation (en-us/example.md:1)
 *   1:66 identifier-mismatch Identifier `OutVariable` is written `subvariable` in the translation (en-us/example.md:1)
 *   ~~~
 */
import { compareRegions, defineRule, placeInProse, StepBudget, type Difference, type Range, type Side } from '../src/rule-kit/index.js';

/** A word of a side's prose, with where it is in the prose. */
interface Word {
  text: string;
  index: number;
}

/** A word in CamelCase or camelCase: two or more parts, each an upper-case letter and lower-case letters or digits. */
const IDENTIFIER = /^(?:[A-Z][a-z0-9]+){2,}$|^[a-z]+(?:[A-Z][a-z0-9]+)+$/;
const WORD = /[\p{L}\p{N}_]+/gu;
/** The parts of an identifier: `OutBuffer` → `out`, `buffer`. */
const partsOf = (identifier: string) => (identifier.match(/[A-Z]?[a-z0-9]+/g) ?? []).map((part) => part.toLowerCase());

/** Comparisons of identifiers with candidate words per region (a page's longest parameter list needs a few thousand). */
const MAX_COMPARISONS = 1_000_000;
/** How far a look-alike's length may be from the identifier's. */
const LENGTH_SLACK = 4;
/**
 * The shortest part a look-alike may be recognised by: an identifier's last part of four letters (`core` in
 * `servicecore`), its first part of five (`auto` starts too many words of too many languages: `automatisch`).
 */
const MIN_LAST_PART = 4;
const MIN_FIRST_PART = 5;

function wordsOf(side: Side): Word[] {
  return [...side.content.prose.matchAll(WORD)].map((match) => ({ text: match[0], index: match.index }));
}

/** Is `word` a lower-case look-alike of `identifier`: one of its long parts with a changed rest? */
function looksLike(word: string, identifier: string): boolean {
  // Lower-case letters only: a word with `_` or digits (`media_query`, `utf8`) is a name of its own. The identifier
  // in another case (`nuget`, `Nuget`, `outbuffer`) is a matter of style, not a translation, and would drown the
  // translated ones (machine translation lower-cases `NuGet` on nearly every German page).
  if (!/^\p{Ll}+$/u.test(word) || word === identifier.toLowerCase()) return false;
  if (Math.abs(word.length - identifier.length) > LENGTH_SLACK) return false;
  const parts = partsOf(identifier);
  const first = parts[0];
  const last = parts[parts.length - 1];
  return (last.length >= MIN_LAST_PART && word.endsWith(last) && word.length > last.length) || (first.length >= MIN_FIRST_PART && word.startsWith(first) && word.length > first.length);
}

export default defineRule(
  {
    id: 'identifier-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'identifiers in the prose of each translated segment and block are written as in its English, not translated' },
    defaultSeverity: 'warn',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  (context) => {
    compareRegions<Word>(context, {
      policy: 'spans-or-blocks',
      skipBlock: (block) => block.type === 'code',
      tokens: (side, region) => (side === region.translated ? wordsOf(side) : wordsOf(side).filter((word) => IDENTIFIER.test(word.text))),
      key: (word) => word.text,
      compare: (translated, english, region) => {
        if (english.length === 0) return [];
        const written = new Set(translated.map((word) => word.text));
        // Words of the English prose are not look-alikes: a word both sides share is the text, not damage; and
        // neither is another English identifier in another case (`highestminor` is `HighestMinor`, not a
        // translated `HighestPatch`).
        const englishWords = new Set(wordsOf(region.english).map((word) => word.text.toLowerCase()));
        // Only lower-case words can be look-alikes; each missing identifier looks at them in order, within a budget
        // of comparisons per region (a hostile paragraph of 100,000 identifiers and words stops short, the same way
        // on every machine).
        const candidates = translated.filter((word) => /^\p{Ll}+$/u.test(word.text) && !englishWords.has(word.text));
        const budget = new StepBudget(MAX_COMPARISONS);
        const taken = new Set<Word>();
        const found: Array<Difference<Word>> = [];
        for (const identifier of english) {
          if (written.has(identifier.text) || !budget.spend(candidates.length)) continue;
          const lookalike = candidates.find((word) => !taken.has(word) && looksLike(word.text, identifier.text));
          if (!lookalike) continue;
          taken.add(lookalike);
          found.push({ translated: lookalike, english: [identifier] });
        }
        return found;
      },
      report: (difference, region) => {
        const word = difference.translated!;
        const [identifier] = difference.english;
        const place: Range = placeInProse(region.translated, word.index, word.text.length) ?? region.translated.range;
        context.report({
          message: `Identifier \`${identifier.text}\` is written \`${word.text}\` in the translation (${region.englishAt(placeInProse(region.english, identifier.index, identifier.text.length))})`,
          place,
          details: { translated: word.text, english: identifier.text },
          subject: `${identifier.text} -> ${word.text}`,
        });
      },
    });
  },
);
