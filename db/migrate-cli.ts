import { openDatabase, runMigrations } from '@/db/client';
import { getEnv } from '@/server/env';

const env = getEnv();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await runMigrations(handle);
console.log(`Migrations applied (${handle.kind}).`);
await handle.close();
