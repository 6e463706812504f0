import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedContact, seedTeam, seedWorkspace } from '@/db/seed/factories';
import { writeMessageBatch } from '@/server/chat/chat.queries';
import { type DbHandle, openDatabase, rowsOf, runMigrations } from './client';

// PGlite only (its own in-memory database): the planner settings it is started with (db/client.ts).
let handle: DbHandle;
let conversationId = '';
beforeAll(async () => {
  handle = await openDatabase({ pgliteDir: 'memory://' });
  await runMigrations(handle);
  const ws = await seedWorkspace(handle.db, 'Plans');
  const team = await seedTeam(handle.db, ws.id, 'Support');
  // A new desk: 50 conversations, as small as a table gets, and analyzed that way (the server analyzes at start).
  for (let i = 0; i < 50; i++) {
    const c = await seedContact(handle.db, ws.id, { name: `Customer ${i}` });
    const r = rowsOf<{ id: string }>(await handle.db.execute(sql`insert into conversations (workspace_id, contact_id, team_id) values (${ws.id}, ${c.id}, ${team.id}) returning id`));
    conversationId = r[0]!.id;
  }
  await handle.db.execute(sql`analyze`);
  // Prepares the statement.
  await writeMessageBatch(handle, [{ conversationId, senderType: 'contact', senderId: null, kind: 'text', body: 'hello', clientId: 'plan-0' }]);
});
afterAll(() => handle.close());

const planOfWrite = async (clientId: string) =>
  rowsOf<{ 'QUERY PLAN': string }>(
    await handle.db.execute(sql.raw(`explain (costs off) execute alap_write_message('${conversationId}', 'contact', '', 'text', 'hi', '${clientId}', '', '')`)),
  )
    .map((r) => r['QUERY PLAN'])
    .join('\n');

describe('PGlite planner settings', () => {
  it('runs with random_page_cost 1.1', async () => {
    expect(rowsOf<{ random_page_cost: string }>(await handle.db.execute(sql`show random_page_cost`))[0]!.random_page_cost).toBe('1.1');
  });

  it('the message write finds its conversation by key even on a small, analyzed desk (a whole-table scan with the default cost of 4)', async () => {
    expect(await planOfWrite('plan-1')).toContain('Index Scan using conversations_pkey on conversations');
    await handle.db.execute(sql`set random_page_cost = 4`);
    try {
      expect(await planOfWrite('plan-2')).toMatch(/Seq Scan on conversations/);
    } finally {
      await handle.db.execute(sql`reset random_page_cost`);
    }
  });
});
