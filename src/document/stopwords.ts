/**
 * Stopwords of 58 languages (stopwords-iso): the small words every sentence of a language is full of (`the`,
 * `und`, `je`, `の` aside), which lists of names, parameters and product names do not have. untranslated-segment
 * asks for them before it calls text English: `Debug, ErrorAction, ErrorVariable` or `Saim Safdar, Waleed Ahmed`
 * has no English stopword, a sentence left in English has several.
 *
 * The lists are one JSON file of the package, read when first asked for (most runs never need them).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let lists: Record<string, string[]> | undefined;
const sets = new Map<string, Set<string> | undefined>();

function allLists(): Record<string, string[]> {
  if (!lists) {
    const resolveFrom = createRequire(import.meta.url);
    lists = JSON.parse(readFileSync(resolveFrom.resolve('stopwords-iso/stopwords-iso.json'), 'utf8')) as Record<string, string[]>;
  }
  return lists;
}

/** The stopwords of a language (ISO 639-1 code or a locale, `de-DE` → `de`), lower case; undefined if none. */
export function stopwordsOf(locale: string): Set<string> | undefined {
  const language = locale.toLowerCase().split(/[-_]/)[0];
  if (sets.has(language)) return sets.get(language);
  // Only words of letters: the lists also hold digits and contractions (`'ll`, `10`).
  const list = allLists()[language]?.filter((word) => /^\p{L}+$/u.test(word));
  const set = list && list.length > 0 ? new Set(list.map((word) => word.toLowerCase())) : undefined;
  sets.set(language, set);
  return set;
}

/** How many of `words` (lower-cased here) are stopwords of `locale`. */
export function stopwordCount(words: readonly string[], locale: string): number {
  const set = stopwordsOf(locale);
  if (!set) return 0;
  let count = 0;
  for (const word of words) if (set.has(word.toLowerCase())) count++;
  return count;
}
