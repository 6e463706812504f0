import { describe, expect, it } from 'vitest';
import { RateLimits } from './rate-limit';

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
