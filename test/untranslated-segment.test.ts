/**
 * untranslated-segment: segments and blocks left as their English text, and all the English that legitimately
 * stays (code, includes, notes, identifiers, file names, product names, commands). The seed lines are copied
 * from the corpus's seeds/ja-jp page so the tests do not need the corpus.
 */
import { lintPair, show } from './helpers.js';
import { SEED_EN, SEED_JA } from './fixtures/seed.js';
import { isTranslatable, translatableWords } from '../src/document/prose.js';

const rule = 'untranslated-segment';

const join = (lines: string[]) => lines.join('\n\n') + '\n';
const shown = async (english: string, translated: string, options?: Record<string, unknown>) =>
  (await lintPair({ english, translated, rule, options })).map(show);

describe('untranslated-segment: span format', () => {
  test('the real seed page passes', async () => {
    expect(await shown(join(SEED_EN), join(SEED_JA))).toEqual([]);
  });

  test('injected defect: a real seed segment whose translation was replaced by its English', async () => {
    const broken = [...SEED_JA];
    broken[1] = broken[1].replace(/(<span data-ttu-id="7d590-103">)[^<]*/, '$1There are several steps you can take to help increase security in your organization:');
    const findings = await lintPair({ english: join(SEED_EN), translated: join(broken), rule, severity: 'warn' });
    expect(findings.map(show)).toEqual([
      '3:1 untranslated-segment Segment "7d590-103" is not translated: "There are several steps you can take to…" is the English text',
    ]);
    expect(findings[0].severity).toBe(1);
    expect(findings[0].details).toMatchObject({ id: '7d590-103' });
  });

  test('a segment whose English is only an identifier, a command or a product name is not judged', async () => {
    const pair = (id: string, text: string) =>
      `<span data-ttu-id="${id}">${text}</span><span class="sxs-lookup"><span data-stu-id="${id}">${text}</span></span>`;
    const translated = [
      pair('7d590-102', 'PackageReference'),
      pair('7d590-103', 'az sql server create'),
      pair('7d590-104', 'Microsoft 365 Defender for Office'),
      pair('7d590-105', '[!INCLUDE[pn_dynamics_crm_online](../includes/pn-dynamics-crm-online.md)]'),
      '',
    ].join('\n\n');
    expect(await shown('x\n', translated)).toEqual([]);
  });
});

describe('untranslated-segment: plain Markdown', () => {
  const english = [
    '# Install a package',
    '',
    'Package restore installs the dependencies of a project.',
    '',
    '| Option | Description |',
    '| --- | --- |',
    '| `-Source` | The package source to use for this command. |',
    '',
    '- Run the command again after you restart Visual Studio.',
    '',
  ].join('\n');

  test('a paragraph, a table cell and a list item left in English, pointing at the English line', async () => {
    const translated = [
      '# Installieren eines Pakets',
      '',
      'Package restore installs the dependencies of a project.',
      '',
      '| Option | Beschreibung |',
      '| --- | --- |',
      '| `-Source` | The package source to use for this command. |',
      '',
      '- Run the command again after you restart Visual Studio.',
      '',
    ].join('\n');
    expect(await shown(english, translated)).toEqual([
      '3:1 untranslated-segment Paragraph is not translated: "Package restore installs the…" is the English text at en-us/example.md:3',
      '7:13 untranslated-segment Table cell is not translated: "The package source to use for this…" is the English text at en-us/example.md:7',
      '9:3 untranslated-segment Paragraph is not translated: "Run the command again after you restart…" is the English text at en-us/example.md:9',
    ]);
  });

  test('a translated page passes', async () => {
    const translated = [
      '# Installieren eines Pakets',
      '',
      'Bei der Paketwiederherstellung werden die Abhängigkeiten eines Projekts installiert.',
      '',
      '| Option | Beschreibung |',
      '| --- | --- |',
      '| `-Source` | Die für diesen Befehl zu verwendende Paketquelle. |',
      '',
      '- Führen Sie den Befehl erneut aus, nachdem Sie Visual Studio neu gestartet haben.',
      '',
    ].join('\n');
    expect(await shown(english, translated)).toEqual([]);
  });

  test('English kept in code, extensions, notes, HTML code elements and comments is not flagged', async () => {
    const page = [
      '# Install',
      '',
      '```console',
      'nuget install Contoso.Utility -Version 1.0.0 and then some more words here',
      '```',
      '',
      '~~~json',
      '{ "description": "A package that does many useful things" }',
      '~~~',
      '',
      '    dotnet add package Contoso.Utility to the project file now',
      '',
      '`Run the command again after you restart`',
      '',
      '[!code-json [Install the package into the project](../samples/install.json)]',
      '',
      '[!INCLUDE [Install the package into the project](includes/install.md)]',
      '',
      '> [!Video https://channel9.msdn.com/Series/NuGet-101/Install-and-Use-a-NuGet-Package/player]',
      '',
      '<pre>Unable to find package \'PackageId\'. No packages exist with this id in source(s): \'sourceA\'</pre>',
      '',
      '<!-- This is here because the link in the note above does not render -->',
      '',
      'See https://docs.microsoft.com/nuget/install-the-package-into-the-project for nuget.config and packages.config.',
      '',
      '| 1.0.0 | 2.0.1 | 3.5 |',
      '| --- | --- | --- |',
      '| net472 | netstandard2.0 | <https://www.nuget.org/packages/Contoso.Utility/> |',
      '',
      '1. Open C:\\Program Files (x86)\\Microsoft Visual Studio 10.0\\Common7\\IDE\\Extensions\\Microsoft Corporation\\NuGet Package Manager\\',
      '',
    ].join('\n');
    // The translation keeps every one of these as it is; only the heading is translated.
    const translated = page.replace('# Install', '# Installieren').replace('1. Open', '1. Öffnen Sie');
    expect(await shown(page, translated)).toEqual([]);
  });

  test('a note whose text is left in English is still flagged', async () => {
    const en = '> [!NOTE]\n> Restart Visual Studio after you install the package.\n';
    expect(await shown(en, en)).toEqual([
      '1:3 untranslated-segment Paragraph is not translated: "[!NOTE] Restart Visual Studio after you…" is the English text at en-us/example.md:1',
    ]);
  });

  test('short names, Title Case product names and lower-case commands stay in English', async () => {
    const page = [
      '## Visual Studio for Mac',
      '',
      '- Azure Artifacts Credential Provider',
      '- nuget locals all clear',
      '- Compromised email accounts',
      '',
    ].join('\n');
    expect(await shown(page, page)).toEqual([]);
  });

  test('minWords: fewer words are judged when asked', async () => {
    const page = '- Compromised email accounts\n';
    expect(await shown(page, page, { minWords: 4 })).toEqual([]);
    expect(await shown(page, page, { minWords: 3 })).toEqual([
      '1:3 untranslated-segment Paragraph is not translated: "Compromised email accounts" is the English text at en-us/example.md:1',
    ]);
  });

  test('ignoreTerms: listed terms do not count as words, whole words only, any case', async () => {
    const page = 'Use the dotnet CLI in Azure DevOps pipelines.\n';
    expect(await shown(page, page)).toHaveLength(1);
    expect(await shown(page, page, { ignoreTerms: ['dotnet', 'azure devops', 'pipelines'] })).toEqual([]);
    // "pipe" is not a whole word of "pipelines": still four words left.
    expect(await shown(page, page, { ignoreTerms: ['dotnet', 'Azure DevOps', 'pipe'] })).toHaveLength(1);
  });

  test('a block that differs from the English in any way is not this rule\'s business', async () => {
    const en = 'Package restore installs the dependencies of a project.\n';
    expect(await shown(en, 'Package restore installs the dependencies of the project.\n')).toEqual([]);
  });
});

describe('prose', () => {
  test('translatable words leave out extensions, URLs, paths, identifiers and placeholders', () => {
    expect(translatableWords('[!NOTE] Run nuget.exe from C:\\Tools\\NuGet with -Source <name> on net472, see https://x.org/a.')).toEqual([
      'Run',
      'from',
      'with',
      'on',
      'see',
    ]);
    expect(translatableWords('In [!INCLUDEpn_dynamics_crm_online] Customer Engagement')).toEqual(['In', 'Customer', 'Engagement']);
    expect(translatableWords(':::image type="content" source="media/a.png" alt-text="Screenshot of the tile.":::')).toEqual([
      'Screenshot',
      'of',
      'the',
      'tile',
    ]);
  });

  test('a line that is mostly code is not prose', () => {
    expect(isTranslatable('$PAT = "Your personal access token" $Feed = "Your url" .\\nuget.exe sources add -Name Test -Source $Feed -UserName $UserName -Password $PAT')).toBe(false);
  });

  test('Chinese and Japanese runs count by characters', () => {
    expect(isTranslatable('次に保存します。', { minWords: 4 })).toBe(true);
    expect(isTranslatable('保存', { minWords: 2 })).toBe(false);
  });
});

describe('untranslated-segment: language detection on plain blocks without a matching English block', () => {
  const english = '# Install\n\nRun the installer as an administrator, and then restart the machine before you continue.\n';
  const added = 'Sign out of every account when you are done, so that the next person cannot reach your packages.';
  const judge = (locale: string, translated: string, options: Record<string, unknown> = {}) =>
    lintPair({ english, translated, rule: 'untranslated-segment', options, locale }).then((findings) => findings.map(show));

  test('an English paragraph added to a German page is flagged; German prose full of product names is not', async () => {
    const german = '# Installieren\n\nFühren Sie den Installer als Administrator aus, und starten Sie den Computer neu, bevor Sie fortfahren.\n';
    expect(await judge('de-de', `${german}\n${added}\n`)).toEqual([
      `5:1 untranslated-segment Paragraph seems to be in English, not German: "Sign out of every account when you are…"`,
    ]);
    expect(await judge('de-de', `${german}\nMit NuGet Package Manager, Visual Studio und dotnet CLI verwalten Sie Pakete in Ihrem Projekt ganz einfach.\n`)).toEqual([]);
  });

  test('also when the aligned English block changed, in other scripts, and only with enough text', async () => {
    // The English changed after the handoff and the translation kept an older English sentence.
    expect(await judge('ja-jp', '# インストール\n\nRun the installer as a local administrator, then restart the computer before continuing.\n')).toEqual([
      `3:1 untranslated-segment Paragraph seems to be in English, not Japanese: "Run the installer as a local…"`,
    ]);
    expect(await judge('ja-jp', '# インストール\n\n管理者としてインストーラーを実行し、続行する前にコンピューターを再起動します。\n')).toEqual([]);
    expect(await judge('de-de', '# Installieren\n\nSign out when you are done.\n')).toEqual([]); // too short to judge
  });

  test('off with detectLanguage: false; English locales and languages franc does not know are not judged', async () => {
    const page = `# Installieren\n\n${added}\n`;
    expect(await judge('de-de', page, { detectLanguage: false })).toEqual([]);
    expect(await judge('en-gb', page)).toEqual([]);
    expect(await judge('eu-es', page)).toEqual([]); // Basque: not in franc-min
  });

  test("a share of the locale's own script (by CLDR: Devanagari for hi, Arabic for ur, Cyrillic for ru) means translated, whatever Latin names it holds", async () => {
    // Real glossary and NuGet paragraphs (../shared/corpus), shortened: many Latin names, and the locale's script.
    const hindi = '# परिचय\n\nक्लाउड नेटिव शब्दावली की शुरुआत CNCF मार्केटिंग समिति (CNCF Marketing Committee) द्वारा की गई थी और इसमें Catherine Paganini, Chris Aniszczyk, Daniel Jones और Jason Morgan का योगदान है।\n';
    expect(await judge('hi-in', hindi)).toEqual([]);
    const russian = '# Установка\n\nAzure Artifacts, доступные также в Team Foundation Server и Azure DevOps Server, поддерживают NuGet, npm, Maven и Python feeds.\n';
    expect(await judge('ru-ru', russian)).toEqual([]);
    // The same paragraph in English is still English in those locales.
    expect(await judge('ru-ru', `# Установка\n\n${added}\n`)).toEqual([`3:1 untranslated-segment Paragraph seems to be in English, not Russian: "Sign out of every account when you are…"`]);
  });

  test('English needs English sentences: a list of names or parameters has no English stopword and is not English', async () => {
    const names = 'Saim Safdar, Waleed Ahmed, Zubair Ahmed, Catherine Paganini, Chris Aniszczyk, Daniel Jones, Jason Morgan, Seokho Son, Jihoon Seo.';
    expect(await judge('de-de', `# Mitwirkende\n\n${names}\n`)).toEqual([]);
  });
});

describe('untranslated-segment: a block left as its English', () => {
  test('the titles of linked pages kept as they are (a "See also" list) are not untranslated; a sentence around a link is', async () => {
    const seeAlso = '- [Privacy and the :visited selector for links](/docs/privacy)\n- [content-visibility: the new CSS property that boosts your rendering performance](https://web.dev/articles/content-visibility) (web.dev)\n';
    expect(await shown(`# See also\n\n${seeAlso}`, `# Siehe auch\n\n${seeAlso}`)).toEqual([]);
    const sentence = 'Read [the privacy page](/docs/privacy) before you change the settings of the selector.';
    expect(await shown(`# See also\n\n${sentence}\n`, `# Siehe auch\n\n${sentence}\n`)).toHaveLength(1);
  });

  test('the variables of a formula (`a b c d`) are not prose', async () => {
    expect(await shown('# Matrix\n\na b c d\n', '# Matrix\n\na b c d\n')).toEqual([]);
  });

  test("a template call (MDN KumaScript, Hugo shortcodes) is the site's syntax, not prose", async () => {
    const macro = '{{EmbedLiveSample("Setting a range for a variable font weight", "100%", 200)}}';
    expect(await shown(`# Examples\n\n${macro}\n`, `# Beispiele\n\n${macro}\n`)).toEqual([]);
    const shortcode = '{{< note >}} Restart Visual Studio after you install the package. {{< /note >}}';
    expect(await shown(`# Install\n\n${shortcode}\n`, `# Installieren\n\n${shortcode}\n`)).toHaveLength(1);
  });

  test('a list of parameters or names kept as the English has it is not untranslated; a sentence is', async () => {
    const parameters = 'Debug, ErrorAction, ErrorVariable, Verbose, Confirm, Force, Credential, Path, Name, Source, Version, Scope, Proxy';
    expect(await shown(`# Parameters\n\n${parameters}\n`, `# Parametry\n\n${parameters}\n`)).toEqual([]);
    const names = 'Saim Safdar, Waleed Ahmed, Zubair Ahmed, Catherine Paganini, Chris Aniszczyk, Daniel Jones';
    expect(await shown(`# Contributors\n\n${names}\n`, `# Mitwirkende\n\n${names}\n`)).toEqual([]);
    const sentence = 'Restart Visual Studio after you install the package.';
    expect(await shown(`# Install\n\n${sentence}\n`, `# Installieren\n\n${sentence}\n`)).toEqual([
      `3:1 untranslated-segment Paragraph is not translated: "Restart Visual Studio after you install…" is the English text at en-us/example.md:3`,
    ]);
  });
});
