/**
 * @file untranslated-segment
 *
 * ## What it checks
 * A segment whose translation is its English text. In the span format that is a `data-ttu-id` span whose prose
 * equals the prose of its own `data-stu-id` span; in plain Markdown, a block (heading, paragraph, table cell)
 * whose prose equals the prose of the English block it aligns with.
 *
 * Only prose a translator would translate counts. Code (fenced, indented, inline), link targets, URLs, file
 * names (`nuget.config`), numbers, HTML tags, docfx extensions (`[!INCLUDE[…](…)]`, `[!code-json[…](…)]`,
 * `[!Video …]`, `> [!NOTE]`) and identifiers (`PackageReference`, `System.IO`, `--no-cache`) are left out before
 * judging, and so are the terms of the option `ignoreTerms`. A segment needs at least `minWords` words of what
 * is left to count: single identifiers, parameter names and short product names legitimately stay in English.
 * A block kept as its English is not reported when it only lists names (`Debug, ErrorAction, Verbose…`,
 * `Saim Safdar, Waleed Ahmed…`: every word capitalised and fewer than one in ten an English stopword), or when it
 * is the titles of the pages it links to, with at most three words around them (a "See also" item
 * `[Privacy and the :visited selector](…)`, `[content-visibility: the new CSS property…](https://web.dev/…) (web.dev)`):
 * a translation names a linked page as that page names itself.
 *
 * In plain Markdown, a block that aligns with no English block, or whose English differs (a paragraph added after
 * the handoff, a translation tool that skipped a block while the English changed) is judged by its language:
 * when at least `detectMinLength` characters of translatable prose are there, it is English only with three
 * kinds of evidence: no real share (5%) of the locale's own script (CLDR's likely script of the locale through
 * `Intl`: Devanagari for Hindi, Arabic for Urdu, Cyrillic for Russian, kana and Han for Japanese), English
 * sentences (at least two English stopwords of stopwords-iso, one word in ten or more, and more of them than of
 * the locale's own stopwords), and a clear English win when franc decides between the two languages. Locales
 * franc does not know, and English ones, are not judged this way.
 *
 * ## Why
 * Text left in English is the defect readers notice first and machine translation leaves most often: a
 * segment skipped by the tool, a page handed back untouched, a paragraph added after the handoff.
 *
 * ## Options
 * - `minWords` (integer, default 4): the fewest translatable words a segment needs to be judged.
 * - `ignoreTerms` (array of strings, default `[]`): product names and terms that stay in English, removed
 *   (case-insensitive, whole words) before counting.
 * - `detectLanguage` (boolean, default `true`): judge unaligned or changed plain blocks by their language.
 * - `detectMinLength` (integer, default 80): the fewest characters of translatable prose language detection
 *   needs (shorter text is too easy to misjudge).
 *
 * ## Examples
 *
 * @example
 *   {"name": "translated, and English kept only in code, includes, notes and identifiers"}
 *   ~~~english
 *   # Install a package
 *
 *   > [!NOTE]
 *   > Restart Visual Studio after you install the package.
 *
 *   [!INCLUDE [setup](includes/setup.md)]
 *
 *   | Setting | Value |
 *   | --- | --- |
 *   | `globalPackagesFolder` | packages.config |
 *
 *       nuget install Contoso.Utility -Version 1.0.0
 *   ~~~
 *   ~~~translated
 *   # Installieren eines Pakets
 *
 *   > [!NOTE]
 *   > Starten Sie Visual Studio neu, nachdem Sie das Paket installiert haben.
 *
 *   [!INCLUDE [setup](includes/setup.md)]
 *
 *   | Einstellung | Wert |
 *   | --- | --- |
 *   | `globalPackagesFolder` | packages.config |
 *
 *       nuget install Contoso.Utility -Version 1.0.0
 *   ~~~
 *
 * @example
 *   {"name": "a span segment left in English"}
 *   ~~~english
 *   There are several steps you can take to help increase security in your organization.
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-103">There are several steps you can take to help increase security in your organization.</span><span class="sxs-lookup"><span data-stu-id="f6f19-103">There are several steps you can take to help increase security in your organization.</span></span>
 *   ~~~
 *   ~~~findings
 *   1:1 untranslated-segment Segment "f6f19-103" is not translated: "There are several steps you can take to…" is the English text
 *   ~~~
 *
 * @example
 *   {"name": "a plain paragraph left in English"}
 *   ~~~english
 *   # Overview
 *
 *   Package restore installs the dependencies of a project.
 *   ~~~
 *   ~~~translated
 *   # Übersicht
 *
 *   Package restore installs the dependencies of a project.
 *   ~~~
 *   ~~~findings
 *   3:1 untranslated-segment Paragraph is not translated: "Package restore installs the…" is the English text at en-us/example.md:3
 *   ~~~
 *
 * @example
 *   {"name": "a short product name stays below minWords, a sentence around product names does not"}
 *   ~~~english
 *   ## Visual Studio Code
 *
 *   Use the dotnet CLI in Azure DevOps pipelines.
 *   ~~~
 *   ~~~translated
 *   ## Visual Studio Code
 *
 *   Use the dotnet CLI in Azure DevOps pipelines.
 *   ~~~
 *   ~~~findings
 *   3:1 untranslated-segment Paragraph is not translated: "Use the dotnet CLI in Azure DevOps…" is the English text at en-us/example.md:3
 *   ~~~
 *
 * @example
 *   {"name": "ignoreTerms removes terms before counting", "options": {"ignoreTerms": ["dotnet", "Azure DevOps", "pipelines"]}}
 *   ~~~english
 *   Use the dotnet CLI in Azure DevOps pipelines.
 *   ~~~
 *   ~~~translated
 *   Use the dotnet CLI in Azure DevOps pipelines.
 *   ~~~
 */
import type { Nodes } from 'mdast';
import { defineRule, memoize, BLOCK_NAMES, englishScores, isTranslatable, isTranslatableText, localeScript, nodeText, quote, stopwordCount, translatableText, walkTree, type Block, type LocDocument } from '../src/rule-kit/index.js';
import { data as trigrams } from 'franc-min/data.js';
import { expressions as scripts } from 'franc-min/expressions.js';
import { iso6393 } from 'iso-639-3';

interface Options {
  minWords: number;
  ignoreTerms: string[];
  detectLanguage: boolean;
  detectMinLength: number;
}

/**
 * How far behind English the locale's language must score (franc's scores: 1 for the best) for a block to count
 * as English. On the NuGet handoff, real translations full of product names score 0.84–0.93; English
 * paragraphs score 0.26–0.68 against German and Polish.
 */
const ENGLISH_MARGIN = 0.75;
/** The share of a block's characters in the locale's own script above which it is not English (5%). */
const SCRIPT_SHARE = 0.05;

/** ISO 639-1 → 639-3 for the languages franc-min knows (franc names languages by ISO 639-3 codes). */
let languages: Map<string, { code: string; name: string }> | undefined;

/** The language of a locale (`de-DE` → German, `deu`), when franc can tell it from English; else undefined. */
function languageOf(locale: string): { code: string; name: string } | undefined {
  languages ??= new Map(iso6393.filter((language) => language.iso6391).map((language) => [language.iso6391!, { code: language.iso6393, name: language.name }]));
  const language = languages.get(locale.split(/[-_]/)[0].toLowerCase());
  if (!language || language.code === 'eng' || !FRANC_MIN_LANGUAGES.has(language.code)) return undefined;
  return language;
}

/** The languages franc-min can name: those of its trigram data, and those it tells by their script alone. */
const FRANC_MIN_LANGUAGES = new Set([
  ...Object.values(trigrams).flatMap((byScript) => Object.keys(byScript)),
  ...Object.keys(scripts).filter((name) => /^[a-z]{3}$/.test(name)),
]);

/** The share of a block's words that must be English stopwords for it to read as English sentences. */
const STOPWORD_SHARE = 0.1;

/**
 * Do the words of `text` read as English sentences? At least two English stopwords, at least STOPWORD_SHARE of the
 * words, and more English stopwords than stopwords of the locale's language (where stopwords-iso has them).
 */
function hasEnglishSentences(text: string, locale: string): boolean {
  const words = text.match(WORD) ?? [];
  const english = stopwordCount(words, 'en');
  return english >= 2 && english >= words.length * STOPWORD_SHARE && english > stopwordCount(words, locale);
}

/**
 * Does an English block left as it is say something in English words, rather than list names, parameters or
 * product names (`Debug, ErrorAction, ErrorVariable`, `Saim Safdar, Waleed Ahmed`), which stay in English on
 * purpose? Words say something when one is a lower-case word (`Compromised email accounts`) or STOPWORD_SHARE of
 * them are English stopwords (`Name` alone among thirteen parameters is not enough).
 */
const hasEnglishWords = memoize((english: Block): boolean => {
  const words = translatableText(english.content.prose).match(WORD) ?? [];
  return words.some((word) => word === word.toLowerCase() && word !== word.toUpperCase()) || stopwordCount(words, 'en') >= words.length * STOPWORD_SHARE;
});
const WORD = /\p{L}+/gu;

/** The paragraphs and headings of a document by where they start: the tree nodes of its blocks. */
const blockNodesOf = memoize((document: LocDocument): Map<number, Nodes> => {
  const nodes = new Map<number, Nodes>();
  walkTree(document.tree, (node) => {
    const offset = node.position?.start.offset;
    if ((node.type === 'paragraph' || node.type === 'heading') && offset !== undefined) nodes.set(offset, node);
  });
  return nodes;
});

/**
 * Is the block made of the texts of its links, with at most three words around them (`[Privacy and the :visited
 * selector](…)`, `[content-visibility: the new CSS property…](https://web.dev/…) (web.dev)`)? Those are the titles
 * of the pages linked to, which a translation names as the pages name themselves.
 */
function isLinkTitles(document: LocDocument, block: Block): boolean {
  const node = blockNodesOf(document).get(block.position.start.offset);
  if (!node || !('children' in node)) return false;
  let titles = 0;
  let around = '';
  for (const child of node.children as Nodes[]) {
    if (child.type === 'link' || child.type === 'linkReference') titles += nodeText(child).length;
    else around += ` ${nodeText(child)}`;
  }
  return titles > 0 && (around.match(WORD) ?? []).length <= 3;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function same(a: string, b: string): boolean {
  return a === b || flat(a) === flat(b);
}

/**
 * What is judged of an English block, kept for the other locales of the run (they share the English document):
 * its prose with whitespace flattened, and whether it is translatable, by the options it was judged with.
 */
interface EnglishFacts {
  flat: string;
  translatable: Map<string, boolean>;
}
const factsOf = memoize((english: Block): EnglishFacts => ({ flat: flat(english.content.prose), translatable: new Map() }));

export default defineRule<Options>(
  {
    id: 'untranslated-segment',
    type: 'problem',
    docs: { description: 'no segment or block is left as its English text' },
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: { type: 'integer', minimum: 1 },
        ignoreTerms: { type: 'array', items: { type: 'string' } },
        detectLanguage: { type: 'boolean' },
        detectMinLength: { type: 'integer', minimum: 10 },
      },
    },
    defaultOptions: { minWords: 4, ignoreTerms: [], detectLanguage: true, detectMinLength: 80 },
  },
  (context) => {
    const { minWords, ignoreTerms } = context.options;
    const translatable = (prose: string) => isTranslatable(prose, { minWords, ignoreTerms, skipNames: true });
    const optionsKey = JSON.stringify([minWords, ignoreTerms]);
    const englishTranslatable = (english: Block) => {
      const known = factsOf(english).translatable;
      let verdict = known.get(optionsKey);
      if (verdict === undefined) {
        verdict = translatable(english.content.prose);
        known.set(optionsKey, verdict);
      }
      return verdict;
    };
    const document = context.translated;

    if (document.spanFormat) {
      // The span format carries its own English: judge each segment against it. The English sibling is not needed.
      for (const span of document.spans) {
        if (!span.english || !same(span.translated.prose, span.english.prose) || !translatable(span.english.prose)) continue;
        context.report({
          message: `Segment "${span.id}" is not translated: "${quote(span.english.prose)}" is the English text`,
          place: span.position,
          details: { id: span.id, text: span.english.prose },
          subject: span.id,
        });
      }
      return;
    }

    const target = context.options.detectLanguage ? languageOf(context.locale) : undefined;
    for (const block of document.blocks) {
      if (block.type === 'code') continue;
      const english = context.alignment.englishOf(block);
      const prose = block.content.prose;
      if (english && (prose === english.content.prose || flat(prose) === factsOf(english).flat)) {
        if (!englishTranslatable(english) || !hasEnglishWords(english) || isLinkTitles(document, block)) continue;
        context.report({
          message: `${BLOCK_NAMES[block.type]} is not translated: "${quote(english.content.prose)}" is the English text at ${context.englishAt(english.position)}`,
          place: block.position,
          details: { text: english.content.prose, english: context.englishAt(english.position) },
          subject: english.content.prose,
        });
        continue;
      }
      // No English to compare with (or it differs): ask what language the block is in.
      // translatableText only removes or shortens, so prose shorter than detectMinLength has too little either.
      if (!target || block.type === 'html' || prose.length < context.options.detectMinLength) continue;
      const text = translatableText(prose, { ignoreTerms });
      if (text.length < context.options.detectMinLength || !isTranslatableText(prose, text, { minWords, skipNames: true })) continue;
      // Languages with a script of their own (Hindi, Urdu, Russian, Japanese, Greek, Thai…, by CLDR's likely
      // script of the locale): any real share of that script means the block is translated, however many Latin
      // product and person names it has.
      const script = localeScript(context.locale);
      if (script && (text.match(script)?.length ?? 0) >= text.length * SCRIPT_SHARE) continue;
      // Evidence that the words are English sentences, not names or identifiers: English stopwords, more of them
      // than of the locale's own (a list of names or parameters has none).
      if (!hasEnglishSentences(text, context.locale)) continue;
      // English must win clearly: product names and English terms pull real translations towards English, so a
      // block is English only when the locale's language scores below ENGLISH_MARGIN of English's score.
      const scores = englishScores(text, target.code, context.options.detectMinLength);
      if (scores.get('eng') !== 1 || (scores.get(target.code) ?? 0) >= ENGLISH_MARGIN) continue;
      context.report({
        message: `${BLOCK_NAMES[block.type]} seems to be in English, not ${target.name}: "${quote(block.content.prose)}"`,
        place: block.position,
        details: { text: block.content.prose, detected: 'eng', expected: target.code },
        subject: `english ${block.content.prose}`,
      });
    }
  },
);
