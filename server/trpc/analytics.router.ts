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
  // Volume forecast for the next 14 days and the agents it needs (what-if: handle time, target, concurrency).
  forecast: viewers
    .input(
      z.object({
        ahtSeconds: z.number().int().min(10, 'Handle time is at least 10 seconds').max(7200, 'Handle time is at most 2 hours').optional(),
        targetSeconds: z.number().int().min(5).max(3600).default(60),
        serviceLevel: z.number().min(0.5, 'Service level is at least 50%').max(0.99, 'Service level is at most 99%').default(0.8),
        concurrency: z.number().min(1).max(10).default(2),
        shrinkage: z.number().min(0).max(0.6).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const online = await ctx.app.dashboard.agentsOnline(ctx.actor.workspaceId);
      return ctx.app.forecasts.forecast(ctx.actor.workspaceId, input, online);
    }),
  revenue: viewers
    .input(
      z.object({
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        days: z.number().int().min(1).max(90).default(7),
        dimension: z.enum(['agent', 'team', 'vendor']).default('agent'),
      }),
    )
    .query(({ ctx, input }) => ctx.app.revenue.report(ctx.actor.workspaceId, input)),
  // Staff who may read the conversation (vendors: their own) download its transcript as CSV.
  transcriptCsv: roleProcedure('admin', 'supervisor', 'agent', 'executive', 'vendor')
    .input(z.object({ conversationId: uuidSchema }))
    .query(({ ctx, input }) => ctx.app.reports.transcriptCsv(ctx.actor, input.conversationId)),
});
