/**
 * Differences several translations share, on pages whose source English is unknown.
 *
 * Content rules ask "is the translation faithful to the English it was made from?". When a page records no source
 * (a Hugo site or Docusaurus site without pins, or a Microsoft Docs hash that no longer matches and no history to
 * read the old English from), they can only compare with the English as it is now, and every change the English
 * went through since shows up as a "defect" of the translation: a heading the English dropped, a link it added.
 * Such a change shows up the same way in every translation made before it, while a translator's own mistake is
 * rarely made the same way by several translators. So a difference that at least {@link MIN_SHARED} translations of
 * the same page share, each compared with the current English only, is set aside as the English's own change: it
 * goes to `suppressedMessages` with a justification (ESLint's suppression shape), is not counted, and the run says
 * how many were set aside. That answers neither question wrongly: it is no content defect, and staleness is what
 * the staleness rules decide from the page's metadata.
 *
 * Pages whose source English is known (their hash matches, or the history has the English at their source commit)
 * neither count nor are set aside: their differences are differences from the right English.
 */
import { SHARED_DIFFERENCE, type Finding } from './findings.js';

/** A translation made before the English changed shares the change with at least this many others (itself included). */
export const MIN_SHARED = 3;

/** What this step needs of a pair's result. */
export interface GroupMember {
  locale: string;
  messages: Finding[];
  suppressedMessages?: Finding[];
  errorCount: number;
  warningCount: number;
  /** Content was compared with the current English because the English it was made from is unknown. */
  englishUnknown?: true;
}

/**
 * What makes two findings of two locales the same difference: the rule and the message, with the locale's own
 * path segment taken out (`/ja/service/` in one locale is `/de/service/` in another). The message names the English
 * line it is about, which every locale shares.
 */
function differenceKey(finding: Finding, locale: string): string {
  return `${finding.ruleId}\0${withoutLocaleSegment(finding.message, locale)}`;
}

/** Characters after which a URL path segment starts in a message (`` `ja/x/` ``, `` `/ja/x/` ``, `` `../ja/x/` ``). */
const SEGMENT_START = new Set(['`', '/', ' ', '(']);

/** The text with every path segment that names the locale (any case) taken out: `/ja/service/` → `/service/`. */
function withoutLocaleSegment(text: string, locale: string): string {
  const lower = text.toLowerCase();
  const segment = `${locale.toLowerCase()}/`;
  let out = '';
  let from = 0;
  for (let at = lower.indexOf(segment); at !== -1; at = lower.indexOf(segment, at + 1)) {
    if (at > 0 && !SEGMENT_START.has(text[at - 1])) continue;
    out += text.slice(from, at);
    from = at + segment.length;
  }
  return out + text.slice(from);
}

/**
 * Moves, in place, the findings of `differenceRules` that at least {@link MIN_SHARED} members with an unknown source
 * English share into their `suppressedMessages`, and recounts them. `members` are all translations of one English
 * file. Returns how many findings were set aside.
 */
export function setAsideSharedDifferences(members: GroupMember[], differenceRules: ReadonlySet<string>): number {
  const unknown = members.filter((member) => member.englishUnknown);
  if (unknown.length < MIN_SHARED) return 0;
  const holders = new Map<string, Set<string>>();
  for (const member of unknown) {
    for (const finding of member.messages) {
      if (!differenceRules.has(finding.ruleId)) continue;
      const key = differenceKey(finding, member.locale);
      const set = holders.get(key) ?? new Set<string>();
      set.add(member.locale);
      holders.set(key, set);
    }
  }
  let setAside = 0;
  for (const member of unknown) {
    const kept: Finding[] = [];
    const moved: Finding[] = [];
    for (const finding of member.messages) {
      const sharers = differenceRules.has(finding.ruleId) ? holders.get(differenceKey(finding, member.locale)) : undefined;
      if (sharers && sharers.size >= MIN_SHARED) {
        const justification = `${sharers.size} of ${unknown.length} translations of this page differ from the English this way, and the English they were made from is unknown: most likely the English changed since they were made`;
        moved.push({ ...finding, suppressions: [{ kind: SHARED_DIFFERENCE, justification }] });
      } else {
        kept.push(finding);
      }
    }
    if (moved.length === 0) continue;
    setAside += moved.length;
    member.messages = kept;
    member.suppressedMessages = [...(member.suppressedMessages ?? []), ...moved];
    member.errorCount = kept.filter((finding) => finding.severity === 2).length;
    member.warningCount = kept.filter((finding) => finding.severity === 1).length;
  }
  return setAside;
}
