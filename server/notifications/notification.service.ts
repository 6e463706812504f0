import type { Db } from '@/db/client';
import type { NotificationDto } from '@/lib/contracts/chat';
import { type ReasonDetail, reasons, reasonText } from '@/lib/reasons';
import type { StaffActor } from '@/server/auth/auth.service';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import * as q from './notification.queries';

export function toNotificationDto(n: q.NotificationRow): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    conversationId: n.conversationId,
    title: n.title,
    body: n.body,
    detail: n.detail ?? null,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * In-app notifications for staff. Escalations notify the conversation's team supervisors (or, in a team without
 * one, every supervisor and admin); each notification is stored (an offline supervisor sees it later) and pushed
 * live to the person's sockets.
 */
export class NotificationService {
  private offs: (() => void)[] = [];

  constructor(
    private db: Db,
    private bus: EventBus,
  ) {
    this.offs.push(
      bus.on('conversation.escalated', (e) => {
        this.notifyEscalation(e).catch((err) => logger.warn('notify.escalation', { error: errorText(err), conversationId: e.conversation.id }));
      }),
      // SLA: a warning goes to the assignee (the team's supervisors while nobody has it); a breach to both.
      bus.on('sla.warning', (e) => {
        const c = e.conversation;
        const title = reasons.notifySlaWarning(c.contactName, e.kind, c.sla?.dueAt ?? null);
        this.notifySla(e.workspaceId, c, 'sla_warning', title, c.assigneeId ? [c.assigneeId] : null).catch((err) =>
          logger.warn('notify.sla', { error: errorText(err), conversationId: c.id }),
        );
      }),
      // @mentions in private notes: the person mentioned hears of it (not the author).
      bus.on('message.created', (e) => {
        const m = e.message;
        if (m.kind !== 'note' || m.senderType !== 'agent' || !m.body.includes('@')) return;
        this.notifyMentions(e.workspaceId, e.conversation, m.senderId, m.senderName, m.body).catch((err) =>
          logger.warn('notify.mention', { error: errorText(err), conversationId: e.conversation.id }),
        );
      }),
      // Assignment: a new conversation routed to someone, or one moved to them by routing, a rule or a person
      // (not when they took it themselves, nor when a decision keeps the same assignee).
      bus.on('conversation.created', (e) => {
        const c = e.conversation;
        if (c.assigneeId) this.notifyAssigned(e.workspaceId, c, c.assigneeId, null).catch((err) => logger.warn('notify.assigned', { error: errorText(err) }));
      }),
      bus.on('routing.decided', (e) => {
        const d = e.decision;
        if (!d.assigneeId || d.assigneeId === e.actorId) return;
        void (async () => {
          if ((await q.previousAssignee(this.db, e.conversationId, d.id)) === d.assigneeId) return;
          await this.notifyAssigned(e.workspaceId, { id: e.conversationId, contactName: null }, d.assigneeId!, d.actorName);
        })().catch((err) => logger.warn('notify.assigned', { error: errorText(err) }));
      }),
      bus.on('sla.breached', (e) => {
        const c = e.conversation;
        const title = reasons.notifySlaBreached(c.contactName, e.kind, c.priority);
        this.notifySla(e.workspaceId, c, 'sla_breach', title, null, c.assigneeId).catch((err) => logger.warn('notify.sla', { error: errorText(err), conversationId: c.id }));
      }),
    );
  }

  async notifyEscalation(e: {
    workspaceId: string;
    conversation: { id: string; teamId: string | null; contactName: string | null; priority: string };
    reason: string;
    detail: ReasonDetail | null;
  }) {
    const recipients = await q.listEscalationRecipients(this.db, e.workspaceId, e.conversation.teamId);
    const title = reasons.notifyEscalated(e.conversation.contactName, e.conversation.priority);
    const rows = await q.insertNotifications(
      this.db,
      recipients.map((userId) => ({
        workspaceId: e.workspaceId,
        userId,
        kind: 'escalation',
        conversationId: e.conversation.id,
        title: reasonText(title),
        body: e.reason,
        detail: { title, body: e.detail },
      })),
    );
    for (const n of rows) this.bus.emit('notification.created', { workspaceId: e.workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  private async notifySla(
    workspaceId: string,
    c: { id: string; teamId: string | null },
    kind: string,
    title: ReasonDetail,
    only: string[] | null,
    also: string | null = null,
  ) {
    const recipients = new Set(only ?? (await q.listEscalationRecipients(this.db, workspaceId, c.teamId)));
    if (also) recipients.add(also);
    const rows = await q.insertNotifications(
      this.db,
      [...recipients].map((userId) => ({ workspaceId, userId, kind, conversationId: c.id, title: reasonText(title), body: '', detail: { title, body: null } })),
    );
    for (const n of rows) this.bus.emit('notification.created', { workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  /** Mentions are `@` followed by a person's full name (the composer's picker inserts it), any case. */
  async notifyMentions(workspaceId: string, c: { id: string; vendorId: string | null; contactName: string | null }, authorId: string | null, authorName: string | null, body: string) {
    const text = body.normalize('NFC').toLocaleLowerCase('en');
    const people = await q.listMentionable(this.db, workspaceId, c.vendorId);
    const mentioned = people.filter((u) => u.id !== authorId && text.includes(`@${u.name.normalize('NFC').toLocaleLowerCase('en')}`));
    if (!mentioned.length) return [];
    const title = reasons.notifyMention(authorName, c.contactName);
    const excerpt = body.length > 200 ? `${body.slice(0, 199)}…` : body;
    const rows = await q.insertNotifications(
      this.db,
      mentioned.map((u) => ({ workspaceId, userId: u.id, kind: 'mention', conversationId: c.id, title: reasonText(title), body: excerpt, detail: { title, body: null } })),
    );
    for (const n of rows) this.bus.emit('notification.created', { workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  async notifyAssigned(workspaceId: string, c: { id: string; contactName: string | null }, userId: string, by: string | null) {
    const who = c.contactName ?? (await q.contactNameOf(this.db, c.id));
    const title = reasons.notifyAssigned(who, by);
    const rows = await q.insertNotifications(this.db, [{ workspaceId, userId, kind: 'assigned', conversationId: c.id, title: reasonText(title), body: '', detail: { title, body: null } }]);
    for (const n of rows) this.bus.emit('notification.created', { workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  /** An automation rule's or macro's "notify" step: the assignee, or the team's supervisors. */
  async notifyRule(c: { id: string; workspaceId: string; teamId: string | null; assigneeId: string | null; contactName: string | null }, to: 'assignee' | 'supervisors', rule: string, body: string) {
    const recipients = to === 'assignee' ? (c.assigneeId ? [c.assigneeId] : []) : await q.listEscalationRecipients(this.db, c.workspaceId, c.teamId);
    const title = reasons.notifyRule(rule, c.contactName);
    const rows = await q.insertNotifications(
      this.db,
      recipients.map((userId) => ({ workspaceId: c.workspaceId, userId, kind: 'automation', conversationId: c.id, title: reasonText(title), body, detail: { title, body: null } })),
    );
    for (const n of rows) this.bus.emit('notification.created', { workspaceId: c.workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  /** One notification to one person (ticket reminders). */
  async notifyUser(workspaceId: string, userId: string, kind: string, conversationId: string | null, title: string, body: string, detail: ReasonDetail) {
    const rows = await q.insertNotifications(this.db, [{ workspaceId, userId, kind, conversationId, title, body, detail: { title: detail, body: null } }]);
    for (const n of rows) this.bus.emit('notification.created', { workspaceId, userId: n.userId, notification: toNotificationDto(n) });
    return rows;
  }

  async list(actor: StaffActor, limit = 30) {
    const { items, unread } = await q.listNotifications(this.db, actor.userId, limit);
    return { items: items.map(toNotificationDto), unread };
  }

  async markRead(actor: StaffActor, which: { id: number } | { upToId: number }) {
    return { marked: await q.markNotificationsRead(this.db, actor.userId, which) };
  }

  stop() {
    this.offs.forEach((off) => off());
    this.offs = [];
  }
}
