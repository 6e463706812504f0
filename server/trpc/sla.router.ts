import { z } from 'zod';
import { priorities, uuidSchema } from '@/lib/contracts/chat';
import { AppError } from '@/server/core/app-error';
import { ALWAYS_OPEN, addBusinessSeconds } from '@/server/sla/business-time';
import { roleProcedure, router } from './trpc';

const supervisors = roleProcedure('admin', 'supervisor');
const desk = roleProcedure('admin', 'supervisor', 'agent');

// Targets in seconds of business time; the settings page shows minutes and hours.
const target = z.number().int().min(60, 'At least one minute').max(90 * 86_400, 'At most 90 days').nullable();
const minutes = z.number().int().min(0).max(1440);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD');

/** SLA policies and business calendars (supervisors, admins) and a conversation's clocks (the desk). */
export const slaRouter = router({
  settings: supervisors.query(({ ctx }) => ctx.app.sla.settings(ctx.actor.workspaceId)),

  savePolicy: supervisors
    .input(
      z.object({
        id: uuidSchema.optional(),
        name: z.string().trim().min(1, 'Name the policy').max(80),
        teamId: uuidSchema.nullable(),
        priority: z.enum(priorities).nullable(),
        firstResponseSeconds: target,
        nextResponseSeconds: target,
        resolutionSeconds: target,
      }),
    )
    .mutation(({ ctx, input }) => ctx.app.sla.savePolicy(ctx.actor.workspaceId, input)),

  deletePolicy: supervisors.input(z.object({ id: uuidSchema })).mutation(({ ctx, input }) => ctx.app.sla.deletePolicy(ctx.actor.workspaceId, input.id)),

  saveCalendar: supervisors
    .input(
      z.object({
        id: uuidSchema.optional(),
        name: z.string().trim().min(1).max(80),
        timezone: z.string().min(1).max(64),
        hours: z.array(z.object({ day: z.number().int().min(0).max(6), open: minutes, close: minutes })).max(28),
        holidays: z.array(z.object({ date: isoDate, name: z.string().trim().max(80) })).max(366),
        isDefault: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // A bad time zone or schedule is refused here, not discovered by a clock later.
      try {
        addBusinessSeconds({ ...ALWAYS_OPEN, timezone: input.timezone, hours: input.hours }, new Date(), 60);
      } catch (e) {
        throw new AppError('BAD_REQUEST', (e as Error).message);
      }
      return ctx.app.sla.saveCalendar(ctx.actor.workspaceId, input);
    }),

  setTeamCalendar: supervisors
    .input(z.object({ teamId: uuidSchema, calendarId: uuidSchema.nullable() }))
    .mutation(({ ctx, input }) => ctx.app.sla.setTeamCalendar(ctx.actor.workspaceId, input.teamId, input.calendarId)),

  clocks: desk.input(z.object({ conversationId: uuidSchema })).query(async ({ ctx, input }) => {
    const c = await ctx.app.chat.getAccessibleConversation(ctx.actor, input.conversationId);
    return ctx.app.sla.listClocks(c);
  }),
});
