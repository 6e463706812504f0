import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { experimentExposures, experiments, widgets } from '@/db/schema';
import type { ExperimentKind } from '@/lib/contracts/experiments';

export type ExperimentRow = typeof experiments.$inferSelect;

export function listExperiments(db: Db, workspaceId: string) {
  return db.select().from(experiments).where(eq(experiments.workspaceId, workspaceId)).orderBy(desc(experiments.createdAt), asc(experiments.key));
}

export async function findExperiment(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.id, id), eq(experiments.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findExperimentByKey(db: Db, workspaceId: string, key: string) {
  const rows = await db
    .select({ id: experiments.id })
    .from(experiments)
    .where(and(eq(experiments.key, key), eq(experiments.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function isWidgetOfWorkspace(db: Db, workspaceId: string, widgetId: string) {
  const rows = await db
    .select({ id: widgets.id })
    .from(widgets)
    .where(and(eq(widgets.id, widgetId), eq(widgets.workspaceId, workspaceId)))
    .limit(1);
  return rows.length > 0;
}

/** The widgets an experiment may target, with their own greetings (what the control shows). */
export function listWidgets(db: Db, workspaceId: string) {
  return db
    .select({ id: widgets.id, key: widgets.key, name: widgets.name, greetingEn: widgets.greetingEn, greetingBn: widgets.greetingBn })
    .from(widgets)
    .where(eq(widgets.workspaceId, workspaceId))
    .orderBy(asc(widgets.name), asc(widgets.key));
}

export async function insertExperiment(db: Db, row: typeof experiments.$inferInsert) {
  return (await db.insert(experiments).values(row).returning())[0]!;
}

/** Updates only while the experiment is still in `fromStatus`: a concurrent start or stop wins, this returns null. */
export async function updateExperimentIn(db: Db, workspaceId: string, id: string, fromStatus: ExperimentRow['status'], set: Partial<typeof experiments.$inferInsert>) {
  const rows = await db
    .update(experiments)
    .set(set)
    .where(and(eq(experiments.id, id), eq(experiments.workspaceId, workspaceId), eq(experiments.status, fromStatus)))
    .returning();
  return rows[0] ?? null;
}

/**
 * Running experiments of a kind that apply to a widget: those on this widget and the workspace-wide ones (on
 * a widget-less surface, only workspace-wide ones). The most specific first, then the earliest started.
 */
export function listRunningFor(db: Db, workspaceId: string, widgetId: string | null, kind: ExperimentKind) {
  return db
    .select()
    .from(experiments)
    .where(
      and(
        eq(experiments.workspaceId, workspaceId),
        eq(experiments.kind, kind),
        eq(experiments.status, 'running'),
        widgetId ? or(isNull(experiments.widgetId), eq(experiments.widgetId, widgetId)) : isNull(experiments.widgetId),
      ),
    )
    .orderBy(sql`${experiments.widgetId} is null`, asc(experiments.startedAt), asc(experiments.id));
}

export function listRunningOfKind(db: Db, workspaceId: string, kind: ExperimentKind) {
  return db
    .select()
    .from(experiments)
    .where(and(eq(experiments.workspaceId, workspaceId), eq(experiments.kind, kind), eq(experiments.status, 'running')));
}

/** Serialises starts of one kind in one workspace (the overlap check and the update must not interleave). */
export async function lockKind(db: Db, workspaceId: string, kind: ExperimentKind) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`experiments:${workspaceId}:${kind}`}))`);
}

/** First exposure wins: later calls leave the row (and its time) as it was. */
export async function logExposure(db: Db, experimentId: string, contactId: string, variant: string) {
  await db.insert(experimentExposures).values({ experimentId, contactId, variant }).onConflictDoNothing();
}

export async function findExposure(db: Db, experimentId: string, contactId: string) {
  const rows = await db
    .select()
    .from(experimentExposures)
    .where(and(eq(experimentExposures.experimentId, experimentId), eq(experimentExposures.contactId, contactId)))
    .limit(1);
  return rows[0] ?? null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export type ArmAggregate = {
  variant: string;
  exposures: number;
  conversations: number;
  resolved: number;
  csatN: number;
  csatMean: number | null;
  csatSd: number | null;
  frtN: number;
  frtMean: number | null;
  frtSd: number | null;
  converted: number;
};

/**
 * Outcomes per variant, aggregated in the database (Welch needs only n, mean and sd). Conversations count when an
 * exposed contact started them at or after their exposure and before the experiment stopped, on the experiment's
 * widget when it targets one. Outcomes are the conversation's own state (status, csat_rating, first_response_at)
 * rather than reporting events: one row per conversation, so a conversation resolved, reopened and resolved again
 * counts once. Conversion: an order placed within `conversionDays` after the exposure.
 */
export async function aggregateArms(
  db: Db,
  e: { id: string; workspaceId: string; widgetId: string | null; stoppedAt: Date | null; conversionDays: number },
): Promise<ArmAggregate[]> {
  const stopped = e.stoppedAt ? e.stoppedAt.toISOString() : null;
  // Two statements, run at the same time (two connections on Postgres): the exposed customers' conversations,
  // and the exposures with whether an order followed. Conversion is a hash semi-join of the exposures with the
  // orders, not one index probe per exposure (111 -> 78 ms for 30,000 exposures in bench:analytics).
  const [convRows, expRows] = await Promise.all([
    db.execute(sql`
      select x.variant,
        count(*) as conversations,
        count(*) filter (where c.status = 'resolved') as resolved,
        count(c.csat_rating) as csat_n,
        avg(c.csat_rating) as csat_mean,
        stddev_samp(c.csat_rating) as csat_sd,
        count(f.frt) filter (where f.frt >= 0) as frt_n,
        avg(f.frt) filter (where f.frt >= 0) as frt_mean,
        stddev_samp(f.frt) filter (where f.frt >= 0) as frt_sd
      from experiment_exposures x
      join conversations c on c.contact_id = x.contact_id and c.workspace_id = ${e.workspaceId}
      cross join lateral (select extract(epoch from (c.first_response_at - c.created_at)) as frt) f
      where x.experiment_id = ${e.id}
        and c.created_at >= x.exposed_at
        and (${stopped}::timestamptz is null or c.created_at < ${stopped}::timestamptz)
        and (${e.widgetId}::uuid is null or c.widget_id = ${e.widgetId}::uuid)
      group by x.variant`),
    db.execute(sql`
      select x.variant, count(*) as exposures, count(b.contact_id) as converted
      from experiment_exposures x
      left join (
        select distinct x2.contact_id
        from experiment_exposures x2
        join orders o on o.contact_id = x2.contact_id and o.workspace_id = ${e.workspaceId}
        where x2.experiment_id = ${e.id}
          and o.placed_at >= x2.exposed_at and o.placed_at < x2.exposed_at + make_interval(days => ${e.conversionDays}::int)
      ) b on b.contact_id = x.contact_id
      where x.experiment_id = ${e.id}
      group by x.variant`),
  ]);
  const conv = new Map(rowsOf<Record<string, unknown>>(convRows).map((r) => [String(r.variant), r]));
  const rows = rowsOf<Record<string, unknown>>(expRows).map((a) => {
    const c = conv.get(String(a.variant));
    return {
      variant: a.variant,
      exposures: a.exposures,
      converted: a.converted,
      conversations: c?.conversations ?? 0,
      resolved: c?.resolved ?? 0,
      csat_n: c?.csat_n ?? 0,
      csat_mean: c?.csat_mean ?? null,
      csat_sd: c?.csat_sd ?? null,
      frt_n: c?.frt_n ?? 0,
      frt_mean: c?.frt_mean ?? null,
      frt_sd: c?.frt_sd ?? null,
    };
  });
  return rows.map((r) => ({
    variant: String(r.variant),
    exposures: Number(r.exposures),
    conversations: Number(r.conversations),
    resolved: Number(r.resolved),
    csatN: Number(r.csat_n),
    csatMean: num(r.csat_mean),
    csatSd: num(r.csat_sd),
    frtN: Number(r.frt_n),
    frtMean: num(r.frt_mean),
    frtSd: num(r.frt_sd),
    converted: Number(r.converted),
  }));
}
