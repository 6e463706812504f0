import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from './client';
import { createPgliteDirect, type PgliteDirect, PgliteDirectError } from './pglite-direct';

// The direct path is PGlite's own (Postgres goes through postgres.js), so these run on an in-memory PGlite
// whatever DATABASE_URL says.
describe('PGlite direct path', () => {
  let pg: PGlite;
  let direct: PgliteDirect;

  beforeAll(async () => {
    pg = new PGlite();
    await pg.waitReady;
    direct = createPgliteDirect(pg)!;
    await pg.exec('create table t (id serial primary key, body text not null, note text)');
  });
  afterAll(() => pg.close());

  it('answers what exec() answers, as text, Bengali and NULLs included', async () => {
    await pg.exec(`insert into t (body, note) values ('আমার অর্ডার এখনো আসেনি', null), ('Bhai order ta kothay?', 'x')`);
    expect(direct.isIdle()).toBe(true);
    const rows = await direct.run('select id, body, note, (id * 2)::int as twice from t order by id');
    expect(rows).toEqual([
      { id: '1', body: 'আমার অর্ডার এখনো আসেনি', note: null, twice: '2' },
      { id: '2', body: 'Bhai order ta kothay?', note: 'x', twice: '4' },
    ]);
  });

  it('grows its buffers for a large answer and a long statement', async () => {
    const long = 'ক'.repeat(50_000);
    const rows = await direct.run(`select repeat('আলাপ', 40000) as a, '${long}' as b from generate_series(1, 3)`);
    expect(rows).toHaveLength(3);
    expect(rows[2]!.a).toHaveLength(4 * 40000);
    expect(rows[0]!.b).toBe(long);
  });

  it('an SQL error is thrown with its code, and PGlite goes on working', async () => {
    const err = await direct.run(`insert into t (id, body) values (1, 'duplicate')`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgliteDirectError);
    expect((err as PgliteDirectError).code).toBe('23505');
    expect((await direct.run('select count(*)::int as n from t'))[0]).toEqual({ n: '2' });
    expect((await pg.query<{ n: number }>('select count(*)::int as n from t')).rows[0]!.n).toBe(2);
  });

  it('is not idle while a transaction is open, so nothing runs inside somebody else’s transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = pg
      .transaction(async (t) => {
        await t.query(`insert into t (body) values ('rolled back')`);
        inside();
        await gate;
        await t.rollback();
      })
      .catch(() => {});
    await started;
    expect(direct.isIdle()).toBe(false);
    await expect(direct.run('select 1')).rejects.toThrow(/busy/);
    release();
    await tx;
    expect(direct.isIdle()).toBe(true);
    expect((await direct.run(`select count(*)::int as n from t where body = 'rolled back'`))[0]!.n).toBe('0');
  });

  it('stays out of the way of queued queries: busy until every waiting one has run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = pg.runExclusive(() => gate);
    const waiting = [pg.query('select 1'), pg.exec('select 2')];
    await new Promise((r) => setImmediate(r));
    expect(direct.isIdle()).toBe(false);
    release();
    await holder;
    expect(direct.isIdle()).toBe(false); // the two queries still waiting
    await Promise.all(waiting);
    expect(direct.isIdle()).toBe(true);
  });
});

it('steps aside once PGlite is closing: the ordinary path then says so', async () => {
  const pg = new PGlite();
  await pg.waitReady;
  const direct = createPgliteDirect(pg)!;
  expect(direct.isIdle()).toBe(true);
  const closed = pg.close();
  expect(direct.isIdle()).toBe(false);
  await closed;
  expect(direct.isIdle()).toBe(false);
  await expect(pg.exec('select 1')).rejects.toThrow(/closed|closing/);
});

describe('execPrepared on PGlite', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDatabase({ pgliteDir: 'memory://' });
    await handle.db.execute(sql.raw('create table p (id serial primary key, body text not null)'));
  });
  afterAll(() => handle.close());

  const insert = { name: 'test_insert_p', text: 'insert into p (body) values ($1) returning id, body' };

  it('a write issued while a transaction is open commits on its own, after it: a rollback does not take it along', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = await handle.execPrepared(insert, ['before']); // prepares the statement
    expect(first).toEqual([{ id: '1', body: 'before' }]);
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const tx = handle.db
      .transaction(async (t) => {
        await t.execute(sql`insert into p (body) values ('in the transaction')`);
        inside();
        await gate;
        t.rollback();
      })
      .catch(() => 'rolled back');
    await started;
    const during = handle.execPrepared(insert, ['während / সময়']);
    await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await tx).toBe('rolled back');
    const rows = await during;
    expect(rows[0]).toMatchObject({ body: 'während / সময়' });
    const all = (await handle.db.execute(sql`select body from p order by id`)) as unknown as { rows: { body: string }[] };
    expect(all.rows.map((r) => r.body)).toEqual(['before', 'während / সময়']);
  });

  it('opens PGlite without zero-filling new WAL segments', async () => {
    const res = (await handle.db.execute(sql`show wal_init_zero`)) as unknown as { rows: { wal_init_zero: string }[] };
    expect(res.rows[0]!.wal_init_zero).toBe('off');
  });
});
