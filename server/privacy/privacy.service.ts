import { inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { AppError } from '@/server/core/app-error';
import { logger } from '@/server/core/logger';
import { Periodic } from '@/server/core/periodic';
import * as q from './privacy.queries';

export type RetentionAction = 'anonymise' | 'delete';
export const RETENTION_MIN_DAYS = 7;

const who = (senderType: string) => (senderType === 'contact' ? 'Customer' : senderType === 'agent' ? 'Agent' : 'System');

/**
 * Privacy requests (GDPR articles 15, 17 and 5(1)(e); Bangladesh's data-protection rules ask the same): everything
 * kept about one customer as JSON with readable transcripts; erasing a customer (personal data removed, what was
 * said redacted, the numbers kept about nobody); and the retention policy, applied by a scheduled sweep.
 */
export class PrivacyService {
  private sweep: Periodic;
  constructor(
    private db: Db,
    private opts: { sweepMs?: number; files?: { removeFiles(ids: string[]): Promise<void> } } = {},
  ) {
    this.sweep = new Periodic(opts.sweepMs ?? 3_600_000, () => this.sweepRetention(), 'privacy.retention_failed');
  }

  findContacts(workspaceId: string, query: string) {
    return q.findContacts(this.db, workspaceId, query.slice(0, 200), 50);
  }

  async exportContact(workspaceId: string, contactId: string) {
    const contact = await q.findContact(this.db, workspaceId, contactId);
    if (!contact) throw new AppError('NOT_FOUND', 'No such customer');
    const [convs, orders, tickets, csat] = await Promise.all([
      q.conversationsOfContact(this.db, contact.id),
      q.ordersOf(this.db, workspaceId, contact.id),
      q.ticketsOf(this.db, workspaceId, contact.id),
      q.csatOf(this.db, contact.id),
    ]);
    const msgs = await q.messagesOf(this.db, convs.map((c) => c.id));
    const senderIds = [...new Set(msgs.filter((m) => m.senderType === 'agent' && m.senderId).map((m) => m.senderId!))];
    const names = new Map((senderIds.length ? await this.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, senderIds)) : []).map((u) => [u.id, u.name]));
    const csatBy = new Map(csat.map((r) => [r.conversationId, r]));
    return {
      format: 'alap.customer-export/1',
      exportedAt: new Date().toISOString(),
      contact: {
        id: contact.id,
        externalId: contact.externalId,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        locale: contact.locale,
        isVerified: contact.isVerified,
        createdAt: contact.createdAt.toISOString(),
        lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
        erasedAt: contact.erasedAt?.toISOString() ?? null,
      },
      conversations: convs.map((c) => {
        const own = msgs.filter((m) => m.conversationId === c.id);
        const lines = own.map((m) => ({
          id: m.id,
          at: m.createdAt.toISOString(),
          from: m.senderType === 'contact' ? 'customer' : m.senderType === 'agent' ? 'agent' : 'system',
          senderName: m.senderType === 'agent' && m.senderId ? (names.get(m.senderId) ?? null) : null,
          kind: m.kind,
          body: m.body,
          // A shared file: what it was (the file itself is downloadable from the conversation while it exists).
          file: m.meta && typeof m.meta === 'object' && 'attachment' in m.meta ? (({ name, mime, size }) => ({ name, mime, size }))(m.meta.attachment as { name: string; mime: string; size: number }) : null,
        }));
        const rating = csatBy.get(c.id);
        return {
          id: c.id,
          createdAt: c.createdAt.toISOString(),
          status: c.status,
          channel: c.channel,
          resolvedAt: c.resolvedAt?.toISOString() ?? null,
          labels: c.labels,
          about: c.context,
          rating: rating ? { rating: rating.rating, comment: rating.comment } : null,
          messages: lines,
          transcript: lines
            .map((l) => `[${l.at.slice(0, 16).replace('T', ' ')} UTC] ${l.kind === 'note' ? '(staff note) ' : ''}${l.senderName ?? who(l.from === 'customer' ? 'contact' : l.from)}: ${l.body}`)
            .join('\n'),
        };
      }),
      orders: orders.map((o) => ({ orderNumber: o.orderNumber, status: o.status, placedAt: o.placedAt.toISOString(), totalBdt: o.totalBdt, paymentMethod: o.paymentMethod, courier: o.courier, city: o.city, items: o.items })),
      tickets: tickets.map((t) => ({ number: t.number, subject: t.subject, status: t.status, createdAt: t.createdAt.toISOString(), solvedAt: t.solvedAt?.toISOString() ?? null })),
    };
  }

  /** Erases a customer: name, email, phone and shop id removed, every conversation redacted. Final. */
  async eraseContact(workspaceId: string, contactId: string) {
    const contact = await q.findContact(this.db, workspaceId, contactId);
    if (!contact) throw new AppError('NOT_FOUND', 'No such customer');
    const now = new Date();
    const result = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const convIds = (await q.conversationsOfContact(tx, contact.id)).map((c) => c.id);
      const files = await q.attachmentIdsOf(tx, convIds);
      const redactedMessages = await q.redactConversations(tx, convIds, now);
      await q.eraseContactRow(tx, contact.id, now);
      return { conversations: convIds.length, redactedMessages, erasedAt: now, files };
    });
    await this.opts.files?.removeFiles(result.files);
    return { conversations: result.conversations, redactedMessages: result.redactedMessages, erasedAt: result.erasedAt };
  }

  /** Each widget's privacy notice (shown before a customer's first message) and privacy-policy link. */
  widgetConsent(workspaceId: string) {
    return q.widgetConsent(this.db, workspaceId);
  }

  async setWidgetConsent(workspaceId: string, widgetId: string, v: { consentNoticeEn: string | null; consentNoticeBn: string | null; privacyUrl: string | null }) {
    if (!(await q.setWidgetConsent(this.db, workspaceId, widgetId, v))) throw new AppError('NOT_FOUND', 'No such widget');
  }

  async retention(workspaceId: string) {
    const r = await q.workspaceRetention(this.db, workspaceId);
    return { days: r?.days ?? null, action: (r?.action ?? 'anonymise') as RetentionAction };
  }

  async setRetention(workspaceId: string, days: number | null, action: RetentionAction) {
    if (days !== null && (!Number.isInteger(days) || days < RETENTION_MIN_DAYS || days > 3650)) {
      throw new AppError('BAD_REQUEST', `Keep conversations between ${RETENTION_MIN_DAYS} and 3650 days, or without limit`);
    }
    await q.setWorkspaceRetention(this.db, workspaceId, days, action);
  }

  /**
   * Applies every workspace's retention policy: resolved conversations whose last message is older than its days
   * are redacted (anonymise) or deleted with their messages (delete; reporting events and totals stay, as they
   * name no one). In batches, so a first run on a large history does not hold long locks.
   */
  async sweepRetention(now = new Date(), batch = 500) {
    const result: Record<string, { anonymised: number; deleted: number }> = {};
    for (const ws of await q.workspacesWithRetention(this.db)) {
      const before = new Date(now.getTime() - ws.days! * 86_400_000);
      const r = (result[ws.id] = { anonymised: 0, deleted: 0 });
      for (;;) {
        const ids = await q.expiredConversations(this.db, ws.id, before, ws.action === 'delete', batch);
        if (!ids.length) break;
        const files = await q.attachmentIdsOf(this.db, ids);
        if (ws.action === 'delete') r.deleted += await q.deleteConversations(this.db, ids);
        else {
          await this.db.transaction(async (tx) => q.redactConversations(tx as unknown as Db, ids, now));
          r.anonymised += ids.length;
        }
        await this.opts.files?.removeFiles(files);
        if (ids.length < batch) break;
      }
      if (r.anonymised || r.deleted) logger.info('privacy.retention', { workspaceId: ws.id, ...r });
    }
    return result;
  }

  start() {
    this.sweep.start();
  }

  stop() {
    return this.sweep.stop();
  }
}
