import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { conversations } from './chat';
import { contacts, orders } from './commerce';
import { teams, users, workspaces } from './workspace';

// Tickets (server/tickets): work that outlives a chat. A chat becomes one by hand; a message left in the widget
// while nobody is online arrives as one. Numbered per workspace (#1, #2, …).
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    // open → pending (waiting on the customer) → solved → closed; merged: folded into another ticket.
    status: text('status').notNull().default('open'),
    priority: text('priority').notNull().default('normal'),
    source: text('source').notNull().default('chat'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => tickets.id, { onDelete: 'set null' }),
    // A follow-up reminder: the assignee (else the creator) is notified at remindAt.
    remindAt: timestamp('remind_at', { withTimezone: true }),
    reminderNote: text('reminder_note'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tickets_ws_number').on(t.workspaceId, t.number),
    index('tickets_ws_status').on(t.workspaceId, t.status, t.updatedAt),
    index('tickets_conversation').on(t.conversationId),
    index('tickets_contact').on(t.contactId),
    index('tickets_reminders').on(t.remindAt).where(sql`remind_at is not null and reminded_at is null`),
  ],
);
