import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { appSettings, sessions, teamMembers, users } from '@/db/schema';

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return rows[0] ?? null;
}

export async function insertSession(db: Db, s: { idHash: string; userId: string; expiresAt: Date; userAgent?: string | null }) {
  await db.insert(sessions).values(s);
}

export async function findSessionUser(db: Db, idHash: string, now: Date) {
  const rows = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now), eq(users.isActive, true)))
    .limit(1);
  return rows[0] ?? null;
}

export async function deleteSession(db: Db, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function listTeamIdsOfUser(db: Db, userId: string) {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}

export async function getOrCreateSetting(db: Db, key: string, create: () => string) {
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return rows[0]!.value;
}
