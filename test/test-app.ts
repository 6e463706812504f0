import { openDatabase, runMigrations } from '@/db/client';
import { createApp } from '@/server/app';

/**
 * A fully wired app on a real database: the Postgres in DATABASE_URL when set (CI), else in-memory PGlite.
 * Tests isolate themselves by creating their own workspace with the seed factories.
 */
export async function createTestApp(opts: { rateLimitDisabled?: boolean } = {}) {
  const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: 'memory://', poolSize: 4 });
  await runMigrations(handle);
  const app = createApp(handle, {
    sessionTtlHours: 1,
    secret: 'test-secret-test-secret-test-secret-123',
    batchWindowMs: 2,
    rateLimitDisabled: opts.rateLimitDisabled ?? true,
    adapterKind: 'memory',
    cookieSecure: false,
    version: 'test',
  });
  return { app, close: () => handle.close() };
}
