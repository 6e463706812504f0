import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { conversations, reportingEvents, reportingHourly } from '@/db/schema';
import { seedDemo } from '@/db/seed/demo';
import { backfillReporting } from '@/server/reporting/backfill';
import { createTestApp, type TestApp } from '@/test/test-app';

let t: TestApp;
let workspaceId: string;
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
    const [h] = await t.app.db.select({ n: sql<number>`sum(${reportingHourly.count})::int` }).from(reportingHourly).where(eq(reportingHourly.workspaceId, workspaceId));
    const [e] = await t.app.db.select({ n: sql<number>`count(*)::int` }).from(reportingEvents).where(eq(reportingEvents.workspaceId, workspaceId));
    expect(h!.n).toBe(e!.n);
  });
});
