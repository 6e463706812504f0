import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';

export type PgliteMaintenanceOptions = {
  /** Hours between passes; 0 turns the passes off. */
  everyHours: number;
  /** A pass (and each table in it) waits while more than this many messages arrived in the last 10 seconds. */
  quietBelowPer10s?: number;
  /** How often to look whether a pass is due and the desk is quiet. */
  checkEveryMs?: number;
  /**
   * How often to look for tables that changed enough since their last ANALYZE or VACUUM (Postgres' autovacuum
   * rule, autovacuumDue); 0: never.
   */
  autoEveryMs?: number;
  /** A table due this long is done even while the desk is busy: one table per look. */
  autoForceAfterMs?: number;
  /**
   * The table every message rewrites (a conversation's last message, preview, status): while the desk is busy it
   * is vacuumed after every `everyMessages` messages, if it and its indexes are at most `maxBytes`.
   * everyMessages 0: never.
   */
  hotTable?: { table: string; everyMessages: number; maxBytes: number };
  /** Milliseconds since the epoch (tests move it). */
  clock?: () => number;
};

export const DEFAULT_HOT_TABLE = { table: 'conversations', everyMessages: 2_000, maxBytes: 32 * 1024 * 1024 };

type TableResult = { table: string; ms: number };
const AUTO_STATISTICS_TARGET = 10;
export type TableChanges = { table: string; tuples: number; mods: number; dead: number };
export type AutoResult = TableResult & { vacuum: boolean };

/**
 * Postgres' autovacuum defaults: ANALYZE once more than 50 rows plus 10% of the table changed since the last
 * one, VACUUM once more than 50 plus 20% of it are dead versions. `tuples` is the planner's row count
 * (pg_class.reltuples, -1 when never analyzed).
 */
export function autovacuumDue(t: Pick<TableChanges, 'tuples' | 'mods' | 'dead'>) {
  const n = Math.max(t.tuples, 0);
  const vacuum = t.dead > 50 + 0.2 * n;
  return { analyze: vacuum || t.mods > 50 + 0.1 * n, vacuum };
}

/**
 * PGlite runs no autovacuum: without this, rows updated on every message (conversations) or every batch (the
 * per-hour and per-day totals) leave dead versions behind for ever, and the planner's statistics stay those of
 * the day the tables were empty. On start it runs `ANALYZE`; then every `everyHours` it runs `VACUUM (ANALYZE)`
 * table by table while the desk is quiet.
 *
 * Between passes it does what autovacuum would (autoPass): every `autoEveryMs` it reads the change counters and
 * analyzes (and, with enough dead rows, vacuums) each table past autovacuum's thresholds. Statistics matter more
 * than they seem: PGlite keeps the plans of prepared statements and of foreign-key checks for the life of the
 * process, and a plan made while a table was nearly empty is a sequential scan. Measured: after a start on a
 * new database, each foreign-key check of a reading against `messages` scanned the whole table, and storing 64
 * readings took 11-50 ms after a few thousand messages (2-5 ms once `messages` had been analyzed). A new ANALYZE
 * invalidates those plans. A statement holds the single-threaded database (and the event loop)
 * while it runs, so a pass stops between tables when messages arrive and takes up again at the next check.
 * Postgres servers have their own autovacuum: this is for PGlite only.
 */
export class PgliteMaintenance {
  // Messages per whole second, for the last seconds.
  private arrivals: { second: number; n: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<unknown> | null = null;
  private lastPassEnded = 0;
  private pending: string[] = [];
  private stopped = false;
  private autoTimer: NodeJS.Timeout | null = null;
  // Since when some table has been due for autoPass while the desk was busy.
  private dueSince: number | null = null;
  private lastBusyLook = 0;
  // Messages since the hot table was last vacuumed.
  private sinceHot = 0;

  constructor(
    private db: Db,
    private bus: EventBus,
    private opts: PgliteMaintenanceOptions,
  ) {}

  /** ANALYZE once (fast: a sample of each table), then the periodic passes. */
  async start() {
    const t = Date.now();
    await this.db.execute(sql`analyze`);
    logger.info('pglite.analyzed', { ms: Date.now() - t });
    this.unsubscribe = this.bus.on('message.created', () => this.arrived(this.now()));
    const autoEvery = this.opts.autoEveryMs ?? 5_000;
    if (autoEvery > 0) {
      this.autoTimer = setInterval(() => void this.exclusive(() => this.autoPass()), autoEvery);
      this.autoTimer.unref();
    }
    if (this.opts.everyHours <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.opts.checkEveryMs ?? 60_000);
    this.timer.unref();
  }

  private now() {
    return this.opts.clock?.() ?? Date.now();
  }

  private arrived(now: number) {
    this.sinceHot++;
    const second = Math.floor(now / 1000);
    const last = this.arrivals.at(-1);
    if (last && last.second === second) last.n++;
    else this.arrivals.push({ second, n: 1 });
  }

  /** Fewer than quietBelowPer10s messages in the last 10 seconds. */
  quiet(now = this.now()) {
    const since = Math.floor(now / 1000) - 10;
    while (this.arrivals.length > 0 && this.arrivals[0]!.second <= since) this.arrivals.shift();
    return this.arrivals.reduce((a, b) => a + b.n, 0) < (this.opts.quietBelowPer10s ?? 5);
  }

  private async tick() {
    if (this.running || this.stopped) return;
    const due = this.pending.length > 0 || this.now() - this.lastPassEnded >= this.opts.everyHours * 3_600_000;
    if (!due || !this.quiet()) return;
    await this.exclusive(() => this.runPass());
  }

  // One statement of upkeep at a time: the periodic pass and autoPass share the database.
  private async exclusive(fn: () => Promise<unknown>) {
    if (this.running || this.stopped) return;
    const run = fn().catch((e) => logger.warn('pglite.vacuum_failed', { error: errorText(e) }));
    this.running = run;
    await run;
    this.running = null;
  }

  /** Every public table's change counters since its last ANALYZE and VACUUM (the functions behind pg_stat_user_tables: planning that view took 3–5 ms). */
  async tableChanges(): Promise<TableChanges[]> {
    const rows = rowsOf<{ table: string; tuples: number; mods: number; dead: number }>(
      await this.db.execute(sql`
        select c.relname as table, c.reltuples::float8 as tuples,
               pg_stat_get_mod_since_analyze(c.oid)::float8 as mods, pg_stat_get_dead_tuples(c.oid)::float8 as dead
        from pg_class c
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        order by c.relname`),
    );
    return rows.map((r) => ({ table: r.table, tuples: Number(r.tuples), mods: Number(r.mods), dead: Number(r.dead) }));
  }

  /**
   * Analyzes (and vacuums, autovacuumDue) the tables that changed enough, one at a time, while the desk is
   * quiet. When some table has been due for `autoForceAfterMs` and the desk is still busy, one table is done
   * anyway, so steady traffic cannot postpone statistics for ever. Returns the tables done.
   */
  async autoPass(): Promise<AutoResult[]> {
    const now = this.now();
    const quiet = this.quiet(now);
    const forceAfter = this.opts.autoForceAfterMs ?? 600_000;
    if (!quiet) await this.hotPass();
    if (!quiet) {
      // Busy: read the counters only now and then (to know since when a table is due); work only once forced.
      if (this.dueSince === null ? now - this.lastBusyLook < 60_000 : now - this.dueSince < forceAfter) return [];
      this.lastBusyLook = now;
    }
    const due = (await this.tableChanges()).flatMap((t) => {
      const d = autovacuumDue(t);
      return d.analyze ? [{ table: t.table, vacuum: d.vacuum }] : [];
    });
    if (due.length === 0) {
      this.dueSince = null;
      return [];
    }
    this.dueSince ??= now;
    const forced = !quiet && now - this.dueSince >= forceAfter;
    if (!quiet && !forced) return [];
    const done: AutoResult[] = [];
    // A smaller sample than the periodic pass takes (which restores the full statistics): row counts and plan
    // shapes need no more, and the statement holds the event loop. Measured on 60,000 messages: ANALYZE of
    // message_search 706 → 71 ms, messages 104 → 13 ms.
    await this.db.execute(sql.raw(`set default_statistics_target = ${AUTO_STATISTICS_TARGET}`));
    try {
      for (const { table, vacuum } of due) {
        if (this.stopped || (!forced && !this.quiet()) || (forced && done.length > 0)) break;
        const t = Date.now();
        await this.db.execute(vacuum ? sql`vacuum (analyze) ${sql.identifier(table)}` : sql`analyze ${sql.identifier(table)}`);
        done.push({ table, vacuum, ms: Date.now() - t });
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      await this.db.execute(sql`reset default_statistics_target`);
    }
    // Forced and more left: the next look does the next table.
    if (done.length === due.length) this.dueSince = null;
    if (done.length > 0) logger.info('pglite.auto_analyzed', { tables: done, forced });
    return done;
  }

  /**
   * While the desk is busy, the table every message updates gathers a dead row version per message, and the
   * plans PGlite keeps for the message write and its foreign-key checks were made when it was small. Measured
   * with the message write alone (12 × 2,500 messages over 50 conversations, on a database analyzed while
   * empty, as a new desk's is): without upkeep the write drifted from 0.37–0.41 to 0.45–0.51 ms a message (mean);
   * with a VACUUM of `conversations` every 2,500 messages it stayed at 0.28–0.31 ms, and the VACUUM took
   * 2.2–3.0 ms (5.6–7.6 ms the first two times). VACUUM also refreshes the table's row and page counts, so the
   * kept plans are made again. So it runs every `everyMessages` messages while busy, on a table small enough
   * that the statement stays short (its size is looked up first); a large table waits for the usual rules.
   * Returns how long the VACUUM took, or null when none ran.
   */
  async hotPass(): Promise<number | null> {
    const hot = this.opts.hotTable ?? DEFAULT_HOT_TABLE;
    if (hot.everyMessages <= 0 || this.sinceHot < hot.everyMessages || this.stopped) return null;
    this.sinceHot = 0;
    const [size] = rowsOf<{ bytes: number }>(await this.db.execute(sql`select pg_total_relation_size(${hot.table}::regclass)::float8 as bytes`));
    if (!size || Number(size.bytes) > hot.maxBytes) return null;
    const t = performance.now();
    await this.db.execute(sql`vacuum ${sql.identifier(hot.table)}`);
    const ms = Math.round((performance.now() - t) * 10) / 10;
    logger.debug('pglite.hot_vacuumed', { table: hot.table, ms });
    return ms;
  }

  /**
   * Vacuums and analyzes the tables still to do in this pass, one at a time, stopping when the desk gets busy.
   * Returns the tables done; the pass is over when none is left.
   */
  async runPass(): Promise<{ done: TableResult[]; left: number }> {
    if (this.pending.length === 0) {
      this.pending = rowsOf<{ name: string }>(await this.db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.name);
    }
    const done: TableResult[] = [];
    while (this.pending.length > 0 && !this.stopped && this.quiet()) {
      const table = this.pending[0]!;
      const t = Date.now();
      await this.db.execute(sql`vacuum (analyze) ${sql.identifier(table)}`);
      done.push({ table, ms: Date.now() - t });
      this.pending.shift();
      // Let sockets and timers run between tables.
      await new Promise((r) => setImmediate(r));
    }
    if (this.pending.length === 0) {
      this.lastPassEnded = this.now();
      const slowest = done.reduce<TableResult | null>((a, r) => (a && a.ms >= r.ms ? a : r), null);
      logger.info('pglite.vacuumed', { tables: done.length, ms: done.reduce((a, r) => a + r.ms, 0), slowest });
    } else if (done.length > 0) {
      logger.info('pglite.vacuum_paused', { done: done.length, left: this.pending.length });
    }
    return { done, left: this.pending.length };
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.unsubscribe?.();
    await this.running;
  }
}
