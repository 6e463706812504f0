import { and, desc, eq, gt, isNull, like, ne, or, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recoveryCodes, sessions, teamMembers, users } from '@/db/schema';

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function insertSession(db: Db, s: { idHash: string; userId: string; expiresAt: Date; userAgent?: string | null; ip?: string | null }) {
  await db.insert(sessions).values(s);
}

export async function findSessionUser(db: Db, idHash: string, now: Date) {
  const rows = await db
    .select({ user: users, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
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

export async function touchSession(db: Db, idHash: string) {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.idHash, idHash));
}

export async function listSessions(db: Db, userId: string, now: Date) {
  return db
    .select({ idHash: sessions.idHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Deletes one of the person's sessions by the start of its hash (what the sessions list shows), or all but one. */
export async function deleteSessions(db: Db, userId: string, which: { prefix: string } | { allBut: string | null }) {
  const cond = 'prefix' in which ? like(sessions.idHash, `${which.prefix.replace(/[^0-9a-f]/g, '')}%`) : which.allBut ? ne(sessions.idHash, which.allBut) : undefined;
  const rows = await db.delete(sessions).where(and(eq(sessions.userId, userId), cond)).returning({ idHash: sessions.idHash });
  return rows.map((r) => r.idHash);
}

/**
 * Takes one sign-in attempt before its password or code is checked, in one statement, so attempts sent at once
 * cannot all slip past the lock: null when the account is locked (nothing may be checked then). The attempt that
 * reaches the limit locks the account (and the count starts again); a good sign-in clears both.
 */
export async function reserveAttempt(db: Db, userId: string, limit: number, lockUntil: Date) {
  const rows = await db
    .update(users)
    .set({
      failedSignIns: sql`case when ${users.failedSignIns} + 1 >= ${limit} then 0 else ${users.failedSignIns} + 1 end`,
      lockedUntil: sql`case when ${users.failedSignIns} + 1 >= ${limit} then ${lockUntil.toISOString()}::timestamptz else null end`,
    })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), sql`${users.lockedUntil} <= now()`)))
    .returning({ lockedUntil: users.lockedUntil });
  return rows[0] ?? null;
}

/**
 * Gives back an attempt that was not a failure but starts no session yet (the right password before the second
 * factor, a code already used): the count goes back one, and a lock this very attempt set is lifted.
 */
export async function refundAttempt(db: Db, userId: string, limit: number, lockedNow: Date | null) {
  if (lockedNow) {
    await db
      .update(users)
      .set({ failedSignIns: limit - 1, lockedUntil: null })
      .where(and(eq(users.id, userId), eq(users.lockedUntil, lockedNow)));
  } else {
    await db
      .update(users)
      .set({ failedSignIns: sql`greatest(${users.failedSignIns} - 1, 0)` })
      .where(eq(users.id, userId));
  }
}

export async function clearFailures(db: Db, userId: string) {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(and(eq(users.id, userId), or(gt(users.failedSignIns, 0), sql`${users.lockedUntil} is not null`)));
}

export async function setPendingTotp(db: Db, userId: string, sealedSecret: string) {
  await db.update(users).set({ totpSecret: sealedSecret }).where(and(eq(users.id, userId), isNull(users.totpEnabledAt)));
}

/** Accepts a TOTP step once: false when this step (or a later one) was already used. */
export async function claimTotpStep(db: Db, userId: string, step: number, enable: boolean) {
  const rows = await db
    .update(users)
    .set(enable ? { totpLastStep: step, totpEnabledAt: new Date() } : { totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function disableTotp(db: Db, userId: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  });
}

export async function useRecoveryCode(db: Db, userId: string, codeHash: string) {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countRecoveryCodesLeft(db: Db, userId: string) {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows[0]?.n ?? 0;
}

export async function setPassword(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
}
