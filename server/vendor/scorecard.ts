import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import type { StaffActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';

/** Within this many seconds a first reply counts as fast (the marketplace's promise to buyers). */
export const FAST_REPLY_SECONDS = 15 * 60;

export type VendorScore = {
  vendorId: string;
  vendorName: string;
  conversations: number;
  resolved: number;
  /** Conversations where the buyer wrote and the vendor's staff never replied. */
  unanswered: number;
  vendorReplies: number;
  vendorMedianSeconds: number | null;
  vendorP90Seconds: number | null;
  vendorFastShare: number | null;
  /** The platform's own first replies in the same conversations, measured apart. */
  platformReplies: number;
  platformMedianSeconds: number | null;
  csatAverage: number | null;
  csatCount: number;
};

function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

type Row = { vendor_id: string; vendor_name: string; status: string; customer_at: Date | string | null; vendor_at: Date | string | null; platform_at: Date | string | null };
// PGlite answers { rows }, the postgres driver an array.
const ms = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

/**
 * Response times of each vendor's own staff, apart from the platform's: per conversation started in the window,
 * the time from the buyer's first message to the vendor's first reply (and to the platform's first reply).
 * Wall-clock time. Vendors see their own card; the platform's supervisors, admins and executives see all.
 */
export async function vendorScorecard(db: Db, actor: StaffActor, days: number, now = new Date()): Promise<{ days: number; fastReplySeconds: number; vendors: VendorScore[] }> {
  if (!['vendor', 'admin', 'supervisor', 'executive'].includes(actor.role)) throw new AppError('FORBIDDEN', 'Only vendors, supervisors, admins and executives see scorecards');
  if (actor.role === 'vendor' && !actor.vendorId) throw new AppError('FORBIDDEN', 'No vendor');
  const since = new Date(now.getTime() - days * 86_400_000);
  const onlyVendor = actor.role === 'vendor' ? actor.vendorId : null;
  const rows = rowsOf<Row>(await db.execute(sql`
    with conv as (
      select c.id, c.vendor_id, c.status from conversations c
      where c.workspace_id = ${actor.workspaceId} and c.vendor_id is not null and c.created_at >= ${since.toISOString()}::timestamptz
        and (${onlyVendor}::uuid is null or c.vendor_id = ${onlyVendor}::uuid)
    ),
    firsts as (
      select m.conversation_id,
             min(m.created_at) filter (where m.sender_type = 'contact') as customer_at,
             min(m.created_at) filter (where m.sender_type = 'agent' and m.kind = 'text' and u.role = 'vendor') as vendor_at,
             min(m.created_at) filter (where m.sender_type = 'agent' and m.kind = 'text' and u.role <> 'vendor') as platform_at
      from messages m join conv on conv.id = m.conversation_id
      left join users u on u.id = m.sender_id and m.sender_type = 'agent'
      group by m.conversation_id
    )
    select conv.vendor_id, v.name as vendor_name, conv.status, f.customer_at, f.vendor_at, f.platform_at
    from conv join vendors v on v.id = conv.vendor_id left join firsts f on f.conversation_id = conv.id
  `));
  const csat = rowsOf<{ vendor_id: string; avg: number; n: number }>(await db.execute(sql`
    select vendor_id, avg(rating)::float as avg, count(*)::int as n from csat_responses
    where workspace_id = ${actor.workspaceId} and vendor_id is not null and created_at >= ${since.toISOString()}::timestamptz
      and (${onlyVendor}::uuid is null or vendor_id = ${onlyVendor}::uuid)
    group by vendor_id
  `));
  const csatOf = new Map(csat.map((r) => [r.vendor_id, r]));
  const vendorNames = rowsOf<{ id: string; name: string }>(await db.execute(sql`
    select id, name from vendors where workspace_id = ${actor.workspaceId} and (${onlyVendor}::uuid is null or id = ${onlyVendor}::uuid) order by name
  `));

  const acc = new Map<string, { rows: Row[] }>();
  for (const v of vendorNames) acc.set(v.id, { rows: [] });
  for (const r of rows) acc.get(r.vendor_id)?.rows.push(r);
  const vendors: VendorScore[] = vendorNames.map((v) => {
    const list = acc.get(v.id)!.rows;
    const vendorTimes: number[] = [];
    const platformTimes: number[] = [];
    let unanswered = 0;
    for (const r of list) {
      const c = ms(r.customer_at);
      if (c === null) continue;
      const vt = ms(r.vendor_at);
      const pt = ms(r.platform_at);
      if (vt !== null && vt >= c) vendorTimes.push((vt - c) / 1000);
      else if (vt === null) unanswered++;
      if (pt !== null && pt >= c) platformTimes.push((pt - c) / 1000);
    }
    vendorTimes.sort((a, b) => a - b);
    platformTimes.sort((a, b) => a - b);
    const s = csatOf.get(v.id);
    return {
      vendorId: v.id,
      vendorName: v.name,
      conversations: list.length,
      resolved: list.filter((r) => r.status === 'resolved').length,
      unanswered,
      vendorReplies: vendorTimes.length,
      vendorMedianSeconds: quantile(vendorTimes, 0.5),
      vendorP90Seconds: quantile(vendorTimes, 0.9),
      vendorFastShare: vendorTimes.length ? vendorTimes.filter((x) => x <= FAST_REPLY_SECONDS).length / vendorTimes.length : null,
      platformReplies: platformTimes.length,
      platformMedianSeconds: quantile(platformTimes, 0.5),
      csatAverage: s ? Math.round(s.avg * 100) / 100 : null,
      csatCount: s?.n ?? 0,
    };
  });
  return { days, fastReplySeconds: FAST_REPLY_SECONDS, vendors };
}
