import { z } from 'zod';
import { clientMessageId, conversationStatuses, conversationSummary, messageDto, notificationDto, priorities, routingDecisionDto, uuidSchema } from '@/lib/contracts/chat';
import { conversationQualityOutput, qualityByAgentOutput } from '@/lib/contracts/quality';
import { suggestRepliesOutput } from '@/lib/contracts/suggest';
import { vendorScorecard } from '@/server/vendor/scorecard';
import { cannedOutput, conversationDetailOutput, conversationListOutput, directoryOutput, historyOutput } from './desk.schemas';
import { roleProcedure, router } from './trpc';

// A note for whoever takes the conversation over: kept as a private note and in the routing history.
const handoverNote = z
  .string()
  .trim()
  .max(1000, 'The note is longer than 1,000 characters')
  .optional()
  .transform((v) => v || undefined);

const readers = roleProcedure('admin', 'supervisor', 'agent', 'executive', 'vendor');
const writers = roleProcedure('admin', 'supervisor', 'agent', 'vendor');
const deskOnly = roleProcedure('admin', 'supervisor', 'agent');
const supervisors = roleProcedure('admin', 'supervisor');
const qualityReaders = roleProcedure('admin', 'supervisor', 'executive');

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

  catalogue: writers
    .input(z.object({ conversationId: uuidSchema, search: z.string().trim().max(100).default('') }))
    .query(({ ctx, input }) => ctx.app.chat.listCatalogue(ctx.actor, input.conversationId, input.search)),

  sendCard: writers
    .input(
      z
        .object({ conversationId: uuidSchema, clientId: clientMessageId, productId: uuidSchema.optional(), orderId: uuidSchema.optional() })
        .refine((v) => !!v.productId !== !!v.orderId, { message: 'Choose one product or one order' }),
    )
    .output(messageDto)
    .mutation(({ ctx, input }) => ctx.app.chat.sendCard(ctx.actor, input)),

  // The platform in vendor conversations (platform staff only; the service checks).
  joinAsPlatform: deskOnly.input(z.object({ id: uuidSchema })).output(conversationSummary).mutation(({ ctx, input }) => ctx.app.chat.joinAsPlatform(ctx.actor, input.id)),
  takeOver: deskOnly.input(z.object({ id: uuidSchema })).output(conversationSummary).mutation(({ ctx, input }) => ctx.app.chat.takeOver(ctx.actor, input.id)),
  handBack: deskOnly.input(z.object({ id: uuidSchema })).output(conversationSummary).mutation(({ ctx, input }) => ctx.app.chat.handBack(ctx.actor, input.id)),
  hideMessage: deskOnly
    .input(z.object({ conversationId: uuidSchema, messageId: z.number().int().positive(), reason: z.string().trim().min(1, 'Say why').max(300) }))
    .output(messageDto)
    .mutation(({ ctx, input }) => ctx.app.chat.hideMessage(ctx.actor, input.conversationId, input.messageId, input.reason)),

  // Vendor response times apart from the platform's (vendors: their own; the platform: every vendor).
  vendorScorecard: readers
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }))
    .query(({ ctx, input }) => vendorScorecard(ctx.app.db, ctx.actor, input.days)),

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
    .input(z.object({ id: uuidSchema, assigneeId: uuidSchema.nullable(), note: handoverNote }))
    .mutation(({ ctx, input }) => ctx.app.chat.assign(ctx.actor, input.id, input.assigneeId, input.note)),

  transfer: deskOnly
    .input(z.object({ id: uuidSchema, teamId: uuidSchema, note: handoverNote }))
    .mutation(({ ctx, input }) => ctx.app.chat.transferToTeam(ctx.actor, input.id, input.teamId, input.note)),

  directory: readers.output(directoryOutput).query(({ ctx }) => ctx.app.desk.getDirectory(ctx.actor)),

  cannedResponses: writers
    .input(z.object({ search: z.string().max(60).default('') }))
    .output(cannedOutput)
    .query(({ ctx, input }) => ctx.app.desk.listCannedResponses(ctx.actor, input.search)),

  // Up to three replies for the customer's last message, in their language (server/ai/suggest.service.ts). Vendors:
  // their own conversations, drawing on canned responses and their own replies only. Never fails for model reasons.
  suggestReplies: writers
    .input(z.object({ conversationId: uuidSchema }))
    .output(suggestRepliesOutput)
    .query(({ ctx, input }) => ctx.app.suggest.suggestReplies(ctx.actor, input.conversationId)),

  supervisorOverview: supervisors.query(({ ctx }) => ctx.app.desk.getSupervisorOverview(ctx.actor)),

  // Quality score of a resolved conversation with its reasons (server/ai/quality.ts); executives may look.
  conversationQuality: qualityReaders
    .input(z.object({ conversationId: uuidSchema }))
    .output(conversationQualityOutput)
    .query(({ ctx, input }) => ctx.app.quality.getConversationQuality(ctx.actor, input.conversationId)),

  qualityByAgent: qualityReaders
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }).default({ days: 30 }))
    .output(qualityByAgentOutput)
    .query(({ ctx, input }) => ctx.app.quality.listQualityByAgent(ctx.actor, input.days)),

  // Why the conversation sits where it does: widget default, intent routing (with confidence), the queue,
  // auto-reassign, overflow, manual moves. Everyone who works conversations sees it; vendors do not.
  routingDecisions: deskOnly
    .input(z.object({ conversationId: uuidSchema }))
    .output(z.array(routingDecisionDto))
    .query(({ ctx, input }) => ctx.app.chat.listRoutingDecisions(ctx.actor, input.conversationId)),

  clearEscalation: supervisors
    .input(z.object({ id: uuidSchema }))
    .output(conversationSummary)
    .mutation(({ ctx, input }) => ctx.app.chat.clearEscalation(ctx.actor, input.id)),

  notifications: deskOnly
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30) }).default({ limit: 30 }))
    .output(z.object({ items: z.array(notificationDto), unread: z.number() }))
    .query(({ ctx, input }) => ctx.app.notifications.list(ctx.actor, input.limit)),

  // One notification (`id`, opened) or every one up to `upToId` ("mark all read").
  markNotificationsRead: deskOnly
    .input(z.union([z.object({ id: z.number().int().positive() }), z.object({ upToId: z.number().int().positive() })]))
    .mutation(({ ctx, input }) => ctx.app.notifications.markRead(ctx.actor, input)),
});
