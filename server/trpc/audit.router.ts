import { z } from 'zod';
import { toCsv } from '@/lib/analytics/csv';
import { roleProcedure, router } from './trpc';

const admins = roleProcedure('admin');
const filters = z.object({
  action: z.string().trim().max(80).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

const entry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

// The audit trail of the admin's workspace: search, export (itself recorded) and the chain check.
export const auditRouter = router({
  search: admins
    .input(filters)
    .output(z.array(entry))
    .query(({ ctx, input }) => ctx.app.audit.search(ctx.actor.workspaceId, input)),
  exportCsv: admins
    .input(filters)
    .output(z.object({ csv: z.string(), rows: z.number() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.app.audit.search(ctx.actor.workspaceId, { ...input, limit: Math.max(input.limit, 1000) });
      await ctx.app.audit.record({ workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, actorRole: ctx.actor.role, ip: ctx.ip, action: 'audit.export', after: { ...input, rows: rows.length } });
      const csv = toCsv(
        ['id', 'at', 'actor', 'role', 'ip', 'action', 'target_type', 'target_id', 'before', 'after'],
        rows.map((r) => [r.id, r.at, r.actorName ?? r.actorId, r.actorRole, r.ip, r.action, r.targetType, r.targetId, r.before === null ? '' : JSON.stringify(r.before), r.after === null ? '' : JSON.stringify(r.after)]),
      );
      return { csv, rows: rows.length };
    }),
  verify: admins.output(z.object({ rows: z.number(), problems: z.array(z.object({ id: z.number(), problem: z.enum(['altered', 'chain_broken']) })) })).query(({ ctx }) => ctx.app.audit.verify()),
});
