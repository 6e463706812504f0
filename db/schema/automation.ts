import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './chat';
import { contacts } from './commerce';
import { teams, users, vendors, workspaces } from './workspace';
import type { RuleAction, RuleCondition } from '../../lib/contracts/automation';

// Automation rules (server/automation): when a trigger fires and the conditions hold, the actions run, in
// `position` order. Conditions and actions are validated with lib/contracts/automation.ts on every write.
export const automationRules = pgTable(
  'automation_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    trigger: text('trigger').notNull(),
    // 'all': every condition must hold; 'any': one is enough.
    match: text('match').notNull().default('all'),
    conditions: jsonb('conditions').$type<RuleCondition[]>().notNull(),
    actions: jsonb('actions').$type<RuleAction[]>().notNull(),
    position: integer('position').notNull().default(0),
    // conversation_idle rules: how long an open conversation has had no message before the rule runs.
    idleMinutes: integer('idle_minutes'),
    runCount: integer('run_count').notNull().default(0),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('automation_rules_ws_trigger').on(t.workspaceId, t.trigger)],
);

// What each rule did, to which conversation (audit, "why did this happen", loop protection).
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    actions: jsonb('actions').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('automation_runs_conversation').on(t.conversationId, t.id), index('automation_runs_rule').on(t.ruleId, t.id)],
);

// One click runs several actions (label, priority, canned reply, note, assign, resolve) on a conversation.
export const macros = pgTable(
  'macros',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    actions: jsonb('actions').$type<RuleAction[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('macros_ws').on(t.workspaceId)],
);

// The customer's rating of a resolved conversation (1–5 stars and a comment), one per conversation: rating it
// again replaces it. Who handled it is kept as it was at rating time, for agent and vendor reports.
export const csatResponses = pgTable(
  'csat_responses',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    vendorId: uuid('vendor_id').references(() => vendors.id, { onDelete: 'set null' }),
    rating: smallint('rating').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('csat_ws_created').on(t.workspaceId, t.createdAt), check('csat_rating_range', sql`${t.rating} between 1 and 5`)],
);
