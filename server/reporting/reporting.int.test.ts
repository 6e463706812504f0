import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { businessCalendars, conversations, orders, reportingEvents, reportingHourly, slaPolicies } from '@/db/schema';
import { seedContact, seedTeam } from '@/db/seed/factories';
import { rowsOf } from '@/db/client';
import { backfillReporting } from '@/server/reporting/backfill';
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

describe('SLA attainment', () => {
  it('records each stopped SLA clock as met or missed; the report, its drill-down and the dashboard read those events', async () => {
    const shop = await seedShop(t.app);
    // First response within 1 second (no calendar: every second is a business second).
    await t.app.db.insert(slaPolicies).values({ workspaceId: shop.ws.id, name: 'Fast', firstResponseSeconds: 1, nextResponseSeconds: null, resolutionSeconds: null });
    t.app.sla.forget(shop.ws.id);
    const quick = await newConversation(t.app, shop.widget.key);
    const slow = await newConversation(t.app, shop.widget.key);
    const talk = async (c: typeof quick, waitMs: number) => {
      // Attainment is credited to the conversation's agent.
      await t.app.chat.assign(shop.supervisor.actor, c.conversation.id, shop.agent.id);
      await t.app.chat.sendMessage(c.visitor.actor, { conversationId: c.conversation.id, clientId: cid(), body: 'order kothay?' });
      await t.app.sla.idle();
      await sleep(waitMs);
      await t.app.chat.sendMessage(shop.agent.actor, { conversationId: c.conversation.id, clientId: cid(), body: 'Dekhchi' });
      await t.app.sla.idle();
    };
    await talk(quick, 0);
    await talk(slow, 1300);
    await t.app.reporting.flush();
    const met = (await eventsOf(quick.conversation.id)).find((e) => e.name.startsWith('sla_'))!;
    const missed = (await eventsOf(slow.conversation.id)).find((e) => e.name.startsWith('sla_'))!;
    expect([met.name, met.detail, met.agentId]).toEqual(['sla_met', 'first_response', shop.agent.id]);
    expect([missed.name, missed.detail]).toEqual(['sla_missed', 'first_response']);
    expect(missed.businessSeconds!).toBeGreaterThanOrEqual(1.2);

    const today = DateTime.now().setZone('Asia/Dhaka').toISODate()!;
    const byAgent = await t.app.reports.series(shop.ws.id, { metric: 'sla', dimension: 'agent', grain: 'day', from: today, to: today });
    expect(byAgent.unit).toBe('percent');
    expect(byAgent.series.map((s) => [s.key, s.label, s.counts.at(-1), s.values.at(-1)])).toEqual([[shop.agent.id, shop.agent.name, 2, 50]]);
    const drill = await t.app.reports.drill(shop.ws.id, { metric: 'sla', dimension: 'agent', key: shop.agent.id, bucket: byAgent.buckets.at(-1)!, grain: 'day', limit: 50 });
    expect(drill.map((r) => r.conversationId).sort()).toEqual([quick.conversation.id, slow.conversation.id].sort());
    // A key that is not an id matches nothing (and is no error).
    expect(await t.app.reports.drill(shop.ws.id, { metric: 'sla', dimension: 'agent', key: 'nobody', bucket: byAgent.buckets.at(-1)!, grain: 'day', limit: 50 })).toEqual([]);
    const live = await t.app.dashboard.live(shop.ws.id);
    expect(live.sla).toMatchObject({ met: 1, missed: 1, attainmentPct: 50 });

    // History from before reporting: the backfill derives the same events from the SLA service's own records.
    const ids = [quick.conversation.id, slow.conversation.id];
    await t.app.db.delete(reportingEvents).where(inArray(reportingEvents.conversationId, ids));
    expect(await backfillReporting(t.app.db, shop.ws.id)).toMatchObject({ conversations: 2 });
    const again = await t.app.db.select().from(reportingEvents).where(and(inArray(reportingEvents.conversationId, ids), like(reportingEvents.name, 'sla_%')));
    expect(again.map((e) => `${e.name}:${e.detail}`).sort()).toEqual(['sla_met:first_response', 'sla_missed:first_response']);
    expect(again.find((e) => e.name === 'sla_missed')!.businessSeconds).toBeCloseTo(missed.businessSeconds!, 3);
  });
});

describe('labels as a dimension', () => {
  it('counts events under the labels a conversation has now, and moves them when its labels change', async () => {
    const shop = await seedShop(t.app);
    const c = await newConversation(t.app, shop.widget.key);
    const id = c.conversation.id;
    await say(c.visitor.actor, id, 'taka ferot chai');
    await say(shop.agent.actor, id, 'Dekhchi');
    const today = DateTime.now().setZone('Asia/Dhaka').toISODate()!;
    const byLabel = async (metric: 'volume' | 'first_response') => {
      const r = await t.app.reports.series(shop.ws.id, { metric, dimension: 'label', grain: 'day', from: today, to: today });
      return Object.fromEntries(r.series.map((s) => [s.label, s.counts.at(-1)]));
    };
    expect(await byLabel('volume')).toEqual({});
    await t.app.chat.setLabels(shop.agent.actor, id, ['refund', 'vip']);
    expect(await byLabel('volume')).toEqual({ refund: 1, vip: 1 });
    expect(await byLabel('first_response')).toEqual({ refund: 1, vip: 1 });
    await t.app.chat.setLabels(shop.agent.actor, id, ['vip', 'payment']);
    expect(await byLabel('first_response')).toEqual({ vip: 1, payment: 1 });
    // An event written after the change counts under the labels of that moment.
    const other = await newConversation(t.app, shop.widget.key);
    await t.app.chat.setLabels(shop.agent.actor, other.conversation.id, ['vip']);
    await say(other.visitor.actor, other.conversation.id, 'hello');
    await say(shop.agent.actor, other.conversation.id, 'Ji bolun');
    expect(await byLabel('first_response')).toEqual({ vip: 2, payment: 1 });
    // The drill-down of a label finds the conversations that have it now.
    const r = await t.app.reports.series(shop.ws.id, { metric: 'first_response', dimension: 'label', grain: 'day', from: today, to: today });
    const rows = await t.app.reports.drill(shop.ws.id, { metric: 'first_response', dimension: 'label', key: 'vip', bucket: r.buckets.at(-1)!, grain: 'day', limit: 50 });
    expect(rows.map((x) => x.conversationId).sort()).toEqual([id, other.conversation.id].sort());
  });
});

describe('per-day totals', () => {
  it('follow the per-hour totals in the days of the default calendar, move with labels, and are rebuilt when its timezone changes', async () => {
    const shop = await seedShop(t.app);
    const ws = shop.ws.id;
    const c = await newConversation(t.app, shop.widget.key);
    await t.app.reporting.flush();
    // 17:30 and 18:30 UTC on one date are two days in Dhaka (UTC+6): the second is already tomorrow there.
    const at = (iso: string) => new Date(iso);
    const base = { workspaceId: ws, conversationId: c.conversation.id, agentId: shop.agent.id, teamId: shop.team.id, channel: 'widget' };
    await t.app.chat.setLabels(shop.agent.actor, c.conversation.id, ['vip']);
    await t.app.db.insert(reportingEvents).values([
      { ...base, name: 'first_response', at: at('2026-03-10T17:30:00Z'), wallSeconds: 30, businessSeconds: 20 },
      { ...base, name: 'first_response', at: at('2026-03-10T18:30:00Z'), wallSeconds: 60, businessSeconds: 60 },
      { ...base, name: 'resolved', at: at('2026-03-11T05:00:00Z'), wallSeconds: 600, businessSeconds: 500 },
    ]);
    await t.app.db.insert(reportingEvents).values({ ...base, name: 'csat', at: at('2026-03-11T06:00:00Z'), value: 5 });
    await t.app.chat.setLabels(shop.agent.actor, c.conversation.id, ['payment']);

    // Every per-day row is the sum of the per-hour rows of its day, in the timezone given.
    const compare = async (tz: string) => {
      const fromHours = rowsOf<Record<string, unknown>>(
        await t.app.db.execute(sql`select (hour at time zone ${tz})::date::text as day, name, dim, coalesce(key, '-') as key, coalesce(detail, '-') as detail,
            sum(count)::int as n, round(sum(wall_sum)::numeric, 3)::float8 as w, round(sum(business_sum)::numeric, 3)::float8 as b, round(sum(value_sum)::numeric, 3)::float8 as v
          from reporting_hourly where workspace_id = ${ws} group by 1, 2, 3, 4, 5 having sum(count) <> 0 order by 1, 2, 3, 4, 5`),
      );
      const days = rowsOf<Record<string, unknown>>(
        await t.app.db.execute(sql`select day::text as day, name, dim, coalesce(key, '-') as key, coalesce(detail, '-') as detail,
            count as n, round(wall_sum::numeric, 3)::float8 as w, round(business_sum::numeric, 3)::float8 as b, round(value_sum::numeric, 3)::float8 as v
          from reporting_daily where workspace_id = ${ws} and count <> 0 order by 1, 2, 3, 4, 5`),
      );
      expect(days).toEqual(fromHours);
      return days;
    };
    const dhaka = await compare('Asia/Dhaka');
    const agentFirst = (rows: Record<string, unknown>[]) =>
      rows.filter((r) => r.name === 'first_response' && r.dim === 'agent').map((r) => [r.day, r.n, r.w]);
    expect(agentFirst(dhaka)).toEqual([
      ['2026-03-10', 1, 30],
      ['2026-03-11', 1, 60],
    ]);
    // The label moved: the day's totals are under 'payment' now, none left under 'vip'.
    expect(dhaka.filter((r) => r.dim === 'label').map((r) => r.key)).toEqual(expect.arrayContaining(['payment']));
    expect(dhaka.filter((r) => r.dim === 'label' && r.key === 'vip')).toEqual([]);

    // Reports by day and by week read the per-day totals; they agree with the hours they are made of.
    const byDay = await t.app.reports.series(ws, { metric: 'first_response', dimension: 'agent', grain: 'day', from: '2026-03-10', to: '2026-03-11' });
    expect(byDay.series.map((s) => [s.key, s.counts, s.values])).toEqual([[shop.agent.id, [1, 1], [30, 60]]]);
    const byHour = await t.app.reports.series(ws, { metric: 'first_response', dimension: 'agent', grain: 'hour', from: '2026-03-10', to: '2026-03-11' });
    expect(byHour.series[0]!.counts.reduce((a, n) => a + n, 0)).toBe(2);
    const board = await t.app.reports.leaderboard(ws, '2026-03-11', '2026-03-11');
    expect(board.map((r) => [r.agentId, r.firstResponses, r.avgFirstResponseSeconds, r.resolved, r.csatAverage])).toEqual([[shop.agent.id, 1, 60, 1, 5]]);

    // The default calendar moves to UTC: the days are counted again in UTC, where both first responses fall on the 10th.
    await t.app.db.insert(businessCalendars).values({ workspaceId: ws, name: 'UTC', timezone: 'UTC', hours: [], isDefault: true });
    const utc = await compare('UTC');
    expect(agentFirst(utc)).toEqual([['2026-03-10', 2, 90]]);
    const [stored] = rowsOf<{ timezone: string }>(await t.app.db.execute(sql`select timezone from reporting_daily_timezones where workspace_id = ${ws}`));
    expect(stored!.timezone).toBe('UTC');
    // Events written after it count in UTC days too.
    await t.app.db.insert(reportingEvents).values({ ...base, name: 'first_response', at: at('2026-03-10T23:30:00Z'), wallSeconds: 30, businessSeconds: 30 });
    expect(agentFirst(await compare('UTC'))).toEqual([['2026-03-10', 3, 120]]);
  });
});

describe('revenue impact', () => {
  it('credits each order once, to the customer’s latest conversation before it within the window; counts refund requests whose order was kept', async () => {
    const shop = await seedShop(t.app, { offlineAgents: 2 });
    const [one, two] = shop.agents;
    const ws = shop.ws.id;
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
    const [a, b, c] = await Promise.all([seedContact(t.app.db, ws), seedContact(t.app.db, ws), seedContact(t.app.db, ws)]);
    const conv = async (contactId: string, days: number, assigneeId: string | null, context: { type: 'order'; id: string } | null = null) =>
      (
        await t.app.db
          .insert(conversations)
          .values({ workspaceId: ws, contactId, widgetId: shop.widget.id, channel: 'web', teamId: shop.team.id, assigneeId, status: 'resolved', createdAt: ago(days), lastMessageAt: ago(days), context })
          .returning()
      )[0]!;
    const order = (contactId: string, number: string, days: number, totalBdt: number, status = 'delivered') =>
      t.app.db.insert(orders).values({ workspaceId: ws, contactId, orderNumber: number, status, paymentMethod: 'bKash', totalBdt, items: [], placedAt: ago(days) });
    const c1 = await conv(a.id, 10, one!.id, { type: 'order', id: 'R-1' });
    const c2 = await conv(a.id, 3, two!.id);
    const c3 = await conv(b.id, 15, one!.id);
    const c4 = await conv(c.id, 4, null);
    await order(a.id, 'R-0', 20, 300); // before any conversation: nobody's
    await order(a.id, 'R-1', 9, 1000); // c1
    await order(a.id, 'R-2', 2, 2000); // c2, the latest conversation before it
    await order(a.id, 'R-3', 2, 500, 'cancelled'); // cancelled: never counts
    await order(a.id, 'R-4', 1, 700); // c2
    await order(b.id, 'R-5', 5, 800); // c3 is 10 days before: only in a 30-day window
    await order(c.id, 'R-6', 6, 400, 'returned'); // before c4: the order c4's cancellation request is about
    // The models read c1 and c3 as refund requests and c4 as a cancellation.
    const classified = (id: string, days: number, intent: string) =>
      t.app.db.insert(reportingEvents).values({ workspaceId: ws, conversationId: id, name: 'classified', at: new Date(ago(days).getTime() + 2000), intent, lang: 'en' });
    await classified(c1.id, 10, 'return_refund');
    await classified(c3.id, 15, 'return_refund');
    await classified(c4.id, 4, 'cancel_order');
    await classified(c2.id, 3, 'order_status');

    const today = DateTime.now().setZone('Asia/Dhaka');
    const range = { from: today.minus({ days: 30 }).toISODate()!, to: today.toISODate()! };
    const week = await t.app.revenue.report(ws, { ...range, days: 7, dimension: 'agent' });
    const byKey = (r: typeof week) => Object.fromEntries(r.items.map((i) => [i.key ?? 'none', [i.conversations, i.converted, i.orders, i.revenueBdt]]));
    expect(byKey(week)).toEqual({ [one!.id]: [2, 1, 1, 1000], [two!.id]: [1, 1, 2, 2700], none: [1, 0, 0, 0] });
    expect(week.total).toEqual({ conversations: 4, converted: 2, orders: 3, revenueBdt: 3700 });
    // c1 names its order (delivered: kept); c3's customer had no order before it (not kept); c4's latest order before it was returned.
    expect(week.refundsAvoided).toEqual({ requests: 3, kept: 1, valueBdt: 1000 });
    const month = await t.app.revenue.report(ws, { ...range, days: 30, dimension: 'agent' });
    expect(byKey(month)).toEqual({ [one!.id]: [2, 2, 2, 1800], [two!.id]: [1, 1, 2, 2700], none: [1, 0, 0, 0] });
    // A range that ends before c2 started: are not credited to c1, whose customer spoke again since.
    const early = await t.app.revenue.report(ws, { from: range.from, to: today.minus({ days: 5 }).toISODate()!, days: 30, dimension: 'agent' });
    expect(byKey(early)[one!.id]).toEqual([2, 2, 2, 1800]);
    // A conversation recorded later (an import) that started closer before an order takes that order.
    await conv(b.id, 7, two!.id);
    const after = await t.app.revenue.report(ws, { ...range, days: 7, dimension: 'agent' });
    expect(byKey(after)[two!.id]).toEqual([2, 2, 3, 3500]);
    expect(byKey(after)[one!.id]).toEqual([2, 1, 1, 1000]);
  });
});
