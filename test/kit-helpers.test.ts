/**
 * The small shared pieces behind the rule kit: the one did-you-mean (util/suggest.ts), the look-ups in lists
 * sorted by offset (util/sorted.ts), the tree walk (document/walk.ts), the code-element count of raw HTML
 * (document/html-tags.ts) and the alignment's two directions (document/align.ts).
 */
import fc from 'fast-check';
import { closest, distance } from 'fastest-levenshtein';
import type { Nodes } from 'mdast';
import { boundedDistance, didYouMean, nearest } from '../src/util/suggest.js';
import { lastStartingAtOrBefore, startingWithin } from '../src/util/sorted.js';
import { walkTree } from '../src/document/walk.js';
import { codeDepthAfter, scanTags } from '../src/document/html-tags.js';
import { parseDocument } from '../src/document/document.js';
import { alignBlocks } from '../src/document/align.js';

const doc = (text: string, locale = 'de-de') => parseDocument({ path: '/x.md', relPath: 'x.md', locale, raw: Buffer.from(text) });

describe('nearest', () => {
  test('is the closest candidate (the first of equals) when it is within a third of the name, at least 2 edits', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
        const best = candidates.length > 0 ? closest(name, candidates) : undefined;
        const expected = best !== undefined && distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
        expect(nearest(name, candidates)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test('limit, text and a normal form', () => {
    expect(nearest('version-basic', ['versions', 'version-basics', 'version-basic-x'])).toBe('version-basics');
    expect(nearest('zzz', ['troubleshooting'])).toBeUndefined();
    expect(nearest('zzz', ['troubleshooting', 'abc'], { limit: Infinity })).toBe('abc');
    // Of two candidates at the same distance, the first.
    const anchors = [{ id: 'stepz' }, { id: 'steps' }];
    expect(nearest('stepx', anchors, { text: (anchor) => anchor.id, limit: Infinity })).toBe(anchors[0]);
    // Equal normal forms win at once, before a candidate nearer as written.
    const flat = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    expect(nearest('-Version 1.0', ['-Versio 1.0', '-version  1.0'], { normalise: flat, limit: 3 })).toBe('-version  1.0');
  });

  test('skipped candidates are not counted; maxCandidates and maxFuzzyLength bound the work', () => {
    const taken = new Set(['abd']);
    expect(nearest('abc', ['abd', 'abe'], { skip: (candidate) => taken.has(candidate), maxCandidates: 1 })).toBe('abe');
    expect(nearest('abc', ['xyz', 'abd'], { limit: 1, maxCandidates: 1 })).toBeUndefined();
    const long = 'x'.repeat(300);
    expect(nearest(long, [long.slice(1) + 'y'], { maxFuzzyLength: 200 })).toBeUndefined();
    expect(nearest(long, [long.toUpperCase()], { normalise: (text) => text.toLowerCase(), maxFuzzyLength: 200 })).toBe(long.toUpperCase());
  });

  test('didYouMean: the guess, or the one candidate holding every word of a shortened name', () => {
    expect(didYouMean('--formt', ['--format', '--fix'])).toBe(' (did you mean "--format"?)');
    expect(didYouMean('stale-hash', ['stale-source-hash', 'stale-segment'])).toBe(' (did you mean "stale-source-hash"?)');
    expect(didYouMean('stale', ['stale-source-hash', 'stale-segment'])).toBe('');
    expect(didYouMean('anything', [])).toBe('');
  });

  test('boundedDistance is the distance up to the limit, else limit + 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), fc.nat(6), (a, b, limit) => {
        expect(boundedDistance(a, b, limit)).toBe(Math.min(distance(a, b), limit + 1));
      }),
    );
  });
});

describe('sorted look-ups', () => {
  const starts = [0, 4, 4, 9];
  test('lastStartingAtOrBefore: the last item starting at or before an offset, or -1', () => {
    expect([-1, 0, 3, 4, 8, 9, 100].map((offset) => lastStartingAtOrBefore(starts, (start) => start, offset))).toEqual([-1, 0, 0, 2, 2, 3, 3]);
    expect(lastStartingAtOrBefore([], (start: number) => start, 5)).toBe(-1);
  });

  test('startingWithin: the items starting within [start, end)', () => {
    expect(startingWithin(starts, (start) => start, 4, 9)).toEqual([4, 4]);
    expect(startingWithin(starts, (start) => start, 10, 20)).toEqual([]);
  });
});

describe('walkTree', () => {
  test('parents before children, in document order', () => {
    const seen: string[] = [];
    walkTree(doc('# A *b*\n\n- c\n- d\n').tree as Nodes, (node) => seen.push(node.type + ('value' in node ? `:${node.value}` : '')));
    expect(seen).toEqual(['root', 'heading', 'text:A ', 'emphasis', 'text:b', 'list', 'listItem', 'paragraph', 'text:c', 'listItem', 'paragraph', 'text:d']);
  });

  test('a deep tree does not exhaust the call stack', () => {
    let deep: Nodes = { type: 'text', value: 'x' };
    for (let i = 0; i < 200_000; i++) deep = { type: 'emphasis', children: [deep] } as Nodes;
    let count = 0;
    walkTree(deep, () => count++);
    expect(count).toBe(200_001);
  });
});

test('codeDepthAfter counts open code elements; <code/> opens none; other tags leave it', () => {
  const html = '<pre><code/><code>x</code><a name="y"></a></pre></pre>';
  const depths: number[] = [];
  let depth = 0;
  for (const tag of scanTags(html)) depths.push((depth = codeDepthAfter(tag, html, depth)));
  expect(depths).toEqual([1, 1, 2, 1, 1, 1, 0, 0]);
});

test('alignment: translatedOf is englishOf the other way round', () => {
  const english = doc('# Title\n\nFirst [a](https://a.example).\n\nSecond.\n', 'en-us');
  const translated = doc('# Titel\n\nEin zusätzlicher Absatz.\n\nErste [a](https://a.example).\n\nZweite.\n');
  const alignment = alignBlocks(translated.blocks, english.blocks);
  const paired = alignment.pairs.filter((pair) => pair.translated && pair.english);
  expect(paired.length).toBeGreaterThan(0);
  for (const { translated: block, english: englishBlock } of paired) {
    expect(alignment.translatedOf(englishBlock!)).toBe(block);
    expect(alignment.englishOf(block!)).toBe(englishBlock);
  }
  expect(english.blocks.filter((block) => !alignment.translatedOf(block))).toEqual([]);
  expect(alignment.translatedOf(translated.blocks[0])).toBeUndefined();
});
