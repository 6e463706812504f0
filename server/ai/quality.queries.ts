import { and, asc, desc, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversationQuality, conversations, messageAnnotations, messages, users } from '@/db/schema';

// The quality score is a reporting row written when a conversation is resolved (like Chatwoot's reporting
// listener): it reads the conversation, its messages and their annotations, and owns conversation_quality.

export type QualityRow = typeof conversationQuality.$inferSelect;

export async function findConversationForQuality(db: Db, id: string) {
  const rows = await db
    .select({
      id: conversations.id,
      workspaceId: conversations.workspaceId,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      createdAt: conversations.createdAt,
      resolvedAt: conversations.resolvedAt,
      contactName: contacts.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, id))
    .limit(1);
  return rows[0] ?? null;
}
export type QualityConversation = NonNullable<Awaited<ReturnType<typeof findConversationForQuality>>>;

/** The first `limit` messages with what the models said about them, in the order they were sent. */
export async function listMessagesForQuality(db: Db, conversationId: string, limit = 2000) {
  return db
    .select({
      senderType: messages.senderType,
      senderId: messages.senderId,
      kind: messages.kind,
      body: messages.body,
      createdAt: messages.createdAt,
      lang: messageAnnotations.lang,
      sentiment: messageAnnotations.sentiment,
      sentimentScores: messageAnnotations.sentimentScores,
    })
    .from(messages)
    .leftJoin(messageAnnotations, eq(messageAnnotations.messageId, messages.id))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.id))
    .limit(limit);
}

export async function findQuality(db: Db, conversationId: string) {
  const rows = await db.select().from(conversationQuality).where(eq(conversationQuality.conversationId, conversationId)).limit(1);
  return rows[0] ?? null;
}

/**
 * Stores the score. computed_at is the database's clock, and never before the resolution it scores, so
 * "scored after this resolution" and "a message came after that score" compare like with like.
 */
export async function upsertQuality(db: Db, v: Pick<QualityRow, 'conversationId' | 'score' | 'reasons' | 'agentId'>, resolvedAt: Date) {
  const computedAt = sql`greatest(now(), ${resolvedAt.toISOString()}::timestamptz)`;
  const rows = await db
    .insert(conversationQuality)
    .values({ ...v, computedAt })
    .onConflictDoUpdate({ target: conversationQuality.conversationId, set: { score: v.score, reasons: v.reasons, agentId: v.agentId, computedAt } })
    .returning();
  return rows[0]!;
}

/** Whether the customer wrote in the conversation after `after`: a resolved conversation that came back. */
export async function hasContactMessagesAfter(db: Db, conversationId: string, after: Date) {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.senderType, 'contact'),
        sql`${messages.createdAt} > ${after.toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function findUserName(db: Db, userId: string) {
  const rows = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return rows[0]?.name ?? null;
}

/** Each agent's mean score over conversations of the workspace that are resolved and were scored since `since`. */
export async function listQualityByAgent(db: Db, workspaceId: string, since: Date) {
  const rows = await db
    .select({
      agentId: conversationQuality.agentId,
      average: sql<number>`round(avg(${conversationQuality.score}))::int`,
      count: sql<number>`count(*)::int`,
    })
    .from(conversationQuality)
    .innerJoin(conversations, eq(conversations.id, conversationQuality.conversationId))
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.status, 'resolved'),
        isNotNull(conversationQuality.agentId),
        gte(conversationQuality.computedAt, since),
      ),
    )
    .groupBy(conversationQuality.agentId)
    .orderBy(desc(sql`count(*)`));
  return rows.map((r) => ({ agentId: r.agentId!, average: Number(r.average), count: Number(r.count) }));
}

/** Resolved conversations with no score for their latest resolution (resolved before scoring ran, or imported). */
export async function listUnscoredResolved(db: Db, limit: number) {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .leftJoin(conversationQuality, eq(conversationQuality.conversationId, conversations.id))
    .where(
      and(
        eq(conversations.status, 'resolved'),
        or(isNull(conversationQuality.conversationId), lt(conversationQuality.computedAt, conversations.resolvedAt)),
      ),
    )
    .orderBy(desc(conversations.resolvedAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
