import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, rowsOf, runMigrations } from '@/db/client';
import { EventBus } from '@/server/core/event-bus';
import { PgliteMaintenance } from './pglite-maintenance';

// PGlite only (its own in-memory database): Postgres servers vacuum themselves.
let handle: DbHandle;
beforeAll(async () => {
  handle = await openDatabase({ pgliteDir: 'memory://' });
  await runMigrations(handle);
  await handle.db.execute(sql`create table maint_probe (id int primary key, v text)`);
  await handle.db.execute(sql`insert into maint_probe select g, 'a' from generate_series(1, 2000) g`);
  // Every row updated twice: two dead versions each, as conversations get on every message.
  await handle.db.execute(sql`update maint_probe set v = 'b'`);
  await handle.db.execute(sql`update maint_probe set v = 'c'`);
});
afterAll(() => handle.close());

const stats = async () =>
  rowsOf<{ reltuples: number; pages: number; last_vacuum: unknown }>(
    await handle.db.execute(sql`select c.reltuples::float8 as reltuples, c.relpages as pages, s.last_vacuum
      from pg_class c left join pg_stat_user_tables s on s.relid = c.oid where c.relname = 'maint_probe'`),
  )[0]!;

describe('PGlite maintenance', () => {
  it('analyzes on start, then vacuums every table while quiet; messages pause a pass between tables, and it resumes where it stopped', async () => {
    let now = 1_000_000_000;
    const bus = new EventBus();
    const m = new PgliteMaintenance(handle.db, bus, { everyHours: 6, quietBelowPer10s: 3, checkEveryMs: 3_600_000, clock: () => now });
    expect((await stats()).reltuples).toBeLessThan(0); // never analyzed
    await m.start();
    expect((await stats()).reltuples).toBe(2000);
    expect((await stats()).last_vacuum).toBeNull();

    // Busy: three messages in the last 10 seconds. Nothing runs.
    const message = () => bus.emit('message.created', {} as never);
    message();
    message();
    message();
    expect(m.quiet()).toBe(false);
    const busy = await m.runPass();
    expect(busy.done).toEqual([]);
    expect(busy.left).toBeGreaterThan(10);

    // Ten seconds later it is quiet: the whole pass runs, every public table once.
    now += 11_000;
    expect(m.quiet()).toBe(true);
    const pass = await m.runPass();
    expect(pass.left).toBe(0);
    const tables = pass.done.map((d) => d.table);
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'messages', 'reporting_hourly', 'reporting_daily', 'maint_probe']));
    expect(new Set(tables).size).toBe(tables.length);
    expect((await stats()).last_vacuum).not.toBeNull();
    // The dead versions are gone: a full-table update now reuses the freed space instead of growing the table.
    const before = (await stats()).pages;
    await handle.db.execute(sql`update maint_probe set v = 'd'`);
    await handle.db.execute(sql`vacuum maint_probe`);
    expect((await stats()).pages).toBeLessThanOrEqual(before);
    await m.stop();
  });
});
