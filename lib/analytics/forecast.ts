/**
 * Hourly conversation-volume forecasting: double-seasonal Holt-Winters (Taylor 2003, "Short-term electricity demand
 * forecasting using double seasonal exponential smoothing", JORS 54:799–805), additive form, with an optional
 * damped trend. The two cycles are the day (24 h) and the week (168 h): the weekly index captures what is specific
 * to an hour of a given weekday (a Friday midday dip, a Saturday-evening peak) on top of the shape every day shares.
 *
 * Pure and synchronous; no dependencies. `series` is one value per hour, oldest first, missing hours filled with 0
 * by the caller. Values must be finite and >= 0; anything else is a RangeError.
 */

export type TrendKind = 'none' | 'linear' | 'damped';

export interface SmoothingParams {
  /** Level smoothing. */
  alpha: number;
  /** Trend smoothing (0 when the model has no trend). */
  beta: number;
  /** Trend damping per hour (1: undamped). */
  phi: number;
  /** Daily (24 h) seasonal smoothing, 0 when not modelled. */
  gammaDaily: number;
  /** Weekly (168 h) seasonal smoothing, 0 when not modelled. */
  gammaWeekly: number;
}

export interface ForecastParams extends SmoothingParams {
  /** Standard deviation of the in-sample one-step-ahead errors. */
  sigma: number;
  /** Sum of squared in-sample one-step-ahead errors at the chosen parameters. */
  sse: number;
}

export interface ForecastOptions {
  /** Default 'damped'. Series shorter than two days never get a trend. */
  trend?: TrendKind;
  /** Fix some smoothing parameters instead of fitting them (the rest are still fitted). */
  params?: Partial<SmoothingParams>;
  /** Default 24. */
  dailyPeriod?: number;
  /** Default 168; must be a multiple of dailyPeriod. */
  weeklyPeriod?: number;
}

export interface ForecastPoint {
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

export interface Forecast {
  points: ForecastPoint[];
  params: ForecastParams;
  /** What was fitted, and why a simpler model was used when the history is short. */
  model: string;
}

export interface BacktestPoint extends ForecastPoint {
  actual: number;
  /** Seasonal-naive forecast for the same hour. */
  baseline: number;
}

export interface Backtest {
  /** Mean absolute percentage error as a fraction (0.12 = 12%), over non-zero actuals; null when all are zero. */
  mape: number | null;
  /** Mean absolute scaled error: MAE / in-sample seasonal-naive MAE. Below 1 beats the in-sample naive. */
  mase: number;
  baselineMape: number | null;
  baselineMase: number;
  model: string;
  points: BacktestPoint[];
}

const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

interface ParamSpec {
  key: keyof SmoothingParams;
  lo: number;
  hi: number;
  grid: number[];
}

/*
 * Search space. The bounds are deliberately narrower than (0, 1) where hourly data needs it:
 * - beta <= 0.2: a trend that chases hour-to-hour noise is extrapolated over a week-long horizon;
 * - phi in [0.9, 0.999]: damping is per hour, so 0.98 would already flatten a trend within two days.
 */
const SPECS: Record<keyof SmoothingParams, ParamSpec> = {
  alpha: { key: 'alpha', lo: 0.001, hi: 0.999, grid: [0.02, 0.1, 0.3, 0.6] },
  beta: { key: 'beta', lo: 0, hi: 0.2, grid: [0, 0.01] },
  phi: { key: 'phi', lo: 0.9, hi: 0.999, grid: [0.99] },
  gammaDaily: { key: 'gammaDaily', lo: 0, hi: 1, grid: [0, 0.05, 0.2] },
  gammaWeekly: { key: 'gammaWeekly', lo: 0, hi: 1, grid: [0, 0.05, 0.2] },
};

/** Most complete cycles of the longest period used to initialise the states (fewer → noisier seasonal indices). */
const INIT_CYCLES = 4;

interface InitialState {
  level: number;
  trend: number;
  /** One array per period, index = t mod period, value = the seasonal index for the next time t with that phase. */
  seasonals: Float64Array[];
  /** First time whose one-step error counts towards the SSE and σ (see initialState). */
  scoreFrom: number;
}

interface Structure {
  periods: number[];
  trend: TrendKind;
  model: string;
}

function assertSeries(series: readonly number[]): void {
  if (!Array.isArray(series)) throw new RangeError('series must be an array of hourly values');
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`series[${i}] must be a finite number >= 0, got ${v}`);
  }
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

function chooseStructure(n: number, opts: ForecastOptions): Structure {
  const daily = opts.dailyPeriod ?? 24;
  const weekly = opts.weeklyPeriod ?? 168;
  assertCount('dailyPeriod', daily, 2);
  assertCount('weeklyPeriod', weekly, daily);
  if (weekly % daily !== 0) throw new RangeError(`weeklyPeriod (${weekly}) must be a multiple of dailyPeriod (${daily})`);
  const trend = opts.trend ?? 'damped';
  if (trend !== 'none' && trend !== 'linear' && trend !== 'damped') throw new RangeError(`unknown trend ${String(trend)}`);
  const trendText = trend === 'none' ? 'no trend' : `${trend} trend`;
  // Two full cycles of a period are the minimum to tell its seasonal shape from a trend.
  if (n >= 2 * weekly && weekly > daily) {
    return { periods: [daily, weekly], trend, model: `double-seasonal Holt-Winters (${daily}h + ${weekly}h), ${trendText}` };
  }
  if (n >= 2 * daily) {
    const why = weekly > daily ? `: fewer than 2 weekly cycles (${n} < ${2 * weekly} points), weekly pattern not modelled` : '';
    return { periods: [daily], trend, model: `Holt-Winters (${daily}h), ${trendText}${why}` };
  }
  return {
    periods: [],
    trend: 'none',
    model: `simple exponential smoothing: fewer than 2 daily cycles (${n} < ${2 * daily} points), no seasonality or trend modelled`,
  };
}

function initialState(y: readonly number[], periods: number[], trend: TrendKind): InitialState {
  if (periods.length === 0) return { level: y[0], trend: 0, seasonals: [], scoreFrom: 0 };
  const m = periods[periods.length - 1];
  const cycles = Math.min(INIT_CYCLES, Math.floor(y.length / m));
  const w = cycles * m;
  const cycleMeans: number[] = [];
  for (let c = 0; c < cycles; c++) {
    let s = 0;
    for (let t = c * m; t < (c + 1) * m; t++) s += y[t];
    cycleMeans.push(s / m);
  }
  // Least-squares slope of the cycle means against cycle index, per time step.
  let slope = 0;
  if (trend !== 'none' && cycles >= 2) {
    const cBar = (cycles - 1) / 2;
    const mBar = cycleMeans.reduce((a, b) => a + b, 0) / cycles;
    let num = 0;
    let den = 0;
    for (let c = 0; c < cycles; c++) {
      num += (c - cBar) * (cycleMeans[c] - mBar);
      den += (c - cBar) ** 2;
    }
    slope = num / den / m;
  }
  const mean = cycleMeans.reduce((a, b) => a + b, 0) / cycles;
  const centre = (w - 1) / 2;
  const detrended = new Float64Array(w);
  for (let t = 0; t < w; t++) detrended[t] = y[t] - (mean + (t - centre) * slope);

  const seasonals: Float64Array[] = [];
  let residual = detrended;
  for (const p of periods) {
    const s = new Float64Array(p);
    const counts = new Float64Array(p);
    for (let t = 0; t < w; t++) {
      s[t % p] += residual[t];
      counts[t % p] += 1;
    }
    let total = 0;
    for (let i = 0; i < p; i++) {
      s[i] /= counts[i];
      total += s[i];
    }
    for (let i = 0; i < p; i++) s[i] -= total / p;
    seasonals.push(s);
    const next = new Float64Array(w);
    for (let t = 0; t < w; t++) next[t] = residual[t] - s[t % p];
    residual = next;
  }
  // The level is the state at t = -1, so that level + trend forecasts t = 0. The errors inside the window the
  // states were averaged from are flattering and reward parameters that never update; when at least one more
  // cycle follows, only the errors after the window are scored.
  const scoreFrom = y.length - w >= m ? w : 0;
  return { level: mean - (centre + 1) * slope, trend: slope, seasonals, scoreFrom };
}

/** Work buffers reused across SSE evaluations so the parameter search does not allocate per call. */
interface Workspace {
  seasonals: Float64Array[];
}

interface RunResult {
  sse: number;
  /** How many errors the SSE sums. */
  scored: number;
  level: number;
  trend: number;
  seasonals: Float64Array[];
}

/**
 * One pass of the additive double-seasonal recursions in error-correction form. With e = y − ŷ:
 *   level  l_t = l_{t−1} + φ b_{t−1} + α e
 *   trend  b_t = φ b_{t−1} + αβ e
 *   day    d_t = d_{t−24}  + γ_d (1 − α) e
 *   week   w_t = w_{t−168} + γ_w (1 − α) e
 * which is Taylor's d_t = γ_d (y_t − l_t − w_{t−168}) + (1 − γ_d) d_{t−24} (and likewise for w) rewritten.
 */
function run(y: readonly number[], init: InitialState, p: SmoothingParams, ws: Workspace): RunResult {
  const { alpha, beta, phi } = p;
  const gains = [p.gammaDaily, p.gammaWeekly];
  const k = init.seasonals.length;
  const s = ws.seasonals;
  for (let i = 0; i < k; i++) s[i].set(init.seasonals[i]);
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  const scoreFrom = init.scoreFrom;
  const s0 = k > 0 ? s[0] : null;
  const s1 = k > 1 ? s[1] : null;
  const p0 = s0 ? s0.length : 1;
  const p1 = s1 ? s1.length : 1;
  const g0 = gains[0] * (1 - alpha);
  const g1 = gains[1] * (1 - alpha);
  const ab = alpha * beta;
  for (let t = 0; t < y.length; t++) {
    const i0 = t % p0;
    const i1 = t % p1;
    const base = level + phi * trend;
    const fitted = base + (s0 ? s0[i0] : 0) + (s1 ? s1[i1] : 0);
    const e = y[t] - fitted;
    if (t >= scoreFrom) sse += e * e;
    level = base + alpha * e;
    trend = phi * trend + ab * e;
    if (s0) s0[i0] += g0 * e;
    if (s1) s1[i1] += g1 * e;
  }
  return { sse, scored: y.length - scoreFrom, level, trend, seasonals: s };
}

/** Nelder–Mead on a box: every trial point is clamped into the bounds before it is evaluated. */
function nelderMead(f: (x: number[]) => number, start: number[], lo: number[], hi: number[], maxEvals: number): number[] {
  const d = start.length;
  const clamp = (x: number[]) => x.map((v, i) => Math.min(hi[i], Math.max(lo[i], v)));
  const simplex: { x: number[]; f: number }[] = [{ x: clamp(start), f: f(clamp(start)) }];
  for (let i = 0; i < d; i++) {
    const x = start.slice();
    const step = 0.1 * (hi[i] - lo[i]);
    x[i] = x[i] + step <= hi[i] ? x[i] + step : x[i] - step;
    const cx = clamp(x);
    simplex.push({ x: cx, f: f(cx) });
  }
  let evals = d + 1;
  while (evals < maxEvals) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0];
    const worst = simplex[d];
    if (Math.abs(worst.f - best.f) <= 1e-10 * (Math.abs(best.f) + 1e-12)) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i].x[j] / d;
    const along = (t: number) => clamp(centroid.map((c, j) => c + t * (worst.x[j] - c)));
    const xr = along(-1);
    const fr = f(xr);
    evals++;
    if (fr < best.f) {
      const xe = along(-2);
      const fe = f(xe);
      evals++;
      simplex[d] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[d - 1].f) {
      simplex[d] = { x: xr, f: fr };
    } else {
      const xc = fr < worst.f ? along(-0.5) : along(0.5);
      const fc = f(xc);
      evals++;
      if (fc < Math.min(fr, worst.f)) {
        simplex[d] = { x: xc, f: fc };
      } else {
        for (let i = 1; i <= d; i++) {
          const xs = clamp(simplex[i].x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j])));
          simplex[i] = { x: xs, f: f(xs) };
          evals++;
        }
      }
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0].x;
}

function* cartesian(lists: number[][]): Generator<number[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...rest] = lists;
  for (const v of head) for (const tail of cartesian(rest)) yield [v, ...tail];
}

/** Coarse grid over the free parameters, then Nelder–Mead from the best grid point, minimising one-step SSE. */
function fitParams(y: readonly number[], structure: Structure, init: InitialState, fixed: Partial<SmoothingParams>, ws: Workspace) {
  const base: SmoothingParams = { alpha: 0.1, beta: 0, phi: 1, gammaDaily: 0, gammaWeekly: 0 };
  const relevant: (keyof SmoothingParams)[] = ['alpha'];
  if (structure.trend !== 'none') relevant.push('beta');
  if (structure.trend === 'damped') relevant.push('phi');
  if (structure.periods.length >= 1) relevant.push('gammaDaily');
  if (structure.periods.length >= 2) relevant.push('gammaWeekly');
  for (const key of relevant) {
    const v = fixed[key];
    if (v === undefined) continue;
    const spec = SPECS[key];
    if (!Number.isFinite(v) || v < spec.lo || v > spec.hi) throw new RangeError(`params.${key} must be in [${spec.lo}, ${spec.hi}], got ${v}`);
    base[key] = v;
  }
  const free = relevant.filter((key) => fixed[key] === undefined).map((key) => SPECS[key]);
  const withValues = (x: number[]): SmoothingParams => {
    const p = { ...base };
    free.forEach((spec, i) => (p[spec.key] = x[i]));
    return p;
  };
  const sseAt = (x: number[]) => run(y, init, withValues(x), ws).sse;
  if (free.length === 0) return base;

  let bestX = free.map((spec) => spec.grid[0]);
  let bestF = Infinity;
  for (const x of cartesian(free.map((spec) => spec.grid))) {
    const v = sseAt(x);
    if (v < bestF) {
      bestF = v;
      bestX = x;
    }
  }
  const refined = nelderMead(
    sseAt,
    bestX,
    free.map((s) => s.lo),
    free.map((s) => s.hi),
    150 * free.length,
  );
  return withValues(sseAt(refined) <= bestF ? refined : bestX);
}

/**
 * Coefficients c_j of the h-step error variance σ²(1 + Σ_{j=1}^{h−1} c_j²) for the additive innovations model
 * (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with Exponential Smoothing", ch. 6, class 1), extended to two
 * seasonal terms: an error at time t moves the forecast j steps later by
 *   c_j = α (1 + β(φ + … + φ^j)) + γ_d(1 − α)·[j ≡ 0 mod 24] + γ_w(1 − α)·[j ≡ 0 mod 168].
 * This is exact under the model's own assumptions (independent, constant-variance errors). Real hourly counts are
 * closer to Poisson, so the band is too wide at night and a little narrow at the peak; on average it holds.
 */
function intervalScales(horizon: number, p: SmoothingParams, periods: number[]): number[] {
  const scales: number[] = [];
  let sumSq = 0;
  let phiSum = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    scales.push(Math.sqrt(1 + sumSq));
    // c_h joins the sum for the next step: the error h steps back moves the forecast of h + 1 by c_h.
    const j = h;
    phiPow *= p.phi;
    phiSum += phiPow;
    let c = p.alpha * (1 + p.beta * phiSum);
    if (periods.length >= 1 && j % periods[0] === 0) c += p.gammaDaily * (1 - p.alpha);
    if (periods.length >= 2 && j % periods[1] === 0) c += p.gammaWeekly * (1 - p.alpha);
    sumSq += c * c;
  }
  return scales;
}

function zeroForecast(horizon: number, model: string): Forecast {
  const points = Array.from({ length: horizon }, () => ({ mean: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }));
  return { points, params: { alpha: 0, beta: 0, phi: 1, gammaDaily: 0, gammaWeekly: 0, sigma: 0, sse: 0 }, model };
}

/**
 * Forecast the next `horizon` hours after `series`. Means and bounds are clipped at 0 (volumes cannot be negative);
 * the bands are mean ± z·σ·scale(h), with σ from the in-sample one-step errors and scale(h) from `intervalScales`.
 */
export function forecastHourly(series: readonly number[], horizon: number, opts: ForecastOptions = {}): Forecast {
  assertSeries(series);
  assertCount('horizon', horizon, 0);
  const structure = chooseStructure(series.length, opts);
  if (series.length === 0) return zeroForecast(horizon, 'empty: no history, forecasting zeros');

  const init = initialState(series, structure.periods, structure.trend);
  const ws: Workspace = { seasonals: init.seasonals.map((s) => new Float64Array(s.length)) };
  const params = fitParams(series, structure, init, opts.params ?? {}, ws);
  const final = run(series, init, params, ws);

  const n = series.length;
  const paramCount = 1 + structure.periods.length + (structure.trend === 'none' ? 0 : structure.trend === 'damped' ? 2 : 1);
  const sigma = Math.sqrt(final.sse / Math.max(1, final.scored - paramCount));
  const scales = intervalScales(horizon, params, structure.periods);

  const points: ForecastPoint[] = [];
  let trendSum = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= params.phi;
    trendSum += phiPow;
    let mean = final.level + trendSum * final.trend;
    // Ring slot of time n−1+h holds the latest estimate of that phase, however far ahead h is.
    for (const s of final.seasonals) mean += s[(n - 1 + h) % s.length];
    const half80 = Z80 * sigma * scales[h - 1];
    const half95 = Z95 * sigma * scales[h - 1];
    points.push({
      mean: Math.max(0, mean),
      lo80: Math.max(0, mean - half80),
      hi80: Math.max(0, mean + half80),
      lo95: Math.max(0, mean - half95),
      hi95: Math.max(0, mean + half95),
    });
  }
  return { points, params: { ...params, sigma, sse: final.sse }, model: structure.model };
}

/**
 * Repeat the last `period` values. With less history than one period it falls back to the longest of 24 h or the
 * last value that fits, and an empty series forecasts zeros.
 */
export function seasonalNaive(series: readonly number[], horizon: number, period = 168): number[] {
  assertSeries(series);
  assertCount('horizon', horizon, 0);
  assertCount('period', period, 1);
  const n = series.length;
  if (n === 0) return new Array<number>(horizon).fill(0);
  const p = period <= n ? period : n >= 24 ? 24 : 1;
  return Array.from({ length: horizon }, (_, h) => series[n - p + (h % p)]);
}

/** In-sample MAE of the seasonal-naive forecast, the MASE denominator (Hyndman & Koehler 2006). */
function naiveScale(train: readonly number[], period: number): number {
  const p = period < train.length ? period : 24 < train.length ? 24 : 1;
  if (train.length <= p) return 0;
  let sum = 0;
  for (let t = p; t < train.length; t++) sum += Math.abs(train[t] - train[t - p]);
  return sum / (train.length - p);
}

function mape(actual: readonly number[], predicted: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs(actual[i] - predicted[i]) / Math.abs(actual[i]);
    count++;
  }
  return count === 0 ? null : sum / count;
}

/** MAE / scale; a perfect forecast of a flat history is 0, any miss of one is Infinity (MASE is undefined there). */
function mase(actual: readonly number[], predicted: readonly number[], scale: number): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - predicted[i]);
  const mae = sum / actual.length;
  if (scale === 0) return mae === 0 ? 0 : Infinity;
  return mae / scale;
}

/**
 * Fit on all but the last `holdout` hours, forecast them, and score the model against the seasonal-naive (168 h)
 * baseline. Both MASEs share one denominator: the in-sample seasonal-naive MAE at period 168 (24, then 1, when the
 * training part is shorter than that).
 */
export function backtest(series: readonly number[], holdout = 168, opts: ForecastOptions = {}): Backtest {
  assertSeries(series);
  assertCount('holdout', holdout, 1);
  if (series.length <= holdout) throw new RangeError(`backtest needs more than holdout (${holdout}) points, got ${series.length}`);
  const train = series.slice(0, series.length - holdout);
  const actual = series.slice(series.length - holdout);
  const fc = forecastHourly(train, holdout, opts);
  const baseline = seasonalNaive(train, holdout, 168);
  const means = fc.points.map((p) => p.mean);
  const scale = naiveScale(train, 168);
  return {
    mape: mape(actual, means),
    mase: mase(actual, means, scale),
    baselineMape: mape(actual, baseline),
    baselineMase: mase(actual, baseline, scale),
    model: fc.model,
    points: fc.points.map((p, i) => ({ ...p, actual: actual[i], baseline: baseline[i] })),
  };
}
