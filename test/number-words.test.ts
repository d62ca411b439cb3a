/**
 * Number words of every language from maintained data: n2words, generated into src/document/number-words-data.ts
 * by scripts/number-words.mjs (checked here to be what n2words gives), and CLDR's compact multipliers.
 */
import { spawnSync } from 'node:child_process';
import { numberWords } from '../src/document/number-words.js';

const words = (prose: string, locale: string) => Object.fromEntries(numberWords(prose, locale));

test('src/document/number-words-data.ts is what scripts/number-words.mjs makes from the installed n2words', () => {
  const run = spawnSync(process.execPath, ['scripts/number-words.mjs', '--check'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

test.each([
  ['cs-cz', 'Použijte dva operátory.', { 2: 1 }],
  ['zh-cn', '安装三个包。', { 3: 1 }],
  // `參` is a financial numeral and an everyday character (`參閱`, see): only everyday numerals count.
  ['zh-tw', '請參閱第三節的十個範例', { 3: 1, 10: 1 }],
  ['ja-jp', '三つのファイル', { 3: 1 }],
  ['tr-tr', 'İki paket ve üç dosya', { 2: 1, 3: 1 }],
  ['es-es', 'Hay tres formas y dos paquetes.', { 3: 1, 2: 1 }],
  ['ru-ru', 'три способа', { 3: 1 }],
  // Brazilian Portuguese gets n2words' Portuguese (same language and script).
  ['pt-br', 'dois pacotes', { 2: 1 }],
  // Inflected forms and compounds of a word of four letters or more, whatever the language: the word or all of it
  // but its last letter starts them (`trzy` → `trzema`, `eins` → `eine`); shorter words only as they are (`dwa`).
  ['de-de', 'Der Vorgang wird dreimal wiederholt, eine dreistellige Zahl.', { 3: 2, 1: 1 }],
  ['pl-pl', 'z trzema pakietami i dwoma plikami', { 3: 1 }],
])('%s: the number words of %j', (locale, prose, expected) => {
  expect(words(prose, locale)).toEqual(Object.fromEntries(Object.entries(expected).map(([value, count]) => [value, count])));
});

test('a one-letter word of a spaced script is not a number word (Korean 이 is "this")', () => {
  expect(words('이 패키지를 설치합니다', 'ko-kr')).toEqual({});
  expect(words('이십 개의 패키지', 'ko-kr')).toEqual({ 20: 1 });
});

test('English keeps the words that say a number without being one', () => {
  expect(words('Both files, a single package, twice.', 'en')).toEqual({ 2: 2, 1: 2 });
});

test('a locale n2words does not know has no number words, and no error', () => {
  expect(words('kaksi', 'xx-yy')).toEqual({});
  expect(words('kaksi', 'not a locale')).toEqual({});
});
