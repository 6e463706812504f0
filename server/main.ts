import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import next from 'next';
import { openDatabase, runMigrations } from '@/db/client';
import { seedDemoIfEmpty } from '@/db/seed/demo';
import { rotateSealedFields } from '@/server/security/key-rotation';
import { handleFilesHttp } from '@/server/files/files.http';
import { createApp } from '@/server/app';
import { AiClient } from '@/server/ai/ai-client';
import { DEFAULT_ESCALATION_RULES } from '@/server/ai/escalation';
import { parseTeamMap } from '@/server/ai/team-map';
import { errorText, logger, setLogLevel } from '@/server/core/logger';
import { appVersion, getEnv } from '@/server/env';
import { createGateway } from '@/server/realtime/gateway';
import { appRouter } from '@/server/trpc/root.router';
import { createContext } from '@/server/trpc/trpc';
import { handleLoaderConfig } from '@/server/widget/loader-config.http';
import { handleWidgetPage } from '@/server/widget/widget-page.http';
import { PgliteMaintenance } from '@/server/maintenance/pglite-maintenance';
import { parseRateOverrides } from '@/server/security/rate-limit';

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  setLogLevel(env.LOG_LEVEL);
  const dev = env.NODE_ENV !== 'production';

  let shuttingDown = false;
  const handle = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    slowStatementMs: env.PGLITE_SLOW_STATEMENT_MS,
    onSlowStatement: (s) => logger.warn('pglite.slow_statement', s),
  });
  logger.info('database.open', { kind: handle.kind });
  await runMigrations(handle);

  let redis: import('ioredis').Redis | undefined;
  let adapter: Parameters<typeof createGateway>[2];
  if (env.REDIS_URL) {
    const { Redis } = await import('ioredis');
    const { createAdapter } = await import('@socket.io/redis-adapter');
    redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
    const pub = redis.duplicate();
    const sub = redis.duplicate();
    adapter = createAdapter(pub, sub);
  }

  const app = createApp(handle, {
    sessionTtlHours: env.SESSION_TTL_HOURS,
    secret: env.SESSION_SECRET,
    batchWindowMs: env.MESSAGE_BATCH_MS,
    redis,
    rateLimitDisabled: env.RATE_LIMIT_DISABLED,
    signInLimitPerIp: env.SIGN_IN_LIMIT_PER_IP,
    encryptionKeys: env.ENCRYPTION_KEYS,
    blindIndexKey: env.BLIND_INDEX_KEY,
    attachments: { dir: env.ATTACHMENTS_DIR, maxBytes: env.ATTACHMENT_MAX_MB * 1024 * 1024, clamdAddress: env.CLAMAV_ADDRESS },
    lockout: { attempts: env.SIGN_IN_LOCKOUT_ATTEMPTS, minutes: env.SIGN_IN_LOCKOUT_MINUTES },
    adminTotpRequired: env.ADMIN_2FA_REQUIRED,
    setupToken: env.SETUP_TOKEN,
    smtp: { url: env.SMTP_URL, from: env.SMTP_FROM },
    publicUrl: env.PUBLIC_URL,
    rateLimitOverrides: parseRateOverrides(env.RATE_LIMITS),
    adapterKind: redis ? 'redis' : 'memory',
    cookieSecure: env.COOKIE_SECURE,
    version: appVersion,
    routingSweepMs: env.ROUTING_SWEEP_MS,
    slaSweepMs: env.SLA_SWEEP_MS,
    aiActions: {
      teamMap: parseTeamMap(env.AI_TEAM_MAP),
      routingMinConfidence: env.AI_ROUTING_MIN_CONFIDENCE,
      escalation: { ...DEFAULT_ESCALATION_RULES, sharpNegative: env.AI_ESCALATE_NEGATIVE },
      pacing: { deferAbovePerSecond: env.AI_DEFER_ABOVE_PER_S, maxDeferMs: env.AI_MAX_DEFER_MS },
    },
  });

  let markSeedFinished = () => {};
  const seedFinished = new Promise<void>((resolve) => (markSeedFinished = resolve));
  // The models load in a worker process while the server starts; without them the desk works and health says why.
  let aiClient: AiClient | null = null;
  const aiStart = env.AI_ENABLED ? (init: Parameters<typeof AiClient.start>[0]) => AiClient.start(init) : () => Promise.reject<AiClient>(new Error('turned off (AI_ENABLED=false)'));
  void aiStart({
    dirs: { sentiment: env.SENTIMENT_MODEL, intent: env.INTENT_MODEL, lang: env.LANG_MODEL },
    teamMap: parseTeamMap(env.AI_TEAM_MAP),
    // Reply suggestions compare the intent encoder's sentence vectors.
    embeddingDir: env.INTENT_MODEL,
  }).then(
    (client) => {
      if (shuttingDown) return void client.close();
      aiClient = client;
      app.ai.attach((texts) => client.classify(texts));
      app.suggest.attach({ embed: (texts) => client.embed(texts), classify: (texts) => client.classify(texts) });
      logger.info('ai.ready');
      // After the demo seed (if any), read the history the models have not seen.
      void seedFinished.then(() => app.ai.backfill()).then(
        (n) => n && logger.info('ai.backfill', { annotated: n }),
        (e) => logger.warn('ai.backfill', { error: errorText(e) }),
      );
    },
    (e: Error) => {
      app.ai.unavailable(e.message);
      logger.warn('ai.unavailable', { reason: e.message });
    },
  );

  const shouldSeed = env.SEED_DEMO === 'always' || (env.SEED_DEMO === 'auto' && handle.kind === 'pglite');
  if (shouldSeed) {
    const seeded = await seedDemoIfEmpty(app);
    if (seeded) logger.info('seed.demo', seeded);
    // The demo's history is inserted resolved, without events: score it in the background for the supervisor view.
    if (seeded) void app.quality.scoreUnscored(2000).catch((e) => logger.warn('quality.backfill', { error: errorText(e) }));
  }
  markSeedFinished();
  // Sealed fields to the current key (values from before encryption, or under an older key), while the app runs.
  void rotateSealedFields(app.db).catch((e: unknown) => logger.warn('security.keys_rotate_failed', { error: errorText(e) }));
  const maintenance = handle.kind === 'pglite' ? new PgliteMaintenance(app.db, app.bus, { everyHours: env.PGLITE_VACUUM_HOURS }) : null;
  await maintenance?.start().catch((e) => logger.warn('pglite.analyze_failed', { error: errorText(e) }));
  void app.suggest.warm().catch((e) => logger.warn('suggest.warm', { error: errorText(e) }));


  const nextApp = next({ dev, dir: process.cwd(), hostname: 'localhost', port: env.PORT });
  await nextApp.prepare();
  const nextHandler = nextApp.getRequestHandler();

  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ req, res }) => createContext(app, req, res),
    maxBodySize: 256 * 1024,
  });

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/trpc/')) return void trpcHandler(req, res);
    if (url.startsWith('/api/widget/') && handleLoaderConfig(app.widget, req, res)) return;
    if (url.startsWith('/widget/') && handleWidgetPage(app.widget, req, res)) return;
    if ((url.startsWith('/api/attachments') || url.startsWith('/files/')) && handleFilesHttp(app, req, res)) return;
    if (url === '/api/health' || url.startsWith('/api/health?')) {
      res.writeHead(shuttingDown ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: shuttingDown ? 'stopping' : 'ok', database: handle.kind, adapter: app.opts.adapterKind, ai: app.ai.status, version: appVersion }));
      return;
    }
    void nextHandler(req, res);
  });

  const gateway = createGateway(app, server, adapter);
  if (dev) {
    const upgrade = nextApp.getUpgradeHandler();
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket.io')) void upgrade(req, socket, head);
    });
  }

  const snoozeTimer = setInterval(() => void app.chat.wakeSnoozed().catch((e) => logger.warn('snooze.wake', { error: errorText(e) })), 30_000);

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  logger.info('server.listening', { url: `http://localhost:${env.PORT}`, database: handle.kind, adapter: app.opts.adapterKind, dev });
  if (process.send) process.send('ready');

  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('server.stopping', { signal });
    const force = setTimeout(() => {
      logger.error('server.forced-exit');
      process.exit(1);
    }, 10_000);
    force.unref();
    clearInterval(snoozeTimer);
    server.close();
    await gateway.close().catch(() => {});
    server.closeAllConnections();
    await app.writer.drain().catch((e) => logger.error('writer.drain', { error: errorText(e) }));
    app.queue.stop();
    await app.queue.idle().catch(() => {});
    app.sla.stop();
    await app.sla.idle().catch(() => {});
    app.automation.stop();
    await app.automation.idle().catch(() => {});
    app.tickets.stop();
    await app.tickets.idle().catch(() => {});
    app.searchIndexer.stop();
    await app.searchIndexer.idle();
    app.ai.stop();
    await app.reporting.stop();
    app.dashboard.stop();
    app.notifications.stop();
    app.quality.stop();
    await app.quality.idle();
    app.suggest.stop();
    await app.privacy.stop();
    await app.workspaceSettings.stop();
    app.mailer.close();
    await maintenance?.stop();
    await aiClient?.close().catch(() => {});
    await redis?.quit().catch(() => {});
    await handle.close();
    logger.info('server.stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  logger.error('server.start-failed', { error: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
