import { z } from 'zod';
import type { LiveKpis } from './analytics';
import { type MessageAnnotation, messageAnnotationSchema } from './ai';
import { maskKinds } from '@/lib/security/mask';

// Contracts shared by the server, the desk and the widget. Socket payloads are parsed with these again on
// the server: TypeScript types vanish at run time.
export const MAX_MESSAGE_LENGTH = 4000;

// Why something happened, as a code with parameters (lib/reasons.ts renders it in the reader's language).
export const reasonDetailSchema = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });

export const roles = ['admin', 'supervisor', 'agent', 'vendor', 'executive'] as const;
export type Role = (typeof roles)[number];
export const conversationStatuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const presenceStatuses = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const messageBody = z
  .string({ error: 'Message text is required' })
  .transform((s) => s.normalize('NFC').trim())
  .refine((s) => s.length > 0, { message: 'Message is empty' })
  .refine((s) => s.length <= MAX_MESSAGE_LENGTH, { message: `Message is longer than ${MAX_MESSAGE_LENGTH} characters` })
  .refine((s) => !hasLoneSurrogate(s) && !s.includes('\u0000'), { message: 'Message is not valid UTF-8 text' });

export const clientMessageId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Invalid client message id');
export const uuidSchema = z.uuid({ error: 'Invalid id' });

export const conversationContext = z.object({
  type: z.enum(['product', 'order']),
  id: z.string().min(1).max(100),
  title: z.string().max(300).optional(),
  url: z.url().max(1000).optional(),
  priceBdt: z.number().nonnegative().max(100_000_000).optional(),
});
export type ConversationContextInput = z.infer<typeof conversationContext>;

// Structured messages (server/chat sendCard): built on the server from the catalogue and orders, never from
// what a client claims. The message body carries a plain-text version for old clients and search.
export const productCard = z.object({
  type: z.literal('product'),
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  titleBn: z.string().nullable(),
  priceBdt: z.number(),
  vendorName: z.string().nullable(),
  category: z.string().nullable(),
  /** The product photo (https or a path on this server); without one the card shows a coloured tile. */
  imageUrl: z.string().nullable().optional(),
});
export const orderCard = z.object({
  type: z.literal('order'),
  orderId: z.string(),
  orderNumber: z.string(),
  status: z.string(),
  totalBdt: z.number(),
  paymentMethod: z.string(),
  courier: z.string().nullable(),
  placedAt: z.string(),
  items: z.array(z.object({ name: z.string(), qty: z.number(), priceBdt: z.number() })),
});
export const messageCard = z.discriminatedUnion('type', [productCard, orderCard]);
export type MessageCard = z.infer<typeof messageCard>;

/** A file shared in the conversation (server/files): scanned clean, served from `url` (a link with its own token). */
export const messageAttachment = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() });
export type MessageAttachment = z.infer<typeof messageAttachment>;

export const messageDto = z.object({
  id: z.number(),
  conversationId: z.string(),
  senderType: z.enum(['contact', 'agent', 'system']),
  senderId: z.string().nullable(),
  senderName: z.string().nullable(),
  senderAvatarUrl: z.string().nullable(),
  kind: z.enum(['text', 'note', 'event']),
  body: z.string(),
  clientId: z.string(),
  createdAt: z.string(),
  /** Staff only: language, sentiment and intent of a customer message, once the models have read it. */
  annotation: messageAnnotationSchema.nullable().optional(),
  /** A product or order card; the body then holds its plain-text version. */
  card: messageCard.nullable().optional(),
  /** A shared file; the body then holds its name. */
  attachment: messageAttachment.nullable().optional(),
  /** Hidden by the platform: staff of the platform see the text and the reason; others only that it was hidden. */
  hidden: z.object({ at: z.string(), reason: z.string().nullable() }).nullable().optional(),
  /** What was masked in the text before it was stored (card, otp, nid, password): in the answer to its sender and in its live copies. */
  masked: z.array(z.enum(maskKinds)).optional(),
});
export type MessageDto = z.infer<typeof messageDto>;

// What the widget (customer) may see of a message: no notes ever, no internal ids beyond the sender name, no AI annotations.
export const publicMessageDto = messageDto.omit({ senderId: true, annotation: true });
export type PublicMessageDto = z.infer<typeof publicMessageDto>;

export const slaKinds = ['first_response', 'next_response', 'resolution'] as const;
export const slaSummary = z.object({
  kind: z.enum(slaKinds),
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
export type SlaSummary = z.infer<typeof slaSummary>;

export const conversationSummary = z.object({
  id: z.string(),
  workspaceId: z.string(),
  status: z.enum(conversationStatuses),
  priority: z.enum(priorities),
  channel: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  labels: z.array(z.string()),
  contactId: z.string(),
  contactName: z.string().nullable(),
  lastMessageId: z.number(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string().nullable(),
  lastContactMessageId: z.number(),
  snoozedUntil: z.string().nullable(),
  createdAt: z.string(),
  context: conversationContext.nullable(),
  agentDeliveredUpTo: z.number(),
  agentReadUpTo: z.number(),
  contactDeliveredUpTo: z.number(),
  contactReadUpTo: z.number(),
  // Set when customer sentiment escalated the conversation (server/ai/escalation.ts), with the reason.
  escalatedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  // The reason as a code with parameters (lib/reasons.ts), shown in the reader's language; null on old rows.
  escalationDetail: reasonDetailSchema.nullable(),
  // The most urgent SLA clock (server/sla): due time (null while paused, waiting on the customer), warning
  // time (80%) and breach time; null when no SLA policy applies or every clock has stopped.
  sla: slaSummary.nullable(),
  // The customer's satisfaction rating (1–5) once given after resolution; the comment is on the detail.
  csatRating: z.number().nullable(),
  // Vendor conversations: when the platform joined as a third party, and since when it has taken over.
  platformJoinedAt: z.string().nullable(),
  takenOverAt: z.string().nullable(),
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

export const routingSources = ['widget', 'ai', 'manual', 'queue', 'reassign', 'overflow', 'automation'] as const;
// One routing decision with its reason (supervisors see these on the conversation).
export const routingDecisionDto = z.object({
  id: z.number(),
  source: z.enum(routingSources),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  actorName: z.string().nullable(),
  intent: z.string().nullable(),
  confidence: z.number().nullable(),
  reason: z.string(),
  detail: reasonDetailSchema.nullable(),
  createdAt: z.string(),
});
export type RoutingDecisionDto = z.infer<typeof routingDecisionDto>;

export const notificationDto = z.object({
  id: z.number(),
  kind: z.string(),
  conversationId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  // Title and body as codes with parameters, shown in the reader's language; null on old rows.
  detail: z.object({ title: reasonDetailSchema, body: reasonDetailSchema.nullable() }).nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDto = z.infer<typeof notificationDto>;

// ---- socket payloads (client → server) ----
export const sendMessageInput = z.object({
  conversationId: uuidSchema,
  clientId: clientMessageId,
  body: messageBody,
  isNote: z.boolean().optional(),
});
export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const syncInput = z.object({
  conversationId: uuidSchema,
  afterId: z.number().int().min(0).default(0),
});

export const typingInput = z.object({ conversationId: uuidSchema, isTyping: z.boolean() });
export const receiptInput = z.object({
  conversationId: uuidSchema,
  upToId: z.number().int().min(0),
  kind: z.enum(['delivered', 'read']),
});
export const joinInput = z.object({ conversationId: uuidSchema });
export const presenceInput = z.object({ status: z.enum(presenceStatuses) });

export const startConversationInput = z.object({
  // The conversation the client already holds. When that one was resolved while the client was away, its
  // state is returned instead of opening a new one; the customer starts a new one explicitly.
  conversationId: uuidSchema.optional(),
  context: conversationContext.optional(),
  prechat: z
    .object({
      // Absent when the widget's pre-chat form does not ask for a name.
      name: z.string().trim().min(1).max(120).optional(),
      email: z.email().max(200).optional().or(z.literal('').transform(() => undefined)),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{6,20}$/, 'Invalid phone number')
        .optional()
        .or(z.literal('').transform(() => undefined)),
    })
    .optional(),
  locale: z.enum(['bn', 'en']).optional(),
});

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

// ---- events (server → client) ----
export type TypingEvent = { conversationId: string; side: 'contact' | 'agent'; name: string | null; isTyping: boolean; userId?: string };
export type ReceiptEvent = {
  conversationId: string;
  side: 'contact' | 'agent';
  deliveredUpTo: number;
  readUpTo: number;
};
export type PresenceEvent = { userId: string; status: PresenceStatus; at: string };
export type QueueEvent = {
  conversationId: string;
  status: ConversationStatus;
  position: number | null;
  assigneeName: string | null;
  assigneeAvatarUrl: string | null;
  /** While waiting: about how many seconds until an agent takes it; null when no agent of the team is online. */
  etaSeconds?: number | null;
  /** Once resolved: the customer's rating, if they gave one (the widget then shows it instead of the stars). */
  csat?: { rating: number; comment: string | null } | null;
};

export interface ServerToClientEvents {
  'message:new': (m: MessageDto | PublicMessageDto) => void;
  /** Staff only: the models' reading of a customer message, shortly after it arrived. */
  // Batched: the readings of the messages the models just read (one event per model batch, not per message).
  'message:annotated': (items: { conversationId: string; messageId: number; annotation: MessageAnnotation }[]) => void;
  // Admins and supervisors only: a routing decision with its reason.
  'routing:decided': (e: { conversationId: string; decision: RoutingDecisionDto }) => void;
  // To one person's sockets: an in-app notification (e.g. an escalation for a supervisor).
  'notification:new': (n: NotificationDto) => void;
  'conversation:updated': (c: ConversationSummary) => void;
  // Staff: a label was renamed or deleted (the conversations carrying it changed): refetch lists and labels.
  'labels:changed': (e: Record<string, never>) => void;
  typing: (e: TypingEvent) => void;
  receipt: (e: ReceiptEvent) => void;
  presence: (e: PresenceEvent) => void;
  queue: (e: QueueEvent) => void;
  'read:sync': (e: { conversationId: string; lastReadMessageId: number }) => void;
  // A message was hidden by the platform (the reason only to the platform's staff).
  'message:hidden': (e: { conversationId: string; messageId: number; hiddenAt: string; reason: string | null }) => void;
  // Executives, supervisors and admins watching /dashboard: the live numbers, whenever they change.
  'dashboard:kpis': (k: LiveKpis) => void;
  // The socket sent more events than any person could (server/security/rate-limit.ts): it is disconnected next.
  'rate:limited': (e: { retryAfterSeconds: number; message: string }) => void;
}

type AckFn<T> = (ack: Ack<T>) => void;
export interface ClientToServerEvents {
  'message:send': (p: unknown, ack: AckFn<MessageDto | PublicMessageDto>) => void;
  'conversation:sync': (p: unknown, ack: AckFn<{ messages: (MessageDto | PublicMessageDto)[]; receipts: ReceiptEvent }>) => void;
  'conversation:start': (p: unknown, ack: AckFn<QueueEvent>) => void;
  'conversation:join': (p: unknown, ack: AckFn<{ joined: true }>) => void;
  'conversation:leave': (p: unknown, ack?: AckFn<{ left: true }>) => void;
  typing: (p: unknown) => void;
  receipt: (p: unknown, ack?: AckFn<ReceiptEvent>) => void;
  'presence:set': (p: unknown, ack?: AckFn<{ status: PresenceStatus }>) => void;
  // Visitor only: rate a resolved conversation 1–5 with an optional comment (again = replace).
  'csat:submit': (p: unknown, ack?: AckFn<QueueEvent>) => void;
  // Executives, supervisors and admins: start receiving dashboard:kpis; answers with the numbers now.
  'dashboard:watch': (p: unknown, ack: AckFn<LiveKpis>) => void;
}
