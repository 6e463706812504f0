import { openDatabase, runMigrations } from '@/db/client';
import { getEnv } from '@/server/env';
import { configureFieldCrypto } from '@/server/security/field-crypto';
import { rotateSealedFields } from '@/server/security/key-rotation';

// `npm run keys:rotate`: re-seals every sensitive field with the current key (the first of ENCRYPTION_KEYS) and
// seals values kept from before encryption. The server does the same in the background at each start; run this
// to know when it is finished (a second run reports zeros), after which older keys can leave ENCRYPTION_KEYS.
// Safe while the server runs on Postgres (rows changed meanwhile are left to the next pass); with PGlite, stop
// the server first (one process may open its data directory).
const env = getEnv();
configureFieldCrypto({ encryptionKeys: env.ENCRYPTION_KEYS, blindIndexKey: env.BLIND_INDEX_KEY });
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await runMigrations(handle);
const result = await rotateSealedFields(handle.db);
console.log(JSON.stringify({ ok: true, resealed: result }));
await handle.close();
