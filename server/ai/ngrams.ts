// Character n-gram hashing shared by the reply-suggestion index (suggest.ts) and the sentiment baseline
// (baseline.ts).

const BOUNDARY = 0x2581; // ▁ marks the start and end of a word
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Letters, combining marks (Bengali vowel signs are marks) and digits make words; everything else separates them.
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * Hashed counts (FNV-1a) of the character n-grams (minN..maxN) of each word padded with boundary marks, NFC and
 * lower case. Words are what `separator` splits apart: punctuation too by default; the sentiment baseline
 * (baseline.ts) splits on whitespace only. A boundary mark alone is never counted.
 */
export function charNgramCounts(text: string, bucketBits: number, minN: number, maxN: number, separator: RegExp = NON_WORD): Map<number, number> {
  const mask = (1 << bucketBits) - 1;
  const counts = new Map<number, number>();
  for (const word of text.normalize('NFC').toLowerCase().split(separator)) {
    if (!word) continue;
    const points = [BOUNDARY, ...Array.from(word, (c) => c.codePointAt(0)!), BOUNDARY];
    for (let start = 0; start < points.length; start++) {
      let h = FNV_OFFSET;
      for (let n = 1; n <= maxN && start + n <= points.length; n++) {
        h = Math.imul(h ^ points[start + n - 1]!, FNV_PRIME);
        if (n < minN || (n === 1 && points[start] === BOUNDARY)) continue;
        const bucket = (h >>> 0) & mask;
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
    }
  }
  return counts;
}

