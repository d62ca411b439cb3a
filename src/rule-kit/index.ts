/**
 * The rule kit: everything a rule may use, from one entry point. Built-in rules (rules/*.ts) and plugin rules
 * import only from here (test/architecture.test.ts enforces it), so a plugin rule has the same powers as a
 * built-in one and the modules behind the kit can move without touching any rule.
 */
export { defineRule, isEnabled, RULE_DOCS_BASE, ruleDocsUrl } from './rule.js';
export { compareRegions, differences, matchByKey, ownTokens, pairInOrder, placeInProse, reportDifference, segmentLabel } from './compare.js';
export { offsetInPiece, textPiecesWithin } from '../document/text-pieces.js';
export type { TextPiece } from '../document/text-pieces.js';
export type { ComparePolicy, Difference, Matching, Nouns, Region, RegionComparison, Side } from './compare.js';
export type { LocRule, PairData, Report, ReportExtras, RuleContext, RuleMeta, Severity } from './rule.js';
export { BLOCK_NAMES } from '../document/document.js';
export { collectAnchors, fragmentId, headingAttribute } from './anchors.js';
export type { Anchor, AnchorKind, DocumentAnchors } from './anchors.js';
export type { Block, Content, LinkTarget, LocDocument, Range, SpanAnomaly, SpanSegment } from '../document/document.js';
export { alignBlocks, alignRevisions } from '../document/align.js';
export type { Alignment } from '../document/align.js';
export { docfxExtensionRanges, isTranslatable, isTranslatableText, normaliseMarkup, normaliseSource, quote, translatableText } from '../document/prose.js';
export { englishScores, localeScript } from '../document/language.js';
export { stopwordCount, stopwordsOf } from '../document/stopwords.js';
export { parseDocsDate, stringValue } from '../document/frontmatter.js';
export { codeDepthAfter, isCodeElement, scanTags } from '../document/html-tags.js';
export type { HtmlTag } from '../document/html-tags.js';
export { digitScriptName, digitValue, extractNumbers } from '../document/numbers.js';
export type { NumberToken } from '../document/numbers.js';
export { datedMonths, monthNames, numberWords } from '../document/number-words.js';
export { describeSince, sha1 } from '../git/origin.js';
export type { Origin } from '../git/origin.js';
export { isLocaleName } from '../config/config.js';
export { lookup } from '../config/metadata.js';
export type { CommitProblem, SourceCommitCheck } from '../config/metadata.js';
export { memoize } from '../util/memo.js';
export { didYouMean } from '../util/suggest.js';
export { lastStartingAtOrBefore, startingWithin } from '../util/sorted.js';
export { nearest } from '../util/suggest.js';
export type { NearestOptions } from '../util/suggest.js';
export { walkTree } from '../document/walk.js';
export { leadingOrdinal, nodeText } from '../document/nodes.js';
export { StepBudget } from '../util/budget.js';
