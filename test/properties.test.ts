/**
 * Property-based tests (fast-check): the whole pipeline (config → discover → engine → rules) on generated
 * Markdown, English and translated, well-formed and hostile.
 *
 * - Never crash: whatever the bytes, every file gets a result, findings have a rule id and a place (line and
 *   column from 1), and no rule throws (the engine reports a thrown error as an `internal error` parse-error).
 * - Deterministic and order independent: the same files give the same results, whatever the order and the
 *   subset of pairs linted (an English document is shared by its translations, so a rule that changed it would
 *   show here).
 * - stale-source-hash and stale-segment have no false positives on an up-to-date translation.
 * - link-mismatch compares links as multisets per segment, so moving a link within its paragraph or changing the
 *   blank lines between blocks does not change what it reports.
 *
 * Runs are seeded by fast-check; a failure prints the seed and the shrunk counterexample to replay.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { resolveConfig, type ResolvedConfig } from '../src/config/config.js';
import { discover, type Pair } from '../src/discover/discover.js';
import { lintPairs, PARSE_ERROR, type FileResult, type Finding } from '../src/engine/index.js';
import { normalizeUrl } from '../rules/link-mismatch.js';
import { rules } from '../rules/index.js';
import { defineRule } from '../src/rule-kit/rule.js';
import { lintPair, tempDir } from './helpers.js';

const NOW = new Date('2026-01-01');
const TARGETS = { 'de-DE': 'de-de', 'ja-JP': 'ja-jp' } as const;
const FOLDERS = ['en-us', ...Object.values(TARGETS)];

// ---------------------------------------------------------------------------------------------------------------
// Generated Markdown

/** Text of the kind that breaks parsers: any code point, ASCII punctuation, Markdown and HTML metacharacters. */
const anyText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.stringMatching(/^[\w *`[\]()<>!#&;\\|:"'=.\-/\t]{0,24}$/),
);
const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9]{1,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((list) => list.join(' '));
const inlineText = fc.oneof({ weight: 3, arbitrary: words }, { weight: 1, arbitrary: anyText });

const url = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.constantFrom('../api/overview.md', 'media/flow.png', 'https://docs.microsoft.com/en-us/nuget/', '#top', '', ' ', '<>', 'a b', 'javascript:alert(1)'),
  fc.stringMatching(/^[a-z0-9./#?=&%-]{1,20}$/),
  anyText,
);
const spanId = fc.oneof(fc.stringMatching(/^[0-9a-f]{5}-1[0-9]{2}$/), fc.constantFrom('', '"', '1'), anyText);

const link = fc.oneof(
  fc.tuple(inlineText, url).map(([text, target]) => `[${text}](${target})`),
  fc.tuple(inlineText, url).map(([text, target]) => `![${text}](${target})`),
  fc.tuple(inlineText, url).map(([text, target]) => `[${text}](${target} "title")`),
  fc.webUrl().map((target) => `<${target}>`),
  fc.tuple(inlineText, url).map(([text, target]) => `<a href="${target}">${text}</a>`),
  url.map((target) => `<img src="${target}">`),
  fc.tuple(inlineText, word).map(([text, label]) => `[${text}][${label}]`),
);

const spanPair = fc
  .tuple(spanId, inlineText, inlineText, fc.option(link, { nil: undefined }), fc.option(link, { nil: undefined }))
  .map(
    ([id, translated, english, translatedLink, englishLink]) =>
      `<span data-ttu-id="${id}">${translated}${translatedLink ?? ''}</span><span class="sxs-lookup"><span data-stu-id="${id}">${english}${englishLink ?? ''}</span></span>`,
  );
/** Span markup cut anywhere, with a closing tag dropped or repeated, or ids that do not match. */
const brokenSpan = fc.oneof(
  fc.tuple(spanPair, fc.nat()).map(([span, cut]) => span.slice(0, cut % (span.length + 1))),
  fc.tuple(spanPair, fc.nat()).map(([span, cut]) => span.slice(cut % (span.length + 1))),
  spanPair.map((span) => span.replace(/<\/span><\/span>$/, '</span>')),
  spanPair.map((span) => span + '</span></span>'),
  fc.tuple(spanId, spanId, inlineText).map(([a, b, text]) => `<span data-ttu-id="${a}">${text}</span><span class="sxs-lookup"><span data-stu-id="${b}">${text}</span></span>`),
  fc.tuple(spanId, inlineText).map(([id, text]) => `<span data-stu-id="${id}">${text}</span>`),
  fc.tuple(spanId, inlineText).map(([id, text]) => `<span data-ttu-id="${id}">${text}`),
  fc.tuple(spanId, inlineText).map(([id, text]) => `<span data-ttu-id="${id}">${text}</span>`),
  fc.tuple(spanId, inlineText, inlineText).map(([id, text, english]) => `<span data-ttu-id="${id}">${text}</span><span class="sxs-lookup">${english}</span>`),
  fc.tuple(spanId, inlineText, inlineText).map(([id, text, english]) => `<span data-ttu-id="${id}">${text}<span class="sxs-lookup"><span data-stu-id="${id}">${english}</span></span></span>`),
  fc.tuple(spanId, inlineText).map(([id, text]) => `<span class="sxs-lookup"><span data-stu-id="${id}">${text}`),
);

const inline = fc.oneof(
  { weight: 4, arbitrary: inlineText },
  { weight: 3, arbitrary: link },
  { weight: 3, arbitrary: spanPair },
  { weight: 2, arbitrary: brokenSpan },
  { weight: 1, arbitrary: fc.constantFrom('**bold**', '*em*', '`code`', '``', '\\', '&amp;', '&#0;', '&#xD800;', '&nosuch;', '<!--', '-->', '<', '>', '|', '[', ']', '(', ')') },
);
const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));

const YAML_KEYS = ['title', 'description', 'ms.openlocfilehash', 'ms.sourcegitcommit', 'ms.lasthandoff', 'ms.locfileid', 'ms.contentlocale', 'ms.date', 'author', 'ms.topic'];
const yamlValue = fc.oneof(
  anyText,
  fc.stringMatching(/^[0-9a-f]{40}$/),
  fc.constantFrom('2019-01-22', '01/22/2019', '2026-13-45', 'null', '~', '[a, b', '{a: 1}', '|', '>-', '&anchor x', '*anchor', '!!js/function "x"', '!!binary AAAA', "'unterminated", '"\\u{zz}"', '- item', '0x1F', '1e999', 'yes'),
);
const yamlLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...YAML_KEYS), yamlValue).map(([key, value]) => `${key}: ${value}`) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom(':', '- - -', '  indented: x', '\tkey: tab', '? complex', '%YAML 1.2', '...', 'a: b: c', '<<: *x') },
);
const frontMatter = fc.oneof(
  fc.array(yamlLine, { maxLength: 6 }).map((lines) => `---\n${lines.join('\n')}\n---\n`),
  fc.array(yamlLine, { maxLength: 4 }).map((lines) => `---\n${lines.join('\n')}\n`), // never closed
  fc.constantFrom('---\n---\n', '---\n', '---json\n{"title": 1}\n---\n', '---js\nmodule.exports = {}\n---\n', '+++\ntitle = "x"\n+++\n', '---\n\t- [\n---\n'),
);

const block = fc.oneof(
  { weight: 4, arbitrary: line },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), line).map(([level, text]) => `${'#'.repeat(level)} ${text}`) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] '), line), { minLength: 1, maxLength: 5 })
      .map((items) => items.map(([depth, marker, text]) => `${'  '.repeat(depth)}${marker}${text}`).join('\n')),
  },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), line).map(([depth, text]) => `${'> '.repeat(depth)}${text}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom('- ', '1. ', '')).chain(([depth, marker]) => line.map((text) => `${'>'.repeat(depth)} ${marker}${text}`)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'csharp', 'md', 'json'), fc.array(fc.oneof(anyText, line), { maxLength: 3 }), fc.boolean())
      .map(([fence, lang, lines, closed]) => `${fence}${lang}\n${lines.join('\n')}${closed ? `\n${fence}` : ''}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(fc.oneof(inlineText, link, spanPair), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }))
      .map(([columns, rows]) => [
        `| ${Array.from({ length: columns }, (_, i) => `h${i}`).join(' | ')} |`,
        `|${' --- |'.repeat(columns)}`,
        ...rows.map((cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
      ].join('\n')),
  },
  { weight: 1, arbitrary: fc.tuple(word, url).map(([label, target]) => `[${label}]: ${target}`) },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '<div>', '</div>', '<!-- comment', '    indented code', '[!NOTE]', '> [!NOTE]\n> text', ':::zone pivot="a"', '<table><tr><td>x') },
  { weight: 1, arbitrary: anyText },
);
const separator = fc.constantFrom('\n\n', '\n', '\n\n\n', '\r\n\r\n', '\r\n', '\r', ' \n\n');

/** A Markdown document: maybe a BOM, maybe front matter, blocks joined by assorted line breaks. */
const markdown = fc
  .tuple(
    fc.constantFrom('', '', '', '\uFEFF'),
    fc.option(frontMatter, { nil: '' }),
    fc.array(fc.tuple(block, separator), { maxLength: 8 }),
    fc.constantFrom('\n', '', '\r\n', '\n\n'),
  )
  .map(([bom, head, blocks, end]) => bom + head + blocks.map(([text, sep]) => text + sep).join('') + end);

/** Bytes that are not UTF-8 at all, or text with NULs. */
const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.tuple(markdown, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat()).map(([text, junk, at]) => {
    const bytes = Buffer.from(text);
    const cut = at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, cut), Buffer.from(junk), bytes.subarray(cut)]);
  }),
  fc.constant(Buffer.from('\uFEFF\uFEFF---\n\0\n---\n\0')),
  fc.constant(Buffer.from([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00, 0x48, 0x00])), // UTF-16 LE "# H"
);
const document = fc.oneof({ weight: 5, arbitrary: markdown }, { weight: 1, arbitrary: rawBytes });

/** A translation: unrelated, the English itself, or the English with blocks dropped, shuffled or replaced. */
function translationOf(english: string | Buffer): fc.Arbitrary<string | Buffer> {
  const text = english.toString();
  const parts = text.split(/\n\n/);
  return fc.oneof(
    document,
    fc.constant(english),
    fc.shuffledSubarray(parts).map((picked) => picked.join('\n\n')),
    fc.tuple(fc.nat(), block).map(([at, replacement]) => parts.map((part, i) => (i === at % parts.length ? replacement : part)).join('\n\n')),
  );
}

interface FileSet {
  relPath: string;
  english: string | Buffer;
  /** Per translated folder; absent: no translation there. */
  translations: (string | Buffer | undefined)[];
}

const relPath = fc.constantFrom('a.md', 'b.md', 'sub/c.md', 'sub/deeper/d.md', 'ü ñ.md', '.hidden.md', 'e.markdown.md');
const fileSet = fc
  .tuple(relPath, document)
  .chain(([name, english]) =>
    fc
      .array(fc.option(translationOf(english), { nil: undefined, freq: 4 }), { minLength: FOLDERS.length - 1, maxLength: FOLDERS.length - 1 })
      .map((translations): FileSet => ({ relPath: name, english, translations })),
  );
const fileSets = fc.uniqueArray(fileSet, { selector: (set) => set.relPath, minLength: 1, maxLength: 4 });

// ---------------------------------------------------------------------------------------------------------------
// The pipeline on a folder

let dir: string;
let config: ResolvedConfig;

beforeAll(() => {
  dir = tempDir('loc-lint-properties-');
  for (const folder of FOLDERS) mkdirSync(path.join(dir, folder));
  config = resolveConfig({ source: 'en-us', targets: TARGETS }, dir, rules);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replace the folder's Markdown with these files. */
function writeFiles(sets: FileSet[]): void {
  for (const folder of FOLDERS) {
    rmSync(path.join(dir, folder), { recursive: true, force: true });
    mkdirSync(path.join(dir, folder));
  }
  const put = (folder: string, name: string, content: string | Buffer) => {
    const file = path.join(dir, folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  for (const set of sets) {
    put('en-us', set.relPath, set.english);
    set.translations.forEach((content, i) => content !== undefined && put(FOLDERS[i + 1], set.relPath, content));
  }
}

async function pairsOf(sets: FileSet[]): Promise<Pair[]> {
  writeFiles(sets);
  return (await discover(config)).pairs;
}

const lint = (pairs: Pair[]) => lintPairs(pairs, config, { cwd: dir, now: NOW });

/** One translated file against its English, all rules on; the translated file's findings. */
async function lintOne(english: string | Buffer, translated: string | Buffer): Promise<Finding[]> {
  const pairs = await pairsOf([{ relPath: 'page.md', english, translations: [translated, undefined] }]);
  const [result] = await lint(pairs);
  return result.messages;
}

function expectWellFormed(results: FileResult[], pairs: Pair[]): void {
  expect(results.map((result) => `${result.locale}/${result.relPath}`).sort()).toEqual(pairs.map((pair) => `${pair.locale}/${pair.relPath}`).sort());
  for (const result of results) {
    // A finding points into the translated file: a line it has (a file of n line breaks has n + 1 lines).
    const lineCount = readFileSync(result.filePath, 'latin1').split(/\r\n|\r|\n/).length;
    for (const message of result.messages) {
      expect(message.line).toBeLessThanOrEqual(lineCount);
      if (message.endLine !== undefined) {
        expect(message.endLine).toBeLessThanOrEqual(lineCount);
        const endsAfterStart = message.endLine > message.line || (message.endLine === message.line && (message.endColumn ?? 0) >= message.column);
        expect(endsAfterStart).toBe(true);
      }
      expect(typeof message.ruleId).toBe('string');
      expect(message.ruleId).not.toBe('unknown');
      expect(typeof message.message).toBe('string');
      expect(Number.isInteger(message.line) && message.line >= 1).toBe(true);
      expect(Number.isInteger(message.column) && message.column >= 1).toBe(true);
      if (message.ruleId === PARSE_ERROR) expect(message.message).not.toMatch(/^internal error/);
    }
    expect(result.errorCount + result.warningCount).toBe(result.messages.length);
  }
}

/**
 * Generated documents are small, but every run lints real files through every rule. Passing takes seconds;
 * shrinking a failure may take much longer, so it is cut off (the counterexample found so far is reported)
 * before Jest's timeout.
 */
const TIMEOUT = 90_000;
const settings = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });

describe('properties', () => {
  test('never crash: every pair gets a result, every finding has a rule and a place, no rule throws', async () => {
    await fc.assert(
      fc.asyncProperty(fileSets, async (sets) => {
        const pairs = await pairsOf(sets);
        expectWellFormed(await lint(pairs), pairs);
      }),
      settings(100),
    );
  }, TIMEOUT);

  test('deterministic and order independent: the same files give the same results, in any order and any subset', async () => {
    await fc.assert(
      fc.asyncProperty(fileSets, fc.gen(), async (sets, generate) => {
        const pairs = await pairsOf(sets);
        const results = await lint(pairs);
        expect(await lint(pairs)).toEqual(results);
        const shuffled = generate(fc.shuffledSubarray, pairs, { minLength: pairs.length, maxLength: pairs.length });
        expect(await lint(shuffled)).toEqual(results);
        const subset = generate(fc.shuffledSubarray, pairs, {});
        const chosen = new Set(subset.map((pair) => pair.targetPath));
        expect(await lint(subset)).toEqual(results.filter((result) => chosen.has(result.filePath)));
      }),
      settings(60),
    );
  }, TIMEOUT);

  test('stale-source-hash: a translation recording the SHA-1 of the English bytes is never stale; any change to the English makes it stale', async () => {
    // The translation is the English body under the English front matter plus the hash (as a translation tool
    // writes it). The body starts no front matter of its own.
    const body = fc.oneof(markdown, rawBytes).filter((text) => !/^(\uFEFF)?(---|\+\+\+)/.test(text.toString()));
    const englishKeys = fc.option(
      fc.uniqueArray(fc.tuple(fc.constantFrom('title', 'description', 'ms.date', 'author'), word), { selector: ([key]) => key, minLength: 1, maxLength: 3 }),
      { nil: undefined },
    );
    const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');
    const staleHash = (findings: Finding[]) => findings.filter((finding) => finding.ruleId === 'stale-source-hash');
    await fc.assert(
      fc.asyncProperty(
        body,
        englishKeys,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('as is', 'upper case', 'with handoff'),
        fc.oneof(word, fc.constantFrom(' ', '\n', '\r\n', '\uFEFF')),
        async (text, keys, eol, style, appended) => {
          const bodyBytes = Buffer.from(text);
          const keyLines = (keys ?? []).map(([key, value]) => `${key}: ${value}`);
          const english = Buffer.concat([Buffer.from(keys ? `---${eol}${keyLines.join(eol)}${eol}---${eol}` : ''), bodyBytes]);
          const hash = sha1(english);
          const recorded = [
            `ms.openlocfilehash: ${style === 'upper case' ? hash.toUpperCase() : hash}`,
            ...(style === 'with handoff' ? ['ms.lasthandoff: 2019-01-22'] : []),
            ...keyLines,
          ];
          const translated = Buffer.concat([Buffer.from(`---${eol}${recorded.join(eol)}${eol}---${eol}`), bodyBytes]);
          const findings = await lintOne(english, translated);
          expect(staleHash(findings)).toEqual([]);
          if (findings.some((finding) => finding.ruleId === PARSE_ERROR)) return; // a binary file is not linted at all
          const changed = Buffer.concat([english, Buffer.from(appended)]); // even a line ending is a change
          const [stale, ...more] = staleHash(await lintOne(changed, translated));
          expect(more).toEqual([]);
          expect(stale?.details).toEqual({ stale: true, recordedHash: hash, englishHash: sha1(changed) });
        },
      ),
      settings(80),
    );
  }, TIMEOUT);

  test('stale-segment: a translation identical to its English has no stale segment', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (english) => {
        const findings = await lintOne(english, english);
        expect(findings.filter((finding) => finding.ruleId === 'stale-segment')).toEqual([]);
      }),
      settings(100),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// stale-segment on side-by-side (span format) translations

/** English sentences of words and inline markup; `&` only where it starts no character reference. */
const sentenceToken = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom('https://example.com/a', '../api/overview.md', 'media/x.png#top')).map(([w, u]) => `[${w}](${u})`) },
  { weight: 1, arbitrary: fc.constantFrom('R&D', "it's", '"quoted"', '\\*', 'a\\_b', '(x)', 'x,', 'y:', '--', '10%', 'ü', '→') },
);
const sentence = fc.array(sentenceToken, { minLength: 1, maxLength: 8 }).map((tokens) => `${tokens.join(' ')}.`);
/** A block of the English: a paragraph or a heading, of one or more sentences. */
const spanBlock = fc.tuple(fc.constantFrom('', '', '# ', '## ', '- '), fc.array(sentence, { minLength: 1, maxLength: 4 }));

/**
 * The English of a segment as a translation tool may have written it: re-encoded characters and rewrapped.
 * (Only what `normaliseSource` promises to see through: whitespace runs and character references.)
 */
const reencoded = (text: string, wrap: boolean) =>
  fc.array(fc.constantFrom('same', 'amp', 'quote', ...(wrap ? ['wrap'] : [])), { minLength: 1, maxLength: 3 }).map((ways) =>
    ways.reduce(
      (result, way) =>
        way === 'amp' ? result.replace(/&(?![#A-Za-z0-9]+;)/g, '&amp;')
        : way === 'quote' ? result.replace(/'/g, '&#39;').replace(/"/g, '&quot;')
        : way === 'wrap' ? result.replace(/ (?=[A-Za-z])/g, (space, at: number) => (at % 3 === 0 ? '\n' : '  ')) // a line that starts with a letter starts no block
        : result,
      text,
    ),
  );

describe('properties: stale-segment on span-format translations', () => {
  /** English blocks, and for each sentence its segment id and its English as the translation carries it. */
  const spanDocuments = fc.array(spanBlock, { minLength: 1, maxLength: 5 }).chain((blocks) => {
    // A heading is one line: its segments are not rewrapped.
    const sentences = blocks.flatMap(([prefix, list]) => list.map((text) => reencoded(text, !prefix.startsWith('#'))));
    return fc.tuple(fc.constant(blocks), fc.tuple(...sentences));
  });
  const renderSpans = (blocks: [string, string[]][], carried: string[]) => {
    let n = 0;
    return blocks
      .map(([prefix, list]) =>
        prefix +
        list
          .map(() => {
            const id = `f6f19-${100 + n}`;
            const english = carried[n++];
            return `<span data-ttu-id="${id}">Übersetzt ${n}.</span><span class="sxs-lookup"><span data-stu-id="${id}">${english}</span></span>`;
          })
          .join(' '),
      )
      .join('\n\n') + '\n';
  };
  const staleIds = (findings: Finding[]) =>
    findings.filter((finding) => finding.ruleId === 'stale-segment').map((finding) => finding.details?.id as string).sort();

  test("a segment whose English occurs in the English file, re-encoded or rewrapped, is not stale; one whose English changed is", async () => {
    await fc.assert(
      fc.asyncProperty(spanDocuments, fc.gen(), async ([blocks, carried], generate) => {
        const english = blocks.map(([prefix, list]) => prefix + list.join(' ')).join('\n\n') + '\n';
        expect(staleIds(await lintOne(english, renderSpans(blocks, carried)))).toEqual([]);
        // The English of one segment changes: a word is added that the English file does not have.
        const changed = generate(fc.nat, { max: carried.length - 1 });
        const edited = carried.map((text, i) => (i === changed ? text.replace(/\.$/, ' Zqxjv.') : text));
        expect(staleIds(await lintOne(english, renderSpans(blocks, edited)))).toEqual([`f6f19-${100 + changed}`]);
      }),
      settings(80),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// link-mismatch under reformatting

/** A paragraph as tokens: words and links, so that a link can be moved without touching anything else. */
type Token = { link: false; text: string } | { link: true; text: string; url: string };
const plainUrl = fc.oneof(
  fc.constantFrom('../api/overview.md', '../api/overview.md/', 'media/flow.png', 'https://docs.microsoft.com/en-us/nuget/', 'https://docs.microsoft.com/de-de/nuget', 'https://example.com/a#b', 'https://EXAMPLE.com/a#B'),
  fc.stringMatching(/^[a-z0-9][a-z0-9./#?=-]{0,12}$/),
);
const token: fc.Arbitrary<Token> = fc.oneof(
  { weight: 3, arbitrary: word.map((text): Token => ({ link: false, text })) },
  { weight: 1, arbitrary: fc.tuple(word, plainUrl).map(([text, target]): Token => ({ link: true, text, url: target })) },
);
const paragraph = fc.tuple(fc.constantFrom('', '# ', '## ', '- ', '> '), fc.array(token, { minLength: 1, maxLength: 8 }));
/** `stu`: the paragraph is one side-by-side segment carrying this English (the span format). */
type Paragraph = [prefix: string, tokens: Token[], stu?: string];

const inlineOf = (tokens: Token[]) => tokens.map((t) => (t.link ? `[${t.text}](${t.url})` : t.text)).join(' ');
const render = ([prefix, tokens, stu]: Paragraph, index: number) =>
  stu === undefined
    ? prefix + inlineOf(tokens)
    : `${prefix}<span data-ttu-id="f6f19-${100 + index}">${inlineOf(tokens)}</span><span class="sxs-lookup"><span data-stu-id="f6f19-${100 + index}">${stu}</span></span>`;
const renderDocument = (paragraphs: Paragraph[], gaps: string[] = []) =>
  paragraphs.map((p, i) => render(p, i) + (i < paragraphs.length - 1 ? gaps[i] ?? '\n\n' : '\n')).join('');

/** What link-mismatch reports, without places and without which extra link is paired with which missing one. */
function linkSummary(findings: Finding[]) {
  const locales = new Set(['en-us', 'de-de']);
  const mismatches = findings.filter((finding) => finding.ruleId === 'link-mismatch');
  const side = (name: 'translated' | 'english') =>
    mismatches
      .map((finding) => finding.details?.[name] as string | null)
      .filter((value): value is string => value !== null && value !== undefined)
      .map((value) => normalizeUrl(value, locales))
      .sort();
  return { count: mismatches.length, translated: side('translated'), english: side('english') };
}

describe('properties: link-mismatch reformat invariance', () => {
  /** An English document and a translation with the same blocks, whose links may have been changed, some in span format. */
  const documents = fc.array(paragraph, { minLength: 1, maxLength: 5 }).chain((english) =>
    fc
      .tuple(...english.map(([prefix, tokens]) =>
        fc.tuple(
          fc.constant(prefix),
          fc.tuple(...tokens.map((t) => (t.link ? fc.oneof({ weight: 3, arbitrary: fc.constant(t) }, { weight: 1, arbitrary: plainUrl.map((u): Token => ({ ...t, url: u })) }) : word.map((text): Token => ({ link: false, text }))))),
          fc.array(token, { maxLength: 2 }),
          fc.constantFrom('plain', 'plain', 'span carrying the English', 'span carrying its own links'),
        ).map(([p, kept, added, format]): Paragraph => {
          const translatedTokens = [...kept, ...added];
          if (format === 'plain') return [p, translatedTokens];
          return [p, translatedTokens, inlineOf(format === 'span carrying the English' ? tokens : translatedTokens)];
        }),
      ))
      .map((translated) => ({ english, translated: translated as Paragraph[] })),
  );

  test('moving a link within its paragraph, and adding or removing blank lines between blocks, changes nothing reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.gen(),
        fc.array(fc.constantFrom('\n\n', '\n\n\n', '\n\n\n\n', '\n \n'), { maxLength: 5 }),
        async ({ english, translated }, generate, gaps) => {
          const englishText = renderDocument(english);
          const before = linkSummary(await lintOne(englishText, renderDocument(translated)));
          // Move one link of one paragraph to another place in that paragraph (the paragraph is one segment).
          const moved = translated.map(([prefix, tokens, stu]): Paragraph => [prefix, [...tokens], stu]);
          const which = generate(fc.nat, { max: moved.length - 1 });
          const tokens = moved[which][1];
          const links = tokens.map((t, i) => (t.link ? i : -1)).filter((i) => i >= 0);
          if (links.length) {
            const [taken] = tokens.splice(links[generate(fc.nat, { max: links.length - 1 })], 1);
            tokens.splice(generate(fc.nat, { max: tokens.length }), 0, taken);
          }
          const after = linkSummary(await lintOne(englishText, renderDocument(moved, gaps)));
          expect(after).toEqual(before);
        },
      ),
      settings(100),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------------------------------------------------------
// Counterexamples the properties found, kept as plain tests

describe('regressions found by the properties', () => {
  /** Column (from 1) of the first occurrence of `needle` in a one-line text, and the column just after it. */
  const columns = (text: string, needle: string) => ({ column: text.indexOf(needle) + 1, endColumn: text.indexOf(needle) + needle.length + 1 });

  test('a span anomaly not at the start of the file ends where its tag ends, not before it starts', async () => {
    // Shrunk from the never-crash property: the sxs-lookup's end was its tag's length, counted as a file offset.
    const translated = '| h0 |\n| --- |\n| <span data-ttu-id=""">ä</span><span class="sxs-lookup"><span data-stu-id=""">Ü</span></span> |\n';
    const findings = await lintPair({ english: '\n', translated, rule: 'missing-span-id' });
    const sxs = findings.find((finding) => finding.details?.kind === 'stu-without-ttu');
    expect(sxs).toMatchObject({ line: 3, endLine: 3, ...columns(translated.split('\n')[2], '<span class="sxs-lookup">') });
  });

  test('a stu span without its ttu, and a stu with another id, are placed on their own tags', async () => {
    const english = 'Hello. World.\n';
    const lone = 'Text <span class="sxs-lookup"><span data-stu-id="f6f19-101">Hello.</span></span>\n';
    const [loneFinding] = (await lintPair({ english, translated: lone, rule: 'missing-span-id' })).filter((finding) => finding.details?.kind === 'stu-without-ttu');
    expect(loneFinding).toMatchObject({ line: 1, endLine: 1, ...columns(lone, '<span data-stu-id="f6f19-101">') });
    const mismatch =
      'Text <span data-ttu-id="f6f19-101">Hallo.</span><span class="sxs-lookup"><span data-stu-id="f6f19-102">Hello.</span></span>\n';
    const [mismatchFinding] = (await lintPair({ english, translated: mismatch, rule: 'missing-span-id' })).filter((finding) => finding.details?.kind === 'id-mismatch');
    expect(mismatchFinding).toMatchObject({ line: 1, endLine: 1, ...columns(mismatch, '<span data-stu-id="f6f19-102">') });
  });

  test('a rule that throws is reported as an internal error of that rule, and the other rules still report', async () => {
    // The never-crash property relies on this: unified-lint-rule turned the exception into an ordinary finding of
    // the rule, so a crashing rule looked like a finding about the file.
    const boom = defineRule(
      { id: 'boom', type: 'problem', docs: { description: 'throws' }, defaultSeverity: 'warn', schema: { type: 'object' }, defaultOptions: {} },
      () => {
        throw new TypeError("Cannot read properties of undefined (reading 'start')");
      },
    );
    const pairs = await pairsOf([{ relPath: 'page.md', english: '# Hello\n', translations: ['---\nms.openlocfilehash: 5f21a3b2\n---\n# Hallo\n', undefined] }]);
    const [result] = await lintPairs(pairs, config, { cwd: dir, now: NOW, rules: [...rules, boom] });
    const shown = result.messages.filter((message) => ['parse-error', 'stale-source-hash'].includes(message.ruleId));
    expect(shown.map((message) => `${message.ruleId} ${message.message}`)).toEqual([
      "parse-error internal error in rule boom: Cannot read properties of undefined (reading 'start')",
      'stale-source-hash ms.openlocfilehash "5f21a3b2" is not a SHA-1 (40 hexadecimal digits)',
    ]);
  });
});
