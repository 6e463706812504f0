import { z } from 'zod';
import { uuidSchema } from '@/lib/contracts/chat';
import { createTicketInput, mergeTicketInput, reminderInput, ticketListInput, updateTicketInput } from '@/lib/contracts/tickets';
import { roleProcedure, router } from './trpc';

const readers = roleProcedure('admin', 'supervisor', 'agent', 'executive');
const writers = roleProcedure('admin', 'supervisor', 'agent');

// Tickets are the platform's: desk staff write, executives read, vendors neither (server/tickets checks again).
export const ticketsRouter = router({
  list: readers.input(ticketListInput).query(({ ctx, input }) => ctx.app.tickets.list(ctx.actor, input)),
  get: readers.input(z.object({ id: uuidSchema })).query(({ ctx, input }) => ctx.app.tickets.get(ctx.actor, input.id)),
  forConversation: readers
    .input(z.object({ conversationId: uuidSchema }))
    .query(({ ctx, input }) => ctx.app.tickets.forConversation(ctx.actor, input.conversationId)),
  create: writers.input(createTicketInput).mutation(({ ctx, input }) => ctx.app.tickets.createFromConversation(ctx.actor, input)),
  update: writers.input(updateTicketInput).mutation(({ ctx, input }) => ctx.app.tickets.update(ctx.actor, input)),
  merge: writers.input(mergeTicketInput).mutation(({ ctx, input }) => ctx.app.tickets.merge(ctx.actor, input.id, input.intoNumber)),
  setReminder: writers.input(reminderInput).mutation(({ ctx, input }) => ctx.app.tickets.setReminder(ctx.actor, input.id, input.remindAt, input.note)),
});
