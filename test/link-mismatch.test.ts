/**
 * link-mismatch: the link targets of each translated segment and block against its English.
 * The real snippets are copied from the corpus (seeds/de-de of January 2019 against the English of 2020, and the
 * de-DE NuGet docs), so these tests do not need the corpus.
 */
import { lintPair, show } from './helpers.js';
import { normalizeUrl } from '../rules/link-mismatch.js';

const rule = 'link-mismatch';

const lint = (english: string, translated: string, options?: Record<string, unknown>, locale?: string) =>
  lintPair({ english, translated, rule, options, locale });
const shown = async (english: string, translated: string, options?: Record<string, unknown>, locale?: string) =>
  (await lint(english, translated, options, locale)).map(show);

const pair = (id: string, translated: string, en: string) =>
  `<span data-ttu-id="${id}">${translated}</span><span class="sxs-lookup"><span data-stu-id="${id}">${en}</span></span>`;

/** seeds/de-de (January 2019): the last paragraph still links to the page the English of 2019 linked to. */
const SEED_DE_LAST = pair(
  'f6f19-109',
  'Weitere Informationen finden Sie unter [bewährte Methoden für Office 365-Sicherheit](https://support.office.com/article/9295e396-e53d-49b9-ae9b-0b5828cdedc3.aspx).',
  'For more information, see [Security best practices for Office 365](https://support.office.com/article/9295e396-e53d-49b9-ae9b-0b5828cdedc3.aspx).',
);
/** seeds/en-us (2020): the link moved to the security roadmap. */
const SEED_EN_LAST =
  'For more information, see [Microsoft 365 security roadmap](https://docs.microsoft.com/microsoft-365/security/office-365-security/security-roadmap).';

describe('link-mismatch', () => {
  describe('plain format (aligned blocks)', () => {
    test('a link that moved to another block of the page is the same link; a changed one is still reported', async () => {
      // The translator joined the first sentence with the second paragraph: the link is in the next block.
      const english = '# Install\n\nSee [the CLI](../reference/cli.md).\n\nThen run it.\n\nAlso [nuget.org](https://www.nuget.org).\n';
      const translated = '# Installieren\n\nZuerst dies.\n\nDann [die CLI](../reference/cli.md) ausführen.\n\nAuch [nuget.org](https://www.nuget.org/x).\n';
      expect(await shown(english, translated)).toEqual([
        '7:6 link-mismatch Link target `https://www.nuget.org/x` differs from the English `https://www.nuget.org` (en-us/example.md:7)',
      ]);
    });

    test('same links pass', async () => {
      const english = '# Install\n\nSee [the CLI](../reference/cli.md) and [nuget.org](https://www.nuget.org).\n';
      const translated = '# Installieren\n\nSiehe [die CLI](../reference/cli.md) und [nuget.org](https://www.nuget.org).\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a changed URL is reported at the translated link, start and end, with details', async () => {
      const english = '# Install\n\nSee [the CLI](../reference/cli.md) now.\n';
      const translated = '# Installieren\n\nSiehe [die CLI](../reference/cli-ref.md) jetzt.\n';
      const findings = await lint(english, translated);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        ruleId: rule,
        severity: 2,
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 41,
        message: 'Link target `../reference/cli-ref.md` differs from the English `../reference/cli.md` (en-us/example.md:3)',
        details: { translated: '../reference/cli-ref.md', english: '../reference/cli.md' },
      });
    });

    test('an extra link is reported where it is', async () => {
      const english = 'Read [the guide](https://example.com/guide).\n';
      const translated = 'Lesen Sie [den Leitfaden](https://example.com/guide) und [mehr](https://example.com/more).\n';
      const findings = await lint(english, translated);
      expect(findings.map(show)).toEqual(['1:58 link-mismatch Link target `https://example.com/more` is not in the English (en-us/example.md:1)']);
      expect(findings[0].details).toEqual({ translated: 'https://example.com/more', english: null });
    });

    test('a missing link is reported at the start of the translated block', async () => {
      const english = '# Title\n\nRead [the guide](https://example.com/guide) and [the FAQ](https://example.com/faq).\n';
      const translated = '# Titel\n\nLesen Sie [den Leitfaden](https://example.com/guide) und die FAQ.\n';
      const findings = await lint(english, translated);
      expect(findings.map(show)).toEqual([
        '3:1 link-mismatch The English link `https://example.com/faq` (en-us/example.md:3) is missing from the translation',
      ]);
      expect(findings[0].details).toEqual({ translated: null, english: 'https://example.com/faq' });
    });

    test('reordered links are fine; a duplicated one is not', async () => {
      const english = 'Use [A](a.md), then [B](b.md), then [C](c.md).\n';
      expect(await shown(english, 'Erst [C](c.md), dann [A](a.md), dann [B](b.md).\n')).toEqual([]);
      expect(await shown(english, 'Erst [C](c.md), dann [A](a.md), [A](a.md), dann [B](b.md).\n')).toEqual([
        '1:33 link-mismatch Link target `a.md` is not in the English (en-us/example.md:1)',
      ]);
    });

    test('several changes pair extras with missing links in order of appearance', async () => {
      const english = 'See [one](one.md), [two](two.md) and [three](three.md).\n';
      const translated = 'Siehe [eins](1.md), [zwei](two.md) und [drei](3.md).\n';
      expect(await shown(english, translated)).toEqual([
        '1:7 link-mismatch Link target `1.md` differs from the English `one.md` (en-us/example.md:1)',
        '1:40 link-mismatch Link target `3.md` differs from the English `three.md` (en-us/example.md:1)',
      ]);
    });

    test('locale path segments match any other locale, in any case; other segments do not', async () => {
      const english = [
        'See [docs](https://docs.microsoft.com/en-us/nuget/what-is-nuget).',
        '',
        'See [store](https://www.microsoft.com/EN-US/store/b/home).',
        '',
        'See [Chinese](https://docs.microsoft.com/zh-hans/nuget/) and [Brazil](https://example.com/pt-br/a).',
        '',
        'See [core](https://docs.microsoft.com/en-us/dotnet/net-core/).',
        '',
      ].join('\n');
      const translated = [
        'Siehe [Doku](https://docs.microsoft.com/de-de/nuget/what-is-nuget).',
        '',
        'Siehe [Store](https://www.microsoft.com/de-DE/store/b/home).',
        '',
        'Siehe [Chinesisch](https://docs.microsoft.com/ja-jp/nuget/) und [Brasilien](https://example.com/de-de/a).',
        '',
        'Siehe [Core](https://docs.microsoft.com/de-de/dotnet/de-de/).',
        '',
      ].join('\n');
      expect(await shown(english, translated)).toEqual([
        '7:7 link-mismatch Link target `https://docs.microsoft.com/de-de/dotnet/de-de/` differs from the English `https://docs.microsoft.com/en-us/dotnet/net-core/` (en-us/example.md:7)',
      ]);
    });

    test('trailing slashes and the case of scheme and host are ignored; the path case is not', async () => {
      const english = 'See [a](https://Example.com/docs/) and [b](https://example.com/Path/).\n';
      expect(await shown(english, 'Siehe [a](HTTPS://example.COM/docs) und [b](https://example.com/Path).\n')).toEqual([]);
      expect(await shown(english, 'Siehe [a](https://example.com/docs) und [b](https://example.com/path).\n')).toEqual([
        '1:41 link-mismatch Link target `https://example.com/path` differs from the English `https://example.com/Path/` (en-us/example.md:1)',
      ]);
    });

    test('fragments are compared unless ignoreFragments is set', async () => {
      const english = 'See [packing](../reference/msbuild-targets.md#pack-target).\n';
      const translated = 'Siehe [Packen](../reference/msbuild-targets.md#packen).\n';
      expect(await shown(english, translated)).toEqual([
        '1:7 link-mismatch Link target `../reference/msbuild-targets.md#packen` differs from the English `../reference/msbuild-targets.md#pack-target` (en-us/example.md:1)',
      ]);
      expect(await shown(english, translated, { ignoreFragments: true })).toEqual([]);
    });

    test('reference links are compared by the URL of their definition, whatever the label', async () => {
      const english = 'See the [CLI reference][cli].\n\n[cli]: ../reference/cli.md\n';
      expect(await shown(english, 'Siehe die [CLI-Referenz][ref].\n\n[ref]: ../reference/cli.md\n')).toEqual([]);
      expect(await shown(english, 'Siehe die [CLI-Referenz][ref].\n\n[ref]: ../reference/old-cli.md\n')).toEqual([
        '1:11 link-mismatch Link target `../reference/old-cli.md` differs from the English `../reference/cli.md` (en-us/example.md:1)',
      ]);
    });

    test('raw HTML href and src, at the attribute value', async () => {
      const english = '<a href="https://www.nuget.org/packages">Packages</a> and <img src="media/logo.png" alt="Logo">\n';
      expect(await shown(english, '<a href="https://www.nuget.org/packages">Pakete</a> und <img src="media/logo.png" alt="Logo">\n')).toEqual([]);
      const findings = await lint(english, '<a href="https://www.nuget.org/package">Pakete</a> und <img src="media/logo-de.png" alt="Logo">\n');
      expect(findings.map(show)).toEqual([
        '1:10 link-mismatch Link target `https://www.nuget.org/package` differs from the English `https://www.nuget.org/packages` (en-us/example.md:1)',
        '1:66 link-mismatch Link target `media/logo-de.png` differs from the English `media/logo.png` (en-us/example.md:1)',
      ]);
      expect(findings[0]).toMatchObject({ endLine: 1, endColumn: 39 });
    });

    test('images', async () => {
      const english = '![Package Manager UI](media/pm-ui.png)\n';
      expect(await shown(english, '![Paket-Manager-UI](media/pm-ui.png)\n')).toEqual([]);
      expect(await shown(english, '![Paket-Manager-UI](media/pm-ui-old.png)\n')).toEqual([
        '1:1 link-mismatch Link target `media/pm-ui-old.png` differs from the English `media/pm-ui.png` (en-us/example.md:1)',
      ]);
    });

    test('autolinks, both <…> and GFM literals, including one after a docfx [!Video …]', async () => {
      const english = 'Feed: <https://api.nuget.org/v3/index.json>, site: https://www.nuget.org.\n\n> [!Video https://channel9.msdn.com/Series/NuGet-101/What-is-NuGet-1-of-5/player]\n';
      expect(await shown(english, 'Feed: <https://api.nuget.org/v3/index.json>, Website: https://www.nuget.org.\n\n> [!Video https://channel9.msdn.com/Series/NuGet-101/What-is-NuGet-1-of-5/player]\n')).toEqual([]);
      expect(
        await shown(english, 'Feed: <https://api.nuget.org/v2>, Website: https://www.nuget.org.\n\n> [!Video https://docs.microsoft.com/shows/NuGet-101/What-is-NuGet-1-of-5/player]\n'),
      ).toEqual([
        '1:7 link-mismatch Link target `https://api.nuget.org/v2` differs from the English `https://api.nuget.org/v3/index.json` (en-us/example.md:1)',
        '3:11 link-mismatch Link target `https://docs.microsoft.com/shows/NuGet-101/What-is-NuGet-1-of-5/player` differs from the English `https://channel9.msdn.com/Series/NuGet-101/What-is-NuGet-1-of-5/player` (en-us/example.md:3)',
      ]);
    });

    test('a quoted "www." is not a link (real NuGet 2.7 release notes, de-DE)', async () => {
      const english = 'The URL was changed to include the "www." prefix and "<https://www.nuget.org/api/v2/>" as its URL.\n';
      const translated = 'Die URL wurde so geändert, dass sie "www" enthält, und " <https://www.nuget.org/api/v2/> " als URL.\n';
      expect(await shown(english, translated)).toEqual([]);
    });

    test('a translator who inserts a paragraph and an anchor does not shift the comparison', async () => {
      const english = [
        '# Configure',
        '',
        'Read [the config file](nuget-config-file.md).',
        '',
        'Set [a source](../consume-packages/configuring-nuget-behavior.md#changing-config-settings).',
        '',
        'Then [restore](../consume-packages/package-restore.md).',
        '',
      ].join('\n');
      const translated = [
        '# Konfigurieren',
        '',
        'Lesen Sie [die Konfigurationsdatei](nuget-config-file.md).',
        '',
        '<a name="changing-config-settings"></a>',
        '',
        'Hinweis des Übersetzers: siehe auch [Glossar](https://example.com/glossar).',
        '',
        'Legen Sie [eine Quelle](../consume-packages/configuring-nuget-behavior.md#changing-config-settings) fest.',
        '',
        'Dann [wiederherstellen](../consume-packages/package-restore.md).',
        '',
      ].join('\n');
      expect(await shown(english, translated)).toEqual([]);
    });
  });

  describe('span format', () => {
    test('a translated span whose link differs from its own sxs-lookup English', async () => {
      const english = 'To remove the user from the block list, see [this topic](https://technet.microsoft.com/library/ms.exch.eac.actioncenter.aspx).\n';
      const translated =
        pair(
          'f6f19-106',
          'Siehe [in diesem Thema](https://technet.microsoft.com/library/ms.exch.eac.aspx).',
          'To remove the user from the block list, see [this topic](https://technet.microsoft.com/library/ms.exch.eac.actioncenter.aspx).',
        ) + '\n';
      const findings = await lint(english, translated);
      // One finding, from the span comparison; the block comparison does not report the same link again.
      expect(findings.map(show)).toEqual([
        '1:37 link-mismatch Link target `https://technet.microsoft.com/library/ms.exch.eac.aspx` differs from the English `https://technet.microsoft.com/library/ms.exch.eac.actioncenter.aspx` (data-stu-id "f6f19-106" at line 1)',
      ]);
      expect(findings[0].details).toEqual({
        translated: 'https://technet.microsoft.com/library/ms.exch.eac.aspx',
        english: 'https://technet.microsoft.com/library/ms.exch.eac.actioncenter.aspx',
      });
    });

    test('a link dropped from a span is reported once, at the start of the segment', async () => {
      const english = '# Title\n\nSee [this topic](https://example.com/topic).\n';
      const translated = `# Titel\n\nSiehe auch: ${pair('f6f19-107', 'Siehe dieses Thema.', 'See [this topic](https://example.com/topic).')}\n`;
      expect(await shown(english, translated)).toEqual([
        '3:13 link-mismatch The English link `https://example.com/topic` (data-stu-id "f6f19-107" at line 3) is missing from the translation',
      ]);
    });

    test('a span wrong against its own English and against a changed English sibling: each link reported once', async () => {
      const english = 'See [the roadmap](https://example.com/roadmap).\n';
      const translated = pair('f6f19-109', 'Siehe [bewährte Methoden](https://example.com/best-practise).', 'See [best practices](https://example.com/best-practices).') + '\n';
      expect(await shown(english, translated)).toEqual([
        '1:1 link-mismatch The English link `https://example.com/roadmap` (en-us/example.md:1) is missing from the translation',
        '1:37 link-mismatch Link target `https://example.com/best-practise` differs from the English `https://example.com/best-practices` (data-stu-id "f6f19-109" at line 1)',
      ]);
    });

    test('seeds: the 2019 translation against the 2020 English is caught at the translated link', async () => {
      const findings = await lint(`# Compromised email accounts\n\n${SEED_EN_LAST}\n`, `# Kompromittierte E-Mail-Konten\n\n${SEED_DE_LAST}\n`);
      expect(findings.map(show)).toEqual([
        '3:70 link-mismatch Link target `https://support.office.com/article/9295e396-e53d-49b9-ae9b-0b5828cdedc3.aspx` differs from the English `https://docs.microsoft.com/microsoft-365/security/office-365-security/security-roadmap` (en-us/example.md:3)',
      ]);
    });

    test('link text changed while the URL stayed is not a mismatch', async () => {
      const english = 'For more information, see [Security best practices for Office 365](https://support.office.com/article/9295e396-e53d-49b9-ae9b-0b5828cdedc3.aspx).\n';
      expect(await shown(english, `${SEED_DE_LAST}\n`)).toEqual([]);
    });

    test('locale segments are normalised in spans too, using the run locale', async () => {
      const english = 'See [docs](https://docs.microsoft.com/en-us/azure/).\n';
      const translated = pair('a1b2c-101', 'Siehe [Doku](https://docs.microsoft.com/ko-kr/azure).', 'See [docs](https://docs.microsoft.com/en-us/azure/).') + '\n';
      expect(await shown(english, translated, undefined, 'ko-kr')).toEqual([]);
    });
  });

  describe('options', () => {
    const english = 'See [issue](https://github.com/NuGet/Home/issues/6871) and [docs](https://docs.example.com/a).\n';
    const translated = 'Siehe [Issue](https://github.com/NuGet/Home/issues/6872) und [Doku](https://docs.example.com/b).\n';

    test('ignore takes URL prefixes', async () => {
      expect(await shown(english, translated, { ignore: ['https://github.com/NuGet/Home/issues/'] })).toEqual([
        '1:62 link-mismatch Link target `https://docs.example.com/b` differs from the English `https://docs.example.com/a` (en-us/example.md:1)',
      ]);
    });

    test('ignore takes regular expressions starting with ^', async () => {
      expect(await shown(english, translated, { ignore: ['^https://(github|docs\\.example)\\.com/'] })).toEqual([]);
    });

    test('an unknown option or a wrong type is rejected by the configuration', async () => {
      await expect(lint(english, translated, { ignoreCase: true })).rejects.toThrow(/ignoreCase/);
      await expect(lint(english, translated, { ignore: 'https://github.com/' })).rejects.toThrow(/ignore/);
    });

    test('an invalid regular expression is a configuration error that names it, before anything is linted', async () => {
      await expect(lint(english, translated, { ignore: ['^https://(github'] })).rejects.toMatchObject({
        problems: ['rules.link-mismatch[1].ignore[0]: "^https://(github" is not a valid regular expression (/^https://(github/: Unterminated group)'],
      });
    });
  });

  describe('normalizeUrl', () => {
    const locales = new Set(['en-us', 'de-de']);
    test('a localised site: a locale prefix in the path and a language host label', () => {
      const withLanguages = new Set(['en', 'ja', 'de-de', 'de']);
      // A Hugo site serves English at the root and each translation under its locale.
      expect(normalizeUrl('/ja/service/', withLanguages)).toBe(normalizeUrl('/service/', withLanguages));
      expect(normalizeUrl('https://learn.microsoft.com/nuget/', withLanguages)).toBe(normalizeUrl('https://learn.microsoft.com/de-de/nuget', withLanguages));
      // One site in many languages by host, with translated paths: only the host and the first segment count.
      expect(normalizeUrl('https://de.wikipedia.org/wiki/Containervirtualisierung', withLanguages)).toBe(normalizeUrl('https://en.wikipedia.org/wiki/OS-level_virtualization', withLanguages));
      expect(normalizeUrl('https://de.wikipedia.org/wiki/A', withLanguages)).not.toBe(normalizeUrl('https://en.wiktionary.org/wiki/A', withLanguages));
      // A language that is not one of the run's is not a localisation: `fr.` is another host.
      expect(normalizeUrl('https://fr.wikipedia.org/wiki/A', withLanguages)).not.toBe(normalizeUrl('https://en.wikipedia.org/wiki/A', withLanguages));
      // Two labels are a domain, not a language host (`de.com`), and a path segment is dropped only when it is a locale.
      expect(normalizeUrl('https://de.com/a', withLanguages)).not.toBe(normalizeUrl('https://en.com/a', withLanguages));
      expect(normalizeUrl('/service/ja-docs', withLanguages)).not.toBe(normalizeUrl('/service', withLanguages));
    });
    test('locale segments are left out; hyphenated words that are not locales stay', () => {
      expect(normalizeUrl('https://docs.microsoft.com/en-us/nuget/', locales)).toBe(normalizeUrl('https://docs.microsoft.com/DE-DE/nuget', locales));
      expect(normalizeUrl('/zh-hans/a', locales)).toBe(normalizeUrl('/sr-latn-rs/a', locales));
      expect(normalizeUrl('/get-started/a', locales)).not.toBe(normalizeUrl('/de-de/a', locales));
      expect(normalizeUrl('/de/a', locales)).not.toBe(normalizeUrl('/fr/a', locales));
    });
    test('query strings are kept, fragments kept unless asked', () => {
      expect(normalizeUrl('https://go.microsoft.com/fwlink/?linkid=1', locales)).not.toBe(normalizeUrl('https://go.microsoft.com/fwlink/?linkid=2', locales));
      expect(normalizeUrl('a.md#x', locales)).not.toBe(normalizeUrl('a.md#y', locales));
      expect(normalizeUrl('a.md#x', locales, true)).toBe(normalizeUrl('a.md', locales, true));
    });
  });
});
