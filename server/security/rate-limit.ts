import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@/server/core/app-error';
import { logger } from '@/server/core/logger';

type Rule = { points: number; duration: number };

// Numbers: a person types at most a message every second or two; bursts of 30 cover pasting and offline
// queues flushing on reconnect. New conversations are rare for a real customer. Per-IP limits are loose on
// purpose: Bangladeshi mobile carriers put many customers behind one carrier-grade NAT address.
export const rateRules = {
  messagePerVisitor: { points: 30, duration: 10 },
  messagePerIp: { points: 300, duration: 10 },
  conversationPerVisitor: { points: 10, duration: 3600 },
  conversationPerIp: { points: 200, duration: 3600 },
  sessionPerIp: { points: 300, duration: 600 },
  signInPerIp: { points: 20, duration: 300 },
  // Every tRPC mutation of a signed-in person (assign, reply through the API, settings…), and anonymous ones per IP.
  mutationPerUser: { points: 120, duration: 60 },
  mutationPerIp: { points: 600, duration: 60 },
  // Every event a person's sockets send (messages, typing, receipts, syncs), per visitor or staff member, counted
  // on the node: over it, the socket is told why and disconnected, and reconnecting is refused until the window ends.
  socketEvents: { points: 300, duration: 10 },
} satisfies Record<string, Rule>;

export type RateRule = keyof typeof rateRules;
export type RateOverrides = Partial<Record<RateRule, Rule>>;

/** RATE_LIMITS: JSON overriding rules by name, e.g. {"messagePerVisitor":{"points":60,"duration":10}}. Throws on anything else. */
export function parseRateOverrides(raw: string | undefined): RateOverrides {
  if (!raw || !raw.trim()) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('is not JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('must be a JSON object of rules');
  const out: RateOverrides = {};
  for (const [name, rule] of Object.entries(json)) {
    if (!(name in rateRules)) throw new Error(`names an unknown rule "${name}" (known: ${Object.keys(rateRules).join(', ')})`);
    const r = rule as Partial<Rule> | null;
    const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n > 0;
    if (!r || !ok(r.points) || !ok(r.duration)) throw new Error(`rule "${name}" needs whole positive "points" and "duration" (seconds)`);
    out[name as RateRule] = { points: r.points!, duration: r.duration! };
  }
  return out;
}
// Counted per socket, on its node: in memory even with Redis (no round trip per event).
const LOCAL_ONLY: RateRule[] = ['socketEvents'];

export class RateLimits {
  private limiters = new Map<RateRule, RateLimiterAbstract>();
  private rules: Record<RateRule, Rule>;
  constructor(private opts: { redis?: Redis; disabled?: boolean; signInPerIp?: number; overrides?: RateOverrides }) {
    const rules: Record<RateRule, Rule> = {
      ...rateRules,
      signInPerIp: { ...rateRules.signInPerIp, points: opts.signInPerIp ?? rateRules.signInPerIp.points },
      ...opts.overrides,
    };
    this.rules = rules;
    for (const [name, rule] of Object.entries(rules) as [RateRule, Rule][]) {
      this.limiters.set(
        name,
        opts.redis && !LOCAL_ONLY.includes(name)
          ? new RateLimiterRedis({ storeClient: opts.redis, keyPrefix: `alap:rl:${name}`, ...rule, insuranceLimiter: new RateLimiterMemory(rule) })
          : new RateLimiterMemory({ keyPrefix: name, ...rule }),
      );
    }
  }

  /** Seconds until `key` may act again under `rule` (0: it may now). Consumes nothing. */
  async blockedFor(rule: RateRule, key: string): Promise<number> {
    if (this.opts.disabled) return 0;
    const res = await this.limiters.get(rule)!.get(key);
    return res && res.remainingPoints <= 0 ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
  }

  /** Consumes one point for each key, throwing TOO_MANY_REQUESTS (with a retry hint) when any is spent. */
  async consume(rule: RateRule, ...keys: (string | null | undefined)[]) {
    if (this.opts.disabled) return;
    const limiter = this.limiters.get(rule)!;
    for (const key of keys) {
      if (!key) continue;
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          const seconds = Math.ceil(e.msBeforeNext / 1000);
          // Logged once per key and window: the first refusal, not every request of a flood.
          if (e.consumedPoints === this.rules[rule].points + 1) logger.warn('security.rate_limited', { rule, key, retryAfterSeconds: seconds });
          throw new AppError('TOO_MANY_REQUESTS', `Too many requests, try again in ${seconds} s`, { retryAfterSeconds: seconds });
        }
        throw e;
      }
    }
  }
}
