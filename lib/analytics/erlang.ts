/**
 * Erlang B / Erlang C staffing maths (M/M/N queue: Poisson arrivals, exponential handle times, nobody abandons).
 * Pure functions, shared by the dashboard and the server; every invalid input throws RangeError.
 *
 * Units: arrivals per hour, handle and target times in seconds, probabilities in 0..1.
 */

const SECONDS_PER_HOUR = 3600;
/** A target that needs more servers than this is not a staffing question any more; stop instead of looping. */
const MAX_SERVERS = 1_000_000;

function assertFiniteAtLeast(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a finite number >= ${min}, got ${value}`);
  }
}

function assertServerCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** Offered load in Erlangs: how many servers would be busy on average. */
export function trafficIntensity(arrivalsPerHour: number, ahtSeconds: number): number {
  assertFiniteAtLeast('arrivalsPerHour', arrivalsPerHour, 0);
  if (!Number.isFinite(ahtSeconds) || ahtSeconds <= 0) throw new RangeError(`ahtSeconds must be a finite number > 0, got ${ahtSeconds}`);
  return (arrivalsPerHour * ahtSeconds) / SECONDS_PER_HOUR;
}

/**
 * Erlang B blocking probability by the recursion B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1)).
 * Every step stays in [0, 1], so it neither overflows (A^N / N! does past N ≈ 170) nor cancels.
 */
export function erlangB(trafficErlangs: number, servers: number): number {
  assertFiniteAtLeast('trafficErlangs', trafficErlangs, 0);
  assertServerCount('servers', servers);
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (trafficErlangs * b) / (n + trafficErlangs * b);
  return b;
}

/** ceil that does not turn 14 / 0.7 = 20.000000000000004 into 21 agents. */
function ceilTolerant(x: number): number {
  return Math.ceil(x - 1e-9);
}

/** C from B for the same N and A. With N <= A the queue grows without bound: everybody waits. */
function erlangCFromB(a: number, n: number, b: number): number {
  if (n <= a) return 1;
  return (n * b) / (n - a * (1 - b));
}

/** Erlang C: probability that an arriving contact has to wait (all N servers busy). 1 when N <= A. */
export function erlangC(trafficErlangs: number, servers: number): number {
  return erlangCFromB(trafficErlangs, servers, erlangB(trafficErlangs, servers));
}

function serviceLevelFrom(a: number, n: number, c: number, ahtSeconds: number, targetSeconds: number): number {
  if (a === 0) return 1;
  if (n <= a) return 0;
  return Math.max(0, Math.min(1, 1 - c * Math.exp((-(n - a) * targetSeconds) / ahtSeconds)));
}

function asaFrom(a: number, n: number, c: number, ahtSeconds: number): number {
  if (a === 0) return 0;
  if (n <= a) return Infinity;
  return (c * ahtSeconds) / (n - a);
}

/** Share of contacts answered within `targetSeconds`: 1 − C·e^(−(N−A)·T/AHT). 0 when N <= A. */
export function serviceLevel(arrivalsPerHour: number, ahtSeconds: number, agents: number, targetSeconds: number): number {
  const a = trafficIntensity(arrivalsPerHour, ahtSeconds);
  assertServerCount('agents', agents);
  assertFiniteAtLeast('targetSeconds', targetSeconds, 0);
  return serviceLevelFrom(a, agents, erlangC(a, agents), ahtSeconds, targetSeconds);
}

/** Average speed of answer in seconds over all contacts (those answered at once count as 0): C·AHT/(N−A). */
export function averageSpeedOfAnswer(arrivalsPerHour: number, ahtSeconds: number, agents: number): number {
  const a = trafficIntensity(arrivalsPerHour, ahtSeconds);
  assertServerCount('agents', agents);
  return asaFrom(a, agents, erlangC(a, agents), ahtSeconds);
}

/** Share of server time spent handling contacts, A/N, capped at 1 (an overloaded queue keeps everyone busy). */
export function occupancy(arrivalsPerHour: number, ahtSeconds: number, agents: number): number {
  const a = trafficIntensity(arrivalsPerHour, ahtSeconds);
  assertServerCount('agents', agents);
  if (a === 0) return 0;
  if (agents === 0) return 1;
  return Math.min(1, a / agents);
}

export interface AgentsNeededInput {
  arrivalsPerHour: number;
  /** Average handle time of one conversation, in seconds, as measured at the concurrency given below. */
  ahtSeconds: number;
  /** Answer-within target, in seconds (e.g. 20 for "80% in 20 s"). */
  targetSeconds: number;
  /** Required share answered within target, 0 <= x < 1 (1 is unreachable in Erlang C). */
  serviceLevel: number;
  /** Conversations one agent handles at once; >= 1, may be fractional (an average). Default 1. */
  concurrency?: number;
  /** Share of paid time agents are unavailable (breaks, training, absence), 0 <= x < 1. Default 0. */
  shrinkage?: number;
}

export interface AgentsNeeded {
  /** Agents to schedule: productive agents grossed up for shrinkage. */
  agents: number;
  /** Agents that must be logged in and available. */
  productiveAgents: number;
  /** Chat slots (Erlang servers) the target needs: the smallest N > A meeting it. */
  servers: number;
  /** Offered load in Erlangs. */
  traffic: number;
  /** Achieved with productiveAgents × concurrency slots (rounding up can only raise it). */
  serviceLevel: number;
  /** Average speed of answer in seconds, same basis. */
  asa: number;
  /** Slot occupancy A / slots, same basis. */
  occupancy: number;
}

/**
 * Smallest staffing that answers `serviceLevel` of contacts within `targetSeconds`.
 *
 * Concurrency approximation: an agent who handles k chats at once is treated as k independent Erlang servers, so
 * slots N come from Erlang C and agents = ceil(N / k). This ignores that an agent's chats share one person's
 * attention (handle time stretches as k grows) and that a busy slot of one agent cannot pick up work parked with
 * another; both are absorbed only if `ahtSeconds` is the handle time observed at that concurrency. Treat the
 * result as a lower bound for chat, exact (under Erlang C's assumptions) for k = 1.
 *
 * Shrinkage: agents = ceil(productiveAgents / (1 − shrinkage)), the usual roster gross-up.
 */
export function agentsNeeded(input: AgentsNeededInput): AgentsNeeded {
  const { arrivalsPerHour, ahtSeconds, targetSeconds } = input;
  const concurrency = input.concurrency ?? 1;
  const shrinkage = input.shrinkage ?? 0;
  const a = trafficIntensity(arrivalsPerHour, ahtSeconds);
  assertFiniteAtLeast('targetSeconds', targetSeconds, 0);
  if (!Number.isFinite(input.serviceLevel) || input.serviceLevel < 0 || input.serviceLevel >= 1) {
    throw new RangeError(`serviceLevel must be in [0, 1), got ${input.serviceLevel}`);
  }
  assertFiniteAtLeast('concurrency', concurrency, 1);
  if (!Number.isFinite(shrinkage) || shrinkage < 0 || shrinkage >= 1) throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);

  if (a === 0) return { agents: 0, productiveAgents: 0, servers: 0, traffic: 0, serviceLevel: 1, asa: 0, occupancy: 0 };

  // Walk B up to floor(A) once, then one recursion step per candidate N: O(N) overall, not O(N²).
  let n = Math.floor(a);
  if (n + 1 > MAX_SERVERS) throw new RangeError(`traffic of ${a} Erlangs needs more than ${MAX_SERVERS} servers`);
  let b = erlangB(a, n);
  let c: number;
  for (;;) {
    n += 1;
    if (n > MAX_SERVERS) throw new RangeError(`service level ${input.serviceLevel} needs more than ${MAX_SERVERS} servers`);
    b = (a * b) / (n + a * b);
    c = erlangCFromB(a, n, b);
    if (n > a && serviceLevelFrom(a, n, c, ahtSeconds, targetSeconds) >= input.serviceLevel) break;
  }

  const productiveAgents = ceilTolerant(n / concurrency);
  const agents = ceilTolerant(productiveAgents / (1 - shrinkage));
  // Fractional concurrency can leave fewer whole slots than n after rounding; never report below the target.
  const slots = Math.max(n, Math.floor(productiveAgents * concurrency));
  const cSlots = slots === n ? c : erlangC(a, slots);
  return {
    agents,
    productiveAgents,
    servers: n,
    traffic: a,
    serviceLevel: serviceLevelFrom(a, slots, cSlots, ahtSeconds, targetSeconds),
    asa: asaFrom(a, slots, cSlots, ahtSeconds),
    occupancy: Math.min(1, a / slots),
  };
}
