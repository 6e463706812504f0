import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail (server/audit): every state change by staff and every security event, append-only. Each row
 * holds the hash of the row before it and its own hash over its fields (SQL function `audit_row_hash`, set by a
 * trigger under a lock, so the chain has no forks); triggers refuse UPDATE, DELETE and TRUNCATE (migration
 * 0018). `npm run audit:verify` recomputes the chain and reports any altered or missing row.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id'),
    at: timestamp('at', { withTimezone: true, precision: 6 }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    ip: text('ip'),
    // e.g. 'auth.sign_in', 'auth.sign_in_failed', 'desk.assign', 'security.csrf_refused'
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull().default(''),
    hash: text('hash').notNull().default(''),
  },
  (t) => [index('audit_log_ws_at').on(t.workspaceId, t.at), index('audit_log_action').on(t.action)],
);
