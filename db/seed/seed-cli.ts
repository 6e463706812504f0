import { openDatabase, runMigrations } from '@/db/client';
import { getEnv } from '@/server/env';
import { AuthService } from '@/server/auth/auth.service';
import { configureFieldCrypto } from '@/server/security/field-crypto';
import { enrollDemoAdminTotp, seedDemo } from './demo';
import { sql } from 'drizzle-orm';
import { workspaces } from '@/db/schema';

// `npm run db:seed`: the only way a real deployment (DATABASE_URL set) gets demo data.
const env = getEnv();
configureFieldCrypto({ encryptionKeys: env.ENCRYPTION_KEYS, blindIndexKey: env.BLIND_INDEX_KEY });
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await runMigrations(handle);
const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(workspaces).where(sql`${workspaces.slug} = 'dokan-bazar'`);
if (Number(row?.n ?? 0) > 0) {
  console.log('The demo workspace already exists; nothing to do.');
} else {
  console.log(JSON.stringify(await seedDemo(handle.db)));
  await enrollDemoAdminTotp(handle.db, new AuthService(handle.db, { sessionTtlHours: 1 }));
}
await handle.close();
