/**
 * A simple baseline for the evaluation (npm run ai:eval): multinomial logistic regression on hashed character
 * n-grams, trained with seeded AdaGrad SGD. It shows what the shipped transformers gain over the cheapest
 * reasonable model trained on the same data. Pure TypeScript, no dependencies, one core.
 */

import { charNgramCounts } from './ngrams';

export type LabelledText = { text: string; label: string };

export type BaselineOptions = {
  /** log2 of the number of hashed feature buckets (default 18). */
  bucketBits?: number;
  /** Character n-grams n = 1..maxN of each word padded with a boundary mark (default 4). */
  maxN?: number;
  epochs?: number;
  /** AdaGrad base learning rate. */
  learningRate?: number;
  /** L2 penalty, applied lazily to the weights an example touches. */
  l2?: number;
  seed?: number;
};

export type BaselineModel = {
  labels: string[];
  /** Class probabilities in `labels` order. */
  probabilities(text: string): Float64Array;
  predict(text: string): string;
};

const DEFAULTS = { bucketBits: 18, maxN: 4, epochs: 5, learningRate: 0.3, l2: 1e-6, seed: 1 } satisfies Required<BaselineOptions>;

export type SparseVector = { index: Int32Array; value: Float32Array };

/**
 * NFC + lower case; per whitespace-separated word, the FNV-1a hashes of its n-grams (n = 1..maxN) over the word
 * padded with a boundary mark on both sides; value 1 + ln(count), L2-normalised.
 */
export function featurize(text: string, bucketBits = DEFAULTS.bucketBits, maxN = DEFAULTS.maxN): SparseVector {
  const counts = charNgramCounts(text, bucketBits, 1, maxN, /\s+/u);
  const index = new Int32Array(counts.size);
  const value = new Float32Array(counts.size);
  let k = 0;
  let norm = 0;
  for (const [bucket, count] of counts) {
    index[k] = bucket;
    value[k] = 1 + Math.log(count);
    norm += value[k]! * value[k]!;
    k++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < value.length; i++) value[i]! /= norm;
  return { index, value };
}

/** Deterministic PRNG (mulberry32) for the shuffles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains the baseline; labels are ordered as first seen. Same data, options and seed → same model. */
export function trainBaseline(examples: readonly LabelledText[], options: BaselineOptions = {}): BaselineModel {
  const o = { ...DEFAULTS, ...options };
  if (examples.length === 0) throw new RangeError('no training examples');
  const labels = [...new Set(examples.map((e) => e.label))];
  const K = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const data = examples.map((e) => ({ x: featurize(e.text, o.bucketBits, o.maxN), y: labelIndex.get(e.label)! }));

  // Weights [bucket * K + class] (+ K biases at the end) and their AdaGrad squared-gradient sums.
  const size = (1 << o.bucketBits) * K;
  const w = new Float32Array(size + K);
  const g2 = new Float32Array(size + K);
  const p = new Float64Array(K);
  const scores = (x: SparseVector, out: Float64Array) => {
    for (let k = 0; k < K; k++) out[k] = w[size + k]!;
    for (let j = 0; j < x.index.length; j++) {
      const base = x.index[j]! * K;
      const v = x.value[j]!;
      for (let k = 0; k < K; k++) out[k]! += w[base + k]! * v;
    }
    softmax(out);
  };
  const step = (at: number, grad: number) => {
    g2[at]! += grad * grad;
    w[at]! -= (o.learningRate * grad) / (Math.sqrt(g2[at]!) + 1e-8);
  };

  const rand = random(o.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const { x, y } = data[i]!;
      scores(x, p);
      p[y]! -= 1; // p now holds dLoss/dScore
      for (let k = 0; k < K; k++) step(size + k, p[k]!);
      for (let j = 0; j < x.index.length; j++) {
        const base = x.index[j]! * K;
        const v = x.value[j]!;
        for (let k = 0; k < K; k++) step(base + k, p[k]! * v + o.l2 * w[base + k]!);
      }
    }
  }

  const probabilities = (text: string) => {
    const out = new Float64Array(K);
    scores(featurize(text, o.bucketBits, o.maxN), out);
    return out;
  };
  return {
    labels,
    probabilities,
    predict(text) {
      const q = probabilities(text);
      let best = 0;
      for (let k = 1; k < K; k++) if (q[k]! > q[best]!) best = k;
      return labels[best]!;
    },
  };
}

function softmax(s: Float64Array) {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < s.length; k++) {
    s[k] = Math.exp(s[k]! - max);
    sum += s[k]!;
  }
  for (let k = 0; k < s.length; k++) s[k]! /= sum;
}
