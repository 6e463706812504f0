import type { Db } from '@/db/client';
import type { TicketDto, TicketPriority, TicketStatus, UpdateTicketInput } from '@/lib/contracts/tickets';
import { reasons, reasonText } from '@/lib/reasons';
import type { StaffActor } from '@/server/auth/auth.service';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import type { NotificationService } from '@/server/notifications/notification.service';
import type { RoutingService } from '@/server/routing/routing.service';
import { deskStaffIn } from '@/server/automation/automation.queries';
import * as q from './tickets.queries';

export type TicketOptions = { sweepMs: number; now?: () => Date };

const DESK = ['admin', 'supervisor', 'agent'];
const READERS = [...DESK, 'executive'];

function toDto(r: q.TicketJoined, mergedIntoNumber: number | null, now: Date): TicketDto {
  const t = r.t;
  const active = !['solved', 'closed', 'merged'].includes(t.status);
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as TicketStatus,
    priority: t.priority as TicketPriority,
    source: t.source,
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue: active && !!t.dueAt && t.dueAt.getTime() < now.getTime(),
    conversationId: t.conversationId,
    contactId: t.contactId,
    contactName: r.contactName,
    orderId: t.orderId,
    orderNumber: r.orderNumber,
    assigneeId: t.assigneeId,
    assigneeName: r.assigneeName,
    mergedIntoNumber,
    remindAt: t.remindAt?.toISOString() ?? null,
    reminderNote: t.reminderNote,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    solvedAt: t.solvedAt?.toISOString() ?? null,
  };
}

/**
 * Tickets: a chat becomes one by hand (subject, priority, due date, linked order); a message left in the widget
 * while nobody of the team is online arrives as one. Status, priority, due date, assignee and order are edited in
 * the desk; duplicates merge into one; a follow-up reminder notifies the assignee (else the creator) when due.
 * Tickets are the platform's: vendors do not see them.
 */
export class TicketService {
  private offs: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;
  // Conversations started while nobody of their team was online: their first customer message leaves a ticket.
  private offline = new Map<string, number>();
  private now: () => Date;

  constructor(
    private db: Db,
    private bus: EventBus,
    private chat: ChatService,
    private routing: RoutingService,
    private notifications: NotificationService,
    private opts: TicketOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  start() {
    this.offs.push(
      this.bus.on('conversation.created', ({ conversation }) => {
        if (conversation.assigneeId || conversation.vendorId) return;
        void this.routing
          .estimateWait(conversation.teamId, 1)
          .then((eta) => {
            if (eta !== null) return;
            if (this.offline.size > 10_000) this.offline.clear();
            this.offline.set(conversation.id, Date.now());
          })
          .catch((e) => logger.warn('tickets.offline', { error: errorText(e) }));
      }),
      this.bus.on('message.created', ({ workspaceId, conversation, message }) => {
        if (message.senderType !== 'contact' || !this.offline.has(conversation.id)) return;
        this.offline.delete(conversation.id);
        this.leftMessage(workspaceId, conversation.id, conversation.contactId, conversation.teamId, message.body).catch((e) =>
          logger.warn('tickets.left_message', { error: errorText(e), conversationId: conversation.id }),
        );
      }),
    );
    if (this.opts.sweepMs > 0) {
      this.timer = setInterval(() => void this.sweepReminders().catch((e) => logger.warn('tickets.sweep', { error: errorText(e) })), this.opts.sweepMs);
      this.timer.unref();
    }
  }

  stop() {
    for (const off of this.offs.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async idle() {
    await this.sweeping?.catch(() => {});
  }

  private async leftMessage(workspaceId: string, conversationId: string, contactId: string, teamId: string | null, body: string) {
    if (await q.findTicketOfConversation(this.db, conversationId)) return null;
    const subject = body.length > 80 ? `${body.slice(0, 79)}…` : body;
    return q.insertTicket(this.db, { workspaceId, conversationId, contactId, teamId, subject, source: 'widget', status: 'open', priority: 'normal' });
  }

  private async dto(r: q.TicketJoined) {
    const merged = r.t.mergedIntoId ? (await q.numbersOf(this.db, [r.t.mergedIntoId])).get(r.t.mergedIntoId) ?? null : null;
    return toDto(r, merged, this.now());
  }

  private need(actor: StaffActor, roles: string[]) {
    if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN', 'Tickets are for the platform’s staff');
  }

  private async load(actor: StaffActor, id: string) {
    const r = await q.findTicket(this.db, actor.workspaceId, id);
    if (!r) throw new AppError('NOT_FOUND', 'Ticket not found');
    return r;
  }

  private async checkOrder(workspaceId: string, contactId: string | null, orderId: string | null | undefined) {
    if (!orderId) return;
    const o = await q.findOrderOfContact(this.db, workspaceId, orderId);
    if (!o || o.contactId !== contactId) throw new AppError('BAD_REQUEST', 'That order is not this customer’s');
  }

  async createFromConversation(actor: StaffActor, input: { conversationId: string; subject: string; priority: TicketPriority; dueAt?: Date | null; orderId?: string | null }) {
    this.need(actor, DESK);
    const c = await this.chat.getAccessibleConversation(actor, input.conversationId, 'write');
    const existing = await q.findTicketOfConversation(this.db, c.id);
    if (existing) throw new AppError('CONFLICT', `This conversation already has ticket #${existing.t.number}`);
    await this.checkOrder(c.workspaceId, c.contactId, input.orderId);
    const row = await q.insertTicket(this.db, {
      workspaceId: c.workspaceId,
      conversationId: c.id,
      contactId: c.contactId,
      teamId: c.teamId,
      assigneeId: c.assigneeId,
      subject: input.subject,
      priority: input.priority,
      dueAt: input.dueAt ?? null,
      orderId: input.orderId ?? null,
      source: 'chat',
      createdBy: actor.userId,
    });
    return this.get(actor, row.id);
  }

  async get(actor: StaffActor, id: string) {
    this.need(actor, READERS);
    return this.dto(await this.load(actor, id));
  }

  async forConversation(actor: StaffActor, conversationId: string) {
    this.need(actor, READERS);
    await this.chat.getAccessibleConversation(actor, conversationId);
    const r = await q.findTicketOfConversation(this.db, conversationId);
    return r ? this.dto(r) : null;
  }

  async list(actor: StaffActor, f: { status: string; priority?: TicketPriority; assignee?: string; overdue?: boolean; limit: number }) {
    this.need(actor, READERS);
    const statuses = f.status === 'active' ? ['open', 'pending'] : [f.status];
    const assigneeId = f.assignee === 'me' ? actor.userId : f.assignee === 'unassigned' ? null : f.assignee;
    const rows = await q.listTickets(this.db, actor.workspaceId, { statuses, priority: f.priority, assigneeId, overdueAt: f.overdue ? this.now() : undefined, limit: f.limit });
    const merged = await q.numbersOf(this.db, rows.flatMap((r) => (r.t.mergedIntoId ? [r.t.mergedIntoId] : [])));
    const now = this.now();
    return rows.map((r) => toDto(r, r.t.mergedIntoId ? (merged.get(r.t.mergedIntoId) ?? null) : null, now));
  }

  async update(actor: StaffActor, input: UpdateTicketInput) {
    this.need(actor, DESK);
    const cur = await this.load(actor, input.id);
    if (cur.t.status === 'merged') throw new AppError('CONFLICT', 'This ticket was merged into another');
    if (input.assigneeId) {
      const people = await this.deskStaff(actor.workspaceId, [input.assigneeId]);
      if (!people.has(input.assigneeId)) throw new AppError('BAD_REQUEST', 'That person cannot take tickets');
    }
    await this.checkOrder(actor.workspaceId, cur.t.contactId, input.orderId);
    const set: Parameters<typeof q.updateTicket>[3] = {};
    if (input.subject !== undefined) set.subject = input.subject;
    if (input.priority !== undefined) set.priority = input.priority;
    if (input.dueAt !== undefined) set.dueAt = input.dueAt;
    if (input.assigneeId !== undefined) set.assigneeId = input.assigneeId;
    if (input.orderId !== undefined) set.orderId = input.orderId;
    if (input.status !== undefined) {
      set.status = input.status;
      set.solvedAt = input.status === 'solved' || input.status === 'closed' ? (cur.t.solvedAt ?? this.now()) : null;
    }
    await q.updateTicket(this.db, actor.workspaceId, cur.t.id, set);
    return this.get(actor, cur.t.id);
  }

  private deskStaff(workspaceId: string, ids: string[]) {
    return deskStaffIn(this.db, workspaceId, ids);
  }

  /** Folds a duplicate into another ticket of the same customer: it closes as merged, pointing at the other. */
  async merge(actor: StaffActor, id: string, intoNumber: number) {
    this.need(actor, DESK);
    const src = await this.load(actor, id);
    const dst = await q.findTicketByNumber(this.db, actor.workspaceId, intoNumber);
    if (!dst) throw new AppError('NOT_FOUND', `No ticket #${intoNumber}`);
    if (dst.id === src.t.id) throw new AppError('BAD_REQUEST', 'A ticket cannot be merged into itself');
    if (src.t.status === 'merged' || dst.status === 'merged') throw new AppError('CONFLICT', 'That ticket was already merged');
    if (src.t.contactId !== dst.contactId) throw new AppError('BAD_REQUEST', 'Only tickets of the same customer can be merged');
    await q.updateTicket(this.db, actor.workspaceId, src.t.id, { status: 'merged', mergedIntoId: dst.id, solvedAt: this.now(), remindAt: null });
    await q.updateTicket(this.db, actor.workspaceId, dst.id, {});
    return this.get(actor, dst.id);
  }

  async setReminder(actor: StaffActor, id: string, remindAt: Date | null, note?: string) {
    this.need(actor, DESK);
    const cur = await this.load(actor, id);
    if (remindAt && remindAt.getTime() <= this.now().getTime()) throw new AppError('BAD_REQUEST', 'A reminder needs a time in the future');
    await q.updateTicket(this.db, actor.workspaceId, cur.t.id, { remindAt, reminderNote: remindAt ? (note ?? null) : null, remindedAt: null, createdBy: cur.t.createdBy ?? actor.userId });
    return this.get(actor, cur.t.id);
  }

  /** Sends the reminders that are due (the assignee, else whoever created the ticket). */
  sweepReminders(): Promise<number> {
    this.sweeping ??= (async () => {
      try {
        const due = await q.dueReminders(this.db, this.now(), 100);
        for (const t of due) {
          const to = t.assigneeId ?? t.createdBy;
          await q.updateTicket(this.db, t.workspaceId, t.id, { remindedAt: this.now() });
          if (!to) continue;
          const title = reasons.notifyTicketReminder(t.number, t.subject);
          await this.notifications.notifyUser(t.workspaceId, to, 'ticket_reminder', t.conversationId, reasonText(title), t.reminderNote ?? '', title);
        }
        return due.length;
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }
}
