import { z } from 'zod';

/**
 * The parts of a conversation's quality score (server/ai/quality.ts). Each key is one line the supervisor sees,
 * with the points it earned out of its maximum; the desk translates the key, the detail stays English.
 */
export const QUALITY_KEYS = [
  'first_response',
  'no_reopen',
  'resolution_time',
  'last_message_answered',
  'sentiment',
  'greeting',
  'language',
  'empathy',
  'no_long_silences',
  'no_one_word_replies',
] as const;
export type QualityKey = (typeof QUALITY_KEYS)[number];

// Stored rows outlive key renames: the output takes any key and the desk shows unknown ones as they are.
export const qualityReasonSchema = z.object({
  key: z.string(),
  points: z.number().int().min(0),
  max: z.number().int().min(0),
  detail: z.string(),
});

/** desk.conversationQuality: null while the conversation is not resolved (or has nothing to score). */
export const conversationQualityOutput = z
  .object({
    conversationId: z.string(),
    score: z.number().int().min(0).max(100),
    reasons: z.array(qualityReasonSchema),
    agentId: z.string().nullable(),
    agentName: z.string().nullable(),
    computedAt: z.string(),
  })
  .nullable();
export type ConversationQualityDto = NonNullable<z.infer<typeof conversationQualityOutput>>;

/** desk.qualityByAgent: each agent's mean score over the conversations they resolved in the window. */
export const qualityByAgentOutput = z.object({
  days: z.number().int(),
  agents: z.array(z.object({ agentId: z.string(), average: z.number().int(), count: z.number().int() })),
});
