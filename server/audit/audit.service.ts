import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { auditLog } from '@/db/schema';
import { errorText, logger } from '@/server/core/logger';

export type AuditEntry = {
  workspaceId?: string | null;
  actorId?: string | null;
  actorRole?: string | null;
  ip?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

export type AuditProblem = { id: number; problem: 'altered' | 'chain_broken' };

// Never stored, whatever a procedure's input holds.
const SECRET_KEYS = /pass(word)?|secret|token|totp|(^|recovery)code$|challenge/i;

/** A copy of a procedure's input fit for the log: secrets replaced, long text cut, at most 4 levels deep. */
export function redactForAudit(v: unknown, depth = 0): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > 500 ? `${v.slice(0, 500)}…` : v;
  if (typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (depth >= 4) return '…';
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => redactForAudit(x, depth + 1));
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redactForAudit(x, depth + 1)]));
}

/**
 * The audit trail: staff actions and security events, appended to a hash-chained table the database keeps
 * append-only (migration 0018). Writing is best effort for the caller (a failed append is logged, never
 * thrown into the action it describes); `verify` recomputes the whole chain.
 */
export class AuditService {
  constructor(private db: Db) {}

  async record(e: AuditEntry) {
    try {
      await this.db.insert(auditLog).values({
        workspaceId: e.workspaceId ?? null,
        actorId: e.actorId ?? null,
        actorRole: e.actorRole ?? null,
        ip: e.ip ?? null,
        action: e.action,
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        before: e.before === undefined ? null : redactForAudit(e.before),
        after: e.after === undefined ? null : redactForAudit(e.after),
      });
    } catch (err) {
      logger.error('audit.append_failed', { action: e.action, error: errorText(err) });
    }
  }

  /** Every row whose hash does not match its fields (altered), or whose predecessor is not the row before it (a row missing or put back out of order). */
  async verify(): Promise<{ rows: number; problems: AuditProblem[] }> {
    const problems: AuditProblem[] = [];
    let rows = 0;
    let lastHash = '';
    for (let after = 0; ; ) {
      const batch = rowsOf<{ id: unknown; prev_hash: string; hash: string; recomputed: string }>(
        await this.db.execute(sql`select a.id, a.prev_hash, a.hash, audit_row_hash(a.prev_hash, a) as recomputed from audit_log a where a.id > ${after} order by a.id limit 5000`),
      );
      for (const r of batch) {
        const id = Number(r.id);
        if (r.prev_hash !== lastHash) problems.push({ id, problem: 'chain_broken' });
        if (r.hash !== r.recomputed) problems.push({ id, problem: 'altered' });
        lastHash = r.hash;
        after = id;
        rows++;
      }
      if (batch.length < 5000) break;
    }
    return { rows, problems };
  }

  async list(workspaceId: string, opts: { action?: string; limit?: number } = {}) {
    return rowsOf<Record<string, unknown>>(
      await this.db.execute(sql`select id, at, actor_id, actor_role, ip, action, target_type, target_id, before, after from audit_log
        where workspace_id = ${workspaceId} ${opts.action ? sql`and action = ${opts.action}` : sql``} order by id desc limit ${opts.limit ?? 100}`),
    );
  }

  /** The newest entries of a workspace matching the filters (action: a prefix, e.g. "desk." or "auth.sign_in"; dates in UTC, inclusive). */
  async search(workspaceId: string, f: { action?: string; actorId?: string; from?: string; to?: string; limit: number }) {
    const rows = rowsOf<{ id: unknown; at: string | Date; actor_id: string | null; actor_name: string | null; actor_role: string | null; ip: string | null; action: string; target_type: string | null; target_id: string | null; before: unknown; after: unknown }>(
      await this.db.execute(sql`select a.id, a.at, a.actor_id, u.name as actor_name, a.actor_role, a.ip, a.action, a.target_type, a.target_id, a.before, a.after
        from audit_log a left join users u on u.id = a.actor_id
        where a.workspace_id = ${workspaceId}
          ${f.action ? sql`and a.action like ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``}
          ${f.actorId ? sql`and a.actor_id = ${f.actorId}::uuid` : sql``}
          ${f.from ? sql`and a.at >= ${f.from}::date` : sql``}
          ${f.to ? sql`and a.at < ${f.to}::date + 1` : sql``}
        order by a.id desc limit ${f.limit}`),
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      ip: r.ip,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before ?? null,
      after: r.after ?? null,
    }));
  }
}
