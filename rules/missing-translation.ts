/**
 * @file missing-translation
 *
 * ## What it checks
 * An English file with no translation in a target locale (no file at the same relative path in that locale's
 * root). The finding is on the English file, under the locale that lacks it, and names where the translation
 * should be.
 *
 * ## Why
 * A page missing in a locale sends that locale's readers to a 404 or to the English page. Most sites translate
 * in waves, so in `check` this rule is off by default (it would fail every build between two waves); turn it
 * on to require complete translations. `loc-lint report` always counts missing pages per locale, whatever
 * this rule's setting.
 *
 * ## Options
 * None.
 *
 * ## Examples
 *
 * @example
 *   {"name": "the page is translated"}
 *   ~~~english
 *   # Install
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *   ~~~
 *
 * @example
 *   {"name": "no translation in the locale"}
 *   ~~~english
 *   # Install
 *   ~~~
 *   ~~~findings
 *   1:1 missing-translation No de-de translation: de-de/example.md does not exist
 *   ~~~
 */
import { defineRule } from '../src/rule-kit/index.js';

export default defineRule(
  {
    id: 'missing-translation',
    type: 'suggestion',
    docs: { description: 'every English file has a translation in every target locale' },
    defaultSeverity: 'off',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    scope: 'missing',
  },
  (context) => {
    if (!context.missing) return;
    context.report({
      message: `No ${context.locale} translation: ${context.missing.expectedPath} does not exist`,
      place: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      details: { expectedPath: context.missing.expectedPath },
      subject: `missing ${context.locale}`,
    });
  },
);
