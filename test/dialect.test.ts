/**
 * Site dialects (src/document/dialect.ts, src/discover/dialect.ts): heading ids as each site builds them, template
 * calls read as links, the dialect detected from the repository, and what that changes in link-mismatch and
 * anchor-mismatch on MDN-shaped pages (the cases are taken from mdn/handoff, trimmed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DIALECTS, mdnAnchor, templateCalls } from '../src/document/dialect.js';
import { detectDialect } from '../src/discover/dialect.js';
import { parseDocument } from '../src/document/document.js';
import { collectAnchors } from '../src/rule-kit/index.js';
import { cli, tempDir } from './helpers.js';

describe('heading ids', () => {
  test("MDN's: lower case, spaces to _, URL-reserved characters dropped, repeats numbered _2 (rari's anchorize)", () => {
    expect(mdnAnchor('Beispiel für mehrere Fallbacks')).toBe('beispiel_für_mehrere_fallbacks');
    expect(mdnAnchor('Eigenschaften, die Farbe haben können')).toBe('eigenschaften_die_farbe_haben_können');
    expect(mdnAnchor('The fr unit (flex)')).toBe('the_fr_unit_flex');
    expect(mdnAnchor('???')).toBe('sect1');
    const next = DIALECTS.mdn.headingIds();
    expect(['Beispiele', 'Beispiele', 'Beispiele'].map(next)).toEqual(['beispiele', 'beispiele_2', 'beispiele_3']);
  });

  test('each document gets the ids of its dialect', () => {
    const raw = Buffer.from('# Title\n\n## Die fr-Einheit\n\n## Die fr-Einheit\n');
    const ids = (dialect: 'mdn' | 'hugo') => collectAnchors(parseDocument({ path: 'x.md', relPath: 'x.md', locale: 'de', raw, dialect })).all.map((anchor) => anchor.id);
    expect(ids('mdn')).toEqual(['title', 'die_fr-einheit', 'die_fr-einheit_2']);
    expect(ids('hugo')).toEqual(['title', 'die-fr-einheit', 'die-fr-einheit-1']);
  });
});

describe('template calls', () => {
  test('KumaScript and Hugo calls, with quoted, bare and named arguments', () => {
    const calls = templateCalls('a {{cssxref("color")}} b {{Glossary("CSS", \'CSS-Regeln\')}} {{< relref "x.md#y" >}} {{% alert title="Hinweis" %}} {{< /alert >}} {{Compat}}');
    expect(calls.map(({ call }) => call)).toEqual([
      { name: 'cssxref', args: ['color'] },
      { name: 'Glossary', args: ['CSS', 'CSS-Regeln'] },
      { name: 'relref', args: ['x.md#y'] },
      { name: 'alert', args: ['Hinweis'] },
      { name: 'Compat', args: [] },
    ]);
    expect(calls[0]).toMatchObject({ start: 2, end: 22 });
  });

  test('MDN macros that link name the page they link to; others are no links', () => {
    const links = (name: string, ...args: string[]) => DIALECTS.mdn.templateLinks({ name, args }, 'de');
    expect(links('CSSxRef', 'color')).toEqual(['/de/docs/Web/CSS/color']);
    expect(links('cssxref', '<color>')).toEqual(['/de/docs/Web/CSS/color_value']);
    expect(links('domxref', 'Element.scrollHeight', 'scrollHeight')).toEqual(['/de/docs/Web/API/Element/scrollHeight']);
    expect(links('Glossary', 'Color space#srgb', '`srgb`')).toEqual(['/de/docs/Glossary/Color_space#srgb']);
    expect(links('HTMLElement', 'DIV')).toEqual(['/de/docs/Web/HTML/Element/div']);
    expect(links('EmbedLiveSample', 'x', '100%')).toEqual([]);
    expect(DIALECTS.docfx.templateLinks({ name: 'cssxref', args: ['color'] }, 'de')).toEqual([]);
    expect(DIALECTS.hugo.templateLinks({ name: 'relref', args: ['/docs/x.md'] }, 'de')).toEqual(['/docs/x.md']);
  });

  test('a call is a link where the document model keeps links, also when its arguments hold inline code, not inside inline code', () => {
    const raw = Buffer.from('Umfasst {{Glossary("Color_space#srgb", "`srgb`")}} und `{{cssxref("color")}}`.\n');
    const document = parseDocument({ path: 'x.md', relPath: 'x.md', locale: 'de', raw, dialect: 'mdn' });
    expect(document.blocks[0].content.links.map((link) => [link.url, link.kind, link.position.start.column])).toEqual([['/de/docs/Glossary/Color_space#srgb', 'template', 9]]);
    const docfx = parseDocument({ path: 'x.md', relPath: 'x.md', locale: 'de', raw });
    expect(docfx.blocks[0].content.links).toEqual([]);
  });
});

describe('Hugo links', () => {
  test('a relative link is the URL it resolves to from the page (pretty URLs); files, anchors and absolute links stay', () => {
    const resolve = DIALECTS.hugo.resolveLink!;
    expect(resolve('../container/', 'kubernetes.md')).toBe('/container/');
    expect(resolve('../container/#uses', 'ops/kubernetes.md')).toBe('/ops/container/#uses');
    expect(resolve('../glossary/', 'contribute/_index.md')).toBe('/glossary/');
    expect(resolve('nodes/', 'cluster/index.md')).toBe('/cluster/nodes/');
    for (const url of ['/container/', '#uses', 'https://example.com/x', 'mailto:a@b.c', '../x.md', '?q=1']) expect(resolve(url, 'kubernetes.md')).toBe(url);
    expect(DIALECTS.docfx.resolveLink).toBeUndefined();
  });

  test('relative and root-absolute links to the same page are the same link on a Hugo site', async () => {
    const dir = tempDir('loc-lint-hugo-');
    try {
      mkdirSync(path.join(dir, 'en'));
      mkdirSync(path.join(dir, 'tr'));
      writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "/"\n');
      writeFileSync(path.join(dir, 'en/kubernetes.md'), 'A [container](/container/) in a [cluster](/cluster/).\n');
      writeFileSync(path.join(dir, 'tr/kubernetes.md'), 'Bir [konteyner](../container/) ve [küme](../nodes/).\n');
      writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en', targets: '{locale}', git: false }));
      const [result] = JSON.parse((await cli(['check', '--format', 'json'], { cwd: dir })).stdout) as { messages: { ruleId: string; message: string }[] }[];
      expect(result.messages.map((m) => `${m.ruleId} ${m.message.replace(/ \(.*\)$/, '')}`)).toEqual(['link-mismatch Link target `../nodes/` differs from the English `/cluster/`']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('detection', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('loc-lint-dialect-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const detect = (metadata: 'auto' | 'mdn' = 'auto') => detectDialect({ baseDir: dir, sourceRoot: path.join(dir, 'en'), metadata, include: ['**/*.md'], exclude: [] });

  test('from the English files: most files with marks of one site decide; none is docfx', async () => {
    write('en/a.md', '---\ntitle: A\npage-type: css-property\n---\n{{CSSRef}}\n');
    write('en/b.md', '---\ntitle: B\n---\nSee {{cssxref("color")}}.\n');
    write('en/c.md', '# C\n\n{{< note >}}x{{< /note >}}\n');
    expect(await detect()).toEqual({ dialect: 'mdn', reason: '2 of 3 English files' });
    rmSync(path.join(dir, 'en'), { recursive: true });
    write('en/a.md', '# A\n');
    expect((await detect()).dialect).toBe('docfx');
  });

  test('a build file in the English root or above it, up to the configuration folder, wins; so does the metadata profile', async () => {
    write('en/a.md', '---\npage-type: guide\n---\n# A\n');
    expect((await detect()).dialect).toBe('mdn');
    write('hugo.toml', 'baseURL = "/"\n');
    expect(await detect()).toEqual({ dialect: 'hugo', reason: 'hugo.toml' });
    rmSync(path.join(dir, 'hugo.toml'));
    write('en/docusaurus.config.ts', 'export default {}\n');
    expect((await detect()).dialect).toBe('docusaurus');
    rmSync(path.join(dir, 'en/docusaurus.config.ts'));
    write('en/a.md', '# A\n');
    expect(await detect('mdn')).toEqual({ dialect: 'mdn', reason: 'metadata profile mdn' });
  });
});

describe('an MDN-shaped site, end to end', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('loc-lint-mdn-');
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write(
      'en-us/web/css/guide/index.md',
      [
        '---\ntitle: Guide\nslug: Web/CSS/Guide\npage-type: guide\n---',
        'See the [multiple fallbacks example](#multiple_fallbacks_example) and {{cssxref("border-width")}}.',
        'The {{domxref("Element.scrollHeight", "scrollHeight")}} property; [stacking](/en-US/docs/Web/CSS/Guides/Positioned_layout/Stacking_context).',
        '## Multiple fallbacks example\n\nText.\n',
      ].join('\n\n'),
    );
    write(
      'de/web/css/guide/index.md',
      [
        '---\ntitle: Leitfaden\nslug: Web/CSS/Guide\npage-type: guide\nl10n:\n  sourceCommit: 0123456789abcdef0123456789abcdef01234567\n---',
        'Siehe das [Beispiel](#beispiel_für_mehrere_fallbacks) und [`border-width`](/de/docs/Web/CSS/Reference/Properties/border-width).',
        'Die Eigenschaft [`scrollHeight`](/de/docs/Web/API/element/scrollHeight); [Stapel](/de/docs/Web/CSS/Leitfäden/Positioned_layout/Stacking_context).',
        '## Beispiel für mehrere Fallbacks\n\nText.\n',
      ].join('\n\n'),
    );
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false, rules: { 'link-mismatch': 'error', 'anchor-mismatch': 'error' } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('macros, translated heading ids and slug case are the same links; a translated slug is a defect', async () => {
    const run = await cli(['check', '--format', 'json'], { cwd: dir });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
    expect(result.messages.filter((m) => ['link-mismatch', 'anchor-mismatch'].includes(m.ruleId)).map((m) => `${m.ruleId} ${m.message.replace(/ \(.*\)$/, '')}`)).toEqual([
      'link-mismatch Link target `/de/docs/Web/CSS/Leitfäden/Positioned_layout/Stacking_context` differs from the English `/en-US/docs/Web/CSS/Guides/Positioned_layout/Stacking_context`',
    ]);
  });

  test('as docfx, the same page has the differences a docfx site would have', async () => {
    writeFileSync(path.join(dir, '.lintrc.json'), JSON.stringify({ source: 'en-us', targets: '{locale}', git: false, dialect: 'docfx', rules: { 'link-mismatch': 'error', 'anchor-mismatch': 'error' } }));
    const docfx = await cli(['check', '--format', 'json'], { cwd: dir });
    const [result] = JSON.parse(docfx.stdout) as { messages: { ruleId: string }[] }[];
    expect(result.messages.filter((m) => m.ruleId === 'link-mismatch').length).toBeGreaterThanOrEqual(3);
    expect(result.messages.some((m) => m.ruleId === 'anchor-mismatch')).toBe(true);
  });
});
