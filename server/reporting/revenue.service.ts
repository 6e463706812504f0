import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Db, rowsOf } from '@/db/client';
import { AppError } from '@/server/core/app-error';
import { workspaceTimezone } from './dashboard.queries';

export type RevenueDimension = 'agent' | 'team' | 'vendor';

/**
 * Revenue impact of conversations: orders a customer placed within N days after a conversation started are
 * attributed to it (each order once, to the customer's latest conversation before it; cancelled orders do not
 * count), by the conversation's agent, team or vendor. Refunds avoided: conversations the models read as a
 * refund, return or cancellation request whose order was still kept (not returned or cancelled), with its value.
 */
export class RevenueService {
  constructor(private db: Db) {}

  async report(workspaceId: string, input: { from: string; to: string; days: number; dimension: RevenueDimension }) {
    const tz = await workspaceTimezone(this.db, workspaceId);
    const from = DateTime.fromISO(input.from, { zone: tz }).startOf('day');
    const to = DateTime.fromISO(input.to, { zone: tz }).plus({ days: 1 }).startOf('day');
    if (!from.isValid || !to.isValid || to <= from) throw new AppError('BAD_REQUEST', 'Choose a valid range');
    const col = input.dimension === 'agent' ? sql`assignee_id` : input.dimension === 'team' ? sql`team_id` : sql`vendor_id`;
    const names = input.dimension === 'agent' ? sql`users` : input.dimension === 'team' ? sql`teams` : sql`vendors`;
    const days = sql.raw(`interval '${Math.round(input.days)} days'`);
    const range = sql`c.workspace_id = ${workspaceId} and c.created_at >= ${from.toUTC().toISO()} and c.created_at < ${to.toUTC().toISO()}`;
    // The two questions are independent: on Postgres they run at once, on two connections.
    const [attribution, refunds] = await Promise.all([
      this.db.execute(sql`
        with conv as (select c.id, c.contact_id, c.${col} as key, c.created_at from conversations c where ${range}),
        attributed as (
          select distinct on (o.id) o.id as order_id, o.total_bdt, conv.id as conversation_id, conv.key
          from orders o join conv on conv.contact_id = o.contact_id
          where o.workspace_id = ${workspaceId} and o.status <> 'cancelled' and o.placed_at >= conv.created_at and o.placed_at < conv.created_at + ${days}
          order by o.id, conv.created_at desc)
        select k.key, n.name, k.conversations, coalesce(a.converted, 0) as converted, coalesce(a.orders, 0) as orders, coalesce(a.revenue, 0) as revenue
        from (select key, count(*) as conversations from conv group by key) k
        left join (select key, count(distinct conversation_id) as converted, count(*) as orders, sum(total_bdt) as revenue from attributed group by key) a
          on a.key is not distinct from k.key
        left join ${names} n on n.id = k.key
        order by revenue desc, conversations desc`),
      this.db.execute(sql`
        with req as (
          -- Read from the models' first reading of each conversation (by the events' index), not conversation by conversation.
          select c.id, c.contact_id, c.created_at, c.context
          from reporting_events e join conversations c on c.id = e.conversation_id
          where e.workspace_id = ${workspaceId} and e.name = 'classified' and e.intent in ('return_refund', 'cancel_order')
            and e.at >= ${from.toUTC().toISO()} and e.at < ${to.plus({ days: 1 }).toUTC().toISO()} and ${range}),
        -- The order a request is about: the one it names, else the customer's latest before it (each by its index).
        linked as (
          select req.id, o.status, o.total_bdt as total from req left join lateral (
            (select o.status, o.total_bdt from orders o
              where req.context->>'type' = 'order' and o.workspace_id = ${workspaceId} and o.order_number = req.context->>'id' limit 1)
            union all
            (select o.status, o.total_bdt from orders o
              where coalesce(req.context->>'type', '') <> 'order' and o.contact_id = req.contact_id and o.placed_at <= req.created_at
              order by o.placed_at desc limit 1)
            limit 1) o on true)
        select count(*) as requests, count(*) filter (where status is not null and status not in ('returned', 'cancelled')) as kept,
          coalesce(sum(total) filter (where status is not null and status not in ('returned', 'cancelled')), 0) as value
        from linked`),
    ]);
    const rows = rowsOf<{ key: string | null; name: string | null; conversations: unknown; converted: unknown; orders: unknown; revenue: unknown }>(attribution);
    const [avoided] = rowsOf<{ requests: unknown; kept: unknown; value: unknown }>(refunds);
    const items = rows.map((r) => {
      const conversations = Number(r.conversations);
      const converted = Number(r.converted);
      return { key: r.key, name: r.name, conversations, converted, conversionPct: conversations ? (100 * converted) / conversations : 0, orders: Number(r.orders), revenueBdt: Number(r.revenue) };
    });
    return {
      days: input.days,
      dimension: input.dimension,
      items,
      total: {
        conversations: items.reduce((s, i) => s + i.conversations, 0),
        converted: items.reduce((s, i) => s + i.converted, 0),
        orders: items.reduce((s, i) => s + i.orders, 0),
        revenueBdt: items.reduce((s, i) => s + i.revenueBdt, 0),
      },
      refundsAvoided: { requests: Number(avoided?.requests ?? 0), kept: Number(avoided?.kept ?? 0), valueBdt: Number(avoided?.value ?? 0) },
    };
  }
}
