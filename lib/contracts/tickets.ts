import { z } from 'zod';

export const ticketStatuses = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number] | 'merged';
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

const id = z.uuid({ error: 'Invalid id' });
const subject = z.string().trim().min(1, 'Give the ticket a subject').max(200, 'At most 200 characters');

export const createTicketInput = z.object({
  conversationId: id,
  subject,
  priority: z.enum(ticketPriorities).default('normal'),
  dueAt: z.coerce.date().nullish(),
  orderId: id.nullish(),
});

export const updateTicketInput = z.object({
  id,
  subject: subject.optional(),
  status: z.enum(ticketStatuses).optional(),
  priority: z.enum(ticketPriorities).optional(),
  dueAt: z.coerce.date().nullable().optional(),
  assigneeId: id.nullable().optional(),
  orderId: id.nullable().optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketInput>;

export const reminderInput = z.object({ id, remindAt: z.coerce.date().nullable(), note: z.string().trim().max(300).optional() });
export const mergeTicketInput = z.object({ id, intoNumber: z.number().int().positive() });

export const ticketListInput = z.object({
  status: z.enum([...ticketStatuses, 'merged', 'active']).default('active'),
  priority: z.enum(ticketPriorities).optional(),
  assignee: z.union([z.literal('me'), z.literal('unassigned'), id]).optional(),
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export type TicketDto = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  source: string;
  dueAt: string | null;
  overdue: boolean;
  conversationId: string | null;
  contactId: string | null;
  contactName: string | null;
  orderId: string | null;
  orderNumber: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  mergedIntoNumber: number | null;
  remindAt: string | null;
  reminderNote: string | null;
  createdAt: string;
  updatedAt: string;
  solvedAt: string | null;
};
