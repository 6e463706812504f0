import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { type Db, rowsOf } from '@/db/client';
import { AppError } from '@/server/core/app-error';
import { workspaceTimezone } from './dashboard.queries';

export type RevenueDimension = 'agent' | 'team' | 'vendor';

/**
 * Revenue impact of conversations: each order is credited to the customer's latest conversation that started at
 * or before it (last touch), when that conversation is in the range and the order came within N days of it;
 * cancelled orders do not count. By the conversation's agent, team or vendor (as they are now). Refunds avoided:
 * conversations the models read as a refund, return or cancellation request whose order was still kept (not
 * returned or cancelled), with its value.
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
    const window = Math.round(input.days) * 86_400;
    const range = sql`c.workspace_id = ${workspaceId} and c.created_at >= ${from.toUTC().toISO()} and c.created_at < ${to.toUTC().toISO()}`;
    // Both read what the triggers of migration 0015 keep (order_attributions, refund_requests), so neither matches
    // conversations with orders when asked. On Postgres they run at once, on two connections.
    const [attribution, refunds] = await Promise.all([
      this.db.execute(sql`
        with conv as materialized (select c.id, c.${col} as key from conversations c where ${range}),
        attributed as (
          select a.conversation_id, conv.key, o.total_bdt
          from order_attributions a join conv on conv.id = a.conversation_id join orders o on o.id = a.order_id
          where a.workspace_id = ${workspaceId} and a.gap_seconds < ${window} and o.status <> 'cancelled')
        select k.key, n.name, k.conversations, coalesce(a.converted, 0) as converted, coalesce(a.orders, 0) as orders, coalesce(a.revenue, 0) as revenue
        from (select key, count(*) as conversations from conv group by key) k
        left join (select key, count(distinct conversation_id) as converted, count(*) as orders, sum(total_bdt) as revenue from attributed group by key) a
          on a.key is not distinct from k.key
        left join ${names} n on n.id = k.key
        order by revenue desc, conversations desc`),
      this.db.execute(sql`
        select count(*) as requests, count(*) filter (where o.status not in ('returned', 'cancelled')) as kept,
          coalesce(sum(o.total_bdt) filter (where o.status not in ('returned', 'cancelled')), 0) as value
        from refund_requests r left join orders o on o.id = r.order_id
        where r.workspace_id = ${workspaceId} and r.started_at >= ${from.toUTC().toISO()} and r.started_at < ${to.toUTC().toISO()}
          and r.requested_at < ${to.plus({ days: 1 }).toUTC().toISO()}`),
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
