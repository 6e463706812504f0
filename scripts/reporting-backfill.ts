import { openDatabase, runMigrations } from '@/db/client';
import { workspaces } from '@/db/schema';
import { backfillReporting } from '@/server/reporting/backfill';
import { getEnv } from '@/server/env';

// `npm run reporting:backfill`: reporting events for conversations from before reporting existed, in every
// workspace (those that already have events are skipped). Safe to run again, and while the server runs.
const env = getEnv();
const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
await runMigrations(handle);
for (const ws of await handle.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces)) {
  console.log(JSON.stringify({ workspace: ws.name, ...(await backfillReporting(handle.db, ws.id)) }));
}
await handle.close();
