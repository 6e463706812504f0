import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { date, interval, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParserClient, shareDrizzleParsers, TEXT_TYPE_OIDS, withoutSharedParsers } from './pglite-parsers';

// PGlite only: the per-query parser copy is PGlite's (see pglite-parsers.ts).
const drizzleParsers = () => Object.fromEntries(TEXT_TYPE_OIDS.map((oid) => [oid, (value: string) => value]));

describe('per-query parsers on PGlite', () => {
  it("drops drizzle's text-keeping parsers and keeps any other parser", () => {
    expect(withoutSharedParsers({ rowMode: 'array', parsers: drizzleParsers() })).toEqual({ rowMode: 'array' });
    expect(withoutSharedParsers(undefined)).toBeUndefined();
    const other = { rowMode: 'array', parsers: { ...drizzleParsers(), 23: (v: string) => Number(v) * 2 } };
    expect(withoutSharedParsers(other)).toBe(other);
    const changing = { parsers: { 1184: (v: string) => new Date(v) } };
    expect(withoutSharedParsers(changing)).toBe(changing);
  });

  it('reaches the client without them, in and out of transactions', async () => {
    const seen: unknown[] = [];
    const fake: ParserClient = {
      parsers: {},
      query: async (_text, _params, options) => void seen.push(options),
      transaction: async (callback) => callback({ query: async (_t, _p, options) => void seen.push(options) }),
    };
    shareDrizzleParsers(fake);
    await fake.query('select 1', [], { rowMode: 'object', parsers: drizzleParsers() });
    await fake.transaction(async (tx) => tx.query('select 2', [], { rowMode: 'array', parsers: drizzleParsers() }));
    expect(seen).toEqual([{ rowMode: 'object' }, { rowMode: 'array' }]);
    for (const oid of TEXT_TYPE_OIDS) expect((fake.parsers![oid] as (v: string) => string)('x')).toBe('x');
  });

  describe('on a real PGlite through drizzle', () => {
    const events = pgTable('parser_events', {
      at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
      atText: timestamp('at_text', { withTimezone: true, mode: 'string' }).notNull(),
      day: date('day').notNull(),
      span: interval('span').notNull(),
    });
    let client: PGlite;
    beforeAll(async () => {
      client = new PGlite();
      await client.waitReady;
      shareDrizzleParsers(client as unknown as ParserClient);
      await client.exec('create table parser_events (at timestamptz not null, at_text timestamptz not null, day date not null, span interval not null)');
    });
    afterAll(() => client.close());

    it('reads dates, times and intervals exactly as before, in and out of a transaction', async () => {
      const db = drizzle(client);
      const at = new Date('2026-03-04T05:06:07.089Z');
      await db.insert(events).values({ at, atText: '2026-03-04 05:06:07.089+00', day: '2026-03-04', span: '1 day 02:00:00' });
      const expected = [{ at, atText: '2026-03-04 05:06:07.089+00', day: '2026-03-04', span: '1 day 02:00:00' }];
      expect(await db.select().from(events)).toEqual(expected);
      expect(await db.transaction(async (tx) => tx.select().from(events))).toEqual(expected);
      const raw = await db.execute(sql`select array[day, day] as days, array[at] as ats, array[1.5::numeric] as nums from parser_events`);
      expect(raw.rows).toEqual([{ days: '{2026-03-04,2026-03-04}', ats: '{"2026-03-04 05:06:07.089+00"}', nums: '{1.5}' }]);
    });
  });
});
