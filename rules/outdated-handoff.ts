/**
 * @file outdated-handoff
 *
 * ## What it checks
 * `ms.lasthandoff` (MM/DD/YYYY) records when the translation was last handed off. It is a finding when it is
 * earlier than the English file's last change, when it cannot be read as a date, or when it lies in the future.
 * The English file's last change is the date of its newest commit when the English root is a git work tree, and
 * its `ms.date` otherwise: the commit `git log -1 -- FILE` shows. It is never a finding when the English bytes are
 * the ones that were handed off (`ms.openlocfilehash` is the English file's SHA-1, or the English at the source
 * commit equals the English now), whatever the dates say: a history imported in one commit, a merge or a revert
 * moves dates without changing a byte. With the option `maxAgeDays`, a handoff older than that many days is a
 * finding too.
 *
 * ## Why
 * A handoff older than the English page's last edit means the translation was made from an earlier English
 * text, even when no hash is there to prove it. A date that cannot be parsed or lies in the future means the
 * metadata itself is broken, and every report built on it is wrong.
 *
 * ## Options
 * - `maxAgeDays` (number, default off): flag handoffs older than this many days.
 *
 * ## Examples
 *
 * @example
 *   {"name": "handed off after the English changed"}
 *   ~~~english
 *   ---
 *   ms.date: 03/01/2021
 *   ---
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.lasthandoff: 03/23/2021
 *   ---
 *   # Hallo
 *   ~~~
 *
 * @example
 *   {"name": "English changed after the handoff"}
 *   ~~~english
 *   ---
 *   ms.date: 04/21/2021
 *   ---
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.lasthandoff: 03/23/2021
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 outdated-handoff Handoff 2021-03-23 is older than the English file's last change 2021-04-21 (ms.date at en-us/example.md:2)
 *   ~~~
 *
 * @example
 *   {"name": "unparseable date"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.lasthandoff: 23/03/2021
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 outdated-handoff ms.lasthandoff "23/03/2021" is not a date in MM/DD/YYYY form
 *   ~~~
 *
 * @example
 *   {"name": "in the future"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.lasthandoff: 03/23/2031
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 outdated-handoff ms.lasthandoff 2031-03-23 lies in the future
 *   ~~~
 *
 * @example
 *   {"name": "older than maxAgeDays", "options": {"maxAgeDays": 365}, "now": "2022-06-01"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   ms.lasthandoff: 03/23/2021
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   2:1 outdated-handoff Handoff 2021-03-23 is 435 days old (more than maxAgeDays 365)
 *   ~~~
 */
import { defineRule, parseDocsDate, stringValue } from '../src/rule-kit/index.js';

const DAY = 24 * 60 * 60 * 1000;

const iso = (date: Date) => date.toISOString().slice(0, 10);

export default defineRule(
  {
    id: 'outdated-handoff',
    type: 'problem',
    docs: { description: "ms.lasthandoff is a valid date, not in the future and not before the English file's last change" },
    defaultSeverity: 'warn',
    compares: 'current',
    usesClock: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxAgeDays: { type: ['integer', 'null'], minimum: 1 } },
    },
    defaultOptions: { maxAgeDays: null as number | null },
  },
  (context) => {
    const { data, keyLines } = context.translated.frontMatter;
    const recorded = stringValue(data, 'ms.lasthandoff');
    if (recorded === undefined) return;
    const line = keyLines['ms.lasthandoff'] ?? 1;
    const place = { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } };
    const handoff = parseDocsDate(recorded);
    if (!handoff) {
      context.report({ message: `ms.lasthandoff "${recorded}" is not a date in MM/DD/YYYY form`, place, subject: 'malformed' });
      return;
    }
    // A day of slack: the handoff date was written in some time zone, and "now" is read in another.
    if (handoff.getTime() > context.now.getTime() + DAY) {
      context.report({ message: `ms.lasthandoff ${iso(handoff)} lies in the future`, place, subject: 'future' });
      return;
    }
    // The English file's last change: its newest commit when there is git history (a date no one has to keep
    // up to date by hand), else its ms.date. Compared by day: a handoff is recorded as a day. Never when the
    // English bytes are those that were handed off (hash match, or the same bytes at the source commit): then
    // dates say nothing (a history imported in one commit, a merge, a revert).
    const commit = context.origin.englishLastChange;
    if (context.origin.englishUnchanged) {
      // the English is as it was handed off: nothing is older than it
    } else if (commit) {
      if (iso(commit.date) > iso(handoff)) {
        context.report({
          message: `Handoff ${iso(handoff)} is older than the English file's last change ${iso(commit.date)} (commit ${commit.hash.slice(0, 7)} "${commit.subject}")`,
          place,
          details: { handoff: iso(handoff), englishChanged: iso(commit.date), englishCommit: commit.hash },
          subject: 'older-than-english',
        });
        return;
      }
    } else {
      const englishMatter = context.english.frontMatter;
      const englishValue = stringValue(englishMatter.data, 'ms.date');
      const englishDate = englishValue ? parseDocsDate(englishValue) : undefined;
      if (englishDate && englishDate.getTime() > handoff.getTime()) {
        const englishLine = englishMatter.keyLines['ms.date'] ?? 1;
        context.report({
          message: `Handoff ${iso(handoff)} is older than the English file's last change ${iso(englishDate)} (ms.date at ${context.englishDisplayPath}:${englishLine})`,
          place,
          details: { handoff: iso(handoff), englishChanged: iso(englishDate) },
          subject: 'older-than-english',
        });
        return;
      }
    }
    const maxAgeDays = context.options.maxAgeDays;
    if (maxAgeDays) {
      const age = Math.floor((context.now.getTime() - handoff.getTime()) / DAY);
      if (age > maxAgeDays) {
        context.report({ message: `Handoff ${iso(handoff)} is ${age} days old (more than maxAgeDays ${maxAgeDays})`, place, details: { handoff: iso(handoff), ageDays: age }, subject: 'too-old' });
      }
    }
  },
);
