import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ExperimentKind, ExperimentMetric, ExperimentStatus, ExperimentVariant } from '../../lib/contracts/experiments';
import { contacts } from './commerce';
import { users, widgets, workspaces } from './workspace';

/**
 * A/B experiments on chat features (server/experiments). Variants and weights are frozen once the experiment
 * starts: assignment hashes the visitor id over them (lib/analytics/experiment-stats.ts), so changing either
 * would move visitors between arms mid-test.
 */
export const experiments = pgTable(
  'experiments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    // Part of the assignment hash: two experiments with different keys assign independently.
    key: text('key').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ExperimentKind>().notNull(),
    status: text('status').$type<ExperimentStatus>().notNull().default('draft'),
    // A greeting (or proactive delay) experiment on one widget; null: every widget of the workspace.
    widgetId: uuid('widget_id').references(() => widgets.id, { onDelete: 'set null' }),
    // The first variant is the control.
    variants: jsonb('variants').$type<ExperimentVariant[]>().notNull(),
    primaryMetric: text('primary_metric').$type<ExperimentMetric>().notNull(),
    // Absolute, in the metric's unit: a share for rates, rating points for CSAT, seconds for first response.
    minDetectableEffect: real('min_detectable_effect').notNull(),
    // conversion: an order within this many days after the exposure counts.
    conversionDays: integer('conversion_days').notNull().default(7),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('experiments_workspace_key').on(t.workspaceId, t.key), index('experiments_ws_kind_status').on(t.workspaceId, t.kind, t.status)],
);

/** Who saw which variant, logged once per contact (the first exposure's time is when their outcomes start counting). */
export const experimentExposures = pgTable(
  'experiment_exposures',
  {
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    variant: text('variant').notNull(),
    // Full (microsecond) precision like conversations.created_at: rounding to milliseconds could put the exposure
    // after a conversation started right after it.
    exposedAt: timestamp('exposed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.contactId] }), index('experiment_exposures_contact').on(t.contactId)],
);
