import { tidyText } from '#lib/cn/index.ts';

/**
 * Search grams of a name: every single character and every pair of adjacent characters,
 * lower-cased. Most Chinese names are 2–3 characters, too short for trigrams, so 1- and
 * 2-character queries need these to use an index instead of scanning.
 */
export function nameGrams(...names: (string | null | undefined)[]): string[] {
  const grams = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const chars = [...searchForm(name)];
    chars.forEach((ch, i) => {
      if (ch === ' ') return;
      grams.add(ch);
      const next = chars[i + 1];
      if (next && next !== ' ') grams.add(ch + next);
    });
  }
  return [...grams];
}

/**
 * The grams a query must contain: its bigrams, or its single characters when it has no two
 * adjacent non-space characters ('王', '李 雷').
 */
export function queryGrams(query: string): string[] {
  const chars = [...searchForm(query)];
  const grams = new Set<string>();
  chars.forEach((ch, i) => {
    const next = chars[i + 1];
    if (next && ch !== ' ' && next !== ' ') grams.add(ch + next);
  });
  if (grams.size === 0) for (const ch of chars) if (ch !== ' ') grams.add(ch);
  return [...grams];
}

/** The form both stored names and queries are compared in (as stored, lower-cased). */
export function searchForm(s: string): string {
  return tidyText(s).toLowerCase();
}

/** A LIKE pattern matching the query anywhere, with LIKE's wildcards escaped. */
export function containsPattern(query: string): string {
  return `%${searchForm(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
