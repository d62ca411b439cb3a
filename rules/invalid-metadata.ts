/**
 * @file invalid-metadata
 *
 * ## What it checks
 * The localization metadata in a translated file's front matter, on pages that have some (under the configured
 * profile; pages without any, such as `TOC.md`, are skipped unless a key there is a misspelt source commit key):
 * - the recorded locale (`ms.contentlocale`) is the locale of the folder the file is in;
 * - `ms.translationtype` is one of `translationTypes` (default `MT`, machine, and `HT`, human);
 * - the `required` keys are there (default: the `ms` profile's `ms.contentlocale`, `ms.sourcegitcommit` and
 *   `ms.lasthandoff`; no key for other profiles);
 * - the keys of `sameAsEnglish` (default `ms.topic`, `ms.assetid`, `ms.prod`, `ms.technology`, `ms.service`,
 *   `ms.subservice`, `ms.devlang`) hold the English file's value when both have the key: they classify the page
 *   and are not translated;
 * - `title` is not left as the English title (when it has at least `minTitleWords` words of prose a translator
 *   translates: a product name, a Title Case name such as `NuGet PowerShell Reference` or `NuGet Error NU5038`, or
 *   a command is the same in every language);
 * - the source commit (`ms.sourcegitcommit`, `l10n.sourceCommit`, `default_lang_commit`: the profile's `commit`
 *   key) is 4–64 hexadecimal digits and nothing else. Each of these is a finding at the key's line that says what
 *   was found and what was expected: the key with no value (or a list); a blank before or after the hash that
 *   YAML keeps (a full-width space U+3000, a no-break space U+00A0, a zero-width space U+200B); a value that is
 *   no hash (`HEAD~1`, `abc`); `l10n: <hash>`, a value where `l10n.sourceCommit` wants a mapping; and, when the
 *   commit key is absent, a key a few edits from it (`default_lang_comit`, `l10n.sourcecommit`,
 *   `ms.sourcegitcomit`). With the `auto` profile a page without a detected profile is checked against every
 *   profile's commit key, and `l10n` only when its value looks like a commit. Such a commit is not looked up in
 *   the English history, so staleness is not checked (the message says so), except around blanks that white
 *   space trimming removes.
 * The hash itself is `stale-source-hash`'s business, and so is a page that records no commit at all.
 *
 * ## Why
 * Broken metadata misleads everything built on it: a page filed under the wrong locale is served to the wrong
 * readers, a wrong `ms.topic` moves it in the site's navigation and search, and an English title is what search
 * results and browser tabs show for a page that is otherwise translated.
 *
 * ## Options
 * - `required` (array of strings, default `null`: the profile's keys as above): keys every localized page needs.
 * - `sameAsEnglish` (array of strings): keys that must equal the English file's.
 * - `translationTypes` (array of strings, default `["MT", "HT"]`): allowed values of `ms.translationtype`.
 * - `minTitleWords` (integer, default 3): shortest title (in words) that must not stay English.
 *
 * ## Examples
 *
 * @example
 *   {"name": "consistent metadata"}
 *   ~~~english
 *   ---
 *   title: Install the package manager
 *   ms.topic: conceptual
 *   ---
 *   # Install
 *   ~~~
 *   ~~~translated
 *   ---
 *   title: Den Paket-Manager installieren
 *   ms.topic: conceptual
 *   ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567
 *   ms.lasthandoff: 03/05/2021
 *   ms.contentlocale: de-DE
 *   ms.translationtype: HT
 *   ---
 *   # Installieren
 *   ~~~
 *
 * @example
 *   {"name": "wrong locale, unknown translation type, changed topic, English title, a key missing"}
 *   ~~~english
 *   ---
 *   title: Install the package manager
 *   ms.topic: conceptual
 *   ---
 *   # Install
 *   ~~~
 *   ~~~translated
 *   ---
 *   title: Install the package manager
 *   ms.topic: Konzept
 *   ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567
 *   ms.contentlocale: fr-FR
 *   ms.translationtype: XT
 *   ---
 *   # Installieren
 *   ~~~
 *   ~~~findings
 *   1:1 invalid-metadata Required key ms.lasthandoff is missing
 *   2:1 invalid-metadata title is the English title "Install the package manager"
 *   3:1 invalid-metadata ms.topic is "Konzept", the English file's is "conceptual" (en-us/example.md:3)
 *   5:1 invalid-metadata ms.contentlocale is fr-FR, but this file is the de-de translation
 *   6:1 invalid-metadata ms.translationtype "XT" is not one of MT, HT
 *   ~~~
 *
 * @example
 *   {"name": "a full-width space after the hash"}
 *   ~~~english
 *   # Install
 *   ~~~
 *   ~~~translated
 *   ---
 *   title: Installieren
 *   default_lang_commit: "0a1b2c3d\u3000"
 *   ---
 *   # Installieren
 *   ~~~
 *   ~~~findings
 *   3:1 invalid-metadata default_lang_commit "0a1b2c3d\u3000" has a full-width space (U+3000) after the hash: expected the hash alone (default_lang_commit: 0a1b2c3d)
 *   ~~~
 *
 * @example
 *   {"name": "a misspelt source commit key", "metadata": "mdn"}
 *   ~~~english
 *   # Install
 *   ~~~
 *   ~~~translated
 *   ---
 *   title: Installieren
 *   l10n:
 *     sourcecommit: 5b20f5f4265f988f80f513db0e4b35c7e0cd70dc
 *   ---
 *   # Installieren
 *   ~~~
 *   ~~~findings
 *   4:1 invalid-metadata Unknown key l10n.sourcecommit (did you mean "l10n.sourceCommit"?): the source commit is not read from it, so staleness cannot be checked
 *   ~~~
 */
import { defineRule, didYouMean, isTranslatable, lookup, stringValue, type CommitProblem } from '../src/rule-kit/index.js';

interface InvalidMetadataOptions {
  required: string[] | null;
  sameAsEnglish: string[];
  translationTypes: string[];
  minTitleWords: number;
}

const MS_REQUIRED = ['ms.contentlocale', 'ms.sourcegitcommit', 'ms.lasthandoff'];

const at = (line: number) => ({ start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } });

const HEX = '4–64 hexadecimal digits';

/** `U+3000`: a character's code point as Unicode writes it. */
function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

const BLANK_NAMES: Record<string, string> = {
  '\u0020': 'space',
  '\u0009': 'tab',
  '\u00a0': 'no-break space',
  '\u200b': 'zero-width space',
  '\u3000': 'full-width space',
  '\ufeff': 'zero-width no-break space',
};

/** "a full-width space (U+3000)", or "2 blanks (no-break space U+00A0, full-width space U+3000)". */
function describeBlanks(characters: string): string {
  const named = (character: string) => `${BLANK_NAMES[character] ?? 'blank'} (${codePoint(character)})`;
  const distinct = [...new Set(characters)];
  if (characters.length === 1) return `a ${named(characters)}`;
  return `${characters.length} blanks: ${distinct.map(named).join(', ')}`;
}

/** A value in a message: blanks other than the ASCII space as `\u3000` escapes, so an invisible one shows. */
function shown(value: string): string {
  return value.replace(/[^\S ]|[\u200b-\u200d\u2060]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What was found and what was expected, for one source commit problem; and whether staleness goes unchecked
 * because of it (not when the page has a hash, which decides staleness alone).
 */
function describeCommitProblem(problem: CommitProblem, hasHash: boolean): string {
  const { key, value, expected } = problem;
  const consequence = hasHash ? 'so what changed since it cannot be shown' : 'so staleness cannot be checked';
  switch (problem.kind) {
    case 'empty':
      return value
        ? `${key} holds ${describeBlanks(value)} and no commit: expected the English source commit (${HEX}), ${consequence}`
        : `${key} is empty: expected the English source commit (${HEX}), ${consequence}`;
    case 'not-scalar':
      return `${key} is ${problem.shape}, not a commit: expected ${HEX}, ${consequence}`;
    case 'not-hex':
      return `${key} "${shown(value!)}" is not a commit hash: expected ${HEX}, ${consequence}`;
    case 'blank': {
      const { characters, where, hash } = problem.blank!;
      const checked = problem.checkable || hasHash ? '' : `, ${consequence}`;
      return `${key} "${shown(value!)}" has ${describeBlanks(characters)} ${where} the hash: expected the hash alone (${key}: ${hash})${checked}`;
    }
    case 'scalar-parent': {
      const child = expected.slice(key.length + 1);
      return value
        ? `${key} is "${value}", a value: expected the source commit under it as ${expected} (${key}: {${child}: ${value}}), ${consequence}`
        : `${key} is empty: expected the source commit under it as ${expected} (${key}: {${child}: <commit>}), ${consequence}`;
    }
    case 'misspelt':
      return `Unknown key ${key}${didYouMean(key, [expected])}: the source commit is not read from it, ${consequence}`;
  }
}

/** A front matter value as text, for comparing (YAML may give numbers, dates or lists). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : String(value instanceof Date ? value.toISOString().slice(0, 10) : value).trim();
}

export default defineRule<InvalidMetadataOptions>(
  {
    id: 'invalid-metadata',
    type: 'problem',
    docs: { description: "localization metadata names the file's locale and a valid translation type, has its required keys, keeps the English classification keys, does not leave the title in English and records its source commit as a hash under the profile's key" },
    defaultSeverity: 'warn',
    // The page's own metadata, against the English file as it is: a title left in English is one whatever
    // the English was at the handoff, and metadata findings need no note on which English they used.
    compares: 'current',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: { type: ['array', 'null'], items: { type: 'string', minLength: 1 } },
        sameAsEnglish: { type: 'array', items: { type: 'string', minLength: 1 } },
        translationTypes: { type: 'array', items: { type: 'string', minLength: 1 } },
        minTitleWords: { type: 'integer', minimum: 1 },
      },
    },
    defaultOptions: {
      required: null,
      sameAsEnglish: ['ms.topic', 'ms.assetid', 'ms.prod', 'ms.technology', 'ms.service', 'ms.subservice', 'ms.devlang'],
      translationTypes: ['MT', 'HT'],
      minTitleWords: 3,
    },
  },
  (context) => {
    // The source commit first: a misspelt key or a malformed value matters even when nothing else was read.
    const commitProblems = context.origin.sourceCommit?.problems ?? [];
    const hasHash = context.origin.localization?.hash !== undefined;
    for (const problem of commitProblems) {
      context.report({
        message: describeCommitProblem(problem, hasHash),
        place: at(problem.line),
        details: {
          problem: problem.kind,
          key: problem.key,
          ...(problem.value !== undefined ? { value: problem.value } : {}),
          expected: problem.expected,
          ...(problem.blank ? { blanks: [...problem.blank.characters].map(codePoint), hash: problem.blank.hash } : {}),
          stalenessChecked: problem.checkable || hasHash,
        },
        subject: `source commit ${problem.kind} ${problem.key}`,
      });
    }
    const localization = context.origin.localization;
    if (!localization) return;
    const { data, keyLines } = context.translated.frontMatter;
    const english = context.english.frontMatter;
    const lineOf = (key: string) => keyLines[key] ?? keyLines[key.split('.')[0]] ?? 1;

    const required = context.options.required ?? (localization.profile === 'ms' ? MS_REQUIRED : []);
    // A key written wrong is reported above, at its line, saying which key was meant.
    const meant = new Set(commitProblems.filter((problem) => problem.key !== problem.expected).map((problem) => problem.expected));
    for (const key of required) {
      if (lookup(data, key) === undefined && !meant.has(key)) context.report({ message: `Required key ${key} is missing`, place: at(1), subject: `required ${key}` });
    }

    const title = stringValue(data, 'title');
    const englishTitle = stringValue(english.data, 'title');
    // A title that names something (`NuGet Error NU5038`, `NuGet PowerShell Reference`, `dotnet nuget push`) is
    // a name a translation keeps, as untranslated-segment judges names.
    if (title && title === englishTitle && title.split(/\s+/).length >= context.options.minTitleWords && isTranslatable(title, { minWords: context.options.minTitleWords, skipNames: true })) {
      context.report({ message: `title is the English title "${title}"`, place: at(lineOf('title')), subject: 'english title' });
    }

    for (const key of context.options.sameAsEnglish) {
      const mine = text(lookup(data, key));
      const theirs = text(lookup(english.data, key));
      if (mine === undefined || theirs === undefined || mine === theirs) continue;
      context.report({
        message: `${key} is "${mine}", the English file's is "${theirs}" (${context.englishAt(at(english.keyLines[key] ?? 1))})`,
        place: at(lineOf(key)),
        details: { key, value: mine, english: theirs },
        subject: `same ${key}`,
      });
    }

    const locale = localization.locale;
    if (locale && locale.value.toLowerCase() !== context.locale.toLowerCase()) {
      context.report({
        message: `${locale.key} is ${locale.value}, but this file is the ${context.locale} translation`,
        place: at(locale.line),
        details: { recorded: locale.value, folder: context.locale },
        subject: 'locale',
      });
    }

    const type = stringValue(data, 'ms.translationtype');
    if (type !== undefined && !context.options.translationTypes.includes(type)) {
      context.report({
        message: `ms.translationtype "${type}" is not one of ${context.options.translationTypes.join(', ')}`,
        place: at(lineOf('ms.translationtype')),
        subject: 'translation type',
      });
    }
  },
);
