import { z } from 'zod';
import { langSchema } from './ai';

// Reply suggestions for the desk's composer (server/ai/suggest.service.ts). Staff only.
export const replySuggestionSchema = z.object({
  /** `canned:<id>` or `history:<reply message id>`. */
  id: z.string(),
  text: z.string(),
  source: z.enum(['canned', 'history']),
  /** Similarity to the customer's last message under `method` (higher is closer; not comparable across methods). */
  score: z.number(),
});
export type ReplySuggestion = z.infer<typeof replySuggestionSchema>;

export const suggestRepliesOutput = z.object({
  /** False when suggestions could not be computed; the list is then empty. */
  available: z.boolean(),
  method: z.enum(['tfidf', 'encoder', 'hybrid']).nullable(),
  /** The customer message the suggestions answer; null when the customer has not written yet. */
  messageId: z.number().nullable(),
  lang: z.union([langSchema, z.literal('unknown')]).nullable(),
  suggestions: z.array(replySuggestionSchema).max(3),
  /** True when a running A/B experiment keeps suggestions off for this conversation's customer. */
  withheld: z.boolean().optional(),
});
export type SuggestRepliesOutput = z.infer<typeof suggestRepliesOutput>;
