import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type DbHandle, dollarQuote, openDatabase } from './client';

// Against the Postgres in DATABASE_URL when set (CI), else an in-memory PGlite, where arguments travel as
// dollar-quoted literals in EXECUTE.
let handle: DbHandle;
beforeAll(async () => {
  handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: 'memory://', poolSize: 2 });
});
afterAll(() => handle.close());

const echo = { name: 'alap_test_echo', text: 'select $1::text as a, $2::text as b' };

describe('prepared statements', () => {
  it('dollar quotes close only at the end, whatever the value holds', () => {
    for (const v of ['', '$', '$a', '$a$', 'x$a', '$a$$a0$', 'a$']) {
      const q = dollarQuote(v);
      const tag = q.slice(0, q.indexOf('$', 1) + 1);
      expect(q.startsWith(tag) && q.endsWith(tag)).toBe(true);
      expect(`${v}${tag}`.indexOf(tag)).toBe(v.length);
    }
  });

  it('round-trips any text through the database unchanged', async () => {
    const tricky = ['', "'", "''", '\\', "\\'", '$', '$$', '$a', '$a$', '$a0$', 'x$a$y', "'); drop table users; --", 'আমার অর্ডার ৳', '🙂\n\t'];
    const alphabet = ['$', 'a', '0', "'", '\\', '"', ' ', 'ক', '🙂', '\n'];
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const random = Array.from({ length: 200 }, () => Array.from({ length: Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(''));
    for (const v of [...tricky, ...random]) {
      const rows = await handle.execPrepared(echo, [v, `${v}$`]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toEqual({ a: v, b: `${v}$` });
    }
  });

  it('reports a database error and stays usable', async () => {
    await expect(handle.execPrepared({ name: 'alap_test_bad_cast', text: 'select $1::int as n' }, ['not a number'])).rejects.toThrow(/invalid input syntax/);
    expect(await handle.execPrepared(echo, ['still', 'fine'])).toEqual([{ a: 'still', b: 'fine' }]);
  });

  it('refuses a statement name that is not a plain identifier', async () => {
    if (handle.kind !== 'pglite') return; // postgres.js names statements itself
    await expect(handle.execPrepared({ name: 'x; drop table users', text: 'select 1' }, [])).rejects.toThrow(/Invalid prepared statement name/);
  });
});

describe.runIf(process.env.DATABASE_URL)('Postgres connections', () => {
  it('run with JIT off (compiling the short report statements cost more than it saved)', async () => {
    const rows = (await handle.db.execute(sql`show jit`)) as unknown as { jit: string }[];
    expect(rows[0]?.jit).toBe('off');
  });
});
