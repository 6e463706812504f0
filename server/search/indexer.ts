import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';

export type SearchIndexerOptions = {
  // Index only after this long without a new message (the write path has the database to itself).
  quietMs?: number;
  // Messages per indexing statement: small, so one statement holds PGlite for a few milliseconds.
  chunk?: number;
  // Deferred this long because messages kept coming: index one chunk anyway every forcedGapMs, so the backlog
  // cannot grow without end under steady traffic.
  maxDeferMs?: number;
  forcedGapMs?: number;
  // How often to look for queued messages written elsewhere (another node, the seed); 0: never (tests drain).
  sweepMs?: number;
};


/**
 * The oldest `limit` queued messages into message_search, their queue rows deleted in the same statement;
 * entries whose message is gone are dropped. Returns how many queue rows were taken.
 */
export async function indexQueuedMessages(db: Db, limit: number): Promise<number> {
  const result = await db.execute(sql`
    with picked as (
      delete from message_search_queue
      where message_id in (select message_id from message_search_queue order by message_id limit ${limit} for update skip locked)
      returning message_id
    ),
    indexed as (
      insert into message_search (message_id, body)
      select m.id, m.body from picked p join messages m on m.id = p.message_id
      on conflict (message_id) do nothing
      returning 1
    )
    select (select count(*) from picked)::int as picked, (select count(*) from indexed)::int as indexed`);
  return Number(rowsOf<{ picked: number }>(result)[0]?.picked ?? 0);
}

/**
 * Moves messages from message_search_queue into message_search (migration 0011), where the search indexes are.
 * A customer's message is written without them; its words are indexed when the desk is quiet, in small chunks,
 * and search reads the queue directly meanwhile (search.queries.ts), so nothing is missing from results.
 *
 * Safe on several nodes: each chunk takes its queue rows with FOR UPDATE SKIP LOCKED and deletes them in the
 * same statement that indexes them.
 */
export class SearchIndexer {
  private lastWriteAt = 0;
  private deferredSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sweep: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private off: (() => void) | null = null;
  private stopped = true;
  private readonly o: Required<SearchIndexerOptions>;

  constructor(
    private db: Db,
    private bus: EventBus,
    opts: SearchIndexerOptions = {},
  ) {
    this.o = { quietMs: 250, chunk: 25, maxDeferMs: 30_000, forcedGapMs: 250, sweepMs: 5000, ...opts };
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.off = this.bus.on('message.created', () => {
      const now = performance.now();
      this.lastWriteAt = now;
      // Waiting starts with the first message of a backlog.
      this.deferredSince ??= now;
      this.schedule(Math.max(1, Math.min(this.o.quietMs, this.deferredSince + this.o.maxDeferMs - now)));
    });
    if (this.o.sweepMs > 0) {
      this.sweep = setInterval(() => this.schedule(0), this.o.sweepMs);
      this.sweep.unref();
      this.schedule(0);
    }
  }

  stop() {
    this.stopped = true;
    this.off?.();
    this.off = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.sweep) clearInterval(this.sweep);
    this.timer = this.sweep = null;
  }

  /** Waits for the chunk in flight (shutdown, tests). */
  async idle() {
    await this.running?.catch(() => {});
  }

  /** Indexes everything queued now, whatever the traffic (seed, tests, benchmarks). Returns how many. */
  async drain(): Promise<number> {
    await this.idle();
    let total = 0;
    for (;;) {
      const n = await this.indexChunk(500);
      total += n;
      if (n === 0) return total;
    }
  }

  /** One chunk of the queue (indexQueuedMessages). */
  indexChunk(limit = this.o.chunk): Promise<number> {
    return indexQueuedMessages(this.db, limit);
  }

  // From events and the sweep: nothing to do while a run is going (it loops until the queue is empty) or a
  // run is already waiting for quiet (it re-checks quiet when it wakes).
  private schedule(delayMs: number) {
    if (this.stopped || this.running) return;
    if (this.timer && delayMs > 0) return;
    this.arm(delayMs);
  }

  private arm(delayMs: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return;
      this.running = this.run()
        .catch((e) => logger.warn('search.index', { error: errorText(e) }))
        .finally(() => {
          this.running = null;
        });
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private async run() {
    while (!this.stopped) {
      const now = performance.now();
      const quietFor = now - this.lastWriteAt;
      let forced = false;
      if (quietFor < this.o.quietMs) {
        this.deferredSince ??= now;
        const forcedIn = this.deferredSince + this.o.maxDeferMs - now;
        if (forcedIn > 0) {
          // Look again when quiet could have come, or when waiting has gone on too long, whichever is first.
          this.arm(Math.min(this.o.quietMs - quietFor, forcedIn));
          return;
        }
        forced = true;
      }
      const n = await this.indexChunk();
      if (n === 0) {
        this.deferredSince = null;
        return;
      }
      if (forced) {
        this.arm(this.o.forcedGapMs);
        return;
      }
      // Let sockets and waiting statements in between chunks.
      await new Promise((r) => setImmediate(r));
    }
  }
}
