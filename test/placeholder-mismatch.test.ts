/**
 * placeholder-mismatch: every placeholder form is recognised and compared as written, code and link targets are
 * not prose, span-format segments are compared with their own English once, and the rule is off by default.
 */
import { lintPair, show } from './helpers.js';
import { rules } from '../rules/index.js';

const lint = (english: string, translated: string) => lintPair({ english, translated, rule: 'placeholder-mismatch' });

describe('placeholder-mismatch', () => {
  test('is off by default', () => {
    expect(rules.find((rule) => rule.meta.id === 'placeholder-mismatch')?.meta.defaultSeverity).toBe('off');
  });

  test.each([
    ['{0}', 'Wert {0} hier.', 'Wert {1} hier.'],
    ['{1,-10}', 'Spalte {1,-10} hier.', 'Spalte {1,10} hier.'],
    ['{0:N2}', 'Zahl {0:N2} hier.', 'Zahl {0:N3} hier.'],
    ['{name}', 'Name {name} hier.', 'Name {nom} hier.'],
    ['%s', 'Text %s hier.', 'Text %d hier.'],
    ['%1$d', 'Zahl %1$d hier.', 'Zahl %2$d hier.'],
    ['${var}', 'Variable ${var} hier.', 'Variable ${variable} hier.'],
    ['{{ var }}', 'Vorlage {{ var }} hier.', 'Vorlage {{ wert }} hier.'],
    [':placeholder', 'Route /users/:id hier.', 'Route /users/:kennung hier.'],
    ['<var>', 'Befehl <PACKAGE_NAME> hier.', 'Befehl <PAKET_NAME> hier.'],
  ])('%s: kept is fine, changed is one finding at the translated placeholder', async (form, kept, changed) => {
    const english = kept.replace(/Wert|Spalte|Zahl|Name|Text|Variable|Vorlage|Route|Befehl/, 'Value').replace(' hier', ' here');
    expect(await lint(english, kept)).toEqual([]);
    const findings = await lint(english, changed);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Placeholder `.+` differs from the English `.+`/);
    expect(findings[0].details).toEqual({ translated: expect.any(String), english: expect.any(String) });
  });

  test('<name> that Markdown reads as an HTML tag is not prose (a known limit)', async () => {
    expect(await lint('Run it with <version> here.', 'Mit <fassung> ausführen.')).toEqual([]);
  });

  test('spacing inside {{ }} does not count; reordering does not count', async () => {
    expect(await lint('Use {{ a }} and {0} then %s.', 'Erst %s, dann {0} und {{a}}.')).toEqual([]);
  });

  test('code, link targets and prose lookalikes are not placeholders', async () => {
    const english = 'Run `dotnet {0}` and see [the page](https://example.com/{id}). It costs 10% less: see the note.';
    const translated = 'Führen Sie `dotnet {1}` aus, siehe [die Seite](https://example.com/{x}). Es kostet 10% weniger: siehe Hinweis.';
    expect(await lint(english, translated)).toEqual([]);
  });

  test('a dropped and an added placeholder, placed where they are', async () => {
    const findings = await lint('First {0}.\n\nSecond line.\n', 'Erstens.\n\nZweite %s Zeile.\n');
    expect(findings.map(show)).toEqual([
      '1:1 placeholder-mismatch The English placeholder `{0}` (en-us/example.md:1) is missing from the translation',
      '3:8 placeholder-mismatch Placeholder `%s` is not in the English (en-us/example.md:3)',
    ]);
  });

  test('span format: a segment against its own English, reported once', async () => {
    const english = 'The value {0} is shown.\n';
    const translated =
      '<span data-ttu-id="a1b2c-101">Der Wert {1} wird angezeigt.</span><span class="sxs-lookup"><span data-stu-id="a1b2c-101">The value {0} is shown.</span></span>\n';
    const findings = await lint(english, translated);
    expect(findings.map(show)).toEqual([
      '1:40 placeholder-mismatch Placeholder `{1}` differs from the English `{0}` (data-stu-id "a1b2c-101" at line 1)',
    ]);
  });
});
