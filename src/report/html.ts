/**
 * `renderHtmlReport`: the report as ONE self-contained HTML file, to attach to an email or publish from CI.
 *
 * Everything is inlined (styles, the charting library, the page script and the data), and a Content-Security-
 * Policy forbids every network load, so the file opens the same offline, from a mail client's temporary folder
 * or from a CI artifact store, and cannot phone home.
 *
 * Charts: Chart.js 4 (MIT). Why Chart.js: it is maintained, has no runtime dependencies, ships a ready UMD build
 * (~200 kB minified) that we can inline verbatim, draws to <canvas> (prints, and needs no external fonts or
 * images), does not need `eval` or injected stylesheets (so it runs under a CSP with no 'unsafe-eval'), and
 * does stacked bars and histograms out of the box. D3 would mean writing the charts ourselves; Plotly and
 * ECharts are several times larger.
 *
 * Safety: text from linted files (paths, messages) is untrusted.
 * - The data goes into a `<script type="application/json">` block (never executed) as JSON with `<`, `>`, `&`,
 *   U+2028 and U+2029 written as `\u` escapes, so no file name or message can close the block.
 * - Inlined scripts are checked for `</script` and `<!--` (escaped as `<\/script`, `<\x21--`), and the page
 *   builds the table with `textContent`, never `innerHTML`.
 * - The CSP is `default-src 'none'`; scripts run only when their SHA-256 is listed (the two inlined scripts),
 *   so even markup that slipped through could not run a script; no connections, fonts, frames or forms;
 *   images only from `data:` URLs.
 * - Links to files are relative URLs whose path segments are percent-encoded, so a file named `javascript:x`
 *   or `//host` stays a relative path.
 *
 * Handoff ages (the histogram) are counted in whole days from the file's `ms.lasthandoff` to `generatedAt`, in
 * the buckets of {@link AGE_BUCKETS}: under 30 days, 30–89, 90–179, 180–364 days, 1–2 years (365–729 days) and
 * 2 years or more (730 days and up); handoffs dated after `generatedAt` and files without a valid handoff date
 * get a bar of their own when there are any.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReportData } from './figures.js';
import { clientMain } from './html-client.js';
import type { AgeHistogram, HtmlReportPayload } from './types.js';

export type { AgeHistogram, HtmlReportPayload } from './types.js';
import { escapeControl, safeJson } from '../util/escape.js';

const DAY = 24 * 60 * 60 * 1000;

export interface HtmlReportOptions {
  /** The page's title; default "Localization report: <English root>". */
  title?: string;
  /**
   * Prefix for the links to files (their `file` paths are relative to the folder loc-lint ran in). Default `''`:
   * the report is written in that folder. Use {@link hrefBaseFor} when it is written elsewhere, or a URL such
   * as `https://github.com/org/repo/blob/main/` to link to a repository host.
   */
  hrefBase?: string;
}

/** The buckets of the handoff-age histogram: whole days, `min` included, `max` excluded. */
export const AGE_BUCKETS: { label: string; min: number; max: number | null }[] = [
  { label: '< 30 days', min: 0, max: 30 },
  { label: '30–89 days', min: 30, max: 90 },
  { label: '90–179 days', min: 90, max: 180 },
  { label: '180–364 days', min: 180, max: 365 },
  { label: '1–2 years', min: 365, max: 730 },
  { label: '≥ 2 years', min: 730, max: null },
];
export const FUTURE_BUCKET = 'in the future';
export const NO_HANDOFF_BUCKET = 'no handoff date';


export function handoffAgeDays(handoff: string, generatedAt: string): number {
  return Math.floor((Date.parse(generatedAt) - Date.parse(`${handoff}T00:00:00Z`)) / DAY);
}

/** Count each locale's files by handoff age; the extra buckets appear only when something is in them. */
export function handoffAgeHistogram(data: Pick<ReportData, 'generatedAt' | 'locales' | 'files'>): AgeHistogram {
  const locales = data.locales.map((figures) => figures.locale);
  for (const file of data.files) if (!locales.includes(file.locale)) locales.push(file.locale);
  const labels = [...AGE_BUCKETS.map((bucket) => bucket.label), FUTURE_BUCKET, NO_HANDOFF_BUCKET];
  const counts: Record<string, number[]> = Object.fromEntries(locales.map((locale) => [locale, labels.map(() => 0)]));
  for (const file of data.files) {
    let index: number;
    if (!file.handoff || Number.isNaN(Date.parse(`${file.handoff}T00:00:00Z`))) index = labels.length - 1;
    else {
      const age = handoffAgeDays(file.handoff, data.generatedAt);
      index = Number.isNaN(age) ? labels.length - 1 : age < 0 ? labels.length - 2 : AGE_BUCKETS.findIndex((bucket) => age >= bucket.min && (bucket.max === null || age < bucket.max));
    }
    counts[file.locale][index]++;
  }
  const keep = labels.map((_, index) => index < AGE_BUCKETS.length || locales.some((locale) => counts[locale][index] > 0));
  return {
    labels: labels.filter((_, index) => keep[index]),
    counts: Object.fromEntries(Object.entries(counts).map(([locale, row]) => [locale, row.filter((_, index) => keep[index])])),
  };
}

/** A file's link: its `/`-separated path with each segment percent-encoded, after `hrefBase`. */
export function fileHref(file: string, hrefBase = ''): string {
  let href = file.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  // An absolute path must not become a scheme-relative URL (`//host/…`).
  if (href.startsWith('//')) href = '/' + href.replace(/^\/+/, '');
  return hrefBase + href;
}

/**
 * The `hrefBase` for a report written to `reportFile` when loc-lint ran in `cwd`: the way from the report's
 * folder back to `cwd`, e.g. `../` for `reports/loc-lint.html`.
 */
export function hrefBaseFor(reportFile: string, cwd: string): string {
  const back = path.relative(path.dirname(path.resolve(cwd, reportFile)), path.resolve(cwd));
  if (back === '') return '';
  return fileHref(back.split(path.sep).join('/')) + '/';
}

/** JSON that can sit inside a `<script>` block: nothing in it can end the block or start markup. */
export function scriptSafeJson(value: unknown): string {
  return safeJson(JSON.stringify(value)).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Script text that can sit inside a `<script>` block: `</script` and `<!--` (which would end the block or switch
 * the HTML parser into its escaped state) are written with a JavaScript escape that means the same in strings,
 * regular expressions and comments.
 */
export function scriptSafeSource(source: string): string {
  const safe = source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\x21--').replace(/\/\/# sourceMappingURL=.*$/gm, '');
  if (/<\/script|<!--/i.test(safe)) throw new Error('script text cannot be inlined safely');
  return safe;
}

/** Text for HTML: control characters made visible as in the terminal (so the file is safe to `cat`), then markup escaped. */
export function escapeHtml(value: string): string {
  return escapeControl(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

let chartJsSource: string | undefined;

/** The Chart.js UMD build, read from the installed package (works from src/, dist/ and node_modules/). */
export function chartJs(): string {
  if (chartJsSource === undefined) {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('chart.js'));
    let text: string;
    try {
      text = readFileSync(path.join(dist, 'chart.umd.min.js'), 'utf8');
    } catch {
      text = readFileSync(path.join(dist, 'chart.umd.js'), 'utf8');
    }
    chartJsSource = scriptSafeSource(text);
  }
  return chartJsSource;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const number = (value: number) => value.toLocaleString('en-US');
const count = (value: number, one: string, many: string) => `${number(value)} ${value === 1 ? one : many}`;


function payloadOf(data: ReportData, title: string, hrefBase: string): HtmlReportPayload {
  const rules = Object.keys(data.totals.findings).sort((a, b) => data.totals.findings[b] - data.totals.findings[a] || (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...data,
    title,
    files: data.files.map((file) => ({ ...file, href: fileHref(file.file, hrefBase) })),
    rules,
    ages: handoffAgeHistogram(data),
  };
}

function headline(data: ReportData, hrefBase: string): string {
  const t = data.totals;
  const errors = data.files.reduce((sum, file) => sum + file.errors, 0);
  const warnings = data.files.reduce((sum, file) => sum + file.warnings, 0);
  const pages = t.files + t.missing;
  const card = (name: string, label: string, value: string, detail = '') =>
    `<div class="card ${name}" data-figure="${name}"><div class="label">${label}</div><div class="value">${value}</div>${detail ? `<div class="detail">${detail}</div>` : ''}</div>`;
  const oldest = t.oldestHandoff
    ? card(
        'oldest',
        'Oldest handoff',
        escapeHtml(t.oldestHandoff.date),
        `${number(t.oldestHandoff.ageDays)} days · <a href="${escapeHtml(fileHref(t.oldestHandoff.file, hrefBase))}">${escapeHtml(t.oldestHandoff.file).replace(/\//g, '/<wbr>')}</a>`,
      )
    : card('oldest', 'Oldest handoff', '—', 'no valid handoff dates');
  return [
    card('files', 'Translated files', number(t.files), count(t.locales, 'locale', 'locales')),
    card('missing', 'Missing', number(t.missing), 'English pages with no translation'),
    card('stale', 'Stale', number(t.stale), `and ${count(t.outdated, 'outdated handoff', 'outdated handoffs')}`),
    card('uptodate', 'Up to date', `${t.upToDatePercent}%`, `${number(t.upToDate)} of ${number(pages)} pages`),
    oldest,
    card('findings', 'Findings', number(errors + warnings), `${count(errors, 'error', 'errors')} · ${count(warnings, 'warning', 'warnings')}`),
  ].join('\n');
}

function localeTable(data: ReportData): string {
  const all = [...data.locales, { ...data.totals, locale: 'total' }];
  const rows = all.map((f, index) => {
    const cells = [
      f.locale,
      number(f.files),
      number(f.missing),
      number(f.stale),
      number(f.outdated),
      `${number(f.upToDate)} (${f.upToDatePercent}%)`,
      f.oldestHandoff ? `${f.oldestHandoff.date} (${number(f.oldestHandoff.ageDays)} d)` : '—',
      number(Object.values(f.findings).reduce((sum, n) => sum + n, 0)),
    ];
    return `<tr${index === all.length - 1 ? ' class="total"' : ''}>${cells.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`;
  });
  return `<table class="figures">
<thead><tr><th scope="col">Locale</th><th scope="col">Files</th><th scope="col">Missing</th><th scope="col">Stale</th><th scope="col">Outdated</th><th scope="col">Up to date</th><th scope="col">Oldest handoff</th><th scope="col">Findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0b5cad;
  --error: #b3261e; --warning: #8a5a00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 15px; line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #58a6ff; --error: #ff7b72; --warning: #e3b341; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 12px; }
a { color: var(--link); }
code, .mono { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.meta { color: var(--muted); margin: 0 0 20px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--panel); min-width: 0; }
.card .label { color: var(--muted); font-size: 0.85rem; }
.card .value { font-size: 1.7rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card.oldest .value { font-size: 1.3rem; padding: 0.2rem 0; white-space: nowrap; }
.card .detail { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; margin-top: 24px; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin: 0; min-width: 0; }
.chart figcaption { font-weight: 600; margin-bottom: 8px; }
.chart .note { color: var(--muted); font-size: 0.8rem; margin: 8px 0 0; }
.chart-box { position: relative; height: 260px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--line); white-space: nowrap; }
td.num, th.num, table.figures td, table.figures th[scope=col]:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
table.figures tr.total { font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 12px; }
.controls input[type=search] { flex: 1 1 260px; padding: 6px 8px; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.controls select { padding: 5px 6px; font: inherit; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.controls .count { color: var(--muted); margin-left: auto; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " ↕"; color: var(--muted); font-weight: 400; }
th[aria-sort=ascending] button::after { content: " ▲"; color: var(--fg); }
th[aria-sort=descending] button::after { content: " ▼"; color: var(--fg); }
#files td.file { overflow-wrap: anywhere; min-width: 15em; }
#files td.handoff { white-space: nowrap; }
#files th[data-key=findings] { width: 40%; }
#files ul { list-style: none; margin: 0; padding: 0; }
#files li { margin: 0 0 4px; overflow-wrap: anywhere; }
#files .pos { color: var(--muted); }
#files .sev { font-size: 0.8rem; font-weight: 600; text-transform: uppercase; }
#files .sev.error { color: var(--error); }
#files .sev.warning { color: var(--warning); }
#files .rule { color: var(--muted); }
#files .state-stale { color: var(--error); font-weight: 600; }
#files .state-outdated { color: var(--warning); font-weight: 600; }
#files details summary { cursor: pointer; color: var(--muted); }
.empty { color: var(--muted); padding: 16px 8px; }
footer { color: var(--muted); font-size: 0.8rem; margin-top: 32px; }
@media print {
  :root { color-scheme: light; --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --panel: #ffffff; --link: #000000; --error: #000000; --warning: #000000; font-size: 10pt; }
  .controls { display: none; }
  th button::after { content: none !important; }
  .chart, .card, tr { break-inside: avoid; }
}
`;

/** Render the report as one self-contained HTML document. */
export function renderHtmlReport(data: ReportData, options: HtmlReportOptions = {}): string {
  const hrefBase = options.hrefBase ?? '';
  if (/^\s*(javascript|vbscript|data):/i.test(hrefBase)) throw new Error(`hrefBase must be a path or an http(s)/file URL, not ${JSON.stringify(hrefBase)}`);
  const title = options.title ?? `Localization report: ${data.source}`;
  const payload = payloadOf(data, title, hrefBase);
  const library = chartJs();
  const app = scriptSafeSource(`(${clientMain.toString()})();\n`);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(library)} ${sha256(app)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  if (/["&<>]/.test(csp)) throw new Error('the Content-Security-Policy cannot go into the attribute as it is');
  const generated = data.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="loc-lint">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Generated ${escapeHtml(generated)} · English source <code>${escapeHtml(data.source)}</code> · ${count(data.totals.locales, 'locale', 'locales')}</p>
</header>
<noscript><p>The charts and the file table need JavaScript; the figures below do not.</p></noscript>
<section class="headline" aria-label="Headline figures">
${headline(data, hrefBase)}
</section>
<section class="charts">
<figure class="chart"><figcaption>English pages per locale</figcaption><div class="chart-box" id="box-locales"><canvas id="chart-locales" role="img" aria-label="Stacked bars per locale: up to date, stale or outdated, missing"></canvas></div>
<p class="note">Each bar is every English page: translated and up to date, translated but stale or with an outdated handoff, or missing.</p></figure>
<figure class="chart"><figcaption>Findings by rule</figcaption><div class="chart-box"><canvas id="chart-rules" role="img" aria-label="Findings per rule, stacked by locale"></canvas></div>
<p class="note">All findings, stacked by locale.</p></figure>
<figure class="chart"><figcaption>Age of handoffs</figcaption><div class="chart-box"><canvas id="chart-ages" role="img" aria-label="Histogram of handoff ages, stacked by locale"></canvas></div>
<p class="note">Translated files by days from <code>ms.lasthandoff</code> to the report date: &lt; 30, 30–89, 90–179, 180–364 days, 1–2 years (365–729 days), ≥ 2 years.</p></figure>
</section>
<h2>Locales</h2>
${localeTable(data)}
<h2>Files</h2>
<div class="controls">
<input type="search" id="filter" placeholder="Filter by path, rule or message" aria-label="Filter files by path, rule or message">
<select id="locale" aria-label="Locale"><option value="">All locales</option></select>
<label><input type="checkbox" id="with-findings"> only files with findings</label>
<span class="count" id="count" aria-live="polite"></span>
</div>
<table id="files">
<thead><tr>
<th scope="col" data-key="locale"><button type="button">Locale</button></th>
<th scope="col" data-key="file"><button type="button">File</button></th>
<th scope="col" data-key="handoff"><button type="button">Handoff</button></th>
<th scope="col" data-key="state"><button type="button">Stale</button></th>
<th scope="col" class="num" data-key="errors"><button type="button">Errors</button></th>
<th scope="col" class="num" data-key="warnings"><button type="button">Warnings</button></th>
<th scope="col" data-key="findings"><button type="button">Findings</button></th>
</tr></thead>
<tbody></tbody>
</table>
<p class="empty" id="empty" hidden>No files match.</p>
<footer>loc-lint report · links are relative to the folder loc-lint ran in · charts by Chart.js (MIT)</footer>
</main>
<script type="application/json" id="loc-lint-data">${scriptSafeJson(payload)}</script>
<script>${library}</script>
<script>${app}</script>
</body>
</html>
`;
}
