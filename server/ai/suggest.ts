/**
 * Reply suggestions, the pure part: an index of candidate replies (canned responses and past agent replies to
 * customer messages) ranked against the customer's last message, then filtered by language. No database, no
 * model: the service (suggest.service.ts) fills the index and brings the encoder's vectors from the AI worker.
 *
 * Ranking methods (compared by `npm run ai:eval`, "reply suggestions"; see ml/MODEL_CARD.md):
 * - `tfidf`: cosine of character n-gram TF-IDF vectors (n = 2..4 inside words, hashed). Needs no model.
 * - `encoder`: cosine of the shipped intent encoder's pooled sentence vectors (ONNX output `sentence_embedding`).
 * - `hybrid`: the mean of the two cosines.
 * A history candidate is matched on the customer message it answered, a canned response on its title and text.
 */
import type { Lang } from '@/lib/contracts/ai';
import { charNgramCounts } from './ngrams';

export const RANKING_METHODS = ['tfidf', 'encoder', 'hybrid'] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

/**
 * What runs in production: the best method in `ai:eval` (ml/MODEL_CARD.md, "Reply suggestions"). TF-IDF: top-3
 * hit rate 0.811 on the independent Bitext sample against 0.724 (hybrid) and 0.472 (encoder); the encoder was
 * trained on 7 coarse intents and does not separate Bitext's 27 fine ones. It also needs no model.
 */
export const DEFAULT_RANKING_METHOD: RankingMethod = 'tfidf';

/** Weight of the TF-IDF cosine in `hybrid` (fixed at the midpoint, not tuned on the test queries). */
export const HYBRID_TFIDF_WEIGHT = 0.5;

export type SuggestionSource = 'canned' | 'history';

/**
 * The language a candidate reply is written in. `latin`: a Latin-script reply whose language (English or
 * Banglish) is not known; null: suits any customer (a canned response without a language).
 */
export type ReplyLang = 'en' | 'bn' | 'banglish' | 'latin' | null;

export type Entry = {
  /** `canned:<id>` or `history:<reply message id>`. */
  id: string;
  source: SuggestionSource;
  /** The text the agent gets in the composer. */
  reply: string;
  /** The text compared with the customer's message. */
  key: string;
  lang: ReplyLang;
  /** History: the vendor of the conversation the reply was written in (null: the platform's own). */
  vendorId: string | null;
  /** History: the conversation the reply was written in. */
  conversationId: string | null;
  /** Recency for history (the reply's message id: larger is newer); 0 for canned responses. */
  at: number;
  embedding: Float32Array | null;
};

export type Scored = { entry: Entry; score: number };
export type Query = { text: string; embedding?: Float32Array | null };

type SparseVector = { index: Int32Array; value: Float32Array };

export { charNgramCounts };

export type IndexOptions = {
  /** Most recent history replies kept (older ones are dropped first). Canned responses are not counted. */
  maxHistory?: number;
  bucketBits?: number;
  minN?: number;
  maxN?: number;
};

const DEFAULTS = { maxHistory: 2000, bucketBits: 18, minN: 2, maxN: 4 } satisfies Required<IndexOptions>;

type Stored = Entry & { tf: SparseVector };

/**
 * Candidate replies with their TF-IDF term counts and (when the encoder was available) sentence vectors.
 * IDF is recomputed lazily after changes, so adding one reply costs only its own n-grams.
 */
export class SuggestionIndex {
  private readonly o: Required<IndexOptions>;
  private stored: Stored[] = [];
  private ids = new Set<string>();
  private df: Int32Array;
  private weighted: SparseVector[] | null = null;
  private idf: Float32Array | null = null;
  private dense: Float32Array;

  constructor(options: IndexOptions = {}) {
    this.o = { ...DEFAULTS, ...options };
    this.df = new Int32Array(1 << this.o.bucketBits);
    this.dense = new Float32Array(1 << this.o.bucketBits);
  }

  get size() {
    return this.stored.length;
  }

  has(id: string) {
    return this.ids.has(id);
  }

  entries(): readonly Entry[] {
    return this.stored;
  }

  /** Adds entries whose id is new; then drops the oldest history entries beyond maxHistory. Returns how many were added. */
  add(entries: readonly Entry[]): number {
    let added = 0;
    for (const e of entries) {
      if (this.ids.has(e.id)) continue;
      const counts = charNgramCounts(e.key, this.o.bucketBits, this.o.minN, this.o.maxN);
      const index = Int32Array.from(counts.keys());
      const value = Float32Array.from(counts.values(), (c) => 1 + Math.log(c));
      for (const b of index) this.df[b]!++;
      this.stored.push({ ...e, tf: { index, value } });
      this.ids.add(e.id);
      added++;
    }
    if (added) {
      this.trimHistory();
      this.weighted = null;
    }
    return added;
  }

  /** Entries without a sentence vector (added while the encoder was unavailable). */
  withoutEmbedding(): Entry[] {
    return this.stored.filter((e) => !e.embedding);
  }

  setEmbedding(id: string, embedding: Float32Array) {
    const e = this.stored.find((s) => s.id === id);
    if (e) e.embedding = embedding;
  }

  private trimHistory() {
    const history = this.stored.filter((e) => e.source === 'history');
    if (history.length <= this.o.maxHistory) return;
    const cutoff = history.map((e) => e.at).sort((a, b) => b - a)[this.o.maxHistory - 1]!;
    let keep = this.o.maxHistory - history.filter((e) => e.at > cutoff).length; // ties at the cutoff
    this.stored = this.stored.filter((e) => {
      if (e.source !== 'history' || e.at > cutoff) return true;
      if (e.at === cutoff && keep > 0) {
        keep--;
        return true;
      }
      for (const b of e.tf.index) this.df[b]!--;
      this.ids.delete(e.id);
      return false;
    });
  }

  /** TF-IDF vectors of all entries, L2-normalised, computed once per change. Smooth IDF: ln((N + 1) / (df + 1)) + 1. */
  private weightedVectors(): SparseVector[] {
    if (this.weighted) return this.weighted;
    const n = this.stored.length;
    const idf = new Float32Array(this.df.length);
    for (let b = 0; b < idf.length; b++) if (this.df[b]) idf[b] = Math.log((n + 1) / (this.df[b]! + 1)) + 1;
    this.idf = idf;
    this.weighted = this.stored.map(({ tf }) => {
      const value = new Float32Array(tf.value.length);
      let norm = 0;
      for (let j = 0; j < value.length; j++) {
        value[j] = tf.value[j]! * idf[tf.index[j]!]!;
        norm += value[j]! * value[j]!;
      }
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < value.length; j++) value[j]! /= norm;
      return { index: tf.index, value };
    });
    return this.weighted;
  }

  /** TF-IDF cosine of the query with every entry (0 for entries sharing no n-gram). */
  private tfidfScores(text: string): Float32Array {
    const weighted = this.weightedVectors();
    const idf = this.idf!;
    const scores = new Float32Array(this.stored.length);
    const counts = charNgramCounts(text, this.o.bucketBits, this.o.minN, this.o.maxN);
    // n-grams no entry has (idf 0) cannot match anything but still count in the query's length.
    const n = this.stored.length;
    const unseenIdf = Math.log(n + 1) + 1;
    let norm = 0;
    for (const [b, c] of counts) {
      const w = (1 + Math.log(c)) * (idf[b] || unseenIdf);
      if (idf[b]) this.dense[b] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    const dense = this.dense;
    for (let i = 0; i < weighted.length; i++) {
      const { index, value } = weighted[i]!;
      let s = 0;
      for (let j = 0; j < index.length; j++) s += value[j]! * dense[index[j]!]!;
      scores[i] = s / norm;
    }
    for (const b of counts.keys()) dense[b] = 0;
    return scores;
  }

  /** Encoder cosine of the query vector with every entry, in entries() order; NaN for entries without a vector. */
  private encoderScores(q: Float32Array): Float32Array {
    const scores = new Float32Array(this.stored.length);
    for (let i = 0; i < this.stored.length; i++) {
      const v = this.stored[i]!.embedding;
      if (!v || v.length !== q.length) {
        scores[i] = NaN;
        continue;
      }
      let dot = 0;
      for (let j = 0; j < v.length; j++) dot += v[j]! * q[j]!;
      scores[i] = dot;
    }
    return scores;
  }

  /** Both similarities of the query with every entry, in entries() order (the evaluation ranks them several ways). */
  similarities(query: Query): { tfidf: Float32Array; encoder: Float32Array | null } {
    return { tfidf: this.tfidfScores(query.text), encoder: query.embedding ? this.encoderScores(query.embedding) : null };
  }

  /**
   * The `limit` best entries that pass `filter`, best first. `encoder` and `hybrid` need the query's vector;
   * without it (encoder unavailable) the ranking is TF-IDF alone. An entry without a vector scores its TF-IDF
   * cosine in `hybrid` and is left out of `encoder`.
   */
  search(query: Query, opts: { method: RankingMethod; limit?: number; filter?: (e: Entry) => boolean }): Scored[] {
    const limit = opts.limit ?? 50;
    const method: RankingMethod = query.embedding ? opts.method : 'tfidf';
    const tfidf = method === 'encoder' ? null : this.tfidfScores(query.text);
    const encoder = method === 'tfidf' ? null : this.encoderScores(query.embedding!);
    const out: Scored[] = [];
    for (let i = 0; i < this.stored.length; i++) {
      const entry = this.stored[i]!;
      if (opts.filter && !opts.filter(entry)) continue;
      const score = combine(method, tfidf?.[i] ?? 0, encoder?.[i] ?? NaN);
      if (Number.isNaN(score)) continue;
      out.push({ entry, score });
    }
    out.sort((a, b) => b.score - a.score || b.entry.at - a.entry.at);
    return out.slice(0, limit);
  }
}

/** One entry's score under a method; NaN (left out) for `encoder` when the entry has no vector. */
export function combine(method: RankingMethod, tfidf: number, encoder: number): number {
  if (method === 'tfidf') return tfidf;
  if (method === 'encoder') return encoder;
  return Number.isNaN(encoder) ? tfidf : HYBRID_TFIDF_WEIGHT * tfidf + (1 - HYBRID_TFIDF_WEIGHT) * encoder;
}

/**
 * Which reply languages suit a customer, best first: each tier is used only to fill what the tiers before it left
 * open. Bengali script is answered in Bengali script; Banglish in Banglish, then Latin-script English (Banglish
 * writers read it; our canned responses have no Banglish versions); English in English. `unknown`: Latin-script
 * text the language model has not read (it was unavailable).
 */
export const LANGUAGE_TIERS: Record<Lang | 'unknown', ReplyLang[][]> = {
  en: [['en'], ['latin', null]],
  banglish: [['banglish', 'latin'], ['en', null]],
  bn: [['bn'], [null]],
  mixed: [['bn'], ['en', null]],
  unknown: [['en', 'banglish', 'latin'], [null]],
};

export type Suggestion = { id: string; text: string; source: SuggestionSource; score: number };

// Replies that differ only in numbers (order numbers, amounts) are the same suggestion.
const sameText = (s: string) => s.normalize('NFC').toLowerCase().replace(/\p{Nd}+/gu, '#').replace(/\s+/g, ' ').trim();

/**
 * A past reply was written for another customer: a word with four or more digits in it (order number, phone
 * number, transaction id) is theirs, so it is shown as "[…]" for the agent to fill in. Punctuation around it stays.
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(/\S+/gu, (word) => ((word.match(/\p{Nd}/gu)?.length ?? 0) >= 4 ? word.replace(/^(\p{P}*).*?(\p{P}*)$/u, '$1[…]$2') : word));
}

/**
 * Up to `k` suggestions from ranked candidates: the customer's language first (LANGUAGE_TIERS), each reply text
 * once (its best score), nothing below `minScore`. Replies in a language the customer does not write are dropped.
 */
export function pickSuggestions(ranked: readonly Scored[], customerLang: Lang | 'unknown', opts: { k?: number; minScore?: number } = {}): Suggestion[] {
  const k = opts.k ?? 3;
  const minScore = opts.minScore ?? -Infinity;
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const tier of LANGUAGE_TIERS[customerLang]) {
    for (const { entry, score } of ranked) {
      if (out.length >= k) return out;
      if (score < minScore || !tier.includes(entry.lang)) continue;
      const key = sameText(entry.reply);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      out.push({ id: entry.id, text: entry.reply, source: entry.source, score });
    }
  }
  return out;
}
