/**
 * @file placeholder-mismatch
 *
 * ## What it checks
 * The placeholders in the prose of a translated segment must be those of its English, as written: `{0}`, `{1,-10}`,
 * `{name}`, `%s`, `%d`, `%1$d`, `${var}`, `{{ var }}` (spaces inside the braces do not count), `:placeholder` (after
 * a blank, `/` or `(`) and `<var>` (when Markdown leaves it as text, as it does `<PACKAGE_NAME>`). Placeholders
 * are compared as multisets per segment and per block, like links: reordering them is fine, a changed, added or
 * dropped one is a finding. Code (fenced or inline), link targets and HTML are not prose: `code-mismatch` and
 * `link-mismatch` compare those.
 *
 * ## Why
 * A placeholder is filled in by a program or by the reader: `{0}` in a message format, `%s` in a printf string,
 * `<version>` in a command to type. Translated (`{nom}`), dropped or renumbered, it breaks the example or the
 * message it documents, in that locale only.
 *
 * ## Options
 * None. Off by default: turn it on for documentation that shows format strings or command templates in prose.
 *
 * ## Examples
 *
 * @example
 *   {"name": "placeholders kept, in another order"}
 *   ~~~english
 *   The message reads {0} of {1} for %s.
 *   ~~~
 *   ~~~translated
 *   Die Meldung lautet für %s: {1} von {0}.
 *   ~~~
 *
 * @example
 *   {"name": "a translated placeholder, a dropped one and an added one"}
 *   ~~~english
 *   Replace {name} with your package id, then run it with ${version}.
 *
 *   Use {{ user }} in the template.
 *   ~~~
 *   ~~~translated
 *   Ersetzen Sie {nom} durch Ihre Paket-ID und führen Sie es aus.
 *
 *   Verwenden Sie {{user}} und %d in der Vorlage.
 *   ~~~
 *   ~~~findings
 *   1:1 placeholder-mismatch The English placeholder `${version}` (en-us/example.md:1) is missing from the translation
 *   1:14 placeholder-mismatch Placeholder `{nom}` differs from the English `{name}` (en-us/example.md:1)
 *   3:28 placeholder-mismatch Placeholder `%d` is not in the English (en-us/example.md:3)
 *   ~~~
 */
import { compareRegions, defineRule, offsetInPiece, ownTokens, reportDifference, textPiecesWithin } from '../src/rule-kit/index.js';

/**
 * The placeholder forms, longest first. Each alternative is bounded and its parts cannot match the same text two
 * ways (test/redos.test.ts proves it linear).
 */
const PLACEHOLDER =
  /\{\{ *[\w.$]{1,80} *\}\}|\$\{[\w.]{1,80}\}|\{\d{1,3}(?:,-?\d{1,3})?(?::[\w#.,-]{1,20})?\}|\{[A-Za-z_][\w.-]{0,80}\}|(?<![\w%])%(?:\d{1,2}\$)?[-+#0]{0,4}\d{0,3}(?:\.\d{1,3})?[sdifuxXoeEgGc](?![A-Za-z])|(?<=[\s/(]):[A-Za-z_]\w{0,80}(?![\w:])|<[A-Za-z_][\w-]{0,80}>/g;

interface Placeholder {
  /** As written. */
  text: string;
  /** As compared: `{{ user }}` and `{{user}}` are the same placeholder. */
  key: string;
  offset: number;
}

export default defineRule(
  {
    id: 'placeholder-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'the placeholders in the prose of each translated segment and block are those of its English' },
    defaultSeverity: 'off',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  (context) => {
    compareRegions<Placeholder>(context, {
      policy: 'spans-then-blocks',
      tokens: (side, region) => {
        const found: Placeholder[] = [];
        for (const piece of textPiecesWithin(side.document, side.range.start.offset, side.range.end.offset)) {
          for (const match of piece.value.matchAll(PLACEHOLDER)) {
            found.push({ text: match[0], key: match[0].replace(/ /g, ''), offset: offsetInPiece(piece, match.index) });
          }
        }
        return ownTokens(side, region, found, (placeholder) => placeholder.offset);
      },
      key: (placeholder) => placeholder.key,
      identity: (placeholder) => placeholder.offset,
      report: (difference, region) =>
        reportDifference(context, difference, region, {
          nouns: { translated: 'Placeholder', english: 'English placeholder' },
          text: (placeholder) => placeholder.text,
          place: (placeholder) => {
            const document = placeholder === difference.translated ? context.translated : region.english.document;
            return { start: document.pointAt(placeholder.offset), end: document.pointAt(placeholder.offset + placeholder.text.length) };
          },
        }),
    });
  },
);
