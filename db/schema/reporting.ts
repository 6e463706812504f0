import { bigserial, date, doublePrecision, index, integer, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { orders } from './commerce';
import { workspaces } from './workspace';

export const reportingEventNames = [
  'conversation_created',
  // The first time the models read a customer message of the conversation: intent, language, sentiment.
  'classified',
  // The conversation's customer sentiment changed (the first reading counts): detail holds the label.
  'sentiment',
  'assigned',
  'first_response',
  'reply',
  'resolved',
  'reopened',
  'transfer',
  'sla_warning',
  'sla_breach',
  // An SLA clock stopped within its target (met) or after it (missed); detail: the clock's kind. SLA attainment
  // is met / (met + missed), read from the per-hour totals like every other metric.
  'sla_met',
  'sla_missed',
  'csat',
  // Calls in the widget have not landed yet: nothing writes this name so far.
  'call',
] as const;
export type ReportingEventName = (typeof reportingEventNames)[number];

/**
 * What happened, written when it happens (server/reporting), with durations already computed in wall-clock and
 * business seconds. Reports and the live dashboard aggregate these rows; they never recompute history from
 * messages. Dimensions are copied at the time of the event (team, agent, vendor, channel, intent, language).
 * conversation_id has no foreign key on purpose: analytics outlive a conversation that is erased or expired.
 */
export const reportingEvents = pgTable(
  'reporting_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id'),
    name: text('name').$type<ReportingEventName>().notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    agentId: uuid('agent_id'),
    teamId: uuid('team_id'),
    vendorId: uuid('vendor_id'),
    channel: text('channel'),
    intent: text('intent'),
    lang: text('lang'),
    // first_response: since the conversation started; reply: since the customer's oldest unanswered message;
    // resolved: since the conversation started; sla_*: the clock's business (and wall-clock) seconds when recorded.
    wallSeconds: real('wall_seconds'),
    businessSeconds: real('business_seconds'),
    // csat: the rating (1-5); sentiment: P(positive) - P(negative).
    value: real('value'),
    // sentiment label, SLA clock kind, the team a transfer came from.
    detail: text('detail'),
  },
  (t) => [
    index('reporting_events_ws_name_at').on(t.workspaceId, t.name, t.at),
    index('reporting_events_conversation').on(t.conversationId),
  ],
);

/**
 * Per-hour totals of reporting_events, one set per dimension (dim 'all', 'agent', 'team', 'vendor', 'channel',
 * 'intent', 'language'; key: that dimension's value, null when the event has none), kept up to date by a
 * statement trigger on reporting_events (migrations 0012, 0014). A chart by one dimension reads only that
 * dimension's rows: at most one per hour and key, however many other dimensions an event has.
 * dim 'label' (key: the label) counts each event under every label its conversation has now: a trigger on
 * conversations moves a conversation's totals when its labels change (migration 0014).
 */
export const reportingDimensions = ['all', 'agent', 'team', 'vendor', 'channel', 'intent', 'language', 'label'] as const;
// The columns every totals table shares: what was counted, by which dimension and key, and the sums.
const totalsColumns = () => ({
  name: text('name').$type<ReportingEventName>().notNull(),
  dim: text('dim').$type<(typeof reportingDimensions)[number]>().notNull(),
  key: text('key'),
  detail: text('detail'),
  count: integer('count').notNull(),
  wallSum: doublePrecision('wall_sum').notNull().default(0),
  businessSum: doublePrecision('business_sum').notNull().default(0),
  valueSum: doublePrecision('value_sum').notNull().default(0),
});
export const reportingHourly = pgTable(
  'reporting_hourly',
  {
    workspaceId: uuid('workspace_id').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    ...totalsColumns(),
  },
  // One row per hour, dimension, key and detail (a missing key or detail is a value too); it also serves the
  // reports' range scans (workspace, event, dimension, then hours).
  (t) => [unique('reporting_hourly_key').on(t.workspaceId, t.name, t.dim, t.hour, t.key, t.detail).nullsNotDistinct()],
);

/**
 * The same totals per day of the workspace's calendar (its default business calendar's timezone, the day an hour
 * starts in), for ranges of days and weeks: a 90-day chart reads about 90 rows per key instead of 2,160. Kept by
 * the same triggers as reporting_hourly (migration 0016) and rebuilt from it when the default calendar's timezone
 * changes.
 */
export const reportingDaily = pgTable(
  'reporting_daily',
  {
    workspaceId: uuid('workspace_id').notNull(),
    day: date('day').notNull(),
    ...totalsColumns(),
  },
  (t) => [unique('reporting_daily_key').on(t.workspaceId, t.name, t.dim, t.day, t.key, t.detail).nullsNotDistinct()],
);

/** The timezone reporting_daily's days were counted in, per workspace (migration 0016). */
export const reportingDailyTimezones = pgTable('reporting_daily_timezones', {
  workspaceId: uuid('workspace_id').primaryKey(),
  timezone: text('timezone').notNull(),
});

/**
 * Which conversation each order is credited to: the customer's latest conversation that started at or before
 * the order (last touch), and how long before. Kept by triggers (migration 0015): when an order is recorded or
 * moved, and when a conversation starts before orders already recorded (imports, history). The revenue report
 * keeps those within its window of days instead of matching every conversation with every order when read.
 * conversation_id has no foreign key: like the reporting events, it outlives an erased conversation.
 */
export const orderAttributions = pgTable(
  'order_attributions',
  {
    orderId: uuid('order_id')
      .primaryKey()
      .references(() => orders.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    gapSeconds: real('gap_seconds').notNull(),
  },
  (t) => [index('order_attributions_conversation').on(t.conversationId)],
);

/**
 * Conversations the models first read as a refund, return or cancellation request, with the order the request is
 * about (the one the conversation names, else the customer's latest before it), linked when the reading is
 * recorded (a trigger on reporting_events, migration 0015). "Refunds avoided" counts those whose order was kept.
 */
export const refundRequests = pgTable(
  'refund_requests',
  {
    conversationId: uuid('conversation_id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    // When the conversation started (the report's range) and when the models read the request.
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
  },
  (t) => [index('refund_requests_ws_started').on(t.workspaceId, t.startedAt)],
);
