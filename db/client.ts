import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { createPgliteDirect } from './pglite-direct';
import { type ParserClient, shareDrizzleParsers } from './pglite-parsers';
import { type SlowStatement, watchSlowStatements } from './pglite-slow';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = 'pglite' | 'postgres';

/** A hot statement with fixed text, prepared once per connection. Its parameters are text ($1, $2, …). */
export type PreparedStatement = { name: string; text: string };
export type RawRow = Record<string, unknown>;

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /**
   * Runs a prepared statement: planned once per connection instead of on every call. Column values may come back
   * parsed or as PostgreSQL's text (PGlite's direct path): callers normalise them.
   */
  execPrepared: (stmt: PreparedStatement, args: string[]) => Promise<RawRow[]>;
  close: () => Promise<void>;
};

/**
 * A dollar-quoted literal: no escape processing at all, whatever the server settings; the tag is chosen so it
 * does not occur in the value.
 */
export function dollarQuote(value: string) {
  let tag = 'a';
  // The closing tag must be found first exactly at the end: `$a` + `$a$` would close early.
  for (let i = 0; `${value}$${tag}$`.indexOf(`$${tag}$`) !== value.length; i++) tag = `a${i.toString(36)}`;
  return `$${tag}$${value}$${tag}$`;
}

type PgliteClient = {
  query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec: (text: string) => Promise<{ rows: unknown[] }[]>;
};

/**
 * PGlite's query() parses and plans every statement again (for a large CTE, planning is most of its cost) and
 * cannot bind parameters to EXECUTE, so hot statements are PREPAREd once in SQL and EXECUTEd with their
 * arguments as dollar-quoted literals, over the simple protocol (exec: one round trip into PGlite instead of
 * the extended protocol's five, and far less garbage).
 */
function pglitePrepared(client: PgliteClient) {
  const prepared = new Set<string>();
  const direct = createPgliteDirect(client);
  return async (stmt: PreparedStatement, args: string[]) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(stmt.name)) throw new Error(`Invalid prepared statement name ${stmt.name}`);
    if (!prepared.has(stmt.name)) {
      await client.query(`prepare ${stmt.name} as ${stmt.text}`);
      prepared.add(stmt.name);
    }
    const list = args.length ? `(${args.map(dollarQuote).join(', ')})` : '';
    // Idle PGlite (the common case): straight in, no locks, no parsing into objects (db/pglite-direct.ts).
    if (direct?.isIdle()) return (await direct.run(`execute ${stmt.name}${list}`)) as RawRow[];
    const results = await client.exec(`execute ${stmt.name}${list}`);
    return (results[0]?.rows ?? []) as RawRow[];
  };
}

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations');

export type OpenOptions = {
  databaseUrl?: string;
  pgliteDir: string;
  poolSize?: number;
  /** PGlite only: report statements that hold the database (and the event loop) this long or longer; 0: off. */
  slowStatementMs?: number;
  onSlowStatement?: (s: SlowStatement) => void;
};

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.pgliteDir, (client) => {
    if (opts.slowStatementMs && opts.onSlowStatement) watchSlowStatements(client, opts.slowStatementMs, opts.onSlowStatement);
  });
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  // JIT off: the app's statements are short, and compiling them cost more than it saved (experiment results:
  // 60-80 ms of a 150-200 ms statement went to JIT; bench:analytics).
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, connection: { jit: 'off' } });
  const db = drizzle(client, { schema }) as unknown as Db;
  await client`select 1`;
  // postgres.js prepares statements per connection by their text.
  const execPrepared = async (stmt: PreparedStatement, args: string[]) => (await client.unsafe(stmt.text, args, { prepare: true })) as unknown as RawRow[];
  return { db, kind: 'postgres', execPrepared, close: () => client.end({ timeout: 5 }) };
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

/**
 * PGlite's own start parameters plus ours. wal_init_zero=off: a new 16 MB WAL segment is created without
 * writing 16 MB of zeros first, which PGlite did inside whichever statement crossed the segment boundary (a
 * 40–50 ms stall about every 11,000 messages, measured). PGlite already runs without fsync, so the zeros
 * bought no safety here.
 *
 * random_page_cost=1.1 (Postgres' default is 4, for spinning disks): PGlite's pages sit in its own 160 MB of
 * buffers or the OS cache, where a random read costs about what a sequential one does. With 4, a small table
 * (a new desk's 50 conversations and contacts) looked cheaper to scan whole than to look up by key, and the
 * prepared message write kept that plan while every message left a dead row version behind: in the delivery
 * benchmark a message write took 0.78–0.88 ms with 4 and 0.56–0.66 ms with 1.1, and the analytics benchmark's
 * queries (scale 0.2) 564 → 476 ms in total, the slowest change 3.4 → 4.8 ms.
 */
function pgliteStartParams(defaults: readonly string[]) {
  return [...defaults, '-c', 'wal_init_zero=off', '-c', 'random_page_cost=1.1'];
}

// Extensions the migrations create (pg_trgm: search, migration 0008). Postgres has them in contrib; PGlite must
// be given them when it starts.
async function pgliteExtensions() {
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return { pg_trgm };
}

async function openPglite(dir: string, onOpen: (client: object) => void): Promise<DbHandle> {
  if (dir.startsWith('memory://')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = new PGlite({ startParams: pgliteStartParams(PGlite.defaultStartParams), extensions: await pgliteExtensions() });
    await client.waitReady;
    shareDrizzleParsers(client as unknown as ParserClient);
    onOpen(client);
    return { db: drizzle(client, { schema }) as unknown as Db, kind: 'pglite', execPrepared: pglitePrepared(client), close: () => client.close() };
  }
  const absolute = path.resolve(dir);
  fs.mkdirSync(absolute, { recursive: true });
  const release = acquireLock(absolute);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite(absolute, { startParams: pgliteStartParams(PGlite.defaultStartParams), extensions: await pgliteExtensions() });
  const opened = client.waitReady.then(() => 'ready' as const);
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000).unref());
  if ((await Promise.race([opened, timeout])) === 'timeout') {
    release();
    throw new Error(`The embedded database at ${absolute} did not open within 60 s. Move the folder aside to start fresh.`);
  }
  shareDrizzleParsers(client as unknown as ParserClient);
  onOpen(client);
  const db = drizzle(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    execPrepared: pglitePrepared(client),
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

/** Rows of a raw `db.execute` result: the postgres driver answers an array, PGlite an object with `rows`. */
export const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
