import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './commerce';
import { teams, users, vendors, widgets, workspaces } from './workspace';
import type { ReasonDetail } from '../../lib/reasons';

export const conversationStatus = pgEnum('conversation_status', ['open', 'pending', 'snoozed', 'resolved']);
export const conversationPriority = pgEnum('conversation_priority', ['none', 'low', 'medium', 'high', 'urgent']);
export const senderType = pgEnum('sender_type', ['contact', 'agent', 'system']);
export const messageKind = pgEnum('message_kind', ['text', 'note', 'event']);

export type ConversationContext = {
  type: 'product' | 'order';
  id: string;
  title?: string;
  url?: string;
  priceBdt?: number;
};

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    widgetId: uuid('widget_id').references(() => widgets.id, { onDelete: 'set null' }),
    channel: text('channel').notNull().default('web'),
    status: conversationStatus('status').notNull().default('open'),
    priority: conversationPriority('priority').notNull().default('none'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    // Set when the conversation is about a marketplace seller's product: that vendor's staff may see it.
    vendorId: uuid('vendor_id').references(() => vendors.id, { onDelete: 'set null' }),
    labels: text('labels').array().notNull().default(sql`'{}'::text[]`),
    context: jsonb('context').$type<ConversationContext | null>(),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    // When the current assignee got it (auto-reassign counts from here) and when it last entered its team's
    // queue unassigned (queue order, overflow). Null on rows from before routing kept them: created_at applies.
    assignedAt: timestamp('assigned_at', { withTimezone: true, precision: 3 }),
    queuedAt: timestamp('queued_at', { withTimezone: true, precision: 3 }),
    // Set once it overflowed to another team: it does not overflow again.
    overflowedAt: timestamp('overflowed_at', { withTimezone: true }),
    // The most urgent SLA clock (server/sla), kept here so the desk list needs no extra query: its kind, when it
    // is due and warns (null while paused), and when it breached.
    slaKind: text('sla_kind'),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true, precision: 3 }),
    slaWarnAt: timestamp('sla_warn_at', { withTimezone: true, precision: 3 }),
    slaBreachedAt: timestamp('sla_breached_at', { withTimezone: true, precision: 3 }),
    lastMessageId: bigint('last_message_id', { mode: 'number' }).notNull().default(0),
    // Millisecond precision: the desk's paging cursor carries this value through JavaScript dates.
    lastMessageAt: timestamp('last_message_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    lastContactMessageId: bigint('last_contact_message_id', { mode: 'number' }).notNull().default(0),
    // Receipt watermarks: up to which message id each side has received / read the other side's messages.
    agentDeliveredUpTo: bigint('agent_delivered_up_to', { mode: 'number' }).notNull().default(0),
    agentReadUpTo: bigint('agent_read_up_to', { mode: 'number' }).notNull().default(0),
    contactDeliveredUpTo: bigint('contact_delivered_up_to', { mode: 'number' }).notNull().default(0),
    contactReadUpTo: bigint('contact_read_up_to', { mode: 'number' }).notNull().default(0),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    // Set when sentiment escalated the conversation (server/ai/escalation); cleared by a supervisor or on resolve.
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalationReason: text('escalation_reason'),
    // The same reason as a code with parameters (lib/reasons.ts), so the desk shows it in each reader's language.
    escalationDetail: jsonb('escalation_detail').$type<ReasonDetail>(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    // The customer's CSAT rating (1–5) once given; the comment is in csat_responses.
    csatRating: smallint('csat_rating'),
    // Vendor conversations: the platform joined as a third party (everyone sees it), or took the conversation
    // over (the vendor can read but no longer reply) until it hands it back.
    platformJoinedAt: timestamp('platform_joined_at', { withTimezone: true }),
    platformJoinedBy: uuid('platform_joined_by').references(() => users.id, { onDelete: 'set null' }),
    takenOverAt: timestamp('taken_over_at', { withTimezone: true }),
    takenOverBy: uuid('taken_over_by').references(() => users.id, { onDelete: 'set null' }),
    // Its messages were redacted (an erased customer, or the retention policy); nothing of what was said is kept.
    redactedAt: timestamp('redacted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversations_ws_activity').on(t.workspaceId, t.lastMessageAt),
    index('conversations_contact').on(t.contactId),
    index('conversations_assignee').on(t.assigneeId),
    index('conversations_vendor').on(t.vendorId),
    index('conversations_waiting').on(t.teamId, t.status).where(sql`assignee_id is null`),
    // Live dashboard: open, pending and waiting counts per workspace.
    index('conversations_ws_status').on(t.workspaceId, t.status),
    // Search (server/search): the product or order a conversation is about, by substring (pg_trgm).
    index('conversations_context_trgm').using('gin', sql`(coalesce(${t.context} ->> 'title', '') || ' ' || coalesce(${t.context} ->> 'id', '')) gin_trgm_ops`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    senderType: senderType('sender_type').notNull(),
    senderId: uuid('sender_id'),
    kind: messageKind('kind').notNull().default('text'),
    body: text('body').notNull(),
    // Client-generated id: retries of the same message are stored once.
    clientId: text('client_id').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown> | null>(),
    // Hidden by the platform (abuse): kept as written for audit; customers and vendors see a placeholder.
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by'),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_conversation_client').on(t.conversationId, t.clientId),
    index('messages_conversation_id').on(t.conversationId, t.id),
  ],
);

/**
 * Search (server/search): message bodies as searched. Filled off the write path by the search indexer
 * (server/search/indexer.ts) from message_search_queue, so a customer's message never waits for its words to
 * be indexed. Whole words with the 'simple' configuration (no stemming: there is no Bengali stemmer, and one
 * configuration must serve Bengali, Banglish and English), plus trigrams for parts of words and Banglish
 * spelling variants. Notes are here too (staff search them); events are not.
 */
export const messageSearch = pgTable(
  'message_search',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
  },
  (t) => [
    index('message_search_fts').using('gin', sql`to_tsvector('simple', ${t.body})`).with({ gin_pending_list_limit: 1024 }),
    index('message_search_trgm').using('gin', t.body.op('gin_trgm_ops')).with({ gin_pending_list_limit: 1024 }),
  ],
);

/**
 * Messages written but not yet in message_search: filled by a statement trigger on messages (migration 0011),
 * emptied by the indexer. No foreign key, on purpose: its check would run per message on the write path; the
 * indexer drops entries whose message is gone. Search reads these messages directly, so nothing is missing
 * from results while the indexer catches up.
 */
export const messageSearchQueue = pgTable('message_search_queue', {
  messageId: bigint('message_id', { mode: 'number' }).primaryKey(),
});

// Per-agent read position, for unread counts in the desk.
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

// What the on-server models said about a customer message (server/ai), written after delivery.
export const messageAnnotations = pgTable(
  'message_annotations',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    lang: text('lang').notNull(),
    sentiment: text('sentiment').notNull(),
    sentimentScores: jsonb('sentiment_scores').$type<{ negative: number; neutral: number; positive: number }>().notNull(),
    intent: text('intent').notNull(),
    intentConfidence: real('intent_confidence').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('message_annotations_conversation').on(t.conversationId, t.messageId)],
);

// Every routing decision with its reason: the widget's default team, the models' intent routing, manual transfers.
export const routingDecisions = pgTable(
  'routing_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    // 'widget' (default team at start) | 'ai' (intent routing) | 'manual' (staff transfer or assignment)
    source: text('source').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    intent: text('intent'),
    confidence: real('confidence'),
    reason: text('reason').notNull(),
    // The reason as a code with parameters (lib/reasons.ts); null on rows written before it existed.
    detail: jsonb('detail').$type<ReasonDetail>(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('routing_decisions_conversation').on(t.conversationId, t.id)],
);

// In-app notifications for staff (escalations now; more kinds later). Pushed live, kept until read.
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // Title and body as codes with parameters (lib/reasons.ts), rendered in the reader's language.
    detail: jsonb('detail').$type<{ title: ReasonDetail; body: ReasonDetail | null }>(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user').on(t.userId, t.id)],
);

export type QualityReason = { key: string; points: number; max: number; detail: string };

// Quality score of a resolved conversation (0–100) with the reasons behind it; recomputed if it is resolved again.
export const conversationQuality = pgTable('conversation_quality', {
  conversationId: uuid('conversation_id')
    .primaryKey()
    .references(() => conversations.id, { onDelete: 'cascade' }),
  score: integer('score').notNull(),
  reasons: jsonb('reasons').$type<QualityReason[]>().notNull(),
  agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Files shared in a conversation (server/files). Kept under ATTACHMENTS_DIR by id, never by their name: in
 * quarantine until the virus scanner has passed them, then served from /files/ with a per-file token. Rejected
 * files are deleted; their row stays with the reason (infected, scanner unavailable).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' }),
    uploaderType: text('uploader_type').$type<'contact' | 'agent'>().notNull(),
    uploaderId: uuid('uploader_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    // The file's link carries a random token; only its hash is kept (as for sessions).
    tokenHash: text('token_hash').notNull(),
    status: text('status').$type<'quarantined' | 'clean' | 'rejected'>().notNull().default('quarantined'),
    scanResult: text('scan_result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }),
  },
  (t) => [index('attachments_conversation').on(t.conversationId)],
);
