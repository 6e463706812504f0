import { z } from 'zod';

// What the on-server models say about one customer message (server/ai). Shared with the desk.
export const LANGS = ['en', 'bn', 'banglish', 'mixed'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const INTENTS = ['order_status', 'cancel_order', 'return_refund', 'payment', 'account', 'product_info', 'other'] as const;

export const langSchema = z.enum(LANGS);
export const sentimentSchema = z.enum(SENTIMENTS);
export const intentSchema = z.enum(INTENTS);
export type Lang = z.infer<typeof langSchema>;
export type Sentiment = z.infer<typeof sentimentSchema>;
export type Intent = z.infer<typeof intentSchema>;

/** What the desk shows on a customer message (stored in message_annotations). */
export const messageAnnotationSchema = z.object({
  lang: langSchema,
  sentiment: sentimentSchema,
  sentimentScores: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
  intent: intentSchema,
  intentConfidence: z.number(),
});
export type MessageAnnotation = z.infer<typeof messageAnnotationSchema>;
export type SentimentScores = MessageAnnotation['sentimentScores'];

/** The classifiers' full answer for one message (npm run ai:classify): the annotation plus routing facts. */
export const messageAnalysisSchema = messageAnnotationSchema.extend({
  /** The team this intent routes to (AI_TEAM_MAP), or null when the intent has no team. */
  team: z.string().nullable(),
  /** The text was cut to the first MAX_ANALYSED_CHARS characters before analysis. */
  truncated: z.boolean(),
});
export type MessageAnalysis = z.infer<typeof messageAnalysisSchema>;

/** GET /api/health → ai: the desk works without AI and says why. */
export type AiStatus = { status: 'ready' } | { status: 'starting' } | { status: 'unavailable'; reason: string };
