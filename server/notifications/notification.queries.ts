import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contacts, conversations, notifications, routingDecisions, teamMembers, users } from '@/db/schema';

/** Who hears about an escalation: the active supervisors of the team; without any, the workspace's supervisors and admins. */
export async function listEscalationRecipients(db: Db, workspaceId: string, teamId: string | null) {
  if (teamId) {
    const inTeam = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(teamMembers, eq(teamMembers.userId, users.id))
      .where(and(eq(teamMembers.teamId, teamId), eq(users.role, 'supervisor'), eq(users.isActive, true)));
    if (inTeam.length) return inTeam.map((u) => u.id);
  }
  const all = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), inArray(users.role, ['supervisor', 'admin']), eq(users.isActive, true)));
  return all.map((u) => u.id);
}

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotifications(db: Db, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).returning();
}

export async function listNotifications(db: Db, userId: string, limit: number) {
  const [items, unread] = await Promise.all([
    db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, unread: Number(unread[0]?.n ?? 0) };
}

/** Marks one notification (`id`) or all up to `upToId` read, only the person's own. */
export async function markNotificationsRead(db: Db, userId: string, which: { id: number } | { upToId: number }) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), 'id' in which ? eq(notifications.id, which.id) : lt(notifications.id, which.upToId + 1)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Who can be @mentioned in a note: the workspace's active desk staff, and the staff of the conversation's vendor. */
export async function listMentionable(db: Db, workspaceId: string, vendorId: string | null) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, vendorId: users.vendorId })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.isActive, true)));
  return rows.filter((u) => ['admin', 'supervisor', 'agent'].includes(u.role) || (u.role === 'vendor' && vendorId !== null && u.vendorId === vendorId));
}

/** The assignee of the routing decision made before this one (null when none or unassigned). */
export async function previousAssignee(db: Db, conversationId: string, decisionId: number) {
  const rows = await db
    .select({ assigneeId: routingDecisions.assigneeId })
    .from(routingDecisions)
    .where(and(eq(routingDecisions.conversationId, conversationId), lt(routingDecisions.id, decisionId)))
    .orderBy(desc(routingDecisions.id))
    .limit(1);
  return rows[0]?.assigneeId ?? null;
}

export async function contactNameOf(db: Db, conversationId: string) {
  const rows = await db
    .select({ name: contacts.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, conversationId))
    .limit(1);
  return rows[0]?.name ?? null;
}
