import { readFileSync } from 'node:fs';
import { parseDocument, type LocDocument } from '../src/document/document.js';
import { alignBlocks } from '../src/document/align.js';
import { scanTags } from '../src/document/html-tags.js';
import { placeInProse } from '../src/rule-kit/index.js';

function doc(text: string | Buffer, locale = 'de-de'): LocDocument {
  return parseDocument({ path: '/x.md', relPath: 'x.md', locale, raw: Buffer.isBuffer(text) ? text : Buffer.from(text) });
}

const seedLine =
  '<span data-ttu-id="f6f19-109">Weitere Informationen finden Sie unter [bewährte Methoden](https://support.office.com/a.aspx).</span>' +
  '<span class="sxs-lookup"><span data-stu-id="f6f19-109">For more information, see [Security best practices](https://support.office.com/a.aspx).</span></span>';

describe('document model', () => {
  test('front matter keys, their lines, and a tree whose positions count the front matter', () => {
    const document = doc('---\ntitle: Titel\nms.lasthandoff: 03/23/2021\n---\n# Titel\n\nText mit [Link](https://example.com).\n');
    expect(document.frontMatter.data).toEqual({ title: 'Titel', 'ms.lasthandoff': '03/23/2021' });
    expect(document.frontMatter.keyLines['ms.lasthandoff']).toBe(3);
    expect(document.blocks.map((block) => [block.type, block.position.start.line])).toEqual([
      ['heading', 5],
      ['paragraph', 7],
    ]);
    expect(document.blocks[1].content.links[0]).toMatchObject({ url: 'https://example.com', position: { start: { line: 7, column: 10 } } });
    expect(document.blocks[1].content.prose).toBe('Text mit Link.');
  });

  test('a BOM and CRLF line endings keep lines and columns right', () => {
    const document = doc(Buffer.from('\ufeff# Title\r\n\r\nSee [x](https://a.example) now.\r\n'));
    expect(document.raw[0]).toBe(0xef);
    expect(document.blocks[1].content.links[0].position.start).toMatchObject({ line: 3, column: 5 });
  });

  test('span segments carry the translation and their own English, each with links and positions', () => {
    const document = doc(`# Titel\n\n${seedLine}\n`);
    expect(document.spanFormat).toBe(true);
    expect(document.spans).toHaveLength(1);
    const [span] = document.spans;
    expect(span.id).toBe('f6f19-109');
    expect(span.translated.prose).toBe('Weitere Informationen finden Sie unter bewährte Methoden.');
    expect(span.english?.prose).toBe('For more information, see Security best practices.');
    expect(span.translated.links.map((link) => link.url)).toEqual(['https://support.office.com/a.aspx']);
    expect(span.english?.links.map((link) => link.url)).toEqual(['https://support.office.com/a.aspx']);
    expect(span.position.start).toMatchObject({ line: 3, column: 1 });
    // The block's own content is the translation only: the sxs-lookup English is not part of it.
    expect(document.blocks[1].content.links).toHaveLength(1);
    expect(document.blocks[1].content.prose).not.toContain('For more information');
    expect(document.spanAnomalies).toEqual([]);
  });

  test('broken span markup is recorded as anomalies, not thrown', () => {
    const document = doc(
      [
        '<span data-ttu-id="a1b2c-101">Eins</span><span class="sxs-lookup"><span>One</span></span>',
        '',
        '<span data-ttu-id="a1b2c-102">Zwei</span>',
        '',
        '<span data-ttu-id="a1b2c-103">Drei</span><span class="sxs-lookup"><span data-stu-id="a1b2c-104">Three</span></span>',
        '',
        'Lose <span data-ttu-id="a1b2c-105">Vier</span><span class="sxs-lookup"><span data-stu-id="a1b2c-105">Four</span></span> </span>',
        '',
        '<span data-ttu-id="a1b2c-106">Fünf',
      ].join('\n'),
    );
    const kinds = document.spanAnomalies.map((anomaly) => [anomaly.kind, anomaly.position.start.line]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['ttu-without-stu', 3],
        ['id-mismatch', 5],
        ['text-outside', 7],
        ['stray-close', 7],
        ['unclosed', 9],
      ]),
    );
  });

  test('10,000 unclosed spans: every one is seen', () => {
    // The anomaly count proves every tag was seen. Kept small for the fast tier: test/hostile-input.test.ts lints
    // 100,000 unclosed spans through the engine, and test/redos.test.ts counts the work on runs of span tags.
    const document = doc('<span data-ttu-id="a1b2c-1">x '.repeat(10_000));
    expect(document.spanAnomalies.filter((anomaly) => anomaly.kind === 'unclosed')).toHaveLength(10_000);
  });

  test('raw HTML href and src are link targets; code is not prose', () => {
    const document = doc('<a href="https://a.example/x">A</a> and <img src="img/b.png"> with `code` here.\n\n```\n<a href="https://not.a/link">\n```\n');
    expect(document.blocks[0].content.links.map((link) => [link.url, link.kind])).toEqual([
      ['https://a.example/x', 'html'],
      ['img/b.png', 'html'],
    ]);
    expect(document.blocks[0].content.prose).toBe('A and with here.');
    expect(document.blocks[1]).toMatchObject({ type: 'code', code: '<a href="https://not.a/link">' });
  });

  test('reference links resolve to their definition', () => {
    const document = doc('See [the docs][docs].\n\n[docs]: https://example.com/docs\n');
    expect(document.blocks[0].content.links).toEqual([expect.objectContaining({ url: 'https://example.com/docs', kind: 'reference' })]);
  });

  test('non-UTF-8 and binary files are refused with a reason', () => {
    expect(() => doc(Buffer.from([0xff, 0xfe, 0x41]))).toThrow('not valid UTF-8');
    expect(() => doc(Buffer.from([0x41, 0x00, 0x42]))).toThrow('binary');
  });
});

describe('block alignment', () => {
  test('an extra translated block and a missing one are skipped, the rest stays paired', () => {
    const english = doc('# Title\n\nFirst [a](https://a.example).\n\nSecond.\n\n## Part\n\nThird [c](https://c.example).\n', 'en-us');
    const translated = doc('# Titel\n\nErste [a](https://a.example).\n\nEin zusätzlicher Absatz.\n\nZweite.\n\nDritte [c](https://c.example).\n');
    const alignment = alignBlocks(translated.blocks, english.blocks);
    const pairsOf = (index: number) => alignment.englishOf(translated.blocks[index])?.position.start.line;
    expect(pairsOf(0)).toBe(1); // heading ↔ heading
    expect(pairsOf(1)).toBe(3); // first paragraph by its link
    expect(pairsOf(4)).toBe(9); // third paragraph by its link, across the missing heading
    expect(alignment.pairs.filter((pair) => pair.english && !pair.translated).map((pair) => pair.english!.type)).toContain('heading');
  });

  test('span-format blocks align by the English they carry', () => {
    const english = doc('One.\n\nTwo.\n\nThree.\n', 'en-us');
    const span = (id: string, de: string, en: string) =>
      `<span data-ttu-id="a1b2c-${id}">${de}</span><span class="sxs-lookup"><span data-stu-id="a1b2c-${id}">${en}</span></span>`;
    const translated = doc(`${span('1', 'Eins.', 'One.')}\n\n${span('3', 'Drei.', 'Three.')}\n`);
    const alignment = alignBlocks(translated.blocks, english.blocks);
    expect(alignment.englishOf(translated.blocks[1])?.content.prose).toBe('Three.');
  });
});

describe('html tag scanner', () => {
  test('attributes with quotes, no quotes and no value', () => {
    const [tag] = scanTags(`<img src="a b.png" alt='x > y' width=10 hidden>`);
    expect(tag).toMatchObject({ name: 'img', closing: false, attributes: { src: 'a b.png', alt: 'x > y', width: '10', hidden: '' } });
  });

  test('hostile input stays linear and finds nothing', () => {
    const text = '<a x="'.repeat(50_000);
    expect(scanTags(text)).toEqual([]);
  });
});

describe('prose offsets', () => {
  /** Every content of a document: each block's, each span's translated and English content. */
  const contentsOf = (document: LocDocument) =>
    document.blocks.flatMap((block) => [
      { side: { document, range: block.position, content: block.content } },
      ...block.spans.flatMap((span) => [
        { side: { document, range: span.position, content: span.translated } },
        ...(span.english ? [{ side: { document, range: span.englishPosition!, content: span.english } }] : []),
      ]),
    ]);
  /** The prose characters (not spaces) that placeInProse puts where the file writes another character. */
  const misplaced = (document: LocDocument) =>
    contentsOf(document).flatMap(({ side }) =>
      [...side.content.prose].flatMap((char, index) => {
        if (char === ' ' || side.content.prose.charCodeAt(index) !== char.charCodeAt(0)) return [];
        const place = placeInProse(side, index, 1)!;
        const written = document.text[place.start.offset];
        // A character reference or an escape stands for its character; an image's alt text is placed at its `!`.
        return written === char || written === '&' || written === '\\' || written === '!' ? [] : [`${place.start.line}:${place.start.column} ${JSON.stringify(char)} is ${JSON.stringify(written)}`];
      }),
    );

  test('each prose character of a page with escapes, references, quotes, lists, breaks and spans is placed where the file writes it', () => {
    const text = [
      '# Title with \\*escaped\\* stars &amp; 4&#160;096 &eacute;',
      '',
      '> A quote that runs',
      '> over two lines with 5.8.0',
      '',
      '- A list item',
      '  continued, **bold** and `code` and [a link](https://example.com/1.2.3) 1.2.3  ',
      '  after a hard break',
      '',
      '| Column | Other |',
      '| --- | --- |',
      '| cell 1 | cell `2` |',
      '',
      '<div>HTML block 7 <b>bold</b></div>',
      '',
      '- An item with an HTML table',
      '',
      '  <table>',
      '    <tr><td>',
      '      Indented cell text 9 &amp; more',
      '    </td></tr>',
      '  </table>',
      '',
      seedLine,
      '',
    ].join('\r\n');
    const document = doc(text);
    expect(misplaced(document)).toEqual([]);
    // The places are those of the characters, not of the first match of the same characters in the file.
    const quote = document.blocks.find((block) => block.content.prose.includes('5.8.0'))!;
    const place = placeInProse({ document, range: quote.position, content: quote.content }, quote.content.prose.indexOf('5.8.0'), 5)!;
    expect(document.text.slice(place.start.offset, place.end.offset)).toBe('5.8.0');
    expect(place.start).toMatchObject({ line: 4, column: 23 });
  });

  test.each(['en-us', 'de-de', 'ja-jp'])('every prose character of the %s seed page is placed where the file writes it', (locale) => {
    const file = new URL(`./fixtures/seeds/${locale}/423-org-security-emailaccountcompromised.md`, import.meta.url);
    const document = doc(readFileSync(file), locale);
    expect(document.blocks.length).toBeGreaterThan(3);
    expect(misplaced(document)).toEqual([]);
  });

  test('content the document model did not make has no place', () => {
    const document = doc('Text.\n');
    expect(placeInProse({ document, range: document.blocks[0].position, content: { prose: 'Text.', links: [] } }, 0, 4)).toBeUndefined();
    expect(placeInProse({ document, range: document.blocks[0].position, content: document.blocks[0].content }, 3, 9)).toBeUndefined();
  });
});
