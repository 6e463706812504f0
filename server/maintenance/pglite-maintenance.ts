import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import type { EventBus } from '@/server/core/event-bus';
import { logger } from '@/server/core/logger';

export type PgliteMaintenanceOptions = {
  /** Hours between passes; 0 turns the passes off. */
  everyHours: number;
  /** A pass (and each table in it) waits while more than this many messages arrived in the last 10 seconds. */
  quietBelowPer10s?: number;
  /** How often to look whether a pass is due and the desk is quiet. */
  checkEveryMs?: number;
  /** Milliseconds since the epoch (tests move it). */
  clock?: () => number;
};

type TableResult = { table: string; ms: number };

/**
 * PGlite runs no autovacuum: without this, rows updated on every message (conversations) or every batch (the
 * per-hour and per-day totals) leave dead versions behind for ever, and the planner's statistics stay those of
 * the day the tables were empty. On start it runs `ANALYZE`; then every `everyHours` it runs `VACUUM (ANALYZE)`
 * table by table while the desk is quiet. A statement holds the single-threaded database (and the event loop)
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
    if (this.opts.everyHours <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.opts.checkEveryMs ?? 60_000);
    this.timer.unref();
  }

  private now() {
    return this.opts.clock?.() ?? Date.now();
  }

  private arrived(now: number) {
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
    const run = this.runPass().catch((e) => logger.warn('pglite.vacuum_failed', { error: String(e) }));
    this.running = run;
    await run;
    this.running = null;
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
    this.unsubscribe?.();
    await this.running;
  }
}
