import { describe, expect, it } from 'vitest';
import { parseRateOverrides, RateLimits } from './rate-limit';

describe('rate limits', () => {
  it('sign-ins per address follow SIGN_IN_LIMIT_PER_IP, the other rules keep their numbers', async () => {
    const limits = new RateLimits({ signInPerIp: 2 });
    await limits.consume('signInPerIp', '10.0.0.1');
    await limits.consume('signInPerIp', '10.0.0.1');
    await expect(limits.consume('signInPerIp', '10.0.0.1')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another address has its own count.
    await limits.consume('signInPerIp', '10.0.0.2');
    const defaults = new RateLimits({});
    for (let i = 0; i < 20; i++) await defaults.consume('signInPerIp', '10.0.0.3');
    await expect(defaults.consume('signInPerIp', '10.0.0.3')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});

describe('RATE_LIMITS overrides', () => {
  it('parses rules by name and refuses anything else with a message', () => {
    expect(parseRateOverrides(undefined)).toEqual({});
    expect(parseRateOverrides('{"messagePerVisitor":{"points":60,"duration":10}}')).toEqual({ messagePerVisitor: { points: 60, duration: 10 } });
    expect(() => parseRateOverrides('{nope')).toThrow(/not JSON/);
    expect(() => parseRateOverrides('[]')).toThrow(/object/);
    expect(() => parseRateOverrides('{"everything":{"points":1,"duration":1}}')).toThrow(/unknown rule "everything"/);
    expect(() => parseRateOverrides('{"signInPerIp":{"points":0,"duration":10}}')).toThrow(/whole positive/);
  });

  it('an override replaces the default', async () => {
    const limits = new RateLimits({ overrides: { signInPerIp: { points: 1, duration: 60 } } });
    await limits.consume('signInPerIp', '10.0.0.9');
    await expect(limits.consume('signInPerIp', '10.0.0.9')).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 60 } });
  });
});
