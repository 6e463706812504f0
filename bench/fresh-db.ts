import { randomBytes } from 'node:crypto';
import { type DbHandle, openDatabase } from '@/db/client';

/** A throwaway database for a benchmark: in-memory PGlite, or a new database on the DATABASE_URL server (dropped by `drop`). */
export async function openFresh(prefix: string): Promise<{ handle: DbHandle; where: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    return { handle, where: 'PGlite (in memory)', drop: async () => {} };
  }
  const { default: postgres } = await import('postgres');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString(), pgliteDir: '', poolSize: 4 });
  return {
    handle,
    where: `Postgres ${target.host}/${name} (fresh, dropped after)`,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

