import { z } from 'zod';
import { conversationStatuses, conversationSummary, priorities, uuidSchema } from '@/lib/contracts/chat';
import { cannedOutput, conversationDetailOutput, conversationListOutput, directoryOutput, historyOutput } from './desk.schemas';
import { roleProcedure, router } from './trpc';

const readers = roleProcedure('admin', 'supervisor', 'agent', 'executive', 'vendor');
const writers = roleProcedure('admin', 'supervisor', 'agent', 'vendor');
const deskOnly = roleProcedure('admin', 'supervisor', 'agent');

export const deskRouter = router({
  listConversations: readers
    .input(
      z.object({
        view: z.enum(['unassigned', 'mine', 'teams', 'all']).default('all'),
        statuses: z.array(z.enum(conversationStatuses)).max(4).default(['open']),
        channel: z.string().max(30).optional(),
        priority: z.enum(priorities).optional(),
        label: z.string().max(60).optional(),
        cursor: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(100).default(30),
      }),
    )
    .output(conversationListOutput)
    .query(({ ctx, input }) => ctx.app.chat.listConversations(ctx.actor, input)),

  conversation: readers.input(z.object({ id: uuidSchema })).output(conversationDetailOutput).query(({ ctx, input }) => ctx.app.chat.getConversationDetail(ctx.actor, input.id)),

  history: readers
    .input(z.object({ conversationId: uuidSchema, beforeId: z.number().int().positive().nullish(), limit: z.number().int().min(1).max(100).default(30) }))
    .output(historyOutput)
    .query(({ ctx, input }) => ctx.app.chat.listHistory(ctx.actor, input.conversationId, input.beforeId ?? null, input.limit)),

  setStatus: writers
    .input(z.object({ id: uuidSchema, status: z.enum(conversationStatuses), snoozedUntil: z.coerce.date().optional() }))
    .output(conversationSummary)
    .mutation(({ ctx, input }) => ctx.app.chat.setStatus(ctx.actor, input.id, input.status, input.snoozedUntil)),

  setPriority: deskOnly
    .input(z.object({ id: uuidSchema, priority: z.enum(priorities) }))
    .mutation(({ ctx, input }) => ctx.app.chat.setPriority(ctx.actor, input.id, input.priority)),

  setLabels: writers
    .input(z.object({ id: uuidSchema, labels: z.array(z.string().trim().min(1).max(60)).max(20) }))
    .output(conversationSummary)
    .mutation(({ ctx, input }) => ctx.app.chat.setLabels(ctx.actor, input.id, input.labels)),

  assign: deskOnly
    .input(z.object({ id: uuidSchema, assigneeId: uuidSchema.nullable() }))
    .mutation(({ ctx, input }) => ctx.app.chat.assign(ctx.actor, input.id, input.assigneeId)),

  transfer: deskOnly
    .input(z.object({ id: uuidSchema, teamId: uuidSchema }))
    .mutation(({ ctx, input }) => ctx.app.chat.transferToTeam(ctx.actor, input.id, input.teamId)),

  directory: readers.output(directoryOutput).query(({ ctx }) => ctx.app.desk.getDirectory(ctx.actor)),

  cannedResponses: writers
    .input(z.object({ search: z.string().max(60).default('') }))
    .output(cannedOutput)
    .query(({ ctx, input }) => ctx.app.desk.listCannedResponses(ctx.actor, input.search)),

  supervisorOverview: roleProcedure('admin', 'supervisor').query(({ ctx }) => ctx.app.desk.getSupervisorOverview(ctx.actor)),
});
