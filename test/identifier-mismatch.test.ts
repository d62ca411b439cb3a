/**
 * identifier-mismatch: identifiers of the English prose that machine translation turned into lower-case
 * look-alikes (`inbuffer` for `OutBuffer`), and everything that is not such damage.
 */
import { lintPair, show } from './helpers.js';

const rule = 'identifier-mismatch';
const shown = async (english: string, translated: string, locale = 'cs-cz') => (await lintPair({ english, translated, rule, locale })).map(show);

const english = 'This cmdlet supports the common parameters ErrorAction, OutBuffer and OutVariable.\n';

test('look-alikes of a missing identifier are reported at the look-alike, with details', async () => {
  const findings = await lintPair({ english, translated: 'Tato rutina podporuje parametry ErrorAction, labuffer a unvariable.\n', rule, locale: 'fr-fr' });
  expect(findings.map(show)).toEqual([
    '1:46 identifier-mismatch Identifier `OutBuffer` is written `labuffer` in the translation (en-us/example.md:1)',
    '1:57 identifier-mismatch Identifier `OutVariable` is written `unvariable` in the translation (en-us/example.md:1)',
  ]);
  expect(findings[0]).toMatchObject({ endColumn: 54, details: { translated: 'labuffer', english: 'OutBuffer' } });
});

test('what is not damage: kept, left out, rephrased, another case, names with digits or underscores, common prefixes', async () => {
  expect(await shown(english, 'Podporuje společné parametry OutVariable, OutBuffer a ErrorAction.\n')).toEqual([]);
  expect(await shown(english, 'Podporuje společné parametry.\n')).toEqual([]);
  // Another case of a name is style, not a translated identifier.
  expect(await shown('Install NuGet and use PackageReference.\n', 'Nainstalujte nuget a použijte packagereference.\n')).toEqual([]);
  expect(await shown(english, 'Podporuje parametry ErrorAction, outbuffer a OutVariable.\n')).toEqual([]);
  // A lower-case word the English prose itself has is the text, not a look-alike.
  expect(await shown('Set OutBuffer; the buffer grows.\n', 'Nastavte buffer; buffer roste.\n')).toEqual([]);
  // `media_query` is a name of its own; `automatisch` only shares the common prefix `auto`.
  expect(await shown('Use the MediaQueryList interface.\n', 'Verwenden Sie media_query.\n', 'de-de')).toEqual([]);
  expect(await shown('Marked as AutoReferenced.\n', 'Als automatisch markiert.\n', 'de-de')).toEqual([]);
  // A look-alike much longer or shorter than the identifier is another word.
  expect(await shown('Set OutBuffer.\n', 'Nastavte bufferovacírežimy.\n')).toEqual([]);
});

test('code is not prose: an identifier in inline code is code-mismatch business', async () => {
  expect(await shown('Set `OutBuffer` first.\n', 'Nastavte nejprve `inbuffer`.\n')).toEqual([]);
});

test('a hostile paragraph of many identifiers and look-alikes is compared within a budget of comparisons', async () => {
  const n = 5_000;
  const identifiers = Array.from({ length: n }, (_, i) => `Id${i}Buffer`).join(' ');
  const words = Array.from({ length: n }, () => 'inbuffer').join(' ');
  const findings = await lintPair({ english: `${identifiers}\n`, translated: `${words}\n`, rule, locale: 'cs-cz' });
  // n × n comparisons would be 25,000,000; the budget of 1,000,000 lets the first 200 identifiers look (5,000
  // candidates each), each finds its look-alike, and the rest are not compared: the same on every machine.
  expect(findings).toHaveLength(1_000_000 / n);
}, 30_000);
