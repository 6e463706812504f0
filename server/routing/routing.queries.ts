import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversations, messageAnnotations, messages, products, teamMembers, teams, users } from '@/db/schema';
import type { Candidate } from './strategies';

export type TeamRoutingRow = Pick<
  typeof teams.$inferSelect,
  'id' | 'workspaceId' | 'name' | 'routingStrategy' | 'reassignAfterSeconds' | 'overflowAfterSeconds' | 'overflowTeamId'
>;

const teamColumns = {
  id: teams.id,
  workspaceId: teams.workspaceId,
  name: teams.name,
  routingStrategy: teams.routingStrategy,
  reassignAfterSeconds: teams.reassignAfterSeconds,
  overflowAfterSeconds: teams.overflowAfterSeconds,
  overflowTeamId: teams.overflowTeamId,
};

export async function findTeam(db: Db, teamId: string): Promise<TeamRoutingRow | null> {
  const rows = await db.select(teamColumns).from(teams).where(eq(teams.id, teamId)).limit(1);
  return rows[0] ?? null;
}

export async function listTeams(db: Db, workspaceId: string): Promise<TeamRoutingRow[]> {
  return db.select(teamColumns).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name));
}

export async function updateTeam(db: Db, teamId: string, set: Partial<Omit<TeamRoutingRow, 'id' | 'workspaceId' | 'name'>>) {
  const rows = await db.update(teams).set(set).where(eq(teams.id, teamId)).returning(teamColumns);
  return rows[0] ?? null;
}

// Spelled out: drizzle leaves columns unqualified in a one-table select, and a bare "id" inside the subquery
// would be the conversation's own id.
const openLoad = sql<number>`(select count(*)::int from conversations c where c.assignee_id = "users"."id" and c.status = 'open')`;

/** The team's online, active agents and supervisors with their open load (not locked: a first look). */
export async function listTeamCandidates(db: Db, teamId: string): Promise<Candidate[]> {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      lastAssignedAt: users.lastAssignedAt,
      capacity: users.maxConcurrentChats,
      languages: users.languages,
      skills: users.skills,
      load: openLoad,
    })
    .from(users)
    .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.presence, 'online'), inArray(users.role, ['agent', 'supervisor']), eq(users.isActive, true)));
  return rows.map((r) => ({ ...r, load: Number(r.load) }));
}

/**
 * Locks one agent's row for the rest of the transaction, skipping an agent another transaction is assigning to
 * right now, and returns their load counted after the lock (so it includes every assignment committed before).
 * Null: locked elsewhere, gone offline or deactivated meanwhile.
 */
export async function lockAgentLoad(db: Db, userId: string) {
  const locked = await db
    .select({ id: users.id, capacity: users.maxConcurrentChats })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.presence, 'online'), eq(users.isActive, true)))
    .for('update', { skipLocked: true })
    .limit(1);
  if (!locked[0]) return null;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.assigneeId, userId), eq(conversations.status, 'open')));
  return { capacity: locked[0].capacity, load: Number(row?.n ?? 0) };
}

export async function markAssigned(db: Db, userId: string, at: Date) {
  await db.update(users).set({ lastAssignedAt: at }).where(eq(users.id, userId));
}

/** What skills routing can know about a conversation: the latest reading of the customer, the product's category. */
export async function conversationFacts(
  db: Db,
  c: { id: string | null } & Pick<typeof conversations.$inferSelect, 'workspaceId' | 'contactId' | 'context'>,
) {
  const [ann] = c.id
    ? await db
        .select({ lang: messageAnnotations.lang, intent: messageAnnotations.intent })
        .from(messageAnnotations)
        .where(eq(messageAnnotations.conversationId, c.id))
        .orderBy(desc(messageAnnotations.messageId))
        .limit(1)
    : [];
  let lang: string | null = ann?.lang ?? null;
  if (!lang) {
    const [contact] = await db.select({ locale: contacts.locale }).from(contacts).where(eq(contacts.id, c.contactId)).limit(1);
    lang = contact?.locale?.startsWith('bn') ? 'bn' : contact?.locale?.startsWith('en') ? 'en' : null;
  }
  let category: string | null = null;
  if (c.context?.type === 'product') {
    const [p] = await db
      .select({ category: products.category })
      .from(products)
      .where(and(eq(products.workspaceId, c.workspaceId), eq(products.sku, c.context.id)))
      .limit(1);
    category = p?.category ?? null;
  }
  return { lang, intent: ann?.intent ?? null, category };
}

// queued_at has millisecond precision: two chats queued in the same millisecond go by their creation (microseconds).
const queueOrder = [desc(conversations.priority), asc(sql`coalesce(${conversations.queuedAt}, ${conversations.createdAt})`), asc(conversations.createdAt), asc(conversations.id)];
const waiting = and(eq(conversations.status, 'open'), isNull(conversations.assigneeId));

/** Teams that have somebody waiting, with how many. */
export async function listWaitingTeams(db: Db) {
  return db
    .select({ teamId: conversations.teamId, workspaceId: conversations.workspaceId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(waiting, isNotNull(conversations.teamId)))
    .groupBy(conversations.teamId, conversations.workspaceId);
}

/** The next waiting conversation of a team (priority first, then longest waiting), locked; skips rows locked elsewhere. */
export async function lockNextWaiting(db: Db, teamId: string, skipIds: string[]) {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(waiting, eq(conversations.teamId, teamId), skipIds.length ? notInArray(conversations.id, skipIds) : undefined))
    .orderBy(...queueOrder)
    .for('update', { skipLocked: true })
    .limit(1);
  return rows[0] ?? null;
}

/** Everyone waiting in a team's queue, in queue order (for live position updates). */
export async function listWaiting(db: Db, teamId: string, limit = 500) {
  return db
    .select({ id: conversations.id, contactId: conversations.contactId })
    .from(conversations)
    .where(and(waiting, eq(conversations.teamId, teamId)))
    .orderBy(...queueOrder)
    .limit(limit);
}

/** How many wait ahead of `c` in its team's queue (or in the teamless queue). */
export async function countQueueAhead(db: Db, c: typeof conversations.$inferSelect) {
  const mine = c.queuedAt ?? c.createdAt;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, c.workspaceId),
        waiting,
        c.teamId ? eq(conversations.teamId, c.teamId) : isNull(conversations.teamId),
        ne(conversations.id, c.id),
        sql`(${conversations.priority} > ${c.priority}
          or (${conversations.priority} = ${c.priority} and (coalesce(${conversations.queuedAt}, ${conversations.createdAt}), ${conversations.id}) < (${mine.toISOString()}::timestamptz, ${c.id}::uuid)))`,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Chat slots of the team's online agents (capacity summed), for the wait estimate. */
export async function teamOnlineCapacity(db: Db, teamId: string) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${users.maxConcurrentChats}), 0)::int` })
    .from(users)
    .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.presence, 'online'), inArray(users.role, ['agent', 'supervisor']), eq(users.isActive, true)));
  return Number(row?.n ?? 0);
}

/** Median seconds from assignment to resolve over the team's conversations resolved in the last 14 days; null if none. */
export async function teamMedianHandleSeconds(db: Db, teamId: string, now: Date) {
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const [row] = await db
    .select({
      s: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (${conversations.resolvedAt} - coalesce(${conversations.assignedAt}, ${conversations.createdAt}))))`,
    })
    .from(conversations)
    .where(and(eq(conversations.teamId, teamId), eq(conversations.status, 'resolved'), sql`${conversations.resolvedAt} >= ${since.toISOString()}::timestamptz`));
  return row?.s == null ? null : Number(row.s);
}

/**
 * Conversations whose assignee has not answered in time: assigned longer ago than the team's limit, the
 * customer's message is the last one, and the assignee has sent no reply since they got it.
 */
export async function listUnanswered(db: Db, now: Date, limit = 100) {
  return db
    .select({ id: conversations.id, teamId: conversations.teamId, assigneeId: conversations.assigneeId, seconds: teams.reassignAfterSeconds })
    .from(conversations)
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .where(
      and(
        eq(conversations.status, 'open'),
        isNotNull(conversations.assigneeId),
        isNotNull(teams.reassignAfterSeconds),
        sql`${conversations.assignedAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${teams.reassignAfterSeconds})`,
        sql`${conversations.lastContactMessageId} > 0 and ${conversations.lastContactMessageId} = ${conversations.lastMessageId}`,
        sql`not exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and m.sender_type = 'agent'
              and m.sender_id = ${conversations.assigneeId} and m.created_at >= ${conversations.assignedAt})`,
      ),
    )
    .orderBy(asc(conversations.assignedAt))
    .limit(limit);
}

/** Conversations waiting unassigned past their team's overflow limit that have not overflowed before. */
export async function listOverflowDue(db: Db, now: Date, limit = 100) {
  return db
    .select({ id: conversations.id, teamId: conversations.teamId, overflowTeamId: teams.overflowTeamId, seconds: teams.overflowAfterSeconds })
    .from(conversations)
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .where(
      and(
        waiting,
        isNull(conversations.overflowedAt),
        isNotNull(teams.overflowTeamId),
        isNotNull(teams.overflowAfterSeconds),
        sql`coalesce(${conversations.queuedAt}, ${conversations.createdAt}) < ${now.toISOString()}::timestamptz - make_interval(secs => ${teams.overflowAfterSeconds})`,
      ),
    )
    .limit(limit);
}

export async function lockConversation(db: Db, id: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.id, id)).for('update', { skipLocked: true }).limit(1);
  return rows[0] ?? null;
}

export async function updateAgentRouting(db: Db, userId: string, set: { maxConcurrentChats?: number; languages?: string[]; skills?: string[] }) {
  const rows = await db
    .update(users)
    .set(set)
    .where(eq(users.id, userId))
    .returning({ id: users.id, workspaceId: users.workspaceId, maxConcurrentChats: users.maxConcurrentChats, languages: users.languages, skills: users.skills });
  return rows[0] ?? null;
}

/** The desk's routing settings view: every person who can take chats, with their teams, load and presence. */
export async function listAgentsWithLoad(db: Db, workspaceId: string) {
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      presence: users.presence,
      capacity: users.maxConcurrentChats,
      languages: users.languages,
      skills: users.skills,
      load: openLoad,
      teamIds: sql<string[]>`coalesce((select array_agg(tm.team_id::text) from team_members tm where tm.user_id = "users"."id"), '{}')`,
    })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.role, ['agent', 'supervisor']), eq(users.isActive, true)))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, load: Number(r.load) }));
}


export async function userName(db: Db, id: string) {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row?.name ?? null;
}
