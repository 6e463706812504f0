import type { Db, DbHandle } from '@/db/client';
import * as q from './chat.queries';

export type PendingMessage = q.NewMessageRow & { conversationId: string; clientId: string };
export type WriteResult = {
  message: q.MessageRow;
  conversation: q.ConversationRow | null;
  contactName: string | null;
  isDuplicate: boolean;
};

type Waiter = { row: PendingMessage; resolve: (r: WriteResult) => void; reject: (e: unknown) => void };

/**
 * Group commit: messages that arrive within `windowMs` of each other are inserted in one statement inside
 * one transaction, and every sender is answered only after that commit. One INSERT per message tops out near
 * 2,000 msg/s on a 2-core machine; batching lets the persisted path keep up with the socket layer.
 */
export class MessageWriter {
  private queue: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  private db: Db;

  constructor(
    private handle: DbHandle,
    private opts: { windowMs: number; maxBatch: number } = { windowMs: 2, maxBatch: 256 },
  ) {
    this.db = handle.db;
  }

  write(row: PendingMessage): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= this.opts.maxBatch) void this.kick();
      else if (!this.timer) {
        // Window 0: flush after the current burst of socket events (same tick). Under load, messages that
        // arrive while a flush runs wait for it and go out together, so batching still happens.
        this.timer =
          this.opts.windowMs === 0 ? (setImmediate(() => void this.kick()) as unknown as NodeJS.Timeout) : setTimeout(() => void this.kick(), this.opts.windowMs);
      }
    });
  }

  private async kick() {
    if (this.timer) {
      clearTimeout(this.timer);
      clearImmediate(this.timer as unknown as NodeJS.Immediate);
      this.timer = null;
    }
    // One flush at a time keeps ids in commit order within this process.
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    this.flushing = this.flush(batch).finally(() => {
      this.flushing = null;
    });
    await this.flushing;
    if (this.queue.length && !this.timer) this.timer = setTimeout(() => void this.kick(), 0);
  }

  private async flush(batch: Waiter[]) {
    try {
      const { inserted, conversations } = await q.writeMessageBatch(this.handle, batch.map((w) => w.row));
      const key = (m: { conversationId: string; clientId: string }) => `${m.conversationId}\u0000${m.clientId}`;
      const byKey = new Map(inserted.map((m) => [key(m), m]));
      // Retries of client ids stored earlier: answer with the stored message (rare, so a second query is fine).
      const missing = batch.filter((w) => !byKey.has(key(w.row))).map((w) => w.row);
      const duplicates = new Map((await q.findMessagesByClientIds(this.db, missing)).map((m) => [key(m), m]));
      const convById = new Map(conversations.map((r) => [r.c.id, r]));
      const results = batch.map((w): WriteResult => {
        const k = key(w.row);
        const fresh = byKey.get(k);
        if (fresh) {
          byKey.delete(k); // the same client id twice in one batch: the second is a duplicate
          const bumped = convById.get(fresh.conversationId);
          return { message: fresh, conversation: bumped?.c ?? null, contactName: bumped?.contactName ?? null, isDuplicate: false };
        }
        const existing = duplicates.get(k) ?? inserted.find((m) => key(m) === k);
        if (!existing) throw new Error('message neither inserted nor found');
        return { message: existing, conversation: null, contactName: null, isDuplicate: true };
      });
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }

  /** Waits until every queued message is committed (graceful shutdown). */
  async drain() {
    while (this.queue.length || this.flushing) {
      await this.kick();
      if (this.flushing) await this.flushing;
    }
  }
}
