import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCalendars, reportingEvents, reportingHourly } from '@/db/schema';
import { seedTeam } from '@/db/seed/factories';
import { ReportingService } from '@/server/reporting/reporting.service';
import { cid, createTestApp, newConversation, seedShop, type Shop, type TestApp } from '@/test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const eventsOf = async (conversationId: string) => {
  await t.app.reporting.flush();
  return t.app.db.select().from(reportingEvents).where(eq(reportingEvents.conversationId, conversationId)).orderBy(asc(reportingEvents.id));
};
const say = async (actor: Parameters<TestApp['app']['chat']['sendMessage']>[0], conversationId: string, body: string) => {
  await t.app.chat.sendMessage(actor, { conversationId, clientId: cid(), body });
  await t.app.reporting.flush();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reporting events', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await seedShop(t.app);
  });

  it('records the life of a conversation with its durations: start, first response, reply, resolve, reopen, transfer, CSAT', async () => {
    const c = await newConversation(t.app, shop.widget.key);
    const id = c.conversation.id;
    await say(c.visitor.actor, id, 'amar order kothay?');
    await sleep(300);
    await say(shop.agent.actor, id, 'Dekhchi, ektu opekkha korun');
    await say(c.visitor.actor, id, 'ok');
    await say(c.visitor.actor, id, 'kobe pabo?');
    await sleep(200);
    await say(shop.agent.actor, id, 'Kal pouchabe');
    // A second agent message with nothing new from the customer answers no one.
    await say(shop.agent.actor, id, 'Ar kichu?');
    await t.app.chat.setStatus(shop.agent.actor, id, 'resolved');
    await t.app.chat.submitCsat(c.visitor.actor, { conversationId: id, rating: 4 });
    await t.app.chat.setStatus(shop.agent.actor, id, 'open');
    const other = await seedTeam(t.app.db, shop.ws.id, 'Payments');
    await t.app.chat.transferToTeam(shop.supervisor.actor, id, other.id);

    const events = await eventsOf(id);
    expect(events.map((e) => e.name)).toEqual(['conversation_created', 'first_response', 'reply', 'resolved', 'csat', 'reopened', 'transfer']);
    const byName = new Map(events.map((e) => [e.name, e]));
    const first = byName.get('first_response')!;
    expect(first.agentId).toBe(shop.agent.id);
    expect(first.teamId).toBe(shop.team.id);
    expect(first.wallSeconds!).toBeGreaterThanOrEqual(0.3);
    // No calendar: every hour is a business hour.
    expect(first.businessSeconds!).toBeCloseTo(first.wallSeconds!, 1);
    // The reply is timed from the customer's oldest unanswered message ('ok'), not the newest.
    expect(byName.get('reply')!.wallSeconds!).toBeGreaterThanOrEqual(0.2);
    expect(byName.get('resolved')!.wallSeconds!).toBeGreaterThan(first.wallSeconds!);
    expect(byName.get('csat')!.value).toBe(4);
    const transfer = byName.get('transfer')!;
    expect(transfer.teamId).toBe(other.id);
    expect(transfer.detail).toBe(shop.team.id);
  });

  it('keeps business and wall-clock time apart: a closed calendar counts no business seconds', async () => {
    const closed = await seedShop(t.app);
    await t.app.db.insert(businessCalendars).values({ workspaceId: closed.ws.id, name: 'Never open', hours: [], isDefault: true });
    t.app.sla.forget(closed.ws.id);
    const c = await newConversation(t.app, closed.widget.key);
    await say(c.visitor.actor, c.conversation.id, 'hello?');
    await sleep(150);
    await say(closed.agent.actor, c.conversation.id, 'Hi!');
    const first = (await eventsOf(c.conversation.id)).find((e) => e.name === 'first_response')!;
    expect(first.wallSeconds!).toBeGreaterThanOrEqual(0.15);
    expect(first.businessSeconds).toBe(0);
  });

  it('remembers across a restart: after it, an answer is a reply and a reopened conversation resolves again', async () => {
    const c = await newConversation(t.app, shop.widget.key);
    const id = c.conversation.id;
    await say(c.visitor.actor, id, 'Refund chai');
    await say(shop.agent.actor, id, 'Ji, dekhchi');
    await t.app.chat.setStatus(shop.agent.actor, id, 'resolved');
    await t.app.reporting.flush();

    // A new process: the service's memory is empty, what it wrote is not.
    await t.app.reporting.stop();
    const fresh = new ReportingService(t.app.db, t.app.bus, t.app.sla);
    fresh.start();
    Object.assign(t.app, { reporting: fresh });
    await t.app.chat.setStatus(shop.agent.actor, id, 'open');
    await say(c.visitor.actor, id, 'Ekhono pai nai');
    await say(shop.agent.actor, id, 'Abar check korchi');
    await t.app.chat.setStatus(shop.agent.actor, id, 'resolved');
    const names = (await eventsOf(id)).map((e) => e.name);
    expect(names).toEqual(['conversation_created', 'first_response', 'resolved', 'reopened', 'reply', 'resolved']);
  });

  it('keeps per-hour totals in step with the events (statement trigger), whatever the batch', async () => {
    const ws = shop.ws.id;
    const totals = async () =>
      (
        await t.app.db
          .select({ name: reportingHourly.name, n: sql<number>`sum(${reportingHourly.count})::int`, wall: sql<number>`sum(${reportingHourly.wallSum})` })
          .from(reportingHourly)
          .where(and(eq(reportingHourly.workspaceId, ws), eq(reportingHourly.dim, 'all')))
          .groupBy(reportingHourly.name)
      ).sort((a, b) => a.name.localeCompare(b.name));
    const raw = async () =>
      (
        await t.app.db
          .select({ name: reportingEvents.name, n: sql<number>`count(*)::int`, wall: sql<number>`coalesce(sum(${reportingEvents.wallSeconds}), 0)` })
          .from(reportingEvents)
          .where(and(eq(reportingEvents.workspaceId, ws)))
          .groupBy(reportingEvents.name)
      ).sort((a, b) => a.name.localeCompare(b.name));
    await t.app.reporting.flush();
    const hourly = await totals();
    const events = await raw();
    expect(hourly.map((r) => [r.name, r.n])).toEqual(events.map((r) => [r.name, r.n]));
    for (const [i, r] of hourly.entries()) expect(Number(r.wall)).toBeCloseTo(Number(events[i]!.wall), 1);
    expect(events.find((e) => e.name === 'first_response')!.n).toBeGreaterThanOrEqual(2);
    // Every dimension holds each event once: by team, the totals are the same.
    const byTeam = await t.app.db
      .select({ n: sql<number>`sum(${reportingHourly.count})::int` })
      .from(reportingHourly)
      .where(and(eq(reportingHourly.workspaceId, ws), eq(reportingHourly.dim, 'team')));
    expect(byTeam[0]!.n).toBe(events.reduce((a, e) => a + e.n, 0));
  });
});
