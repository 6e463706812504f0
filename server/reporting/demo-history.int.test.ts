import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { conversations, reportingEvents, reportingHourly } from '@/db/schema';
import { DEMO_PASSWORD, demoLogins, seedDemo } from '@/db/seed/demo';
import { parseCsv } from '@/lib/analytics/csv';
import { backfillReporting } from '@/server/reporting/backfill';
import { callerFor, createTestApp, type TestApp, trpcError } from '@/test/test-app';

// The demo workspace (80 conversations over 30 days) is seeded once here for every test that needs history:
// its logins are unique, so a shared Postgres holds one demo workspace per run.
let t: TestApp;
let workspaceId: string;
const cookieOf = async (email: string) => `alap_session=${encodeURIComponent((await t.app.auth.signIn(email, DEMO_PASSWORD)).token)}`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
beforeAll(async () => {
  t = await createTestApp();
  // Another demo workspace may exist on a shared Postgres: this one is told apart by its id.
  workspaceId = (await seedDemo(t.app.db, { conversations: 80, slug: `demo-${Date.now()}` })).workspaceId;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const count = async (name: string) =>
  (await t.app.db.select({ n: sql<number>`count(*)::int` }).from(reportingEvents).where(and(eq(reportingEvents.workspaceId, workspaceId), eq(reportingEvents.name, name as never))))[0]!.n;

describe('reporting backfill (run by the demo seed)', () => {
  it('derives one start per conversation, a first response per answered one, a resolve per resolved one, ratings and readings', async () => {
    const convs = await t.app.db.select().from(conversations).where(eq(conversations.workspaceId, workspaceId));
    expect(await count('conversation_created')).toBe(convs.length);
    expect(await count('resolved')).toBe(convs.filter((c) => c.status === 'resolved').length);
    expect(await count('first_response')).toBe(convs.filter((c) => c.firstResponseAt).length);
    expect(await count('csat')).toBe(convs.filter((c) => c.csatRating).length);
    expect(await count('classified')).toBeGreaterThan(convs.length * 0.9);
    // The first response is timed from the conversation's start to the first agent message.
    const [check] = rowsOf<{ bad: number }>(
      await t.app.db.execute(sql`select count(*)::int as bad from reporting_events e join conversations c on c.id = e.conversation_id
        where e.workspace_id = ${workspaceId} and e.name = 'first_response'
          and abs(e.wall_seconds - extract(epoch from (c.first_response_at - c.created_at))) > 1`),
    );
    expect(check!.bad).toBe(0);
  });

  it('counts business seconds by the demo calendar: never more than wall-clock seconds, fewer overall', async () => {
    const [r] = rowsOf<{ over: number; wall: number; business: number }>(
      await t.app.db.execute(sql`select count(*) filter (where business_seconds > wall_seconds + 1)::int as over,
        sum(wall_seconds)::float8 as wall, sum(business_seconds)::float8 as business
        from reporting_events where workspace_id = ${workspaceId} and name = 'resolved'`),
    );
    expect(r!.over).toBe(0);
    expect(Number(r!.business)).toBeLessThan(Number(r!.wall));
  });

  it('runs again without writing anything twice, and the hourly totals match the events', async () => {
    expect(await backfillReporting(t.app.db, workspaceId)).toEqual({ conversations: 0, events: 0 });
    const [h] = await t.app.db.select({ n: sql<number>`sum(${reportingHourly.count})::int` }).from(reportingHourly).where(and(eq(reportingHourly.workspaceId, workspaceId), eq(reportingHourly.dim, 'all')));
    const [e] = await t.app.db.select({ n: sql<number>`count(*)::int` }).from(reportingEvents).where(eq(reportingEvents.workspaceId, workspaceId));
    expect(h!.n).toBe(e!.n);
  });
});

describe('reports over the demo history', () => {
  it('daily volume adds up to the conversations started, by team too, and every bucket drills down to them', async () => {
    const exec = await callerFor(t.app, await cookieOf(demoLogins.executive));
    const range = { from: isoDay(daysAgo(40)), to: isoDay(daysAgo(-1)) };
    const total = await exec.analytics.report({ metric: 'volume', dimension: 'none', grain: 'day', ...range });
    expect(total.unit).toBe('count');
    const sum = total.series[0]!.values.reduce((a: number, b) => a + (b ?? 0), 0);
    const convs = await t.app.db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(eq(conversations.workspaceId, workspaceId));
    expect(sum).toBe(convs[0]!.n);
    const byTeam = await exec.analytics.report({ metric: 'volume', dimension: 'team', grain: 'day', ...range });
    expect(byTeam.series.map((s) => s.label).sort()).toEqual(['General Support', 'Orders & Delivery', 'Payments & Refunds']);
    expect(byTeam.series.reduce((a, s) => a + s.counts.reduce((x, y) => x + y, 0), 0)).toBe(sum);
    // Drill into the busiest day of the busiest team: exactly the conversations counted there.
    const team = byTeam.series[0]!;
    const i = team.counts.indexOf(Math.max(...team.counts));
    const rows = await exec.analytics.drill({ metric: 'volume', dimension: 'team', key: team.key, bucket: byTeam.buckets[i]!, grain: 'day', limit: 500 });
    expect(rows.length).toBe(team.counts[i]);
    expect(new Set(rows.map((r) => r.teamName))).toEqual(new Set([team.label]));
  });

  it('averages first response in wall-clock or business hours, CSAT as ratings, SLA as a share; labels and intents are dimensions', async () => {
    const exec = await callerFor(t.app, await cookieOf(demoLogins.supervisor));
    const range = { from: isoDay(daysAgo(40)), to: isoDay(daysAgo(-1)), grain: 'week' as const };
    const wall = await exec.analytics.report({ metric: 'first_response', ...range });
    const business = await exec.analytics.report({ metric: 'first_response', businessHours: true, ...range });
    expect(wall.unit).toBe('seconds');
    const avg = (r: typeof wall) => r.series[0]!.values.filter((v): v is number => v !== null);
    expect(avg(wall).length).toBeGreaterThan(0);
    avg(business).forEach((v, k) => expect(v).toBeLessThanOrEqual(avg(wall)[k]! + 1));
    const csat = await exec.analytics.report({ metric: 'csat', ...range });
    for (const v of csat.series[0]!.values.filter((x) => x !== null)) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(5);
    }
    // SLA attainment: the seeded stopped clocks, met over met + missed, by team too.
    const sla = await exec.analytics.report({ metric: 'sla', dimension: 'team', ...range });
    expect(sla.unit).toBe('percent');
    const clocks = rowsOf<{ met: number; all: number }>(
      await t.app.db.execute(sql`select count(*) filter (where event = 'met')::int as met, count(*)::int as "all" from sla_events where workspace_id = ${workspaceId} and event in ('met', 'missed')`),
    )[0]!;
    expect(clocks.all).toBeGreaterThan(50);
    expect(clocks.met).toBeGreaterThan(0);
    expect(sla.series.reduce((a, s) => a + s.counts.reduce((x, y) => x + y, 0), 0)).toBe(clocks.all);
    for (const v of sla.series.flatMap((x) => x.values).filter((x) => x !== null)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    const byLabel = await exec.analytics.report({ metric: 'volume', dimension: 'label', ...range });
    expect(byLabel.series.map((s) => s.key)).toContain('delivery');
    const byIntent = await exec.analytics.report({ metric: 'volume', dimension: 'intent', ...range });
    expect(byIntent.series.map((s) => s.key)).toContain('order_status');
    const board = await exec.analytics.leaderboard({ from: range.from, to: range.to });
    expect(board.length).toBeGreaterThan(3);
    expect(board[0]!.resolved).toBeGreaterThanOrEqual(board[board.length - 1]!.resolved);
  });

  it('forecasts 14 days by the hour with intervals and a backtest, and staffs them with Erlang C', async () => {
    const exec = await callerFor(t.app, await cookieOf(demoLogins.executive));
    const f = await exec.analytics.forecast({ targetSeconds: 60, serviceLevel: 0.8, concurrency: 2 });
    expect(f.points).toHaveLength(14 * 24);
    for (const p of f.points) {
      expect(p.lo95).toBeLessThanOrEqual(p.mean);
      expect(p.hi95).toBeGreaterThanOrEqual(p.mean);
      expect(p.needed).toBeGreaterThanOrEqual(0);
    }
    expect(f.backtest).not.toBeNull();
    expect(f.backtest!.points).toHaveLength(168);
    // A longer handle time never needs fewer agents.
    const slow = await exec.analytics.forecast({ ahtSeconds: 3000, targetSeconds: 60, serviceLevel: 0.8, concurrency: 1 });
    expect(slow.peakNeeded).toBeGreaterThanOrEqual(f.peakNeeded);
  });

  it('attributes orders placed after a conversation to its agent, and finds refunds avoided', async () => {
    const exec = await callerFor(t.app, await cookieOf(demoLogins.executive));
    const r = await exec.analytics.revenue({ from: isoDay(daysAgo(40)), to: isoDay(daysAgo(-1)), days: 7, dimension: 'agent' });
    expect(r.total.conversations).toBeGreaterThan(0);
    expect(r.total.orders).toBeGreaterThan(0);
    expect(r.total.revenueBdt).toBe(r.items.reduce((s, i) => s + i.revenueBdt, 0));
    expect(r.refundsAvoided.requests).toBeGreaterThan(0);
    expect(r.refundsAvoided.kept).toBeLessThanOrEqual(r.refundsAvoided.requests);
    const longer = await exec.analytics.revenue({ from: isoDay(daysAgo(40)), to: isoDay(daysAgo(-1)), days: 30, dimension: 'team' });
    expect(longer.total.orders).toBeGreaterThanOrEqual(r.total.orders);
  });

  it('reports are for executives, supervisors and admins; a transcript CSV for anyone who may read the conversation', async () => {
    const agent = await callerFor(t.app, await cookieOf(demoLogins.agents[0]!));
    expect((await trpcError(agent.analytics.report({ metric: 'volume', from: '2026-01-01', to: '2026-01-02' }))).code).toBe('FORBIDDEN');
    expect((await trpcError(agent.analytics.live())).code).toBe('FORBIDDEN');
    const vendor = await callerFor(t.app, await cookieOf(demoLogins.vendorRangdhanu[0]!));
    expect((await trpcError(vendor.analytics.revenue({ from: '2026-01-01', to: '2026-01-02' }))).code).toBe('FORBIDDEN');
    const anon = await callerFor(t.app);
    expect((await trpcError(anon.analytics.live())).code).toBe('UNAUTHORIZED');
    const exec = await callerFor(t.app, await cookieOf(demoLogins.executive));
    expect((await trpcError(exec.analytics.report({ metric: 'volume', from: '2026-02-01', to: '2026-01-01' }))).code).toBe('BAD_REQUEST');

    const [c] = await t.app.db.select().from(conversations).where(and(eq(conversations.workspaceId, workspaceId), sql`vendor_id is null`)).limit(1);
    const { csv, filename } = await agent.analytics.transcriptCsv({ conversationId: c!.id });
    expect(filename).toMatch(/\.csv$/);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['id', 'time', 'sender', 'sender_name', 'kind', 'text', 'language', 'sentiment', 'intent']);
    expect(rows.length).toBeGreaterThan(1);
    // A vendor cannot export a conversation that is not theirs.
    expect((await trpcError(vendor.analytics.transcriptCsv({ conversationId: c!.id }))).code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});
