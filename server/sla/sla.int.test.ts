import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { businessCalendars, conversations, notifications, slaClocks, slaEvents, slaPolicies, teams } from '@/db/schema';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let now = new Date();
beforeAll(async () => {
  t = await createTestApp();
  t.app.sla.setNow(() => now);
});
afterAll(async () => {
  await t?.close();
});

// Sunday to Thursday 09:00–18:00 and Saturday, Friday closed, in Dhaka.
const dhakaHours = [6, 0, 1, 2, 3, 4].map((day) => ({ day, open: 540, close: 1080 }));
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Dhaka' }).toJSDate();
const H = 3600;

async function shopWithSla(targets: { first?: number; next?: number; resolution?: number } = {}) {
  const shop = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
  const [cal] = await t.app.db.insert(businessCalendars).values({ workspaceId: shop.ws.id, name: 'Dhaka', hours: dhakaHours, holidays: [{ date: '2026-12-16', name: 'Victory Day' }], isDefault: true }).returning();
  await t.app.db.insert(slaPolicies).values({
    workspaceId: shop.ws.id,
    name: 'Standard',
    firstResponseSeconds: targets.first ?? 1 * H,
    nextResponseSeconds: targets.next ?? 2 * H,
    resolutionSeconds: targets.resolution ?? 8 * H,
  });
  t.app.sla.forget(shop.ws.id);
  return { shop, cal: cal! };
}

const clocksOf = async (id: string) => new Map((await t.app.db.select().from(slaClocks).where(eq(slaClocks.conversationId, id))).map((c) => [c.kind, c]));
const eventsOf = async (id: string) => (await t.app.db.select().from(slaEvents).where(eq(slaEvents.conversationId, id)).orderBy(slaEvents.id)).map((e) => `${e.kind}:${e.event}`);
const conv = async (id: string) => (await t.app.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const say = async (shop: Shop, who: 'customer' | 'agent', c: Awaited<ReturnType<typeof newConversation>>, body: string) => {
  const actor = who === 'customer' ? c.visitor.actor : shop.agent.actor;
  await t.app.chat.sendMessage(actor, { conversationId: c.conversation.id, clientId: cid(), body });
  await t.app.sla.idle();
};

beforeEach(() => {
  now = at('2026-12-06T17:30'); // a Sunday, half an hour before closing
});

describe('SLA clocks', () => {
  it('first response runs in business hours from the first customer message and is met by the agent’s reply', async () => {
    const { shop } = await shopWithSla();
    const c = await newConversation(t.app, shop.widget.key);
    await say(shop, 'customer', c, 'Where is my order?');
    const clocks = await clocksOf(c.conversation.id);
    // One hour of business time from Sunday 17:30: 30 minutes today, 30 minutes from Monday 09:00.
    expect(clocks.get('first_response')!.dueAt).toEqual(at('2026-12-07T09:30'));
    expect(clocks.get('resolution')!.dueAt).toEqual(at('2026-12-07T16:30'));
    const row = await conv(c.conversation.id);
    expect(row.slaKind).toBe('first_response');
    expect(row.slaDueAt).toEqual(at('2026-12-07T09:30'));

    now = at('2026-12-07T09:10');
    await say(shop, 'agent', c, 'Checking now.');
    const after = await clocksOf(c.conversation.id);
    expect(after.get('first_response')).toMatchObject({ status: 'stopped', usedSeconds: 40 * 60 });
    expect((await eventsOf(c.conversation.id)).filter((e) => e.startsWith('first_response'))).toEqual(['first_response:started', 'first_response:met']);
    // The desk now shows the resolution clock.
    expect((await conv(c.conversation.id)).slaKind).toBe('resolution');
  });

  it('a customer writing again after a reply starts the next-response clock; more customer messages do not restart it', async () => {
    const { shop } = await shopWithSla();
    const c = await newConversation(t.app, shop.widget.key);
    await say(shop, 'customer', c, 'Hello');
    await say(shop, 'agent', c, 'Hi!');
    now = at('2026-12-06T17:40');
    await say(shop, 'customer', c, 'Is the saree in stock?');
    const first = (await clocksOf(c.conversation.id)).get('next_response')!;
    expect(first.status).toBe('running');
    expect(first.dueAt).toEqual(at('2026-12-07T10:40'));
    now = at('2026-12-06T17:45');
    await say(shop, 'customer', c, 'Hello??');
    expect((await clocksOf(c.conversation.id)).get('next_response')!.startedAt).toEqual(at('2026-12-06T17:40'));
  });

  it('pauses while waiting on the customer and resumes with the time left', async () => {
    const { shop } = await shopWithSla();
    const c = await newConversation(t.app, shop.widget.key);
    now = at('2026-12-07T10:00');
    await say(shop, 'customer', c, 'Refund please');
    now = at('2026-12-07T10:20');
    await t.app.chat.setStatus(shop.agent.actor, c.conversation.id, 'pending');
    await t.app.sla.idle();
    const paused = await clocksOf(c.conversation.id);
    expect(paused.get('first_response')).toMatchObject({ status: 'paused', usedSeconds: 20 * 60, dueAt: null });
    expect((await conv(c.conversation.id)).slaDueAt).toBeNull();
    // Three hours later the customer answers and the conversation is open again: 40 minutes remain.
    now = at('2026-12-07T13:20');
    await t.app.chat.setStatus(shop.agent.actor, c.conversation.id, 'open');
    await t.app.sla.idle();
    expect((await clocksOf(c.conversation.id)).get('first_response')).toMatchObject({ status: 'running', dueAt: at('2026-12-07T14:00') });
  });

  it('warns at 80%, then breaches: events, live notifications, and the priority goes up', async () => {
    const { shop } = await shopWithSla();
    const supervisorId = shop.supervisor.id;
    const c = await newConversation(t.app, shop.widget.key);
    now = at('2026-12-08T10:00');
    await say(shop, 'customer', c, 'Anyone?');
    const seen: string[] = [];
    // The sweep covers every workspace (other tests' clocks too): watch this conversation only.
    const mine = (e: { conversation: { id: string } }) => e.conversation.id === c.conversation.id;
    const offs = [
      t.app.bus.on('sla.warning', (e) => mine(e) && seen.push(`warning:${e.kind}`)),
      t.app.bus.on('sla.breached', (e) => mine(e) && seen.push(`breached:${e.kind}`)),
    ];
    now = at('2026-12-08T10:47'); // 78%: nothing yet
    await t.app.sla.sweep();
    expect(seen).toEqual([]);
    now = at('2026-12-08T10:48'); // 80%
    await t.app.sla.sweep();
    expect(seen).toEqual(['warning:first_response']);
    await t.app.sla.sweep();
    expect(seen).toHaveLength(1);
    now = at('2026-12-08T11:00');
    await t.app.sla.sweep();
    await t.app.sla.idle();
    offs.forEach((off) => off());
    expect(seen).toEqual(['warning:first_response', 'breached:first_response']);
    const row = await conv(c.conversation.id);
    expect(row.priority).toBe('medium');
    expect(row.slaBreachedAt).toEqual(at('2026-12-08T11:00'));
    await new Promise((r) => setTimeout(r, 50));
    const notes = await t.app.db.select().from(notifications).where(eq(notifications.conversationId, c.conversation.id));
    expect(notes.filter((n) => n.kind === 'sla_warning').map((n) => n.userId)).toEqual([shop.agent.id]);
    expect(new Set(notes.filter((n) => n.kind === 'sla_breach').map((n) => n.userId))).toEqual(new Set([supervisorId, shop.agent.id]));
    expect(notes.find((n) => n.kind === 'sla_breach')!.title).toMatch(/^SLA breached: .* — first response is overdue; priority now medium$/);
    // A late reply stops the clock as missed.
    now = at('2026-12-08T11:30');
    await say(shop, 'agent', c, 'Sorry for the wait');
    expect(await eventsOf(c.conversation.id)).toContain('first_response:missed');
  });

  it('resolving stops every clock; resolution met within target', async () => {
    const { shop } = await shopWithSla();
    const c = await newConversation(t.app, shop.widget.key);
    now = at('2026-12-08T10:00');
    await say(shop, 'customer', c, 'Hi');
    await say(shop, 'agent', c, 'Hello');
    now = at('2026-12-08T12:00');
    await t.app.chat.setStatus(shop.agent.actor, c.conversation.id, 'resolved');
    await t.app.sla.idle();
    const clocks = await clocksOf(c.conversation.id);
    expect([...clocks.values()].every((k) => k.status === 'stopped')).toBe(true);
    expect(await eventsOf(c.conversation.id)).toContain('resolution:met');
    expect((await conv(c.conversation.id)).slaKind).toBeNull();
  });

  it('the most specific policy applies, and a priority change moves the due time', async () => {
    const { shop } = await shopWithSla({ first: 2 * H });
    await t.app.db.insert(slaPolicies).values({ workspaceId: shop.ws.id, name: 'Urgent support', teamId: shop.team.id, priority: 'urgent', firstResponseSeconds: 15 * 60 });
    t.app.sla.forget(shop.ws.id);
    const c = await newConversation(t.app, shop.widget.key);
    now = at('2026-12-08T10:00');
    await say(shop, 'customer', c, 'My payment failed twice');
    expect((await clocksOf(c.conversation.id)).get('first_response')!.dueAt).toEqual(at('2026-12-08T12:00'));
    now = at('2026-12-08T10:05');
    await t.app.chat.setPriority(shop.supervisor.actor, c.conversation.id, 'urgent');
    await t.app.sla.idle();
    // 5 minutes used of the new 15: due 10 minutes from now.
    expect((await clocksOf(c.conversation.id)).get('first_response')).toMatchObject({ targetSeconds: 900, dueAt: at('2026-12-08T10:15') });
  });

  it('team calendars: holidays count no time', async () => {
    const { shop, cal } = await shopWithSla();
    await t.app.db.update(teams).set({ calendarId: cal.id }).where(eq(teams.id, shop.team.id));
    t.app.sla.forget(shop.ws.id);
    const c = await newConversation(t.app, shop.widget.key);
    now = at('2026-12-15T17:30'); // Tuesday; Wednesday 16 December is Victory Day
    await say(shop, 'customer', c, 'Hello');
    expect((await clocksOf(c.conversation.id)).get('first_response')!.dueAt).toEqual(at('2026-12-17T09:30'));
  });

  it('without a policy nothing is clocked', async () => {
    const shop = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    const c = await newConversation(t.app, shop.widget.key);
    await say(shop, 'customer', c, 'Hello');
    expect((await clocksOf(c.conversation.id)).size).toBe(0);
    expect((await conv(c.conversation.id)).slaKind).toBeNull();
  });
});

describe('SLA settings', () => {
  it('supervisors and admins edit policies and calendars; others may not; bad input is refused', async () => {
    const { shop } = await shopWithSla();
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const p = await sup.sla.savePolicy({ name: 'VIP', teamId: shop.team.id, priority: 'high', firstResponseSeconds: 600, nextResponseSeconds: null, resolutionSeconds: 4 * H });
    expect((await sup.sla.settings()).policies.map((x) => x.name)).toContain('VIP');
    expect((await trpcError(sup.sla.savePolicy({ name: 'Empty', teamId: null, priority: null, firstResponseSeconds: null, nextResponseSeconds: null, resolutionSeconds: null }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(sup.sla.saveCalendar({ name: 'Mars', timezone: 'Mars/Olympus', hours: [], holidays: [], isDefault: false }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(sup.sla.saveCalendar({ name: 'Bad', timezone: 'Asia/Dhaka', hours: [], holidays: [{ date: '16 Dec', name: 'x' }], isDefault: false }))).code).toBe('BAD_REQUEST');
    for (const who of [shop.agent, shop.vendorStaffA, shop.executive]) {
      const c = await callerFor(t.app, who.cookie);
      expect((await trpcError(c.sla.deletePolicy({ id: p.id }))).code).toBe('FORBIDDEN');
    }
    const other = await seedShop(t.app);
    const otherSup = await callerFor(t.app, other.supervisor.cookie);
    expect((await trpcError(otherSup.sla.deletePolicy({ id: p.id }))).code).toBe('NOT_FOUND');
    expect(await sup.sla.deletePolicy({ id: p.id })).toEqual({ deleted: true });
    expect(await t.app.db.select().from(slaPolicies).where(and(eq(slaPolicies.workspaceId, shop.ws.id), eq(slaPolicies.name, 'VIP')))).toHaveLength(0);
  });

  it('the desk reads a conversation’s clocks; a vendor of another shop cannot', async () => {
    const { shop } = await shopWithSla();
    const c = await newConversation(t.app, shop.widget.key);
    await say(shop, 'customer', c, 'Hello');
    const agent = await callerFor(t.app, shop.agent.cookie);
    const read = await agent.sla.clocks({ conversationId: c.conversation.id });
    expect(read.clocks.map((k) => k.kind).sort()).toEqual(['first_response', 'resolution']);
    expect((await trpcError((await callerFor(t.app, shop.vendorStaffA.cookie)).sla.clocks({ conversationId: c.conversation.id }))).code).toBe('FORBIDDEN');
  });
});
