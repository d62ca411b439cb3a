/**
 * src/git/history.ts: the git history of the English root. Every test builds its own repositories with fixed
 * author and committer dates, and checks the answers against what git itself says (`git log`, `git diff
 * --numstat`, `git cat-file`).
 */
import { execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGit, spawnGit, type GitRunner, type GitSpawner } from '../src/git/git.js';
import { countLineChanges, openHistory, workTreeOf, type EnglishHistory } from '../src/git/history.js';
import { commitsInRange, lastChanges, StepBudgetExceeded, type SimplifyInput } from '../src/git/simplify.js';
import { tempDir } from './helpers.js';
import { git as runIn, write } from './git-repo.js';

/** `git ARGS` in `dir`; with `date`, the commit gets that committer date (and an author date a day earlier). */
function git(dir: string, args: string[], date?: string): string {
  return runIn(dir, args, date, date ? new Date(Date.parse(date) - 86_400_000).toISOString() : undefined);
}

/** `git ARGS` output as bytes, or undefined when git fails (an object that does not exist). */
function gitBytes(dir: string, args: string[]): Buffer | undefined {
  try {
    return execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

function commitAll(dir: string, message: string, date: string): string {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** A fresh repository in a temporary folder. */
function newRepository(): string {
  const top = tempDir('loc-lint-history-');
  git(top, ['init', '-q']);
  return top;
}

const lines = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} line ${i + 1}`).join('\n') + '\n';

async function open(root: string, options = {}): Promise<EnglishHistory> {
  const opening = await openHistory(root, options);
  if (!opening.history) throw new Error(`no history: ${opening.reason}`);
  return opening.history;
}

/**
 * The English root `docs/en-us` inside a repository that holds more (a README, a translation), with this history
 * (committer dates; `side` and `side2` are branches merged back):
 *
 *   c1 2021-01-04 every file               c5 2021-04-01 README and the translation only
 *   c2 2021-02-01 index.md                 m1 2021-05-01 merge side (clean)
 *   c3 2021-03-01 guide/setup.md (side)    c6 2021-06-01 index.md
 *   c4 2021-03-15 Größe ü.md, README       c7 2021-06-10 index.md (side2, from c6)
 *                                          c8 2021-06-20 index.md, the header-like file
 *                                          m2 2021-07-01 merge side2, conflict in index.md resolved
 */
interface English {
  top: string;
  root: string;
  c: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c8' | 'm1' | 'm2', string>;
  index: string;
  setup: string;
  grosse: string;
  spoof: string;
}

function englishRepository(): English {
  const top = tempDir('loc-lint-history-');
  const root = path.join(top, 'docs', 'en-us');
  const index = path.join(root, 'index.md');
  const setup = path.join(root, 'guide', 'setup.md');
  const grosse = path.join(root, 'Größe ü.md');
  // A name that looks like a log header: it must stay a path.
  const spoof = path.join(root, `${'a'.repeat(40)} 1600000000 spoof.md`);
  git(top, ['init', '-q']);
  write(path.join(top, 'README.md'), '# Docs\n');
  write(path.join(top, 'docs', 'de-de', 'index.md'), '# Start\n');
  write(index, '# Start\n\n' + lines(8, 'index'));
  write(setup, '# Setup\n\n' + lines(6, 'setup'));
  write(grosse, '# Größe\n\nÜberall.\n');
  write(spoof, 'spoof\n');
  const c1 = commitAll(top, 'Add the docs', '2021-01-04T10:00:00Z');
  write(index, readFileSync(index, 'utf8').replace('index line 4\n', 'index line four\nnew a\nnew b\n'));
  const c2 = commitAll(top, 'Index: more', '2021-02-01T10:00:00Z');
  git(top, ['checkout', '-q', '-b', 'side']);
  write(setup, readFileSync(setup, 'utf8').replace('setup line 2', 'setup line 2 with a proxy'));
  const c3 = commitAll(top, 'Setup: proxy', '2021-03-01T10:00:00Z');
  git(top, ['checkout', '-q', 'main']);
  write(grosse, '# Größe\n\nÜberall und immer.\n');
  write(path.join(top, 'README.md'), '# Docs\n\nMore.\n');
  const c4 = commitAll(top, 'Größe and the README', '2021-03-15T10:00:00Z');
  write(path.join(top, 'README.md'), '# Docs\n\nMore and more.\n');
  write(path.join(top, 'docs', 'de-de', 'index.md'), '# Start!\n');
  const c5 = commitAll(top, 'README and the translation', '2021-04-01T10:00:00Z');
  git(top, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], '2021-05-01T10:00:00Z');
  const m1 = git(top, ['rev-parse', 'HEAD']).trim();
  write(index, readFileSync(index, 'utf8').replace('# Start', '# Getting started'));
  const c6 = commitAll(top, 'Index: intro', '2021-06-01T10:00:00Z');
  git(top, ['checkout', '-q', '-b', 'side2']);
  write(index, readFileSync(index, 'utf8').replace('index line 6', 'index line six (side2)'));
  const c7 = commitAll(top, 'Index: line six on side2', '2021-06-10T10:00:00Z');
  git(top, ['checkout', '-q', 'main']);
  write(index, readFileSync(index, 'utf8').replace('index line 6', 'index line 6 (main)'));
  write(spoof, 'spoof changed\n');
  const c8 = commitAll(top, 'Index: line six on main', '2021-06-20T10:00:00Z');
  expect(() => git(top, ['merge', '-q', '-m', 'Merge side2', 'side2'])).toThrow(); // the conflict
  write(index, readFileSync(index, 'utf8').replace(/<<<<<<<[^]*>>>>>>> side2\n/, 'index line 6, resolved\n'));
  const m2 = commitAll(top, 'Merge side2, resolved', '2021-07-01T10:00:00Z');
  expect(git(top, ['rev-list', '--parents', '-1', 'HEAD']).trim().split(' ')).toEqual([m2, c8, c7]);
  return { top, root, c: { c1, c2, c3, c4, c5, c6, c7, c8, m1, m2 }, index, setup, grosse, spoof };
}

/** What `git log` says: hashes of the commits in `range` that touched `file`, newest first. */
function gitLog(top: string, range: string[], file: string): string[] {
  return git(top, ['log', '--format=%H', ...range, '--', path.relative(top, file)]).split('\n').filter(Boolean);
}

/** `git diff --numstat COMMIT -- FILE` (the commit against the working tree); undefined for binary. */
function numstat(top: string, commit: string, file: string): { added: number; removed: number } | undefined {
  const line = git(top, ['diff', '--numstat', commit, '--', path.relative(top, file)]).trim();
  if (line === '') return { added: 0, removed: 0 };
  const [added, removed] = line.split('\t');
  return added === '-' ? undefined : { added: Number(added), removed: Number(removed) };
}

/** A `git` first on PATH that logs every invocation's arguments, then runs the real git. */
function gitWrapper(): { bin: string; calls: () => string[][] } {
  const bin = tempDir('loc-lint-git-wrapper-');
  const log = path.join(bin, 'log');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\037' "$@" >> '${log}'\necho >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  return {
    bin,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\x1f').slice(0, -1)) : []),
  };
}

/** The git subcommand of an argument list (after the `-c name=value` settings). */
function subcommand(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++;
    else return args[i];
  }
  return '';
}

async function withPath<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${saved}`;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
}

/** Runner and spawner that record each git subcommand they start. */
function counting(): { calls: string[]; git: GitRunner; spawnGit: GitSpawner; children: ChildProcessWithoutNullStreams[] } {
  const calls: string[] = [];
  const children: ChildProcessWithoutNullStreams[] = [];
  return {
    calls,
    children,
    git: (args, options) => {
      calls.push(subcommand(args));
      return runGit(args, options);
    },
    spawnGit: (args, options) => {
      calls.push(subcommand(args));
      const child = spawnGit(args, options);
      children.push(child);
      return child;
    },
  };
}

describe('openHistory on an English history with branches, merges and odd names', () => {
  let english: English;
  let history: EnglishHistory;
  beforeAll(async () => {
    english = englishRepository();
    history = await open(english.root);
  });
  afterAll(async () => {
    await history?.close();
  });

  test('work tree, HEAD, not shallow', () => {
    expect(history.topLevel).toBe(git(english.top, ['rev-parse', '--show-toplevel']).trim());
    expect(history.head).toBe(english.c.m2);
    expect(history.shallow).toBe(false);
  });

  test('commitsSince: the commits git log lists for the range and the file, with committer dates and subjects', () => {
    const { c } = english;
    const name = (hash: string) => Object.entries(c).find(([, value]) => value === hash)?.[0] ?? hash;
    const since = (file: string, commit: string) => history.commitsSince(file, commit)?.map((entry) => name(entry.hash));
    expect(since(english.index, c.c1)).toEqual(['m2', 'c8', 'c7', 'c6', 'c2']);
    expect(since(english.index, c.c6)).toEqual(['m2', 'c8', 'c7']);
    // A commit on the merged branch counts when it is not an ancestor of the handoff commit, and the other way.
    expect(since(english.index, c.c7)).toEqual(['m2', 'c8']);
    expect(since(english.index, c.c8)).toEqual(['m2', 'c7']);
    expect(since(english.setup, c.c4)).toEqual(['c3']);
    expect(since(english.setup, c.c3)).toEqual([]);
    expect(since(english.grosse, c.c1)).toEqual(['c4']);
    expect(since(english.spoof, c.c2)).toEqual(['c8']);
    expect(since(english.index, c.m2)).toEqual([]);
    // c5 and m1 touched nothing in the English root.
    expect(since(english.index, c.c5)).toEqual(['m2', 'c8', 'c7', 'c6']);

    for (const file of [english.index, english.setup, english.grosse, english.spoof]) {
      for (const commit of Object.values(c)) {
        expect(history.commitsSince(file, commit)?.map((entry) => entry.hash)).toEqual(gitLog(english.top, [`${commit}..HEAD`], file));
      }
    }
    const [newest] = history.commitsSince(english.index, c.c1)!;
    expect(newest.date.toISOString()).toBe('2021-07-01T10:00:00.000Z'); // the committer date, not the author's
    expect(newest.subject).toBe('Merge side2, resolved');
    expect(history.commitsSince(english.grosse, c.c1)![0]).toEqual({ hash: c.c4, date: new Date('2021-03-15T10:00:00Z'), subject: 'Größe and the README' });
  });

  test('lastChange: git log -1 for the file, with its committer date', () => {
    for (const file of [english.index, english.setup, english.grosse, english.spoof]) {
      const [hash, date] = git(english.top, ['log', '-1', '--format=%H %cI', '--', path.relative(english.top, file)]).trim().split(' ');
      const last = history.lastChange(file);
      expect(last?.hash).toBe(hash);
      expect(last?.date.getTime()).toBe(Date.parse(date));
    }
    expect(history.lastChange(english.setup)).toMatchObject({ hash: english.c.c3, date: new Date('2021-03-01T10:00:00Z'), subject: 'Setup: proxy' });
    // Never committed: no last change.
    write(path.join(english.root, 'new.md'), 'new\n');
    expect(history.lastChange(path.join(english.root, 'new.md'))).toBeUndefined();
    expect(history.commitsSince(path.join(english.root, 'new.md'), english.c.c1)).toEqual([]);
    // Files outside the English root are not read from the history.
    expect(history.lastChange(path.join(english.top, 'README.md'))).toBeUndefined();
    expect(history.lastChange('/elsewhere/index.md')).toBeUndefined();
  });

  test('blobAt: the bytes git cat-file gives, undefined where the file did not exist', async () => {
    const files = [english.index, english.setup, english.grosse, english.spoof, path.join(english.root, 'guide')];
    const requests = Object.values(english.c).flatMap((commit) => files.map((file) => ({ commit, file })));
    // All at once, so the answers of the one cat-file process must come back in order.
    const answers = await Promise.all(requests.map(({ commit, file }) => history.blobAt(commit, file)));
    requests.forEach(({ commit, file }, i) => {
      const expected = file.endsWith('guide') ? undefined : gitBytes(english.top, ['cat-file', 'blob', `${commit}:${path.relative(english.top, file)}`]);
      expect(answers[i]).toEqual(expected);
    });
    expect(answers.filter(Boolean).length).toBe(requests.length - Object.keys(english.c).length); // only the folder is missing
    // Abbreviated and upper-case hashes; unknown commits; files added later.
    expect(await history.blobAt(english.c.c1.slice(0, 7).toUpperCase(), english.index)).toEqual(gitBytes(english.top, ['show', `${english.c.c1}:docs/en-us/index.md`]));
    expect(await history.blobAt('0123456789abcdef0123456789abcdef01234567', english.index)).toBeUndefined();
    write(path.join(english.root, 'later.md'), 'later\n');
    const later = commitAll(english.top, 'Later', '2021-08-01T10:00:00Z');
    expect(await history.blobAt(later, path.join(english.root, 'later.md'))).toBeUndefined(); // opened before that commit
    expect(await (await open(english.root)).blobAt(later, path.join(english.root, 'later.md'))).toEqual(Buffer.from('later\n'));
    expect(await history.blobAt(english.c.c1, path.join(english.root, 'later.md'))).toBeUndefined();
    git(english.top, ['reset', '-q', '--hard', english.c.m2]);
  });

  test('lineChanges: the counts of git diff --numstat against the working tree', async () => {
    const { top, index, setup, grosse } = english;
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    try {
      write(index, readFileSync(index, 'utf8').replace('index line 2\n', '').replace('index line 7', 'index line 7 edited') + 'appended\nno newline at the end');
      write(setup, crlf(readFileSync(setup, 'utf8')).replace('setup line 5\r\n', 'setup line 5\nmixed\r\n'));
      write(grosse, '# Größe\n\nÜberall und immer.\n\n' + lines(3, 'Größe'));
      for (const file of [index, setup, grosse]) {
        for (const commit of Object.values(english.c)) {
          const expected = numstat(top, commit, file);
          expect({ commit, file, counts: await history.lineChanges(commit, file, readFileSync(file)) }).toEqual({ commit, file, counts: expected });
        }
      }
      // Strings are what the run lints, encoded as UTF-8.
      expect(await history.lineChanges(english.c.c4, grosse, readFileSync(grosse, 'utf8'))).toEqual(numstat(top, english.c.c4, grosse));
      // Binary (a NUL byte): git has no line counts, and neither do we.
      write(grosse, Buffer.from('# Größe\n\0\n'));
      expect(numstat(top, english.c.c4, grosse)).toBeUndefined();
      expect(await history.lineChanges(english.c.c4, grosse, readFileSync(grosse))).toBeUndefined();
      // A file that did not exist at the commit: every line is added.
      expect(await history.lineChanges(english.c.c1, path.join(english.root, 'brand-new.md'), 'a\nb\nc\n')).toEqual({ added: 3, removed: 0 });
      expect(await history.lineChanges('0123456789abcdef0123456789abcdef01234567', index, 'a\n')).toBeUndefined();
    } finally {
      git(top, ['checkout', '-q', '--', '.']);
    }
  });

  test('countLineChanges: git’s rules for line ends', () => {
    expect(countLineChanges('a\nb\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
    expect(countLineChanges('a\nb', 'a\nb\n')).toEqual({ added: 1, removed: 1 }); // "\ No newline at end of file"
    expect(countLineChanges('a\r\nb\n', 'a\nb\n')).toEqual({ added: 1, removed: 1 });
    expect(countLineChanges('a\rb\n', 'a\rc\n')).toEqual({ added: 1, removed: 1 }); // a lone CR ends no line
    expect(countLineChanges('', 'x\ny\n')).toEqual({ added: 2, removed: 0 });
    expect(countLineChanges(Buffer.from([0xff, 0x0a]), Buffer.from([0xfe, 0x0a]))).toEqual({ added: 1, removed: 1 }); // bytes, not decoded text
    // Bounded: a rewrite too large for the budget is unknown, not a hang; the same inputs count within a larger one.
    const rewritten = [lines(500, 'old'), lines(500, 'new')];
    expect(countLineChanges(rewritten[0], rewritten[1], 100_000)).toBeUndefined();
    expect(countLineChanges(rewritten[0], rewritten[1], 2_000_000)).toEqual({ added: 500, removed: 500 });
  });

  test('hashes: full, abbreviated, any case; never anything else', async () => {
    const { c1 } = english.c;
    expect(history.resolve(c1)).toBe(c1);
    expect(history.resolve(c1.slice(0, 8).toUpperCase())).toBe(c1);
    expect(history.resolve(` ${c1.slice(0, 10)}\n`)).toBe(c1);
    expect(history.hasCommit(c1.slice(0, 3))).toBe(false); // too short
    for (const bad of ['HEAD', 'main', 'HEAD~1', `${c1}^`, '--output=/tmp/x', `-${c1}`, `${c1}:docs/en-us/index.md`, '', 'g'.repeat(40)]) {
      expect(history.hasCommit(bad)).toBe(false);
      expect(history.commitsSince(english.index, bad)).toBeUndefined();
      expect(await history.blobAt(bad, english.index)).toBeUndefined();
    }
    expect(history.hasCommit(123456 as unknown as string)).toBe(false); // YAML may give a number
  });

  test('commitDate: the committer date of any commit in the graph, as git log prints it', () => {
    const { c1 } = english.c;
    const seconds = Number(git(english.top, ['log', '-1', '--format=%ct', c1]).trim());
    expect(history.commitDate(c1.slice(0, 7))?.getTime()).toBe(seconds * 1000);
    expect(history.commitDate('0123456789abcdef0123456789abcdef01234567')).toBeUndefined();
  });
});

describe('openHistory where history is missing or cut', () => {
  test('a shallow clone: commits below the boundary are unknown, boundary commits do not count as changes', async () => {
    const english = englishRepository();
    const shallow1 = path.join(tempDir('loc-lint-shallow-'), 'clone');
    git(english.top, ['clone', '-q', '--depth', '1', `file://${english.top}`, shallow1]);
    const one = await open(path.join(shallow1, 'docs', 'en-us'));
    const index1 = path.join(shallow1, 'docs', 'en-us', 'index.md');
    expect(one.shallow).toBe(true);
    expect(one.head).toBe(english.c.m2);
    expect(one.hasCommit(english.c.c1)).toBe(false);
    expect(one.commitsSince(index1, english.c.c1)).toBeUndefined();
    expect(one.commitsSince(index1, english.c.m2)).toEqual([]);
    expect(one.lastChange(index1)).toBeUndefined(); // the only commit is the boundary: its "change" is not known
    expect(await one.blobAt(english.c.m2, index1)).toEqual(readFileSync(english.index));
    expect(await one.lineChanges(english.c.c1, index1, 'x\n')).toBeUndefined();
    await one.close();

    // Depth 2 keeps m2 and its parents c7 and c8, both boundaries.
    const shallow2 = path.join(tempDir('loc-lint-shallow-'), 'clone');
    git(english.top, ['clone', '-q', '--depth', '2', `file://${english.top}`, shallow2]);
    const two = await open(path.join(shallow2, 'docs', 'en-us'));
    const index2 = path.join(shallow2, 'docs', 'en-us', 'index.md');
    expect(two.lastChange(index2)).toMatchObject({ hash: english.c.m2, date: new Date('2021-07-01T10:00:00Z') });
    expect(two.hasCommit(english.c.c8)).toBe(true);
    expect(two.hasCommit(english.c.c6)).toBe(false);
    // Since c8: m2 and c7, but whether c7 (a boundary) changed index.md is cut off.
    expect(two.commitsSince(index2, english.c.c8)).toBeUndefined();
    expect(two.commitsSince(index2, english.c.m2)).toEqual([]);
    await two.close();
  });

  test('rewritten history: an amended commit is unknown even though its object is still there', async () => {
    const top = newRepository();
    const file = path.join(top, 'page.md');
    write(file, 'one\n');
    commitAll(top, 'one', '2022-01-01T00:00:00Z');
    write(file, 'two\n');
    const before = commitAll(top, 'two', '2022-02-01T00:00:00Z');
    git(top, ['commit', '-q', '--amend', '-m', 'two, reworded'], '2022-02-02T00:00:00Z');
    expect(gitBytes(top, ['cat-file', '-t', before])?.toString().trim()).toBe('commit');
    const history = await open(top);
    expect(history.hasCommit(before)).toBe(false);
    expect(history.commitsSince(file, before)).toBeUndefined();
    expect(await history.blobAt(before, file)).toBeUndefined();
    expect(await history.lineChanges(before, file, 'three\n')).toBeUndefined();
    expect(history.lastChange(file)?.subject).toBe('two, reworded');
    await history.close();
  });

  test('commits on other branches are known; abbreviations must be unique among all commits', async () => {
    const top = newRepository();
    const file = path.join(top, 'page.md');
    write(file, 'one\n');
    const first = commitAll(top, 'one', '2022-01-01T00:00:00Z');
    // 1,000 empty commits on an unrelated branch, in one git process: among so many hashes some share 4 digits.
    let stream = '';
    for (let i = 1; i <= 1000; i++) {
      stream += `commit refs/heads/many\nmark :${i}\ncommitter T <t@t.invalid> ${1_600_000_000 + i} +0000\ndata ${String(i).length}\n${i}\n`;
      if (i > 1) stream += `from :${i - 1}\n`;
      stream += '\n';
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: top, input: stream });
    const many = git(top, ['rev-list', 'many']).trim().split('\n');
    expect(many).toHaveLength(1000);
    const all = [...many, first];
    const shared = all.map((hash) => hash.slice(0, 4)).find((prefix, i, prefixes) => prefixes.indexOf(prefix) !== i);
    expect(shared).toBeDefined();

    const history = await open(top);
    expect(history.hasCommit(shared!)).toBe(false); // ambiguous
    const sharing = all.filter((hash) => hash.startsWith(shared!));
    for (const hash of sharing) {
      let length = 5;
      while (all.filter((other) => other.startsWith(hash.slice(0, length))).length > 1) length++;
      expect(history.resolve(hash.slice(0, length))).toBe(hash);
    }
    // A handoff made from the other branch: every commit of HEAD that touched the file is "since".
    expect(history.commitsSince(file, many[0])?.map((entry) => entry.hash)).toEqual([first]);
    await history.close();
  });

  test('no work tree: no git process at all', async () => {
    const dir = tempDir('loc-lint-no-git-');
    const root = path.join(dir, 'en-us');
    mkdirSync(root);
    expect(workTreeOf(root)).toBeUndefined(); // nothing above the temporary folder is a work tree either
    const refuse = () => {
      throw new Error('git must not run');
    };
    const wrapper = gitWrapper();
    const opening = await withPath(wrapper.bin, () => openHistory(root, { git: refuse, spawnGit: refuse }));
    expect(opening).toEqual({ history: undefined, reason: `the English root ${root} is not in a git work tree` });
    expect(await withPath(wrapper.bin, () => openHistory(root))).toMatchObject({ history: undefined });
    expect(wrapper.calls()).toEqual([]);
    expect(await openHistory(path.join(dir, 'missing'))).toEqual({ history: undefined, reason: `the English root ${path.join(dir, 'missing')} does not exist` });
  });

  test('an empty repository, a missing git, a broken repository: no history, and why', async () => {
    const empty = tempDir('loc-lint-history-');
    git(empty, ['init', '-q']);
    expect(await openHistory(empty)).toEqual({ history: undefined, reason: `the git repository at ${empty} has no commits yet` });

    const top = newRepository();
    write(path.join(top, 'page.md'), 'one\n');
    commitAll(top, 'one', '2022-01-01T00:00:00Z');
    const saved = process.env.PATH;
    process.env.PATH = tempDir('loc-lint-empty-path-');
    try {
      expect(await openHistory(top)).toEqual({ history: undefined, reason: 'git is not installed (no "git" program was found on PATH)' });
    } finally {
      process.env.PATH = saved;
    }

    const broken = tempDir('loc-lint-history-');
    write(path.join(broken, '.git'), 'gitdir: /nonexistent/loc-lint\n');
    const opening = await openHistory(broken);
    expect(opening.history).toBeUndefined();
    expect(opening.reason).toMatch(/^git cannot read the repository holding .*not a git repository/);
  });

  test('a linked work tree (.git is a file) and a root given through a symbolic link', async () => {
    const english = englishRepository();
    const linked = path.join(tempDir('loc-lint-worktree-'), 'wt');
    git(english.top, ['worktree', 'add', '-q', '--detach', linked, english.c.c6]);
    const history = await open(path.join(linked, 'docs', 'en-us'));
    expect(history.topLevel).toBe(linked);
    expect(history.head).toBe(english.c.c6);
    expect(history.lastChange(path.join(linked, 'docs', 'en-us', 'index.md'))?.hash).toBe(english.c.c6);
    await history.close();

    const link = path.join(tempDir('loc-lint-link-'), 'english');
    execFileSync('ln', ['-s', english.root, link]);
    const throughLink = await open(link);
    expect(throughLink.lastChange(path.join(link, 'guide', 'setup.md'))?.hash).toBe(english.c.c3);
    expect(await throughLink.blobAt(english.c.c1, path.join(link, 'guide', 'setup.md'))).toEqual(gitBytes(english.top, ['show', `${english.c.c1}:docs/en-us/guide/setup.md`]));
    await throughLink.close();
  });

  test('a path with a line break cannot confuse the cat-file conversation', async () => {
    const top = newRepository();
    const odd = path.join(top, 'two\nlines.md');
    const plain = path.join(top, 'plain.md');
    write(odd, 'odd\n');
    write(plain, 'plain\n');
    const first = commitAll(top, 'one', '2022-01-01T00:00:00Z');
    const history = await open(top);
    expect(history.lastChange(odd)?.hash).toBe(first);
    const [oddBytes, plainBytes] = await Promise.all([history.blobAt(first, odd), history.blobAt(first, plain)]);
    expect(oddBytes).toBeUndefined();
    expect(plainBytes).toEqual(Buffer.from('plain\n'));
    await history.close();
  });
});

describe('git processes', () => {
  test('a fixed number per run: the same for 1 file and 1 commit as for 50 files and 5 commits', async () => {
    const top = newRepository();
    const root = path.join(top, 'en-us');
    const files = Array.from({ length: 50 }, (_, i) => path.join(root, `folder ${i % 5}`, `page-${i}.md`));
    const commits: string[] = [];
    for (let round = 0; round < 6; round++) {
      files.forEach((file, i) => {
        if (round === 0 || i % 6 === round) write(file, `# Page ${i}\n\n${lines(round + 3, `round ${round}`)}`);
      });
      commits.push(commitAll(top, `round ${round}`, `2022-0${round + 1}-01T00:00:00Z`));
    }
    for (const file of files.slice(0, 10)) write(file, readFileSync(file, 'utf8') + 'edited\n');

    const askEverything = async (history: EnglishHistory, which: string[], at: string[]) => {
      const counts = [];
      for (const file of which) {
        history.lastChange(file);
        for (const commit of at) {
          expect(history.commitsSince(file, commit)).toBeDefined();
          expect(await history.blobAt(commit, file)).toBeDefined();
          counts.push(await history.lineChanges(commit, file, readFileSync(file)));
        }
      }
      return counts;
    };

    const small = counting();
    const one = await open(root, small);
    const [smallCount] = await askEverything(one, files.slice(0, 1), commits.slice(0, 1));
    expect(smallCount).toEqual(numstat(top, commits[0], files[0]));
    await one.close();
    expect(small.children.every((child) => child.exitCode === 0)).toBe(true); // close() ended cat-file

    const large = counting();
    const many = await open(root, large);
    const counts = await askEverything(many, files, commits.slice(1));
    expect(counts).toHaveLength(250);
    expect(counts[249]).toEqual(numstat(top, commits[5], files[49]));
    await many.close();
    expect(large.calls.sort()).toEqual(small.calls.sort());
    expect(large.calls).toEqual(['cat-file', 'log', 'rev-list', 'rev-parse']);

    // The same through the real PATH, which would also see processes started around the injected runners.
    const wrapper = gitWrapper();
    await withPath(wrapper.bin, async () => {
      const history = await open(root);
      await askEverything(history, files, commits.slice(1));
      await history.close();
    });
    expect(wrapper.calls().map(subcommand).sort()).toEqual(['cat-file', 'log', 'rev-list', 'rev-parse']);
  });

  test('no cat-file process when no file content is asked for', async () => {
    const top = newRepository();
    write(path.join(top, 'page.md'), 'one\n');
    const first = commitAll(top, 'one', '2022-01-01T00:00:00Z');
    const count = counting();
    const history = await open(top, count);
    expect(history.commitsSince(path.join(top, 'page.md'), first)).toEqual([]);
    await history.close();
    expect(count.calls.sort()).toEqual(['log', 'rev-list', 'rev-parse']);
  });
});

describe('an untrusted repository configuration runs nothing', () => {
  /** A program that records that it ran, for every configuration hook a hostile `.git/config` could name. */
  function trap(dir: string, marker: string, name: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\necho '${name}' "$@" >> '${marker}'\nexit 1\n`);
    chmodSync(file, 0o755);
    return file;
  }

  test('fsmonitor, signature checks, pagers, diff drivers, hooks and log settings are ignored', async () => {
    const english = englishRepository();
    const { top } = english;
    const traps = tempDir('loc-lint-traps-');
    const marker = path.join(traps, 'ran');
    // A commit that changes the English and is signed (the signature need not be valid: showing it runs
    // gpg.program), made before the traps are set.
    write(english.index, readFileSync(english.index, 'utf8') + 'Signed addition.\n');
    const unsigned = commitAll(top, 'Signed', '2021-08-01T10:00:00Z');
    const signed = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
      cwd: top,
      encoding: 'utf8',
      input: git(top, ['cat-file', 'commit', unsigned]).replace(
        /\n\n/,
        '\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n',
      ),
    }).trim();
    git(top, ['update-ref', 'refs/heads/main', signed]);
    const expectedChanges = numstat(top, english.c.c1, english.index);
    const set = (name: string, value: string) => git(top, ['config', name, value]);
    set('core.fsmonitor', trap(traps, marker, 'fsmonitor'));
    set('gpg.program', trap(traps, marker, 'gpg'));
    set('log.showSignature', 'true');
    set('core.pager', trap(traps, marker, 'pager'));
    set('pager.log', trap(traps, marker, 'pager-log'));
    set('diff.external', trap(traps, marker, 'external-diff'));
    set('diff.evil.textconv', trap(traps, marker, 'textconv'));
    set('diff.evil.command', trap(traps, marker, 'diff-command'));
    set('filter.evil.smudge', trap(traps, marker, 'smudge'));
    set('filter.evil.clean', trap(traps, marker, 'clean'));
    set('log.follow', 'true');
    set('diff.relative', 'true');
    set('color.ui', 'always');
    set('i18n.logOutputEncoding', 'ISO-8859-1');
    write(path.join(top, '.gitattributes'), '*.md diff=evil filter=evil\n');
    const hooks = path.join(traps, 'hooks');
    mkdirSync(hooks);
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'fsmonitor-watchman']) trap(hooks, marker, hook);
    set('core.hooksPath', hooks);

    // The traps work: git itself runs them.
    execFileSync('git', ['log', '-1'], { cwd: top, stdio: 'ignore' });
    execFileSync('git', ['status'], { cwd: top, stdio: 'ignore' });
    expect(readFileSync(marker, 'utf8')).toMatch(/^gpg[^]+^fsmonitor/m);
    rmSync(marker);

    const history = await open(english.root);
    expect(history.head).toBe(signed);
    expect(history.commitsSince(english.index, english.c.c6)?.map((entry) => entry.hash)).toEqual([signed, english.c.m2, english.c.c8, english.c.c7]);
    expect(history.lastChange(english.grosse)).toMatchObject({ hash: english.c.c4, subject: 'Größe and the README' });
    expect(await history.blobAt(english.c.c1, english.index)).toEqual(gitBytes(top, ['cat-file', 'blob', `${english.c.c1}:docs/en-us/index.md`]));
    expect(await history.lineChanges(english.c.c1, english.index, readFileSync(english.index))).toEqual(expectedChanges);
    await history.close();
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
  });

  test('a partial clone never fetches the objects it lacks (which could run core.sshCommand)', async () => {
    const english = englishRepository();
    git(english.top, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = path.join(tempDir('loc-lint-partial-'), 'clone');
    git(english.top, ['clone', '-q', '--filter=blob:none', `file://${english.top}`, clone]);
    const traps = tempDir('loc-lint-traps-');
    const marker = path.join(traps, 'ran');
    git(clone, ['config', 'remote.origin.url', 'ssh://example.invalid/english.git']);
    git(clone, ['config', 'core.sshCommand', trap(traps, marker, 'ssh')]);
    git(clone, ['config', 'protocol.ssh.allow', 'always']);
    // The trap works: git itself fetches the missing blob through it.
    expect(gitBytes(clone, ['cat-file', 'blob', `${english.c.c1}:docs/en-us/index.md`])).toBeUndefined();
    expect(readFileSync(marker, 'utf8')).toMatch(/^ssh /);
    rmSync(marker);

    const root = path.join(clone, 'docs', 'en-us');
    const history = await open(root);
    // The history itself needs no blobs; the old file does.
    expect(history.commitsSince(path.join(root, 'index.md'), english.c.c6)?.map((entry) => entry.hash)).toEqual([english.c.m2, english.c.c8, english.c.c7]);
    await expect(history.blobAt(english.c.c1, path.join(root, 'index.md'))).rejects.toThrow(/partial clone/);
    await expect(history.lineChanges(english.c.c1, path.join(root, 'index.md'), 'x\n')).rejects.toThrow(/partial clone/);
    await history.close();
    expect(existsSync(marker)).toBe(false);
  });

  test('GIT_DIR and GIT_INDEX_FILE of a hook in another repository are ignored', async () => {
    const english = englishRepository();
    const other = newRepository();
    write(path.join(other, 'x.md'), 'x\n');
    commitAll(other, 'other', '2022-01-01T00:00:00Z');
    const saved = { dir: process.env.GIT_DIR, index: process.env.GIT_INDEX_FILE };
    process.env.GIT_DIR = path.join(other, '.git');
    process.env.GIT_INDEX_FILE = path.join(other, '.git', 'index');
    try {
      const history = await open(english.root);
      expect(history.head).toBe(english.c.m2);
      expect(history.lastChange(english.setup)?.hash).toBe(english.c.c3);
      await history.close();
    } finally {
      if (saved.dir === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.dir;
      if (saved.index === undefined) delete process.env.GIT_INDEX_FILE;
      else process.env.GIT_INDEX_FILE = saved.index;
    }
  });
});

/**
 * Git facts equal git's own answers: for every file and every commit of a history, `lastChange` is what
 * `git log -1 -- FILE` shows and `commitsSince` is what `git rev-list SRC..HEAD -- FILE` lists (same commits,
 * same order). Default history simplification is what makes these differ from "every commit whose diff lists the
 * file": side branches whose change was dropped by a merge, merges that kept one side, back-merges of old history.
 */
function expectGitAnswers(history: EnglishHistory, top: string, files: string[], commits: string[]): number {
  let compared = 0;
  for (const file of files) {
    const absolute = path.join(top, file);
    const logged = git(top, ['log', '-1', '--format=%H', '--', file]).trim();
    expect({ file, lastChange: history.lastChange(absolute)?.hash ?? '' }).toEqual({ file, lastChange: logged });
    for (const commit of commits) {
      const listed = git(top, ['rev-list', `${commit}..HEAD`, '--', file]).split('\n').filter(Boolean);
      expect({ file, commit, since: history.commitsSince(absolute, commit)?.map((c) => c.hash) }).toEqual({ file, commit, since: listed });
      compared++;
    }
  }
  return compared;
}

describe('git facts equal git log -1 and git rev-list SRC..HEAD', () => {
  test('side branches dropped by a merge, merges that kept one side, reverts, back-merges, renames, CRLF, equal times', async () => {
    const top = newRepository();
    const file = (name: string) => path.join(top, 'docs', name);
    const at = (day: number) => new Date(Date.UTC(2022, 0, day, 10)).toISOString();
    write(file('a.md'), 'a1\n');
    write(file('b.md'), 'b1\n');
    write(file('crlf.md'), 'one\r\ntwo\r\n');
    write(file('old-name.md'), 'renamed later\n');
    commitAll(top, 'start', at(1));
    // A side branch changes a.md; main merges it with `-s ours`: the change never reaches main.
    git(top, ['checkout', '-q', '-b', 'dropped']);
    write(file('a.md'), 'a from a branch that is dropped\n');
    commitAll(top, 'dropped change', at(2));
    git(top, ['checkout', '-q', 'main']);
    write(file('b.md'), 'b2\n');
    commitAll(top, 'b on main', at(3));
    git(top, ['merge', '-q', '-s', 'ours', '-m', 'merge dropped, keep ours', 'dropped'], at(4));
    // A change and its revert (each differs from its parent: git shows both).
    write(file('b.md'), 'b3\n');
    commitAll(top, 'b3', at(5));
    write(file('b.md'), 'b2\n');
    commitAll(top, 'revert b3', at(5)); // same committer second as its parent
    // A feature branch from an old commit that merges old main back in (an uninteresting parent for later ranges).
    const old = git(top, ['rev-parse', 'HEAD~3']).trim();
    git(top, ['checkout', '-q', '-b', 'feature', old]);
    write(file('crlf.md'), 'one\r\ntwo changed\r\n');
    commitAll(top, 'crlf line', at(6));
    git(top, ['merge', '-q', '--no-ff', '-m', 'back-merge main', 'main'], at(7));
    write(file('a.md'), 'a on feature\n');
    commitAll(top, 'a on feature', at(8));
    git(top, ['checkout', '-q', 'main']);
    git(top, ['mv', path.join('docs', 'old-name.md'), path.join('docs', 'new-name.md')]);
    commitAll(top, 'rename', at(9));
    git(top, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], at(10));
    // A merge whose result takes the other side's version of b.md (TREESAME to the second parent only).
    git(top, ['checkout', '-q', '-b', 'theirs', 'HEAD~1']);
    write(file('b.md'), 'b from theirs\n');
    commitAll(top, 'b on theirs', at(11));
    git(top, ['checkout', '-q', 'main']);
    write(file('b.md'), 'b on main again\n');
    commitAll(top, 'b on main again', at(12));
    git(top, ['merge', '-q', '-X', 'theirs', '-m', 'merge theirs, take theirs', 'theirs'], at(13));
    // Clock skew: a commit older than its parent.
    write(file('a.md'), 'a skewed\n');
    commitAll(top, 'skewed', at(2));

    const history = await open(path.join(top, 'docs'));
    const files = ['a.md', 'b.md', 'crlf.md', 'old-name.md', 'new-name.md', 'never.md'].map((name) => `docs/${name}`);
    const commits = git(top, ['rev-list', '--all']).split('\n').filter(Boolean);
    expect(expectGitAnswers(history, top, files, commits)).toBe(files.length * commits.length);
    // The dropped branch's change is not a.md's history; `--full-history` would have counted it.
    const dropped = git(top, ['rev-parse', 'dropped']).trim();
    const start = git(top, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    expect(history.commitsSince(file('a.md'), start)!.map((c) => c.hash)).not.toContain(dropped);
    expect(git(top, ['rev-list', '--full-history', `${start}..HEAD`, '--', 'docs/a.md'])).toContain(dropped);
    await history.close();
  });

  const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
  const bundle = path.join(corpus, 'nuget', 'en-history.bundle');
  if (!existsSync(bundle)) {
    test.skip(`the NuGet English history (SKIPPED: ${bundle} not found)`, () => {});
    return;
  }
  test('the NuGet English history (4,149 commits, merges from live and main): a sample of files and source commits', async () => {
    const top = tempDir('loc-lint-nuget-en-');
    execFileSync('git', ['clone', '-q', '-b', 'main', bundle, top]);
    const history = await open(top);
    const files = git(top, ['ls-files', '*.md']).split('\n').filter(Boolean);
    const sample = files.filter((_, i) => i % 16 === 0);
    // Source commits the translations record (on `live`, not ancestors of main) and commits spread over the history.
    const recorded = ['ee6c3f203648a5561c809db54ebeb1d0f0598b68', '40c039ace0330dd9e68922882017f9878f4283d1'];
    const spread = git(top, ['rev-list', '--all']).split('\n').filter((_, i) => i % 1500 === 700);
    expect(history.hasCommit(recorded[0])).toBe(true);
    // Not an ancestor of HEAD: merge-base --is-ancestor exits 1.
    expect(() => git(top, ['merge-base', '--is-ancestor', recorded[0], 'HEAD'])).toThrow();
    const compared = expectGitAnswers(history, top, sample, [...recorded, ...spread]);
    expect(compared).toBeGreaterThan(50);
    // lastChange for every file, against git log -1.
    for (const file of files.filter((_, i) => i % 4 === 1)) {
      expect({ file, last: history.lastChange(path.join(top, file))?.hash }).toEqual({ file, last: git(top, ['log', '-1', '--format=%H', '--', file]).trim() });
    }
    await history.close();
  });
});

describe('the history walks are bounded', () => {
  /** A line of `count` commits (0 is the newest); commit i changed `page.md` when `changes(i)`. */
  function line(count: number, changes: (commit: number) => boolean): SimplifyInput {
    return {
      count,
      parentsOf: (commit) => (commit + 1 < count ? [commit + 1] : []),
      secondsOf: (commit) => count - commit,
      differs: (commit, _parent, file) => file === 'page.md' && changes(commit),
      changedPaths: (commit) => (changes(commit) ? new Set(['page.md']) : new Set()),
    };
  }

  test('steps grow linearly with the history, and a walk over its budget throws instead of running on', () => {
    const steps = (count: number) => {
      // The smallest budget that lets the walk finish, found by doubling: the walk's step count within 2×.
      for (let budget = 1; ; budget *= 2) {
        try {
          commitsInRange(line(count, (commit) => commit % 7 === 0), 0, count - 1, 'page.md', budget);
          return budget;
        } catch (error) {
          expect(error).toBeInstanceOf(StepBudgetExceeded);
        }
      }
    };
    const small = steps(1000);
    expect(steps(10_000) / small).toBeLessThan(25);
    expect(() => lastChanges(line(10_000, () => false), 0, ['page.md'], 100)).toThrow(StepBudgetExceeded);
    expect(commitsInRange(line(100, (commit) => commit % 10 === 0), 0, 99, 'page.md')).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});
