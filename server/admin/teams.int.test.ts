import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// The admin console's teams (issue 7): create, rename, members, delete only when nothing depends on the team.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app, { onlineAgents: 1 });
});
afterAll(() => t?.close());

describe('teams', () => {
  it('an admin creates and renames a team and sets its members; names are unique and members must take chats', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const { id } = await admin.admin.createTeam({ name: 'Returns & Refunds' });
    expect((await trpcError(admin.admin.createTeam({ name: 'returns & refunds' }))).code).toBe('CONFLICT');
    expect((await trpcError(admin.admin.createTeam({ name: ' x ' }))).code).toBe('BAD_REQUEST');
    await admin.admin.renameTeam({ teamId: id, name: 'Returns' });
    await admin.admin.setTeamMembers({ teamId: id, userIds: [shop.agent.id, shop.supervisor.id] });
    const team = (await admin.admin.teams()).find((x) => x.id === id)!;
    expect(team).toMatchObject({ name: 'Returns', routingStrategy: 'round_robin', openConversations: 0 });
    expect(new Set(team.memberIds)).toEqual(new Set([shop.agent.id, shop.supervisor.id]));
    // Vendor staff, executives and other workspaces' people cannot be members.
    for (const userId of [shop.vendorStaffA.id, shop.executive.id, (await seedShop(t.app)).agent.id]) {
      expect((await trpcError(admin.admin.setTeamMembers({ teamId: id, userIds: [userId] }))).code).toBe('BAD_REQUEST');
    }
    // The routing settings see the new team and its routing can be set there.
    await admin.routing.updateTeam({ teamId: id, routingStrategy: 'load_balanced' });
    expect((await admin.admin.teams()).find((x) => x.id === id)!.routingStrategy).toBe('load_balanced');
    await admin.admin.deleteTeam({ teamId: id });
    expect((await admin.admin.teams()).some((x) => x.id === id)).toBe(false);
  });

  it('a team with open conversations, or that a widget routes to, is not deleted', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    await newConversation(t.app, shop.widget.key);
    expect((await admin.admin.teams()).find((x) => x.id === shop.team.id)!.openConversations).toBeGreaterThanOrEqual(1);
    const e = await trpcError(admin.admin.deleteTeam({ teamId: shop.team.id }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/open conversation|widget/);
    expect((await trpcError(admin.admin.renameTeam({ teamId: (await seedShop(t.app)).team.id, name: 'Mine now' }))).code).toBe('NOT_FOUND');
    expect((await trpcError((await callerFor(t.app, shop.supervisor.cookie)).admin.createTeam({ name: 'Nope' }))).code).toBe('FORBIDDEN');
  });
});
