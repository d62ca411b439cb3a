/**
 * Site dialects: what a documentation system means by a heading id and by a template call (`{{…}}`). Chosen once
 * per run (`"dialect"` in the configuration, detected by default) and carried by every document, so every rule
 * reads the same answer from the document model and none knows a site's syntax itself.
 *
 * - `docfx` (Microsoft Docs; today's behaviour): GitHub heading slugs; template calls are not links.
 * - `hugo` (Hugo, Docsy): GitHub-style heading ids (Goldmark's default `github` type); shortcodes (`{{< … >}}`,
 *   `{{% … %}}`) are markup, and `ref`/`relref` shortcodes are links.
 * - `mdn` (MDN Web Docs): heading ids as MDN builds them from the heading's own (translated) text: lower case,
 *   spaces to `_`, URL-reserved characters dropped, repeats numbered `_2`, `_3` (rari's `anchorize`); KumaScript
 *   macros that link (`{{cssxref}}`, `{{domxref}}`, `{{Glossary}}`, `{{HTMLElement}}` …) are links to the page they
 *   name, and MDN slugs are compared without case (MDN resolves them so).
 * - `docusaurus`: GitHub heading slugs, `{#id}` heading ids.
 */
import GithubSlugger from 'github-slugger';

export const DIALECT_NAMES = ['docfx', 'hugo', 'mdn', 'docusaurus'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** One template call as written: `{{cssxref("color")}}` is name `cssxref`, arguments `["color"]`. */
export interface TemplateCall {
  name: string;
  args: string[];
}

export interface Dialect {
  name: DialectName;
  /** A fresh id maker for one page: each call gives the id of the next heading with that text. */
  headingIds(): (text: string) => string;
  /** The link targets a template call stands for (none for a call that is no link). */
  templateLinks(call: TemplateCall, locale: string): string[];
  /**
   * The form a site path (locale segments already dropped) is compared in, when the site resolves paths more
   * loosely than as written; undefined compares paths as written.
   */
  pathKey?(path: string): string;
  /**
   * The looser form a path from a template call is compared in: a macro names a page the way the site resolves it
   * (through redirects), not where it is now. Undefined: as {@link pathKey}.
   */
  templatePathKey?(path: string): string;
  /**
   * A relative link resolved to the root-absolute one it stands for on the page at `relPath` (relative to its
   * locale root), for sites whose links are URLs rather than files; undefined leaves links as written (docfx links
   * files, and a translation sits at the same relative path as its English, so file-relative links compare as
   * written).
   */
  resolveLink?(url: string, relPath: string): string;
}

const githubIds = () => {
  const slugger = new GithubSlugger();
  return (text: string) => slugger.slug(text);
};

/** Characters rari's `anchorize` drops from an MDN heading id. */
const MDN_REJECTED = new Set('<>"$#%&+,/:;=?@[]^`{|}~\')(\\');

/** An MDN heading id (mdn/rari crates/rari-md/src/anchor.rs), before repeats are numbered. */
export function mdnAnchor(text: string): string {
  let id = '';
  for (const char of text.trim().toLowerCase().replaceAll(' ', '_')) if (!MDN_REJECTED.has(char)) id += char;
  return id === '' ? 'sect1' : id;
}

const mdnIds = () => {
  const seen = new Map<string, number>();
  return (text: string) => {
    const id = mdnAnchor(text);
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id}_${count}`;
  };
};

/** The page an MDN linking macro names, as a path under `/<locale>/docs/` (KumaScript's and rari's templates). */
function mdnMacroPath(name: string, args: string[]): string | undefined {
  const [first = '', second = '', third = ''] = args;
  if (first === '') return undefined;
  const anchor = (value: string) => (value.startsWith('#') ? value : '');
  switch (name) {
    case 'cssxref': {
      // `<color>` is the page `color_value`; `calc()` is `calc`.
      const data = /^<(.+)>$/.exec(first);
      const slug = data ? `${data[1]}_value` : first.replace(/\(\)$/, '');
      return `Web/CSS/${slug}${anchor(third)}`;
    }
    case 'domxref':
      return `Web/API/${first.replace(/\(\)$/, '').replaceAll('.', '/').replaceAll(' ', '_')}${anchor(third)}`;
    case 'jsxref':
      return `Web/JavaScript/Reference/Global_Objects/${first.replace(/\(\)$/, '').replaceAll('.', '/')}${anchor(third)}`;
    case 'glossary':
      return `Glossary/${first.replaceAll(' ', '_')}`;
    case 'htmlelement':
      return `Web/HTML/Element/${first.toLowerCase()}${anchor(third)}`;
    case 'svgelement':
      return `Web/SVG/Element/${first}`;
    case 'svgattr':
      return `Web/SVG/Attribute/${first}`;
    case 'httpheader':
      return `Web/HTTP/Headers/${first}${anchor(third)}`;
    case 'httpmethod':
      return `Web/HTTP/Methods/${first}`;
    case 'httpstatus':
      return `Web/HTTP/Status/${first}`;
    case 'htmlattrxref':
      return second ? `Web/HTML/Element/${second.toLowerCase()}#${first}` : `Web/HTML/Global_attributes/${first}`;
    case 'event':
      return `Web/Events/${first}`;
    default:
      return undefined;
  }
}

/** MDN resolves slugs without case. */
const mdnPathKey = (path: string) => path.toLowerCase();

/**
 * MDN's CSS, HTML and SVG reference pages moved (2025: `Web/CSS/color` became `Web/CSS/Reference/Properties/color`,
 * reached through redirects), while macros still name the old place: a page a macro names below `docs/Web/CSS`,
 * `docs/Web/HTML` or `docs/Web/SVG` is named by its last segment.
 */
function mdnTemplatePathKey(path: string): string {
  const lower = path.toLowerCase();
  const docs = lower.indexOf('/docs/web/');
  if (docs === -1) return lower;
  const areaStart = docs + '/docs/web/'.length;
  const areaEnd = lower.indexOf('/', areaStart);
  if (areaEnd === -1 || !['css', 'html', 'svg'].includes(lower.slice(areaStart, areaEnd))) return lower;
  return lower.slice(0, areaEnd) + lower.slice(lower.lastIndexOf('/'));
}

/**
 * Hugo serves `a/b.md` at `/a/b/` and `a/_index.md` (or a bundle's `a/index.md`) at `/a/` (pretty URLs, its
 * default), and a relative link in it is a URL relative to that: `../x/` on `/kubernetes/` is `/x/`. A link to a
 * file (`x.md`, resolved by a render hook) and anything with a scheme, `/`, `#` or `?` first is left as written.
 */
function hugoResolveLink(url: string, relPath: string): string {
  if (url === '' || /^(?:[a-z][a-z0-9+.-]*:|[/#?])/i.test(url) || /\.md(?:[#?]|$)/i.test(url)) return url;
  const parts = relPath.replace(/\.[^./]*$/, '').split('/');
  if (parts[parts.length - 1] === '_index' || parts[parts.length - 1] === 'index') parts.pop();
  const page = `/${parts.join('/')}${parts.length > 0 ? '/' : ''}`;
  try {
    const resolved = new URL(url, `http://site.invalid${page}`);
    return resolved.pathname + resolved.search + resolved.hash;
  } catch {
    return url;
  }
}

export const DIALECTS: Record<DialectName, Dialect> = {
  docfx: { name: 'docfx', headingIds: githubIds, templateLinks: () => [] },
  docusaurus: { name: 'docusaurus', headingIds: githubIds, templateLinks: () => [] },
  hugo: {
    name: 'hugo',
    headingIds: githubIds,
    // `{{< ref "page.md" >}}` and `{{< relref "page.md#x" >}}` link to the page they name.
    templateLinks: (call) => (call.name === 'ref' || call.name === 'relref') && call.args[0] ? [call.args[0]] : [],
    resolveLink: hugoResolveLink,
  },
  mdn: {
    name: 'mdn',
    headingIds: mdnIds,
    templateLinks: (call, locale) => {
      const target = mdnMacroPath(call.name.toLowerCase(), call.args);
      return target === undefined ? [] : [`/${locale}/docs/${target}`];
    },
    pathKey: mdnPathKey,
    templatePathKey: mdnTemplatePathKey,
  },
};

/** Longest template call read; longer ones are left as they are (a step budget on untrusted text). */
const MAX_CALL = 2000;

/**
 * The template calls in a piece of text, with their offsets: KumaScript's `{{name("a", 'b', 3)}}` and `{{name}}`,
 * Hugo's `{{< name "a" b >}}` and `{{% name "a" %}}` (named parameters `x="y"` give their values). One pass, each
 * call at most {@link MAX_CALL} characters.
 */
export function templateCalls(text: string): { call: TemplateCall; start: number; end: number }[] {
  const found: { call: TemplateCall; start: number; end: number }[] = [];
  for (let start = text.indexOf('{{'); start !== -1; start = text.indexOf('{{', start + 2)) {
    const close = text.indexOf('}}', start + 2);
    if (close === -1 || close - start > MAX_CALL) continue;
    let inner = text.slice(start + 2, close).trim();
    // Hugo's delimiters: `<`/`>` and `%`/`%` inside the braces; a closing shortcode `{{< /x >}}` is no call.
    if ((inner.startsWith('<') && inner.endsWith('>')) || (inner.startsWith('%') && inner.endsWith('%'))) inner = inner.slice(1, -1).trim();
    if (inner.startsWith('/')) continue;
    const call = parseCall(inner);
    if (call) found.push({ call, start, end: close + 2 });
    start = close;
  }
  return found;
}

/** `name(args)` or `name args`, where args are quoted strings, numbers or bare words, separated by commas or blanks. */
function parseCall(inner: string): TemplateCall | undefined {
  const name = /^[A-Za-z_][\w-]*/.exec(inner)?.[0];
  if (!name) return undefined;
  let rest = inner.slice(name.length).trim();
  if (rest.startsWith('(')) rest = rest.endsWith(')') ? rest.slice(1, -1) : rest.slice(1);
  const args: string[] = [];
  let at = 0;
  while (at < rest.length) {
    const char = rest[at];
    if (char === ',' || char === ' ' || char === '\t' || char === '\n') {
      at++;
      continue;
    }
    if (char === '"' || char === "'") {
      const end = rest.indexOf(char, at + 1);
      const stop = end === -1 ? rest.length : end;
      args.push(rest.slice(at + 1, stop));
      at = stop + 1;
      continue;
    }
    let end = at;
    while (end < rest.length && !', \t\n'.includes(rest[end])) end++;
    const word = rest.slice(at, end);
    // A named parameter (`ref="x"`) gives its value.
    const equals = word.indexOf('=');
    if (equals > 0 && (rest[at + equals + 1] === '"' || rest[at + equals + 1] === "'")) {
      at += equals + 1;
      continue;
    }
    args.push(word);
    at = end;
  }
  return { name, args };
}
