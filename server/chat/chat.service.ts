import { sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db/client';
import type { ConversationContext } from '@/db/schema';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import {
  conversationStatuses,
  type ConversationStatus,
  type ConversationSummary,
  type MessageAttachment,
  type MessageCard,
  type MessageDto,
  type Priority,
  type PublicMessageDto,
  type QueueEvent,
  type ReceiptEvent,
  type RoutingDecisionDto,
  type SendMessageInput,
  type SlaSummary,
  uuidSchema,
} from '@/lib/contracts/chat';
import { alreadyThere, type ReasonDetail, reasons, reasonText } from '@/lib/reasons';
import type { Actor, StaffActor, VisitorActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { countQueueAhead } from '@/server/routing/routing.queries';
import type { RoutingService } from '@/server/routing/routing.service';
import * as q from './chat.queries';
import type { Directory } from './directory';
import type { MessageWriter } from './message-writer';
import { maskSensitive } from '@/lib/security/mask';

const staffReaders = ['admin', 'supervisor', 'agent', 'executive', 'vendor'] as const;
const staffWriters = ['admin', 'supervisor', 'agent', 'vendor'] as const;

type AccessKey = { workspaceId: string; contactId: string; vendorId: string | null };

function toAnnotation(a: { lang: string; sentiment: string; sentimentScores: MessageAnnotation['sentimentScores']; intent: string; intentConfidence: number }): MessageAnnotation {
  return {
    lang: a.lang as MessageAnnotation['lang'],
    sentiment: a.sentiment as MessageAnnotation['sentiment'],
    sentimentScores: a.sentimentScores,
    intent: a.intent as MessageAnnotation['intent'],
    intentConfidence: a.intentConfidence,
  };
}

/** The columns that change with the assignee: when they got it, or since when it waits in line. */
function assignment(assigneeId: string | null, now = new Date()) {
  return { assigneeId, assignedAt: assigneeId ? now : null, queuedAt: assigneeId ? null : now };
}

/** An order as the desk and order cards show it. */
function orderView(o: q.OrderRow) {
  return {
    id: o.id,
    orderNumber: o.orderNumber,
    status: o.status,
    totalBdt: o.totalBdt,
    paymentMethod: o.paymentMethod,
    courier: o.courier,
    placedAt: o.placedAt.toISOString(),
    items: o.items.map((i) => ({ name: i.name, qty: i.qty, priceBdt: i.priceBdt })),
  };
}

/** Orders still on their way: a vendor then sees the customer's phone number for the delivery. */
const ACTIVE_ORDER = new Set(['placed', 'processing', 'shipped']);

const newClientSuffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export class ChatService {
  // Who a conversation belongs to, per id: workspace and contact never change; the vendor can (a context
  // change), so every update drops the entry. Spares the message hot path a read per message.
  private accessCache = new Map<string, AccessKey>();

  private db: Db;

  constructor(
    private handle: DbHandle,
    private bus: EventBus,
    private writer: MessageWriter,
    private directory: Directory,
    private routing: RoutingService,
  ) {
    this.db = handle.db;
  }

  // ---------- access ----------

  /** Loads a conversation the actor may see; anything else is NOT_FOUND (no probing of other tenants' ids). */
  async getAccessibleConversation(actor: Actor, conversationId: string, mode: 'read' | 'write' = 'read') {
    const c = await q.findConversation(this.db, conversationId);
    if (!c || c.workspaceId !== actor.workspaceId) throw new AppError('NOT_FOUND', 'Conversation not found');
    if (actor.kind === 'visitor') {
      if (c.contactId !== actor.contactId) throw new AppError('NOT_FOUND', 'Conversation not found');
      return c;
    }
    if (actor.role === 'vendor' && (!actor.vendorId || c.vendorId !== actor.vendorId)) {
      throw new AppError('NOT_FOUND', 'Conversation not found');
    }
    const allowed: readonly string[] = mode === 'read' ? staffReaders : staffWriters;
    if (!allowed.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role cannot change conversations');
    return c;
  }

  /** The access rule of getAccessibleConversation on the cached ownership fields; no row is loaded. */
  async authorizeConversation(actor: Actor, conversationId: string, mode: 'read' | 'write'): Promise<AccessKey> {
    let key = this.accessCache.get(conversationId);
    if (!key) {
      const c = await this.getAccessibleConversation(actor, conversationId, mode);
      key = { workspaceId: c.workspaceId, contactId: c.contactId, vendorId: c.vendorId };
      if (this.accessCache.size > 50_000) this.accessCache.clear();
      this.accessCache.set(conversationId, key);
      return key;
    }
    const notFound = () => new AppError('NOT_FOUND', 'Conversation not found');
    if (key.workspaceId !== actor.workspaceId) throw notFound();
    if (actor.kind === 'visitor') {
      if (key.contactId !== actor.contactId) throw notFound();
      return key;
    }
    if (actor.role === 'vendor' && (!actor.vendorId || key.vendorId !== actor.vendorId)) throw notFound();
    const allowed: readonly string[] = mode === 'read' ? staffReaders : staffWriters;
    if (!allowed.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role cannot change conversations');
    return key;
  }

  // ---------- shaping ----------

  async toSummary(c: q.ConversationRow, contactName?: string | null): Promise<ConversationSummary> {
    const d = await this.directory.get(c.workspaceId, { userId: c.assigneeId, teamId: c.teamId, vendorId: c.vendorId });
    if (contactName === undefined) contactName = (await q.findContact(this.db, c.workspaceId, c.contactId))?.name ?? null;
    return {
      id: c.id,
      workspaceId: c.workspaceId,
      status: c.status,
      priority: c.priority,
      channel: c.channel,
      assigneeId: c.assigneeId,
      assigneeName: c.assigneeId ? (d.users.get(c.assigneeId)?.name ?? null) : null,
      teamId: c.teamId,
      teamName: c.teamId ? (d.teams.get(c.teamId) ?? null) : null,
      vendorId: c.vendorId,
      vendorName: c.vendorId ? (d.vendors.get(c.vendorId) ?? null) : null,
      labels: c.labels,
      contactId: c.contactId,
      contactName,
      lastMessageId: c.lastMessageId,
      lastMessageAt: c.lastMessageAt.toISOString(),
      lastMessagePreview: c.lastMessagePreview,
      lastContactMessageId: c.lastContactMessageId,
      snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      context: c.context,
      agentDeliveredUpTo: c.agentDeliveredUpTo,
      agentReadUpTo: c.agentReadUpTo,
      contactDeliveredUpTo: c.contactDeliveredUpTo,
      contactReadUpTo: c.contactReadUpTo,
      escalatedAt: c.escalatedAt?.toISOString() ?? null,
      escalationReason: c.escalationReason,
      escalationDetail: c.escalationDetail ?? null,
      sla: c.slaKind
        ? {
            kind: c.slaKind as SlaSummary['kind'],
            dueAt: c.slaDueAt?.toISOString() ?? null,
            warnAt: c.slaWarnAt?.toISOString() ?? null,
            breachedAt: c.slaBreachedAt?.toISOString() ?? null,
          }
        : null,
      csatRating: c.csatRating ?? null,
      platformJoinedAt: c.platformJoinedAt?.toISOString() ?? null,
      takenOverAt: c.takenOverAt?.toISOString() ?? null,
    };
  }

  async toMessageDto(workspaceId: string, m: q.MessageRow): Promise<MessageDto> {
    let senderName: string | null = null;
    let senderAvatarUrl: string | null = null;
    if (m.senderType === 'agent' && m.senderId) {
      const u = (await this.directory.get(workspaceId, { userId: m.senderId })).users.get(m.senderId);
      senderName = u?.name ?? null;
      senderAvatarUrl = u?.avatarUrl ?? null;
    }
    return {
      id: m.id,
      conversationId: m.conversationId,
      senderType: m.senderType,
      senderId: m.senderId,
      senderName,
      senderAvatarUrl,
      kind: m.kind,
      body: m.body,
      clientId: m.clientId,
      createdAt: m.createdAt.toISOString(),
      ...(m.meta && typeof m.meta === 'object' && 'card' in m.meta ? { card: m.meta.card as MessageCard } : {}),
      ...(m.meta && typeof m.meta === 'object' && 'attachment' in m.meta ? { attachment: m.meta.attachment as MessageAttachment } : {}),
      ...(m.hiddenAt ? { hidden: { at: m.hiddenAt.toISOString(), reason: m.hiddenReason ?? null } } : {}),
    };
  }

  /** What customers and vendors see of a hidden message: that it was hidden, not what it said or why. */
  static redact(m: MessageDto): MessageDto {
    return m.hidden ? { ...m, body: '', card: null, attachment: null, hidden: { at: m.hidden.at, reason: null } } : m;
  }

  private static seesHidden(actor: Actor) {
    return actor.kind === 'staff' && actor.role !== 'vendor';
  }

  private async attachAnnotations(dtos: MessageDto[]) {
    const ids = dtos.filter((m) => m.senderType === 'contact').map((m) => m.id);
    const found = await q.findAnnotations(this.db, ids);
    for (const m of dtos) {
      const a = found.get(m.id);
      m.annotation = a ? toAnnotation(a) : null;
    }
  }

  /**
   * Stores what the models said about customer messages and tells the desk (the AI service calls this after
   * delivery, so a slow or missing model never delays a message).
   */
  async recordAnnotations(items: { workspaceId: string; vendorId: string | null; messageId: number; conversationId: string; at?: string; annotation: MessageAnnotation }[]) {
    const stored = await q.insertAnnotations(
      this.handle,
      items.map((i) => ({ messageId: i.messageId, conversationId: i.conversationId, ...i.annotation })),
    );
    const storedIds = new Set(stored);
    const announced = items.filter((i) => storedIds.has(i.messageId));
    if (announced.length) this.bus.emit('messages.annotated', { items: announced });
    return stored.length;
  }

  /** Customer messages that were never annotated (sent while the models were down, or seeded history). */
  async listUnannotatedCustomerMessages(limit: number, ids?: number[]) {
    return q.listUnannotatedCustomerMessages(this.db, limit, undefined, ids);
  }

  static toPublic(m: MessageDto): PublicMessageDto {
    const { senderId: _omit, annotation: _staffOnly, ...rest } = m;
    return rest;
  }

  private receiptsOf(c: q.ConversationRow): ReceiptEvent[] {
    return [
      { conversationId: c.id, side: 'agent', deliveredUpTo: c.agentDeliveredUpTo, readUpTo: c.agentReadUpTo },
      { conversationId: c.id, side: 'contact', deliveredUpTo: c.contactDeliveredUpTo, readUpTo: c.contactReadUpTo },
    ];
  }

  // ---------- customers ----------

  /** Returns the visitor's active conversation, or opens one (routing it). Idempotent: safe to call on every reconnect. */
  async startConversation(
    visitor: VisitorActor,
    input: { context?: ConversationContext; prechat?: { name?: string; email?: string; phone?: string }; locale?: string },
  ) {
    const widget = await q.findWidgetById(this.db, visitor.widgetId);
    if (input.prechat) {
      // The form's rules, checked here too: a name when the widget asks one; of the phone and email it asks, one.
      const asks = widget?.prechatEnabled ? widget.prechatFields : [];
      if (asks.includes('name') && !input.prechat.name) throw new AppError('BAD_REQUEST', 'Enter your name');
      const reach = asks.filter((f) => f === 'phone' || f === 'email');
      if (reach.length && !reach.some((f) => input.prechat![f])) throw new AppError('BAD_REQUEST', reach.length === 2 ? 'Enter a phone number or an email' : `Enter your ${reach[0]}`);
      await q.updateContact(this.db, visitor.contactId, { ...input.prechat, locale: input.locale });
    }
    const vendorId = await this.findVendorForContext(visitor.workspaceId, input.context);
    const teamId = widget?.defaultTeamId ?? null;
    // Read before the transaction: on PGlite a query outside a running transaction waits for it.
    const teamName = teamId ? (await this.directory.get(visitor.workspaceId, { teamId })).teams.get(teamId) : null;
    const facts = await this.routing.facts({ id: null, workspaceId: visitor.workspaceId, contactId: visitor.contactId, context: input.context ?? null });
    // Two tabs, or a retry racing the first attempt, must not open two conversations: the look-up and the
    // insert run under a per-contact advisory lock. Routing runs inside too (PGlite has one connection, so a
    // query outside a running transaction would wait for it).
    const { conversation: found, created } = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${visitor.contactId}))`);
      const existing = await q.findActiveConversationOfContact(tx, visitor.contactId);
      if (existing) return { conversation: existing, created: false };
      const { assigneeId } = await this.routing.pickAssignee(teamId, tx, { facts });
      const c = await q.insertConversation(tx, {
        ...assignment(assigneeId),
        workspaceId: visitor.workspaceId,
        contactId: visitor.contactId,
        widgetId: visitor.widgetId,
        channel: 'web',
        teamId,
        vendorId,
        context: input.context ?? null,
        lastMessagePreview: null,
      });
      const detail = teamName ? reasons.widgetDefaultTeam(teamName, !assigneeId) : reasons.widgetNoTeam();
      await q.insertRoutingDecision(tx, { conversationId: c.id, source: 'widget', teamId, assigneeId, reason: reasonText(detail), detail });
      return { conversation: c, created: true };
    });
    if (created) {
      this.bus.emit('conversation.created', { workspaceId: found.workspaceId, conversation: await this.toSummary(found) });
      return { conversation: found, created };
    }
    if (input.context && JSON.stringify(found.context) !== JSON.stringify(input.context)) {
      const updated = await q.updateConversation(this.db, found.id, { context: input.context, ...(vendorId && !found.vendorId ? { vendorId } : {}) });
      this.accessCache.delete(found.id);
      if (updated) this.bus.emit('conversation.updated', { workspaceId: updated.workspaceId, conversation: await this.toSummary(updated) });
      return { conversation: updated ?? found, created: false };
    }
    return { conversation: found, created: false };
  }

  private async findVendorForContext(workspaceId: string, ctx?: ConversationContext) {
    if (!ctx || ctx.type !== 'product') return null;
    const rows = await this.db.query.products.findFirst({
      where: (p, { and, eq }) => and(eq(p.workspaceId, workspaceId), eq(p.sku, ctx.id)),
      columns: { vendorId: true },
    });
    return rows?.vendorId ?? null;
  }

  /** What the customer sees of their place in line: a position while unassigned, then the agent's name. */
  async queueStatus(c: q.ConversationRow): Promise<QueueEvent> {
    const base = { conversationId: c.id, status: c.status, position: null, assigneeName: null, assigneeAvatarUrl: null, etaSeconds: null };
    if (c.assigneeId) {
      const u = (await this.directory.get(c.workspaceId, { userId: c.assigneeId })).users.get(c.assigneeId);
      const csat = c.status === 'resolved' ? { csat: await this.csatOf(c.id) } : {};
      return { ...base, assigneeName: u?.name ?? null, assigneeAvatarUrl: u?.avatarUrl ?? null, ...csat };
    }
    if (c.status === 'resolved') return { ...base, csat: await this.csatOf(c.id) };
    if (c.status !== 'open') return base;
    const position = (await countQueueAhead(this.db, c)) + 1;
    return { ...base, position, etaSeconds: await this.routing.estimateWait(c.teamId, position) };
  }

  private async csatOf(conversationId: string) {
    const r = await q.findCsat(this.db, conversationId);
    return r ? { rating: r.rating, comment: r.comment } : null;
  }

  /**
   * The customer rates their resolved conversation (1–5 stars, optional comment). Only the conversation's own
   * customer may, only once it is resolved; rating again replaces the earlier answer. Who handled it is kept
   * as it was at rating time, for agent, team and vendor reports.
   */
  async submitCsat(visitor: VisitorActor, input: { conversationId: string; rating: number; comment?: string }) {
    const c = await this.getAccessibleConversation(visitor, input.conversationId);
    if (c.status !== 'resolved') throw new AppError('CONFLICT', 'You can rate a conversation once it is resolved');
    const comment = input.comment ? input.comment : null;
    await q.upsertCsat(this.db, {
      conversationId: c.id,
      workspaceId: c.workspaceId,
      contactId: c.contactId,
      assigneeId: c.assigneeId,
      teamId: c.teamId,
      vendorId: c.vendorId,
      rating: input.rating,
      comment,
    });
    const updated = (await q.updateConversation(this.db, c.id, { csatRating: input.rating }))!;
    const summary = await this.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: c.workspaceId, conversation: summary });
    this.bus.emit('csat.submitted', { workspaceId: c.workspaceId, conversation: summary, rating: input.rating, comment });
    return this.queueStatus(updated);
  }

  async findActiveConversation(visitor: VisitorActor) {
    return q.findActiveConversationOfContact(this.db, visitor.contactId);
  }

  async getConversationForFanout(id: string) {
    return q.findConversation(this.db, id);
  }

  // ---------- messages ----------

  async sendMessage(actor: Actor, input: SendMessageInput, meta?: { card: MessageCard } | { attachment: MessageAttachment }) {
    const key = await this.authorizeConversation(actor, input.conversationId, 'write');
    if (actor.kind === 'staff' && actor.role === 'vendor' && (await q.findConversation(this.db, input.conversationId))?.takenOverAt) {
      throw new AppError('FORBIDDEN', 'The platform has taken over this conversation');
    }
    const isNote = actor.kind === 'staff' && input.isNote === true;
    // Card numbers, one-time codes, NID numbers and passwords never reach the database or anyone's screen.
    const { text: body, masked } = maskSensitive(input.body);
    const result = await this.writer.write({
      conversationId: input.conversationId,
      clientId: input.clientId,
      body,
      kind: isNote ? 'note' : 'text',
      senderType: actor.kind === 'visitor' ? 'contact' : 'agent',
      senderId: actor.kind === 'visitor' ? actor.contactId : actor.userId,
      ...(meta ? { meta } : {}),
    });
    const stored = await this.toMessageDto(key.workspaceId, result.message);
    const dto: MessageDto = masked.length > 0 ? { ...stored, masked } : stored;
    if (!result.isDuplicate) {
      // Notes do not move the conversation, so the batch returns no row for them: load it.
      const conv = result.conversation ?? (await q.findConversation(this.db, input.conversationId));
      if (conv) {
        const summary = await this.toSummary(conv, result.conversation ? result.contactName : undefined);
        this.bus.emit('message.created', { workspaceId: key.workspaceId, conversation: summary, message: dto });
      }
    }
    return dto;
  }

  /** Products a card can show in this conversation: a vendor's own catalogue; for the platform, the conversation's vendor's (all, when none). */
  async listCatalogue(actor: StaffActor, conversationId: string, search: string) {
    const c = await this.getAccessibleConversation(actor, conversationId, 'write');
    const vendorId = actor.role === 'vendor' ? actor.vendorId : c.vendorId;
    const rows = await q.searchProducts(this.db, c.workspaceId, vendorId, search, 20);
    return rows.map((p) => ({ id: p.id, sku: p.sku, name: p.name, nameBn: p.nameBn, priceBdt: p.priceBdt, category: p.category, imageUrl: p.imageUrl }));
  }

  /**
   * Sends a product card (vendors: only from their own catalogue) or an order card (platform staff: an order of
   * this conversation's customer) as a message. The card is built here from the database.
   */
  async sendCard(actor: StaffActor, input: { conversationId: string; clientId: string; productId?: string; orderId?: string }) {
    const c = await this.getAccessibleConversation(actor, input.conversationId, 'write');
    let card: MessageCard;
    let body: string;
    if (input.productId) {
      const p = await q.findProduct(this.db, c.workspaceId, input.productId);
      if (!p) throw new AppError('NOT_FOUND', 'Product not found');
      if (actor.role === 'vendor' && p.vendorId !== actor.vendorId) throw new AppError('NOT_FOUND', 'Product not found');
      const vendorName = p.vendorId ? ((await this.directory.get(c.workspaceId, { vendorId: p.vendorId })).vendors.get(p.vendorId) ?? null) : null;
      const imageUrl = p.imageUrl && /^(https:\/\/|\/(?!\/))[^\s"'<>]+$/.test(p.imageUrl) ? p.imageUrl : null;
      card = { type: 'product', productId: p.id, sku: p.sku, title: p.name, titleBn: p.nameBn, priceBdt: p.priceBdt, vendorName, category: p.category, imageUrl };
      body = `🛍 ${p.name} — ৳${p.priceBdt.toLocaleString('en-IN')} (${p.sku})`;
    } else if (input.orderId) {
      if (actor.role === 'vendor') throw new AppError('FORBIDDEN', 'Order cards are sent by the platform');
      const o = await q.findOrder(this.db, c.workspaceId, input.orderId);
      if (!o || o.contactId !== c.contactId) throw new AppError('NOT_FOUND', 'Order not found');
      const { id: orderId, ...view } = orderView(o);
      card = { type: 'order', orderId, ...view };
      body = `📦 ${o.orderNumber}: ${o.status} — ৳${o.totalBdt.toLocaleString('en-IN')}`;
    } else throw new AppError('BAD_REQUEST', 'Choose a product or an order');
    return this.sendMessage(actor, { conversationId: c.id, clientId: input.clientId, body }, { card });
  }

  async syncMessages(actor: Actor, conversationId: string, afterId: number) {
    const c = await this.getAccessibleConversation(actor, conversationId);
    const rows = await q.listMessagesAfter(this.db, c.id, afterId, actor.kind === 'staff');
    const messages = (await Promise.all(rows.map((m) => this.toMessageDto(c.workspaceId, m)))).map((m) => (ChatService.seesHidden(actor) ? m : ChatService.redact(m)));
    if (actor.kind === 'staff') await this.attachAnnotations(messages);
    const otherSide = actor.kind === 'visitor' ? 'agent' : 'contact';
    const receipts = this.receiptsOf(c).find((r) => r.side === otherSide)!;
    return { messages: actor.kind === 'visitor' ? messages.map(ChatService.toPublic) : messages, receipts };
  }

  async listHistory(actor: StaffActor, conversationId: string, beforeId: number | null, limit: number) {
    const c = await this.getAccessibleConversation(actor, conversationId);
    const rows = await q.listMessagesBefore(this.db, c.id, beforeId, true, limit + 1);
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(1) : rows;
    const messages = (await Promise.all(page.map((m) => this.toMessageDto(c.workspaceId, m)))).map((m) => (ChatService.seesHidden(actor) ? m : ChatService.redact(m)));
    await this.attachAnnotations(messages);
    return { messages, hasMore };
  }

  /**
   * Receipts: `side` is who received/read. An agent reading marks the contact's messages read (agentReadUpTo);
   * the customer reading marks the agents' replies read (contactReadUpTo).
   */
  async recordReceipt(actor: Actor, input: { conversationId: string; upToId: number; kind: 'delivered' | 'read' }) {
    const c = await this.getAccessibleConversation(actor, input.conversationId);
    const upTo = Math.min(input.upToId, c.lastMessageId);
    const side = actor.kind === 'visitor' ? 'contact' : 'agent';
    if (actor.kind === 'staff' && actor.role === 'executive') {
      return { conversationId: c.id, side, deliveredUpTo: c.agentDeliveredUpTo, readUpTo: c.agentReadUpTo } satisfies ReceiptEvent;
    }
    let updated: q.ConversationRow | null = c;
    const cols =
      side === 'agent'
        ? ({ delivered: 'agentDeliveredUpTo', read: 'agentReadUpTo' } as const)
        : ({ delivered: 'contactDeliveredUpTo', read: 'contactReadUpTo' } as const);
    const current = input.kind === 'read' ? c[cols.read] : c[cols.delivered];
    if (upTo > current) {
      updated = await q.advanceReceipt(this.db, c.id, cols[input.kind], upTo);
      // Read implies delivered.
      if (input.kind === 'read' && updated && updated[cols.delivered] < upTo) {
        updated = await q.advanceReceipt(this.db, c.id, cols.delivered, upTo);
      }
    }
    if (actor.kind === 'staff' && input.kind === 'read') await q.upsertRead(this.db, c.id, actor.userId, upTo);
    const u = updated ?? c;
    const event: ReceiptEvent = {
      conversationId: c.id,
      side,
      deliveredUpTo: u[cols.delivered],
      readUpTo: u[cols.read],
    };
    if (upTo > current) this.bus.emit('conversation.receipt', { workspaceId: c.workspaceId, ...event });
    return event;
  }

  // ---------- desk ----------

  async listConversations(
    actor: StaffActor,
    f: Omit<q.ConversationFilter, 'workspaceId' | 'userId' | 'teamIds' | 'vendorId' | 'cursor'> & { cursor?: string },
  ) {
    let cursor: q.ConversationFilter['cursor'];
    if (f.cursor) {
      const [at, id] = f.cursor.split('|');
      // A tampered cursor must not reach SQL casts: Postgres takes only years 1-9999 here, and a uuid.
      const year = at ? new Date(at).getUTCFullYear() : NaN;
      if (!(year >= 1 && year <= 9999) || !uuidSchema.safeParse(id).success) throw new AppError('BAD_REQUEST', 'Invalid cursor');
      cursor = { at: new Date(at!).toISOString(), id: id! };
    }
    const rows = await q.listConversations(this.db, {
      ...f,
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      teamIds: actor.teamIds,
      vendorId: actor.role === 'vendor' ? (actor.vendorId ?? '00000000-0000-0000-0000-000000000000') : null,
      cursor,
      limit: f.limit + 1,
    });
    const hasMore = rows.length > f.limit;
    const page = hasMore ? rows.slice(0, f.limit) : rows;
    const reads = new Map(page.map((r) => [r.c.id, r.lastReadMessageId ?? 0]));
    const unread = await q.countUnreadByConversation(this.db, [...reads.keys()], reads);
    const items = await Promise.all(
      page.map(async (r) => ({ ...(await this.toSummary(r.c, r.contactName)), unreadCount: unread.get(r.c.id) ?? 0 })),
    );
    const last = page[page.length - 1];
    return { items, nextCursor: hasMore && last ? `${last.c.lastMessageAt.toISOString()}|${last.c.id}` : null };
  }

  async getConversationDetail(actor: StaffActor, conversationId: string) {
    const c = await this.getAccessibleConversation(actor, conversationId);
    const contact = await q.findContact(this.db, c.workspaceId, c.contactId);
    const csat = c.csatRating ? await q.findCsat(this.db, c.id) : undefined;
    const past = (await q.listContactConversations(this.db, c.contactId)).filter((p) => p.id !== c.id && (actor.role !== 'vendor' || p.vendorId === actor.vendorId));
    // Vendors see the customer's orders that hold their items (only those items), and the phone number only while
    // one of them is still on its way (the courier needs it); never the e-mail or the shop's customer id.
    const allOrders = await q.listContactOrders(this.db, c.workspaceId, c.contactId);
    const orders =
      actor.role === 'vendor'
        ? allOrders.flatMap((o) => {
            const mine = o.items.filter((i) => i.vendorId === actor.vendorId);
            return mine.length ? [{ ...o, items: mine, totalBdt: mine.reduce((n, i) => n + i.qty * i.priceBdt, 0) }] : [];
          })
        : allOrders;
    const vendorNeedsPhone = actor.role === 'vendor' && orders.some((o) => ACTIVE_ORDER.has(o.status));
    return {
      conversation: await this.toSummary(c, contact?.name ?? null),
      contact: contact && {
        id: contact.id,
        name: contact.name,
        email: actor.role === 'vendor' ? null : contact.email,
        phone: actor.role === 'vendor' && !vendorNeedsPhone ? null : contact.phone,
        isVerified: contact.isVerified,
        externalId: actor.role === 'vendor' ? null : contact.externalId,
        locale: contact.locale,
        createdAt: contact.createdAt.toISOString(),
        lastSeenAt: contact.lastSeenAt?.toISOString() ?? null,
      },
      pastConversations: past.map((p) => ({
        id: p.id,
        status: p.status,
        createdAt: p.createdAt.toISOString(),
        lastMessagePreview: p.lastMessagePreview,
      })),
      orders: orders.map(orderView),
      csat: csat ? { rating: csat.rating, comment: csat.comment, at: csat.updatedAt.toISOString() } : null,
    };
  }

  private async update(actor: StaffActor, conversationId: string, set: Parameters<typeof q.updateConversation>[2]) {
    const c = await this.getAccessibleConversation(actor, conversationId, 'write');
    const updated = (await q.updateConversation(this.db, c.id, set))!;
    this.accessCache.delete(c.id);
    const summary = await this.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: c.workspaceId, conversation: summary });
    return summary;
  }

  private requireDeskRole(actor: StaffActor) {
    if (!['admin', 'supervisor', 'agent'].includes(actor.role)) {
      throw new AppError('FORBIDDEN', 'Only agents, supervisors and admins can do this');
    }
  }

  async setStatus(actor: StaffActor, conversationId: string, status: ConversationStatus, snoozedUntil?: Date) {
    if (!conversationStatuses.includes(status)) throw new AppError('BAD_REQUEST', 'Unknown status');
    if (status === 'snoozed') {
      if (!snoozedUntil || snoozedUntil.getTime() <= Date.now()) throw new AppError('BAD_REQUEST', 'Snooze needs a time in the future');
    }
    return this.update(actor, conversationId, {
      status,
      snoozedUntil: status === 'snoozed' ? snoozedUntil : null,
      resolvedAt: status === 'resolved' ? new Date() : null,
    });
  }

  async setPriority(actor: StaffActor, conversationId: string, priority: Priority) {
    this.requireDeskRole(actor);
    return this.update(actor, conversationId, { priority });
  }

  async setLabels(actor: StaffActor, conversationId: string, labels: string[]) {
    return this.update(actor, conversationId, { labels: [...new Set(labels)].slice(0, 20) });
  }

  /**
   * Staff assign by hand: a supervisor may give someone more than their capacity on purpose (routing never
   * does). An optional note travels with it as a private note in the thread and in the routing history.
   */
  async assign(actor: StaffActor, conversationId: string, assigneeId: string | null, note?: string) {
    this.requireDeskRole(actor);
    if (assigneeId) {
      const d = await this.directory.get(actor.workspaceId, { userId: assigneeId });
      const u = d.users.get(assigneeId);
      if (!u || !['agent', 'supervisor', 'admin'].includes(u.role)) throw new AppError('BAD_REQUEST', 'That person cannot take conversations');
    }
    const summary = await this.update(actor, conversationId, assignment(assigneeId));
    const detail = assigneeId
      ? note
        ? reasons.manualAssignedNote(summary.assigneeName, actor.name, note)
        : reasons.manualAssigned(summary.assigneeName, actor.name)
      : reasons.manualUnassigned(actor.name);
    await this.recordManualDecision(actor, summary, detail);
    if (note) await this.addHandoverNote(actor, conversationId, note);
    return summary;
  }

  private async addHandoverNote(actor: StaffActor, conversationId: string, note: string) {
    await this.sendMessage(actor, { conversationId, clientId: `handover-${newClientSuffix()}`, body: note, isNote: true });
  }

  private async recordManualDecision(actor: StaffActor, c: ConversationSummary, detail: ReasonDetail) {
    const row = await q.insertRoutingDecision(this.db, {
      conversationId: c.id,
      source: 'manual',
      teamId: c.teamId,
      assigneeId: c.assigneeId,
      actorId: actor.userId,
      reason: reasonText(detail),
      detail,
    });
    this.bus.emit('routing.decided', {
      workspaceId: c.workspaceId,
      vendorId: c.vendorId,
      conversationId: c.id,
      decision: await this.toDecisionDto(c.workspaceId, row),
      actorId: actor.userId,
    });
  }

  async toDecisionDto(workspaceId: string, r: q.RoutingDecisionRow): Promise<RoutingDecisionDto> {
    const d = await this.directory.get(workspaceId, { userId: r.assigneeId ?? r.actorId, teamId: r.teamId });
    const nameOf = async (id: string | null) => (id ? ((await this.directory.get(workspaceId, { userId: id })).users.get(id)?.name ?? null) : null);
    return {
      id: r.id,
      source: r.source as RoutingDecisionDto['source'],
      teamId: r.teamId,
      teamName: r.teamId ? (d.teams.get(r.teamId) ?? null) : null,
      assigneeId: r.assigneeId,
      assigneeName: await nameOf(r.assigneeId),
      actorName: await nameOf(r.actorId),
      intent: r.intent,
      confidence: r.confidence,
      reason: r.reason,
      detail: r.detail ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  /** The conversation's routing history with reasons, for supervisors. */
  async listRoutingDecisions(actor: StaffActor, conversationId: string) {
    const c = await this.getAccessibleConversation(actor, conversationId);
    const rows = await q.listRoutingDecisions(this.db, c.id);
    return Promise.all(rows.map((r) => this.toDecisionDto(c.workspaceId, r)));
  }

  /** What intent routing needs to decide: the conversation, its earlier decisions and its first readings. */
  async getRoutingFacts(conversationId: string, firstMessages: number) {
    const c = await q.findConversation(this.db, conversationId);
    if (!c) return null;
    const [decisions, annotations, dir] = await Promise.all([
      q.listRoutingDecisions(this.db, conversationId),
      q.listFirstAnnotations(this.db, conversationId, firstMessages),
      this.directory.get(c.workspaceId, {}),
    ]);
    const widget = c.widgetId ? await q.findWidgetById(this.db, c.widgetId) : null;
    return { conversation: c, decisions, annotations, teams: [...dir.teams].map(([id, name]) => ({ id, name })), widgetAllows: widget ? widget.intentRouting : true };
  }

  /**
   * Moves a new conversation to the team its intent maps to (server/routing/intent-routing.ts decided), and
   * records why. Runs under a row lock and re-checks that nobody answered or routed it by hand meanwhile.
   */
  async applyIntentRoute(
    conversationId: string,
    plan: { teamId: string; intent: string; confidence: number; detail: ReasonDetail },
    decidedOn: { teamId: string | null; assigneeId: string | null },
  ) {
    const result = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const c = await q.lockConversation(tx, conversationId);
      if (!c || c.firstResponseAt || c.vendorId || c.status === 'resolved') return null;
      // Someone moved it since the plan was made (a manual transfer commits before its decision row is written).
      if (c.teamId !== decidedOn.teamId || c.assigneeId !== decidedOn.assigneeId) return null;
      const earlier = await q.listRoutingDecisions(tx, conversationId);
      // A person or an automation rule routed it on purpose: the model does not override that.
      if (earlier.some((d) => d.source === 'manual' || d.source === 'automation')) return null;
      let assigneeId = c.assigneeId;
      if (c.teamId !== plan.teamId) {
        const keep = assigneeId ? await q.isTeamMember(tx, plan.teamId, assigneeId) : false;
        if (!keep) assigneeId = (await this.routing.pickAssignee(plan.teamId, tx, { facts: await this.routing.facts(c, tx) })).assigneeId;
      }
      const moved = assigneeId !== c.assigneeId ? assignment(assigneeId) : {};
      const updated = c.teamId !== plan.teamId || assigneeId !== c.assigneeId ? await q.updateConversation(tx, c.id, { teamId: plan.teamId, ...moved }) : c;
      const detail = c.teamId === plan.teamId ? alreadyThere(plan.detail) : plan.detail;
      const decision = await q.insertRoutingDecision(tx, {
        conversationId: c.id,
        source: 'ai',
        teamId: plan.teamId,
        assigneeId,
        intent: plan.intent,
        confidence: plan.confidence,
        reason: reasonText(detail),
        detail,
      });
      return { before: c, updated: updated!, decision };
    });
    if (!result) return null;
    const summary = await this.toSummary(result.updated);
    if (result.updated !== result.before) this.bus.emit('conversation.updated', { workspaceId: summary.workspaceId, conversation: summary });
    const decision = await this.toDecisionDto(summary.workspaceId, result.decision);
    this.bus.emit('routing.decided', { workspaceId: summary.workspaceId, vendorId: summary.vendorId, conversationId: summary.id, decision });
    return decision;
  }

  /** Customer sentiment calls for a supervisor: priority up, flagged, once per conversation until cleared. */
  async escalate(conversationId: string, detail: ReasonDetail, raise: (p: Priority) => Priority) {
    const c = await q.findConversation(this.db, conversationId);
    if (!c || c.escalatedAt || c.status === 'resolved') return null;
    const reason = reasonText(detail);
    const updated = await q.markEscalated(this.db, c.id, reason, detail, raise(c.priority));
    if (!updated) return null;
    const summary = await this.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: summary.workspaceId, conversation: summary });
    this.bus.emit('conversation.escalated', { workspaceId: summary.workspaceId, conversation: summary, reason, detail });
    return summary;
  }

  /** The customer's sentiment readings in this conversation, oldest first (the latest 50). */
  async listSentimentReadings(conversationId: string) {
    const rows = await q.listConversationAnnotations(this.db, conversationId);
    return rows.map((r) => ({ messageId: r.messageId, sentiment: r.sentiment as MessageAnnotation['sentiment'], scores: r.sentimentScores }));
  }

  /** A supervisor has dealt with an escalation; a later one may flag the conversation again. */
  async clearEscalation(actor: StaffActor, conversationId: string) {
    if (!['admin', 'supervisor'].includes(actor.role)) throw new AppError('FORBIDDEN', 'Only supervisors and admins can clear an escalation');
    return this.update(actor, conversationId, { escalatedAt: null, escalationReason: null, escalationDetail: null });
  }

  /** Moves a conversation to another team; its routing strategy picks an agent with room, else it waits in line. */
  async transferToTeam(actor: StaffActor, conversationId: string, teamId: string, note?: string) {
    this.requireDeskRole(actor);
    const d = await this.directory.get(actor.workspaceId, { teamId });
    if (!d.teams.has(teamId)) throw new AppError('BAD_REQUEST', 'Unknown team');
    const c = await this.getAccessibleConversation(actor, conversationId, 'write');
    const facts = await this.routing.facts(c);
    const updated = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await q.lockConversation(tx, c.id);
      const { assigneeId } = await this.routing.pickAssignee(teamId, tx, { facts });
      return (await q.updateConversation(tx, c.id, { teamId, ...assignment(assigneeId) }))!;
    });
    this.accessCache.delete(c.id);
    const summary = await this.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: c.workspaceId, conversation: summary });
    await this.recordManualDecision(actor, summary, reasons.manualTransferred(summary.teamName, summary.assigneeName, actor.name, note ?? null));
    if (note) await this.addHandoverNote(actor, conversationId, note);
    return summary;
  }

  /** The workspace's teams (id and name), from the directory cache. */
  async listTeams(workspaceId: string) {
    const d = await this.directory.get(workspaceId, {});
    return [...d.teams].map(([id, name]) => ({ id, name }));
  }

  // ---------- the platform in vendor conversations ----------

  private async platformConversation(actor: StaffActor, conversationId: string) {
    if (!['admin', 'supervisor', 'agent'].includes(actor.role)) throw new AppError('FORBIDDEN', 'Only the platform’s staff can do this');
    const c = await this.getAccessibleConversation(actor, conversationId, 'write');
    if (!c.vendorId) throw new AppError('BAD_REQUEST', 'This is not a vendor conversation');
    return c;
  }

  /** A line in the thread that everyone (customer, vendor, platform) sees. */
  private async eventMessage(conversationId: string, body: string, event: string, by: string) {
    return this.systemMessage(conversationId, body, 'event', `ev-${event}-${newClientSuffix()}`, { event, by });
  }

  /** The platform joins a vendor conversation as a third party: everyone sees it, the vendor keeps answering. */
  async joinAsPlatform(actor: StaffActor, conversationId: string) {
    const c = await this.platformConversation(actor, conversationId);
    if (c.platformJoinedAt) return this.toSummary(c);
    const summary = await this.update(actor, c.id, { platformJoinedAt: new Date(), platformJoinedBy: actor.userId });
    await this.eventMessage(c.id, `${actor.name} from the platform's support team joined the conversation`, 'platform_joined', actor.name);
    return summary;
  }

  /** The platform takes the conversation over: assigned to this person; the vendor reads but cannot reply. */
  async takeOver(actor: StaffActor, conversationId: string) {
    const c = await this.platformConversation(actor, conversationId);
    const now = new Date();
    const summary = await this.update(actor, c.id, {
      takenOverAt: now,
      takenOverBy: actor.userId,
      platformJoinedAt: c.platformJoinedAt ?? now,
      platformJoinedBy: c.platformJoinedBy ?? actor.userId,
      ...(c.assigneeId === actor.userId ? {} : assignment(actor.userId, now)),
    });
    await this.recordManualDecision(actor, summary, reasons.manualAssigned(actor.name, actor.name));
    await this.eventMessage(c.id, `${actor.name} from the platform's support team took over the conversation`, 'platform_takeover', actor.name);
    return summary;
  }

  /** Gives the conversation back to the vendor after a takeover. */
  async handBack(actor: StaffActor, conversationId: string) {
    const c = await this.platformConversation(actor, conversationId);
    if (!c.takenOverAt) return this.toSummary(c);
    const summary = await this.update(actor, c.id, { takenOverAt: null, takenOverBy: null });
    await this.eventMessage(c.id, `${actor.name} handed the conversation back to the seller`, 'platform_handback', actor.name);
    return summary;
  }

  /**
   * Hides an abusive message (from anyone) in a vendor or platform conversation. It is kept as written, with who
   * hid it and why, for audit; the customer and the vendor then see only that a message was hidden.
   */
  async hideMessage(actor: StaffActor, conversationId: string, messageId: number, reason: string) {
    if (!['admin', 'supervisor', 'agent'].includes(actor.role)) throw new AppError('FORBIDDEN', 'Only the platform’s staff can hide messages');
    const c = await this.getAccessibleConversation(actor, conversationId, 'write');
    const m = await q.findMessage(this.db, c.id, messageId);
    if (!m || m.kind === 'note') throw new AppError('NOT_FOUND', 'Message not found');
    const row = m.hiddenAt ? m : await q.hideMessage(this.db, m.id, actor.userId, reason);
    const dto = await this.toMessageDto(c.workspaceId, row!);
    this.bus.emit('message.hidden', { workspaceId: c.workspaceId, vendorId: c.vendorId, contactId: c.contactId, conversationId: c.id, messageId: m.id, hiddenAt: dto.hidden!.at, reason });
    return dto;
  }

  // ---------- automation (server/automation): the system acts, no person, no access check ----------

  /** Labels, priority, status set by a rule or macro step that has already been authorised. */
  async systemUpdate(conversationId: string, set: Parameters<typeof q.updateConversation>[2]) {
    const updated = await q.updateConversation(this.db, conversationId, set);
    if (!updated) return null;
    this.accessCache.delete(conversationId);
    const summary = await this.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: summary.workspaceId, conversation: summary });
    return summary;
  }

  /**
   * A rule routes the conversation: to a team (its assignee stays when a member there, else the team's routing
   * picks one with room, or it waits in line) and/or to a person. Recorded in the routing history with the
   * rule's name.
   */
  async systemRoute(conversationId: string, to: { teamId?: string; assigneeId?: string }, ruleName: string) {
    const c = await q.findConversation(this.db, conversationId);
    if (!c) return null;
    const teamId = to.teamId ?? c.teamId;
    if (to.teamId) {
      const d = await this.directory.get(c.workspaceId, { teamId: to.teamId });
      if (!d.teams.has(to.teamId)) return null;
    }
    if (to.assigneeId) {
      const u = (await this.directory.get(c.workspaceId, { userId: to.assigneeId })).users.get(to.assigneeId);
      if (!u || !['agent', 'supervisor', 'admin'].includes(u.role)) return null;
    }
    const facts = await this.routing.facts(c);
    // Names for the reason are read before the transaction (the directory is cached per workspace).
    const dir = await this.directory.get(c.workspaceId, { teamId: teamId ?? undefined });
    const result = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const locked = (await q.lockConversation(tx, c.id))!;
      let assigneeId = to.assigneeId ?? locked.assigneeId;
      if (!to.assigneeId && teamId && locked.teamId !== teamId) {
        const keep = assigneeId ? await q.isTeamMember(tx, teamId, assigneeId) : false;
        if (!keep) assigneeId = (await this.routing.pickAssignee(teamId, tx, { facts })).assigneeId;
      }
      const moved = assigneeId !== locked.assigneeId ? assignment(assigneeId) : {};
      const changed = locked.teamId !== teamId || assigneeId !== locked.assigneeId;
      const updated = changed ? (await q.updateConversation(tx, c.id, { teamId, ...moved }))! : locked;
      const assigneeName = assigneeId ? (dir.users.get(assigneeId)?.name ?? null) : null;
      const base = reasons.automationRule(ruleName, teamId ? (dir.teams.get(teamId) ?? null) : null, assigneeName);
      const detail = changed ? base : alreadyThere(base);
      // In the same transaction as the move: intent routing, which checks for it under the same row lock, never
      // sees the move without the reason that protects it.
      const decision = await q.insertRoutingDecision(tx, { conversationId: c.id, source: 'automation', teamId, assigneeId, reason: reasonText(detail), detail });
      return { before: locked, updated, decision };
    });
    this.accessCache.delete(c.id);
    const summary = await this.toSummary(result.updated);
    if (result.updated !== result.before) this.bus.emit('conversation.updated', { workspaceId: c.workspaceId, conversation: summary });
    const row = result.decision;
    this.bus.emit('routing.decided', { workspaceId: c.workspaceId, vendorId: c.vendorId, conversationId: c.id, decision: await this.toDecisionDto(c.workspaceId, row) });
    return summary;
  }

  /** An automatic reply (to the customer, from the workspace, not a person) or a private note from a rule. */
  async systemMessage(conversationId: string, body: string, kind: 'text' | 'note' | 'event', clientId: string, meta?: Record<string, unknown>) {
    const c = await q.findConversation(this.db, conversationId);
    if (!c) return null;
    const result = await this.writer.write({ conversationId, clientId, body, kind, senderType: 'system', senderId: null, ...(meta ? { meta } : {}) });
    const dto = await this.toMessageDto(c.workspaceId, result.message);
    if (!result.isDuplicate) {
      const conv = result.conversation ?? c;
      this.bus.emit('message.created', { workspaceId: c.workspaceId, conversation: await this.toSummary(conv), message: dto });
    }
    return dto;
  }

  /** Wakes snoozed conversations whose time has come. */
  async wakeSnoozed(now = new Date()) {
    const rows = await this.db.query.conversations.findMany({
      where: (c, { and, eq, lte }) => and(eq(c.status, 'snoozed'), lte(c.snoozedUntil, now)),
      limit: 200,
    });
    for (const c of rows) {
      const updated = await q.updateConversation(this.db, c.id, { status: 'open', snoozedUntil: null });
      if (updated) this.bus.emit('conversation.updated', { workspaceId: c.workspaceId, conversation: await this.toSummary(updated) });
    }
    return rows.length;
  }
}
