/* istanbul ignore file -- this function runs in the browser: renderHtmlReport inlines its source text. */
/**
 * The HTML report's page script. `renderHtmlReport` inlines `clientMain.toString()`, so this function must be
 * self-contained: no imports, no references to anything outside its body (types only).
 *
 * It reads the data block, draws the three charts with the inlined Chart.js, and builds the file table with
 * `textContent` only (text from linted files is untrusted). `window.locLintReport = {charts, data}` exposes the
 * chart instances and the data (tests, and anyone who wants to poke at the figures in the console).
 *
 * Sorting: a click on a column header sorts ascending, a second click descending; ties keep the report's order
 * (most findings first). Files without a handoff date sort last either way. Text is compared by code point.
 * Filtering: the text box matches (case-insensitively) the path, the locale, and the rule ids and messages of
 * the findings; the locale select and the "only files with findings" box narrow further.
 */
import type { HtmlReportPayload } from './types.js';

export function clientMain(): void {
  type Payload = HtmlReportPayload;
  type File = Payload['files'][number];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ChartJs = (window as any).Chart;
  const data: Payload = JSON.parse(document.getElementById('loc-lint-data')!.textContent!);

  // Okabe–Ito: distinguishable with colour-blindness, and in greyscale print by lightness.
  const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
  const STATUS = { upToDate: '#009E73', stale: '#E69F00', missing: '#D55E00' };
  const localeNames = data.locales.map((figures) => figures.locale);
  for (const file of data.files) if (!localeNames.includes(file.locale)) localeNames.push(file.locale);
  const colourOf = (index: number) => PALETTE[index % PALETTE.length];

  // Control characters are shown as escapes, as the terminal formats do.
  // eslint-disable-next-line no-control-regex
  const visible = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  function theme(): void {
    ChartJs.defaults.color = css('--muted') || '#59636e';
    ChartJs.defaults.borderColor = css('--line') || '#d1d9e0';
  }

  // The table does not depend on the charts: if the library did not load (say the file was edited and its
  // script no longer matches the CSP hash), say so where the charts would be and go on.
  function drawCharts(): Record<string, any> {
    if (typeof ChartJs !== 'function') {
      for (const canvas of document.querySelectorAll('.chart canvas')) canvas.replaceWith(el('p', 'note', 'The charting library did not load.'));
      return {};
    }
    ChartJs.defaults.font.family = getComputedStyle(document.body).fontFamily;
    theme();

    const integerAxis = { stacked: true, beginAtZero: true, ticks: { precision: 0 } };
    const base = {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    };

    const box = document.getElementById('box-locales')!;
    box.style.height = `${Math.max(260, 40 * data.locales.length + 90)}px`;
    const locales = new ChartJs(document.getElementById('chart-locales'), {
      type: 'bar',
      data: {
        labels: data.locales.map((f) => f.locale),
        datasets: [
          { label: 'Up to date', data: data.locales.map((f) => f.upToDate), backgroundColor: STATUS.upToDate },
          { label: 'Stale or outdated', data: data.locales.map((f) => f.files - f.upToDate), backgroundColor: STATUS.stale },
          { label: 'Missing', data: data.locales.map((f) => f.missing), backgroundColor: STATUS.missing },
        ],
      },
      options: {
        ...base,
        indexAxis: 'y',
        scales: { x: { ...integerAxis, title: { display: true, text: 'English pages' } }, y: { stacked: true } },
        plugins: {
          ...base.plugins,
          tooltip: {
            callbacks: {
              footer: (items: { dataIndex: number }[]) => {
                const f = data.locales[items[0].dataIndex];
                return `${f.upToDatePercent}% of ${f.files + f.missing} pages up to date`;
              },
            },
          },
        },
      },
    });

    const rules = new ChartJs(document.getElementById('chart-rules'), {
      type: 'bar',
      data: {
        labels: data.rules,
        datasets: data.locales.map((f, index) => ({
          label: f.locale,
          data: data.rules.map((rule) => f.findings[rule] ?? 0),
          backgroundColor: colourOf(index),
        })),
      },
      options: { ...base, scales: { x: { stacked: true }, y: { ...integerAxis, title: { display: true, text: 'findings' } } } },
    });

    const ages = new ChartJs(document.getElementById('chart-ages'), {
      type: 'bar',
      data: {
        labels: data.ages.labels,
        datasets: localeNames.map((locale, index) => ({
          label: locale,
          data: data.ages.counts[locale] ?? data.ages.labels.map(() => 0),
          backgroundColor: colourOf(index),
          categoryPercentage: 1,
          barPercentage: 0.95,
        })),
      },
      options: { ...base, scales: { x: { stacked: true }, y: { ...integerAxis, title: { display: true, text: 'files' } } } },
    });
    return { locales, rules, ages };
  }
  const charts = drawCharts();

  // Print in light colours even from a dark screen.
  const retheme = () => {
    if (typeof ChartJs !== 'function') return;
    theme();
    for (const chart of Object.values(charts)) chart.update('none');
  };
  window.addEventListener('beforeprint', retheme);
  window.addEventListener('afterprint', retheme);
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', retheme);

  // ---- the file table ----
  const stateRank = (f: File) => (f.stale ? 2 : 0) + (f.outdated ? 1 : 0);
  const STATE_TEXT = ['—', 'outdated', 'stale', 'stale, outdated'];
  const STATE_CLASS = ['', 'state-outdated', 'state-stale', 'state-stale'];

  function findingItem(finding: File['findings'][number]): HTMLLIElement {
    const li = el('li');
    li.append(
      el('span', 'pos mono', `${finding.line}:${finding.column}`),
      ' ',
      el('span', `sev ${finding.severity === 2 ? 'error' : 'warning'}`, finding.severity === 2 ? 'error' : 'warning'),
      ' ',
      el('span', 'msg', visible(finding.message)),
      ' ',
      el('span', 'rule mono', finding.ruleId),
    );
    return li;
  }

  interface Row {
    file: File;
    index: number;
    tr: HTMLTableRowElement;
    haystack: string;
  }
  const rows: Row[] = data.files.map((file, index) => {
    const tr = el('tr');
    tr.dataset.locale = file.locale;
    tr.append(el('td', 'locale', file.locale));
    const cell = el('td', 'file');
    // A line may break after each `/` (<wbr>), and anywhere in a long segment as a last resort.
    const link = el('a', 'mono');
    visible(file.file)
      .split('/')
      .forEach((segment, index) => {
        if (index > 0) link.append('/', el('wbr'));
        link.append(segment);
      });
    link.setAttribute('href', file.href);
    cell.append(link);
    tr.append(cell);
    tr.append(el('td', 'handoff mono', file.handoff ?? '—'));
    tr.append(el('td', STATE_CLASS[stateRank(file)], STATE_TEXT[stateRank(file)]));
    tr.append(el('td', 'num errors', String(file.errors)));
    tr.append(el('td', 'num warnings', String(file.warnings)));
    const findings = el('td', 'findings');
    const LIMIT = 8;
    const SHOWN = 5;
    if (file.findings.length > 0) {
      const list = el('ul');
      const head = file.findings.length > LIMIT ? file.findings.slice(0, SHOWN) : file.findings;
      for (const finding of head) list.append(findingItem(finding));
      findings.append(list);
      if (file.findings.length > LIMIT) {
        const more = el('details');
        more.append(el('summary', '', `${file.findings.length - SHOWN} more`));
        const rest = el('ul');
        for (const finding of file.findings.slice(SHOWN)) rest.append(findingItem(finding));
        more.append(rest);
        findings.append(more);
      }
    }
    tr.append(findings);
    const haystack = [file.file, file.locale, ...file.findings.flatMap((finding) => [finding.ruleId, finding.message])].join('\n').toLowerCase();
    return { file, index, tr, haystack };
  });

  const tbody = document.querySelector('#files tbody')!;
  const fragment = document.createDocumentFragment();
  for (const row of rows) fragment.append(row.tr);
  tbody.append(fragment);

  const filter = document.getElementById('filter') as HTMLInputElement;
  const select = document.getElementById('locale') as HTMLSelectElement;
  const withFindings = document.getElementById('with-findings') as HTMLInputElement;
  const count = document.getElementById('count')!;
  const empty = document.getElementById('empty')!;
  for (const locale of localeNames) {
    const option = el('option', '', locale);
    option.value = locale;
    select.append(option);
  }

  function applyFilter(): void {
    const query = filter.value.trim().toLowerCase();
    const locale = select.value;
    const only = withFindings.checked;
    let shown = 0;
    for (const row of rows) {
      const show = (!locale || row.file.locale === locale) && (!only || row.file.findings.length > 0) && (!query || row.haystack.includes(query));
      row.tr.hidden = !show;
      if (show) shown++;
    }
    count.textContent = `${shown.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} files`;
    empty.hidden = shown > 0;
  }
  filter.addEventListener('input', applyFilter);
  select.addEventListener('change', applyFilter);
  withFindings.addEventListener('change', applyFilter);

  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const COMPARE: Record<string, (a: File, b: File) => number> = {
    locale: (a, b) => text(a.locale, b.locale),
    file: (a, b) => text(a.file, b.file),
    handoff: (a, b) => text(a.handoff ?? '', b.handoff ?? ''),
    state: (a, b) => stateRank(a) - stateRank(b),
    errors: (a, b) => a.errors - b.errors,
    warnings: (a, b) => a.warnings - b.warnings,
    findings: (a, b) => a.findings.length - b.findings.length,
  };
  let sortKey = '';
  let direction = 1;
  function sortBy(key: string): void {
    direction = key === sortKey ? -direction : 1;
    sortKey = key;
    const compare = COMPARE[key];
    const sorted = [...rows].sort((a, b) => {
      if (key === 'handoff' && !a.file.handoff !== !b.file.handoff) return a.file.handoff ? -1 : 1;
      return direction * compare(a.file, b.file) || a.index - b.index;
    });
    for (const th of document.querySelectorAll<HTMLElement>('#files thead th')) {
      th.setAttribute('aria-sort', th.dataset.key === key ? (direction === 1 ? 'ascending' : 'descending') : 'none');
    }
    const ordered = document.createDocumentFragment();
    for (const row of sorted) ordered.append(row.tr);
    tbody.append(ordered);
  }
  for (const th of document.querySelectorAll<HTMLElement>('#files thead th')) {
    th.querySelector('button')!.addEventListener('click', () => sortBy(th.dataset.key!));
  }
  applyFilter();

  (window as unknown as { locLintReport: unknown }).locLintReport = { charts, data, sortBy, applyFilter };
}
