/**
 * A/B tests on chat features: assigning visitors to variants, and the statistics the dashboard shows.
 *
 * Conventions used by every function here:
 * - Differences are B − A (variant minus control): a positive diff means B is higher.
 * - `significant` is `pValue < alpha`; it is false whenever the p-value is undefined (null).
 * - Input that cannot describe an experiment (a total of 0, successes above the total, n < 2, a negative sd,
 *   alpha outside (0, 1), non-finite numbers) throws a RangeError. Check `earlyStoppingWarning` first: it returns
 *   'no-data' where an arm is empty.
 * - Valid data on which a statistic is undefined (every visitor in both arms converted, or none did; both samples
 *   without any spread) gives null for that statistic instead of NaN or Infinity.
 * - Warnings are codes, not sentences: the UI translates them (English and Bengali).
 */
import jStat from 'jstat';

export type Variant = { key: string; weight: number };

export type TwoProportionInput = { successA: number; totalA: number; successB: number; totalB: number };
export type TwoProportionResult = {
  pA: number;
  pB: number;
  /** pB − pA, absolute (0.05 = five percentage points). */
  diff: number;
  /** diff / pA; null when pA is 0. */
  relativeLift: number | null;
  /** null when the pooled rate is 0 or 1 (then diff is exactly 0 and there is nothing to test). */
  z: number | null;
  /** Two-sided, from the pooled standard error. */
  pValue: number | null;
  /** (1 − alpha) Wald interval for diff, from the unpooled standard error; null when that error is 0. */
  ci: [number, number] | null;
  significant: boolean;
};

export type SampleSummary = { mean: number; sd: number; n: number };
export type WelchInput = { meanA: number; sdA: number; nA: number; meanB: number; sdB: number; nB: number };
export type WelchResult = {
  /** meanB − meanA. */
  diff: number;
  /** t, df, pValue and ci are null when both sds are 0 (no spread to measure the difference against). */
  t: number | null;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number | null;
  /** Two-sided. */
  pValue: number | null;
  /** (1 − alpha) interval for diff. */
  ci: [number, number] | null;
  /** diff / pooled sd (Cohen's d); null when the pooled sd is 0. */
  cohenD: number | null;
  significant: boolean;
};

export const EXPERIMENT_WARNINGS = ['no-data', 'underpowered'] as const;
/**
 * - 'no-data': an arm has no visitors yet; nothing can be compared.
 * - 'underpowered': an arm is below the planned sample size; the result may still change, do not stop early
 *   (peeking at a running test and stopping at the first significant p inflates false positives).
 */
export type ExperimentWarning = (typeof EXPERIMENT_WARNINGS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Assignment

const utf8 = new TextEncoder();

/**
 * FNV-1a (32-bit) over the UTF-8 bytes, then murmur3's fmix32 finalizer. FNV-1a alone mixes the last bytes of
 * short, sequential ids ("visitor-1", "visitor-2"…) poorly into the high bits that pick the bucket; fmix32 gives
 * full avalanche. Pure integer maths, so the widget, the desk and Node agree bit for bit.
 * Changing this function reshuffles every running experiment.
 */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The variant a visitor sees in an experiment: the same answer on every call, on every device that sends the same
 * visitor id, with each variant chosen for weight / (sum of weights) of visitors. Different experiment keys
 * assign independently. Assignment depends on the order of `variants` and on the weights: reordering them or
 * changing a weight mid-experiment moves visitors between arms.
 */
export function assignVariant(experimentKey: string, visitorId: string, variants: Variant[]): string {
  if (!experimentKey || experimentKey.includes('\u0000')) throw new RangeError('experimentKey must be a non-empty string without NUL');
  if (!visitorId) throw new RangeError('visitorId must be a non-empty string');
  if (variants.length === 0) throw new RangeError('an experiment needs at least one variant');
  let total = 0;
  const keys = new Set<string>();
  for (const v of variants) {
    if (!Number.isFinite(v.weight) || v.weight < 0) throw new RangeError(`variant "${v.key}" has an invalid weight ${v.weight}`);
    if (keys.has(v.key)) throw new RangeError(`variant "${v.key}" is listed twice`);
    keys.add(v.key);
    total += v.weight;
  }
  if (total <= 0) throw new RangeError('at least one variant needs a positive weight');

  // NUL separates key and id so that ("ab", "c") and ("a", "bc") hash different strings.
  const point = (hash32(`${experimentKey}\u0000${visitorId}`) / 2 ** 32) * total;
  let cumulative = 0;
  for (const v of variants) {
    cumulative += v.weight;
    if (point < cumulative) return v.key;
  }
  // Rounding in the running sum can leave `point` a hair above the last bound: it belongs to the last live variant.
  return variants.findLast((v) => v.weight > 0)!.key;
}

// ---------------------------------------------------------------------------------------------------------------
// Tests

function checkAlpha(alpha: number) {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

function checkCount(name: string, value: number, min: number) {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

function checkFinite(name: string, value: number) {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/** Two-sided p-value of a standard normal statistic. */
function normalTwoSided(z: number): number {
  return Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/**
 * Two-sided p-value of a t statistic: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2). Evaluated through the incomplete
 * beta directly because jstat's studentt.cdf forms x + √(x² + df), which cancels for large negative x.
 */
function studentTwoSided(t: number, df: number): number {
  return Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5));
}

/**
 * Two-proportion z-test (e.g. conversion of chats to orders in A vs B). The test uses the pooled standard error
 * (the null hypothesis says both rates are equal); the interval uses the unpooled one (it estimates the difference
 * without assuming it is 0). Near the threshold the two can disagree by a hair; `significant` follows the test.
 */
export function twoProportionTest(input: TwoProportionInput, alpha = 0.05): TwoProportionResult {
  const { successA, totalA, successB, totalB } = input;
  checkAlpha(alpha);
  checkCount('totalA', totalA, 1);
  checkCount('totalB', totalB, 1);
  checkCount('successA', successA, 0);
  checkCount('successB', successB, 0);
  if (successA > totalA) throw new RangeError(`successA (${successA}) exceeds totalA (${totalA})`);
  if (successB > totalB) throw new RangeError(`successB (${successB}) exceeds totalB (${totalB})`);

  const pA = successA / totalA;
  const pB = successB / totalB;
  const diff = pB - pA;
  const pooled = (successA + successB) / (totalA + totalB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  const z = sePooled > 0 ? diff / sePooled : null;
  const pValue = z === null ? null : normalTwoSided(z);
  const seUnpooled = Math.sqrt((pA * (1 - pA)) / totalA + (pB * (1 - pB)) / totalB);
  const zCrit = jStat.normal.inv(1 - alpha / 2, 0, 1);
  const ci: [number, number] | null = seUnpooled > 0 ? [diff - zCrit * seUnpooled, diff + zCrit * seUnpooled] : null;
  return {
    pA,
    pB,
    diff,
    relativeLift: pA > 0 ? diff / pA : null,
    z,
    pValue,
    ci,
    significant: pValue !== null && pValue < alpha,
  };
}

/** Mean, sample standard deviation (n − 1) and count, e.g. of handle times or satisfaction scores. */
export function summarize(values: number[]): SampleSummary {
  const n = values.length;
  if (n < 2) throw new RangeError(`a sample needs at least 2 values for a standard deviation, got ${n}`);
  let sum = 0;
  for (const v of values) {
    checkFinite('every value', v);
    sum += v;
  }
  const mean = sum / n;
  // Two passes: the one-pass sum-of-squares formula cancels badly when the mean is large next to the spread.
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / (n - 1)), n };
}

/** Welch's unequal-variances t-test on two sample summaries (see `summarize`). */
export function welchTest(input: WelchInput, alpha = 0.05): WelchResult {
  const { meanA, sdA, nA, meanB, sdB, nB } = input;
  checkAlpha(alpha);
  checkCount('nA', nA, 2);
  checkCount('nB', nB, 2);
  checkFinite('meanA', meanA);
  checkFinite('meanB', meanB);
  for (const [name, sd] of [['sdA', sdA], ['sdB', sdB]] as const) {
    if (!Number.isFinite(sd) || sd < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${sd}`);
  }

  const diff = meanB - meanA;
  const pooledSd = Math.sqrt(((nA - 1) * sdA ** 2 + (nB - 1) * sdB ** 2) / (nA + nB - 2));
  const cohenD = pooledSd > 0 ? diff / pooledSd : null;
  const vA = sdA ** 2 / nA;
  const vB = sdB ** 2 / nB;
  const se = Math.sqrt(vA + vB);
  if (!(se > 0)) return { diff, t: null, df: null, pValue: null, ci: null, cohenD, significant: false };

  const t = diff / se;
  const df = (vA + vB) ** 2 / (vA ** 2 / (nA - 1) + vB ** 2 / (nB - 1));
  const pValue = studentTwoSided(t, df);
  const tCrit = jStat.studentt.inv(1 - alpha / 2, df);
  return { diff, t, df, pValue, ci: [diff - tCrit * se, diff + tCrit * se], cohenD, significant: pValue < alpha };
}

// ---------------------------------------------------------------------------------------------------------------
// Planning

function checkPower(alpha: number, power: number) {
  checkAlpha(alpha);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
}

// A computed 686.0000000001 must not become 687.
const roundUp = (n: number) => Math.ceil(n - 1e-9);

/**
 * Visitors needed per arm to detect a change from `baseline` to `baseline + minDetectableEffect` (absolute, may be
 * negative) with a two-sided test at `alpha` and the given power. Normal approximation without continuity
 * correction (Fleiss, Levin & Paik, Statistical Methods for Rates and Proportions, 3rd ed., 2003, chapter on sample sizes):
 *   n = (z_{1−α/2}·√(2·p̄(1−p̄)) + z_{1−β}·√(p1(1−p1) + p2(1−p2)))² / δ²,  p̄ = (p1 + p2) / 2.
 */
export function sampleSizeProportions(input: { baseline: number; minDetectableEffect: number; alpha?: number; power?: number }): number {
  const { baseline: p1, minDetectableEffect: delta, alpha = 0.05, power = 0.8 } = input;
  checkPower(alpha, power);
  if (!(p1 > 0 && p1 < 1)) throw new RangeError(`baseline must be a rate in (0, 1), got ${p1}`);
  if (!Number.isFinite(delta) || delta === 0) throw new RangeError(`minDetectableEffect must be a non-zero number, got ${delta}`);
  const p2 = p1 + delta;
  if (!(p2 > 0 && p2 < 1)) throw new RangeError(`baseline + minDetectableEffect must stay in (0, 1), got ${p2}`);
  const pBar = (p1 + p2) / 2;
  const zAlpha = jStat.normal.inv(1 - alpha / 2, 0, 1);
  const zBeta = jStat.normal.inv(power, 0, 1);
  const n = (zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / delta ** 2;
  return roundUp(n);
}

/**
 * Observations needed per arm to detect a difference of means `minDetectableEffect` when each arm has standard
 * deviation `sd`: n = 2·(z_{1−α/2} + z_{1−β})²·sd² / δ². Normal approximation: for small n the t-test needs one or two
 * more (Cohen's table gives 64 where this gives 63 for d = 0.5), which is noise at the sizes chat experiments run at.
 */
export function sampleSizeMeans(input: { sd: number; minDetectableEffect: number; alpha?: number; power?: number }): number {
  const { sd, minDetectableEffect: delta, alpha = 0.05, power = 0.8 } = input;
  checkPower(alpha, power);
  if (!(Number.isFinite(sd) && sd > 0)) throw new RangeError(`sd must be a positive number, got ${sd}`);
  if (!Number.isFinite(delta) || delta === 0) throw new RangeError(`minDetectableEffect must be a non-zero number, got ${delta}`);
  const z = jStat.normal.inv(1 - alpha / 2, 0, 1) + jStat.normal.inv(power, 0, 1);
  return roundUp((2 * z ** 2 * sd ** 2) / delta ** 2);
}

/** How many more visitors an arm needs to reach the planned sample size (never negative). */
export function remainingSample(required: number, current: number): number {
  checkCount('required', required, 0);
  checkCount('current', current, 0);
  return Math.max(0, required - current);
}

/**
 * Whether the dashboard should warn against reading (or stopping on) the result yet. `required` is the planned
 * sample size per arm (`sampleSizeProportions` / `sampleSizeMeans`). Null once both arms have reached it.
 */
export function earlyStoppingWarning(input: { nA: number; nB: number; required: number }): ExperimentWarning | null {
  const { nA, nB, required } = input;
  checkCount('nA', nA, 0);
  checkCount('nB', nB, 0);
  checkCount('required', required, 0);
  if (nA === 0 || nB === 0) return 'no-data';
  if (Math.min(nA, nB) < required) return 'underpowered';
  return null;
}
