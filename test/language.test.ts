/**
 * src/document/language.ts englishScores must score exactly as franc-min's francAll with `only: [code, 'eng']` does
 * (untranslated-segment decides on those scores): on generated text of every kind, and on the paragraphs of the
 * corpus when it is there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { francAll } from 'franc-min';
import { expressions } from 'franc-min/expressions.js';
import { englishScores } from '../src/document/language.js';

const francScores = (text: string, code: string, minLength: number) => new Map(francAll(text, { only: [code, 'eng'], minLength }));

/** Languages asked about: with Latin trigram data, with a script of their own, unknown to franc. */
const CODES = ['deu', 'pol', 'fra', 'jpn', 'ell', 'rus', 'xyz'];

const PIECES = [
  'the', 'package', 'restore', 'installs', 'dependencies', 'of', 'a', 'project', 'and', 'you', 'can',
  'das', 'Paket', 'wird', 'installiert', 'über', 'Abhängigkeiten', 'größer', 'Straße',
  'pakiet', 'jest', 'zależności', 'się', 'będzie', 'źródło', 'Łódź',
  'パッケージ', 'を', 'インストール', '復元', 'します', 'Пакет', 'устанавливает', 'πακέτο',
  'NuGet', 'PackageReference', 'İstanbul', 'ǅ', '𝒳', '😀', '5.8.0', '4,096', '2021-03-04', '--no-cache',
  ' ', '  ', '\n', '\t', '\u00a0', '.', ',', '!', '?', '(', ')', '"', "'", '@', '#', '`', '[', ']', '-', '_',
];

describe('englishScores', () => {
  test('equals francAll on generated text (Latin, other scripts, digits, punctuation, white space, long text)', () => {
    const text = fc
      .array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 400 })
      .map((pieces) => pieces.join(' '));
    fc.assert(
      fc.property(text, fc.constantFrom(...CODES), fc.integer({ min: 1, max: 120 }), (value, code, minLength) => {
        expect(englishScores(value, code, minLength)).toEqual(francScores(value, code, minLength));
      }),
      { numRuns: 2000 },
    );
  });

  test('equals francAll on text longer than franc reads (2,048 characters)', () => {
    const value = 'Package restore installs the dependencies of a project über Straße. '.repeat(60);
    expect(value.length).toBeGreaterThan(2048);
    for (const code of CODES) expect(englishScores(value, code, 10)).toEqual(francScores(value, code, 10));
  });

  test('franc-min\'s Latin expression shares no character with another script (Latin above half is its top script)', () => {
    const scripts = expressions as Record<string, RegExp>;
    const others = Object.keys(scripts).filter((name) => name !== 'Latin');
    const shared: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      if (!char.match(scripts.Latin)) continue;
      for (const name of others) if (char.match(scripts[name])) shared.push(`${codePoint.toString(16)} ${name}`);
    }
    expect(shared).toEqual([]);
  });

  const corpus = process.env.LOC_LINT_CORPUS ?? path.resolve('..', 'shared', 'corpus');
  const handoff = path.join(corpus, 'nuget', 'handoff');
  const present = existsSync(handoff);
  if (!present) {
    // eslint-disable-next-line no-console
    console.log(`language corpus test SKIPPED: ${handoff} not found (set LOC_LINT_CORPUS or put the corpus at ../shared/corpus)`);
  }
  (present ? test : test.skip)('equals francAll on every paragraph of the NuGet handoff (German and Polish, each with its English)', () => {
    let compared = 0;
    let differing = 0;
    const walk = (dir: string, code: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full, code);
        else if (entry.name.endsWith('.md')) {
          for (const paragraph of readFileSync(full, 'utf8').split(/\n\s*\n/)) {
            compared++;
            if (JSON.stringify([...englishScores(paragraph, code, 80)]) !== JSON.stringify([...francScores(paragraph, code, 80)])) differing++;
          }
        }
      }
    };
    walk(path.join(handoff, 'de-de'), 'deu');
    walk(path.join(handoff, 'pl-pl'), 'pol');
    expect(compared).toBeGreaterThan(1000);
    expect(differing).toBe(0);
  });
});
