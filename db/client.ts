import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

export async function openDatabase(opts: { databaseUrl?: string; pgliteDir: string; poolSize?: number }): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.pgliteDir);
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzle(client, { schema }) as unknown as Db;
  await client`select 1`;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

// PGlite is a single-process database: a second process opening the same directory corrupts it, and a
// directory left by a killed process still holds its postmaster.pid. Our own lock file says which process
// owns the directory; a lock whose process is gone is stale and removed before opening.
function acquireLock(dir: string): () => void {
  const lockPath = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  try {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The embedded database at ${dir} is in use by process ${pid}. Stop it first, or set DATABASE_URL.`);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) {
      if ((e as Error).message.startsWith('The embedded database')) throw e;
    }
  }
  fs.writeFileSync(lockPath, String(process.pid));
  for (const stale of ['postmaster.pid']) {
    fs.rmSync(path.join(dir, stale), { force: true });
  }
  return () => fs.rmSync(lockPath, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dir: string): Promise<DbHandle> {
  if (dir.startsWith('memory://')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = new PGlite();
    await client.waitReady;
    return { db: drizzle(client, { schema }) as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  const absolute = path.resolve(dir);
  fs.mkdirSync(absolute, { recursive: true });
  const release = acquireLock(absolute);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite(absolute);
  const opened = client.waitReady.then(() => 'ready' as const);
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000).unref());
  if ((await Promise.race([opened, timeout])) === 'timeout') {
    release();
    throw new Error(`The embedded database at ${absolute} did not open within 60 s. Move the folder aside to start fresh.`);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
      release();
    },
  };
}

export async function runMigrations(handle: DbHandle) {
  if (handle.kind === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(handle.db as never, { migrationsFolder });
  }
}
