import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings } from '@/db/schema';

// Values an install generates once and keeps (app_settings): the signing secret, the local encryption key, the
// blind-index key. Every node of a deployment reads the same row.

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return rows[0]?.value ?? null;
}

/** The stored value, or `create()`'s when there is none yet; two nodes racing keep the first one written. */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
  return (await getSetting(db, key))!;
}
