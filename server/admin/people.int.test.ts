import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, teamMembers, users } from '@/db/schema';
import { callerFor, contextFor, createTestApp, newConversation, rejection, seedShop, seedStaff, type Shop, type TestApp, trpcError } from '@/test/test-app';
import { createCaller } from '@/server/trpc/root.router';

// The admin console's people (issue 7): invitations by link, roles and teams, deactivation, password resets.
let t: TestApp;
let shop: Shop;
const STRONG = 'mango monsoon lantern 77';

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app, { onlineAgents: 1 });
});
afterAll(() => t?.close());

const tokenOf = (path: string) => path.replace('/invite/', '');

describe('people', () => {
  it('an admin invites an agent into a team; the link signs them up once, with the password rules', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const inv = await admin.admin.invite({ email: 'Nadia.New@Example.com', name: 'Nadia', role: 'agent', teamIds: [shop.team.id] });
    expect(inv.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{20,}$/);
    expect((await admin.admin.people()).pending.map((p) => p.email)).toContain('nadia.new@example.com');
    const anon = await callerFor(t.app);
    expect(await anon.invite.lookup({ token: tokenOf(inv.path) })).toMatchObject({ kind: 'invite', email: 'nadia.new@example.com', role: 'agent', workspaceName: shop.ws.name });
    expect((await trpcError(anon.invite.accept({ token: tokenOf(inv.path), name: 'Nadia Islam', password: 'password1234' }))).message).toMatch(/common|easy to guess/);
    expect(await anon.invite.accept({ token: tokenOf(inv.path), name: 'Nadia Islam', password: STRONG })).toEqual({ email: 'nadia.new@example.com', kind: 'invite' });
    expect((await trpcError(anon.invite.accept({ token: tokenOf(inv.path), name: 'Again', password: STRONG }))).code).toBe('CONFLICT');
    const signedIn = await t.app.auth.signIn('nadia.new@example.com', STRONG);
    expect(signedIn.user).toMatchObject({ role: 'agent', name: 'Nadia Islam', workspaceId: shop.ws.id });
    expect((await t.app.db.select().from(teamMembers).where(eq(teamMembers.userId, signedIn.user.id))).map((m) => m.teamId)).toEqual([shop.team.id]);
    // An email that already has an account cannot be invited; a wrong link is refused.
    expect((await trpcError(admin.admin.invite({ email: shop.agent.email, role: 'agent', teamIds: [] }))).code).toBe('CONFLICT');
    expect((await trpcError(anon.invite.lookup({ token: 'x'.repeat(32) }))).code).toBe('NOT_FOUND');
  });

  it('a vendor invitation needs the workspace’s own vendor; a revoked invitation no longer works', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    expect((await trpcError(admin.admin.invite({ email: 'v@example.com', role: 'vendor', teamIds: [] }))).code).toBe('BAD_REQUEST');
    const other = await seedShop(t.app);
    expect((await trpcError(admin.admin.invite({ email: 'v@example.com', role: 'vendor', teamIds: [], vendorId: other.vendorA.id }))).code).toBe('BAD_REQUEST');
    const inv = await admin.admin.invite({ email: 'v@example.com', role: 'vendor', teamIds: [], vendorId: shop.vendorA.id });
    await admin.admin.revokeInvite({ id: inv.id });
    expect((await trpcError((await callerFor(t.app)).invite.lookup({ token: tokenOf(inv.path) }))).code).toBe('NOT_FOUND');
  });

  it('deactivating ends the person’s sessions and returns their open conversations to the queue', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const [before] = await t.app.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(before!.assigneeId).toBe(shop.agents[0]!.id);
    const admin = await callerFor(t.app, shop.admin.cookie);
    expect(await admin.admin.deactivate({ userId: shop.agents[0]!.id })).toEqual({ returnedToQueue: 1 });
    const [after] = await t.app.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after!.assigneeId).toBeNull();
    expect((await trpcError((await callerFor(t.app, shop.agents[0]!.cookie)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await rejection(t.app.auth.signIn(shop.agents[0]!.email, shop.agents[0]!.password))).code).toBe('UNAUTHORIZED');
    // An admin cannot deactivate or demote themselves.
    expect((await trpcError(admin.admin.deactivate({ userId: shop.admin.id }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(admin.admin.updatePerson({ userId: shop.admin.id, role: 'agent' }))).code).toBe('BAD_REQUEST');
    await admin.admin.reactivate({ userId: shop.agents[0]!.id });
    expect((await t.app.auth.signIn(shop.agents[0]!.email, shop.agents[0]!.password)).user.id).toBe(shop.agents[0]!.id);
  });

  it('a new role ends the person’s sessions; a reset link sets a new password once and signs them out everywhere', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    await admin.admin.updatePerson({ userId: shop.supervisor.id, role: 'agent', teamIds: [shop.team.id] });
    expect((await trpcError((await callerFor(t.app, shop.supervisor.cookie)).auth.me())).code).toBe('UNAUTHORIZED');
    const [row] = await t.app.db.select().from(users).where(eq(users.id, shop.supervisor.id));
    expect(row!.role).toBe('agent');

    const session = await t.app.auth.signIn(shop.executive.email, shop.executive.password);
    const { path } = await admin.admin.resetPassword({ userId: shop.executive.id });
    const anon = createCaller(await contextFor(t.app));
    expect(await anon.invite.lookup({ token: tokenOf(path) })).toMatchObject({ kind: 'reset', email: shop.executive.email.toLowerCase() });
    await anon.invite.accept({ token: tokenOf(path), password: STRONG });
    expect(await t.app.auth.findActorBySession(session.token)).toBeNull();
    expect((await t.app.auth.signIn(shop.executive.email, STRONG)).user.id).toBe(shop.executive.id);
    expect((await trpcError(anon.invite.accept({ token: tokenOf(path), password: STRONG }))).code).toBe('CONFLICT');
  });

  it('two admins removing each other at the same moment leave one admin, not none', async () => {
    const own = await seedShop(t.app);
    const second = await seedStaff(t.app, { workspaceId: own.ws.id, role: 'admin', name: 'Second Admin' });
    const [a, b] = await Promise.all([callerFor(t.app, own.admin.cookie), callerFor(t.app, second.cookie)]);
    const results = await Promise.allSettled([a.admin.deactivate({ userId: second.id }), b.admin.updatePerson({ userId: own.admin.id, role: 'agent', teamIds: [] })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason.message)).toMatch(/at least one active admin/);
    const admins = await t.app.db.select().from(users).where(eq(users.workspaceId, own.ws.id));
    expect(admins.filter((u) => u.role === 'admin' && u.isActive)).toHaveLength(1);
  });

  it('only admins', async () => {
    for (const who of [shop.supervisor, shop.agent, shop.executive, shop.vendorStaffA]) {
      const c = await callerFor(t.app, who.cookie).catch(() => null);
      if (!c) continue;
      const e = await trpcError(c.admin.invite({ email: 'x@example.com', role: 'admin', teamIds: [] }));
      expect(['FORBIDDEN', 'UNAUTHORIZED']).toContain(e.code);
    }
  });
});
