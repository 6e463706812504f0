import { describe, expect, it } from 'vitest';
import { charNgramCounts, type Entry, maskPersonalNumbers, pickSuggestions, type Scored, SuggestionIndex } from './suggest';
import { hitRates, parseCsv, topK } from './suggest-eval';

let seq = 0;
function entry(over: Partial<Entry> & { key: string }): Entry {
  seq++;
  return { id: `history:${seq}`, source: 'history', reply: `reply ${seq}`, lang: 'en', vendorId: null, conversationId: null, at: seq, embedding: null, ...over };
}

const unit = (...xs: number[]) => {
  const v = Float32Array.from(xs);
  const n = Math.hypot(...xs);
  return v.map((x) => x / n);
};

describe('character n-grams', () => {
  it('keeps Bengali vowel signs inside words and splits on punctuation', () => {
    // "কোথায়" with its vowel signs is one word: the same n-grams as in a longer sentence, none across the "?".
    const alone = charNgramCounts('কোথায়', 18, 2, 4);
    const inSentence = charNgramCounts('অর্ডার কোথায়?', 18, 2, 4);
    for (const b of alone.keys()) expect(inSentence.has(b)).toBe(true);
    expect(charNgramCounts('order?', 18, 2, 4)).toEqual(charNgramCounts('ORDER', 18, 2, 4));
  });
});

describe('SuggestionIndex', () => {
  it('ranks by TF-IDF: the past request closest in wording comes first, words everyone uses count little', () => {
    const index = new SuggestionIndex();
    const refund = entry({ key: 'I want a refund for my broken blender', reply: 'Refund steps' });
    const track = entry({ key: 'where is my order, I want to track it', reply: 'Tracking link' });
    const hello = entry({ key: 'hello I want help', reply: 'Hi!' });
    index.add([refund, track, hello]);
    const ranked = index.search({ text: 'how do I get a refund? the blender is broken' }, { method: 'tfidf' });
    expect(ranked[0]!.entry.id).toBe(refund.id);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(index.search({ text: 'track my order please' }, { method: 'tfidf' })[0]!.entry.id).toBe(track.id);
  });

  it('adds each id once and keeps only the most recent history replies; canned responses stay', () => {
    const index = new SuggestionIndex({ maxHistory: 2 });
    const canned = entry({ id: 'canned:a', source: 'canned', key: 'delivery times inside Dhaka', at: 0 });
    const old = entry({ key: 'delivery to Sylhet', at: 10 });
    const mid = entry({ key: 'delivery to Khulna', at: 20 });
    const recent = entry({ key: 'delivery to Rajshahi', at: 30 });
    expect(index.add([canned, old, mid])).toBe(3);
    expect(index.add([mid, recent])).toBe(1);
    expect(index.size).toBe(3);
    expect(index.has(old.id)).toBe(false);
    expect(index.has(canned.id)).toBe(true);
    const ids = index.search({ text: 'delivery to Sylhet' }, { method: 'tfidf' }).map((s) => s.entry.id);
    expect(ids).not.toContain(old.id);
    expect(ids).toEqual(expect.arrayContaining([canned.id, mid.id, recent.id]));
  });

  it('encoder ranks by vector; hybrid mixes both; without a query vector both fall back to TF-IDF', () => {
    const index = new SuggestionIndex();
    const near = entry({ key: 'parcel not here yet', embedding: unit(1, 0, 0) });
    const worded = entry({ key: 'refund my parcel money', embedding: unit(0, 1, 0) });
    const noVector = entry({ key: 'refund money parcel', embedding: null });
    index.add([near, worded, noVector]);
    const q = { text: 'refund money for the parcel', embedding: unit(1, 0.1, 0) };
    const byEncoder = index.search(q, { method: 'encoder' }).map((s) => s.entry.id);
    expect(byEncoder).toEqual([near.id, worded.id]); // the entry without a vector cannot be ranked by vectors
    const byTfidf = index.search(q, { method: 'tfidf' }).map((s) => s.entry.id);
    expect(byTfidf[0]).not.toBe(near.id);
    const byHybrid = index.search(q, { method: 'hybrid' });
    expect(byHybrid.map((s) => s.entry.id)).toContain(noVector.id);
    const nearHybrid = byHybrid.find((s) => s.entry.id === near.id)!.score;
    const nearTfidf = index.search(q, { method: 'tfidf' }).find((s) => s.entry.id === near.id)!.score;
    expect(nearHybrid).toBeCloseTo(0.5 * nearTfidf + 0.5 * (1 / Math.hypot(1, 0.1)), 5);
    expect(index.search({ text: q.text }, { method: 'encoder' }).map((s) => s.entry.id)).toEqual(byTfidf);
  });

  it('filters candidates (vendor scope) before ranking', () => {
    const index = new SuggestionIndex();
    const mine = entry({ key: 'saree colour fades', vendorId: 'v1' });
    const theirs = entry({ key: 'saree colour fades after wash', vendorId: 'v2' });
    index.add([mine, theirs]);
    const ids = index.search({ text: 'saree colour fades after wash' }, { method: 'tfidf', filter: (e) => e.vendorId === 'v1' }).map((s) => s.entry.id);
    expect(ids).toEqual([mine.id]);
  });
});

describe('pickSuggestions', () => {
  const scored = (lang: Entry['lang'], score: number, reply = `${lang}-${score}`, source: Entry['source'] = 'history'): Scored => ({ entry: entry({ key: reply, reply, lang, source }), score });

  it('answers Bengali script in Bengali first, then replies for any language, never English or Banglish', () => {
    const ranked = [scored('en', 0.9), scored('bn', 0.5), scored(null, 0.4, 'any', 'canned'), scored('banglish', 0.8), scored('latin', 0.7)];
    expect(pickSuggestions(ranked, 'bn').map((s) => s.text)).toEqual(['bn-0.5', 'any']);
  });

  it('answers Banglish in Banglish (or unknown Latin) first, then English; English in English first', () => {
    const ranked = [scored('en', 0.9), scored('bn', 0.85), scored('banglish', 0.3), scored('latin', 0.2)];
    expect(pickSuggestions(ranked, 'banglish').map((s) => s.text)).toEqual(['banglish-0.3', 'latin-0.2', 'en-0.9']);
    expect(pickSuggestions(ranked, 'en').map((s) => s.text)).toEqual(['en-0.9', 'latin-0.2']);
  });

  it('treats replies that differ only in their numbers as one', () => {
    const ranked = [scored('en', 0.9, 'Your order [1] ships in 2 days'), scored('en', 0.8, 'Your order [2] ships in 3 days'), scored('en', 0.7, 'Other')];
    expect(pickSuggestions(ranked, 'en').map((s) => s.text)).toEqual(['Your order [1] ships in 2 days', 'Other']);
  });

  it('shows each reply text once, at most k, nothing under the minimum score', () => {
    const ranked = [scored('en', 0.9, 'Same reply'), scored('en', 0.8, 'same   reply'), scored('en', 0.7, 'B'), scored('en', 0.6, 'C'), scored('en', 0.5, 'D')];
    expect(pickSuggestions(ranked, 'en').map((s) => s.text)).toEqual(['Same reply', 'B', 'C']);
    expect(pickSuggestions(ranked, 'en', { minScore: 0.75 }).map((s) => s.text)).toEqual(['Same reply']);
    expect(pickSuggestions(ranked, 'en', { k: 1 })).toHaveLength(1);
  });
});

describe('maskPersonalNumbers', () => {
  it('hides another customer’s order, phone and transaction numbers in past replies, keeps short numbers', () => {
    expect(maskPersonalNumbers('Let me check DB-240123 for you.')).toBe('Let me check […] for you.');
    expect(maskPersonalNumbers('Call (01712345678) or use BKA8N7A6B2K1?')).toBe('Call ([…]) or use […]?');
    expect(maskPersonalNumbers('অর্ডার ২৪০১২৩ পাঠানো হয়েছে, ১–২ দিনে পাবেন')).toBe('অর্ডার […] পাঠানো হয়েছে, ১–২ দিনে পাবেন');
    expect(maskPersonalNumbers('Delivery takes 3-5 days, 120 taka')).toBe('Delivery takes 3-5 days, 120 taka');
  });
});

describe('suggestion evaluation helpers', () => {
  it('parses CSV with a BOM, quotes, doubled quotes and commas inside quotes', () => {
    const rows = parseCsv('\ufeffflags,utterance,intent\r\nB,"hi, ""there""",greet\nBL,plain,track_order\n');
    expect(rows).toEqual([
      { flags: 'B', utterance: 'hi, "there"', intent: 'greet' },
      { flags: 'BL', utterance: 'plain', intent: 'track_order' },
    ]);
  });

  it('topK returns the indices of the largest finite scores, best first', () => {
    expect(topK([0.1, NaN, 0.9, 0.5, 0.7], 3)).toEqual([2, 4, 3]);
    expect(topK([0.2], 3)).toEqual([0]);
  });

  it('hit rates count gold labels at rank 1, in the top 3, and among the first 3 distinct labels', () => {
    const r = hitRates(['a', 'b', 'c'], [['a', 'x', 'y'], ['x', 'x', 'x', 'b'], ['x', 'y', 'z', 'c']]);
    expect(r.top1).toBeCloseTo(1 / 3);
    expect(r.top3).toBeCloseTo(1 / 3);
    expect(r.top3DistinctIntents).toBeCloseTo(2 / 3);
  });
});
