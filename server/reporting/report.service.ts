import { sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Db, rowsOf } from '@/db/client';
import type { DrillInput, DrillRow, ReportDimension, ReportGrain, ReportInput, ReportMetric, ReportSeries } from '@/lib/contracts/analytics';
import { drillInput, reportInput } from '@/lib/contracts/analytics';
import { toCsv } from '@/lib/analytics/csv';
import type { MessageDto } from '@/lib/contracts/chat';
import type { StaffActor } from '@/server/auth/auth.service';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import { workspaceTimezone } from './dashboard.queries';
import { namesOf } from './reporting.queries';

const MAX_SERIES = 8;
const MAX_BUCKETS = 24 * 93;

// The reporting event behind each metric (volume by intent or language counts classified conversations:
// a conversation's intent is known once the models have read it, not when it starts).
const eventOf = (metric: ReportMetric, dimension: ReportDimension) =>
  metric === 'volume' ? (dimension === 'intent' || dimension === 'language' ? 'classified' : 'conversation_created')
  : metric === 'first_response' ? 'first_response'
  : metric === 'resolution' ? 'resolved'
  : metric === 'csat' ? 'csat'
  : metric === 'sentiment' ? 'sentiment'
  : null;

const unitOf = (metric: ReportMetric): ReportSeries['unit'] =>
  metric === 'volume' ? 'count' : metric === 'csat' ? 'rating' : metric === 'sla' ? 'percent' : metric === 'sentiment' ? 'score' : 'seconds';

// Columns of reporting_events per dimension (drill-down reads the events themselves).
const dimColumn: Record<Exclude<ReportDimension, 'label'>, SQL | null> = {
  none: null,
  agent: sql`agent_id`,
  team: sql`team_id`,
  vendor: sql`vendor_id`,
  channel: sql`channel`,
  intent: sql`intent`,
  language: sql`lang`,
};

const uuidDimensions = new Set<ReportDimension>(['agent', 'team', 'vendor']);

/** Where each bucket of a local-time grain starts, from `from` up to before `to`. */
function bucketsOf(from: DateTime, to: DateTime, grain: ReportGrain) {
  const out: DateTime[] = [];
  let b = grain === 'week' ? from.startOf('week') : from.startOf(grain);
  while (b < to && out.length < MAX_BUCKETS) {
    out.push(b);
    b = b.plus(grain === 'hour' ? { hours: 1 } : grain === 'day' ? { days: 1 } : { weeks: 1 });
  }
  return out;
}

/**
 * Reports over a range and grain, by one dimension: counts, average durations (wall-clock or business hours),
 * CSAT, SLA attainment and sentiment, read from the totals the triggers keep: per hour (reporting_hourly) for
 * hourly charts, per day of the workspace's calendar (reporting_daily) for days and weeks. Every value can be
 * drilled into: the conversations behind it.
 */
export class ReportService {
  constructor(
    private db: Db,
    private chat: ChatService,
  ) {}

  /** Per agent over a range: conversations answered and resolved, average first response, CSAT. */
  async leaderboard(workspaceId: string, fromDate: string, toDate: string) {
    const tz = await workspaceTimezone(this.db, workspaceId);
    const from = DateTime.fromISO(fromDate, { zone: tz }).startOf('day');
    const to = DateTime.fromISO(toDate, { zone: tz }).plus({ days: 1 }).startOf('day');
    if (!from.isValid || !to.isValid || to <= from) throw new AppError('BAD_REQUEST', 'Choose a valid range');
    const rows = rowsOf<{ agent_id: string; name: string; resolved: unknown; responses: unknown; frt: unknown; csat_n: unknown; csat: unknown }>(
      // Per-day totals, summed per agent first, then their names (joining users row by row before grouping cost
      // twice as much).
      await this.db.execute(sql`select a.key as agent_id, u.name, a.resolved, a.responses,
          a.frt_sum / nullif(a.responses, 0) as frt, a.csat_n, a.csat_sum / nullif(a.csat_n, 0) as csat
        from (select h.key,
            sum(h.count) filter (where h.name = 'resolved') as resolved,
            sum(h.count) filter (where h.name = 'first_response') as responses,
            sum(h.wall_sum) filter (where h.name = 'first_response') as frt_sum,
            sum(h.count) filter (where h.name = 'csat') as csat_n,
            sum(h.value_sum) filter (where h.name = 'csat') as csat_sum
          from reporting_daily h
          where h.workspace_id = ${workspaceId} and h.name in ('resolved', 'first_response', 'csat') and h.dim = 'agent'
            and h.day >= ${from.toISODate()}::date and h.day < ${to.toISODate()}::date
          group by h.key) a
        join users u on u.id::text = a.key
        order by a.resolved desc nulls last, u.name limit 50`),
    );
    return rows.map((r) => ({
      agentId: r.agent_id,
      name: r.name,
      resolved: Number(r.resolved ?? 0),
      firstResponses: Number(r.responses ?? 0),
      avgFirstResponseSeconds: r.frt === null ? null : Number(r.frt),
      csatCount: Number(r.csat_n ?? 0),
      csatAverage: r.csat === null ? null : Number(r.csat),
    }));
  }

  /** A conversation's transcript as CSV, as the person may read it (notes for staff, hidden text redacted). */
  async transcriptCsv(actor: StaffActor, conversationId: string) {
    const all: MessageDto[] = [];
    for (let after = 0; ; ) {
      const { messages } = await this.chat.syncMessages(actor, conversationId, after);
      all.push(...(messages as MessageDto[]));
      if (messages.length < 500) break;
      after = messages[messages.length - 1]!.id;
    }
    const csv = toCsv(
      ['id', 'time', 'sender', 'sender_name', 'kind', 'text', 'language', 'sentiment', 'intent'],
      all.map((m) => [m.id, m.createdAt, m.senderType, m.senderName, m.kind, m.hidden && !m.body ? '(hidden)' : m.body, m.annotation?.lang, m.annotation?.sentiment, m.annotation?.intent]),
    );
    return { filename: `conversation-${conversationId.slice(0, 8)}.csv`, csv };
  }

  async series(workspaceId: string, raw: ReportInput): Promise<ReportSeries> {
    const input = reportInput.parse(raw);
    const tz = await workspaceTimezone(this.db, workspaceId);
    const from = DateTime.fromISO(input.from, { zone: tz }).startOf('day');
    const to = DateTime.fromISO(input.to, { zone: tz }).plus({ days: 1 }).startOf('day');
    if (!from.isValid || !to.isValid) throw new AppError('BAD_REQUEST', 'Unknown dates');
    if (to.diff(from, 'days').days > 400) throw new AppError('BAD_REQUEST', 'Choose at most 400 days');
    if (input.grain === 'hour' && to.diff(from, 'days').days > 31) throw new AppError('BAD_REQUEST', 'Hourly reports cover at most 31 days');
    const buckets = bucketsOf(from, to, input.grain);
    const index = new Map(buckets.map((b, i) => [b.toMillis(), i]));
    const grain = sql.raw(`'${input.grain}'`);
    const bucketExpr = (col: SQL) => sql`(date_trunc(${grain}, ${col} at time zone ${tz}) at time zone ${tz})`;
    const range = (col: SQL) => sql`${col} >= ${from.toUTC().toISO()} and ${col} < ${to.toUTC().toISO()}`;
    const seconds = input.businessHours ? sql`business` : sql`wall`;

    const name = eventOf(input.metric, input.dimension);
    // The per-hour totals of this one dimension ('all' for the total; labels as conversations have them now).
    // SLA attainment: met over met + missed clocks.
    const dim = input.dimension === 'none' ? 'all' : input.dimension;
    const events = input.metric === 'sla' ? sql`name in ('sla_met', 'sla_missed')` : sql`name = ${name}`;
    const value = input.metric === 'volume' ? sql`0` : input.metric === 'first_response' || input.metric === 'resolution' ? sql`${seconds}_sum` : sql`value_sum`;
    const total = input.metric === 'sla' ? sql`coalesce(sum(count) filter (where name = 'sla_met'), 0)` : sql`sum(${value})`;
    // Hours from the per-hour totals; days and weeks from the per-day ones (days of the same calendar).
    const source =
      input.grain === 'hour'
        ? sql`${bucketExpr(sql`hour`)} as bucket, key, sum(count) as n, ${total} as total from reporting_hourly where ${range(sql`hour`)}`
        : sql`(date_trunc(${grain}, day::timestamp) at time zone ${tz}) as bucket, key, sum(count) as n, ${total} as total
            from reporting_daily where day >= ${from.toISODate()}::date and day < ${to.toISODate()}::date`;
    const rows = rowsOf<{ bucket: string | Date; key: string | null; n: unknown; total: unknown }>(
      await this.db.execute(sql`select ${source} and workspace_id = ${workspaceId} and ${events} and dim = ${dim} group by 1, 2 having sum(count) > 0`),
    );

    const byKey = new Map<string | null, { n: number[]; total: number[]; sum: number }>();
    for (const r of rows) {
      const i = index.get(new Date(r.bucket).getTime());
      if (i === undefined) continue;
      let s = byKey.get(r.key);
      if (!s) byKey.set(r.key, (s = { n: buckets.map(() => 0), total: buckets.map(() => 0), sum: 0 }));
      s.n[i]! += Number(r.n);
      s.total[i]! += Number(r.total);
      s.sum += Number(r.n);
    }
    const top = [...byKey.entries()].sort((a, b) => b[1].sum - a[1].sum).slice(0, MAX_SERIES);
    const names = await namesOf(this.db, workspaceId, input.dimension, top.map(([k]) => k));
    const unit = unitOf(input.metric);
    return {
      metric: input.metric,
      dimension: input.dimension,
      grain: input.grain,
      timezone: tz,
      unit,
      buckets: buckets.map((b) => b.toUTC().toISO()!),
      series: top.map(([key, s]) => ({
        key,
        label: key === null ? (input.dimension === 'none' ? 'all' : 'none') : (names.get(key) ?? key),
        counts: s.n,
        values: s.n.map((n, i) => (unit === 'count' ? n : n === 0 ? null : unit === 'percent' ? (100 * s.total[i]!) / n : s.total[i]! / n)),
      })),
    };
  }

  /** The conversations behind one value of a report: its metric's events in that bucket, for that key. */
  async drill(workspaceId: string, raw: DrillInput): Promise<DrillRow[]> {
    const input = drillInput.parse(raw);
    const start = DateTime.fromISO(input.bucket);
    const tz = await workspaceTimezone(this.db, workspaceId);
    const local = start.setZone(tz);
    const end = local.plus(input.grain === 'hour' ? { hours: 1 } : input.grain === 'day' ? { days: 1 } : { weeks: 1 });
    const range = (col: SQL) => sql`${col} >= ${start.toUTC().toISO()} and ${col} < ${end.toUTC().toISO()}`;
    const keyFilter = () => {
      if (input.dimension === 'none') return sql`true`;
      if (input.dimension === 'label') return input.key === null ? sql`false` : sql`${input.key} = any(c.labels)`;
      const col = sql`x.${dimColumn[input.dimension]!}`;
      if (input.key === null) return sql`${col} is null`;
      // Compared as the column's own type, so the events' indexes apply (a uuid column cast to text cannot use them).
      if (uuidDimensions.has(input.dimension)) return /^[0-9a-f-]{36}$/i.test(input.key) ? sql`${col} = ${input.key}::uuid` : sql`false`;
      return sql`${col} = ${input.key}`;
    };
    const select = sql`c.id as conversation_id, ct.name as contact_name, c.status::text as status, t.name as team_name, u.name as agent_name, c.last_message_preview as preview`;
    const joins = sql`left join conversations c on c.id = x.conversation_id left join contacts ct on ct.id = c.contact_id left join teams t on t.id = c.team_id left join users u on u.id = c.assignee_id`;
    let result: unknown;
    if (input.metric === 'sla') {
      result = await this.db.execute(sql`select x.at, ${select}, x.business_seconds as value from reporting_events x ${joins}
        where x.workspace_id = ${workspaceId} and x.name in ('sla_met', 'sla_missed') and ${range(sql`x.at`)} and ${keyFilter()} order by x.at desc limit ${input.limit}`);
    } else {
      const name = eventOf(input.metric, input.dimension)!;
      const value = input.metric === 'volume' ? sql`null::real` : input.metric === 'csat' || input.metric === 'sentiment' ? sql`x.value` : sql`x.wall_seconds`;
      result = await this.db.execute(sql`select x.at, ${select}, ${value} as value from reporting_events x ${joins}
        where x.workspace_id = ${workspaceId} and x.name = ${name} and ${range(sql`x.at`)} and ${keyFilter()} order by x.at desc limit ${input.limit}`);
    }
    return rowsOf<{ conversation_id: string | null; at: string | Date; contact_name: string | null; status: string | null; team_name: string | null; agent_name: string | null; preview: string | null; value: unknown }>(result).map((r) => ({
      conversationId: r.conversation_id,
      at: new Date(r.at).toISOString(),
      contactName: r.contact_name,
      status: r.status,
      teamName: r.team_name,
      agentName: r.agent_name,
      preview: r.preview,
      value: r.value === null || r.value === undefined ? null : Number(r.value),
    }));
  }
}
