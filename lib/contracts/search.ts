import { z } from 'zod';
import { conversationStatuses, uuidSchema } from './chat';

// Search over messages, customers and conversations (server/search), shared by the server and the desk.
export const SEARCH_MAX_QUERY = 200;
export const searchKinds = ['all', 'messages', 'customers', 'conversations'] as const;
export type SearchKind = (typeof searchKinds)[number];

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const searchQuery = z
  .string({ error: 'Type something to search for' })
  .transform((s) => s.normalize('NFC').trim())
  .refine((s) => s.length > 0, { message: 'Type something to search for' })
  .refine((s) => s.length <= SEARCH_MAX_QUERY, { message: `The search is longer than ${SEARCH_MAX_QUERY} characters` })
  // Postgres rejects NUL and broken UTF-16 in text: a clear 400 instead of a database error.
  .refine((s) => !hasLoneSurrogate(s) && !s.includes('\u0000'), { message: 'The search is not valid text' });

export const searchFilters = z
  .object({
    status: z.enum(conversationStatuses).optional(),
    teamId: uuidSchema.optional(),
    assigneeId: uuidSchema.optional(),
    // Messages: when written; customers and conversations: their last activity.
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '"From" is after "to"', path: ['to'] });
export type SearchFilters = z.infer<typeof searchFilters>;

export const searchInput = z.object({
  q: searchQuery,
  filters: searchFilters.default({}),
  kind: z.enum(searchKinds).default('all'),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.infer<typeof searchInput>;

// The matched text as plain text with [start, end) ranges to highlight: the desk renders it as text, never as HTML.
export const searchSnippet = z.object({
  text: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchSnippet = z.infer<typeof searchSnippet>;

export const searchHit = z.object({
  kind: z.enum(['message', 'customer', 'conversation']),
  conversationId: uuidSchema,
  conversationStatus: z.enum(conversationStatuses),
  contactId: uuidSchema,
  contactName: z.string().nullable(),
  // Null for vendor staff, as in the conversation detail.
  email: z.string().nullable(),
  phone: z.string().nullable(),
  messageId: z.number().int().nullable(),
  senderType: z.enum(['contact', 'agent', 'system']).nullable(),
  isNote: z.boolean(),
  // What matched: the message, the customer's name/email/phone, or the product or order of the conversation.
  snippet: searchSnippet,
  at: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchOutput = z.object({ items: z.array(searchHit), tookMs: z.number() });
export type SearchOutput = z.infer<typeof searchOutput>;
