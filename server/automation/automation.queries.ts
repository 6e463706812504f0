import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { automationRules, automationRuns, contacts, conversations, macros, messageAnnotations, messages, routingDecisions, users } from '@/db/schema';

export type RuleRow = typeof automationRules.$inferSelect;
export type MacroRow = typeof macros.$inferSelect;

export function listRules(db: Db, workspaceId: string) {
  return db.select().from(automationRules).where(eq(automationRules.workspaceId, workspaceId)).orderBy(asc(automationRules.position), asc(automationRules.createdAt));
}

export async function findRule(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertRule(db: Db, row: typeof automationRules.$inferInsert) {
  const [next] = await db
    .select({ p: sql<number>`coalesce(max(${automationRules.position}), -1)::int + 1` })
    .from(automationRules)
    .where(eq(automationRules.workspaceId, row.workspaceId));
  return (await db
    .insert(automationRules)
    .values({ ...row, position: next?.p ?? 0 })
    .returning())[0]!;
}

export async function updateRule(db: Db, workspaceId: string, id: string, set: Partial<typeof automationRules.$inferInsert>) {
  const rows = await db
    .update(automationRules)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, workspaceId)))
    .returning();
  return rows[0] ?? null;
}

export async function deleteRule(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .delete(automationRules)
    .where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, workspaceId)))
    .returning({ id: automationRules.id });
  return rows.length > 0;
}

export async function recordRun(db: Db, ruleId: string, conversationId: string, trigger: string, actions: string[]) {
  await db.insert(automationRuns).values({ ruleId, conversationId, trigger, actions });
  await db
    .update(automationRules)
    .set({ runCount: sql`${automationRules.runCount} + 1`, lastRunAt: new Date() })
    .where(eq(automationRules.id, ruleId));
}

/** Whether this rule already ran on the conversation since `since` (a resolve rule runs once per resolution). */
export async function ranSince(db: Db, ruleId: string, conversationId: string, since: Date) {
  const rows = await db
    .select({ id: automationRuns.id })
    .from(automationRuns)
    .where(and(eq(automationRuns.ruleId, ruleId), eq(automationRuns.conversationId, conversationId), gte(automationRuns.createdAt, since)))
    .limit(1);
  return rows.length > 0;
}

export function listRunsOfConversation(db: Db, conversationId: string) {
  return db
    .select({ id: automationRuns.id, ruleId: automationRuns.ruleId, ruleName: automationRules.name, trigger: automationRuns.trigger, actions: automationRuns.actions, createdAt: automationRuns.createdAt })
    .from(automationRuns)
    .innerJoin(automationRules, eq(automationRules.id, automationRuns.ruleId))
    .where(eq(automationRuns.conversationId, conversationId))
    .orderBy(desc(automationRuns.id))
    .limit(50);
}

/**
 * The workspace's latest conversations with their latest customer message, for a dry run: what a draft rule
 * would have matched.
 */
export function recentForDryRun(db: Db, workspaceId: string, limit: number) {
  const lastId = sql<number | null>`(select m.id from ${messages} m where m.conversation_id = ${conversations.id} and m.sender_type = 'contact' and m.kind = 'text' order by m.id desc limit 1)`;
  const lastText = sql<string | null>`(select m.body from ${messages} m where m.conversation_id = ${conversations.id} and m.sender_type = 'contact' and m.kind = 'text' order by m.id desc limit 1)`;
  const lastAt = sql<Date | null>`(select m.created_at from ${messages} m where m.conversation_id = ${conversations.id} and m.sender_type = 'contact' and m.kind = 'text' order by m.id desc limit 1)`;
  return db
    .select({ c: conversations, contactName: contacts.name, text: lastText, textAt: lastAt, messageId: lastId })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.workspaceId, workspaceId))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(limit);
}

export function listMacros(db: Db, workspaceId: string) {
  return db.select().from(macros).where(eq(macros.workspaceId, workspaceId)).orderBy(asc(macros.name));
}

export async function findMacro(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(macros)
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function saveMacro(db: Db, row: typeof macros.$inferInsert & { id?: string }) {
  if (row.id) {
    const rows = await db
      .update(macros)
      .set({ name: row.name, actions: row.actions })
      .where(and(eq(macros.id, row.id), eq(macros.workspaceId, row.workspaceId)))
      .returning();
    return rows[0] ?? null;
  }
  return (await db.insert(macros).values(row).returning())[0]!;
}

export async function deleteMacro(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .delete(macros)
    .where(and(eq(macros.id, id), eq(macros.workspaceId, workspaceId)))
    .returning({ id: macros.id });
  return rows.length > 0;
}

/** This decision's assignee and the one before it (to tell a new assignee from a decision that kept them). */
export async function decisionPair(db: Db, conversationId: string, decisionId: number) {
  const rows = await db
    .select({ id: routingDecisions.id, assigneeId: routingDecisions.assigneeId })
    .from(routingDecisions)
    .where(and(eq(routingDecisions.conversationId, conversationId), lt(routingDecisions.id, decisionId + 1)))
    .orderBy(desc(routingDecisions.id))
    .limit(2);
  if (rows[0]?.id !== decisionId) return null;
  return { assigneeId: rows[0].assigneeId, previousAssigneeId: rows[1]?.assigneeId ?? null };
}

/** The models' reading of these messages (dry runs of rules with intent or sentiment conditions). */
export async function readingsOf(db: Db, messageIds: number[]) {
  if (!messageIds.length) return new Map<number, { intent: string; sentiment: string; lang: string }>();
  const rows = await db
    .select({ messageId: messageAnnotations.messageId, intent: messageAnnotations.intent, sentiment: messageAnnotations.sentiment, lang: messageAnnotations.lang })
    .from(messageAnnotations)
    .where(inArray(messageAnnotations.messageId, messageIds));
  return new Map(rows.map((r) => [r.messageId, r]));
}

/** Which of these people are desk staff (admin, supervisor, agent) of the workspace. */
export async function deskStaffIn(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids), inArray(users.role, ['admin', 'supervisor', 'agent']), eq(users.isActive, true)));
  return new Set(rows.map((r) => r.id));
}

export function enabledIdleRules(db: Db) {
  return db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.enabled, true), eq(automationRules.trigger, 'conversation_idle')))
    .orderBy(asc(automationRules.position));
}

/** Open or pending conversations quiet since before `since`, that this rule has not judged in this quiet spell. */
export function idleConversations(db: Db, workspaceId: string, ruleId: string, since: Date, limit: number) {
  return db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        inArray(conversations.status, ['open', 'pending']),
        lt(conversations.lastMessageAt, since),
        sql`not exists (select 1 from ${automationRuns} r where r.rule_id = ${ruleId} and r.conversation_id = ${conversations.id} and r.created_at >= ${conversations.lastMessageAt})`,
      ),
    )
    .orderBy(asc(conversations.lastMessageAt))
    .limit(limit);
}
