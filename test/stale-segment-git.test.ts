/**
 * stale-segment on plain Markdown with git history (the English at the translation's source commit against the
 * English now, in temporary repositories): escapes count, added English blocks are reported where they belong,
 * markup changes the translation already carries are not; and the step budgets of the block alignments, counted
 * on n and 10n blocks.
 */
import path from 'node:path';
import { tempDir } from './helpers.js';
import { commitAll, git, write } from './git-repo.js';
import { normaliseMarkup } from '../src/document/prose.js';
import { parseDocument, type Block, type LocDocument } from '../src/document/document.js';
import { alignBlocks, alignRevisions } from '../src/document/align.js';
import { StepBudget } from '../src/util/budget.js';
import { resolveConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs, type Finding } from '../src/engine/index.js';
import { rules } from '../rules/index.js';

/** Front matter lines the plain translations below start with (so body line N is file line N + 3). */
const FRONT_MATTER_LINES = 3;

/**
 * stale-segment on plain Markdown: en-us/page.md committed as `before`, then as `after`; the translation records
 * the first commit as its source. Only stale-segment runs, with `options`.
 */
async function plainStale(before: string, after: string, translated: string, options: Record<string, unknown> = {}): Promise<Finding[]> {
  const dir = tempDir('loc-lint-segment-');
  git(dir, ['init', '-q']);
  write(path.join(dir, 'en-us', 'page.md'), before);
  const first = commitAll(dir, 'first', '2021-03-04T10:00:00Z');
  write(path.join(dir, 'en-us', 'page.md'), after);
  commitAll(dir, 'second', '2021-05-01T10:00:00Z');
  write(path.join(dir, 'de-de', 'page.md'), `---\nms.sourcegitcommit: ${first}\n---\n${translated}`);
  const settings: Record<string, unknown> = Object.fromEntries(rules.map((rule) => [rule.meta.id, 'off']));
  settings['stale-segment'] = ['warn', options];
  const config = resolveConfig({ source: 'en-us', targets: { 'de-DE': 'de-de' }, rules: settings }, dir, rules);
  const { pairs } = await discover(config);
  const [result] = await lintPairs(pairs, config, { cwd: dir });
  return result.messages;
}

/** `line message` with the body line (file line 1, before the front matter, shows as 0) and no English place. */
const lines = (findings: Finding[]) => findings.map((finding) => `${Math.max(0, finding.line - FRONT_MATTER_LINES)} ${finding.message.replace(/ \(en-us\/page\.md:\d+\)$/, '')}`);

describe('stale-segment on plain Markdown with git history', () => {
  test('an escape added to the English is a change; rewrapping and a reference spelled as an escape are not', async () => {
    const before = ['Restore fails with -Source <Relative Path>.', '', 'Versions | *-* | match.', '', 'Use a long line', 'wrapped here.', '', 'Compare a &lt; b.'].join('\n');
    const after = ['Restore fails with -Source \\<Relative Path\\>.', '', 'Versions | \\*-\\* | match.', '', 'Use a long line wrapped', 'here.', '', 'Compare a \\< b.'].join('\n');
    const translated = ['Fehler mit -Source <Relative Path>.', '', 'Versionen | *-* | passen.', '', 'Eine lange Zeile.', '', 'Vergleiche a &lt; b.'].join('\n');
    const findings = await plainStale(before, after, translated);
    expect(lines(findings)).toEqual([
      '1 Paragraph is stale: its English at ' + findings[0].details!.sourceCommit!.toString().slice(0, 7) + ' "Restore fails with -Source <Relative Path>." is now "Restore fails with -Source \\<Relative Path\\>."',
      '3 Paragraph is stale: its English at ' + findings[0].details!.sourceCommit!.toString().slice(0, 7) + ' "Versions | *-* | match." is now "Versions | \\*-\\* | match."',
    ]);
  });

  test('a markup-only change the translation already carries is not reported; one it lacks is', async () => {
    const before = ['Send data with [OTLP](https://example.com/otlp).', '', 'See [the guide](https://example.com/old).', '', 'Run `nuget pack` now.', '', 'Fails with <Path>.', '', '[OTLP]: https://example.com/otlp'].join('\n');
    const after = ['Send data with [OTLP][].', '', 'See [the guide](https://example.com/new).', '', 'Run `nuget push` now.', '', 'Fails with \\<Path\\>.', '', '[OTLP]: https://example.com/otlp'].join('\n');
    const carried = ['Daten mit [OTLP][] senden.', '', 'Siehe [den Leitfaden](https://example.com/new).', '', 'Führen Sie jetzt `nuget push` aus.', '', 'Schlägt mit \\<Path\\> fehl.', '', '[OTLP]: https://example.com/otlp'].join('\n');
    expect(await plainStale(before, after, carried)).toEqual([]);
    const lacking = ['Daten mit [OTLP](https://example.com/otlp) senden.', '', 'Siehe [den Leitfaden](https://example.com/old).', '', 'Führen Sie jetzt `nuget pack` aus.', '', 'Schlägt mit <Path> fehl.', '', '[OTLP]: https://example.com/otlp'].join('\n');
    expect((await plainStale(before, after, lacking)).map((finding) => finding.line - FRONT_MATTER_LINES)).toEqual([1, 3, 5, 7]);
    // Words changed as well as the link: the new link in the translation does not make it current.
    const reworded = await plainStale('See [the guide](https://example.com/old).', 'Read [the new guide](https://example.com/new).', 'Siehe [den Leitfaden](https://example.com/new).');
    expect(reworded).toHaveLength(1);
    expect(reworded[0].details?.newEnglish).toBe('Read [the new guide](https://example.com/new).');
  });

  test('blocks added to the English are reported where they belong in the translation', async () => {
    const before = ['# Install', '', 'Run the installer.', '', 'Then restart.', '', '| Name | Value |', '| - | - |', '| a | 1 |'].join('\n');
    const after = [
      'Read this first.',
      '',
      '# Install',
      '',
      'Run the installer.',
      '',
      'It needs an administrator.',
      '',
      '```sh',
      'install --all',
      '```',
      '',
      'Then restart.',
      '',
      '| Name | Value |',
      '| - | - |',
      '| a | 1 |',
      '| b | 2 |',
      '',
      'Done.',
    ].join('\n');
    const translated = ['# Installieren', '', 'Führen Sie das Installationsprogramm aus.', '', 'Starten Sie dann neu.', '', '| Name | Wert |', '| - | - |', '| a | 1 |'].join('\n');
    const findings = await plainStale(before, after, translated);
    const commit = String(findings[0].details?.sourceCommit).slice(0, 7);
    expect(lines(findings)).toEqual([
      `0 New English text since ${commit} has no translation: paragraph "Read this first."`,
      `3 New English text since ${commit} has no translation: paragraph "It needs an administrator."`,
      `3 New English text since ${commit} has no translation: code block "\`\`\`sh install --all \`\`\`"`,
      `9 New English text since ${commit} has no translation: table row "| b | 2 |"`,
      `9 New English text since ${commit} has no translation: paragraph "Done."`,
    ]);
    expect(findings[0].line).toBe(1); // before everything: line 1 of the file
    expect(findings[1].details).toMatchObject({ added: true, newEnglish: 'It needs an administrator.', english: 'en-us/page.md:7' });
    // A paragraph moved across a change is not new; a second copy of a paragraph is.
    const moved = await plainStale('# A\n\nFirst.\n\nSecond.\n\n# B\n\nThird.', '# A\n\nSecond.\n\nNew.\n\n# B\n\nFirst.\n\nThird.\n\nThird.', '# A-de\n\nErster.\n\nZweiter.\n\n# B-de\n\nDritter.');
    expect(lines(moved)).toEqual([
      `5 New English text since ${String(moved[0].details?.sourceCommit).slice(0, 7)} has no translation: paragraph "New."`,
      `9 New English text since ${String(moved[0].details?.sourceCommit).slice(0, 7)} has no translation: paragraph "Third."`,
    ]);
    // The new code block already in the translation, verbatim, is not new to it.
    const withCode = translated.replace('aus.\n', 'aus.\n\n```sh\ninstall --all\n```\n');
    expect(lines(await plainStale(before, after, withCode)).filter((line) => line.includes('code block'))).toEqual([]);
  });

  test('over its step budget a pair gets one finding saying the English is too different to align, and the run goes on', async () => {
    const before = Array.from({ length: 30 }, (_, i) => `Old paragraph ${i}.`).join('\n\n');
    const after = Array.from({ length: 30 }, (_, i) => `New text ${i}.`).join('\n\n');
    const translated = Array.from({ length: 30 }, (_, i) => `Alter Absatz ${i}.`).join('\n\n');
    const findings = await plainStale(before, after, translated, { maxAlignmentSteps: 500 });
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^The English changed too much since [0-9a-f]{7} to align block by block \(more than 500 steps\)/);
    expect(findings[0].line).toBe(1);
    // Within the default budget the same pair is aligned: every paragraph is stale.
    expect(await plainStale(before, after, translated)).toHaveLength(30);
  });
});

describe('alignment step budgets', () => {
  const document = (text: string): LocDocument => parseDocument({ path: 'x.md', relPath: 'x.md', locale: 'en', raw: Buffer.from(text), parseTimeoutMs: 10_000 });
  const textOf = (doc: LocDocument) => (block: Block) => normaliseMarkup(doc.text.slice(block.position.start.offset, block.position.end.offset));
  const paragraphs = (count: number, word: (i: number) => string) => document(Array.from({ length: count }, (_, i) => `Paragraph ${i} about ${word(i)} and [a link](https://example.com/${i}).`).join('\n\n'));
  /** Paragraph blocks made directly (parsing 25,000 paragraphs is slow): what alignBlocks reads of them. */
  const plainParagraphs = (count: number, word: string): Block[] =>
    Array.from({ length: count }, (_, index) => {
      const point = { line: 2 * index + 1, column: 1, offset: 0 };
      return { index, type: 'paragraph', context: '', position: { start: point, end: point }, content: { prose: `Paragraph ${index} about ${word}.`, links: [] }, spans: [] };
    });

  test('alignRevisions of two revisions with a few changes costs steps linear in their length', () => {
    const steps = (count: number) => {
      const before = paragraphs(count, () => 'packages');
      const after = paragraphs(count, (i) => ([7, 57, 107, 157].includes(i) ? 'feeds' : 'packages'));
      const budget = new StepBudget(Number.MAX_SAFE_INTEGER);
      const map = alignRevisions(before.blocks, textOf(before), after.blocks, textOf(after), budget)!;
      expect(map.get(before.blocks[7])).toBe(after.blocks[7]);
      return budget.used;
    };
    const small = steps(200);
    const large = steps(2_000);
    // The same four changes in both: linear would be ×10, quadratic ×100.
    expect(large / small).toBeLessThan(15);
  });

  test('alignBlocks on long files costs steps linear in their length (the band)', () => {
    const steps = (count: number) => {
      const translated = plainParagraphs(count, 'Pakete');
      const english = plainParagraphs(count, 'packages');
      const budget = new StepBudget(Number.MAX_SAFE_INTEGER);
      const alignment = alignBlocks(translated, english, budget);
      expect(alignment.englishOf(translated[count - 1])).toBe(english[count - 1]);
      return budget.used;
    };
    const small = steps(2_500);
    const large = steps(25_000);
    expect(large / small).toBeLessThan(12);
  });

  test('over budget, both alignments stop and say so', () => {
    const before = paragraphs(100, () => 'packages');
    const after = paragraphs(100, (i) => `feeds ${i}`);
    const revisions = new StepBudget(1_000);
    expect(alignRevisions(before.blocks, textOf(before), after.blocks, textOf(after), revisions)).toBeUndefined();
    expect(revisions.exhausted).toBe(true);
    const blocks = new StepBudget(1_000);
    const alignment = alignBlocks(before.blocks, after.blocks, blocks);
    expect(alignment.exhausted).toBe(true);
    expect(alignment.pairs).toEqual([]);
    expect(blocks.used).toBe(0); // charged before the table is filled
  });
});
