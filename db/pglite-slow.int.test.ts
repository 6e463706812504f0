import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from './client';
import { type SlowStatement, statementText } from './pglite-slow';

// PGlite only (its own in-memory database).
let handle: DbHandle;
const slow: SlowStatement[] = [];
beforeAll(async () => {
  handle = await openDatabase({ pgliteDir: 'memory://', slowStatementMs: 20, onSlowStatement: (s) => slow.push(s) });
});
afterAll(() => handle.close());

describe('PGlite slow-statement log', () => {
  it('names a statement that held the database past the threshold, by the ordinary and the direct path, and not the fast ones', async () => {
    await handle.db.execute(sql`select 1`);
    await handle.execPrepared({ name: 'alap_test_fast', text: 'select $1::int + 1 as n' }, ['1']);
    expect(slow).toEqual([]);

    await handle.db.execute(sql`select count(*) from generate_series(1, 3000000) as g where g % 7 = ${3}`);
    expect(slow).toHaveLength(1);
    expect(slow[0]!.ms).toBeGreaterThanOrEqual(20);
    expect(slow[0]!.sql).toContain('from generate_series(1, 3000000) as g where g % 7 = $1');

    await handle.execPrepared({ name: 'alap_test_slow', text: 'select count(*) as n from generate_series(1, $1::int) as g' }, ['3000000']);
    expect(slow).toHaveLength(2);
    expect(slow[1]!.sql).toMatch(/^execute alap_test_slow\(/);
  });

  it('reads the SQL of simple-query and Parse messages', () => {
    const q = new Uint8Array([0x51, 0, 0, 0, 13, ...new TextEncoder().encode('select 1'), 0]);
    expect(statementText(q)).toBe('select 1');
    const p = new Uint8Array([0x50, 0, 0, 0, 20, ...new TextEncoder().encode('s1'), 0, ...new TextEncoder().encode('select 2'), 0, 0, 0]);
    expect(statementText(p)).toBe('select 2');
    expect(statementText(new Uint8Array([0x45, 0, 0, 0, 4]))).toBeNull();
  });
});
