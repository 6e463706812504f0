import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { cannedResponses, contacts, labels, teamMembers, teams, users, vendors, widgets, workspaces } from '@/db/schema';
import type { Role } from '@/lib/contracts/chat';
import { hashPassword } from '@/server/auth/auth.service';
import { fieldCrypto } from '@/server/security/field-crypto';
import { eq } from 'drizzle-orm';

// Factories shared by tests, end-to-end journeys and the demo seed.
const suffix = () => randomBytes(4).toString('hex');

export async function seedWorkspace(db: Db, name = 'Test Shop') {
  const [ws] = await db.insert(workspaces).values({ name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${suffix()}` }).returning();
  return ws!;
}

export async function seedTeam(db: Db, workspaceId: string, name: string) {
  const [t] = await db.insert(teams).values({ workspaceId, name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') }).returning();
  return t!;
}

export async function seedVendor(db: Db, workspaceId: string, name: string) {
  const [v] = await db.insert(vendors).values({ workspaceId, name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` }).returning();
  return v!;
}

let cachedHash: { password: string; hash: Promise<string> } | undefined;
async function hashFor(password: string) {
  if (cachedHash?.password !== password) cachedHash = { password, hash: hashPassword(password) };
  return cachedHash.hash;
}

export async function seedUser(
  db: Db,
  v: { workspaceId: string; role: Role; name?: string; email?: string; password?: string; vendorId?: string | null; teamIds?: string[]; avatarUrl?: string | null; presence?: 'online' | 'away' | 'offline' },
) {
  const password = v.password ?? 'password-123';
  const [u] = await db
    .insert(users)
    .values({
      workspaceId: v.workspaceId,
      role: v.role,
      name: v.name ?? `${v.role} ${suffix()}`,
      email: v.email ?? `${v.role}-${suffix()}@example.test`,
      passwordHash: await hashFor(password),
      vendorId: v.vendorId ?? null,
      avatarUrl: v.avatarUrl ?? null,
      presence: v.presence ?? 'offline',
    })
    .returning();
  if (v.teamIds?.length) await db.insert(teamMembers).values(v.teamIds.map((teamId) => ({ teamId, userId: u!.id })));
  return { ...u!, password };
}

export async function seedWidget(
  db: Db,
  v: { workspaceId: string; key?: string; defaultTeamId?: string | null; verifiedOnly?: boolean; prechatEnabled?: boolean; businessHours?: typeof widgets.$inferInsert.businessHours },
) {
  const fc = await fieldCrypto(db);
  const identitySecret = randomBytes(24).toString('hex');
  const [w] = await db
    .insert(widgets)
    .values({
      workspaceId: v.workspaceId,
      key: v.key ?? `w-${suffix()}`,
      name: 'Support',
      // A credential: kept sealed (server/security/field-crypto.ts); the returned row has it in clear.
      identitySecret: fc.seal(identitySecret)!,
      verifiedOnly: v.verifiedOnly ?? false,
      prechatEnabled: v.prechatEnabled ?? false,
      defaultTeamId: v.defaultTeamId ?? null,
      businessHours: v.businessHours ?? null,
    })
    .returning();
  return { ...w!, identitySecret };
}

/** A contact; email and phone sealed with their blind indexes, as the app writes them. */
export async function seedContact(db: Db, workspaceId: string, v: Partial<typeof contacts.$inferInsert> = {}) {
  const fc = await fieldCrypto(db);
  const { email, phone, ...rest } = v;
  const [c] = await db.insert(contacts).values({ workspaceId, ...rest, ...fc.contactFields({ email, phone }) }).returning();
  return fc.openContact(c!);
}

/** Sets a contact's details as the app writes them (sealed email and phone, with their blind indexes). */
export async function setContactDetails(db: Db, contactId: string, v: { name?: string | null; email?: string | null; phone?: string | null }) {
  const { email, phone, ...rest } = v;
  await db.update(contacts).set({ ...rest, ...(await fieldCrypto(db)).contactFields({ email, phone }) }).where(eq(contacts.id, contactId));
}

export async function seedLabelsAndCanned(
  db: Db,
  workspaceId: string,
  l: { name: string; color: string }[],
  canned: { shortCode: string; title: string; content: string; lang?: string | null }[],
) {
  if (l.length) await db.insert(labels).values(l.map((x) => ({ workspaceId, ...x }))).onConflictDoNothing();
  if (canned.length) await db.insert(cannedResponses).values(canned.map((x) => ({ workspaceId, ...x }))).onConflictDoNothing();
}
