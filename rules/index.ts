/**
 * The built-in rules. A new rule is one file in this folder and one line here.
 */
import type { LocRule } from '../src/rule-kit/index.js';
import staleSourceHash from './stale-source-hash.js';
import outdatedHandoff from './outdated-handoff.js';
import linkMismatch from './link-mismatch.js';
import missingSpanId from './missing-span-id.js';
import untranslatedSegment from './untranslated-segment.js';
import staleSegment from './stale-segment.js';
import orphanedTranslation from './orphaned-translation.js';
import missingTranslation from './missing-translation.js';
import invalidMetadata from './invalid-metadata.js';
import structureMismatch from './structure-mismatch.js';
import numberMismatch from './number-mismatch.js';
import anchorMismatch from './anchor-mismatch.js';
import codeMismatch from './code-mismatch.js';

export const rules: LocRule<any>[] = [
  staleSourceHash,
  outdatedHandoff,
  linkMismatch,
  missingSpanId,
  untranslatedSegment,
  staleSegment,
  orphanedTranslation,
  missingTranslation,
  invalidMetadata,
  structureMismatch,
  numberMismatch,
  anchorMismatch,
  codeMismatch,
];
