import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, invitations, teamMembers, teams, users, vendors, workspaces } from '@/db/schema';
import type { Role } from '@/lib/contracts/chat';
import { type AuthService, hashPassword, type StaffActor } from '@/server/auth/auth.service';
import { passwordProblem, passwordProblemText } from '@/server/auth/password-rules';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { Mailer } from '@/server/notifications/mailer';

const INVITE_DAYS = 7;
const RESET_HOURS = 24;
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export type InviteInput = { email: string; name?: string | null; role: Role; teamIds: string[]; vendorId?: string | null };

/**
 * The people of a workspace, for its admins (/admin): invitations by link (the link is shown to copy; no mail is
 * needed), roles and teams, deactivation (sessions end at once, open conversations go back to the queue) and
 * password resets by link. Every change is a tRPC mutation, so the audit trail records it.
 */
export class PeopleService {
  constructor(
    private db: Db,
    private bus: EventBus,
    private chat: ChatService,
    private auth: AuthService,
    private mailer: Mailer = new Mailer(),
  ) {}

  /** Emails a link when SMTP is set up (English and Bengali in one message); false when not sent. */
  private async mailLink(to: string, kind: 'invite' | 'reset', url: string, workspaceId: string, role?: Role) {
    if (!this.mailer.enabled) return false;
    const [ws] = await this.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    const name = ws?.name ?? 'Alap';
    const text =
      kind === 'invite'
        ? `You are invited to join ${name} on Alap${role ? ` (${role})` : ''}.\nSet your password here (the link works once, for ${INVITE_DAYS} days):\n${url}\n\n` +
          `Alap-এ ${name}-এ যোগ দিতে আপনাকে আমন্ত্রণ জানানো হয়েছে। এখানে পাসওয়ার্ড ঠিক করুন (লিংকটি ${INVITE_DAYS} দিনের মধ্যে একবার কাজ করবে):\n${url}\n`
        : `A new password for your ${name} account on Alap can be set here (the link works once, for ${RESET_HOURS} hours):\n${url}\n\n` +
          `Alap-এ আপনার ${name} অ্যাকাউন্টের নতুন পাসওয়ার্ড এখানে ঠিক করুন (লিংকটি ${RESET_HOURS} ঘণ্টার মধ্যে একবার কাজ করবে):\n${url}\n`;
    const subject = kind === 'invite' ? `Join ${name} on Alap · আমন্ত্রণ` : `Set a new password · নতুন পাসওয়ার্ড`;
    return this.mailer.send({ to, subject, text });
  }

  async list(workspaceId: string) {
    const people = await this.db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        vendorId: users.vendorId,
        isActive: users.isActive,
        presence: users.presence,
        maxConcurrentChats: users.maxConcurrentChats,
        languages: users.languages,
        totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
        teamIds: sql<string[]>`coalesce((select array_agg(tm.team_id::text) from team_members tm where tm.user_id = "users"."id"), '{}')`,
      })
      .from(users)
      .where(eq(users.workspaceId, workspaceId))
      .orderBy(asc(users.name));
    const pending = await this.db
      .select({ id: invitations.id, email: invitations.email, name: invitations.name, role: invitations.role, vendorId: invitations.vendorId, teamIds: invitations.teamIds, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
      .from(invitations)
      .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.kind, 'invite'), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
      .orderBy(asc(invitations.createdAt));
    const teamRows = await this.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name));
    const vendorRows = await this.db.select({ id: vendors.id, name: vendors.name }).from(vendors).where(eq(vendors.workspaceId, workspaceId)).orderBy(asc(vendors.name));
    return { people, pending, teams: teamRows, vendors: vendorRows };
  }

  /** An invitation link for one person; the token is returned once (only its hash is kept). */
  /** An invitation link; with SMTP set up (and `baseUrl`, this server's address) it is also emailed. */
  async invite(actor: StaffActor, input: InviteInput, baseUrl?: string) {
    const email = input.email.trim().toLowerCase();
    const [taken] = await this.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (taken) throw new AppError('CONFLICT', 'Someone already has an account with this email');
    await this.checkPlacement(actor.workspaceId, input.role, input.teamIds, input.vendorId ?? null);
    const token = randomBytes(24).toString('base64url');
    await this.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.workspaceId, actor.workspaceId), eq(invitations.kind, 'invite'), sql`lower(${invitations.email}) = ${email}`, isNull(invitations.usedAt), isNull(invitations.revokedAt)));
    const [row] = await this.db
      .insert(invitations)
      .values({
        workspaceId: actor.workspaceId,
        email,
        name: input.name?.trim() || null,
        role: input.role,
        vendorId: input.role === 'vendor' ? (input.vendorId ?? null) : null,
        teamIds: input.role === 'vendor' ? [] : [...new Set(input.teamIds)],
        tokenHash: sha256(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      })
      .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
    const path = `/invite/${token}`;
    const emailed = baseUrl ? await this.mailLink(email, 'invite', `${baseUrl}${path}`, actor.workspaceId, input.role) : false;
    return { id: row!.id, path, expiresAt: row!.expiresAt, emailed };
  }

  async revokeInvite(actor: StaffActor, id: string) {
    const rows = await this.db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), eq(invitations.workspaceId, actor.workspaceId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!rows.length) throw new AppError('NOT_FOUND', 'That invitation is no longer open');
  }

  /** What the invitation (or reset) link is for, without using it. */
  async lookup(token: string) {
    const inv = await this.openLink(token);
    const [ws] = await this.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, inv.workspaceId));
    return { kind: inv.kind, email: inv.email, name: inv.name, role: inv.role, workspaceName: ws?.name ?? '' };
  }

  /**
   * Uses the link: an invitation creates the account (with the teams and vendor it names), a reset sets the
   * password and ends the person's sessions. The person then signs in (admins set up two-factor sign-in there).
   */
  async accept(token: string, input: { name?: string; password: string }) {
    const inv = await this.openLink(token);
    const name = (input.name ?? inv.name ?? '').trim();
    if (inv.kind === 'invite' && name.length < 2) throw new AppError('BAD_REQUEST', 'Enter your name');
    const problem = passwordProblem(input.password, { email: inv.email, name: inv.kind === 'invite' ? name : (inv.name ?? '') });
    if (problem) throw new AppError('BAD_REQUEST', passwordProblemText[problem], { problem });
    const passwordHash = await hashPassword(input.password);
    const done = await this.db.transaction(async (tx) => {
      const used = await tx.update(invitations).set({ usedAt: new Date() }).where(and(eq(invitations.id, inv.id), isNull(invitations.usedAt))).returning({ id: invitations.id });
      if (!used.length) throw new AppError('CONFLICT', 'This link has already been used');
      if (inv.kind === 'reset') {
        await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), failedSignIns: 0, lockedUntil: null }).where(eq(users.id, inv.userId!));
        return { email: inv.email, kind: 'reset' as const, userId: inv.userId! };
      }
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${inv.email}`);
      if (taken) throw new AppError('CONFLICT', 'Someone already has an account with this email');
      const [u] = await tx.insert(users).values({ workspaceId: inv.workspaceId, email: inv.email, name, passwordHash, role: inv.role, vendorId: inv.vendorId }).returning({ id: users.id });
      const teamIds = inv.teamIds.length ? (await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, inv.workspaceId), inArray(teams.id, inv.teamIds)))).map((t) => t.id) : [];
      if (teamIds.length) await tx.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: u!.id })));
      return { email: inv.email, kind: 'invite' as const, userId: u!.id };
    });
    // A new password ends every session that was signed in with the old one.
    if (done.kind === 'reset') await this.endSessions(done.userId);
    return done;
  }

  async update(actor: StaffActor, userId: string, set: { role?: Role; teamIds?: string[]; vendorId?: string | null; name?: string }) {
    const person = await this.person(actor.workspaceId, userId);
    const role = set.role ?? person.role;
    if (person.id === actor.userId && role !== 'admin') throw new AppError('BAD_REQUEST', 'You cannot take away your own admin role; ask another admin');
    const vendorId = role === 'vendor' ? (set.vendorId !== undefined ? set.vendorId : person.vendorId) : null;
    await this.checkPlacement(actor.workspaceId, role, set.teamIds ?? [], vendorId);
    await this.keepingAnAdmin(actor.workspaceId, person, role !== 'admin', async (tx) => {
      await tx.update(users).set({ role, vendorId, ...(set.name?.trim() ? { name: set.name.trim() } : {}) }).where(eq(users.id, userId));
      if (set.teamIds || role === 'vendor') {
        await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
        const ids = role === 'vendor' ? [] : [...new Set(set.teamIds ?? [])];
        if (ids.length) await tx.insert(teamMembers).values(ids.map((teamId) => ({ teamId, userId })));
      }
    });
    // A new role or vendor takes effect on the next request; open sockets keep the old view, so they are closed.
    if (role !== person.role || vendorId !== person.vendorId) await this.endSessions(userId);
  }

  /** Deactivates: sessions end now, and the person's open conversations go back to their team's queue. */
  /** Runs `change` unless it would leave the workspace without an active admin (serialised, so two admins
   * removing each other at the same moment cannot both succeed). */
  private async keepingAnAdmin(workspaceId: string, person: { id: string; role: Role; isActive: boolean }, losesAdmin: boolean, change: (tx: Db) => Promise<unknown>) {
    await this.db.transaction(async (tx) => {
      if (losesAdmin && person.role === 'admin' && person.isActive) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`admins:${workspaceId}`}))`);
        const [row] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(users)
          .where(and(eq(users.workspaceId, workspaceId), eq(users.role, 'admin'), eq(users.isActive, true), ne(users.id, person.id)));
        if ((row?.n ?? 0) === 0) throw new AppError('BAD_REQUEST', 'Keep at least one active admin: make someone else an admin first');
      }
      await change(tx as unknown as Db);
    });
  }

  async deactivate(actor: StaffActor, userId: string) {
    const person = await this.person(actor.workspaceId, userId);
    if (person.id === actor.userId) throw new AppError('BAD_REQUEST', 'You cannot deactivate yourself');
    await this.keepingAnAdmin(actor.workspaceId, person, true, (tx) => tx.update(users).set({ isActive: false, presence: 'offline' }).where(eq(users.id, userId)));
    await this.endSessions(userId);
    const open = await this.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), eq(conversations.assigneeId, userId), inArray(conversations.status, ['open', 'pending', 'snoozed'])));
    for (const c of open) await this.chat.assign(actor, c.id, null);
    return { returnedToQueue: open.length };
  }

  async reactivate(actor: StaffActor, userId: string) {
    await this.person(actor.workspaceId, userId);
    await this.db.update(users).set({ isActive: true, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
  }

  /** A password-reset link for the person (valid a day); their sessions end when it is used. */
  async resetLink(actor: StaffActor, userId: string, baseUrl?: string) {
    const person = await this.person(actor.workspaceId, userId);
    const token = randomBytes(24).toString('base64url');
    await this.db.insert(invitations).values({
      workspaceId: actor.workspaceId,
      kind: 'reset',
      email: person.email.toLowerCase(),
      name: person.name,
      role: person.role,
      userId: person.id,
      tokenHash: sha256(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000),
    });
    const path = `/invite/${token}`;
    const emailed = baseUrl ? await this.mailLink(person.email.toLowerCase(), 'reset', `${baseUrl}${path}`, actor.workspaceId) : false;
    return { path, emailed };
  }

  private async endSessions(userId: string) {
    for (const sessionHash of await this.auth.endAllSessions(userId)) this.bus.emit('session.ended', { userId, sessionHash });
  }

  private async person(workspaceId: string, userId: string) {
    const [p] = await this.db.select().from(users).where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)));
    if (!p) throw new AppError('NOT_FOUND', 'No such person');
    return p;
  }

  private async checkPlacement(workspaceId: string, role: Role, teamIds: string[], vendorId: string | null) {
    if (role === 'vendor') {
      if (!vendorId) throw new AppError('BAD_REQUEST', 'Choose the vendor this person works for');
      const [v] = await this.db.select({ id: vendors.id }).from(vendors).where(and(eq(vendors.id, vendorId), eq(vendors.workspaceId, workspaceId)));
      if (!v) throw new AppError('BAD_REQUEST', 'Unknown vendor');
      return;
    }
    if (teamIds.length) {
      const found = await this.db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)));
      if (found.length !== new Set(teamIds).size) throw new AppError('BAD_REQUEST', 'Unknown team');
    }
  }

  private async openLink(token: string) {
    if (!token || token.length > 100) throw new AppError('NOT_FOUND', 'This link is not valid');
    const [inv] = await this.db.select().from(invitations).where(eq(invitations.tokenHash, sha256(token)));
    if (!inv || inv.revokedAt) throw new AppError('NOT_FOUND', 'This link is not valid. Ask your admin for a new one');
    if (inv.usedAt) throw new AppError('CONFLICT', 'This link has already been used. Sign in instead');
    if (inv.expiresAt.getTime() < Date.now()) throw new AppError('NOT_FOUND', 'This link has expired. Ask your admin for a new one');
    return inv;
  }
}
