import { describe, expect, it } from 'vitest';
import {
  assignVariant,
  earlyStoppingWarning,
  remainingSample,
  sampleSizeMeans,
  sampleSizeProportions,
  summarize,
  twoProportionTest,
  welchTest,
} from './experiment-stats';

const ids = Array.from({ length: 10_000 }, (_, i) => `visitor-${i}`);
const share = (assigned: string[], key: string) => assigned.filter((k) => k === key).length / assigned.length;

describe('assignVariant', () => {
  const halves = [
    { key: 'control', weight: 50 },
    { key: 'friendly', weight: 50 },
  ];
  const thirds = [
    { key: 'control', weight: 1 },
    { key: 'a', weight: 1 },
    { key: 'b', weight: 1 },
  ];

  it('gives a visitor the same variant on every call, matching an independent implementation of the hash', () => {
    // Expected values from a separate Python implementation of FNV-1a 32 + murmur3 fmix32 over UTF-8 bytes of
    // `${key}\0${id}`. If this test breaks, every running experiment would reshuffle its visitors.
    const expected3 = ['b', 'control', 'control', 'b', 'b', 'control', 'a', 'b', 'b', 'a', 'b', 'control'];
    for (let round = 0; round < 3; round++) {
      expect(expected3.map((_, i) => assignVariant('chat-greeting', `visitor-${i + 1}`, thirds))).toEqual(expected3);
    }
    expect(assignVariant('chat-greeting', 'visitor-2', halves)).toBe('control');
    expect(assignVariant('chat-greeting', 'visitor-42', halves)).toBe('friendly');
    expect(assignVariant('chat-greeting', 'c2f1e0a4-7b1d-4e53-9a3e-1f0d2b6c8e90', halves)).toBe('friendly');
    expect(assignVariant('chat-greeting', 'অতিথি-৭', halves)).toBe('friendly');
  });

  it('respects weights over 10,000 visitors', () => {
    const variants = [
      { key: 'control', weight: 50 },
      { key: 'quick-replies', weight: 30 },
      { key: 'bot-first', weight: 20 },
      { key: 'retired', weight: 0 },
    ];
    const assigned = ids.map((id) => assignVariant('quick-replies-v1', id, variants));
    // Binomial sd at n = 10,000 is at most 0.5 percentage points; 1.5 points is three of them.
    expect(Math.abs(share(assigned, 'control') - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(share(assigned, 'quick-replies') - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(share(assigned, 'bot-first') - 0.2)).toBeLessThan(0.015);
    expect(share(assigned, 'retired')).toBe(0);
  });

  it('reshuffles visitors when the experiment key changes', () => {
    const first = ids.map((id) => assignVariant('greeting-v1', id, halves));
    const second = ids.map((id) => assignVariant('greeting-v2', id, halves));
    // Independent 50/50 assignments disagree for half the visitors; a correlated hash would keep most in place.
    const moved = first.filter((k, i) => k !== second[i]).length / ids.length;
    expect(Math.abs(moved - 0.5)).toBeLessThan(0.015);
    const controlInFirst = second.filter((_, i) => first[i] === 'control');
    expect(Math.abs(share(controlInFirst, 'control') - 0.5)).toBeLessThan(0.02);
  });

  it('rejects variant lists that cannot assign anyone', () => {
    expect(() => assignVariant('x', 'v', [])).toThrow(RangeError);
    expect(() => assignVariant('x', 'v', [{ key: 'a', weight: 0 }])).toThrow(RangeError);
    expect(() => assignVariant('x', 'v', [{ key: 'a', weight: -1 }, { key: 'b', weight: 2 }])).toThrow(RangeError);
    expect(() => assignVariant('x', 'v', [{ key: 'a', weight: 1 }, { key: 'a', weight: 1 }])).toThrow(RangeError);
    expect(() => assignVariant('', 'v', halves)).toThrow(RangeError);
    expect(() => assignVariant('x', '', halves)).toThrow(RangeError);
  });
});

describe('twoProportionTest', () => {
  it('matches the pooled z-test on 200/1,000 vs 250/1,000', () => {
    // Worked by hand: p̄ = 450/2000 = 0.225, SE0 = √(0.225·0.775·(2/1000)) = 0.018675, z = 0.05 / SE0 = 2.6774.
    // Checked with scipy 1.17: 2·norm.sf(z) = 0.0074196; z² = 7.168459 equals Pearson's χ² without Yates'
    // correction (scipy.stats.chi2_contingency(..., correction=False)), the textbook identity for 2×2 tables.
    // Unpooled SE = √(0.2·0.8/1000 + 0.25·0.75/1000) = 0.018641, 95% CI = 0.05 ± 1.95996·SE.
    const r = twoProportionTest({ successA: 200, totalA: 1000, successB: 250, totalB: 1000 });
    expect(r.pA).toBe(0.2);
    expect(r.pB).toBe(0.25);
    expect(r.diff).toBeCloseTo(0.05, 12);
    expect(r.relativeLift).toBeCloseTo(0.25, 12);
    expect(r.z).toBeCloseTo(2.6773978, 6);
    expect(r.z! ** 2).toBeCloseTo(7.1684588, 6);
    expect(r.pValue).toBeCloseTo(0.0074196493, 8);
    expect(r.ci![0]).toBeCloseTo(0.01346362, 7);
    expect(r.ci![1]).toBeCloseTo(0.08653638, 7);
    expect(r.significant).toBe(true);
  });

  it('reverses sign when the arms are swapped, and respects a stricter alpha', () => {
    const r = twoProportionTest({ successA: 250, totalA: 1000, successB: 200, totalB: 1000 }, 0.005);
    expect(r.z).toBeCloseTo(-2.6773978, 6);
    expect(r.pValue).toBeCloseTo(0.0074196493, 8);
    expect(r.significant).toBe(false);
    // 99.5% interval −0.05 ± 2.807034·0.018641 (scipy norm.ppf(0.9975)): now crosses 0, agreeing with the test.
    expect(r.ci![0]).toBeCloseTo(-0.1023269, 6);
    expect(r.ci![1]).toBeCloseTo(0.0023269, 6);
  });

  it('reports no difference for equal rates', () => {
    const r = twoProportionTest({ successA: 30, totalA: 300, successB: 10, totalB: 100 });
    expect(r.z).toBe(0);
    expect(r.pValue).toBeCloseTo(1, 12);
    expect(r.significant).toBe(false);
  });

  it('returns nulls when nobody (or everybody) converted in both arms', () => {
    const none = twoProportionTest({ successA: 0, totalA: 50, successB: 0, totalB: 40 });
    expect(none).toMatchObject({ pA: 0, pB: 0, diff: 0, relativeLift: null, z: null, pValue: null, ci: null, significant: false });
    const all = twoProportionTest({ successA: 50, totalA: 50, successB: 40, totalB: 40 });
    expect(all).toMatchObject({ relativeLift: 0, z: null, pValue: null, ci: null, significant: false });
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionTest({ successA: 0, totalA: 0, successB: 1, totalB: 10 })).toThrow(/totalA/);
    expect(() => twoProportionTest({ successA: 11, totalA: 10, successB: 1, totalB: 10 })).toThrow(/exceeds/);
    expect(() => twoProportionTest({ successA: -1, totalA: 10, successB: 1, totalB: 10 })).toThrow(RangeError);
    expect(() => twoProportionTest({ successA: 1.5, totalA: 10, successB: 1, totalB: 10 })).toThrow(RangeError);
    expect(() => twoProportionTest({ successA: 1, totalA: 10, successB: 1, totalB: 10 }, 1)).toThrow(/alpha/);
  });
});

describe('welchTest', () => {
  // The three worked examples of https://en.wikipedia.org/wiki/Welch%27s_t-test ("Examples"), raw samples A1, A2.
  // The article lists (A1 − A2, rounded): t = −2.46, ν = 25.0, p = 0.021; t = −1.57, ν = 9.9, p = 0.149;
  // t = −2.22, ν = 24.5, p = 0.036. Full precision below is scipy 1.17 `ttest_ind(A1, A2, equal_var=False)` and
  // its `confidence_interval(0.95)`, negated because Alap reports B − A; Cohen's d from numpy (pooled, ddof = 1).
  const examples = [
    {
      name: 'example 1',
      a1: [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4],
      a2: [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4],
      article: { t: 2.46, df: 25.0, p: 0.021 },
      scipy: { t: 2.4553564, df: 24.988529, p: 0.021378, ci: [0.34923707, 3.98409627], d: 0.89656939 },
    },
    {
      name: 'example 2',
      a1: [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8],
      a2: [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8],
      article: { t: 1.57, df: 9.9, p: 0.149 },
      scipy: { t: 1.5654335, df: 9.904741, p: 0.1488417, ci: [-0.64842133, 3.69842133], d: 0.81334573 },
    },
    {
      name: 'example 3',
      a1: [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0],
      a2: [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 24.0, 13.2],
      article: { t: 2.22, df: 24.5, p: 0.036 },
      scipy: { t: 2.2192409, df: 24.496223, p: 0.0359723, ci: [0.15760646, 4.28239354], d: 0.63873417 },
    },
  ];

  it.each(examples)('reproduces the Wikipedia $name', ({ a1, a2, article, scipy }) => {
    const a = summarize(a1);
    const b = summarize(a2);
    const r = welchTest({ meanA: a.mean, sdA: a.sd, nA: a.n, meanB: b.mean, sdB: b.sd, nB: b.n });
    expect(r.t).toBeCloseTo(article.t, 2);
    expect(r.df).toBeCloseTo(article.df, 1);
    expect(r.pValue).toBeCloseTo(article.p, 3);
    expect(r.t).toBeCloseTo(scipy.t, 6);
    expect(r.df).toBeCloseTo(scipy.df, 5);
    expect(r.pValue).toBeCloseTo(scipy.p, 6);
    expect(r.ci![0]).toBeCloseTo(scipy.ci[0], 6);
    expect(r.ci![1]).toBeCloseTo(scipy.ci[1], 6);
    expect(r.cohenD).toBeCloseTo(scipy.d, 7);
    expect(r.significant).toBe(scipy.p < 0.05);
  });

  it('summarizes with the sample (n − 1) standard deviation, stable for large values', () => {
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7), n: 8 });
    // A one-pass Σx² − n·mean² loses every digit here.
    expect(summarize([1e9 + 1, 1e9 + 2, 1e9 + 3]).sd).toBe(1);
  });

  it('falls back to the other arm when one arm has no spread', () => {
    const r = welchTest({ meanA: 5, sdA: 0, nA: 10, meanB: 6, sdB: 2, nB: 16 });
    expect(r.df).toBeCloseTo(15, 12);
    expect(r.t).toBeCloseTo(2, 12);
  });

  it('returns nulls when neither arm has any spread, and rejects samples too small for a variance', () => {
    expect(welchTest({ meanA: 5, sdA: 0, nA: 10, meanB: 5, sdB: 0, nB: 12 })).toEqual({
      diff: 0,
      t: null,
      df: null,
      pValue: null,
      ci: null,
      cohenD: null,
      significant: false,
    });
    expect(() => welchTest({ meanA: 5, sdA: 1, nA: 1, meanB: 5, sdB: 1, nB: 12 })).toThrow(/nA/);
    expect(() => welchTest({ meanA: 5, sdA: -1, nA: 5, meanB: 5, sdB: 1, nB: 12 })).toThrow(/sdA/);
    expect(() => summarize([4])).toThrow(RangeError);
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('sample size planning', () => {
  it('sizes a conversion test with the Fleiss formula (no continuity correction)', () => {
    // n = (1.95996·√(2·0.125·0.875) + 0.84162·√(0.1·0.9 + 0.15·0.85))² / 0.05² = 685.597 → 686 per arm;
    // recomputed with scipy's norm.ppf: 685.5969 (power 0.8), 917.3206 (power 0.9), 1020.4701 (alpha 0.01),
    // 387.3385 for 0.5 → 0.4.
    expect(sampleSizeProportions({ baseline: 0.1, minDetectableEffect: 0.05 })).toBe(686);
    expect(sampleSizeProportions({ baseline: 0.1, minDetectableEffect: 0.05, power: 0.9 })).toBe(918);
    expect(sampleSizeProportions({ baseline: 0.1, minDetectableEffect: 0.05, alpha: 0.01 })).toBe(1021);
    expect(sampleSizeProportions({ baseline: 0.5, minDetectableEffect: -0.1 })).toBe(388);
    // The formula is symmetric in p1 and p2: detecting a drop from 15% to 10% costs the same.
    expect(sampleSizeProportions({ baseline: 0.15, minDetectableEffect: -0.05 })).toBe(686);
  });

  it('sizes a test on means with the normal approximation', () => {
    // n = 2·(1.95996 + 0.84162)²·sd²/δ²: 62.791 for d = 0.5 (Cohen's t-based table: 64), 392.444 for sd 10, δ 2,
    // 189.134 for sd 15, δ 5 at power 0.9 (scipy's norm.ppf).
    expect(sampleSizeMeans({ sd: 1, minDetectableEffect: 0.5 })).toBe(63);
    expect(sampleSizeMeans({ sd: 10, minDetectableEffect: 2 })).toBe(393);
    expect(sampleSizeMeans({ sd: 15, minDetectableEffect: -5, power: 0.9 })).toBe(190);
  });

  it('rejects plans that cannot be sized', () => {
    expect(() => sampleSizeProportions({ baseline: 0, minDetectableEffect: 0.05 })).toThrow(/baseline/);
    expect(() => sampleSizeProportions({ baseline: 0.1, minDetectableEffect: 0 })).toThrow(/minDetectableEffect/);
    expect(() => sampleSizeProportions({ baseline: 0.97, minDetectableEffect: 0.05 })).toThrow(/stay in/);
    expect(() => sampleSizeProportions({ baseline: 0.1, minDetectableEffect: 0.05, power: 1 })).toThrow(/power/);
    expect(() => sampleSizeMeans({ sd: 0, minDetectableEffect: 1 })).toThrow(/sd/);
  });

  it('counts what is left and never goes below zero', () => {
    expect(remainingSample(686, 400)).toBe(286);
    expect(remainingSample(686, 900)).toBe(0);
    expect(() => remainingSample(686, -1)).toThrow(RangeError);
  });

  it('warns against reading the result before both arms reach the plan', () => {
    expect(earlyStoppingWarning({ nA: 0, nB: 120, required: 686 })).toBe('no-data');
    expect(earlyStoppingWarning({ nA: 900, nB: 685, required: 686 })).toBe('underpowered');
    expect(earlyStoppingWarning({ nA: 686, nB: 686, required: 686 })).toBeNull();
    expect(earlyStoppingWarning({ nA: 700, nB: 1200, required: 686 })).toBeNull();
  });
});
