import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversationPriority, conversations } from './chat';
import { teams, workspaces } from './workspace';

export type CalendarHours = { day: number; open: number; close: number }[];
export type CalendarHoliday = { date: string; name: string };

// Business hours for SLA clocks (server/sla/business-time.ts): a weekly schedule in a time zone and holidays.
export const businessCalendars = pgTable('business_calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('Asia/Dhaka'),
  hours: jsonb('hours').$type<CalendarHours>().notNull(),
  holidays: jsonb('holidays').$type<CalendarHoliday[]>().notNull().default(sql`'[]'::jsonb`),
  // The workspace's calendar for teams that name none.
  isDefault: boolean('is_default').notNull().default(false),
});

// SLA targets (seconds of business time) per team and priority; null team or priority: any. The most specific
// matching policy applies (team and priority, then team, then priority, then the catch-all).
export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
  priority: conversationPriority('priority'),
  firstResponseSeconds: integer('first_response_seconds'),
  nextResponseSeconds: integer('next_response_seconds'),
  resolutionSeconds: integer('resolution_seconds'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// One clock per conversation and kind ('first_response' | 'next_response' | 'resolution'). A running clock has a
// due time; a paused one (waiting on the customer) keeps the business seconds used so far; a stopped one says
// whether it was met. A new next-response cycle reuses the row (the history is in sla_events).
export const slaClocks = pgTable(
  'sla_clocks',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    policyId: uuid('policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    targetSeconds: integer('target_seconds').notNull(),
    usedSeconds: real('used_seconds').notNull().default(0),
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    runningSince: timestamp('running_since', { withTimezone: true, precision: 3 }),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    warnAt: timestamp('warn_at', { withTimezone: true, precision: 3 }),
    warnedAt: timestamp('warned_at', { withTimezone: true, precision: 3 }),
    breachedAt: timestamp('breached_at', { withTimezone: true, precision: 3 }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.kind] }),
    index('sla_clocks_due').on(t.dueAt).where(sql`status = 'running'`),
  ],
);

// What happened to SLA clocks, with durations already computed (business and wall-clock seconds): reports read these.
export const slaEvents = pgTable(
  'sla_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    // 'started' | 'paused' | 'resumed' | 'warning' | 'breached' | 'met' | 'missed'
    event: text('event').notNull(),
    targetSeconds: integer('target_seconds').notNull(),
    businessSeconds: real('business_seconds').notNull(),
    wallSeconds: real('wall_seconds').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('sla_events_workspace_at').on(t.workspaceId, t.at), index('sla_events_conversation').on(t.conversationId, t.id)],
);
