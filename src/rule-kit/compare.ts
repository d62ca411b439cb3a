/**
 * Comparing a pair, token by token: what link-, code-, number- and placeholder-mismatch share.
 *
 * - {@link matchByKey}: two token lists as multisets, in linear time (a cursor per key, not a search per token);
 * - {@link pairInOrder}: what is left on each side paired in order of appearance (one "changed" finding instead
 *   of an "extra" and a "missing" one);
 * - {@link compareRegions}: the one traversal of a pair, with an explicit policy for span-format files (each
 *   `data-ttu-id` segment against its own `data-stu-id` English, and each block against the English block it is
 *   aligned with);
 * - {@link reportDifference}: the three standard messages ("differs from", "is not in", "is missing from"), with
 *   `details` and `subject`;
 * - {@link segmentLabel}: how a message names a segment's English.
 */
import type { Block, Content, LocDocument, Range, SpanSegment } from '../document/document.js';
import type { RuleContext } from './rule.js';
import { proseRange } from '../document/prose-offsets.js';

/** The outcome of matching two token lists as multisets. */
export interface Matching<T> {
  /** Translated tokens with no equal English token, in their order. */
  extra: T[];
  /** English tokens with no equal translated token, in their order. */
  missing: T[];
  /** The pairs made, in the order of the translated tokens (filled by {@link matchByKey}). */
  matched?: Array<{ translated: T; english: T }>;
}

/**
 * Match `translated` with `english` as multisets: each translated token takes the first unused English token
 * with the same key. Linear in the two lengths.
 */
export function matchByKey<T>(translated: readonly T[], english: readonly T[], key: (token: T) => string): Matching<T> {
  const byKey = new Map<string, { tokens: T[]; next: number }>();
  for (const token of english) {
    const k = key(token);
    const entry = byKey.get(k);
    if (entry) entry.tokens.push(token);
    else byKey.set(k, { tokens: [token], next: 0 });
  }
  const matched = new Set<T>();
  const pairs: Array<{ translated: T; english: T }> = [];
  const extra: T[] = [];
  for (const token of translated) {
    const entry = byKey.get(key(token));
    if (entry && entry.next < entry.tokens.length) {
      const partner = entry.tokens[entry.next++];
      matched.add(partner);
      pairs.push({ translated: token, english: partner });
    } else extra.push(token);
  }
  return { extra, missing: english.filter((token) => !matched.has(token)), matched: pairs };
}

/**
 * A difference between a region and its English: a translated token with no equal (`translated` alone), an
 * English token with no equal (`english` alone), or one that became the other (both). `english` is a list because
 * one translated token can stand for several English ones (code spans run together).
 */
export interface Difference<T> {
  translated?: T;
  english: T[];
}

/** Pair what is left on each side in order of appearance: the i-th extra with the i-th missing token. */
export function pairInOrder<T>({ extra, missing }: Matching<T>): Difference<T>[] {
  const differences: Difference<T>[] = [];
  for (let i = 0; i < Math.max(extra.length, missing.length); i++) {
    differences.push({ translated: extra[i], english: missing[i] === undefined ? [] : [missing[i]] });
  }
  return differences;
}

/** The multiset difference of two token lists, leftovers paired in order: the usual comparison. */
export function differences<T>(translated: readonly T[], english: readonly T[], key: (token: T) => string): Difference<T>[] {
  return pairInOrder(matchByKey(translated, english, key));
}

/** One side of a compared region: where it is and what it holds. */
export interface Side {
  document: LocDocument;
  range: Range;
  content: Content;
}

/**
 * Where the prose characters `[index, index + length)` of a side are written in its file: a token found in
 * `side.content.prose` (as `extractNumbers` finds numbers) placed without searching the file for it. Undefined
 * for content the document model did not make.
 */
export function placeInProse(side: Side, index: number, length: number): Range | undefined {
  const found = proseRange(side.document.text, side.content, index, length);
  return found && { start: side.document.pointAt(found.start), end: side.document.pointAt(found.end) };
}

/** A region of the translation compared with its English: a span segment or a block. */
export interface Region {
  kind: 'span' | 'block';
  block: Block;
  /** The segment, for `kind: 'span'`. */
  span?: SpanSegment;
  translated: Side;
  /** For a span, the segment's own English in the translated file; for a block, the aligned English block. */
  english: Side;
  /**
   * For a block: the `sxs-lookup` English ranges inside it (offsets in the translated file), which belong to the
   * segments, not to the block's own text.
   */
  englishSpanRanges: Array<readonly [number, number]>;
  /** How a message names the English of `place` (a line of the English sibling, or the segment's stu span). */
  englishAt(place: Range | undefined): string;
}

/**
 * How a span-format file is compared:
 * - `spans-then-blocks`: each segment against its own English, then each block against its aligned English block
 *   without what the segments reported (so nothing is reported twice);
 * - `blocks`: each block against its aligned English block only;
 * - `spans-or-blocks`: a block that holds span segments by its segments only (each against its own English), any
 *   other block against its aligned English block.
 */
export type ComparePolicy = 'spans-then-blocks' | 'blocks' | 'spans-or-blocks';

export interface RegionComparison<T> {
  policy: ComparePolicy;
  /** The tokens of one side of a region. */
  tokens(side: Side, region: Region): T[];
  /** What two tokens are compared by. */
  key(token: T): string;
  /** The differences of two token lists (default: {@link differences} by `key`); `region` is where they come from. */
  compare?(translated: T[], english: T[], region: Region): Difference<T>[];
  /**
   * What identifies a translated token between the segment and the block comparison (default: the token object
   * itself). Rules that build new token objects for each call of `tokens` give their offset in the file.
   */
  identity?(token: T): unknown;
  /** Blocks left out of the traversal (for example code blocks a rule compares line by line). */
  skipBlock?(block: Block): boolean;
  /**
   * Tokens the block comparison finds missing from one block and extra in another block of the page, with the same
   * key, are the same token in another block: a translator who splits, joins or reorders sentences moves a link to
   * the next paragraph, and an alignment that pairs blocks by position can be one off. Such pairs are not
   * differences; what remains in each block is paired in order again. Only for a comparison whose `compare` gives
   * plain extra/missing differences (as {@link differences} does).
   */
  acrossBlocks?: boolean;
  report(difference: Difference<T>, region: Region): void;
}

/** `data-stu-id "f6f19-104" at line 12`: how a message names a segment's English. */
export function segmentLabel(span: SpanSegment, place?: Range): string {
  return `data-stu-id "${span.englishId ?? span.id}" at line ${(place ?? span.englishPosition ?? span.position).start.line}`;
}

/**
 * The tokens of a side that belong to the region itself: for a block's translated side, those not inside its
 * segments' English (`sxs-lookup`), which the segments compare. Tokens and ranges are both in document order, so
 * one pointer walks the ranges (linear, not tokens × ranges).
 */
export function ownTokens<T>(side: Side, region: Region, tokens: T[], offsetOf: (token: T) => number): T[] {
  if (region.kind === 'span' || side !== region.translated || region.englishSpanRanges.length === 0) return tokens;
  const ranges = region.englishSpanRanges;
  let range = 0;
  return tokens.filter((token) => {
    const at = offsetOf(token);
    while (range < ranges.length && ranges[range][1] <= at) range++;
    return !(range < ranges.length && ranges[range][0] <= at);
  });
}

const offsets = (range: Range) => [range.start.offset, range.end.offset] as const;

/** Walk the pair region by region under `comparison.policy` and report each difference once. */
export function compareRegions<T>(context: RuleContext<unknown>, comparison: RegionComparison<T>): void {
  const { key } = comparison;
  const compare = comparison.compare ?? ((translated: T[], english: T[]) => differences(translated, english, key));
  const identity = comparison.identity ?? ((token: T): unknown => token);
  const blockDifferences: { region: Region; differences: Difference<T>[] }[] = [];
  for (const block of context.translated.blocks) {
    if (comparison.skipBlock?.(block)) continue;
    const reportedTranslated = new Set<unknown>();
    const reportedEnglish = new Map<string, number>();
    const englishSpanRanges: Array<readonly [number, number]> = [];
    const bySpans = comparison.policy === 'spans-or-blocks' && block.spans.length > 0;
    if (comparison.policy === 'spans-then-blocks' || bySpans) {
      for (const span of block.spans) {
        if (!span.english || !span.englishPosition) continue;
        englishSpanRanges.push(offsets(span.englishPosition));
        const region: Region = {
          kind: 'span',
          block,
          span,
          translated: { document: context.translated, range: span.position, content: span.translated },
          english: { document: context.translated, range: span.englishPosition, content: span.english },
          englishSpanRanges: [],
          englishAt: (place) => segmentLabel(span, place),
        };
        for (const difference of compare(comparison.tokens(region.translated, region), comparison.tokens(region.english, region), region)) {
          if (difference.translated !== undefined) reportedTranslated.add(identity(difference.translated));
          for (const token of difference.english) {
            const k = key(token);
            reportedEnglish.set(k, (reportedEnglish.get(k) ?? 0) + 1);
          }
          comparison.report(difference, region);
        }
      }
    }
    if (bySpans) continue;
    const englishBlock = context.alignment.englishOf(block);
    if (!englishBlock) continue;
    const region: Region = {
      kind: 'block',
      block,
      translated: { document: context.translated, range: block.position, content: block.content },
      english: { document: context.english, range: englishBlock.position, content: englishBlock.content },
      englishSpanRanges,
      englishAt: (place) => context.englishAt(place ?? englishBlock.position),
    };
    const translatedTokens = comparison.tokens(region.translated, region).filter((token) => !reportedTranslated.has(identity(token)));
    const englishTokens = comparison.tokens(region.english, region).filter((token) => {
      const count = reportedEnglish.get(key(token)) ?? 0;
      if (count > 0) reportedEnglish.set(key(token), count - 1);
      return count === 0;
    });
    const found = compare(translatedTokens, englishTokens, region);
    if (comparison.acrossBlocks) blockDifferences.push({ region, differences: found });
    else for (const difference of found) comparison.report(difference, region);
  }
  if (comparison.acrossBlocks) reportAcrossBlocks(blockDifferences, key, comparison.report);
}

/** {@link RegionComparison.acrossBlocks}: cancel a block's extra token against another block's missing one. */
function reportAcrossBlocks<T>(found: { region: Region; differences: Difference<T>[] }[], key: (token: T) => string, report: (difference: Difference<T>, region: Region) => void): void {
  const extras = found.map(({ differences }) => differences.flatMap((difference) => (difference.translated === undefined ? [] : [difference.translated])));
  const missings = found.map(({ differences }) => differences.flatMap((difference) => difference.english));
  // The missing English tokens of the page by key, in document order, each as [block, position in its list].
  const missingByKey = new Map<string, [number, number][]>();
  missings.forEach((tokens, block) => tokens.forEach((token, at) => {
    const list = missingByKey.get(key(token)) ?? [];
    list.push([block, at]);
    missingByKey.set(key(token), list);
  }));
  const cancelled = found.map(() => ({ extras: new Set<number>(), missings: new Set<number>() }));
  extras.forEach((tokens, block) => tokens.forEach((token, at) => {
    const candidates = missingByKey.get(key(token));
    const partner = candidates?.findIndex(([other]) => other !== block);
    if (candidates === undefined || partner === undefined || partner === -1) return;
    const [other, position] = candidates.splice(partner, 1)[0];
    cancelled[block].extras.add(at);
    cancelled[other].missings.add(position);
  }));
  found.forEach(({ region }, block) => {
    const remaining = pairInOrder({
      extra: extras[block].filter((_, at) => !cancelled[block].extras.has(at)),
      missing: missings[block].filter((_, at) => !cancelled[block].missings.has(at)),
    });
    for (const difference of remaining) report(difference, region);
  });
}

/** The nouns of the standard messages: `Link target` / `English link`, `Placeholder` / `English placeholder`. */
export interface Nouns {
  /** Starts a message about a translated token: "Link target `x` differs from the English `y`". */
  translated: string;
  /** Names an English token: "The English link `y` (…) is missing from the translation". */
  english: string;
}

/**
 * Report a difference with the standard messages:
 * - "Link target `x` differs from the English `y` (where)" at the translated token;
 * - "Link target `x` is not in the English (where)" at the translated token;
 * - "The English link `y` (where) is missing from the translation" at the start of the region.
 * `details` is `{translated, english}` (the texts, or null); `subject` is `prefix + "x -> y"`.
 */
export function reportDifference<T>(
  context: RuleContext<unknown>,
  difference: Difference<T>,
  region: Region,
  how: { nouns: Nouns; text(token: T): string; place(token: T): Range; subjectPrefix?: string },
): void {
  const translated = difference.translated;
  const english = difference.english[0];
  const details = { translated: translated === undefined ? null : how.text(translated), english: english === undefined ? null : how.text(english) };
  const subject = `${how.subjectPrefix ?? ''}${details.translated ?? ''} -> ${details.english ?? ''}`;
  if (translated !== undefined && english !== undefined) {
    context.report({
      message: `${how.nouns.translated} \`${details.translated}\` differs from the English \`${details.english}\` (${region.englishAt(how.place(english))})`,
      place: how.place(translated),
      details,
      subject,
    });
  } else if (translated !== undefined) {
    context.report({
      message: `${how.nouns.translated} \`${details.translated}\` is not in the English (${region.englishAt(undefined)})`,
      place: how.place(translated),
      details,
      subject,
    });
  } else if (english !== undefined) {
    const where = region.translated.range;
    context.report({
      message: `The ${how.nouns.english} \`${details.english}\` (${region.englishAt(how.place(english))}) is missing from the translation`,
      place: { start: where.start, end: where.start },
      details,
      subject,
    });
  }
}
