import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@/server/core/app-error';

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
} satisfies Record<string, Rule>;

export type RateRule = keyof typeof rateRules;

export class RateLimits {
  private limiters = new Map<RateRule, RateLimiterAbstract>();
  constructor(private opts: { redis?: Redis; disabled?: boolean; signInPerIp?: number }) {
    const rules: Record<RateRule, Rule> = { ...rateRules, signInPerIp: { ...rateRules.signInPerIp, points: opts.signInPerIp ?? rateRules.signInPerIp.points } };
    for (const [name, rule] of Object.entries(rules) as [RateRule, Rule][]) {
      this.limiters.set(
        name,
        opts.redis
          ? new RateLimiterRedis({ storeClient: opts.redis, keyPrefix: `alap:rl:${name}`, ...rule, insuranceLimiter: new RateLimiterMemory(rule) })
          : new RateLimiterMemory({ keyPrefix: name, ...rule }),
      );
    }
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
          throw new AppError('TOO_MANY_REQUESTS', `Too many requests, try again in ${seconds} s`, { retryAfterSeconds: seconds });
        }
        throw e;
      }
    }
  }
}
