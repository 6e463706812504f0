import { z } from 'zod';
import { conversationStatuses, conversationSummary, messageDto, presenceStatuses, roles } from '@/lib/contracts/chat';

// Declared outputs of the desk procedures vendors can reach: no internal column leaves by accident.
export const conversationListOutput = z.object({
  items: z.array(conversationSummary.extend({ unreadCount: z.number() })),
  nextCursor: z.string().nullable(),
});

export const conversationDetailOutput = z.object({
  conversation: conversationSummary,
  contact: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      isVerified: z.boolean(),
      externalId: z.string().nullable(),
      locale: z.string().nullable(),
      createdAt: z.string(),
      lastSeenAt: z.string().nullable(),
    })
    .nullable(),
  pastConversations: z.array(
    z.object({ id: z.string(), status: z.enum(conversationStatuses), createdAt: z.string(), lastMessagePreview: z.string().nullable() }),
  ),
  orders: z.array(
    z.object({
      id: z.string(),
      orderNumber: z.string(),
      status: z.string(),
      totalBdt: z.number(),
      paymentMethod: z.string(),
      courier: z.string().nullable(),
      placedAt: z.string(),
      items: z.array(z.object({ name: z.string(), qty: z.number(), priceBdt: z.number() })),
    }),
  ),
  csat: z.object({ rating: z.number(), comment: z.string().nullable(), at: z.string() }).nullable(),
});

export const historyOutput = z.object({ messages: z.array(messageDto), hasMore: z.boolean() });

export const directoryOutput = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(roles), avatarUrl: z.string().nullable(), presence: z.enum(presenceStatuses) })),
  teams: z.array(z.object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) })),
  labels: z.array(z.object({ name: z.string(), color: z.string() })),
});

export const cannedOutput = z.array(z.object({ id: z.string(), shortCode: z.string(), title: z.string(), content: z.string(), lang: z.string().nullable() }));
