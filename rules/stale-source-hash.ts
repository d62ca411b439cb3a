/**
 * @file stale-source-hash
 *
 * ## What it checks
 * `ms.openlocfilehash` in a translated file's front matter is the SHA-1 of the English file's raw bytes (byte
 * order mark and line endings included) at the time the translation was handed off. When the English file
 * changes, its SHA-1 no longer matches: the translation is stale. A hash that is not 40 hexadecimal digits is a
 * finding too, and so is localization metadata without a hash.
 *
 * ## Why
 * Stale translations are the most common localization defect and the least visible: the page still looks
 * fine, it just says what the English said months ago.
 *
 * Files with no localization metadata at all (no `ms.openlocfilehash`, `ms.sourcegitcommit`, `ms.lasthandoff`,
 * `ms.locfileid` or `ms.contentlocale`, such as `TOC.md`) are not this rule's business.
 *
 * ## Options
 * None.
 *
 * ## Examples
 *
 * @example
 *   {"name": "fresh translation: the hash is the English file's SHA-1"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.openlocfilehash: 6927d6085806d0d0a22404d0c2b23b55fb0663a7
 *   ---
 *   # Hallo
 *   ~~~
 *
 * @example
 *   {"name": "stale translation"}
 *   ~~~english
 *   # Hello, world
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.openlocfilehash: 6927d6085806d0d0a22404d0c2b23b55fb0663a7
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 stale-source-hash The English file changed since this translation was made: ms.openlocfilehash is 6927d6085806d0d0a22404d0c2b23b55fb0663a7, the English file's SHA-1 is 6aa81a27910d0ac6773df110fe373af451cf5c4c
 *   ~~~
 *
 * @example
 *   {"name": "malformed hash"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.openlocfilehash: 5f21a3b2
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 stale-source-hash ms.openlocfilehash "5f21a3b2" is not a SHA-1 (40 hexadecimal digits)
 *   ~~~
 */
import { createHash } from 'node:crypto';
import { defineRule } from '../src/rule.js';
import { stringValue } from '../src/frontmatter.js';

const LOCALIZATION_KEYS = ['ms.openlocfilehash', 'ms.sourcegitcommit', 'ms.lasthandoff', 'ms.locfileid', 'ms.contentlocale'];
const HASH_KEY = 'ms.openlocfilehash';

/** SHA-1 of each English document's bytes, computed once however many locales ask. */
const digests = new WeakMap<Buffer, string>();
function sha1(raw: Buffer): string {
  let digest = digests.get(raw);
  if (!digest) {
    digest = createHash('sha1').update(raw).digest('hex');
    digests.set(raw, digest);
  }
  return digest;
}

export default defineRule(
  {
    id: 'stale-source-hash',
    type: 'problem',
    docs: { description: "ms.openlocfilehash must be the SHA-1 of the English sibling's raw bytes" },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  (context) => {
    const { data, keyLines } = context.translated.frontMatter;
    if (!LOCALIZATION_KEYS.some((key) => key in data)) return;
    const line = keyLines[HASH_KEY] ?? 1;
    const place = { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } };
    const recorded = stringValue(data, HASH_KEY);
    if (recorded === undefined || recorded === '') {
      context.report({ message: 'Localization metadata has no ms.openlocfilehash, so staleness cannot be checked', place, subject: 'no-hash' });
      return;
    }
    if (!/^[0-9a-f]{40}$/i.test(recorded)) {
      context.report({ message: `ms.openlocfilehash "${recorded}" is not a SHA-1 (40 hexadecimal digits)`, place, subject: 'malformed' });
      return;
    }
    const actual = sha1(context.english.raw);
    if (recorded.toLowerCase() !== actual) {
      context.report({
        message: `The English file changed since this translation was made: ms.openlocfilehash is ${recorded.toLowerCase()}, the English file's SHA-1 is ${actual}`,
        place,
        details: { recordedHash: recorded.toLowerCase(), englishHash: actual },
        // One stale finding per file, whatever the hashes: a file that is still stale is the same problem.
        subject: 'stale',
      });
    }
  },
);
