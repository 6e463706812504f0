import { z } from 'zod';
import { drillInput, reportInput } from '@/lib/contracts/analytics';
import { uuidSchema } from '@/lib/contracts/chat';
import { roleProcedure, router } from './trpc';

// Dashboards and reports: executives, supervisors and admins.
const viewers = roleProcedure('executive', 'supervisor', 'admin');

/** Live numbers, reports with drill-down, forecasting and staffing (server/reporting). */
export const analyticsRouter = router({
  live: viewers.query(({ ctx }) => ctx.app.dashboard.live(ctx.actor.workspaceId)),
  report: viewers.input(reportInput).query(({ ctx, input }) => ctx.app.reports.series(ctx.actor.workspaceId, input)),
  drill: viewers.input(drillInput).query(({ ctx, input }) => ctx.app.reports.drill(ctx.actor.workspaceId, input)),
  leaderboard: viewers
    .input(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }))
    .query(({ ctx, input }) => ctx.app.reports.leaderboard(ctx.actor.workspaceId, input.from, input.to)),
  // Staff who may read the conversation (vendors: their own) download its transcript as CSV.
  transcriptCsv: roleProcedure('admin', 'supervisor', 'agent', 'executive', 'vendor')
    .input(z.object({ conversationId: uuidSchema }))
    .query(({ ctx, input }) => ctx.app.reports.transcriptCsv(ctx.actor, input.conversationId)),
});
