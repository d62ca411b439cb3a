/**
 * @file stale-source-hash
 *
 * ## What it checks
 * Whether the translation was made from the current English file.
 * - With a hash (`ms.openlocfilehash`, the `ms` profile): it is the SHA-1 of the English file's raw bytes (byte
 *   order mark and line endings included) when the translation was handed off. When the English file changes,
 *   its SHA-1 no longer matches: the translation is stale. A hash that is not 40 hexadecimal digits is a finding
 *   too. When the English root is a git work tree, the finding also says what changed since the translation's
 *   source commit (`ms.sourcegitcommit`): `details` has `sourceCommit`, `commitsSince`, `addedLines` and
 *   `removedLines`, and the terminal shows "English changed in 3 commits since 2021-03-04, +12 −4 lines".
 * - Without a hash (the `mdn` profile's `l10n.sourceCommit`, `hugo-commit`'s `default_lang_commit`, or `ms`
 *   pages that record only `ms.sourcegitcommit`): stale when the English file's bytes at the recorded source
 *   commit differ from its bytes now (a change and its revert leave it fresh; a source commit on another branch,
 *   such as Microsoft Docs' `live`, is read as it is). The commits since are those `git rev-list SRC..HEAD --
 *   FILE` lists. A source commit that is not in the English history is a finding (staleness cannot be checked)
 *   that names the command fetching it (`git fetch origin live`); so is a history too large to walk within the
 *   step budget. In a shallow clone, or without git, the run says once which files could not be checked.
 * - `ms` localization metadata with neither a hash nor a source commit is a finding.
 * - A page that records no source commit (and no hash) where the configured profile gives every translated page
 *   one (`"metadata": "mdn"` or `"hugo-commit"`, or a mapping with `commitOnEveryPage`) is a finding: a new
 *   translation, as OpenTelemetry's i18n check calls it, whose staleness cannot be checked. Not with `auto`, where
 *   a page with none of any profile's keys may be a page that needs none (the run then says once per locale how
 *   many pages record no commit where others record one), nor under `ms`, whose `TOC.md` files carry no
 *   metadata. A source commit that is empty, malformed or under a misspelt key is `invalid-metadata`'s
 *   finding, and is not looked up in the history.
 *
 * ## Why
 * Stale translations are the most common localization defect and the least visible: the page still looks
 * fine, it just says what the English said months ago.
 *
 * Files with no localization metadata at all (none of the profile's keys, such as `TOC.md`) are not this
 * rule's business. Which keys are read follows `"metadata"` in the configuration (detected per file by default).
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
 *
 * @example
 *   {"name": "a new page: the profile gives every page its source commit, this one has none", "metadata": "hugo-commit"}
 *   ~~~english
 *   # Hello
 *   ~~~
 *   ~~~translated
 *   ---
 *   title: Hallo
 *   ---
 *   # Hallo
 *   ~~~
 *   ~~~findings
 *   1:1 stale-source-hash No default_lang_commit: this page records no English source commit, so its staleness cannot be checked (a new translation? record the English commit it was made from)
 *   ~~~
 */
import { defineRule, describeSince, sha1 } from '../src/rule-kit/index.js';

export default defineRule(
  {
    id: 'stale-source-hash',
    type: 'problem',
    docs: { description: "the translation is made from the current English file: its ms.openlocfilehash is the English file's SHA-1 or, without a hash, the English at its source commit is the English file now" },
    defaultSeverity: 'error',
    compares: 'current',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  (context) => {
    const { localization, since, sourceCommit } = context.origin;
    // The profile gives every translated page its source commit, and this one has none: a new page (as
    // OpenTelemetry's i18n check calls it), or one whose key was lost. Nothing to compare against.
    if (sourceCommit?.unrecorded) {
      const key = sourceCommit.unrecorded;
      context.report({
        message: `No ${key}: this page records no English source commit, so its staleness cannot be checked (a new translation? record the English commit it was made from)`,
        place: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        details: { newPage: true, expectedKey: key },
        subject: 'no-source-commit',
      });
      return;
    }
    if (!localization) return;
    const line = (localization.hash ?? localization.commit ?? localization.handoff ?? localization.locale)?.line ?? 1;
    const place = { start: { line, column: 1, offset: 0 }, end: { line, column: 1, offset: 0 } };
    // What git says changed since the source commit, when it can say.
    const gitFacts =
      since?.commits !== undefined
        ? {
            sourceCommit: since.commit,
            commitsSince: since.commits.length,
            ...(since.date ? { sourceCommitDate: since.date.toISOString().slice(0, 10) } : {}),
            ...(since.addedLines !== undefined ? { addedLines: since.addedLines, removedLines: since.removedLines } : {}),
          }
        : {};
    const short = since ? describeSince(since) : undefined;
    const recorded = localization.hash?.value;
    if (recorded !== undefined && recorded !== '') {
      const key = localization.hash!.key;
      if (!/^[0-9a-f]{40}$/i.test(recorded)) {
        context.report({ message: `${key} "${recorded}" is not a SHA-1 (40 hexadecimal digits)`, place, subject: 'malformed' });
        return;
      }
      const actual = sha1(context.english.raw);
      if (recorded.toLowerCase() !== actual) {
        context.report({
          message: `The English file changed since this translation was made: ${key} is ${recorded.toLowerCase()}, the English file's SHA-1 is ${actual}`,
          place,
          details: { stale: true, recordedHash: recorded.toLowerCase(), englishHash: actual, ...gitFacts },
          ...(short ? { short: `${short} (${key} differs)` } : {}),
          // One stale finding per file, whatever the hashes: a file that is still stale is the same problem.
          subject: 'stale',
        });
      }
      return;
    }
    // No hash: the source commit and the English history decide (mdn, hugo-commit, or ms pages without a hash).
    if (localization.commit && since?.commits !== undefined) {
      // The bytes decide when git has them: a change and its revert leave the English as it was handed off, and
      // a source commit on another line (a publishing branch) may differ from HEAD with no commit in between.
      const changed = since.unchanged !== undefined ? !since.unchanged : since.commits.length > 0;
      if (changed && since.commits.length === 0) {
        context.report({
          message: `The English file differs from the English at this translation's source commit (${localization.commit.key} ${localization.commit.value}), though no commit since touched it on this line of history`,
          place,
          details: { stale: true, ...gitFacts },
          subject: 'stale',
        });
      } else if (changed) {
        context.report({
          message: `The English file changed since this translation's source commit: ${short} (${localization.commit.key} ${localization.commit.value})`,
          place,
          details: { stale: true, ...gitFacts },
          short: short!,
          subject: 'stale',
        });
      }
      return;
    }
    // The recorded commit is not in the English history (a shallow clone is the run's problem, reported once).
    if (since?.unknown && !since.shallow) {
      context.report({ message: `${since.unknown}: staleness cannot be checked`, place, subject: 'unknown-commit' });
      return;
    }
    if (localization.keys.hash && !localization.commit) {
      context.report({ message: `Localization metadata has no ${localization.keys.hash}, so staleness cannot be checked`, place, subject: 'no-hash' });
    }
  },
);
