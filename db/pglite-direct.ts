/**
 * The hot statements' direct path into PGlite.
 *
 * PGlite's query(), exec() and execProtocol() each pass through two async-mutex locks, a chain of compiled
 * (generator-based) async helpers and a parser that turns every protocol message into objects. On a
 * message-per-statement workload that left about 2.9 KB per call alive across a young-generation collection
 * (measured with `gc({ type: 'minor' })` around 3,000 calls): V8 copied it twice and promoted it, and the old
 * space filled with it, so full collections came every few seconds and were the delivery tail's stalls.
 *
 * When PGlite is idle (no query, transaction or listen running or waiting: we count them by wrapping its
 * `_runExclusive*` entry points), a simple-protocol statement is handed straight to `execProtocolRawStream`,
 * whose synchronous part runs the whole statement before it returns: nothing else can start in between, so
 * it can never land inside somebody's transaction. The answer's bytes are copied into one reused buffer and
 * only the DataRows are decoded. When PGlite is busy, or the internals we rely on are missing (another
 * PGlite version), the caller falls back to the ordinary exec().
 *
 * Durability is unchanged: with the two file systems this app opens PGlite with (a Node directory and
 * memory://) PGlite's syncToFs() does nothing (the Node file system writes through on every write), so
 * skipping it skips nothing.
 */

type RawStreamClient = {
  execProtocolRawStream: (message: Uint8Array, opts: { syncToFs?: boolean; onRawData: (chunk: Uint8Array) => void }) => Promise<void>;
  closed?: boolean;
  ready?: boolean;
};

/** One row, its columns by name, every value as PostgreSQL's text form (null for NULL). */
export type DirectRow = Record<string, string | null>;

export class PgliteDirectError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
    this.name = 'PgliteDirectError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const exclusiveEntryPoints = ['_runExclusiveQuery', '_runExclusiveTransaction', '_runExclusiveListen'] as const;

export type PgliteDirect = {
  /** True when a statement may go the direct way now. */
  isIdle: () => boolean;
  /** Runs one simple-protocol statement; returns its rows as text columns. Throws PgliteDirectError on an SQL error. */
  run: (sql: string) => Promise<DirectRow[]>;
};

/**
 * Null when this PGlite lacks what the direct path needs (then every statement takes the ordinary path).
 */
export function createPgliteDirect(client: object): PgliteDirect | null {
  const c = client as RawStreamClient & Record<string, unknown>;
  if (typeof c.execProtocolRawStream !== 'function') return null;
  if (!exclusiveEntryPoints.every((name) => typeof c[name] === 'function')) return null;

  let busy = 0;
  // close() takes PGlite's locks directly, not through the entry points: once it has been called, every
  // statement goes the ordinary way and gets PGlite's own "closing" / "closed" error.
  let closing = false;
  const originalClose = c.close as ((...args: unknown[]) => Promise<unknown>) | undefined;
  if (typeof originalClose === 'function') {
    c.close = function (this: unknown, ...args: unknown[]) {
      closing = true;
      return originalClose.apply(this, args);
    };
  }
  for (const name of exclusiveEntryPoints) {
    const original = c[name] as (fn: () => unknown) => Promise<unknown>;
    c[name] = function (this: unknown, fn: () => unknown) {
      busy++;
      let result: Promise<unknown>;
      try {
        result = original.call(this, fn);
      } catch (e) {
        busy--;
        throw e;
      }
      return result.finally(() => {
        busy--;
      });
    };
  }

  let out = new Uint8Array(64 * 1024);
  let outLength = 0;
  let input = new Uint8Array(4 * 1024);
  const onRawData = (chunk: Uint8Array) => {
    // The chunk is a view into PGlite's memory, valid only during this call: copy it.
    if (outLength + chunk.length > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, outLength + chunk.length));
      bigger.set(out.subarray(0, outLength));
      out = bigger;
    }
    out.set(chunk, outLength);
    outLength += chunk.length;
  };
  const options = { syncToFs: false, onRawData };

  function queryMessage(sql: string) {
    // 'Q', int32 length (itself + text + NUL), the text, NUL. UTF-8 takes at most 3 bytes per UTF-16 unit.
    const need = 5 + sql.length * 3 + 1;
    if (need > input.length) input = new Uint8Array(Math.max(need, input.length * 2));
    input[0] = 0x51;
    const { written } = encoder.encodeInto(sql, input.subarray(5));
    const length = 4 + written + 1;
    input[5 + written] = 0;
    new DataView(input.buffer, input.byteOffset).setInt32(1, length);
    return input.subarray(0, 1 + length);
  }

  function parse(): DirectRow[] {
    const view = new DataView(out.buffer, out.byteOffset, outLength);
    const rows: DirectRow[] = [];
    let names: string[] = [];
    let error: PgliteDirectError | null = null;
    let at = 0;
    while (at + 5 <= outLength) {
      const type = out[at]!;
      const length = view.getInt32(at + 1);
      const body = at + 5;
      const end = at + 1 + length;
      if (end > outLength) throw new Error('PGlite answered with a truncated message');
      if (type === 0x54 /* T: RowDescription */) {
        const n = view.getInt16(body);
        names = new Array<string>(n);
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const stop = out.indexOf(0, p);
          names[i] = decoder.decode(out.subarray(p, stop));
          p = stop + 1 + 18; // table oid, column number, type oid, type length, type modifier, format
        }
      } else if (type === 0x44 /* D: DataRow */) {
        const n = view.getInt16(body);
        const row: DirectRow = {};
        let p = body + 2;
        for (let i = 0; i < n; i++) {
          const len = view.getInt32(p);
          p += 4;
          if (len < 0) row[names[i] ?? String(i)] = null;
          else {
            row[names[i] ?? String(i)] = decoder.decode(out.subarray(p, p + len));
            p += len;
          }
        }
        rows.push(row);
      } else if (type === 0x45 /* E: ErrorResponse */) {
        const fields: Record<string, string> = {};
        let p = body;
        while (p < end && out[p] !== 0) {
          const code = String.fromCharCode(out[p]!);
          const stop = out.indexOf(0, p + 1);
          fields[code] = decoder.decode(out.subarray(p + 1, stop));
          p = stop + 1;
        }
        error = new PgliteDirectError(fields.M ?? 'PGlite error', fields.C, fields.D);
      }
      at = end;
    }
    if (error) throw error;
    return rows;
  }

  return {
    isIdle: () => busy === 0 && !closing && c.ready !== false && c.closed !== true,
    async run(sql: string) {
      if (busy !== 0) throw new Error('PGlite is busy: the direct path needs it idle');
      outLength = 0;
      // With syncToFs off, execProtocolRawStream has no await before its end: by the time the call returns,
      // the statement has run and every byte of its answer has reached onRawData. Parse before anything else
      // can run (the buffer is shared), then await the call for a failure of PGlite itself.
      const done = c.execProtocolRawStream(queryMessage(sql), options);
      let rows: DirectRow[] = [];
      let failure: unknown = null;
      try {
        rows = parse();
      } catch (e) {
        failure = e;
      } finally {
        outLength = 0;
      }
      await done;
      if (failure) throw failure;
      return rows;
    },
  };
}
