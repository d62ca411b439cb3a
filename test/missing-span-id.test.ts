/**
 * missing-span-id: broken span pairing, duplicate, malformed and foreign ids, and text outside spans.
 * The seed lines are copied from the ja-JP page of the corpus's seeds/ (September 2020), so the tests do not
 * need the corpus.
 */
import { lintPair, show } from './helpers.js';
import { SEED_EN, SEED_JA } from './fixtures/seed.js';

const rule = 'missing-span-id';

const english = SEED_EN.join('\n\n') + '\n';
const seed = (lines: string[]) => lines.join('\n\n') + '\n';
const lint = (translated: string, options?: Record<string, unknown>) => lintPair({ english, translated, rule, options });
const shown = async (translated: string, options?: Record<string, unknown>) => (await lint(translated, options)).map(show);

const pair = (id: string, translated: string, en: string) =>
  `<span data-ttu-id="${id}">${translated}</span><span class="sxs-lookup"><span data-stu-id="${id}">${en}</span></span>`;

describe('missing-span-id', () => {
  test('the real seed page passes', async () => {
    expect(await shown(seed(SEED_JA))).toEqual([]);
  });

  test('injected defect: a data-stu-id dropped from a real seed line', async () => {
    const broken = [...SEED_JA];
    // Remove the English half of segment 7d590-103, as a careless edit would.
    broken[1] = broken[1].replace(/<span class="sxs-lookup"><span data-stu-id="7d590-103">.*<\/span><\/span>$/, '');
    expect(broken[1]).not.toContain('data-stu-id');
    const findings = await lint(seed(broken));
    expect(findings.map(show)).toEqual(['3:1 missing-span-id data-ttu-id "7d590-103" has no matching data-stu-id after it']);
    expect(findings[0].severity).toBe(2);
  });

  test('injected defect: the stu id of a real seed line changed', async () => {
    const broken = [...SEED_JA];
    broken[2] = broken[2].replace('data-stu-id="7d590-107"', 'data-stu-id="7d590-108"');
    expect(await shown(seed(broken))).toEqual([
      '5:162 missing-span-id data-stu-id "7d590-108" does not match the data-ttu-id "7d590-107" before it',
    ]);
  });

  test('an English span with no translated span before it', async () => {
    const text = `Lose Zeile ${'<span class="sxs-lookup"><span data-stu-id="7d590-110">Loose line</span></span>'}\n`;
    expect(await shown(text)).toEqual([
      '1:37 missing-span-id data-stu-id "7d590-110" has no matching data-ttu-id before it',
      '1:1 missing-span-id Text outside any span in a block that uses spans: "Lose Zeile" is never sent to translation',
    ].sort(byPosition));
  });

  test('an sxs-lookup wrapper with neither a translated span before nor an English span inside', async () => {
    expect(await shown('<span class="sxs-lookup">x</span>\n')).toEqual([
      '1:1 missing-span-id <span class="sxs-lookup"> has neither a data-ttu-id span before it nor a data-stu-id span inside it',
    ]);
  });

  test('two translated spans in a row: the first has no English', async () => {
    const text = `<span data-ttu-id="7d590-102">Eins.</span> ${pair('7d590-103', 'Zwei.', 'Two.')}\n`;
    expect(await shown(text)).toEqual(['1:1 missing-span-id data-ttu-id "7d590-102" has no matching data-stu-id after it']);
  });

  test('unclosed spans and stray closing tags are reported where they are', async () => {
    const text = ['<span data-ttu-id="7d590-102">Eins.', '', 'Zwei.</span>', '', pair('7d590-103', 'Drei.', 'Three.') + '</span>', ''].join('\n');
    expect(await shown(text)).toEqual([
      '1:1 missing-span-id <span data-ttu-id="7d590-102"> is not closed before its block ends',
      '3:6 missing-span-id </span> closes no open <span>',
      '5:118 missing-span-id </span> closes no open <span>',
    ]);
  });

  test('duplicate ids are reported at the second use, with the line of the first', async () => {
    const text = [pair('7d590-102', 'Eins.', 'One.'), pair('7d590-103', 'Zwei.', 'Two.'), pair('7d590-102', 'Drei.', 'Three.'), ''].join('\n\n');
    expect(await shown(text)).toEqual(['5:1 missing-span-id data-ttu-id "7d590-102" is used more than once in this file (first at line 1)']);
  });

  test('malformed ids: not five hex digits, no number, empty', async () => {
    const text = [pair('7d59-102', 'Eins.', 'One.'), pair('7d590-', 'Zwei.', 'Two.'), pair('7d590-q12', 'Drei.', 'Three.'), pair('', 'Vier.', 'Four.'), ''].join('\n\n');
    const findings = await shown(text);
    expect(findings).toEqual([
      '1:1 missing-span-id data-ttu-id "7d59-102" is malformed: span ids look like "f6f19-102" (idPattern ^[0-9a-f]{5}-p?[0-9]+$)',
      '3:1 missing-span-id data-ttu-id "7d590-" is malformed: span ids look like "f6f19-102" (idPattern ^[0-9a-f]{5}-p?[0-9]+$)',
      '5:1 missing-span-id data-ttu-id "7d590-q12" is malformed: span ids look like "f6f19-102" (idPattern ^[0-9a-f]{5}-p?[0-9]+$)',
      '7:1 missing-span-id data-ttu-id "" is malformed: span ids look like "f6f19-102" (idPattern ^[0-9a-f]{5}-p?[0-9]+$)',
    ]);
  });

  test('paragraph ids (p101) and long numbers are well formed', async () => {
    const text = [pair('7d590-p101', 'Eins.', 'One.'), pair('7d590-1234', 'Zwei.', 'Two.'), ''].join('\n\n');
    expect(await shown(text)).toEqual([]);
  });

  test('idPattern option: another id scheme', async () => {
    const text = [pair('seg-1', 'Eins.', 'One.'), pair('seg-2', 'Zwei.', 'Two.'), pair('7d590-102', 'Drei.', 'Three.'), ''].join('\n\n');
    expect(await shown(text, { idPattern: '^seg-[0-9]+$' })).toEqual([
      '5:1 missing-span-id data-ttu-id "7d590-102" is malformed: span ids look like "f6f19-102" (idPattern ^seg-[0-9]+$)',
    ]);
  });

  test('an invalid idPattern is a configuration error that names it, before anything is linted', async () => {
    await expect(lint(pair('7d590-102', 'Eins.', 'One.') + '\n', { idPattern: '(' })).rejects.toMatchObject({
      problems: ['rules.missing-span-id[1].idPattern: "(" is not a valid regular expression (/(/: Unterminated group)'],
    });
  });

  test('ids with another prefix than most of the file: the odd ones out are reported', async () => {
    const text = [
      pair('7d590-102', 'Eins.', 'One.'),
      pair('f6f19-103', 'Zwei.', 'Two.'),
      pair('7d590-104', 'Drei.', 'Three.'),
      '',
    ].join('\n\n');
    expect(await shown(text)).toEqual(['3:1 missing-span-id data-ttu-id "f6f19-103" has prefix "f6f19", but this file\'s other span ids use "7d590"']);
  });

  test('text outside spans: docfx extensions, numbers, URLs and identifiers are not translatable', async () => {
    const text = [
      '> [!NOTE]',
      '> ' + pair('7d590-102', 'Hinweis.', 'Note.'),
      '',
      '> [!div class="nextstepaction"]',
      '> [' + pair('7d590-103', 'Weiter', 'Next') + '](next.md)',
      '',
      '[!INCLUDE [setup](includes/setup.md)] ' + pair('7d590-104', 'Eins.', 'One.') + ' (1/2) https://example.com/a nuget.config `x` PackageReference',
      '',
      '1. ' + pair('7d590-105', 'Zwei.', 'Two.') + ' :::image type="content" source="media/a.png":::',
      '',
    ].join('\n');
    expect(await shown(text)).toEqual([]);
  });

  test('text outside spans: real words are reported once per block, at the first of them', async () => {
    const text = `${pair('7d590-102', 'Wählen Sie **Übernehmen**.', 'Select **Apply**.')} Then **close** the window.\n`;
    const findings = await lint(text);
    expect(findings.map(show)).toEqual([
      '1:151 missing-span-id Text outside any span in a block that uses spans: "Then close the window." is never sent to translation',
    ]);
    expect(findings[0].details).toMatchObject({ kind: 'text-outside', text: 'Then close the window.' });
  });

  test('text outside spans in Japanese is translatable text too', async () => {
    const text = `${pair('7d590-102', '設定を開きます。', 'Open the settings.')}次に保存します。\n`;
    expect(await shown(text)).toEqual([
      '1:133 missing-span-id Text outside any span in a block that uses spans: "次に保存します。" is never sent to translation',
    ]);
  });

  test('files without span markup are not checked, even with stray </span>', async () => {
    const text = 'Eins </span>\n\n<span>Zwei\n';
    expect(await shown(text)).toEqual([]);
  });
});

function byPosition(a: string, b: string): number {
  const [la, ca] = a.split(' ')[0].split(':').map(Number);
  const [lb, cb] = b.split(' ')[0].split(':').map(Number);
  return la - lb || ca - cb;
}
