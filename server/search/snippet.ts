import type { SearchSnippet } from '@/lib/contracts/search';

// Snippets are built here rather than with ts_headline: ts_headline marks only whole-word full-text matches
// (not the substring and Banglish-variant matches that trigrams find) and returns HTML, which the desk would then
// have to trust. This returns plain text with ranges to highlight.

/** Lower case without changing the length (a few characters grow when lowered: those stay as they are). */
function lowerSameLength(s: string) {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** The words of a search, lowered; letters and digits of any script, with Bengali vowel signs (\p{M}). */
export function searchTokens(q: string) {
  return [...new Set((lowerSameLength(q).match(/[\p{L}\p{M}\p{N}@.+_-]+/gu) ?? []).map((t) => t.replace(/^[.+_-]+|[.+_-]+$/g, '')).filter(Boolean))];
}

/** pg_trgm's trigrams of one word: padded with two spaces in front and one behind. */
function trigrams(word: string) {
  const padded = `  ${word} `;
  const chars = [...padded];
  const set = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) set.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return set;
}

/** Trigram similarity of two words, as pg_trgm's similarity() computes it. */
export function wordSimilarity(a: string, b: string) {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

function mergeRanges(ranges: [number, number][]) {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Where the search occurs in the text: the whole search, each of its words, else words spelt alike (Banglish). */
export function findHighlights(text: string, q: string): [number, number][] {
  const hay = lowerSameLength(text);
  const needles = [lowerSameLength(q.trim()), ...searchTokens(q)].filter((n) => n.length >= 1);
  const ranges: [number, number][] = [];
  for (const n of new Set(needles)) {
    for (let i = hay.indexOf(n); i !== -1 && ranges.length < 50; i = hay.indexOf(n, i + n.length)) ranges.push([i, i + n.length]);
  }
  if (ranges.length) return mergeRanges(ranges);
  const tokens = searchTokens(q).filter((t) => [...t].length >= 3);
  for (const m of hay.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    if (tokens.some((t) => wordSimilarity(t, m[0]) >= 0.3)) ranges.push([m.index, m.index + m[0].length]);
  }
  return mergeRanges(ranges);
}

/**
 * A window of the text around the first match, at most `width` characters (plus ellipses), with the matches in
 * it. Cuts at spaces where it can, never inside a surrogate pair.
 */
export function buildSnippet(text: string, q: string, width = 160): SearchSnippet {
  const clean = text.replace(/\s+/g, ' ').trim();
  const all = findHighlights(clean, q);
  if (clean.length <= width) return { text: clean, highlights: all };
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = clean.lastIndexOf(' ', start);
    if (space !== -1 && first - space <= width / 2) start = space + 1;
  }
  let end = Math.min(clean.length, start + width);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  if (/[\uDC00-\uDFFF]/.test(clean[start] ?? '')) start++;
  if (/[\uD800-\uDBFF]/.test(clean[end - 1] ?? '')) end--;
  const prefix = start > 0 ? '… ' : '';
  const body = clean.slice(start, end);
  const shift = prefix.length - start;
  const highlights = all
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]) => [Math.max(s, start) + shift, Math.min(e, end) + shift] as [number, number]);
  return { text: `${prefix}${body}${end < clean.length ? ' …' : ''}`, highlights };
}
