import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, rowsOf, runMigrations } from '@/db/client';
import { EventBus } from '@/server/core/event-bus';
import { autovacuumDue, PgliteMaintenance } from './pglite-maintenance';

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

  it('between passes, analyzes the tables that changed past autovacuum thresholds and vacuums those with many dead rows; busy desks wait, up to a limit', async () => {
    let now = 2_000_000_000;
    const bus = new EventBus();
    const m = new PgliteMaintenance(handle.db, bus, { everyHours: 0, autoEveryMs: 0, autoForceAfterMs: 600_000, quietBelowPer10s: 3, clock: () => now });
    await m.start(); // ANALYZE: every table's counters start from zero
    await handle.db.execute(sql`create table auto_probe (id int primary key, v text)`);
    await handle.db.execute(sql`create table auto_probe_small (id int primary key)`);
    await handle.db.execute(sql`insert into auto_probe select g, 'a' from generate_series(1, 3000) g`);
    await handle.db.execute(sql`insert into auto_probe_small select g from generate_series(1, 10) g`);
    // Counters reach the statistics views when the backend reports them (at most once a second): make it now.
    const flush = async () => {
      await handle.db.execute(sql`select pg_stat_force_next_flush()`);
      await handle.db.execute(sql`select 1`);
    };
    await flush();
    const probe = async (name: string) =>
      rowsOf<{ reltuples: number; last_analyze: unknown; last_vacuum: unknown }>(
        await handle.db.execute(sql`select c.reltuples::float8 as reltuples, s.last_analyze, s.last_vacuum
          from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = ${name}`),
      )[0]!;
    expect((await probe('auto_probe')).reltuples).toBeLessThan(0); // new: never analyzed

    // Busy (three messages in the last 10 seconds): nothing runs yet.
    for (let i = 0; i < 3; i++) bus.emit('message.created', {} as never);
    expect(await m.autoPass()).toEqual([]);

    // Quiet: the 3,000 new rows are past 50 + 10% of nothing; ten rows are not.
    now += 11_000;
    const done = await m.autoPass();
    expect(done.map((d) => d.table)).toContain('auto_probe');
    expect(done.map((d) => d.table)).not.toContain('auto_probe_small');
    expect(done.find((d) => d.table === 'auto_probe')!.vacuum).toBe(false);
    expect((await probe('auto_probe')).reltuples).toBe(3000);
    // Its smaller sample was for that pass only.
    expect(rowsOf<{ default_statistics_target: string }>(await handle.db.execute(sql`show default_statistics_target`))[0]!.default_statistics_target).toBe('100');
    expect((await probe('auto_probe_small')).last_analyze).toBeNull();

    // Two thirds of the rows updated: 2,000 dead versions, past 50 + 20% of 3,000: vacuumed and analyzed.
    await handle.db.execute(sql`update auto_probe set v = 'b' where id <= 2000`);
    await flush();
    const again = await m.autoPass();
    expect(again).toEqual([expect.objectContaining({ table: 'auto_probe', vacuum: true })]);
    expect((await probe('auto_probe')).last_vacuum).not.toBeNull();
    await flush();
    expect(await m.autoPass()).toEqual([]); // nothing left to do

    // A busy desk postpones a due table, but not for ever: after autoForceAfterMs one table goes anyway.
    await handle.db.execute(sql`update auto_probe set v = 'c'`);
    await handle.db.execute(sql`insert into auto_probe_small select g from generate_series(11, 200) g`);
    await flush();
    const busyLook = async () => {
      for (let i = 0; i < 3; i++) bus.emit('message.created', {} as never);
      return m.autoPass();
    };
    expect(await busyLook()).toEqual([]);
    now += 61_000;
    expect(await busyLook()).toEqual([]); // a look at the counters: due from now on
    now += 599_000;
    expect(await busyLook()).toEqual([]);
    now += 1_000;
    const forced = await busyLook();
    expect(forced).toHaveLength(1);
    now += 5_000;
    for (let i = 0; i < 3; i++) bus.emit('message.created', {} as never);
    expect(await m.autoPass()).toHaveLength(1); // the other one, at the next look
    await m.stop();
  });
});

describe('the hot table while busy', () => {
  it('vacuums it every so many messages when it is small (its row count refreshed), and leaves a large one alone', async () => {
    const now = 3_000_000_000;
    const bus = new EventBus();
    await handle.db.execute(sql`create table hot_probe (id int primary key, v text)`);
    await handle.db.execute(sql`insert into hot_probe select g, 'a' from generate_series(1, 50) g`);
    const hot = (maxBytes: number) => new PgliteMaintenance(handle.db, bus, { everyHours: 0, autoEveryMs: 0, hotTable: { table: 'hot_probe', everyMessages: 40, maxBytes }, quietBelowPer10s: 3, clock: () => now });
    const m = hot(32 * 1024 * 1024);
    await m.start();
    // Every message rewrites a row, as a message moves its conversation.
    const message = async (i: number) => {
      await handle.db.execute(sql`update hot_probe set v = ${`m${i}`} where id = ${(i % 50) + 1}`);
      bus.emit('message.created', {} as never);
    };
    const state = async () =>
      rowsOf<{ reltuples: number; dead: number; last_vacuum: unknown }>(
        await handle.db.execute(sql`select c.reltuples::float8 as reltuples, pg_stat_get_dead_tuples(c.oid)::float8 as dead, s.last_vacuum
          from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relname = 'hot_probe'`),
      )[0]!;
    const flush = async () => {
      await handle.db.execute(sql`select pg_stat_force_next_flush()`);
      await handle.db.execute(sql`select 1`);
    };

    for (let i = 0; i < 39; i++) await message(i);
    expect(m.quiet()).toBe(false);
    expect(await m.hotPass()).toBeNull(); // 39 messages: not yet
    await message(39);
    await flush();
    expect((await state()).dead).toBeGreaterThanOrEqual(40);
    // The busy branch of the 5-second look runs it.
    await m.autoPass();
    await flush();
    const after = await state();
    expect(after.last_vacuum).not.toBeNull();
    expect(after.dead).toBe(0);
    expect(after.reltuples).toBe(50);
    // The counter starts again.
    expect(await m.hotPass()).toBeNull();
    await m.stop();

    // Larger than maxBytes: left to the usual rules.
    const small = hot(1);
    await small.start();
    for (let i = 0; i < 40; i++) await message(i);
    await flush();
    expect(await small.hotPass()).toBeNull();
    expect((await state()).dead).toBeGreaterThanOrEqual(40);
    await small.stop();
  });
});

describe('autovacuumDue', () => {
  it("follows Postgres' autovacuum defaults", () => {
    expect(autovacuumDue({ tuples: -1, mods: 50, dead: 0 })).toEqual({ analyze: false, vacuum: false });
    expect(autovacuumDue({ tuples: -1, mods: 51, dead: 0 })).toEqual({ analyze: true, vacuum: false });
    expect(autovacuumDue({ tuples: 10_000, mods: 1050, dead: 0 })).toEqual({ analyze: false, vacuum: false });
    expect(autovacuumDue({ tuples: 10_000, mods: 1051, dead: 0 })).toEqual({ analyze: true, vacuum: false });
    expect(autovacuumDue({ tuples: 10_000, mods: 0, dead: 2051 })).toEqual({ analyze: true, vacuum: true });
    expect(autovacuumDue({ tuples: 10_000, mods: 0, dead: 2050 })).toEqual({ analyze: false, vacuum: false });
  });
});
