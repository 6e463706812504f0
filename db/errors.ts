/**
 * Whether a database error is a unique violation (SQLSTATE 23505), on either driver. drizzle wraps a failed
 * query's error in its own ("Failed query: …") and keeps the database's error, with its code, as the cause.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  return err?.code === '23505' || err?.cause?.code === '23505';
}
