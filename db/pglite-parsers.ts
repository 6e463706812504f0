/**
 * drizzle's PGlite driver passes its own type parsers with every query: date and time types (and their
 * arrays) are to come back as PostgreSQL's text, which drizzle then maps itself. PGlite merges per-query parsers
 * into a fresh copy of its whole parser table (`{...this.parsers, ...options.parsers}`, about 320 entries once
 * the array types are known) for every query, in and out of transactions. Measured on this machine: `select 1`
 * through query() took 0.28 ms with those options against 0.10 ms without, and in the delivery benchmark that
 * copy was the largest single source of garbage in the server (18% of everything allocated).
 *
 * shareDrizzleParsers() puts the same identity parsers into the client's own table once, then drops per-query
 * parsers that it already holds (only those: anything else passes through untouched), so PGlite uses its table
 * as it is. Results are the same: the parsers it drops are the ones it installed, and they return the text
 * as it came.
 */

// The types drizzle-orm/pglite leaves as text: timestamp, timestamptz, interval, date, and the arrays
// numeric[], timestamp[], timestamptz[], interval[], date[] (drizzle-orm/pglite/session.js).
export const TEXT_TYPE_OIDS = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182] as const;

type QueryOptions = { parsers?: Record<number, (value: string, typeId: number) => unknown> } & Record<string, unknown>;
type Query = (text: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;
type Transaction = <T>(callback: (tx: { query: Query }) => Promise<T>) => Promise<T>;
export type ParserClient = { query: Query; transaction: Transaction; parsers?: Record<number, unknown> };

const identity = (value: string) => value;
const PROBE = '\u0000alap-parser-probe';

/** Options without the per-query parsers when each of them is a text-keeping type's identity parser. */
export function withoutSharedParsers(options: QueryOptions | undefined): QueryOptions | undefined {
  const parsers = options?.parsers;
  if (!parsers) return options;
  for (const key of Object.keys(parsers)) {
    const oid = Number(key);
    if (!(TEXT_TYPE_OIDS as readonly number[]).includes(oid) || parsers[oid]!(PROBE, oid) !== PROBE) return options;
  }
  const { parsers: _shared, ...rest } = options;
  return rest;
}

/** Installs the shared parsers on a PGlite client and wraps its query() and transaction() (see above). */
export function shareDrizzleParsers<C extends ParserClient>(client: C): C {
  if (!client.parsers || typeof client.query !== 'function' || typeof client.transaction !== 'function') return client;
  for (const oid of TEXT_TYPE_OIDS) client.parsers[oid] = identity;
  const query = client.query.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = (text, params, options) => query(text, params, withoutSharedParsers(options));
  client.transaction = ((callback: (tx: { query: Query }) => Promise<unknown>) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      const wrapped = new Proxy(tx, {
        get(target, key) {
          if (key === 'query') return (text: string, params?: unknown[], options?: QueryOptions) => txQuery(text, params, withoutSharedParsers(options));
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      return callback(wrapped);
    })) as Transaction;
  return client;
}
