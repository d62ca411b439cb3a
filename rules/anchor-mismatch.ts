/**
 * @file anchor-mismatch
 *
 * ## What it checks
 * The anchors of a page are the places a `#fragment` can point at:
 * - explicit anchors: `<a name="x">`, any raw HTML element's `id="x"`, and a heading attribute `{#x}` at the end
 *   of a heading line;
 * - heading slugs: the id the site's renderer derives from a heading's text when it has no `{#x}`, per the site's
 *   dialect (`"dialect"` in the configuration): GitHub's algorithm (`github-slugger`: lower case, punctuation
 *   dropped, blanks to `-`, `-1`, `-2` … for repeated headings) for docfx, Hugo and Docusaurus; MDN's (lower case,
 *   blanks to `_`, URL-reserved characters dropped, `_2`, `_3` … for repeats) for MDN.
 *
 * Three checks:
 * 1. Every explicit anchor of the English must be an anchor of the translation. A missing one is reported at the
 *    translated block aligned with the English block that holds it (or at line 1), naming the English location.
 * 2. An explicit anchor of the translation that is no anchor of the English (neither explicit nor a heading slug;
 *    a repeated heading's slug counts without its `-1`, and a heading's slug may also come from its source text, as
 *    docs.microsoft.com makes `nuspec-ltfiles-gt-improvement` of `.nuspec &ltfiles /&gt; improvement`) is reported with a did-you-mean: the anchors of the English block it is aligned with when there are any (a
 *    translated heading carries `<a name="english-slug">`), else the nearest English anchor. An English anchor
 *    named that way is not reported again by check 1. On a stale translation the alignment may pair a heading the
 *    English dropped with another heading; the suggestion is then only the aligned block's anchor.
 * 3. Every in-page link of the translation (`[text](#x)`, `href="#x"`, a reference definition `[id]: #x`) must
 *    point at an anchor of the translation (explicit anchors and the slugs of the translated headings). When the
 *    target is only an English heading slug, the message says so and gives the slug of the translated heading it
 *    aligns with: the heading was translated and the link kept the English slug. A link to an English explicit
 *    anchor that the translation dropped is reported at the link too (check 1 reports the anchor). A link that
 *    resolves in neither file gets a did-you-mean from the translation's anchors, and the message says when the
 *    English has the same broken link (the defect is then the English page's).
 *
 * The slugs of translated headings differ from the English ones and that is fine: they need not match. Fragments
 * are compared as written after percent-decoding, case included (browsers match ids case-sensitively). An empty
 * fragment (`#`, the top of the page) is always fine, and so is a DocFX tab heading `# [Label](#tab/id)`. Anchors
 * and links inside code are not anchors and links.
 *
 * On the NuGet docs (3 × 368 real translations beside their exact English), every translated heading carries the
 * English slug as `<a name>` and the in-page links keep the English fragments, which then resolve: docs.microsoft.com
 * keeps English ids on localized pages through those anchors. So check 3 is on by default
 * (`requireInPageTargets`): a link whose English-slug target has no `<a name>` in the translation is a broken
 * jump on that site too. Sites that derive ids from the English heading for every locale can turn it off.
 *
 * ## Why
 * Links into a page (`page.md#install` from another page, a search result, a bookmark) and links within it only
 * work while the anchor exists. Translating a heading changes its slug; an `<a name>` typed by hand or dropped by
 * a translation tool breaks every link to it, silently, and only in that locale.
 *
 * ## Options
 * - `requireInPageTargets` (boolean, default `true`): check 3. Turn it off for sites that give every locale the
 *   English heading ids, where `#english-slug` resolves whatever the translated heading says.
 *
 * ## Examples
 *
 * @example
 *   {"name": "the translated headings carry the English anchors; in-page links resolve"}
 *   ~~~english
 *   # Package versioning
 *
 *   See [version ranges](#version-ranges) and [the basics](#basics).
 *
 *   <a name="basics"></a>
 *   ## Version basics
 *
 *   ## Version ranges
 *   ~~~
 *   ~~~translated
 *   # Paketversionsverwaltung
 *
 *   Siehe [Versionsbereiche](#version-ranges) und [die Grundlagen](#basics).
 *
 *   <a name="basics"></a>
 *   ## Grundlagen zu Versionen
 *
 *   ## <a name="version-ranges"></a>Versionsbereiche
 *   ~~~
 *
 * @example
 *   {"name": "a dropped anchor, a typed-over anchor, and a link to an English heading slug"}
 *   ~~~english
 *   # Install {#install}
 *
 *   See [the options](#options) and [the steps](#steps).
 *
 *   <a name="steps"></a>
 *   ## Steps
 *
 *   ## Options
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *
 *   Siehe [die Optionen](#options) und [die Schritte](#steps).
 *
 *   <a name="schritte"></a>
 *   ## Schritte
 *
 *   ## Optionen
 *   ~~~
 *   ~~~findings
 *   1:1 anchor-mismatch The English anchor `install` (en-us/example.md:1) is missing from the translation
 *   3:7 anchor-mismatch In-page link `#options` has no target in the translation: the target is the English heading slug (en-us/example.md:8); the translated heading's slug is `optionen`
 *   3:36 anchor-mismatch In-page link `#steps` has no target in the translation: the English anchor `steps` (en-us/example.md:5) is missing from it
 *   5:10 anchor-mismatch Anchor `schritte` is not in the English; did you mean `steps`, the anchor of the aligned English block (en-us/example.md:5)?
 *   ~~~
 */
import { collectAnchors, defineRule, fragmentId, nearest, walkTree, type Anchor, type DocumentAnchors, type Range } from '../src/rule-kit/index.js';

export interface AnchorMismatchOptions {
  requireInPageTargets: boolean;
}

/** Did-you-mean searches stop after this many per file: each is a pass over every anchor. */
const MAX_SUGGESTIONS = 100;

const isExplicit = (anchor: Anchor) => anchor.kind !== 'slug';

export default defineRule(
  {
    id: 'anchor-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'explicit anchors are those of the English, and in-page links resolve in the translation' },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { requireInPageTargets: { type: 'boolean' } },
    },
    defaultOptions: { requireInPageTargets: true } as AnchorMismatchOptions,
  },
  (context) => {
    const translated = collectAnchors(context.translated);
    const english = collectAnchors(context.english);
    const { alignment } = context;
    let searches = 0;
    /** The anchor of `anchors` nearest to `id`, within the file's budget of searches. */
    const nearestAnchor = (id: string, anchors: DocumentAnchors): Anchor | undefined => {
      if (anchors.byId.size === 0 || searches === MAX_SUGGESTIONS) return undefined;
      searches++;
      return nearest(id, anchors.byId.values(), { text: (anchor) => anchor.id });
    };
    /** Ids the English has as anchors, with the other slugs its headings may get (see {@link Anchor.aliases}). */
    const englishAliases = new Set(english.all.flatMap((anchor) => anchor.aliases ?? []));
    const inEnglish = (id: string) => english.byId.has(id) || englishAliases.has(id);
    /** English anchor ids a finding has named: check 1 does not report them again. */
    const named = new Set<string>();

    // Check 2: explicit translated anchors the English does not have. A translated heading carries the English
    // slug as `<a name>`, so the aligned English block's anchor is the suggestion however far it is.
    for (const anchor of translated.all) {
      if (!isExplicit(anchor) || inEnglish(anchor.id)) continue;
      const englishBlock = anchor.block && alignment.englishOf(anchor.block);
      const aligned = (englishBlock && english.byBlock.get(englishBlock)) ?? [];
      const suggestion =
        aligned.length > 0 ? nearest(anchor.id, aligned, { text: (candidate) => candidate.id, limit: Infinity }) : nearestAnchor(anchor.id, english);
      if (suggestion) named.add(suggestion.id);
      context.report({
        message: suggestion
          ? `Anchor \`${anchor.id}\` is not in the English; did you mean \`${suggestion.id}\`${aligned.length > 0 ? ', the anchor of the aligned English block' : ''} (${context.englishAt(suggestion.position)})?`
          : `Anchor \`${anchor.id}\` is not in the English (${context.englishDisplayPath})`,
        place: anchor.position,
        details: { anchor: anchor.id, english: suggestion?.id ?? null },
        subject: `anchor ${anchor.id} -> ${suggestion?.id ?? ''}`,
      });
    }

    // Check 1: explicit English anchors missing from the translation, each id once.
    for (const anchor of english.all) {
      if (!isExplicit(anchor) || translated.byId.has(anchor.id) || named.has(anchor.id)) continue;
      named.add(anchor.id);
      const at = (anchor.block && alignment.translatedOf(anchor.block))?.position.start ?? { line: 1, column: 1, offset: 0 };
      context.report({
        message: `The English anchor \`${anchor.id}\` (${context.englishAt(anchor.position)}) is missing from the translation`,
        place: { start: at, end: at },
        details: { anchor: null, english: anchor.id },
        subject: `anchor -> ${anchor.id}`,
      });
    }

    // Check 3: in-page links of the translation resolve in the translation.
    if (!context.options.requireInPageTargets) return;
    /** The English in-page links by URL, to say when a broken link was copied from a broken English one. */
    const englishLinks = new Map<string, Range>();
    for (const block of context.english.blocks) {
      for (const link of block.content.links) if (link.url.startsWith('#') && !englishLinks.has(link.url)) englishLinks.set(link.url, link.position);
    }
    const check = (url: string, place: Range) => {
      if (!url.startsWith('#') || url.length === 1) return;
      const id = fragmentId(url);
      if (translated.byId.has(id)) return;
      const target = english.byId.get(id);
      let message: string;
      let hint: string | undefined;
      if (target?.kind === 'slug') {
        const heading = target.block && alignment.translatedOf(target.block);
        hint = heading && translated.slugOf.get(heading);
        message =
          `In-page link \`${url}\` has no target in the translation: the target is the English heading slug (${context.englishAt(target.position)})` +
          (hint ? `; the translated heading's slug is \`${hint}\`` : '');
      } else if (target) {
        message = `In-page link \`${url}\` has no target in the translation: the English anchor \`${id}\` (${context.englishAt(target.position)}) is missing from it`;
      } else {
        hint = nearestAnchor(id, translated)?.id;
        const copied = englishLinks.get(url);
        message =
          `In-page link \`${url}\` has no target in the translation or the English` +
          (copied ? ` (the English link at ${context.englishAt(copied)} is broken too)` : '') +
          (hint ? `; did you mean \`#${hint}\`?` : '');
      }
      context.report({ message, place, details: { fragment: id, english: target?.id ?? null, suggestion: hint ?? null }, subject: `link ${url}` });
    };
    for (const block of context.translated.blocks) {
      for (const link of block.content.links) {
        if (link.kind === 'reference' || link.kind === 'image') continue;
        // DocFX tabs: a heading `# [Label](#tab/id)` starts a tab; `#tab/…` is no anchor.
        if (block.type === 'heading' && link.url.startsWith('#tab/')) continue;
        check(link.url, link.position);
      }
    }
    // Reference definitions are checked once each, where they are written (their uses point at them).
    walkTree(context.translated.tree, (node) => {
      if (node.type !== 'definition') return;
      const start = node.position?.start.offset ?? 0;
      check(node.url, { start: context.translated.pointAt(start), end: context.translated.pointAt(node.position?.end.offset ?? start) });
    });
  },
);
