import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { reportingEvents } from '@/db/schema';

export type ReportingEventRow = typeof reportingEvents.$inferInsert;

/** The names of agents, teams or vendors by id (other dimensions and keys that are not ids have none). */
export async function namesOf(db: Db, workspaceId: string, dimension: string, keys: (string | null)[]) {
  const ids = keys.filter((k): k is string => !!k && /^[0-9a-f-]{36}$/.test(k));
  const map = new Map<string, string>();
  const table = dimension === 'agent' ? sql`users` : dimension === 'team' ? sql`teams` : dimension === 'vendor' ? sql`vendors` : null;
  if (!ids.length || !table) return map;
  const list = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
  for (const r of rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, name from ${table} where workspace_id = ${workspaceId} and id in (${list})`))) map.set(r.id, r.name);
  return map;
}

export async function insertEvents(db: Db, rows: ReportingEventRow[]) {
  if (rows.length) await db.insert(reportingEvents).values(rows);
}

/** What reporting already recorded about a conversation: enough to tell a reply from a first response, a
 * reopen from a resolve, and a transfer from a first team, after a restart emptied the service's memory. */
export async function loadConversationFacts(db: Db, conversationId: string) {
  const rows = await db
    .select({ name: reportingEvents.name, teamId: reportingEvents.teamId, agentId: reportingEvents.agentId, vendorId: reportingEvents.vendorId, channel: reportingEvents.channel, intent: reportingEvents.intent, lang: reportingEvents.lang, detail: reportingEvents.detail })
    .from(reportingEvents)
    .where(and(eq(reportingEvents.conversationId, conversationId), inArray(reportingEvents.name, ['conversation_created', 'classified', 'sentiment', 'first_response', 'resolved', 'reopened', 'transfer', 'assigned'])))
    .orderBy(desc(reportingEvents.id))
    .limit(200);
  return rows;
}

/** When the customer's oldest message still waiting for an answer, before message `beforeId`, was written. */
export async function oldestUnansweredAt(db: Db, conversationId: string, beforeId: number): Promise<Date | null> {
  const result = await db.execute(sql`
    select min(created_at) as at from messages
    where conversation_id = ${conversationId} and sender_type = 'contact' and kind = 'text' and id < ${beforeId}
      and id > coalesce((select max(id) from messages where conversation_id = ${conversationId} and sender_type = 'agent' and kind = 'text' and id < ${beforeId}), 0)`);
  const at = rowsOf<{ at: string | Date | null }>(result)[0]?.at ?? null;
  return at ? new Date(at) : null;
}
