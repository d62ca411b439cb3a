/**
 * The HTML report (`renderHtmlReport`): one self-contained file.
 *
 * - Unit: nothing the browser would fetch from the network, a Content-Security-Policy that allows only the two
 *   inlined scripts (by hash), hostile file names and messages only ever escaped, histogram buckets, links.
 * - In headless Chromium (Debian's /usr/bin/chromium, or LOC_LINT_CHROMIUM, through playwright-core): a report from a real run on a copy of example/ and a synthetic one (3
 *   locales, 200 files, hostile names): no console or page errors, no request other than file:/data:, the
 *   charts hold the right figures, the table sorts and filters, hostile text stays text, no dialog opens, the
 *   CSP blocks injected scripts and external images.
 *   Without a Chromium these tests are skipped and say so, so that `npm test` works on a fresh machine; .ci/run
 *   installs Chromium and sets LOC_LINT_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
 * - Screenshots: the page and each chart canvas are not blank (decoded with pngjs); the page's PNG is kept in a
 *   temporary folder whose path is printed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { PNG } from 'pngjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../src/config/config.js';
import { discover } from '../src/discover/discover.js';
import { lintPairs } from '../src/engine/index.js';
import { computeReport, type FileFigures, type Figures, type ReportData } from '../src/report/figures.js';
import { fileHref, handoffAgeHistogram, hrefBaseFor, renderHtmlReport, scriptSafeJson, scriptSafeSource } from '../src/report/html.js';
import { rules } from '../rules/index.js';
import { exampleCopy, tempDir } from './helpers.js';

const CHROMIUM = process.env.LOC_LINT_CHROMIUM || '/usr/bin/chromium';
const browserPresent = existsSync(CHROMIUM);
const browserRequired = process.env.LOC_LINT_REQUIRE_BROWSER === '1';
if (!browserPresent && !browserRequired) {
  console.log(
    `browser suite SKIPPED: ${CHROMIUM} not found (install Debian's chromium, or set LOC_LINT_CHROMIUM to a Chromium binary)`,
  );
}
const browserSuite = browserPresent || browserRequired ? describe : describe.skip;
const TIMEOUT = 60_000;
const DAY = 24 * 60 * 60 * 1000;
const HOSTILE_SCRIPT = '</script><script>alert(1)</script>';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const RULE_IDS = ['stale-source-hash', 'outdated-handoff', 'link-mismatch', 'missing-span-id', 'untranslated-segment'];
const SEVERITY: Record<string, 1 | 2> = { 'stale-source-hash': 2, 'outdated-handoff': 1, 'link-mismatch': 2, 'missing-span-id': 2, 'untranslated-segment': 1 };

// ---------------------------------------------------------------------------------------------------------
// Report data: a real run on example/, and a synthetic one.

/** The example with one more page whose name needs URL encoding, linted as `loc-lint report` does. */
async function exampleReport(): Promise<{ dir: string; data: ReportData }> {
  const dir = exampleCopy();
  const odd = 'docs/Über 100% #1 & more.md';
  cpSync(path.join(dir, 'en-us/docs/install.md'), path.join(dir, 'en-us', odd));
  cpSync(path.join(dir, 'de-de/docs/install.md'), path.join(dir, 'de-de', odd));
  const config = loadConfig(path.join(dir, '.lintrc.json'), rules);
  const found = await discover(config);
  const now = new Date('2026-01-01');
  const results = await lintPairs(found.pairs, config, { cwd: dir, now });
  const enabled = rules.filter((rule) => (config.rules[rule.meta.id]?.severity ?? rule.meta.defaultSeverity) !== 'off').map((rule) => rule.meta.id);
  const data = computeReport(results, found, { locales: config.targets.map((target) => target.locale), ruleIds: enabled, sourceRoot: config.sourceRoot, now, cwd: dir });
  return { dir, data };
}

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function figuresOf(files: FileFigures[], missing: number, generatedAt: string): Figures {
  const findings: Record<string, number> = Object.fromEntries(RULE_IDS.map((id) => [id, 0]));
  for (const file of files) for (const finding of file.findings) findings[finding.ruleId]++;
  const upToDate = files.filter((file) => !file.stale && !file.outdated).length;
  const dated = files.filter((file) => file.handoff).sort((a, b) => (a.handoff! < b.handoff! ? -1 : 1));
  return {
    files: files.length,
    missing,
    orphaned: 0,
    stale: files.filter((file) => file.stale).length,
    outdated: files.filter((file) => file.outdated).length,
    upToDate,
    upToDatePercent: Math.round((upToDate / (files.length + missing)) * 1000) / 10,
    oldestHandoff: dated.length
      ? { date: dated[0].handoff!, ageDays: Math.floor((Date.parse(generatedAt) - Date.parse(`${dated[0].handoff}T00:00:00Z`)) / DAY), file: dated[0].file }
      : null,
    findings,
  };
}

/** 3 locales, 200 files, hostile names and messages, handoffs from today to four years back, some undated. */
function syntheticReport(): ReportData {
  const generatedAt = '2026-01-01T00:00:00.000Z';
  const random = mulberry32(20260101);
  const locales = ['de-de', 'ja-jp', 'pl-pl'];
  const missing: Record<string, number> = { 'de-de': 4, 'ja-jp': 0, 'pl-pl': 17 };
  const files: FileFigures[] = [];
  for (let i = 0; i < 200; i++) {
    const locale = locales[i % 3];
    let relPath = `docs/topic-${String(i).padStart(3, '0')}.md`;
    if (i === 10) relPath = `docs/${HOSTILE_SCRIPT}.md`;
    if (i === 11) relPath = `docs/${HOSTILE_IMG}.md`;
    if (i === 12) relPath = 'docs/a b#c?d%e&f "quoted" Über.md';
    if (i === 13) relPath = 'docs/javascript:alert(1).md';
    const handoff = i % 17 === 0 ? null : i === 5 ? '2026-02-01' : new Date(Date.parse(generatedAt) - Math.floor(random() * 1500) * DAY).toISOString().slice(0, 10);
    const findings: FileFigures['findings'] = [];
    const count = Math.max(Math.floor(random() ** 2 * 12), [20, 21, 22].includes(i) ? 1 : 0);
    for (let k = 0; k < count; k++) {
      const ruleId = RULE_IDS[Math.floor(random() * RULE_IDS.length)];
      let message = `Finding ${k} of ${ruleId} in topic ${i}`;
      if (i === 20 && k === 0) message = `Link target ${HOSTILE_SCRIPT} differs`;
      if (i === 21 && k === 0) message = `Paragraph ${HOSTILE_IMG} is not translated`;
      if (i === 22 && k === 0) message = 'escape \u001b[31m red\u2028next';
      findings.push({ ruleId, severity: SEVERITY[ruleId], line: 1 + Math.floor(random() * 400), column: 1 + Math.floor(random() * 80), message });
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    files.push({
      file: `${locale}/${relPath}`,
      locale,
      relPath,
      handoff,
      stale: findings.some((finding) => finding.ruleId === 'stale-source-hash'),
      outdated: findings.some((finding) => finding.ruleId === 'outdated-handoff'),
      errors: findings.filter((finding) => finding.severity === 2).length,
      warnings: findings.filter((finding) => finding.severity === 1).length,
      findings,
    });
  }
  files.sort((a, b) => b.findings.length - a.findings.length || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    generatedAt,
    source: 'en-us',
    locales: locales.map((locale) => ({ locale, ...figuresOf(files.filter((file) => file.locale === locale), missing[locale], generatedAt) })),
    totals: { locales: 3, ...figuresOf(files, 21, generatedAt) },
    files,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Expectations, computed here independently of src/report/html*.ts.

const LABELS = ['< 30 days', '30–89 days', '90–179 days', '180–364 days', '1–2 years', '≥ 2 years', 'in the future', 'no handoff date'];

function expectedAges(data: ReportData): { labels: string[]; counts: Record<string, number[]> } {
  const counts: Record<string, number[]> = Object.fromEntries(data.locales.map((f) => [f.locale, LABELS.map(() => 0)]));
  for (const file of data.files) {
    let index: number;
    if (file.handoff === null) index = 7;
    else {
      const age = Math.floor((Date.parse(data.generatedAt) - Date.parse(`${file.handoff}T00:00:00Z`)) / DAY);
      index = age < 0 ? 6 : age < 30 ? 0 : age < 90 ? 1 : age < 180 ? 2 : age < 365 ? 3 : age < 730 ? 4 : 5;
    }
    counts[file.locale][index]++;
  }
  const keep = LABELS.map((_, index) => index < 6 || Object.values(counts).some((row) => row[index] > 0));
  return {
    labels: LABELS.filter((_, index) => keep[index]),
    counts: Object.fromEntries(Object.entries(counts).map(([locale, row]) => [locale, row.filter((_, index) => keep[index])])),
  };
}

const codepoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (file: { locale: string; file: string }) => `${file.locale} ${file.file}`;

function expectedOrder(files: FileFigures[], compare: (a: FileFigures, b: FileFigures) => number, direction: 1 | -1, nullsLast = false): string[] {
  return files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => {
      if (nullsLast && !a.file.handoff !== !b.file.handoff) return a.file.handoff ? -1 : 1;
      return direction * compare(a.file, b.file) || a.index - b.index;
    })
    .map(({ file }) => key(file));
}

function matches(file: FileFigures, query: string, locale: string, withFindings: boolean): boolean {
  const q = query.toLowerCase();
  const text = [file.file, file.locale, ...file.findings.flatMap((finding) => [finding.ruleId, finding.message])].map((s) => s.toLowerCase());
  return (!locale || file.locale === locale) && (!withFindings || file.findings.length > 0) && (!q || text.some((s) => s.includes(q)));
}

// ---------------------------------------------------------------------------------------------------------
// Unit tests: the HTML text.

function scripts(html: string): { attributes: string; body: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)].map((match) => ({ attributes: match[1], body: match[2] }));
}

function cspOf(html: string): Record<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  expect(meta).not.toBeNull();
  return Object.fromEntries(meta![1].split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('renderHtmlReport: the HTML text', () => {
  const data = syntheticReport();
  const html = renderHtmlReport(data, { title: `Report ${HOSTILE_SCRIPT} ${HOSTILE_IMG}` });

  test('loads nothing from the network: no src/href/url()/@import to http(s) or //, no external elements', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|formaction|poster|srcset|data|background|ping|manifest|xlink:href)\s*=\s*(?:["']\s*)?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*(?:["']\s*)?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<(?:link|img|iframe|frame|object|embed|base|audio|video|source|track|portal)\b/i);
    expect(html).not.toMatch(/sourceMappingURL/);
    // Outside the inlined library (whose licence comment names its home page), no URL at all.
    const [json, library, app] = scripts(html);
    expect(json.attributes).toContain('application/json');
    expect(library.body).toContain('Chart.js v4');
    expect(html.replace(library.body, '')).not.toMatch(/https?:/i);
    expect(app.body).not.toMatch(/https?:/i);
  });

  test('a Content-Security-Policy meta, before any style or script, allows only the two inlined scripts by hash', () => {
    const csp = cspOf(html);
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.search(/<style|<script/));
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(['data:']);
    expect(csp['style-src']).toEqual(["'unsafe-inline'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    for (const fetching of ['connect-src', 'font-src', 'frame-src', 'media-src', 'object-src', 'worker-src', 'manifest-src']) expect(csp[fetching]).toBeUndefined();
    const executable = scripts(html).filter((script) => !script.attributes.includes('application/json'));
    expect(executable).toHaveLength(2);
    const hashes = executable.map((script) => `'sha256-${createHash('sha256').update(script.body).digest('base64')}'`);
    expect(csp['script-src']).toEqual(hashes);
  });

  test('hostile file names, messages and title appear only escaped; the data block gives them back exactly', () => {
    for (const hostile of [HOSTILE_SCRIPT, HOSTILE_IMG, 'alert(1)</', '<img', '\u2028']) expect(html).not.toContain(hostile);
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).toContain('<title>Report &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#60;img src=x onerror=alert(1)&#62;</title>');
    const json = scripts(html)[0].body;
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const payload = JSON.parse(json);
    expect(payload.files.map((file: FileFigures) => file.file)).toEqual(data.files.map((file) => file.file));
    expect(payload.files.flatMap((file: FileFigures) => file.findings.map((finding) => finding.message))).toEqual(data.files.flatMap((file) => file.findings.map((finding) => finding.message)));
    expect(payload.files.map((file: FileFigures) => file.file)).toContain(`ja-jp/docs/${HOSTILE_SCRIPT}.md`);
    expect(scriptSafeJson({ s: '</script>&\u2028\u2029' })).toBe('{"s":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}');
  });

  test('headline figures', () => {
    const text = (name: string) => new RegExp(`data-figure="${name}"><div class="label">[^<]*</div><div class="value">([^<]*)</div>`).exec(html)?.[1];
    expect(text('files')).toBe('200');
    expect(text('missing')).toBe('21');
    expect(text('stale')).toBe(String(data.totals.stale));
    expect(text('uptodate')).toBe(`${data.totals.upToDatePercent}%`);
    expect(text('oldest')).toBe(data.totals.oldestHandoff!.date);
  });

  test('inlined script text keeps its meaning', () => {
    const source = 'var a = "</script><!--", b = /<\\/script>/i.test("</SCRIPT>"); // </script> <!-- in a comment\nvar c = `</Script>`;';
    const safe = scriptSafeSource(source);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    const [before, after]: Record<string, unknown>[] = [{}, {}];
    vm.runInNewContext(source, before);
    vm.runInNewContext(safe, after);
    expect(after).toEqual(before);
    expect(after).toEqual({ a: '</script><!--', b: true, c: '</Script>' });
  });

  test('handoff-age buckets: < 30, 30–89, 90–179, 180–364 days, 1–2 years, ≥ 2 years; future and undated only when present', () => {
    const at = (ageDays: number) => new Date(Date.parse('2026-01-01') - ageDays * DAY).toISOString().slice(0, 10);
    const file = (handoff: string | null): FileFigures => ({ file: 'x', locale: 'de-de', relPath: 'x', handoff, stale: false, outdated: false, errors: 0, warnings: 0, findings: [] });
    const figures = { locale: 'de-de', ...figuresOf([], 0, '2026-01-01T00:00:00.000Z') };
    const ages = [0, 29, 30, 89, 90, 179, 180, 364, 365, 729, 730, 5000];
    const histogram = handoffAgeHistogram({ generatedAt: '2026-01-01T00:00:00.000Z', locales: [figures], files: ages.map((age) => file(at(age))) });
    expect(histogram).toEqual({ labels: LABELS.slice(0, 6), counts: { 'de-de': [2, 2, 2, 2, 2, 2] } });
    const withExtras = handoffAgeHistogram({ generatedAt: '2026-01-01T00:00:00.000Z', locales: [figures], files: [file(at(-3)), file(null), file(null)] });
    expect(withExtras).toEqual({ labels: LABELS, counts: { 'de-de': [0, 0, 0, 0, 0, 0, 1, 2] } });
  });

  test('links: percent-encoded path segments, never a scheme or a scheme-relative URL', () => {
    expect(fileHref('de-de/docs/a b#c?d%e&f.md')).toBe('de-de/docs/a%20b%23c%3Fd%25e%26f.md');
    expect(fileHref('de-de/javascript:alert(1).md')).toBe('de-de/javascript%3Aalert(1).md');
    expect(fileHref('javascript:alert(1)')).toBe('javascript%3Aalert(1)');
    expect(fileHref('//evil.example/x.md')).toBe('/evil.example/x.md');
    expect(fileHref('de-de/Über.md', '../')).toBe('../de-de/%C3%9Cber.md');
    expect(hrefBaseFor('report.html', '/repo')).toBe('');
    expect(hrefBaseFor('out/reports/loc lint.html', '/repo')).toBe('../../');
    expect(hrefBaseFor('/repo/site/x.html', '/repo/docs')).toBe('../docs/');
    expect(() => renderHtmlReport(data, { hrefBase: 'javascript:alert(1)//' })).toThrow(/hrefBase/);
    const payload = JSON.parse(scripts(renderHtmlReport(data, { hrefBase: '../' }))[0].body);
    expect(payload.files.find((f: { file: string }) => f.file === 'de-de/docs/a b#c?d%e&f "quoted" Über.md').href).toBe(
      '../de-de/docs/a%20b%23c%3Fd%25e%26f%20%22quoted%22%20%C3%9Cber.md',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// In headless Chromium.

interface Problems {
  console: string[];
  pageErrors: string[];
  requests: string[];
  /** url → failure (a request that CSP blocks is still announced, then fails with net::ERR_BLOCKED_BY_CSP). */
  failed: Record<string, string>;
  dialogs: string[];
}

interface ChartView {
  type: string;
  canvas: string;
  labels: string[];
  datasets: { label: string; data: number[] }[];
}

interface RowView {
  locale: string;
  file: string;
  href: string;
  handoff: string;
  state: string;
  errors: number;
  warnings: number;
  findings: string[];
}

let browser: Browser | undefined;
let context: BrowserContext | undefined;

async function open(html: string, dir = tempDir('loc-lint-html-')): Promise<{ page: Page; problems: Problems; file: string }> {
  const file = path.join(dir, 'loc-lint-report.html');
  writeFileSync(file, html);
  const page = await context!.newPage();
  const problems: Problems = { console: [], pageErrors: [], requests: [], failed: {}, dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => problems.requests.push(request.url()));
  page.on('requestfailed', (request) => (problems.failed[request.url()] = request.failure()?.errorText ?? 'failed'));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as any).locLintReport !== undefined, undefined, { timeout: 10_000 });
  return { page, problems, file };
}

function expectClean(problems: Problems): void {
  expect(problems.console).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
  expect(problems.dialogs).toEqual([]);
  expect(problems.requests.length).toBeGreaterThan(0);
  expect(problems.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
  expect(problems.failed).toEqual({});
}

async function chartsOf(page: Page): Promise<Record<string, ChartView>> {
  return page.evaluate(() => {
    const report = (window as any).locLintReport;
    return Object.fromEntries(
      Object.entries(report.charts).map(([name, chart]: [string, any]) => [
        name,
        {
          type: chart.config.type,
          canvas: chart.canvas.id,
          labels: [...chart.data.labels],
          datasets: chart.data.datasets.map((dataset: any) => ({ label: dataset.label, data: [...dataset.data] })),
        },
      ]),
    );
  });
}

async function rowsOf(page: Page, all = false): Promise<RowView[]> {
  return page.$$eval(
    all ? '#files tbody tr' : '#files tbody tr:not([hidden])',
    (trs) =>
      trs.map((tr) => {
        const cells = (tr as HTMLTableRowElement).cells;
        return {
          locale: cells[0].textContent!,
          file: cells[1].textContent!,
          href: cells[1].querySelector('a')!.getAttribute('href')!,
          handoff: cells[2].textContent!,
          state: cells[3].textContent!,
          errors: Number(cells[4].textContent),
          warnings: Number(cells[5].textContent),
          findings: [...cells[6].querySelectorAll('li')].map((li) => li.textContent!),
        };
      }),
  );
}

function expectCharts(charts: Record<string, ChartView>, data: ReportData): void {
  const locales = data.locales.map((f) => f.locale);
  expect(charts.locales).toEqual({
    type: 'bar',
    canvas: 'chart-locales',
    labels: locales,
    datasets: [
      { label: 'Up to date', data: data.locales.map((f) => f.upToDate) },
      { label: 'Stale or outdated', data: data.locales.map((f) => f.files - f.upToDate) },
      { label: 'Missing', data: data.locales.map((f) => f.missing) },
    ],
  });
  // Each stacked bar is every English page of its locale.
  data.locales.forEach((f, i) => expect(charts.locales.datasets.reduce((sum, dataset) => sum + dataset.data[i], 0)).toBe(f.files + f.missing));

  // Findings by rule: every rule, most findings first, one dataset per locale; totals agree with the files.
  const byRule: Record<string, number> = {};
  for (const file of data.files) for (const finding of file.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  expect(charts.rules.type).toBe('bar');
  expect([...charts.rules.labels].sort()).toEqual(Object.keys(data.totals.findings).sort());
  expect(charts.rules.datasets.map((dataset) => dataset.label)).toEqual(locales);
  const totals = charts.rules.labels.map((_, i) => charts.rules.datasets.reduce((sum, dataset) => sum + dataset.data[i], 0));
  expect(totals).toEqual(charts.rules.labels.map((rule) => byRule[rule] ?? 0));
  expect(totals).toEqual([...totals].sort((a, b) => b - a));
  charts.rules.datasets.forEach((dataset, l) =>
    expect(dataset.data).toEqual(charts.rules.labels.map((rule) => data.files.filter((f) => f.locale === locales[l]).flatMap((f) => f.findings).filter((x) => x.ruleId === rule).length)),
  );

  const ages = expectedAges(data);
  expect(charts.ages.labels).toEqual(ages.labels);
  expect(charts.ages.datasets).toEqual(locales.map((locale) => ({ label: locale, data: ages.counts[locale] })));
  expect(charts.ages.datasets.flatMap((dataset) => dataset.data).reduce((a, b) => a + b, 0)).toBe(data.files.length);
}

/** Pixels of a PNG, with the most common colour taken as the background. */
function pixelStats(png: Buffer): { width: number; height: number; background: number; differing: number; colours: Set<number>; has: (hex: string) => boolean } {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  const { data, width, height } = image;
  for (let i = 0; i < data.length; i += 4) {
    const colour = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const background = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const far = (colour: number, other: number, tolerance: number) =>
    Math.abs(((colour >> 16) & 255) - ((other >> 16) & 255)) > tolerance ||
    Math.abs(((colour >> 8) & 255) - ((other >> 8) & 255)) > tolerance ||
    Math.abs((colour & 255) - (other & 255)) > tolerance;
  let differing = 0;
  for (const [colour, n] of counts) if (far(colour, background, 16)) differing += n;
  const colours = new Set(counts.keys());
  const has = (hex: string) => {
    const wanted = parseInt(hex.slice(1), 16);
    return [...counts.entries()].some(([colour, n]) => n >= 50 && !far(colour, wanted, 12));
  };
  return { width, height, background, differing, colours, has };
}

browserSuite('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    if (!browserPresent) {
      throw new Error(
        `${CHROMIUM} is missing: the HTML report's browser tests need Debian's Chromium. Install it with ` +
          '`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does this when it runs as root).',
      );
    }
    // playwright-core never downloads a browser; it starts Debian's, in a fresh temporary profile of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
  }, TIMEOUT);

  test(
    'a report of a real run on example/: clean load, right charts, rows and working links',
    async () => {
      const { dir, data } = await exampleReport();
      expect(data.files.length).toBe(5);
      // Written where loc-lint ran, so the files' relative paths are the links.
      const { page, problems } = await open(renderHtmlReport(data), dir);
      expectClean(problems);
      expectCharts(await chartsOf(page), data);
      const rows = await rowsOf(page);
      expect(rows.map(key)).toEqual(data.files.map(key));
      expect(rows.map((row) => row.findings.length)).toEqual(data.files.map((file) => file.findings.length));
      expect(rows[0].findings[0]).toMatch(/^\d+:\d+ (error|warning) .+ [a-z-]+$/);
      const targets = await page.$$eval('#files tbody a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
      expect(targets).toHaveLength(5);
      for (const target of targets) {
        expect(target.startsWith('file://')).toBe(true);
        expect(existsSync(fileURLToPath(target))).toBe(true);
      }
      expect(targets.map((target) => path.relative(dir, fileURLToPath(target)).split(path.sep).join('/')).sort()).toEqual(data.files.map((f) => f.file).sort());
      expect(rows.find((row) => row.file.includes('Über'))?.href).toBe('de-de/docs/%C3%9Cber%20100%25%20%231%20%26%20more.md');
      expect(await page.textContent('[data-figure="files"] .value')).toBe('5');
      expect(await page.textContent('#count')).toBe('5 of 5 files');
      await page.close();
    },
    TIMEOUT,
  );

  test(
    'a synthetic report (3 locales, 200 files): charts, sorting, filtering, hostile text stays text',
    async () => {
      const data = syntheticReport();
      const { page, problems } = await open(renderHtmlReport(data, { title: `Synthetic ${HOSTILE_SCRIPT}` }));
      expectCharts(await chartsOf(page), data);
      expect(await page.title()).toBe(`Synthetic ${HOSTILE_SCRIPT}`);

      // Rows: all 200, in the report's order.
      expect((await rowsOf(page, true)).length).toBe(200);
      let rows = await rowsOf(page);
      expect(rows.map(key)).toEqual(data.files.map(key));
      expect(await page.textContent('#count')).toBe('200 of 200 files');

      // Hostile names and messages: text, not markup; nothing executed.
      const files = rows.map((row) => row.file);
      const hostileFiles = [`ja-jp/docs/${HOSTILE_SCRIPT}.md`, `pl-pl/docs/${HOSTILE_IMG}.md`, 'ja-jp/docs/javascript:alert(1).md'];
      expect(data.files.map((file) => file.file)).toEqual(expect.arrayContaining(hostileFiles));
      expect(files).toEqual(expect.arrayContaining(hostileFiles));
      const messages = rows.flatMap((row) => row.findings);
      expect(messages.some((text) => text.includes(`Link target ${HOSTILE_SCRIPT} differs`))).toBe(true);
      expect(messages.some((text) => text.includes(`Paragraph ${HOSTILE_IMG} is not translated`))).toBe(true);
      expect(messages.some((text) => text.includes('escape \\u001b[31m red\\u2028next'))).toBe(true);
      const dom = await page.evaluate(() => ({
        images: document.querySelectorAll('img').length,
        scripts: document.scripts.length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        schemes: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).protocol).filter((p) => p !== 'file:'),
      }));
      expect(dom).toEqual({ images: 0, scripts: 3, handlers: 0, schemes: [] });
      expect(rows.find((row) => row.file === 'ja-jp/docs/javascript:alert(1).md')!.href).toBe('ja-jp/docs/javascript%3Aalert(1).md');
      // The `/` in `</script>` separates path segments, as it would on disk.
      expect(rows.find((row) => row.file === `ja-jp/docs/${HOSTILE_SCRIPT}.md`)!.href).toBe('ja-jp/docs/%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E.md');
      const markup = await page.$$eval('#files tbody a', (links) => links.filter((link) => link.textContent!.includes('<')).map((link) => link.innerHTML.replace(/<wbr>/g, '')));
      expect(markup.sort()).toEqual(['ja-jp/docs/&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;.md', 'pl-pl/docs/&lt;img src=x onerror=alert(1)&gt;.md']);

      // A file with more than 8 findings lists 5 and folds the rest into a <details>.
      const big = data.files.find((file) => file.findings.length > 8)!;
      const bigRow = rows.find((row) => key(row) === key(big))!;
      expect(bigRow.findings).toHaveLength(big.findings.length);

      // Sorting: first click ascending, second descending; ties keep the report's order.
      const sorts: [string, (a: FileFigures, b: FileFigures) => number, boolean?][] = [
        ['errors', (a, b) => a.errors - b.errors],
        ['file', (a, b) => codepoints(a.file, b.file)],
        ['handoff', (a, b) => codepoints(a.handoff ?? '', b.handoff ?? ''), true],
        ['warnings', (a, b) => a.warnings - b.warnings],
        ['findings', (a, b) => a.findings.length - b.findings.length],
        ['locale', (a, b) => codepoints(a.locale, b.locale)],
      ];
      for (const [column, compare, nullsLast] of sorts) {
        await page.click(`#files th[data-key="${column}"] button`);
        rows = await rowsOf(page);
        expect({ column, order: rows.map(key) }).toEqual({ column, order: expectedOrder(data.files, compare, 1, nullsLast) });
        expect(await page.getAttribute(`#files th[data-key="${column}"]`, 'aria-sort')).toBe('ascending');
        await page.click(`#files th[data-key="${column}"] button`);
        rows = await rowsOf(page);
        expect({ column, order: rows.map(key) }).toEqual({ column, order: expectedOrder(data.files, compare, -1, nullsLast) });
        expect(await page.getAttribute(`#files th[data-key="${column}"]`, 'aria-sort')).toBe('descending');
      }
      // The same, read off the cells: errors ascending; handoffs ascending with the undated ones last.
      await page.click('#files th[data-key="errors"] button');
      const errors = (await rowsOf(page)).map((row) => row.errors);
      expect(errors).toEqual([...errors].sort((a, b) => a - b));
      expect(errors[0]).toBeLessThan(errors[errors.length - 1]);
      await page.click('#files th[data-key="handoff"] button');
      const handoffs = (await rowsOf(page)).map((row) => row.handoff);
      const undated = handoffs.indexOf('—');
      expect(undated).toBe(200 - data.files.filter((file) => file.handoff === null).length);
      expect(handoffs.slice(0, undated)).toEqual([...handoffs.slice(0, undated)].sort());
      expect(new Set(handoffs.slice(undated))).toEqual(new Set(['—']));

      // Filtering: the text box, the locale select, "only files with findings", and all three together.
      const shown = async () => new Set((await rowsOf(page)).map(key));
      const expectShown = async (query: string, locale: string, withFindings: boolean) => {
        const expected = data.files.filter((file) => matches(file, query, locale, withFindings));
        expect({ query, locale, withFindings, shown: await shown() }).toEqual({ query, locale, withFindings, shown: new Set(expected.map(key)) });
        expect(await page.textContent('#count')).toBe(`${expected.length} of 200 files`);
        return expected.length;
      };
      await page.fill('#filter', 'topic-1');
      const topic1 = await expectShown('topic-1', '', false);
      expect(topic1).toBeGreaterThan(0);
      expect(topic1).toBeLessThan(200);
      await page.fill('#filter', 'LINK-MISMATCH');
      expect(await expectShown('LINK-MISMATCH', '', false)).toBeGreaterThan(0);
      await page.fill('#filter', '<img src=x');
      expect(await expectShown('<img src=x', '', false)).toBe(2); // the file so named, and the one with that message
      await page.fill('#filter', '');
      await page.selectOption('#locale', 'ja-jp');
      expect(await expectShown('', 'ja-jp', false)).toBe(data.locales.find((f) => f.locale === 'ja-jp')!.files);
      await page.check('#with-findings');
      const jaWithFindings = await expectShown('', 'ja-jp', true);
      expect(jaWithFindings).toBe(data.files.filter((file) => file.locale === 'ja-jp' && file.findings.length > 0).length);
      await page.fill('#filter', 'untranslated');
      expect(await expectShown('untranslated', 'ja-jp', true)).toBeLessThanOrEqual(jaWithFindings);
      await page.fill('#filter', 'no such text anywhere');
      expect(await expectShown('no such text anywhere', 'ja-jp', true)).toBe(0);
      expect(await page.isVisible('#empty')).toBe(true);
      await page.fill('#filter', '');
      await page.selectOption('#locale', '');
      await page.uncheck('#with-findings');
      expect(await expectShown('', '', false)).toBe(200);
      // Sorting keeps the filter, and the filter keeps the order.
      await page.selectOption('#locale', 'pl-pl');
      await page.click('#files th[data-key="warnings"] button');
      const order = expectedOrder(data.files, (a, b) => a.warnings - b.warnings, 1).filter((k) => k.startsWith('pl-pl '));
      expect((await rowsOf(page)).map(key)).toEqual(order);

      expectClean(problems);
      await page.close();
    },
    TIMEOUT,
  );

  test(
    'the Content-Security-Policy blocks injected scripts and external images',
    async () => {
      const { page, problems } = await open(renderHtmlReport(syntheticReport()));
      const outcome = await page.evaluate(async () => {
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
        const image = new Image();
        const loaded = new Promise<string>((resolve) => {
          image.onload = () => resolve('loaded');
          image.onerror = () => resolve('blocked');
        });
        image.src = 'http://127.0.0.1:9/pixel.png';
        const result = await loaded;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { injected: (window as any).injected === true, image: result, violations };
      });
      expect(outcome.injected).toBe(false);
      expect(outcome.image).toBe('blocked');
      expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src']));
      // Chromium announces the image request, then CSP stops it before it reaches the network.
      expect(problems.requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual(['http://127.0.0.1:9/pixel.png']);
      expect(problems.failed).toEqual({ 'http://127.0.0.1:9/pixel.png': expect.stringMatching(/csp/i) });
      expect(problems.pageErrors).toEqual([]);
      await page.close();
    },
    TIMEOUT,
  );

  test(
    'an edited library script no longer matches its CSP hash and is refused; the table still works',
    async () => {
      const data = syntheticReport();
      const html = renderHtmlReport(data);
      const library = scripts(html)[1].body;
      const { page, problems } = await open(html.replace(library, 'window.Chart = function () {};'));
      expect(problems.console).toEqual([expect.stringMatching(/inline script violates the following Content Security Policy directive .script-src/)]);
      expect(problems.pageErrors).toEqual([]);
      expect(await page.$$eval('.chart canvas', (canvases) => canvases.length)).toBe(0);
      expect(await page.$$eval('.chart .note', (notes) => notes.filter((note) => note.textContent === 'The charting library did not load.').length)).toBe(3);
      expect((await rowsOf(page)).length).toBe(200);
      await page.selectOption('#locale', 'de-de');
      expect((await rowsOf(page)).length).toBe(data.locales[0].files);
      await page.close();
    },
    TIMEOUT,
  );

  test(
    'screenshots: the page and every chart are drawn (not blank)',
    async () => {
      const shots = tempDir('loc-lint-html-screenshot-');
      // The whole page of the example report; the first screen of the synthetic one (its 200 rows make a
      // page some 35,000 pixels high, slow to decode and no more telling).
      for (const [name, data, fullPage] of [
        ['example', (await exampleReport()).data, true],
        ['synthetic', syntheticReport(), false],
      ] as const) {
        const { page, problems } = await open(renderHtmlReport(data));
        const file = path.join(shots, `${name}.png`);
        const png = await page.screenshot({ path: file, fullPage });
        const page_ = pixelStats(png);
        expect(page_.width).toBe(1280);
        expect(page_.height).toBeGreaterThanOrEqual(900);
        expect(page_.background).toBe(0xffffff);
        expect(page_.differing / (page_.width * page_.height)).toBeGreaterThan(0.04);
        expect(page_.colours.size).toBeGreaterThan(50);
        const expectedColours: Record<string, string[]> = {
          'chart-locales': ['#009E73', '#E69F00', '#D55E00'],
          'chart-rules': ['#0072B2', '#E69F00'],
          'chart-ages': ['#0072B2', '#E69F00'],
        };
        for (const [canvas, colours] of Object.entries(expectedColours)) {
          const shot = await page.locator(`#${canvas}`).screenshot({ path: path.join(shots, `${name}-${canvas}.png`) });
          const stats = pixelStats(shot);
          expect(stats.width).toBeGreaterThan(250);
          expect(stats.height).toBeGreaterThan(150);
          expect({ canvas, uniform: stats.colours.size <= 2 }).toEqual({ canvas, uniform: false });
          expect(stats.differing / (stats.width * stats.height)).toBeGreaterThan(0.03);
          for (const colour of colours) expect({ canvas, colour, drawn: stats.has(colour) }).toEqual({ canvas, colour, drawn: true });
        }
        expectClean(problems);
        await page.close();
      }
      // eslint-disable-next-line no-console
      console.log(`HTML report screenshots: ${shots}`);
      expect(readFileSync(path.join(shots, 'synthetic.png')).subarray(1, 4).toString()).toBe('PNG');
    },
    TIMEOUT,
  );
});
