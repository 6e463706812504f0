import { z } from 'zod';
import { parseTeamMap } from '@/server/ai/team-map';
import { parseRateOverrides } from '@/server/security/rate-limit';
import { parseKeyRing } from '@/server/security/secret-box';

// The only reader of process.env. A bad value stops start-up with a message naming the variable.
const boolFromString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PGLITE_DIR: z.string().min(1).default('./.data/pglite'),
  // PGlite has no autovacuum: VACUUM (ANALYZE) table by table every this many hours, while the desk is quiet. 0: never.
  PGLITE_VACUUM_HOURS: z.coerce.number().min(0).max(720).default(6),
  // PGlite runs statements on the event loop: log each one that holds it at least this many milliseconds. 0: off.
  PGLITE_SLOW_STATEMENT_MS: z.coerce.number().min(0).max(60_000).default(0),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(24 * 7),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MESSAGE_BATCH_MS: z.coerce.number().min(0).max(100).default(0),
  RATE_LIMIT_DISABLED: boolFromString,
  // JSON overriding abuse limits by rule name (server/security/rate-limit.ts), e.g. {"messagePerVisitor":{"points":60,"duration":10}}.
  RATE_LIMITS: optionalString.superRefine((v, ctx) => {
    try {
      parseRateOverrides(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }),
  // Versioned AES-256-GCM keys for values kept at rest, "id:base64,…" (32 bytes each: openssl rand -base64 32).
  // The first key seals; all of them open, so a new key goes in front and old ones stay until nothing uses them.
  ENCRYPTION_KEYS: optionalString.superRefine((v, ctx) => {
    if (!v) return;
    try {
      parseKeyRing(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }),
  // The key of the blind indexes that find customers by email or phone (32 bytes, base64). Unlike the encryption
  // keys it never changes once data exists. Unset: generated once and kept in the database.
  BLIND_INDEX_KEY: optionalString.refine((v) => !v || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)'),
  // Conversation files: where they are kept, the largest accepted (MB), and ClamAV's daemon (a unix socket path or
  // host:port). Without CLAMAV_ADDRESS uploads are refused: files are never shared unscanned.
  ATTACHMENTS_DIR: z.string().min(1).default('./.data/attachments'),
  ATTACHMENT_MAX_MB: z.coerce.number().min(1).max(100).default(10),
  CLAMAV_ADDRESS: optionalString,
  // Optional outgoing mail (invitations, password resets): smtp://user:pass@host:587 or smtps://…:465, and the
  // sender. Without it the admin console shows the links to copy. PUBLIC_URL: this server's address as people
  // reach it (https://support.example.com), for links in mail; unset, the admin's own browser address is used.
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  SMTP_FROM: optionalString,
  PUBLIC_URL: optionalString.pipe(z.url({ error: 'must be a URL like https://support.example.com' }).optional()),
  // The first-run wizard (/setup, shown while no admin exists) asks for this token when it is set.
  SETUP_TOKEN: optionalString,
  // Admins must sign in with a second factor (TOTP): on unless set to false.
  ADMIN_2FA_REQUIRED: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  // Failed sign-ins (password or code) in a row that lock an account, and for how many minutes.
  SIGN_IN_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(3).max(100).default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Sign-in attempts allowed per IP address in 5 minutes (offices behind one address may need more).
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  // Routing sweep period in ms: auto-reassign and overflow are checked this often (per-team limits are set in the desk).
  ROUTING_SWEEP_MS: z.coerce.number().int().min(200).max(600_000).default(5000),
  // How often SLA clocks are checked for 80% warnings and breaches (ms).
  SLA_SWEEP_MS: z.coerce.number().int().min(200).max(600_000).default(5000),
  COOKIE_SECURE: boolFromString,
  // On-server AI: other local model folders instead of the shipped ml/models/*; intent → team names (JSON).
  SENTIMENT_MODEL: optionalString,
  INTENT_MODEL: optionalString,
  LANG_MODEL: optionalString,
  // Public datasets for npm run ai:eval / ai:train (default: ../shared/datasets beside the checkout).
  DATASETS_DIR: optionalString,
  AI_TEAM_MAP: optionalString.refine((v) => {
    try {
      parseTeamMap(v);
      return true;
    } catch {
      return false;
    }
  }, 'must be JSON mapping intents (order_status, cancel_order, return_refund, payment, account, product_info, other) to team names'),
  // false: no models at all (no worker process, no annotations, routing, escalation); the desk works without them.
  AI_ENABLED: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => v !== 'false' && v !== '0'),
  // Intent routing moves a new conversation only on a reading at least this confident (else: the general queue).
  AI_ROUTING_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  // Escalate when one customer message is at least this surely negative (worsening sentiment escalates too).
  AI_ESCALATE_NEGATIVE: z.coerce.number().min(0.34).max(1).default(0.85),
  // Under load the models yield to live traffic: at this many customer messages per second or more, readings
  // other than a conversation's first messages wait for a quiet moment (0: never wait)…
  AI_DEFER_ABOVE_PER_S: z.coerce.number().int().min(0).default(200),
  // …for at most this long.
  AI_MAX_DEFER_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const appVersion = process.env.npm_package_version ?? '0.1.0';
