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
 *
 * ## Why
 * Text left in English is the defect readers notice first and machine translation leaves most often: a
 * segment skipped by the tool, a page handed back untouched, a paragraph added after the handoff.
 *
 * ## Options
 * - `minWords` (integer, default 4): the fewest translatable words a segment needs to be judged.
 * - `ignoreTerms` (array of strings, default `[]`): product names and terms that stay in English, removed
 *   (case-insensitive, whole words) before counting.
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
import { defineRule } from '../src/rule.js';
import { BLOCK_NAMES, type Block } from '../src/document.js';
import { isTranslatable, quote } from '../src/prose.js';

interface Options {
  minWords: number;
  ignoreTerms: string[];
}

function same(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

export default defineRule<Options>(
  {
    id: 'untranslated-segment',
    type: 'problem',
    docs: { description: 'A segment or block must not be left as its English text' },
    defaultSeverity: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: { type: 'integer', minimum: 1 },
        ignoreTerms: { type: 'array', items: { type: 'string' } },
      },
    },
    defaultOptions: { minWords: 4, ignoreTerms: [] },
  },
  (context) => {
    const { minWords, ignoreTerms } = context.options;
    const translatable = (prose: string) => isTranslatable(prose, { minWords, ignoreTerms, skipNames: true });
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

    for (const block of document.blocks) {
      if (block.type === 'code') continue;
      const english = context.alignment.englishOf(block);
      if (!english || !same(block.content.prose, english.content.prose) || !translatable(english.content.prose)) continue;
      context.report({
        message: `${BLOCK_NAMES[block.type]} is not translated: "${quote(english.content.prose)}" is the English text at ${context.englishAt(english.position)}`,
        place: block.position,
        details: { text: english.content.prose, english: context.englishAt(english.position) },
        subject: english.content.prose,
      });
    }
  },
);
