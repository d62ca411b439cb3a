/**
 * `loc-lint diff FILE` (src/git/diff.ts, src/cli/diff-command.ts): a temporary git repository whose English page changed
 * in three commits, translations pointing at the first; the diff is checked line by line and against what
 * `git diff` itself prints, then the touched segments, colours, fallbacks and exit codes.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { unifiedDiff, renderDiff } from '../src/git/diff.js';
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
    expect(git(s.top, ['diff', '--no-ext-diff', '--no-textconv', s.c1, '--', 'en-us/page.md'])).toBe(diffText);
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
      expect(run.stdout).toContain(`Cannot show the English changes: the source commit ${unknown} (ms.sourcegitcommit) is not in the English history: the history may have been rewritten, or the commit is from another repository.\n`);
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

  test('a shallow clone without the source commit: said plainly, then the sxs-lookup comparison', async () => {
    const shallow = tempDir('loc-lint-diff-shallow-');
    try {
      git(shallow, ['-c', 'protocol.file.allow=always', 'clone', '-q', '--depth', '1', `file://${s.top}`, 'clone']);
      const clone = path.join(shallow, 'clone');
      expect(git(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
      const run = await cli(['diff', 'de-de/page.md'], { cwd: clone });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`Cannot show the English changes: the source commit ${s.c1} (ms.sourcegitcommit) is not in the English history: the English repository is a shallow clone (git fetch --unshallow brings the older commits).\n`);
      expect(touchedLines(run.stdout)).toEqual(['de-de/page.md:10  segment a1-102', 'de-de/page.md:16  segment a1-105']);
    } finally {
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

describe('unifiedDiff', () => {
  test('git’s forms: no function context above line 1, one-line ranges, an empty side, no newline at the end, control characters escaped', () => {
    const lines = unifiedDiff('en-us/a.md', Buffer.from('a\nb\nc'), Buffer.from('a\nb\nc\x1b[2J\n'));
    expect(renderDiff(lines, false).split('\n').slice(4)).toEqual(['@@ -1,3 +1,3 @@', ' a', ' b', '-c', '\\ No newline at end of file', '+c\\x1b[2J', '']);
    const added = unifiedDiff('en-us/a.md', Buffer.alloc(0), Buffer.from('x\n'));
    expect(added.slice(4).map((line) => line.text)).toEqual(['@@ -0,0 +1 @@', '+x']);
    expect(unifiedDiff('en-us/a.md', Buffer.from('same\n'), Buffer.from('same\n'))).toEqual([]);
    expect(unifiedDiff('en-us/a.md', Buffer.from('a\0b'), Buffer.from('a\0c')).map((line) => line.text).slice(2)).toEqual(['Binary files a/en-us/a.md and b/en-us/a.md differ']);
  });

  test('a diff that takes too long is left out, not waited for', () => {
    const before = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `old line ${i}`).join('\n'));
    const after = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `new line ${i}`).join('\n'));
    const lines = unifiedDiff('en-us/a.md', before, after, '100644', 50);
    expect(lines.slice(4).map((line) => line.text)).toEqual(['(the changes are too many to diff within 0.05 s: left out)']);
  });
});
