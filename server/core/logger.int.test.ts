import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '@/db/client';
import { errorText } from './logger';

describe('errorText', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: 'memory://', poolSize: 1 });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('gives a failed query’s database error (its cause) and leaves out the parameters, which can hold what customers wrote', async () => {
    const e = await handle.db.execute(sql`select * from no_such_table where body = ${'a customer secret'}`).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(Error);
    const text = errorText(e);
    expect(text).toMatch(/Failed query: select \* from no_such_table/);
    expect(text).toMatch(/no_such_table.*does not exist/s);
    expect(text).not.toContain('a customer secret');
    // Without the cause, the database's reason was not in the log at all.
    expect(String(e)).not.toMatch(/does not exist/);
  });

  it('reads plain errors, chains and non-errors', () => {
    expect(errorText(new Error('boom'))).toBe('Error: boom');
    expect(errorText(new Error('outer', { cause: new Error('inner') }))).toBe('Error: outer (cause: Error: inner)');
    expect(errorText('text')).toBe('text');
    expect(errorText(undefined)).toBe('undefined');
  });
});
