import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const errorOf = (source: Record<string, string | undefined>) => {
  try {
    parseEnv(source);
  } catch (e) {
    return e as Error;
  }
  throw new Error('parseEnv accepted a bad configuration');
};

describe('parseEnv', () => {
  it('starts with sensible defaults: port 3000 and the embedded database', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('./.data/pglite');
    expect(env.SESSION_SECRET).toBeUndefined();
    expect(env.RATE_LIMIT_DISABLED).toBe(false);
    expect(env.COOKIE_SECURE).toBe(false);
  });

  it('logs no slow PGlite statements unless asked, and refuses a negative threshold', () => {
    expect(parseEnv({}).PGLITE_SLOW_STATEMENT_MS).toBe(0);
    expect(parseEnv({ PGLITE_SLOW_STATEMENT_MS: '25' }).PGLITE_SLOW_STATEMENT_MS).toBe(25);
    expect(errorOf({ PGLITE_SLOW_STATEMENT_MS: '-1' }).message).toContain('PGLITE_SLOW_STATEMENT_MS');
  });

  it('reads the AI routing and escalation thresholds, with defaults, and refuses values outside their range', () => {
    expect(parseEnv({})).toMatchObject({ AI_ROUTING_MIN_CONFIDENCE: 0.6, AI_ESCALATE_NEGATIVE: 0.85 });
    expect(parseEnv({ AI_ROUTING_MIN_CONFIDENCE: '0.75', AI_ESCALATE_NEGATIVE: '0.9' })).toMatchObject({ AI_ROUTING_MIN_CONFIDENCE: 0.75, AI_ESCALATE_NEGATIVE: 0.9 });
    expect(errorOf({ AI_ROUTING_MIN_CONFIDENCE: '1.5' }).message).toContain('AI_ROUTING_MIN_CONFIDENCE');
    expect(errorOf({ AI_ESCALATE_NEGATIVE: '0.2' }).message).toContain('AI_ESCALATE_NEGATIVE');
    expect(parseEnv({}).AI_ENABLED).toBe(true);
    expect(parseEnv({ AI_ENABLED: 'false' }).AI_ENABLED).toBe(false);
    expect(errorOf({ AI_ENABLED: 'maybe' }).message).toContain('AI_ENABLED');
  });

  it('treats empty strings (as left by a copied .env.example) as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', REDIS_URL: '', SESSION_SECRET: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toBeUndefined();
  });

  it('checks the mail settings: SMTP_URL is smtp(s)://, PUBLIC_URL a URL; empty means unset', () => {
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@mail.example.com:465', PUBLIC_URL: 'https://support.example.com' })).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example.com:465', PUBLIC_URL: 'https://support.example.com' });
    expect(parseEnv({ SMTP_URL: '', PUBLIC_URL: '' })).toMatchObject({ SMTP_URL: undefined, PUBLIC_URL: undefined });
    expect(errorOf({ SMTP_URL: 'mail.example.com' }).message).toContain('SMTP_URL');
    expect(errorOf({ PUBLIC_URL: 'support' }).message).toContain('PUBLIC_URL');
  });

  it('accepts good values', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/alap',
      SESSION_SECRET: 'x'.repeat(32),
      RATE_LIMIT_DISABLED: 'true',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgresql://u:p@db:5432/alap');
    expect(env.RATE_LIMIT_DISABLED).toBe(true);
  });

  it.each([['abc'], ['0'], ['70000'], ['80.5']])('rejects PORT=%s naming the variable', (port) => {
    const e = errorOf({ PORT: port });
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toMatch(/\bPORT\b/);
  });

  it('rejects a DATABASE_URL that is not a Postgres URL, naming the variable', () => {
    const e = errorOf({ DATABASE_URL: 'mysql://root@localhost/alap' });
    expect(e.message).toContain('DATABASE_URL');
    expect(e.message).toContain('postgres://');
  });

  it('rejects a short SESSION_SECRET, naming the variable', () => {
    const e = errorOf({ SESSION_SECRET: 'too-short' });
    expect(e.message).toContain('SESSION_SECRET');
    expect(e.message).toContain('32');
  });

  it('names every bad variable at once', () => {
    const e = errorOf({ PORT: 'x', SESSION_SECRET: 'short', REDIS_URL: 'http://cache' });
    expect(e.message).toContain('PORT');
    expect(e.message).toContain('SESSION_SECRET');
    expect(e.message).toContain('REDIS_URL');
  });
});
