// Dashboard and report query latency on a large history: generates ≥ 100,000 conversations and ≥ 1,000,000
// messages (with the reporting events, SLA events, CSAT, orders and A/B experiments they would have produced over
// 90 days) into a throwaway database, then times every dashboard and report query. Target: p95 ≤ 200 ms on
// Postgres.
//
//   npm run bench:analytics                           # fresh in-memory PGlite (the embedded default)
//   DATABASE_URL=postgres://… npm run bench:analytics  # a fresh database on that server, dropped afterwards
//
// BENCH_ANALYTICS_SCALE (default 1 = 100,000 conversations, 10 messages each) sizes the history;
// BENCH_ANALYTICS_RUNS (default 20) the timed runs per query; BENCH_ANALYTICS_ONLY=<text> times only the queries
// whose name contains it.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf, runMigrations } from '@/db/client';
import type { ReportInput } from '@/lib/contracts/analytics';
import { EventBus } from '@/server/core/event-bus';
import { ExperimentsService } from '@/server/experiments/experiments.service';
import * as dq from '@/server/reporting/dashboard.queries';
import { DashboardService } from '@/server/reporting/dashboard.service';
import { ForecastService } from '@/server/reporting/forecast.service';
import { ReportService } from '@/server/reporting/report.service';
import { RevenueService } from '@/server/reporting/revenue.service';
import { openFresh } from './fresh-db';

const SCALE = Number(process.env.BENCH_ANALYTICS_SCALE ?? 1) > 0 ? Number(process.env.BENCH_ANALYTICS_SCALE ?? 1) : 1;
const RUNS = Math.max(5, Math.floor(Number(process.env.BENCH_ANALYTICS_RUNS ?? 20)) || 20);
const CONVERSATIONS = Math.round(100_000 * SCALE);
const CONTACTS = Math.round(60_000 * SCALE);
const MESSAGES_PER_CONVERSATION = 10;
const TARGET_P95_MS = 200;
const log = (msg: string) => process.stderr.write(`[bench:analytics] ${msg}\n`);

const { handle, where, drop } = await openFresh('alap_bench_analytics');
const { db } = handle;
const started = Date.now();
try {
  await runMigrations(handle);
  const t0 = Date.now();
  const step = async (name: string, ...statements: ReturnType<typeof sql>[]) => {
    const s = Date.now();
    for (const q of statements) await db.execute(q);
    log(`${name}: ${((Date.now() - s) / 1000).toFixed(1)} s`);
  };
  await step('workspace, teams, 40 agents, 3 vendors', sql`
    with ws as (insert into workspaces (name, slug) values ('Bench Bazar', 'bench-bazar') returning id),
    t as (insert into teams (workspace_id, name, slug) select ws.id, n, lower(n) from ws, unnest(array['Orders', 'Payments', 'General']) n returning id),
    v as (insert into vendors (workspace_id, name, slug) select ws.id, 'Vendor ' || i, 'vendor-' || i from ws, generate_series(1, 3) i returning id)
    insert into users (workspace_id, email, name, password_hash, role, presence)
    select ws.id, 'agent' || i || '@bench.test', 'Agent ' || i, 'x', 'agent', (case when i % 3 = 0 then 'online' else 'offline' end)::presence_status
    from ws, generate_series(1, 40) i`);
  await step(`${CONTACTS} contacts`, sql`insert into contacts (workspace_id, name, phone)
    select w.id, 'Customer ' || i, '+88017' || lpad(i::text, 8, '0') from workspaces w, generate_series(1, ${CONTACTS}) i`);
  // Conversations over the last 90 days, busier in Dhaka's day (09:00-23:00) and on some weekdays; 1% today.
  await step(`${CONVERSATIONS} conversations`, sql`
    with ids as (select
        (select id from workspaces limit 1) as ws,
        (select array_agg(id order by name) from teams) as teams,
        (select array_agg(id order by name) from vendors) as vendors,
        (select array_agg(id order by email) from users) as agents,
        (select array_agg(id) from contacts) as contacts),
    s as (select i,
        case when i % 100 = 0 then now() - make_interval(mins => (i / 100) % 300)
             else date_trunc('day', now()) - make_interval(days => 1 + (i * 7919) % 89) + make_interval(hours => 3 + (i * 31) % 14 + (case when (i * 13) % 7 < 2 then 0 else 1 end), mins => (i * 17) % 60) end as ts
      from generate_series(1, ${CONVERSATIONS}) i)
    insert into conversations (workspace_id, contact_id, team_id, assignee_id, vendor_id, channel, status, priority, labels,
      created_at, last_message_at, first_response_at, resolved_at, csat_rating, context)
    select ids.ws, ids.contacts[1 + (i * 7) % array_length(ids.contacts, 1)], ids.teams[1 + i % 3],
      case when i % 100 = 0 and i % 200 = 0 then null else ids.agents[1 + (i * 11) % 40] end,
      case when i % 10 = 0 then ids.vendors[1 + i % 3] end,
      case when i % 7 = 0 then 'whatsapp' when i % 11 = 0 then 'messenger' else 'web' end,
      (case when i % 100 = 0 then 'open' when i % 37 = 0 then 'pending' else 'resolved' end)::conversation_status,
      (case when i % 9 = 0 then 'high' else 'none' end)::conversation_priority,
      case when i % 4 = 0 then array['delivery'] when i % 4 = 1 then array['refund', 'payment'] when i % 4 = 2 then array['product'] else '{}'::text[] end,
      ts, ts + interval '20 minutes', ts + make_interval(secs => 30 + (i * 37) % 600),
      case when i % 100 = 0 or i % 37 = 0 then null else ts + make_interval(secs => 600 + (i * 53) % 7200) end,
      case when i % 5 < 2 and i % 100 <> 0 and i % 37 <> 0 then 1 + (i * 3) % 5 end,
      case when i % 6 = 0 then jsonb_build_object('type', 'order', 'id', 'BB-' || (i % 50000)) end
    from s, ids`);
  // Orders before the events: a refund request is linked to its order when the models' reading is recorded.
  await step('orders', sql`insert into orders (workspace_id, contact_id, order_number, status, payment_method, total_bdt, items, placed_at)
    select c.workspace_id, c.contact_id, 'BB-' || n, (array['delivered', 'shipped', 'returned', 'cancelled', 'delivered'])[1 + n % 5], 'bKash', 500 + (n * 37) % 5000, '[]'::jsonb,
      c.created_at + make_interval(hours => ((n % 200) - 24)::int)
    from (select row_number() over () as n, c.* from conversations c where (('x' || substr(c.id::text, 1, 8))::bit(32)::int & 2147483647) % 2 = 0) c`);
  // Messages without the search queue's trigger (that work belongs to the indexer, not to reports).
  await db.execute(sql`alter table messages disable trigger messages_search_enqueue`);
  await step(`${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages`, sql`
    insert into messages (conversation_id, sender_type, sender_id, kind, body, client_id, created_at)
    select c.id, (case when k % 2 = 1 then 'contact' else 'agent' end)::sender_type, case when k % 2 = 1 then c.contact_id else c.assignee_id end,
      'text', case when k % 2 = 1 then 'amar order ta kothay? ' || k else 'Dekhchi, ektu opekkha korun ' || k end, 'b-' || k, c.created_at + make_interval(secs => k * 90)
    from conversations c cross join generate_series(1, ${MESSAGES_PER_CONVERSATION}) k`);
  await db.execute(sql`alter table messages enable trigger messages_search_enqueue`);
  // The reporting events those conversations would have produced (the per-hour totals follow by trigger).
  const intents = sql`(array['order_status', 'cancel_order', 'return_refund', 'payment', 'account', 'product_info', 'other'])`;
  const langs = sql`(array['bn', 'banglish', 'en'])`;
  const base = sql`c.workspace_id, c.id, c.assignee_id, c.team_id, c.vendor_id, c.channel`;
  const cols = sql`(workspace_id, conversation_id, agent_id, team_id, vendor_id, channel, name, at, intent, lang, wall_seconds, business_seconds, value, detail)`;
  const ord = sql`(('x' || substr(c.id::text, 1, 8))::bit(32)::int & 2147483647)`;
  await step('reporting events', sql`
    insert into reporting_events ${cols}
    select ${base}, 'conversation_created', c.created_at, null, null, null, null, null, null from conversations c`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'classified', c.created_at + interval '2 seconds', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], null, null, 0.8, 'neutral' from conversations c`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'sentiment', c.created_at + interval '2 seconds', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], null, null, 0,
      (array['negative', 'neutral', 'positive'])[1 + ${ord} % 3] from conversations c`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'assigned', c.created_at + interval '5 seconds', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], 5, 5, null, null from conversations c where c.assignee_id is not null`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'first_response', c.first_response_at, ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3],
      extract(epoch from c.first_response_at - c.created_at), extract(epoch from c.first_response_at - c.created_at) * 0.8, null, null from conversations c where c.assignee_id is not null`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'reply', c.created_at + make_interval(secs => k * 180), ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], 40 + k * 10, 30 + k * 10, null, null
      from conversations c cross join generate_series(1, 3) k where c.assignee_id is not null`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'resolved', c.resolved_at, ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3],
      extract(epoch from c.resolved_at - c.created_at), extract(epoch from c.resolved_at - c.created_at) * 0.7, null, null from conversations c where c.resolved_at is not null`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'csat', c.resolved_at + interval '5 minutes', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], null, null, c.csat_rating, null from conversations c where c.csat_rating is not null`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'transfer', c.created_at + interval '1 minute', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], null, null, null, null from conversations c where ${ord} % 20 = 0`,
    sql`insert into reporting_events ${cols}
    select ${base}, 'sla_breach', c.created_at + interval '30 minutes', ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], null, 1800, null, 'first_response' from conversations c where ${ord} % 25 = 0`);
  await step('SLA events and CSAT answers', sql`
    insert into sla_events (workspace_id, conversation_id, kind, event, target_seconds, business_seconds, wall_seconds, at)
    select c.workspace_id, c.id, 'first_response', case when extract(epoch from c.first_response_at - c.created_at) <= 300 then 'met' else 'missed' end, 300,
      extract(epoch from c.first_response_at - c.created_at), extract(epoch from c.first_response_at - c.created_at), c.first_response_at
    from conversations c where c.assignee_id is not null`,
    // Two next-response clocks per answered conversation and a resolution clock per resolved one: about four
    // stopped clocks per conversation, as the SLA service records them.
    sql`insert into sla_events (workspace_id, conversation_id, kind, event, target_seconds, business_seconds, wall_seconds, at)
    select c.workspace_id, c.id, 'next_response', case when (${ord} + k) % 5 = 0 then 'missed' else 'met' end, 600, 60 + ((${ord} + k) % 5) * 200, 60 + ((${ord} + k) % 5) * 200,
      c.created_at + make_interval(secs => k * 180)
    from conversations c cross join generate_series(1, 2) k where c.assignee_id is not null`,
    sql`insert into sla_events (workspace_id, conversation_id, kind, event, target_seconds, business_seconds, wall_seconds, at)
    select c.workspace_id, c.id, 'resolution', case when extract(epoch from c.resolved_at - c.created_at) <= 4 * 3600 then 'met' else 'missed' end, 4 * 3600,
      extract(epoch from c.resolved_at - c.created_at), extract(epoch from c.resolved_at - c.created_at), c.resolved_at
    from conversations c where c.resolved_at is not null`,
    // The SLA service's reporting events for those clocks (the per-hour totals follow by trigger).
    sql`insert into reporting_events ${cols}
    select ${base}, case when s.event = 'met' then 'sla_met' else 'sla_missed' end, s.at, ${intents}[1 + ${ord} % 7], ${langs}[1 + ${ord} % 3], s.wall_seconds, s.business_seconds, null, s.kind
    from sla_events s join conversations c on c.id = s.conversation_id`,
    sql`insert into csat_responses (conversation_id, workspace_id, contact_id, assignee_id, team_id, vendor_id, rating, created_at)
    select c.id, c.workspace_id, c.contact_id, c.assignee_id, c.team_id, c.vendor_id, c.csat_rating, c.resolved_at + interval '5 minutes' from conversations c where c.csat_rating is not null`);
  // A greeting experiment running for the last 30 days, one per primary metric, with half of the customers exposed
  // (two arms by the contact id's hash).
  await step('experiments and exposures', sql`
    insert into experiments (workspace_id, key, name, kind, status, variants, primary_metric, min_detectable_effect, started_at)
    select w.id, 'greeting-' || replace(m, '_', '-'), 'Greeting (' || m || ')', 'widget_greeting', 'running',
      '[{"key": "control", "name": "Control", "weight": 50}, {"key": "warm", "name": "Warm", "weight": 50, "greetingEn": "Hi! How can we help?"}]'::jsonb,
      m, 0.05, now() - interval '30 days'
    from workspaces w, unnest(array['csat', 'resolution_rate', 'first_response_time', 'conversion']) m`,
    sql`insert into experiment_exposures (experiment_id, contact_id, variant, exposed_at)
    select e.id, ct.id, case when (('x' || substr(ct.id::text, 1, 8))::bit(32)::int & 2147483647) % 2 = 0 then 'control' else 'warm' end, now() - interval '30 days'
    from experiments e cross join contacts ct where (('x' || substr(ct.id::text, 10, 4))::bit(16)::int) % 2 = 0`);
  await db.execute(sql`analyze`);
  const [c] = rowsOf<{ conversations: number; messages: number; events: number; hourly: number }>(
    await db.execute(
      sql`select (select count(*) from conversations)::int as conversations, (select count(*) from messages)::int as messages, (select count(*) from reporting_events)::int as events, (select count(*) from reporting_hourly)::int as hourly`,
    ),
  );
  if (!c) throw new Error('nothing generated');
  const generatedS = (Date.now() - t0) / 1000;
  log(`generated ${c.conversations} conversations, ${c.messages} messages, ${c.events} reporting events (${c.hourly} hourly rows) in ${generatedS.toFixed(0)} s`);

  const workspaceId = rowsOf<{ id: string }>(await db.execute(sql`select id from workspaces limit 1`))[0]!.id;
  const agentId = rowsOf<{ id: string }>(await db.execute(sql`select assignee_id as id from conversations where assignee_id is not null limit 1`))[0]!.id;
  const teamId = rowsOf<{ id: string }>(await db.execute(sql`select id from teams order by name limit 1`))[0]!.id;
  const dashboard = new DashboardService(db, new EventBus());
  const reports = new ReportService(db, null as never);
  const revenue = new RevenueService(db);
  const experiments = new ExperimentsService(db);
  const experimentIds = rowsOf<{ id: string; metric: string }>(await db.execute(sql`select id, primary_metric as metric from experiments order by primary_metric`));
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const since = new Date(Date.now() - 12 * 3_600_000);
  const queries: { name: string; run: () => Promise<unknown>; runs?: number }[] = [
    { name: 'dashboard.live (all of it)', run: () => dashboard.live(workspaceId) },
    { name: 'dashboard: floor now', run: () => dq.floorNow(db, workspaceId, new Date()) },
    { name: 'dashboard: agent load', run: () => dq.agentLoad(db, workspaceId) },
    { name: 'dashboard: today', run: () => dq.today(db, workspaceId, since) },
    { name: 'dashboard: today breakdowns', run: () => dq.todayBreakdowns(db, workspaceId, since) },
  ];
  const report = (name: string, input: ReportInput) => queries.push({ name: `report: ${name}`, run: () => reports.series(workspaceId, input) });
  for (const metric of ['volume', 'first_response', 'resolution', 'csat', 'sla', 'sentiment'] as const) report(`${metric}, 30 days by day`, { metric, from: day(-30), to: day(0) });
  for (const dimension of ['agent', 'team', 'vendor', 'channel', 'intent', 'language', 'label'] as const) {
    report(`volume by ${dimension}, 30 days`, { metric: 'volume', dimension, from: day(-30), to: day(0) });
    report(`first response by ${dimension}, 30 days`, { metric: 'first_response', dimension, from: day(-30), to: day(0) });
  }
  for (const dimension of ['team', 'agent', 'intent', 'label'] as const) report(`sla by ${dimension}, 30 days`, { metric: 'sla', dimension, from: day(-30), to: day(0) });
  report('volume by hour, 14 days', { metric: 'volume', grain: 'hour', from: day(-14), to: day(0) });
  report('resolution in business hours by week, 90 days', { metric: 'resolution', grain: 'week', businessHours: true, from: day(-90), to: day(0) });
  const bucket = new Date(`${day(-3)}T00:00:00+06:00`).toISOString();
  queries.push(
    { name: 'drill: volume on one day', run: () => reports.drill(workspaceId, { metric: 'volume', bucket, grain: 'day' }) },
    { name: 'drill: first response by label, one week', run: () => reports.drill(workspaceId, { metric: 'first_response', dimension: 'label', key: 'delivery', bucket, grain: 'week' }) },
    { name: 'drill: sla by agent, one week', run: () => reports.drill(workspaceId, { metric: 'sla', dimension: 'agent', key: agentId, bucket, grain: 'week' }) },
    { name: 'drill: first response by team, one day', run: () => reports.drill(workspaceId, { metric: 'first_response', dimension: 'team', key: teamId, bucket, grain: 'day' }) },
    { name: 'leaderboard, 30 days', run: () => reports.leaderboard(workspaceId, day(-30), day(0)) },
    { name: 'leaderboard, 90 days', run: () => reports.leaderboard(workspaceId, day(-90), day(0)) },
    { name: 'revenue by agent, 30 days, 7-day window', run: () => revenue.report(workspaceId, { from: day(-30), to: day(0), days: 7, dimension: 'agent' }) },
    { name: 'revenue by vendor, 90 days, 30-day window', run: () => revenue.report(workspaceId, { from: day(-90), to: day(0), days: 30, dimension: 'vendor' }) },
    ...experimentIds.map((e) => ({ name: `experiment results: ${e.metric}`, run: () => experiments.results(workspaceId, e.id) })),
    // A fresh service each time: the fit itself is measured, not the hour's cached copy.
    { name: 'forecast: fit 8 weeks + backtest + staffing', run: () => new ForecastService(db).forecast(workspaceId, { targetSeconds: 60, serviceLevel: 0.8, concurrency: 2, shrinkage: 0 }, 10), runs: 8 },
  );

  const results: { name: string; medianMs: number; p95Ms: number; maxMs: number; runs: number }[] = [];
  const only = process.env.BENCH_ANALYTICS_ONLY;
  for (const q of queries.filter((x) => !only || x.name.includes(only))) {
    for (let i = 0; i < 2; i++) await q.run();
    const times: number[] = [];
    for (let i = 0; i < (q.runs ?? RUNS); i++) {
      const s = performance.now();
      await q.run();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
    const r = { name: q.name, medianMs: +at(0.5).toFixed(1), p95Ms: +at(0.95).toFixed(1), maxMs: +times[times.length - 1]!.toFixed(1), runs: times.length };
    results.push(r);
    log(`${r.name}: median ${r.medianMs} ms, p95 ${r.p95Ms} ms`);
  }
  const worst = Math.max(...results.map((r) => r.p95Ms));
  const database = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const out = {
    database,
    where,
    generated: { conversations: c.conversations, messages: c.messages, reportingEvents: c.events, hourlyRows: c.hourly, seconds: Math.round(generatedS) },
    queries: results,
    target: { p95Ms: TARGET_P95_MS, worstP95Ms: worst, met: worst <= TARGET_P95_MS },
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/analytics-${database}.json`, JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
} finally {
  await handle.close();
  // BENCH_ANALYTICS_KEEP=1 leaves the database for EXPLAIN (Postgres; its name is in the output's `where`).
  if (!process.env.BENCH_ANALYTICS_KEEP) await drop();
  else process.exit(0);
}
