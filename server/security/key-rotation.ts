import { and, asc, eq, gt, isNotNull, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { contacts, users, widgets } from '@/db/schema';
import { logger } from '@/server/core/logger';
import { fieldCrypto } from './field-crypto';

export type RotationResult = { contacts: number; widgets: number; totpSecrets: number };

const notCurrent = (col: PgColumn, keyId: string): SQL => and(isNotNull(col), not(sql`${col} like ${`enc:${keyId}:%`}`))!;
// `col = old`, or both null: a row changed since it was read is left for the next pass, never overwritten.
const unchanged = (col: PgColumn, old: string | null): SQL => (old === null ? isNull(col) : eq(col, old));

/**
 * Brings every sealed field to the current key (the first of ENCRYPTION_KEYS): values written before encryption
 * existed are sealed, values under an older key are re-sealed, and missing blind indexes are filled. In batches,
 * row by row, while the app runs: each update applies only if the row still holds what was read. Run at start in
 * the background and by `npm run keys:rotate`; once it reports nothing left, older keys can be removed.
 */
export async function rotateSealedFields(db: Db, opts: { batch?: number } = {}): Promise<RotationResult> {
  const fc = await fieldCrypto(db);
  const key = fc.box.currentKeyId;
  const batch = opts.batch ?? 500;
  const result: RotationResult = { contacts: 0, widgets: 0, totpSecrets: 0 };

  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await db
      .select({ id: contacts.id, email: contacts.email, phone: contacts.phone })
      .from(contacts)
      .where(
        and(
          gt(contacts.id, after),
          or(notCurrent(contacts.email, key), notCurrent(contacts.phone, key), and(isNotNull(contacts.email), isNull(contacts.emailBidx)), and(isNotNull(contacts.phone), isNull(contacts.phoneBidx))),
        ),
      )
      .orderBy(asc(contacts.id))
      .limit(batch);
    for (const r of rows) {
      const set = fc.contactFields({ email: fc.open(r.email), phone: fc.open(r.phone) });
      const done = await db
        .update(contacts)
        .set(set)
        .where(and(eq(contacts.id, r.id), unchanged(contacts.email, r.email), unchanged(contacts.phone, r.phone)))
        .returning({ id: contacts.id });
      result.contacts += done.length;
    }
    if (rows.length < batch) break;
    after = rows.at(-1)!.id;
  }

  for (const w of await db.select({ id: widgets.id, secret: widgets.identitySecret }).from(widgets).where(notCurrent(widgets.identitySecret, key))) {
    const done = await db
      .update(widgets)
      .set({ identitySecret: fc.seal(fc.open(w.secret))! })
      .where(and(eq(widgets.id, w.id), eq(widgets.identitySecret, w.secret)))
      .returning({ id: widgets.id });
    result.widgets += done.length;
  }

  for (const u of await db.select({ id: users.id, secret: users.totpSecret }).from(users).where(notCurrent(users.totpSecret, key))) {
    const done = await db
      .update(users)
      .set({ totpSecret: fc.seal(fc.open(u.secret)) })
      .where(and(eq(users.id, u.id), unchanged(users.totpSecret, u.secret)))
      .returning({ id: users.id });
    result.totpSecrets += done.length;
  }
  if (result.contacts || result.widgets || result.totpSecrets) logger.info('security.keys_rotated', { key, ...result });
  return result;
}
