import { describe, expect, it } from 'vitest';
import { featurize, trainBaseline } from './baseline';

const BN = ['আমার অর্ডার কোথায়', 'টাকা ফেরত চাই', 'পণ্যটি খুব ভালো', 'ডেলিভারি দেরি হচ্ছে', 'ধন্যবাদ ভাই', 'আমি খুশি না'];
const EN = ['where is my order', 'I want a refund', 'the product is great', 'delivery is late', 'thanks a lot', 'I am not happy'];

describe('character n-gram baseline', () => {
  it('featurizes into an L2-normalised sparse vector, ignoring case and Unicode composition', () => {
    const x = featurize('Bad BAD bad');
    const norm = Math.hypot(...x.value);
    expect(norm).toBeCloseTo(1, 5);
    expect(Array.from(x.index).every((i) => i >= 0 && i < 2 ** 18)).toBe(true);
    expect(featurize('bad')).toEqual(featurize('BAD'));
    // "ো" composed (U+09CB) and decomposed (U+09C7 U+09BE) are the same letter after NFC.
    expect(featurize('ভালো')).toEqual(featurize('ভাল\u09c7\u09be'));
    expect(featurize('   ').index.length).toBe(0);
  });

  it('learns Bengali script versus Latin script', () => {
    const train = [...BN.map((text) => ({ text, label: 'bn' })), ...EN.map((text) => ({ text, label: 'en' }))];
    const model = trainBaseline(train, { epochs: 10, seed: 7 });
    expect(model.labels).toEqual(['bn', 'en']);
    expect(model.predict('আমার টাকা কোথায়')).toBe('bn');
    expect(model.predict('where is my refund')).toBe('en');
    const p = model.probabilities('পণ্য ভালো');
    expect(p[0]! + p[1]!).toBeCloseTo(1, 10);
    expect(p[0]).toBeGreaterThan(0.5);
  });

  it('learns good versus bad words and is deterministic for a seed', () => {
    const train = [
      ...['good', 'great product', 'really good service', 'great', 'good job'].map((text) => ({ text, label: 'positive' })),
      ...['bad', 'terrible product', 'really bad service', 'terrible', 'bad job'].map((text) => ({ text, label: 'negative' })),
    ];
    const a = trainBaseline(train, { epochs: 10, seed: 3 });
    const b = trainBaseline(train, { epochs: 10, seed: 3 });
    expect(a.predict('good stuff')).toBe('positive');
    expect(a.predict('terrible stuff')).toBe('negative');
    expect(a.probabilities('a great job')).toEqual(b.probabilities('a great job'));
  });

  it('refuses to train on nothing', () => {
    expect(() => trainBaseline([])).toThrow(RangeError);
  });
});
