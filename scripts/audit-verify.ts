import { openDatabase, runMigrations } from '@/db/client';
import { AuditService } from '@/server/audit/audit.service';
import { getEnv } from '@/server/env';

// `npm run audit:verify`: recomputes the audit trail's hash chain. Prints JSON; exits 1 when any row was altered
// or is missing (a row's predecessor is not the row before it). With PGlite, stop the server first (one process
// may open its data directory).
const env = getEnv();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await runMigrations(handle);
const result = await new AuditService(handle.db).verify();
console.log(JSON.stringify({ ok: result.problems.length === 0, ...result }));
await handle.close();
process.exit(result.problems.length === 0 ? 0 : 1);
