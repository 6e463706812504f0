import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { businessCalendars, conversations, slaClocks, slaEvents, slaPolicies, teams } from '@/db/schema';

export type PolicyRow = typeof slaPolicies.$inferSelect;
export type CalendarRow = typeof businessCalendars.$inferSelect;
export type ClockRow = typeof slaClocks.$inferSelect;

export async function listPolicies(db: Db, workspaceId: string) {
  return db.select().from(slaPolicies).where(eq(slaPolicies.workspaceId, workspaceId)).orderBy(asc(slaPolicies.createdAt));
}

export async function listCalendars(db: Db, workspaceId: string) {
  return db.select().from(businessCalendars).where(eq(businessCalendars.workspaceId, workspaceId)).orderBy(asc(businessCalendars.name));
}

export async function listTeamCalendars(db: Db, workspaceId: string) {
  return db.select({ id: teams.id, calendarId: teams.calendarId }).from(teams).where(eq(teams.workspaceId, workspaceId));
}

export async function lockConversation(db: Db, id: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function listClocks(db: Db, conversationId: string) {
  return db.select().from(slaClocks).where(eq(slaClocks.conversationId, conversationId));
}

export async function upsertClock(db: Db, row: typeof slaClocks.$inferInsert) {
  await db
    .insert(slaClocks)
    .values(row)
    .onConflictDoUpdate({
      target: [slaClocks.conversationId, slaClocks.kind],
      set: {
        policyId: row.policyId,
        targetSeconds: row.targetSeconds,
        usedSeconds: row.usedSeconds,
        status: row.status,
        startedAt: row.startedAt,
        runningSince: row.runningSince,
        dueAt: row.dueAt,
        warnAt: row.warnAt,
        warnedAt: row.warnedAt,
        breachedAt: row.breachedAt,
        stoppedAt: row.stoppedAt,
      },
    });
}

export async function insertEvents(db: Db, rows: (typeof slaEvents.$inferInsert)[]) {
  if (rows.length) await db.insert(slaEvents).values(rows);
}

export async function listEvents(db: Db, conversationId: string) {
  return db.select().from(slaEvents).where(eq(slaEvents.conversationId, conversationId)).orderBy(asc(slaEvents.id));
}

export async function setConversationSla(
  db: Db,
  id: string,
  set: { slaKind: string | null; slaDueAt: Date | null; slaWarnAt: Date | null; slaBreachedAt: Date | null; priority?: (typeof conversations.$inferSelect)['priority'] },
) {
  const rows = await db.update(conversations).set(set).where(eq(conversations.id, id)).returning();
  return rows[0] ?? null;
}

/** Running clocks that have reached their warning or due time and not yet said so. */
export async function listDueClocks(db: Db, now: Date, limit = 200) {
  return db
    .selectDistinct({ conversationId: slaClocks.conversationId })
    .from(slaClocks)
    .where(
      and(
        eq(slaClocks.status, 'running'),
        or(and(isNull(slaClocks.breachedAt), lte(slaClocks.dueAt, now)), and(isNull(slaClocks.warnedAt), isNull(slaClocks.breachedAt), lte(slaClocks.warnAt, now))),
      ),
    )
    .limit(limit);
}

export async function insertPolicy(db: Db, row: typeof slaPolicies.$inferInsert) {
  const [p] = await db.insert(slaPolicies).values(row).returning();
  return p!;
}

export async function updatePolicy(db: Db, id: string, workspaceId: string, set: Partial<typeof slaPolicies.$inferInsert>) {
  const rows = await db
    .update(slaPolicies)
    .set(set)
    .where(and(eq(slaPolicies.id, id), eq(slaPolicies.workspaceId, workspaceId)))
    .returning();
  return rows[0] ?? null;
}

export async function deletePolicy(db: Db, id: string, workspaceId: string) {
  const rows = await db
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.id, id), eq(slaPolicies.workspaceId, workspaceId)))
    .returning({ id: slaPolicies.id });
  return rows.length > 0;
}

export async function upsertCalendar(db: Db, row: typeof businessCalendars.$inferInsert & { id?: string }) {
  if (row.id) {
    const rows = await db
      .update(businessCalendars)
      .set({ name: row.name, timezone: row.timezone, hours: row.hours, holidays: row.holidays, isDefault: row.isDefault })
      .where(and(eq(businessCalendars.id, row.id), eq(businessCalendars.workspaceId, row.workspaceId)))
      .returning();
    return rows[0] ?? null;
  }
  const [c] = await db.insert(businessCalendars).values(row).returning();
  return c!;
}

export async function clearDefaultCalendars(db: Db, workspaceId: string, exceptId: string) {
  await db
    .update(businessCalendars)
    .set({ isDefault: false })
    .where(and(eq(businessCalendars.workspaceId, workspaceId), sql`${businessCalendars.id} <> ${exceptId}`));
}

export async function setTeamCalendar(db: Db, teamId: string, calendarId: string | null) {
  await db.update(teams).set({ calendarId }).where(eq(teams.id, teamId));
}
