/**
 * franc-min's scores of a text for English and one other language, as `francAll(text, { only: [code, 'eng'],
 * minLength })` gives them, for less CPU.
 *
 * `untranslated-segment` asks this of nearly every translated paragraph of a run, and franc spends most of it
 * on work a two-language question does not need: it matches every script's expression against the text to find
 * the most used script (one array of matched characters per script), and builds the text's trigrams as an object,
 * then a sorted array of tuples (the sort does not change a distance, which is a sum). Here, when Latin letters
 * are more than half the text (the scripts' expressions share no character, so Latin is then franc's top
 * script), the trigrams are counted in a Map and both distances summed in one pass, with franc's own data,
 * cleaning, distance and normalisation. Any other text goes to franc itself. test/language.test.ts checks that
 * both give the same scores on the corpus and on generated text.
 */
import { francAll } from 'franc-min';
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/* franc-min's constants (franc-min/index.js). */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;

const LATIN = (expressions as Record<string, RegExp>).Latin;
const latinModels = (data as Record<string, Record<string, string>>).Latin;

/** Trigram → weight per language of the Latin script, built as franc builds them (first listed wins). */
const models = new Map<string, Map<string, number>>();
function modelOf(language: string): Map<string, number> {
  let model = models.get(language);
  if (!model) {
    const trigrams = latinModels[language].split('|');
    model = new Map();
    for (let weight = trigrams.length - 1; weight >= 0; weight--) model.set(trigrams[weight], weight);
    models.set(language, model);
  }
  return model;
}

/** trigram-utils' `clean`: ASCII punctuation, symbols and digits to spaces, white space collapsed, lower case. */
function clean(value: string): string {
  return value.replace(/[\u0021-\u0040]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** How often each trigram of the cleaned, space-padded text occurs (trigram-utils' `asDictionary`). */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${clean(value)} `;
  const counts = new Map<string, number>();
  for (let index = 0; index + 3 <= padded.length; index++) {
    const trigram = padded.slice(index, index + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/**
 * The scores franc-min's `francAll` gives `text` for `eng` and `code` (1 for the better; no entry for a language
 * franc does not score, such as `code` when it is not written in Latin letters; `und` alone when franc cannot tell).
 */
export function englishScores(text: string, code: string, minLength: number): Map<string, number> {
  const value = text.slice(0, MAX_LENGTH);
  const latin = text.length < minLength ? 0 : (value.match(LATIN)?.length ?? 0);
  // Short text, text in other scripts (or without letters): franc itself.
  if (!text || latin * 2 <= value.length) return new Map(francAll(text, { only: [code, 'eng'], minLength }));
  // franc's getDistances: the languages of the script's data that are asked for, in the data's order (English
  // is always one of them).
  const languages = Object.keys(latinModels).filter((language) => language === code || language === 'eng');
  const counts = trigramCounts(value);
  const distances = languages.map((language): [string, number] => {
    const model = modelOf(language);
    let distance = 0;
    for (const [trigram, count] of counts) {
      const weight = model.get(trigram);
      distance += weight === undefined ? MAX_DIFFERENCE : Math.abs(count - weight - 1);
    }
    return [language, distance];
  });
  distances.sort((a, b) => a[1] - b[1]);
  // franc's normalize.
  const min = distances[0][1];
  const max = value.length * MAX_DIFFERENCE - min;
  return new Map(distances.map(([language, distance]) => [language, 1 - (distance - min) / max || 0]));
}

/** Scripts CLDR names for a writing system made of several Unicode scripts. */
const SCRIPT_PARTS: Record<string, string[]> = { Jpan: ['Han', 'Hiragana', 'Katakana'], Kore: ['Hangul', 'Han'], Hans: ['Han'], Hant: ['Han'] };

/**
 * The characters of the script a locale is written in, by CLDR's likely subtags (`hi` → Devanagari, `ur` →
 * Arabic, `ru` → Cyrillic, `ja` → Han and kana), as a global expression; undefined for Latin-script locales and
 * locales CLDR does not know.
 */
export function localeScript(locale: string): RegExp | undefined {
  let script: string | undefined;
  try {
    script = new Intl.Locale(locale.replace(/_/g, '-')).maximize().script;
  } catch {
    return undefined;
  }
  if (!script || script === 'Latn') return undefined;
  try {
    return new RegExp(`[${(SCRIPT_PARTS[script] ?? [script]).map((name) => `\\p{Script=${name}}`).join('')}]`, 'gu');
  } catch {
    return undefined;
  }
}
