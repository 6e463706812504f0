import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The workspace's time zone: its default business calendar's, else Dhaka. */
export async function workspaceTimezone(db: Db, workspaceId: string) {
  const r = rowsOf<{ timezone: string }>(await db.execute(sql`select timezone from business_calendars where workspace_id = ${workspaceId} and is_default limit 1`));
  return r[0]?.timezone ?? 'Asia/Dhaka';
}

/** Conversations as they are now: open, waiting in a queue, pending, and the longest current wait. */
export async function floorNow(db: Db, workspaceId: string, now: Date) {
  const [r] = rowsOf<{ open: unknown; pending: unknown; waiting: unknown; oldest: string | Date | null }>(
    await db.execute(sql`select
        count(*) filter (where status = 'open') as open,
        count(*) filter (where status = 'pending') as pending,
        count(*) filter (where status = 'open' and assignee_id is null) as waiting,
        min(coalesce(queued_at, created_at)) filter (where status = 'open' and assignee_id is null) as oldest
      from conversations where workspace_id = ${workspaceId} and status in ('open', 'pending')`),
  );
  const oldest = r?.oldest ? new Date(r.oldest) : null;
  return {
    open: Number(r?.open ?? 0),
    pending: Number(r?.pending ?? 0),
    waiting: Number(r?.waiting ?? 0),
    longestWaitSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
  };
}

/** Staff who take conversations, with presence and how many open conversations each holds. */
export async function agentLoad(db: Db, workspaceId: string) {
  const rows = rowsOf<{ id: string; name: string; presence: 'online' | 'away' | 'offline'; open: unknown; capacity: unknown }>(
    await db.execute(sql`select u.id, u.name, u.presence, u.max_concurrent_chats as capacity,
        (select count(*) from conversations c where c.assignee_id = u.id and c.status = 'open') as open
      from users u where u.workspace_id = ${workspaceId} and u.is_active and u.role in ('agent', 'supervisor', 'admin')
      order by u.presence = 'online' desc, u.name`),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, presence: r.presence, open: Number(r.open), capacity: Number(r.capacity) }));
}

/** Today's reporting events, aggregated in one pass per question (the events index covers name and time). */
export async function today(db: Db, workspaceId: string, since: Date) {
  const ev = (name: string) => sql`from reporting_events where workspace_id = ${workspaceId} and name = ${name} and at >= ${since.toISOString()}`;
  const [frt, res, csat, created, sla] = await Promise.all([
    db.execute(sql`select count(*) as n, percentile_cont(0.5) within group (order by wall_seconds) as median,
      percentile_cont(0.9) within group (order by wall_seconds) as p90 ${ev('first_response')}`),
    db.execute(sql`select count(*) as n, percentile_cont(0.5) within group (order by wall_seconds) as median,
      percentile_cont(0.9) within group (order by wall_seconds) as p90 ${ev('resolved')}`),
    db.execute(sql`select count(*) as n, avg(value) as avg, count(*) filter (where value >= 4) as satisfied ${ev('csat')}`),
    db.execute(sql`select count(*) as n ${ev('conversation_created')}`),
    db.execute(sql`select count(*) filter (where name = 'sla_met') as met, count(*) filter (where name = 'sla_missed') as missed,
      count(*) filter (where name = 'sla_breach') as breached
      from reporting_events where workspace_id = ${workspaceId} and at >= ${since.toISOString()} and name in ('sla_met', 'sla_missed', 'sla_breach')`),
  ]);
  const stats = (r: unknown) => {
    const row = rowsOf<{ n: unknown; median: unknown; p90: unknown }>(r)[0];
    return { count: Number(row?.n ?? 0), median: num(row?.median), p90: num(row?.p90) };
  };
  const c = rowsOf<{ n: unknown; avg: unknown; satisfied: unknown }>(csat)[0];
  const s = rowsOf<{ met: unknown; missed: unknown; breached: unknown }>(sla)[0];
  const csatCount = Number(c?.n ?? 0);
  const met = Number(s?.met ?? 0);
  const missed = Number(s?.missed ?? 0);
  const resolution = stats(res);
  return {
    conversationsToday: Number(rowsOf<{ n: unknown }>(created)[0]?.n ?? 0),
    resolvedToday: resolution.count,
    firstResponse: stats(frt),
    resolution,
    csat: { count: csatCount, average: num(c?.avg), satisfiedPct: csatCount ? (100 * Number(c?.satisfied ?? 0)) / csatCount : null },
    sla: { met, missed, attainmentPct: met + missed ? (100 * met) / (met + missed) : null, breachesToday: Number(s?.breached ?? 0) },
  };
}

/** Where today's conversations came from and what they were about. */
export async function todayBreakdowns(db: Db, workspaceId: string, since: Date) {
  const at = since.toISOString();
  const [channel, team, intent, lang, sentiment, vendor] = await Promise.all([
    db.execute(sql`select channel as key, channel as label, count(*) as count from reporting_events
      where workspace_id = ${workspaceId} and name = 'conversation_created' and at >= ${at} group by channel order by count desc`),
    db.execute(sql`select e.team_id as key, t.name as label, count(*) as count from reporting_events e left join teams t on t.id = e.team_id
      where e.workspace_id = ${workspaceId} and e.name = 'conversation_created' and e.at >= ${at} group by e.team_id, t.name order by count desc`),
    db.execute(sql`select intent as key, intent as label, count(*) as count from reporting_events
      where workspace_id = ${workspaceId} and name = 'classified' and at >= ${at} group by intent order by count desc`),
    db.execute(sql`select lang as key, lang as label, count(*) as count from reporting_events
      where workspace_id = ${workspaceId} and name = 'classified' and at >= ${at} group by lang order by count desc`),
    // Each conversation's latest reading today.
    db.execute(sql`select detail as key, count(*) as count from (
        select distinct on (conversation_id) detail from reporting_events
        where workspace_id = ${workspaceId} and name = 'sentiment' and at >= ${at} order by conversation_id, at desc) s group by detail`),
    db.execute(sql`select e.vendor_id as key, v.name as label, count(*) as count,
        percentile_cont(0.5) within group (order by e.wall_seconds) as median
      from reporting_events e join vendors v on v.id = e.vendor_id
      where e.workspace_id = ${workspaceId} and e.name = 'first_response' and e.at >= ${at} and e.vendor_id is not null
      group by e.vendor_id, v.name order by v.name`),
  ]);
  const rows = (r: unknown) => rowsOf<{ key: string | null; label: string | null; count: unknown }>(r).map((x) => ({ key: x.key, label: x.label, count: Number(x.count) }));
  const mix = { negative: 0, neutral: 0, positive: 0 };
  for (const r of rowsOf<{ key: string; count: unknown }>(sentiment)) if (r.key in mix) mix[r.key as keyof typeof mix] = Number(r.count);
  return {
    byChannel: rows(channel),
    byTeam: rows(team),
    byIntent: rows(intent),
    byLanguage: rows(lang),
    sentiment: mix,
    vendorResponse: rowsOf<{ key: string; label: string; count: unknown; median: unknown }>(vendor).map((r) => ({ key: r.key, label: r.label, count: Number(r.count), median: num(r.median) })),
  };
}
