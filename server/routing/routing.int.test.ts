import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages, routingDecisions, users } from '@/db/schema';
import { seedTeam, seedUser } from '@/db/seed/factories';
import { createApp } from '@/server/app';
import { callerFor, cid, createTestApp, newConversation, newVisitor, seedShop, seedStaff, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const loadOf = async (userId: string) => {
  const [row] = await t.app.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.assigneeId, userId), eq(conversations.status, 'open')));
  return Number(row!.n);
};
const conv = async (id: string) => (await t.app.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const decisionsOf = async (id: string) => t.app.db.select().from(routingDecisions).where(eq(routingDecisions.conversationId, id)).orderBy(routingDecisions.id);
const setCapacity = (userId: string, n: number) => t.app.db.update(users).set({ maxConcurrentChats: n }).where(eq(users.id, userId));

describe('capacity and the queue', () => {
  it('parallel new conversations never give an agent more than their capacity; the rest wait in line', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 3, offlineAgents: 0 });
    for (const a of shop.agents) await setCapacity(a.id, 2);
    const started = await Promise.all(Array.from({ length: 20 }, () => newConversation(t.app, shop.widget.key)));
    await t.app.queue.idle();
    for (const a of shop.agents) expect(await loadOf(a.id)).toBe(2);
    const rows = await Promise.all(started.map((s) => conv(s.conversation.id)));
    expect(rows.filter((r) => r.assigneeId).length).toBe(6);
    // The customers in line see positions 1…14, each once.
    const positions = await Promise.all(rows.filter((r) => !r.assigneeId).map(async (r) => (await t.app.chat.queueStatus(r)).position));
    expect(positions.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });

  it('two nodes draining at once assign each waiting conversation once and stay within capacity', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 3 });
    for (const a of shop.agents) await setCapacity(a.id, 2);
    const started = [];
    for (let i = 0; i < 10; i++) started.push(await newConversation(t.app, shop.widget.key));
    // Every conversation waits (nobody is online); now all three come online at once and two nodes drain together.
    await t.app.db.update(users).set({ presence: 'online' }).where(sql`${users.id} in ${shop.agents.map((a) => a.id)}`);
    const second = createApp(t.handle, { sessionTtlHours: 1, batchWindowMs: 2, rateLimitDisabled: true, adapterKind: 'memory', cookieSecure: false, version: 'test', routingSweepMs: 0, ticketSweepMs: 0, automationIdleSweepMs: 0, searchIndexSweepMs: 0 });
    try {
      await Promise.all([t.app.queue.drain(), second.queue.drain(), t.app.queue.drain(), second.queue.drain()]);
      await Promise.all([t.app.queue.idle(), second.queue.idle()]);
    } finally {
      second.queue.stop();
      second.quality.stop();
    }
    for (const a of shop.agents) expect(await loadOf(a.id)).toBe(2);
    for (const s of started) {
      const queued = (await decisionsOf(s.conversation.id)).filter((d) => d.source === 'queue');
      expect(queued.length).toBeLessThanOrEqual(1);
    }
    const assigned = (await Promise.all(started.map((s) => conv(s.conversation.id)))).filter((r) => r.assigneeId);
    expect(assigned).toHaveLength(6);
    // First come, first served: the six who waited longest got an agent.
    expect(new Set(assigned.map((r) => r.id))).toEqual(new Set(started.slice(0, 6).map((s) => s.conversation.id)));
  });

  it('resolving a chat frees room: the next in line gets that agent, with the reason recorded', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    await setCapacity(shop.agent.id, 1);
    const first = await newConversation(t.app, shop.widget.key);
    const second = await newConversation(t.app, shop.widget.key);
    expect((await conv(first.conversation.id)).assigneeId).toBe(shop.agent.id);
    expect((await conv(second.conversation.id)).assigneeId).toBeNull();
    expect((await t.app.chat.queueStatus(await conv(second.conversation.id))).position).toBe(1);

    await t.app.chat.setStatus(shop.agent.actor, first.conversation.id, 'resolved');
    await t.app.queue.drain();
    const after = await conv(second.conversation.id);
    expect(after.assigneeId).toBe(shop.agent.id);
    expect(after.assignedAt).not.toBeNull();
    const last = (await decisionsOf(second.conversation.id)).at(-1)!;
    expect(last.source).toBe('queue');
    expect(last.reason).toMatch(/^From the queue to Agent 1 \(round-robin\) after waiting/);
  });

  it('urgent conversations go ahead of the line', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 1 });
    const a = await newConversation(t.app, shop.widget.key);
    const b = await newConversation(t.app, shop.widget.key);
    await t.app.chat.setPriority(shop.supervisor.actor, b.conversation.id, 'urgent');
    expect((await t.app.chat.queueStatus(await conv(b.conversation.id))).position).toBe(1);
    expect((await t.app.chat.queueStatus(await conv(a.conversation.id))).position).toBe(2);
  });

  it('estimates the wait from online capacity and handle time; none when nobody is online', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 1 });
    const a = await newConversation(t.app, shop.widget.key);
    expect((await t.app.chat.queueStatus(await conv(a.conversation.id))).etaSeconds).toBeNull();
    // One agent online but full: capacity 1, default handle time 8 min → about 8 min for position 1.
    await setCapacity(shop.agent.id, 1);
    await t.app.db.update(users).set({ presence: 'online' }).where(eq(users.id, shop.agent.id));
    const busy = await newConversation(t.app, shop.widget.key);
    await t.app.queue.drain();
    t.app.routing.forgetEstimates();
    const waiting = [await conv(a.conversation.id), await conv(busy.conversation.id)].find((r) => !r.assigneeId)!;
    const status = await t.app.chat.queueStatus(waiting);
    expect(status.position).toBe(1);
    expect(status.etaSeconds).toBe(480);
  });
});

describe('strategies on the database', () => {
  it('load balanced gives the next chat to the agent with the lowest share in use', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 2, offlineAgents: 0 });
    const [a, b] = shop.agents;
    await t.app.routing.updateTeam(shop.ws.id, shop.team.id, { routingStrategy: 'load_balanced' });
    await setCapacity(a!.id, 2);
    await setCapacity(b!.id, 8);
    const picks = [];
    for (let i = 0; i < 4; i++) picks.push((await conv((await newConversation(t.app, shop.widget.key)).conversation.id)).assigneeId);
    // a: 0/2 vs b: 0/8 (tie → round robin), then shares decide: b keeps the lower share.
    expect(picks.filter((p) => p === a!.id)).toHaveLength(1);
    expect(picks.filter((p) => p === b!.id)).toHaveLength(3);
  });

  it('skills routes a Bengali customer asking about electronics to the agent who speaks Bengali and knows electronics', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 0 });
    await t.app.routing.updateTeam(shop.ws.id, shop.team.id, { routingStrategy: 'skills' });
    const en = await seedStaff(t.app, { workspaceId: shop.ws.id, role: 'agent', teamIds: [shop.team.id], presence: 'online', name: 'English' });
    const bn = await seedStaff(t.app, { workspaceId: shop.ws.id, role: 'agent', teamIds: [shop.team.id], presence: 'online', name: 'Bangla' });
    await t.app.routing.updateAgent(shop.ws.id, en.id, { languages: ['en'], skills: ['Electronics'] });
    await t.app.routing.updateAgent(shop.ws.id, bn.id, { languages: ['bn', 'banglish'], skills: ['electronics'] });
    await t.app.db.execute(sql`update products set category = 'electronics' where sku = ${shop.skuB}`);
    const visitor = await newVisitor(t.app, shop.widget.key);
    const { conversation } = await t.app.chat.startConversation(visitor.actor, { context: { type: 'product', id: shop.skuB }, locale: 'bn', prechat: { name: 'Rina' } });
    expect(conversation.assigneeId).toBe(bn.id);
  });
});

describe('auto-reassign, overflow and transfer', () => {
  it('reassigns a chat its agent has not answered in time, and not one they answered', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 2, offlineAgents: 0 });
    await t.app.routing.updateTeam(shop.ws.id, shop.team.id, { reassignAfterSeconds: 60 });
    const quiet = await newConversation(t.app, shop.widget.key);
    const answered = await newConversation(t.app, shop.widget.key);
    for (const s of [quiet, answered]) await t.app.chat.sendMessage(s.visitor.actor, { conversationId: s.conversation.id, clientId: cid(), body: 'hello?' });
    const answeredRow = await conv(answered.conversation.id);
    const answerer = shop.agents.find((a) => a.id === answeredRow.assigneeId)!;
    await t.app.chat.sendMessage(answerer.actor, { conversationId: answered.conversation.id, clientId: cid(), body: 'Hi! Looking now.' });
    await t.app.chat.sendMessage(answered.visitor.actor, { conversationId: answered.conversation.id, clientId: cid(), body: 'thanks' });

    const before = (await conv(quiet.conversation.id)).assigneeId;
    // Not yet due: nothing moves.
    await t.app.queue.sweep(new Date(Date.now() + 30_000));
    expect((await conv(quiet.conversation.id)).assigneeId).toBe(before);
    await t.app.queue.sweep(new Date(Date.now() + 61_000));
    const moved = await conv(quiet.conversation.id);
    expect(moved.assigneeId).not.toBe(before);
    expect(moved.assigneeId).not.toBeNull();
    const last = (await decisionsOf(quiet.conversation.id)).at(-1)!;
    expect(last.source).toBe('reassign');
    expect(last.reason).toMatch(/did not answer within 1 min: reassigned to Agent/);
    expect((await conv(answered.conversation.id)).assigneeId).toBe(answerer.id);
  });

  it('overflows a long wait to the overflow team once, keeping its place', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 1 });
    const backup = await seedTeam(t.app.db, shop.ws.id, 'Backup');
    const helper = await seedUser(t.app.db, { workspaceId: shop.ws.id, role: 'agent', teamIds: [backup.id], presence: 'online', name: 'Helper' });
    await t.app.routing.updateTeam(shop.ws.id, shop.team.id, { overflowAfterSeconds: 120, overflowTeamId: backup.id });
    await t.app.routing.updateTeam(shop.ws.id, backup.id, { overflowAfterSeconds: 120, overflowTeamId: shop.team.id });
    const waiting = await newConversation(t.app, shop.widget.key);
    await t.app.queue.sweep(new Date(Date.now() + 60_000));
    expect((await conv(waiting.conversation.id)).teamId).toBe(shop.team.id);
    await setCapacity(helper.id, 1);
    await t.app.queue.sweep(new Date(Date.now() + 121_000));
    const row = await conv(waiting.conversation.id);
    expect(row.teamId).toBe(backup.id);
    expect(row.assigneeId).toBe(helper.id);
    expect(row.overflowedAt).not.toBeNull();
    expect((await decisionsOf(waiting.conversation.id)).at(-1)!.reason).toMatch(/Waited over 2 min in Support's queue: overflowed to Backup; assigned to Helper/);
    // It never bounces back, even though Backup overflows to Support.
    await t.app.chat.assign(shop.supervisor.actor, waiting.conversation.id, null);
    await t.app.queue.sweep(new Date(Date.now() + 3600_000));
    expect((await conv(waiting.conversation.id)).teamId).toBe(backup.id);
  });

  it('a transfer with a note records it and leaves a private note for the next agent', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    const billing = await seedTeam(t.app.db, shop.ws.id, 'Billing');
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const caller = await callerFor(t.app, shop.supervisor.cookie);
    const summary = await caller.desk.transfer({ id: conversation.id, teamId: billing.id, note: 'Customer paid twice, see order 1042' });
    expect(summary.teamId).toBe(billing.id);
    expect(summary.assigneeId).toBeNull();
    const last = (await decisionsOf(conversation.id)).at(-1)!;
    expect(last.reason).toBe(`Transferred to Billing by ${shop.supervisor.name}: waiting in its queue — note: Customer paid twice, see order 1042`);
    const notes = await t.app.db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.kind, 'note')));
    expect(notes.map((n) => n.body)).toEqual(['Customer paid twice, see order 1042']);
    expect((await conv(conversation.id)).queuedAt).not.toBeNull();
  });
});

describe('routing settings', () => {
  it('supervisors and admins change them; agents, vendors and executives may not; bad values are refused', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const settings = await sup.routing.settings();
    expect(settings.teams.map((x) => x.name)).toEqual(['Support']);
    expect(settings.agents.find((a) => a.id === shop.agent.id)).toMatchObject({ capacity: 8, load: 0, presence: 'online', teamIds: [shop.team.id] });
    // The load counts the agent's open conversations (one now), not anybody else's.
    await newConversation(t.app, shop.widget.key);
    expect((await sup.routing.settings()).agents.find((a) => a.id === shop.agent.id)).toMatchObject({ load: 1 });
    await sup.routing.updateAgent({ userId: shop.agent.id, maxConcurrentChats: 3, languages: ['bn'], skills: ['Fashion', 'fashion', ' payment '] });
    expect((await sup.routing.settings()).agents.find((a) => a.id === shop.agent.id)).toMatchObject({ capacity: 3, languages: ['bn'], skills: ['fashion', 'payment'] });
    for (const who of [shop.agent, shop.vendorStaffA, shop.executive]) {
      const c = await callerFor(t.app, who.cookie);
      expect((await trpcError(c.routing.updateTeam({ teamId: shop.team.id, routingStrategy: 'skills' }))).code).toBe('FORBIDDEN');
      expect((await trpcError(c.routing.settings())).code).toBe('FORBIDDEN');
    }
    expect((await trpcError(sup.routing.updateAgent({ userId: shop.agent.id, maxConcurrentChats: 0 }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(sup.routing.updateTeam({ teamId: shop.team.id, overflowTeamId: shop.team.id, overflowAfterSeconds: 60 }))).code).toBe('BAD_REQUEST');
    // Another workspace's team or agent is unknown here.
    const other = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    expect((await trpcError(sup.routing.updateTeam({ teamId: other.team.id, routingStrategy: 'skills' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(sup.routing.updateAgent({ userId: other.agent.id, maxConcurrentChats: 2 }))).code).toBe('NOT_FOUND');
  });
});
