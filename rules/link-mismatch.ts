/**
 * @file link-mismatch
 *
 * ## What it checks
 * The link targets of a translated segment must be those of its English: inline links, images, reference links
 * (compared by the URL of their definition), autolinks, and `href`/`src` in raw HTML. Two comparisons are made:
 * - span format: each translated `<span data-ttu-id>` against its own `sxs-lookup` English;
 * - every format: each translated block against the English block it is aligned with (the English sibling).
 *   A block the alignment leaves unmatched (an anchor or paragraph a translator added) is not compared.
 *
 * The block comparison leaves out what the span comparison reported (the translated link, and the English link it
 * was compared with), so no link is reported twice. A link missing from one block and extra in another block of the
 * page is the same link moved (a translator joined or split sentences, or the alignment is one block off): not
 * reported.
 *
 * What a link is depends on the site's dialect (`"dialect"` in the configuration): MDN's linking macros
 * (`{{cssxref("color")}}`) and Hugo's `ref`/`relref` shortcodes are links to the page they name; on MDN, paths
 * compare without case and a macro matches a link to the page it names where MDN has moved it; on Hugo, a
 * relative link is the URL it resolves to from the page (`../container/` on `/kubernetes/` is `/container/`). An
 * in-page link to an anchor of the translation that the English lacks (a translated heading's own id) is the same
 * link as the English one to the anchor of the aligned English block.
 *
 * Links are compared as multisets, so reordering links within a sentence is fine. Before comparing, URLs are
 * normalised, so that a link localised the way sites localise is the same link:
 * - a path segment that names a locale (any of the run's locales or their languages, and any hyphenated
 *   locale-like segment such as `/zh-hans/`, `/pt-br/` or `/es-419/`, in any case) is left out:
 *   `learn.microsoft.com/de-de/nuget/` is `learn.microsoft.com/en-us/nuget/`, and a site that serves its
 *   translations under a locale prefix links `/ja/service/` where the English links `/service/`;
 * - a host whose first label is one of those languages is one site in many languages, and such sites translate
 *   their paths too: `de.wikipedia.org/wiki/Containervirtualisierung` is a right translation of
 *   `en.wikipedia.org/wiki/OS-level_virtualization`, so only the host and the first path segment are compared;
 * - the scheme and host are compared without case, and a trailing `/` is ignored. The path, the query and the
 * `#fragment` are compared as written: on the NuGet docs (3 × 368 real translations beside their exact English)
 * no translation changed a fragment or the case of a path, while a changed fragment is a broken jump, so
 * fragments count unless `ignoreFragments` is set.
 *
 * An extra translated link and a missing English link are paired in order of appearance and reported as one
 * changed link, at the translated link. An extra link with no partner is reported where it is; an English link
 * with no partner is reported at the start of the translated segment or block. The message names where the
 * English is: a line of the English sibling, or the segment's own `data-stu-id` span.
 *
 * ## Why
 * A changed link target sends readers of the translation somewhere else than readers of the English: a typo in a
 * URL, a link to an older page, a link dropped by the translation tool, or an English page whose links changed
 * since the translation was made.
 *
 * ## Options
 * - `ignore` (array of strings, default `[]`): links to skip on both sides. A string that starts with `^` is a
 *   regular expression tested against the URL as written; any other string is a prefix of the URL. An invalid
 *   regular expression is reported on every file as an internal error naming the pattern.
 * - `ignoreFragments` (boolean, default `false`): compare URLs without their `#fragment`.
 *
 * ## Examples
 *
 * @example
 *   {"name": "same targets, reordered, with another locale in the path and a trailing slash"}
 *   ~~~english
 *   See [the CLI](https://docs.microsoft.com/en-us/nuget/cli/) and [the API](../api/overview.md).
 *   ~~~
 *   ~~~translated
 *   Siehe [die API](../api/overview.md) und [die CLI](https://docs.microsoft.com/de-de/nuget/cli).
 *   ~~~
 *
 * @example
 *   {"name": "a locale prefix of the site and a localised Wikipedia article", "locale": "ja"}
 *   ~~~english
 *   A [service](/service/) is described on [Wikipedia](https://en.wikipedia.org/wiki/OS-level_virtualization).
 *   ~~~
 *   ~~~translated
 *   [サービス](/ja/service/) は [Wikipedia](https://ja.wikipedia.org/wiki/コンテナ型仮想化) にあります。
 *   ~~~
 *
 * @example
 *   {"name": "a changed URL"}
 *   ~~~english
 *   # Install
 *
 *   See [the CLI reference](../reference/cli.md).
 *   ~~~
 *   ~~~translated
 *   # Installieren
 *
 *   Siehe [die CLI-Referenz](../reference/cli-ref.md).
 *   ~~~
 *   ~~~findings
 *   3:7 link-mismatch Link target `../reference/cli-ref.md` differs from the English `../reference/cli.md` (en-us/example.md:3)
 *   ~~~
 *
 * @example
 *   {"name": "a link added and a link dropped"}
 *   ~~~english
 *   Read [the guide](https://example.com/guide) first.
 *
 *   Then see ![diagram](media/flow.png) and <https://example.com/faq>.
 *   ~~~
 *   ~~~translated
 *   Lesen Sie zuerst [den Leitfaden](https://example.com/guide) und [mehr](https://example.com/more).
 *
 *   Dann siehe das Diagramm.
 *   ~~~
 *   ~~~findings
 *   1:65 link-mismatch Link target `https://example.com/more` is not in the English (en-us/example.md:1)
 *   3:1 link-mismatch The English link `media/flow.png` (en-us/example.md:3) is missing from the translation
 *   3:1 link-mismatch The English link `https://example.com/faq` (en-us/example.md:3) is missing from the translation
 *   ~~~
 *
 * @example
 *   {"name": "span format: the English changed its link since the translation was made"}
 *   ~~~english
 *   For more information, see [Microsoft 365 security roadmap](https://docs.microsoft.com/microsoft-365/security/roadmap).
 *   ~~~
 *   ~~~translated
 *   <span data-ttu-id="f6f19-109">Weitere Informationen finden Sie unter [Sicherheit](https://support.office.com/article/9295e396.aspx).</span><span class="sxs-lookup"><span data-stu-id="f6f19-109">For more information, see [Security best practices](https://support.office.com/article/9295e396.aspx).</span></span>
 *   ~~~
 *   ~~~findings
 *   1:70 link-mismatch Link target `https://support.office.com/article/9295e396.aspx` differs from the English `https://docs.microsoft.com/microsoft-365/security/roadmap` (en-us/example.md:1)
 *   ~~~
 */
import { collectAnchors, compareRegions, defineRule, fragmentId, isLocaleName, matchByKey, pairInOrder, reportDifference, type Content, type LinkTarget, type RuleContext } from '../src/rule-kit/index.js';

export interface LinkMismatchOptions {
  ignore: string[];
  ignoreFragments: boolean;
}

/** A locale-like path segment: language, optional script, optional region (`pt-br`, `zh-hans`, `sr-latn-rs`). */
const LOCALE_SHAPE = /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?$/i;
const LOCALE_PLACEHOLDER = '\u0000locale';

const scriptNames = new Intl.DisplayNames(['en'], { type: 'script' });

/** Is `code` (four letters) a script CLDR names (`hans`, `latn`), not a word of that shape (`docs`)? */
const isScript = (code: string) => scriptNames.of(code[0].toUpperCase() + code.slice(1)) !== code[0].toUpperCase() + code.slice(1);

function isLocaleSegment(segment: string, locales: Set<string>): boolean {
  const lower = segment.toLowerCase();
  if (locales.has(lower)) return true;
  if (!lower.includes('-') || !LOCALE_SHAPE.test(lower) || !isLocaleName(lower)) return false;
  const script = lower.split('-').find((part) => part.length === 4);
  return script === undefined || isScript(script);
}

/**
 * The form two URLs are compared in: locale path segments dropped (`/en-us/nuget/`, `/de-de/nuget/` and `/nuget/`
 * are the same page; a Hugo site serves `/service/` in English and `/ja/service/` in Japanese), scheme and host
 * lower-cased, trailing `/` dropped, and (on request) the fragment dropped. A host whose first label is a language
 * (`de.wikipedia.org`, `en.wikipedia.org`) is one site in many languages, whose paths are translated too: only its
 * first path segment is kept (`/wiki`).
 */
export function normalizeUrl(url: string, locales: Set<string>, ignoreFragments = false, pathKey?: (path: string) => string, resolve?: (url: string) => string): string {
  let rest = resolve ? resolve(url.trim()) : url.trim();
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = ignoreFragments ? '' : rest.slice(hash);
    rest = rest.slice(0, hash);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question);
    rest = rest.slice(0, question);
  }
  let origin = '';
  const absolute = /^([a-z][a-z0-9+.-]*:)?\/\/([^/]*)/i.exec(rest);
  let localisedHost = false;
  if (absolute) {
    origin = absolute[0].toLowerCase();
    rest = rest.slice(absolute[0].length);
    const labels = absolute[2].toLowerCase().split('.');
    if (labels.length >= 3 && locales.has(labels[0])) {
      localisedHost = true;
      origin = `${(absolute[1] ?? '').toLowerCase()}//${LOCALE_PLACEHOLDER}.${labels.slice(1).join('.')}`;
    }
  }
  let segments = rest.split('/').filter((segment) => !isLocaleSegment(segment, locales));
  if (localisedHost) {
    segments = segments.slice(0, 2);
    query = '';
    fragment = '';
  }
  const path = segments.join('/').replace(/(?<!\/)\/+$/, ''); // from the first slash of the run only: no rescan of a long run of slashes
  return origin + (pathKey ? pathKey(path) : path) + query + fragment;
}

/**
 * The keys of in-page links (`#x`): the anchor id as written, percent-decoded. A translated link to an anchor the
 * English does not have, which leads to a translated heading (or other anchored block), is keyed by the anchor of
 * the English block aligned with it: MDN, Hugo and most sites give a translated heading its own id, and
 * `#beispiel_für_fallbacks` in German is then the same link as `#fallbacks_example` in English. Whether the target
 * exists is anchor-mismatch's question.
 */
function inPageKeys(context: RuleContext<LinkMismatchOptions>, ignoreFragments: boolean): Map<LinkTarget, string> {
  const keys = new Map<LinkTarget, string>();
  if (ignoreFragments) return keys;
  const english = collectAnchors(context.english);
  const translated = collectAnchors(context.translated);
  const inPage = (content: Content) => content.links.filter((link) => link.url.length > 1 && link.url.startsWith('#'));
  for (const block of context.english.blocks) for (const link of inPage(block.content)) keys.set(link, `#${fragmentId(link.url)}`);
  for (const block of context.translated.blocks) {
    for (const link of inPage(block.content)) {
      const id = fragmentId(link.url);
      keys.set(link, `#${id}`);
      if (english.byId.has(id)) continue;
      const target = translated.byId.get(id)?.block;
      const englishBlock = target && context.alignment.englishOf(target);
      const englishAnchor = englishBlock && english.byBlock.get(englishBlock)?.[0];
      if (englishAnchor) keys.set(link, `#${englishAnchor.id}`);
    }
  }
  return keys;
}

type Matcher = (url: string) => boolean;

function ignoreMatcher(patterns: string[]): Matcher {
  const tests = patterns.map((pattern): Matcher => {
    if (!pattern.startsWith('^')) return (url) => url.startsWith(pattern);
    let expression: RegExp;
    try {
      expression = new RegExp(pattern);
    } catch (error) {
      throw new Error(`link-mismatch: ignore pattern ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message})`);
    }
    return (url) => expression.test(url);
  });
  return (url) => tests.some((test) => test(url));
}

export default defineRule(
  {
    id: 'link-mismatch',
    type: 'problem',
    reportsDifferences: true,
    docs: { description: 'each translated segment and block links to the same targets as its English' },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ignore: { type: 'array', items: { type: 'string', minLength: 1, if: { pattern: '^\\^' }, then: { format: 'regex' } } },
        ignoreFragments: { type: 'boolean' },
      },
    },
    defaultOptions: { ignore: [] as string[], ignoreFragments: false } as LinkMismatchOptions,
  },
  (context) => {
    // The run's locales and their languages (`de` for `de-de`): the names a localised URL carries.
    const locales = new Set(context.locales.flatMap((locale) => [locale.toLowerCase(), locale.toLowerCase().split(/[-_]/)[0]]));
    const ignored = ignoreMatcher(context.options.ignore);
    const { dialect, relPath } = context.translated;
    const pathKey = dialect.pathKey;
    const resolve = dialect.resolveLink && ((url: string) => dialect.resolveLink!(url, relPath));
    const keys = inPageKeys(context, context.options.ignoreFragments);
    const key = (link: LinkTarget) => {
      let value = keys.get(link);
      if (value === undefined) keys.set(link, (value = normalizeUrl(link.url, locales, context.options.ignoreFragments, pathKey, resolve)));
      return value;
    };
    // A link a template call stands for (an MDN macro) names its page as the site resolves it: it matches a link
    // of the other side whose looser key is the same. Links written as links match exactly.
    const templatePathKey = dialect.templatePathKey;
    const looseKey = (link: LinkTarget) => normalizeUrl(link.url, locales, context.options.ignoreFragments, templatePathKey, resolve);
    const compare = (translated: LinkTarget[], english: LinkTarget[]) => {
      const { extra, missing } = matchByKey(translated, english, key);
      // (Quadratic in the leftovers, so only for a region with few: a page of thousands of changed links is
      // reported as it is.)
      if (templatePathKey && extra.length * missing.length <= 250_000) {
        for (let i = 0; i < extra.length; i++) {
          const partner = missing.findIndex((link) => (link.kind === 'template' || extra[i].kind === 'template') && looseKey(link) === looseKey(extra[i]));
          if (partner === -1) continue;
          missing.splice(partner, 1);
          extra.splice(i--, 1);
        }
      }
      return pairInOrder({ extra, missing });
    };
    compareRegions(context, {
      policy: 'spans-then-blocks',
      tokens: (side) => side.content.links.filter((link) => !ignored(link.url)),
      key,
      compare,
      acrossBlocks: true,
      report: (difference, region) =>
        reportDifference(context, difference, region, {
          nouns: { translated: 'Link target', english: 'English link' },
          text: (link) => link.url,
          place: (link) => link.position,
        }),
    });
  },
);
