import { describe, expect, it } from 'vitest';
import { backtest, forecastHourly, seasonalNaive } from './forecast';
import { mulberry32 as seededRandom } from '../random';


function poisson(random: () => number, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

/**
 * Noiseless hourly rate with hour t = 0 a Saturday midnight: an afternoon peak and an evening bump every day,
 * Friday and Saturday (the Bangladeshi weekend, days 6 and 0) at 60% of the daytime load, a Friday-prayer dip at
 * 13:00, and +0.01 conversations/hour of growth per hour (≈ +1.7 per week).
 */
function trueRate(t: number): number {
  const hour = t % 24;
  const day = Math.floor(t / 24) % 7;
  const daily = 40 * Math.exp(-((hour - 14) ** 2) / 32) + 15 * Math.exp(-((hour - 20) ** 2) / 8);
  const weekend = day === 6 || day === 0 ? 0.6 : 1;
  const fridayPrayer = day === 6 ? -12 * Math.exp(-((hour - 13) ** 2) / 2) : 0;
  return 20 + daily * weekend + fridayPrayer + 0.01 * t;
}

function syntheticCounts(hours: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: hours }, (_, t) => poisson(random, trueRate(t)));
}

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

const WEEK = 168;
const EIGHT_WEEKS = 8 * WEEK;

describe('forecastHourly on eight weeks of hourly volume', () => {
  const history = syntheticCounts(EIGHT_WEEKS, 7);

  it('fits 1344 points well under a second', () => {
    const started = performance.now();
    const fc = forecastHourly(history, WEEK);
    const elapsedMs = performance.now() - started;
    expect(fc.points).toHaveLength(WEEK);
    // Measured ≈ 20–80 ms on a 2-core box (the first call includes JIT warm-up); the budget is 1 s.
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('recovers the daily and weekly shape of next week', () => {
    const fc = forecastHourly(history, WEEK);
    expect(fc.model).toMatch(/double-seasonal/);
    const truth = Array.from({ length: WEEK }, (_, h) => trueRate(EIGHT_WEEKS + h));
    const means = fc.points.map((p) => p.mean);
    expect(correlation(means, truth)).toBeGreaterThan(0.95);
    // The weekend and the Friday-prayer dip are weekly, not daily: Friday 13:00 must come out well below Thursday's.
    const fridayOnePm = 6 * 24 + 13;
    const thursdayOnePm = fridayOnePm - 24;
    expect(means[fridayOnePm]).toBeLessThan(means[thursdayOnePm] - 15);
    const params = fc.params;
    for (const v of [params.alpha, params.beta, params.gammaDaily, params.gammaWeekly]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(params.sigma).toBeGreaterThan(0);
  });

  it('gives nested bands that widen with the horizon', () => {
    const fc = forecastHourly(history, 3 * WEEK);
    for (const p of fc.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.lo80);
      expect(p.lo80).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.hi80);
      expect(p.hi80).toBeLessThanOrEqual(p.hi95);
    }
    const width = (i: number) => fc.points[i].hi95 - fc.points[i].lo95;
    expect(width(3 * WEEK - 1)).toBeGreaterThan(width(0));
  });

  it('is deterministic', () => {
    expect(forecastHourly(history, 24)).toEqual(forecastHourly(history, 24));
  });
});

describe('backtest', () => {
  const series = syntheticCounts(EIGHT_WEEKS + WEEK, 11);

  it('beats seasonal-naive on the held-out week and its 95% band covers most of it', () => {
    const result = backtest(series, WEEK);
    expect(result.points).toHaveLength(WEEK);
    expect(result.mase).toBeLessThan(result.baselineMase);
    expect(result.mase).toBeLessThan(0.95);
    expect(result.mape).not.toBeNull();
    expect(result.mape!).toBeLessThan(result.baselineMape!);
    const covered95 = result.points.filter((p) => p.actual >= p.lo95 && p.actual <= p.hi95).length / WEEK;
    const covered80 = result.points.filter((p) => p.actual >= p.lo80 && p.actual <= p.hi80).length / WEEK;
    expect(covered95).toBeGreaterThanOrEqual(0.85);
    expect(covered80).toBeGreaterThanOrEqual(0.65);
    expect(covered80).toBeLessThanOrEqual(covered95);
    expect(result.points[0].actual).toBe(series[EIGHT_WEEKS]);
  });

  it('scores the baseline exactly: MAPE skips zero actuals, MASE divides by the in-sample weekly-naive MAE', () => {
    // Week 1 flat at 10, week 2 flat at 12 (in-sample weekly-naive MAE = 2); held-out week: one day of 0, then 16.
    // Baseline forecasts 12: MAPE over the 144 non-zero hours = 4/16 = 0.25; MAE = (24·12 + 144·4) / 168.
    const holdout = [...new Array<number>(24).fill(0), ...new Array<number>(144).fill(16)];
    const series = [...new Array<number>(WEEK).fill(10), ...new Array<number>(WEEK).fill(12), ...holdout];
    const result = backtest(series, WEEK);
    expect(result.baselineMape).toBeCloseTo(0.25, 12);
    expect(result.baselineMase).toBeCloseTo((24 * 12 + 144 * 4) / WEEK / 2, 12);
    expect(result.points.map((p) => p.baseline)).toEqual(new Array<number>(WEEK).fill(12));
  });

  it('reports a null MAPE and a zero MASE for an all-zero history', () => {
    const result = backtest(new Array<number>(3 * WEEK).fill(0), WEEK);
    expect(result.mape).toBeNull();
    expect(result.baselineMape).toBeNull();
    expect(result.mase).toBe(0);
    expect(result.baselineMase).toBe(0);
  });

  it('rejects a holdout that leaves nothing to fit', () => {
    expect(() => backtest([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => backtest([1, 2, 3], 0)).toThrow(RangeError);
  });
});

describe('forecastHourly edge cases', () => {
  it('never forecasts negative volume, even extrapolating a steep decline', () => {
    // Two weeks falling from ~200 to ~0, nights already at 0: a linear trend points below zero.
    const random = seededRandom(3);
    const series = Array.from({ length: 2 * WEEK + 48 }, (_, t) => {
      const hour = t % 24;
      const daytime = hour >= 8 && hour < 22 ? 1 : 0;
      return daytime * Math.max(0, Math.round(200 - 0.55 * t + 10 * (random() - 0.5)));
    });
    const fc = forecastHourly(series, 2 * WEEK, { trend: 'linear' });
    for (const p of fc.points) {
      for (const v of [p.mean, p.lo80, p.hi80, p.lo95, p.hi95]) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(fc.points.some((p) => p.mean === 0)).toBe(true);
  });

  it('falls back to a daily model with under two weeks of history, and says so', () => {
    // Ten days (Saturday to the next Monday), forecasting Tuesday and Wednesday: the daily shape is all there is.
    const series = syntheticCounts(10 * 24, 5);
    const fc = forecastHourly(series, 48);
    expect(fc.model).toMatch(/^Holt-Winters \(24h\).*fewer than 2 weekly cycles/);
    expect(fc.params.gammaWeekly).toBe(0);
    const truth = Array.from({ length: 48 }, (_, h) => trueRate(10 * 24 + h));
    expect(correlation(fc.points.map((p) => p.mean), truth)).toBeGreaterThan(0.9);
  });

  it('falls back to simple smoothing with under two days, and to zeros with nothing', () => {
    const short = forecastHourly([5, 7, 6, 8, 6], 3);
    expect(short.model).toMatch(/^simple exponential smoothing/);
    expect(short.points).toHaveLength(3);
    for (const p of short.points) {
      expect(p.mean).toBeGreaterThan(5);
      expect(p.mean).toBeLessThan(8);
    }
    const single = forecastHourly([4], 2);
    expect(single.points.map((p) => p.mean)).toEqual([4, 4]);

    const empty = forecastHourly([], 4);
    expect(empty.model).toMatch(/^empty/);
    expect(empty.points).toEqual(new Array(4).fill({ mean: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }));
    expect(forecastHourly([1, 2, 3], 0).points).toEqual([]);
  });

  it('forecasts zeros with zero-width bands for an all-zero history', () => {
    const fc = forecastHourly(new Array<number>(3 * WEEK).fill(0), 24);
    expect(fc.points).toEqual(new Array(24).fill({ mean: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }));
    expect(fc.params.sigma).toBe(0);
  });

  it('uses fixed parameters when given and validates them', () => {
    const series = syntheticCounts(3 * WEEK, 9);
    const fixed = { alpha: 0.2, beta: 0, phi: 0.95, gammaDaily: 0.1, gammaWeekly: 0.1 };
    const fc = forecastHourly(series, 24, { params: fixed });
    expect(fc.params).toMatchObject(fixed);
    expect(() => forecastHourly(series, 24, { params: { alpha: 1.5 } })).toThrow(RangeError);
  });

  it('rejects invalid input with RangeError', () => {
    expect(() => forecastHourly([1, -2, 3], 5)).toThrow(RangeError);
    expect(() => forecastHourly([1, Number.NaN], 5)).toThrow(RangeError);
    expect(() => forecastHourly([1, 2], -1)).toThrow(RangeError);
    expect(() => forecastHourly([1, 2], 1.5)).toThrow(RangeError);
    expect(() => forecastHourly([1, 2], 1, { weeklyPeriod: 100 })).toThrow(RangeError);
    expect(() => seasonalNaive([1, 2], 3, 0)).toThrow(RangeError);
  });
});

describe('seasonalNaive', () => {
  it('repeats the last week', () => {
    const series = Array.from({ length: 2 * WEEK }, (_, t) => t);
    const fc = seasonalNaive(series, WEEK + 2);
    expect(fc[0]).toBe(WEEK);
    expect(fc[WEEK - 1]).toBe(2 * WEEK - 1);
    expect(fc[WEEK]).toBe(WEEK);
    expect(fc[WEEK + 1]).toBe(WEEK + 1);
  });

  it('repeats the last day, then the last value, when history is shorter than the period', () => {
    const threeDays = Array.from({ length: 72 }, (_, t) => t);
    expect(seasonalNaive(threeDays, 3)).toEqual([48, 49, 50]);
    expect(seasonalNaive([3, 9], 3)).toEqual([9, 9, 9]);
    expect(seasonalNaive([1, 2, 3, 4], 4, 2)).toEqual([3, 4, 3, 4]);
    expect(seasonalNaive([], 2)).toEqual([0, 0]);
  });
});
