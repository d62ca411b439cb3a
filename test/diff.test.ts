/**
 * `loc-lint diff FILE` (src/git/diff.ts, src/cli/diff-command.ts): a temporary git repository whose English page changed
 * in three commits, translations pointing at the first; the diff is checked line by line and against what
 * `git diff` itself prints, then the touched segments, colours, fallbacks and exit codes.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runDiffCommand } from '../src/cli/diff-command.js';
import { loadConfig } from '../src/config/config.js';
import { renderGitDiff } from '../src/git/diff.js';
import { fetchCommand, shellWord } from '../src/git/git-diff.js';
import { GitError, runGit } from '../src/git/git.js';
import type { HistoryOptions } from '../src/git/history.js';
import { rules } from '../rules/index.js';
import { cli, tempDir } from './helpers.js';
import { commitAll, git, write } from './git-repo.js';

const ENGLISH_1 = `---
title: Setup
ms.date: 01/04/2021
---
# Set up your organization

There are several steps you can take to help increase security in your Office 365 organization:

Sign in to the admin center.

Choose **Settings** and then **Security**.

Review the policies.

Save your changes.
`;
const ENGLISH_2 = ENGLISH_1.replace('your Office 365 organization', 'your organization');
const ENGLISH_3 = ENGLISH_2.replace('Review the policies.', 'Review the security policies.') + '\nSign out when you are done.\n';

const span = (id: string, german: string, english: string) =>
  `<span data-ttu-id="a1-${id}">${german}</span><span class="sxs-lookup"><span data-stu-id="a1-${id}">${english}</span></span>`;

const frontMatter = (commit: string | undefined) =>
  [
    '---',
    'title: Einrichtung',
    `ms.openlocfilehash: ${createHash('sha1').update(ENGLISH_1).digest('hex')}`,
    ...(commit ? [`ms.sourcegitcommit: ${commit}`] : []),
    'ms.lasthandoff: 01/05/2021',
    'ms.contentlocale: de-DE',
    '---',
  ].join('\n') + '\n';

/** The span translation: line 8 heading, 10, 12, 14, 16, 18 paragraphs (with the commit line). */
const spanTranslation = (commit: string | undefined) =>
  frontMatter(commit) +
  [
    `# ${span('101', 'Einrichten Ihrer Organisation', 'Set up your organization')}`,
    span('102', 'Es gibt mehrere Schritte, um die Sicherheit in Ihrer Office 365-Organisation zu erhöhen:', 'There are several steps you can take to help increase security in your Office 365 organization:'),
    span('103', 'Melden Sie sich beim Admin Center an.', 'Sign in to the admin center.'),
    span('104', 'Wählen Sie **Einstellungen** und dann **Sicherheit**.', 'Choose **Settings** and then **Security**.'),
    span('105', 'Überprüfen Sie die Richtlinien.', 'Review the policies.'),
    span('106', 'Speichern Sie Ihre Änderungen.', 'Save your changes.'),
  ].join('\n\n') +
  '\n';

/** The plain translation: the same blocks at the same lines, German only. */
const plainTranslation = (commit: string | undefined) =>
  frontMatter(commit) +
  [
    '# Einrichten Ihrer Organisation',
    'Es gibt mehrere Schritte, um die Sicherheit in Ihrer Office 365-Organisation zu erhöhen:',
    'Melden Sie sich beim Admin Center an.',
    'Wählen Sie **Einstellungen** und dann **Sicherheit**.',
    'Überprüfen Sie die Richtlinien.',
    'Speichern Sie Ihre Änderungen.',
  ].join('\n\n') +
  '\n';

/** The diff from ENGLISH_1 to ENGLISH_3 as git prints it (blob names filled in by the test). */
const expectedHunk = [
  '@@ -4,12 +4,14 @@ ms.date: 01/04/2021',
  ' ---',
  ' # Set up your organization',
  ' ',
  '-There are several steps you can take to help increase security in your Office 365 organization:',
  '+There are several steps you can take to help increase security in your organization:',
  ' ',
  ' Sign in to the admin center.',
  ' ',
  ' Choose **Settings** and then **Security**.',
  ' ',
  '-Review the policies.',
  '+Review the security policies.',
  ' ',
  ' Save your changes.',
  '+',
  '+Sign out when you are done.',
];

const blob = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex').slice(0, 7);

interface Site {
  top: string;
  c1: string;
  c2: string;
  c3: string;
}

/** en-us/page.md and en-us/plain.md committed three times; de-de translations made from the first commit. */
function site(): Site {
  const top = tempDir('loc-lint-diff-');
  git(top, ['init', '-q']);
  write(path.join(top, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-de': 'de-de' } }));
  write(path.join(top, 'en-us', 'page.md'), ENGLISH_1);
  write(path.join(top, 'en-us', 'plain.md'), ENGLISH_1);
  const c1 = commitAll(top, 'English page', '2021-01-04T10:00:00Z');
  write(path.join(top, 'de-de', 'page.md'), spanTranslation(c1));
  write(path.join(top, 'de-de', 'plain.md'), plainTranslation(c1));
  write(path.join(top, 'en-us', 'page.md'), ENGLISH_2);
  write(path.join(top, 'en-us', 'plain.md'), ENGLISH_2);
  const c2 = commitAll(top, 'Drop Office 365', '2021-02-01T10:00:00Z');
  write(path.join(top, 'en-us', 'page.md'), ENGLISH_3);
  write(path.join(top, 'en-us', 'plain.md'), ENGLISH_3);
  const c3 = commitAll(top, 'Security policies', '2021-03-01T10:00:00Z');
  return { top, c1, c2, c3 };
}

/** The touched-segment lines of the output, without the quoted English. */
const touchedLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('  de-de/'))
    .map((line) => line.split('  "')[0].trim());

describe('loc-lint diff on a git history', () => {
  let s: Site;
  beforeAll(() => {
    s = site();
  });
  afterAll(() => rmSync(s.top, { recursive: true, force: true }));

  test('prints the English changes since ms.sourcegitcommit exactly as git diff does, then the touched segments', async () => {
    const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const header = [
      'diff --git a/en-us/page.md b/en-us/page.md',
      `index ${blob(ENGLISH_1)}..${blob(ENGLISH_3)} 100644`,
      '--- a/en-us/page.md',
      '+++ b/en-us/page.md',
    ];
    const diffText = [...header, ...expectedHunk].join('\n') + '\n';
    expect(run.stdout.startsWith(diffText + '\n')).toBe(true);
    // git itself agrees, function context included.
    expect(git(s.top, ['diff', s.c1, 'HEAD', '--', 'en-us/page.md'])).toBe(diffText);
    expect(run.stdout).toContain('Translated segments touched by these changes:\n');
    expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
    expect(run.stdout).toContain('segment a1-105  "Review the policies."');
    // The README shows this very run.
    const readme = readFileSync(path.resolve('README.md'), 'utf8');
    const example = /\n\$ npx loc-lint diff de-de\/page\.md\n([^]*?)\n```/.exec(readme);
    expect(example?.[1] + '\n').toBe(run.stdout);
  });

  test('plain Markdown: the translated blocks aligned with changed English blocks', async () => {
    const run = await cli(['diff', path.join(s.top, 'de-de', 'plain.md')], { cwd: s.top });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('diff --git a/en-us/plain.md b/en-us/plain.md\n');
    expect(run.stdout).toContain(expectedHunk.join('\n') + '\n');
    expect(touchedLines(run.stdout)).toEqual(['de-de/plain.md:10  paragraph', 'de-de/plain.md:16  paragraph']);
    expect(run.stdout).toContain('de-de/plain.md:16  paragraph  "Review the policies."');
  });

  test("other sites' metadata: Hugo's default_lang_commit and MDN's l10n.sourceCommit name the commit too", async () => {
    const body = plainTranslation(undefined).replace(/^---[^]*?---\n/, '');
    for (const [front, line] of [
      [`---\ntitle: Einrichtung\ndefault_lang_commit: ${s.c1}\n---\n`, 7],
      [`---\ntitle: Einrichtung\nl10n:\n  sourceCommit: ${s.c1.slice(0, 12)}\n---\n`, 8],
    ] as const) {
      write(path.join(s.top, 'de-de', 'plain.md'), front + body);
      try {
        const run = await cli(['diff', 'de-de/plain.md'], { cwd: s.top });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(expectedHunk.join('\n') + '\n');
        expect(touchedLines(run.stdout)).toEqual([`de-de/plain.md:${line}  paragraph`, `de-de/plain.md:${line + 6}  paragraph`]);
      } finally {
        write(path.join(s.top, 'de-de', 'plain.md'), plainTranslation(s.c1));
      }
    }
  });

  test('a commit after which the English did not change: nothing to show, exit 0', async () => {
    write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c3.slice(0, 10)));
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`The English en-us/page.md has not changed since ${s.c3.slice(0, 10)}: nothing to translate again.\n`);
    } finally {
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
    }
  });

  test('an intermediate commit: only the later change is shown; segments are judged against the current English', async () => {
    write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c2));
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('@@ -10,6 +10,8 @@ Sign in to the admin center.\n');
      expect(run.stdout).not.toContain('Office 365');
      // Segment 102's English is the c1 text (the translation was not updated): still stale against the current English.
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
    } finally {
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
    }
  });

  test('English changes not committed yet: the diff is still SRC to HEAD, as git diff SRC HEAD, and a note says so', async () => {
    write(path.join(s.top, 'en-us', 'page.md'), ENGLISH_3 + '\nAn uncommitted line.\n');
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith(git(s.top, ['diff', s.c1, 'HEAD', '--', 'en-us/page.md']) + '\n')).toBe(true);
      expect(run.stdout).not.toContain('An uncommitted line.');
      expect(run.stdout).toContain("The English en-us/page.md in the working tree differs from HEAD's (changes not committed): they are not shown.\n");
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c3));
      const unchanged = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(unchanged.code).toBe(0);
      expect(unchanged.stdout).toBe(`The English en-us/page.md has not changed since ${s.c3}: nothing to translate again.\nThe English en-us/page.md in the working tree differs from HEAD's (changes not committed): they are not shown.\n`);
    } finally {
      write(path.join(s.top, 'en-us', 'page.md'), ENGLISH_3);
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
    }
  });

  test("colour like git's with --color or a terminal, none with --no-color, NO_COLOR or a pipe", async () => {
    const colored = await cli(['diff', 'de-de/page.md', '--color'], { cwd: s.top });
    expect(colored.code).toBe(1);
    expect(colored.stdout).toContain('\x1b[1mdiff --git a/en-us/page.md b/en-us/page.md\x1b[m\n');
    expect(colored.stdout).toContain('\x1b[1m--- a/en-us/page.md\x1b[m\n');
    expect(colored.stdout).toContain('\x1b[36m@@ -4,12 +4,14 @@\x1b[m ms.date: 01/04/2021\n');
    expect(colored.stdout).toContain('\x1b[31m-Review the policies.\x1b[m\n');
    expect(colored.stdout).toContain('\x1b[32m+Review the security policies.\x1b[m\n');
    expect(colored.stdout).toContain('\n Save your changes.\n');
    const terminal = await cli(['diff', 'de-de/page.md'], { cwd: s.top, tty: true });
    expect(terminal.stdout).toBe(colored.stdout);
    for (const run of [
      await cli(['diff', 'de-de/page.md'], { cwd: s.top }),
      await cli(['diff', 'de-de/page.md', '--no-color'], { cwd: s.top, tty: true }),
      await cli(['diff', 'de-de/page.md', '--color'], { cwd: s.top, env: { NO_COLOR: '1' } }),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('-Review the policies.\n');
      expect(run.stdout).not.toContain('\x1b');
    }
  });

  test('a commit the history does not hold: said plainly, then the sxs-lookup comparison', async () => {
    const unknown = 'f00dfeed'.repeat(5);
    write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(unknown));
    write(path.join(s.top, 'de-de', 'plain.md'), plainTranslation(unknown));
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`Cannot show the English changes: the source commit ${unknown} (ms.sourcegitcommit) is not found: the English repository does not have it and has no remote to fetch it from (a rewritten history, or a commit of another repository).\n`);
      expect(run.stdout).not.toContain('diff --git');
      expect(run.stdout).toContain("Comparing each segment's English (sxs-lookup text) with the current English file instead.\n");
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
      const plain = await cli(['diff', 'de-de/plain.md'], { cwd: s.top });
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain('de-de/plain.md is plain Markdown: telling which of its parts changed needs the English at the source commit.\n');
    } finally {
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
      write(path.join(s.top, 'de-de', 'plain.md'), plainTranslation(s.c1));
    }
  });

  test('a shallow clone without the source commit: the command that fetches it, then the sxs-lookup comparison; after it, the diff', async () => {
    const shallow = tempDir('loc-lint-diff-shallow-');
    // Microsoft Docs repositories publish from `live`: translations name its commits.
    git(s.top, ['branch', 'live', s.c3]);
    try {
      git(shallow, ['-c', 'protocol.file.allow=always', 'clone', '-q', '--depth', '1', '-b', 'main', `file://${s.top}`, 'clone']);
      const clone = path.join(shallow, 'clone');
      expect(git(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: clone });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`Cannot show the English changes: the source commit ${s.c1} (ms.sourcegitcommit) is not found: this shallow clone of the English repository does not have it; git fetch --unshallow origin live fetches it.\n`);
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
      // The command does what it says.
      git(clone, ['fetch', '-q', '--unshallow', 'origin', 'live']);
      const fetched = await cli(['diff', 'de-de/page.md'], { cwd: clone });
      expect(fetched.code).toBe(1);
      expect(fetched.stdout.startsWith(git(clone, ['diff', s.c1, 'HEAD', '--', 'en-us/page.md']) + '\n')).toBe(true);
    } finally {
      git(s.top, ['branch', '-D', 'live']);
      rmSync(shallow, { recursive: true, force: true });
    }
  });

  test('no source commit in the front matter: said, then the sxs-lookup comparison', async () => {
    write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(undefined));
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Cannot show the English changes: de-de/page.md records no source commit (no ms.sourcegitcommit in its front matter).\n');
      // One front matter line fewer.
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:9  segment a1-102', 'de-de/page.md:15  segment a1-105']);
    } finally {
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
    }
  });

  test('a source commit that is no hash: said, not looked up, then the sxs-lookup comparison', async () => {
    write(path.join(s.top, 'de-de', 'page.md'), spanTranslation('HEAD~1'));
    try {
      const run = await cli(['diff', 'de-de/page.md'], { cwd: s.top });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('Cannot show the English changes: the source commit ms.sourcegitcommit "HEAD~1" is not a commit hash (4–64 hexadecimal digits).\n');
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
    } finally {
      write(path.join(s.top, 'de-de', 'page.md'), spanTranslation(s.c1));
    }
  });

  test('usage errors: an English file, a file outside the roots, no file, two files, a flag diff does not take', async () => {
    write(path.join(s.top, 'notes.md'), '# Notes\n');
    for (const argv of [
      ['diff', 'en-us/page.md'],
      ['diff', 'notes.md'],
      ['diff', 'de-de/missing.md'],
      ['diff'],
      ['diff', 'de-de/page.md', 'de-de/plain.md'],
      ['diff', 'de-de/page.md', '--format', 'json'],
    ]) {
      const run = await cli(argv, { cwd: s.top });
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toMatch(/^loc-lint: /);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect((await cli(['diff', 'en-us/page.md'], { cwd: s.top })).stderr).toContain('en-us/page.md is an English file: give a translated file (for example de-de/page.md)');
    expect((await cli(['diff', 'notes.md'], { cwd: s.top })).stderr).toContain('notes.md is not a translated file in the configured roots');
  });
});

describe('loc-lint diff without git history', () => {
  test('an English root outside any git work tree: said, then the sxs-lookup comparison', async () => {
    const s = site();
    const copy = tempDir('loc-lint-diff-nogit-');
    try {
      for (const name of ['.lintrc.json', 'en-us', 'de-de']) cpSync(path.join(s.top, name), path.join(copy, name), { recursive: true });
      const run = await cli(['diff', 'de-de/page.md'], { cwd: copy });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^Cannot show the English changes: no git history for the English root: the English root .*en-us is not in a git work tree\.\n/);
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
      // Nothing stale when the translation's English is the current English.
      write(path.join(copy, 'en-us', 'page.md'), ENGLISH_1);
      const fresh = await cli(['diff', 'de-de/page.md'], { cwd: copy });
      expect(fresh.code).toBe(0);
      expect(fresh.stdout).toContain("No stale segment: every segment's English still occurs in the current English file.\n");
    } finally {
      rmSync(s.top, { recursive: true, force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

/** `git diff FROM HEAD -- FILE` in `dir` as bytes (CRs kept), as a person would type it. */
const gitDiff = (dir: string, from: string, file: string) => git(dir, ['diff', from, 'HEAD', '--', file]);

/** A repository with one English page and a plain translation of it made from `source` (filled in by the test). */
function smallRepo(prefix: string): string {
  const top = tempDir(prefix);
  git(top, ['init', '-q']);
  write(path.join(top, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: { 'de-de': 'de-de' } }));
  return top;
}

const plainPage = (commit: string, body = '# Einrichten\n\nMelden Sie sich an.\n') => `---\ntitle: Einrichtung\nms.sourcegitcommit: ${commit}\n---\n${body}`;

describe('loc-lint diff equals git diff on small histories', () => {
  test('CRLF English: the diff is git\'s bytes, CRs at line ends as git shows them (not \\x0d)', async () => {
    const top = smallRepo('loc-lint-diff-crlf-');
    try {
      write(path.join(top, 'en-us', 'page.md'), '---\r\ntitle: Setup\r\n---\r\n# Set up\r\n\r\nSign in.\r\n\r\nSave.\r\n');
      const c1 = commitAll(top, 'English', '2021-01-04T10:00:00Z');
      write(path.join(top, 'de-de', 'page.md'), plainPage(c1, '# Einrichten\r\n\r\nMelden Sie sich an.\r\n\r\nSpeichern.\r\n'));
      write(path.join(top, 'en-us', 'page.md'), '---\r\ntitle: Setup\r\n---\r\n# Set up\r\n\r\nSign in to the portal.\r\n\r\nSave.\r\n');
      commitAll(top, 'Portal', '2021-02-04T10:00:00Z');
      const expected = gitDiff(top, c1, 'en-us/page.md');
      expect(expected).toContain('-Sign in.\r\n+Sign in to the portal.\r\n');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: top });
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith(expected + '\n')).toBe(true);
      expect(run.stdout).not.toContain('\\x0d');
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:7  paragraph']);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  test('an English file added since the source commit: git\'s new-file diff, then a note', async () => {
    const top = smallRepo('loc-lint-diff-added-');
    try {
      write(path.join(top, 'en-us', 'other.md'), '# Other\n');
      const c1 = commitAll(top, 'Other page', '2021-01-04T10:00:00Z');
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n\nSign in.\n');
      write(path.join(top, 'de-de', 'page.md'), plainPage(c1));
      commitAll(top, 'New page', '2021-02-04T10:00:00Z');
      const expected = gitDiff(top, c1, 'en-us/page.md');
      expect(expected).toContain('new file mode 100644\n');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: top });
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith(expected + '\n')).toBe(true);
      expect(run.stdout).toContain(`The English en-us/page.md did not exist at ${c1} (renamed or moved since?).\n`);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  test('an English file deleted since the source commit: git\'s deletion diff for the orphaned translation', async () => {
    const top = smallRepo('loc-lint-diff-deleted-');
    try {
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n\nSign in.\n');
      write(path.join(top, 'en-us', 'other.md'), '# Other\n');
      const c1 = commitAll(top, 'English', '2021-01-04T10:00:00Z');
      write(path.join(top, 'de-de', 'page.md'), plainPage(c1));
      git(top, ['rm', '-q', 'en-us/page.md']);
      commitAll(top, 'Drop the page', '2021-02-04T10:00:00Z');
      const expected = gitDiff(top, c1, 'en-us/page.md');
      expect(expected).toContain('deleted file mode 100644\n');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: top });
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith(expected + '\n')).toBe(true);
      expect(run.stdout).toContain('Cannot tell which translated segments these changes touch: the English en-us/page.md no longer exists at HEAD');
      // Without a source commit there is nothing to show for an orphan: a usage error as before.
      write(path.join(top, 'de-de', 'page.md'), '# Einrichten\n');
      const bare = await cli(['diff', 'de-de/page.md'], { cwd: top });
      expect(bare.code).toBe(2);
      expect(bare.stderr).toContain('de-de/page.md has no English sibling to compare with');
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  test('a source commit on a side branch (not an ancestor of HEAD) is diffed as git diffs it', async () => {
    const top = smallRepo('loc-lint-diff-side-');
    try {
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n\nSign in.\n\nSave.\n');
      commitAll(top, 'English', '2021-01-04T10:00:00Z');
      git(top, ['checkout', '-q', '-b', 'live']);
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n\nSign in to the portal.\n\nSave.\n');
      const live = commitAll(top, 'Publish a fix', '2021-01-10T10:00:00Z');
      git(top, ['checkout', '-q', 'main']);
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n\nSign in.\n\nSave your changes.\n');
      write(path.join(top, 'de-de', 'page.md'), plainPage(live, '# Einrichten\n\nMelden Sie sich beim Portal an.\n\nSpeichern.\n'));
      commitAll(top, 'Main moves on', '2021-02-04T10:00:00Z');
      expect(() => git(top, ['merge-base', '--is-ancestor', live, 'HEAD'])).toThrow();
      const expected = gitDiff(top, live, 'en-us/page.md');
      expect(expected).toContain('-Sign in to the portal.\n+Sign in.\n');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: top });
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith(expected + '\n')).toBe(true);
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:7  paragraph', 'de-de/page.md:9  paragraph']);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  test('a single-branch clone without the live commit: "git fetch origin live" is named, and after it the diff works', async () => {
    const upstream = smallRepo('loc-lint-diff-upstream-');
    const clones = tempDir('loc-lint-diff-clones-');
    try {
      write(path.join(upstream, 'en-us', 'page.md'), '# Set up\n\nSign in.\n');
      commitAll(upstream, 'English', '2021-01-04T10:00:00Z');
      git(upstream, ['checkout', '-q', '-b', 'live']);
      write(path.join(upstream, 'en-us', 'page.md'), '# Set up\n\nSign in to the portal.\n');
      const live = commitAll(upstream, 'Publish', '2021-01-10T10:00:00Z');
      git(upstream, ['checkout', '-q', 'main']);
      write(path.join(upstream, 'de-de', 'page.md'), plainPage(live));
      commitAll(upstream, 'Translation', '2021-02-04T10:00:00Z');
      git(clones, ['clone', '-q', '--single-branch', '-b', 'main', `file://${upstream}`, 'clone']);
      const clone = path.join(clones, 'clone');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: clone });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Cannot show the English changes: the source commit ${live} (ms.sourcegitcommit) is not found: the English repository does not have it; git fetch origin live fetches it.\n`);
      // Run from elsewhere, the command names the English work tree.
      const elsewhere = await runInProcess(path.join(clone, '.lintrc.json'), path.join(clone, 'de-de', 'page.md'), clones);
      expect(elsewhere.stdout).toContain(`; git -C ${shellWord(git(clone, ['rev-parse', '--show-toplevel']).trim())} fetch origin live fetches it.\n`);
      // FETCH_HEAD only: no branch reaches the commit, but its object is there, and that is enough.
      git(clone, ['fetch', '-q', 'origin', 'live']);
      expect(git(clone, ['branch', '-a', '--contains', live]).trim()).toBe('');
      const fetched = await cli(['diff', 'de-de/page.md'], { cwd: clone });
      expect(fetched.code).toBe(1);
      expect(fetched.stdout.startsWith(gitDiff(clone, live, 'en-us/page.md') + '\n')).toBe(true);
    } finally {
      rmSync(upstream, { recursive: true, force: true });
      rmSync(clones, { recursive: true, force: true });
    }
  });

  test('a diff longer than the limit is cut at a line end, with the command that shows all of it', async () => {
    const top = smallRepo('loc-lint-diff-long-');
    try {
      const lines = (word: string) => Array.from({ length: 200 }, (_, i) => `${word} line ${i}`).join('\n\n') + '\n';
      write(path.join(top, 'en-us', 'page.md'), lines('old'));
      const c1 = commitAll(top, 'English', '2021-01-04T10:00:00Z');
      write(path.join(top, 'de-de', 'page.md'), plainPage(c1));
      write(path.join(top, 'en-us', 'page.md'), lines('new'));
      const c2 = commitAll(top, 'Rewrite', '2021-02-04T10:00:00Z');
      const full = gitDiff(top, c1, 'en-us/page.md');
      const run = await runInProcess(path.join(top, '.lintrc.json'), path.join(top, 'de-de', 'page.md'), top, 1000);
      expect(run.code).toBe(1);
      const shown = run.stdout.slice(0, run.stdout.indexOf('(the diff is longer'));
      expect(shown.length).toBeLessThanOrEqual(1000);
      expect(shown.endsWith('\n')).toBe(true);
      expect(full.startsWith(shown)).toBe(true);
      expect(run.stdout).toContain(`(the diff is longer than 1000 bytes: cut here; all of it: git diff --no-ext-diff --no-textconv --no-color ${c1} ${c2} -- en-us/page.md)\n`);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
  test('git failing after the history was read: said in one line, then the fallback, not a crash', async () => {
    const top = smallRepo('loc-lint-diff-failing-');
    try {
      write(path.join(top, 'en-us', 'page.md'), '# Set up\n');
      const c1 = commitAll(top, 'English', '2021-01-04T10:00:00Z');
      write(path.join(top, 'de-de', 'page.md'), plainPage(c1));
      write(path.join(top, 'en-us', 'page.md'), '# Set it up\n');
      commitAll(top, 'Retitle', '2021-02-04T10:00:00Z');
      const failing: HistoryOptions = {
        git: (args, options) => (args.includes('cat-file') ? Promise.reject(new GitError('git cat-file failed (exit code 128)', 128, 'fatal: bad object\n')) : runGit(args, options)),
      };
      const run = await runInProcess(path.join(top, '.lintrc.json'), path.join(top, 'de-de', 'page.md'), top, undefined, failing);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('Cannot show the English changes: git cannot show the diff: fatal: bad object.\nde-de/page.md is plain Markdown: telling which of its parts changed needs the English at the source commit.\n');
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});

const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
const bundle = path.join(corpus, 'nuget', 'en-history.bundle');
const corpusPresent = existsSync(bundle) && existsSync(path.join(corpus, 'nuget', 'truth.json'));
if (!corpusPresent) console.log(`diff corpus tests SKIPPED: ${bundle} not found (set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);

/**
 * The real NuGet English history (the corpus bundle, with origin/live) against the de-DE translations of
 * nuget/current: for stale pages, loc-lint diff's output starts with exactly what `git diff SRC HEAD -- FILE`
 * prints. Most source commits are on `live`, not ancestors of main; a few English pages have CRLF line ends.
 */
(corpusPresent ? describe : describe.skip)('loc-lint diff against git on the NuGet history (corpus)', () => {
  const current = path.join(corpus, 'nuget', 'current');
  let work: string;
  let clone: string;
  let configPath: string;
  const sourceOf = (file: string) => /^ms\.sourcegitcommit:\s*([0-9a-f]+)/m.exec(readFileSync(path.join(current, 'de-de', file), 'utf8'))?.[1];
  beforeAll(() => {
    work = tempDir('loc-lint-diff-corpus-');
    clone = path.join(work, 'en');
    git(work, ['clone', '-q', '-b', 'main', bundle, clone]);
    configPath = path.join(work, 'config', '.lintrc.json');
    write(configPath, JSON.stringify({ source: clone, targets: { 'de-de': path.join(current, 'de-de') } }));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('stale pages: CRLF pages, pages whose source commit is an ancestor of HEAD and some live ones print git diff byte for byte', async () => {
    const truth = JSON.parse(readFileSync(path.join(corpus, 'nuget', 'truth.json'), 'utf8'));
    const stale: string[] = truth.current['de-de'].stale;
    const cases = stale.map((file) => {
      const source = sourceOf(file)!;
      const expected = gitDiff(clone, source, file);
      let ancestor = true;
      try {
        git(clone, ['merge-base', '--is-ancestor', source, 'HEAD']);
      } catch {
        ancestor = false;
      }
      return { file, expected, ancestor, crlf: expected.includes('\r\n') };
    });
    // A sample (each run reads the whole history): every CRLF page, every ancestor, and the first four others.
    const sample = [...cases.filter((c) => c.crlf || c.ancestor), ...cases.filter((c) => !c.crlf && !c.ancestor).slice(0, 4)];
    expect(sample.some((c) => c.crlf)).toBe(true);
    expect(sample.some((c) => c.ancestor)).toBe(true);
    expect(sample.some((c) => !c.ancestor)).toBe(true);
    const mismatches: string[] = [];
    for (const c of sample) {
      expect(c.expected).not.toBe('');
      const run = await runInProcess(configPath, path.join(current, 'de-de', c.file), work);
      if (run.code !== 1 || !run.stdout.startsWith(c.expected + '\n') || run.stdout.includes('\\x0d')) mismatches.push(c.file);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  test('a single-branch clone lacks the live commits: the message names git fetch origin live, which brings them', async () => {
    const single = path.join(work, 'single');
    // From a bundle every object comes along; over a transport only main's do. The upstream publishes live as a branch.
    git(clone, ['branch', 'live', 'origin/live']);
    git(work, ['clone', '-q', '--single-branch', '-b', 'main', `file://${clone}`, single]);
    const singleConfig = path.join(work, 'single-config', '.lintrc.json');
    write(singleConfig, JSON.stringify({ source: single, targets: { 'de-de': path.join(current, 'de-de') } }));
    const file = 'docs/api/catalog-resource.md';
    const source = sourceOf(file)!;
    expect(() => git(single, ['cat-file', '-e', source])).toThrow();
    const before = await runInProcess(singleConfig, path.join(current, 'de-de', file), single);
    expect(before.stdout).toContain(`the source commit ${source} (ms.sourcegitcommit) is not found: the English repository does not have it; git fetch origin live fetches it.\n`);
    git(single, ['fetch', '-q', 'origin', 'live']);
    const after = await runInProcess(singleConfig, path.join(current, 'de-de', file), single);
    expect(after.code).toBe(1);
    expect(after.stdout.startsWith(gitDiff(single, source, file) + '\n')).toBe(true);
  }, 60_000);
});

/** runDiffCommand in this process with a configuration file, from `cwd`, optionally with a diff size limit. */
async function runInProcess(configPath: string, file: string, cwd: string, maxDiffBytes?: number, gitOptions?: HistoryOptions): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await runDiffCommand(file, { config: loadConfig(configPath, rules), cwd, color: false, write: (text) => (stdout += text), ...(maxDiffBytes ? { maxDiffBytes } : {}), ...(gitOptions ? { git: gitOptions } : {}) });
  return { code, stdout };
}

describe('renderGitDiff and fetchCommand', () => {
  test("git's lines as they are, control characters but a line-end CR escaped; colours by what a line is", () => {
    const output = 'diff --git a/p.md b/p.md\nindex 1..2 100644\n--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@ Title\n a\r\n-b\x1b[2J\n+c\rd\n\\ No newline at end of file\n';
    expect(renderGitDiff(output, false)).toBe(output.replace('\x1b', '\\x1b').replace('c\rd', 'c\\x0dd'));
    const colored = renderGitDiff(output, true).split('\n');
    expect(colored[0]).toBe('\x1b[1mdiff --git a/p.md b/p.md\x1b[m');
    expect(colored[3]).toBe('\x1b[1m+++ b/p.md\x1b[m');
    expect(colored[4]).toBe('\x1b[36m@@ -1,2 +1,2 @@\x1b[m Title');
    expect(colored[5]).toBe(' a\r');
    expect(colored[6]).toBe('\x1b[31m-b\\x1b[2J\x1b[m');
    expect(colored[7]).toBe('\x1b[32m+c\\x0dd\x1b[m');
    expect(renderGitDiff('diff --git a/x b/x\nindex 1..2 100644\nBinary files a/x and b/x differ\n', true)).toBe('\x1b[1mdiff --git a/x b/x\x1b[m\n\x1b[1mindex 1..2 100644\x1b[m\nBinary files a/x and b/x differ\n');
  });

  test('the fetch command: --unshallow for a shallow clone, the source branch for a clone that does not fetch every branch', () => {
    const all = new Map([['origin', ['+refs/heads/*:refs/remotes/origin/*']]]);
    const single = new Map([['origin', ['+refs/heads/main:refs/remotes/origin/main']]]);
    expect(fetchCommand({ remotes: all, shallow: false, sourceBranch: 'live' })).toEqual(['fetch', 'origin']);
    expect(fetchCommand({ remotes: single, shallow: false, sourceBranch: 'live' })).toEqual(['fetch', 'origin', 'live']);
    expect(fetchCommand({ remotes: single, shallow: true, sourceBranch: 'live' })).toEqual(['fetch', '--unshallow', 'origin', 'live']);
    expect(fetchCommand({ remotes: single, shallow: true })).toEqual(['fetch', '--unshallow', 'origin']);
    expect(fetchCommand({ remotes: new Map([['upstream', []], ['fork', []]]), shallow: false })).toEqual(['fetch', 'upstream']);
    expect(fetchCommand({ remotes: new Map(), shallow: false })).toBeUndefined();
    expect(shellWord("/tmp/it's here")).toBe("'/tmp/it'\\''s here'");
  });
});

describe('the translated blocks an English change touches', () => {
  test('an escape-only English edit touches its block (it renders differently); rewrapping does not', async () => {
    const { parseDocument } = await import('../src/document/document.js');
    const { changedPlainBlocks } = await import('../src/git/diff.js');
    const doc = (text: string) => parseDocument({ path: 'x.md', relPath: 'x.md', locale: 'en-us', raw: Buffer.from(text) });
    const old = doc('# Pack\n\nUse -Source <Relative Path> here.\n\nSecond paragraph\nwrapped once.\n');
    const escaped = doc('# Pack\n\nUse -Source \\<Relative Path\\> here.\n\nSecond paragraph wrapped\nonce.\n');
    const translated = doc('# Packen\n\nVerwenden Sie -Source <Relative Path> hier.\n\nZweiter Absatz.\n');
    const touched = changedPlainBlocks(translated, old, escaped);
    expect(touched.map((segment) => segment.line)).toEqual([3]);
  });
});
