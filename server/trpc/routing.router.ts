import { z } from 'zod';
import { uuidSchema } from '@/lib/contracts/chat';
import { routingStrategies } from '@/server/routing/strategies';
import { roleProcedure, router } from './trpc';

const supervisors = roleProcedure('admin', 'supervisor');

// Limits in seconds; the desk shows minutes. At least 5 s (tests use short ones), at most a day.
const limitSeconds = z.number().int().min(5, 'At least 5 seconds').max(86_400, 'At most one day').nullable();

export const routingLanguages = ['bn', 'en', 'banglish'] as const;

/** Routing settings: each team's strategy and timers, each agent's capacity, languages and skills. */
export const routingRouter = router({
  settings: supervisors.query(({ ctx }) => ctx.app.routing.listSettings(ctx.actor.workspaceId)),

  updateTeam: supervisors
    .input(
      z.object({
        teamId: uuidSchema,
        routingStrategy: z.enum(routingStrategies).optional(),
        reassignAfterSeconds: limitSeconds.optional(),
        overflowAfterSeconds: limitSeconds.optional(),
        overflowTeamId: uuidSchema.nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { teamId, ...set } = input;
      const team = await ctx.app.routing.updateTeam(ctx.actor.workspaceId, teamId, set);
      ctx.app.queue.kick();
      return team;
    }),

  updateAgent: supervisors
    .input(
      z.object({
        userId: uuidSchema,
        maxConcurrentChats: z.number().int().min(1, 'At least 1 chat').max(50, 'At most 50 chats').optional(),
        languages: z.array(z.enum(routingLanguages)).max(3).optional(),
        skills: z.array(z.string().trim().min(1).max(40)).max(20, 'At most 20 skills').optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { userId, ...set } = input;
      const agent = await ctx.app.routing.updateAgent(ctx.actor.workspaceId, userId, set);
      ctx.app.queue.kick();
      return agent;
    }),
});
