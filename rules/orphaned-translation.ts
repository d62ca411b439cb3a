/**
 * @file orphaned-translation
 *
 * ## What it checks
 * A translated file whose English sibling (the same relative path in the English root) does not exist: the
 * English page was deleted or renamed and the translation was left behind. When an English file looks like the
 * page's new name (the same file name in another folder, or a name a few edits away in the same folder), the
 * finding says so.
 *
 * ## Why
 * An orphan is still published in its locale, but nothing updates it any more: readers get a page the English
 * site no longer has, and links to the renamed page break in that locale only. No other rule sees the file,
 * since there is nothing to compare it with.
 *
 * ## Options
 * None.
 *
 * ## Examples
 *
 * @example
 *   {"name": "a translation with its English sibling"}
 *   ~~~english
 *   # Install
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *   ~~~
 *
 * @example
 *   {"name": "the English page is gone"}
 *   ~~~translated
 *   # Installieren
 *   ~~~
 *   ~~~findings
 *   1:1 orphaned-translation No English sibling: en-us/example.md does not exist (the English page was deleted or renamed)
 *   ~~~
 */
import { defineRule } from '../src/rule-kit/index.js';

export default defineRule(
  {
    id: 'orphaned-translation',
    type: 'problem',
    docs: { description: 'each translated file has an English sibling at the same relative path' },
    defaultSeverity: 'warn',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    scope: 'orphan',
  },
  (context) => {
    if (!context.orphan) return;
    const similar = context.orphan.similar;
    context.report({
      message:
        `No English sibling: ${context.englishDisplayPath} does not exist ` +
        (similar ? `(was the page renamed to ${similar}?)` : '(the English page was deleted or renamed)'),
      place: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      details: { expectedEnglish: context.englishDisplayPath, ...(similar ? { similar } : {}) },
      subject: 'orphan',
    });
  },
);
