// Creates the data the delivery benchmark needs — one workspace with a team, an online agent with a known
// password, and a widget without a pre-chat form — and prints their ids as one JSON line on stdout.
//
// PGlite is single-process, so this runs BEFORE the server opens the same directory (PGLITE_DIR), and
// closes the database when done. With DATABASE_URL set it writes to that Postgres instead; every run makes
// a fresh workspace, so runs never see each other's conversations.
//
//   PGLITE_DIR=/tmp/x npx tsx bench/bench-seed.ts
import { randomBytes } from 'node:crypto';
import { openDatabase, runMigrations } from '@/db/client';
import { seedTeam, seedUser, seedWidget, seedWorkspace } from '@/db/seed/factories';

const databaseUrl = process.env.DATABASE_URL || undefined;
const pgliteDir = process.env.PGLITE_DIR;
if (!databaseUrl && !pgliteDir) {
  process.stderr.write('bench-seed: set PGLITE_DIR (or DATABASE_URL)\n');
  process.exit(1);
}

const handle = await openDatabase({ databaseUrl, pgliteDir: pgliteDir ?? './.data/pglite' });
try {
  await runMigrations(handle);
  const tag = randomBytes(4).toString('hex');
  const ws = await seedWorkspace(handle.db, `Bench Shop ${tag}`);
  const team = await seedTeam(handle.db, ws.id, 'Bench Support');
  const password = `bench-${randomBytes(9).toString('base64url')}`;
  const agent = await seedUser(handle.db, {
    workspaceId: ws.id,
    role: 'agent',
    name: 'Bench Agent',
    email: `bench-agent-${tag}@example.test`,
    password,
    teamIds: [team.id],
    presence: 'online',
  });
  const widget = await seedWidget(handle.db, { workspaceId: ws.id, key: `bench-${tag}`, defaultTeamId: team.id, prechatEnabled: false });
  process.stdout.write(
    `${JSON.stringify({
      database: handle.kind,
      workspaceId: ws.id,
      teamId: team.id,
      agentId: agent.id,
      agentEmail: agent.email,
      agentPassword: password,
      widgetKey: widget.key,
    })}\n`,
  );
} finally {
  await handle.close();
}
