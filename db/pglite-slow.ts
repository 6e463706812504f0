/**
 * Slow-statement log for PGlite (PGLITE_SLOW_STATEMENT_MS). PGlite runs each statement synchronously on the
 * event loop, so a statement that takes 30 ms delays every socket and timer by 30 ms: this names them. It wraps
 * PGlite's `execProtocolRawSync`, through which every protocol message passes (the ordinary query path and the
 * direct path of db/pglite-direct.ts alike), and reports each message that took at least the threshold with the
 * statement's text: a simple query's own text; for the extended protocol's Bind / Execute, the text of the last
 * Parse. Returns false when this PGlite has no such method (another version): then nothing is logged.
 */
export type SlowStatement = { ms: number; step: string; sql: string };

type RawSyncClient = { execProtocolRawSync?: (message: Uint8Array, ...rest: unknown[]) => unknown };

const decoder = new TextDecoder();
const MAX_SQL = 300;

function cstring(bytes: Uint8Array, from: number) {
  const end = bytes.indexOf(0, from);
  return { text: decoder.decode(bytes.subarray(from, end < 0 ? bytes.length : end)), next: end < 0 ? bytes.length : end + 1 };
}

/** The SQL a protocol message carries: Q (simple query) its text, P (Parse) the text after the statement name. */
export function statementText(message: Uint8Array): string | null {
  const kind = message[0];
  if (kind === 0x51 /* Q */) return cstring(message, 5).text;
  if (kind === 0x50 /* P */) return cstring(message, cstring(message, 5).next).text;
  return null;
}

export function watchSlowStatements(client: object, thresholdMs: number, onSlow: (s: SlowStatement) => void): boolean {
  const c = client as RawSyncClient;
  const original = c.execProtocolRawSync;
  if (typeof original !== 'function' || !(thresholdMs > 0)) return false;
  let lastParse: Uint8Array | null = null;
  c.execProtocolRawSync = function (this: unknown, message: Uint8Array, ...rest: unknown[]) {
    const start = performance.now();
    const result = original.call(this, message, ...rest);
    const ms = performance.now() - start;
    if (message[0] === 0x50) lastParse = message;
    if (ms >= thresholdMs) {
      const own = statementText(message);
      const sql = own ?? (lastParse ? (statementText(lastParse) ?? '') : '');
      onSlow({ ms: Math.round(ms * 10) / 10, step: String.fromCharCode(message[0] ?? 63), sql: sql.replace(/\s+/g, ' ').trim().slice(0, MAX_SQL) });
    }
    return result;
  };
  return true;
}
