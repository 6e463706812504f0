import type { Priority } from '@/lib/contracts/chat';
import type { Sentiment, SentimentScores } from '@/lib/contracts/ai';
import { type ReasonDetail, reasons, reasonText } from '@/lib/reasons';

export type SentimentReading = { messageId: number; sentiment: Sentiment; scores: SentimentScores };

export type EscalationRules = {
  // One message at least this surely negative escalates on its own.
  sharpNegative: number;
  // Worsening: the mean of the latest two readings fell this far below the mean of the earlier ones (scale −1…1).
  worseningDrop: number;
};

export const DEFAULT_ESCALATION_RULES: EscalationRules = { sharpNegative: 0.85, worseningDrop: 0.6 };

/** One number per message for trends: P(positive) − P(negative), from −1 (surely negative) to 1. */
export function sentimentValue(s: SentimentScores) {
  return s.positive - s.negative;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Whether a conversation's customer sentiment calls for a supervisor, given its readings oldest first (the
 * newest just arrived). Sharp: the newest message is negative with P(negative) ≥ sharpNegative. Worsening: at
 * least three readings, the newest negative, and the latest two average `worseningDrop` below the ones before.
 */
export function assessEscalation(
  readings: SentimentReading[],
  rules: EscalationRules = DEFAULT_ESCALATION_RULES,
): { kind: 'sharp' | 'worsening'; reason: string; detail: ReasonDetail } | null {
  const last = readings[readings.length - 1];
  if (!last || last.sentiment !== 'negative') return null;
  if (last.scores.negative >= rules.sharpNegative) {
    const detail = reasons.escalationSharp(last.scores.negative);
    return { kind: 'sharp', reason: reasonText(detail), detail };
  }
  if (readings.length >= 3) {
    const values = readings.map((r) => sentimentValue(r.scores));
    const before = mean(values.slice(0, -2));
    const recent = mean(values.slice(-2));
    if (before - recent >= rules.worseningDrop) {
      const detail = reasons.escalationWorsening(before, recent);
      return { kind: 'worsening', reason: reasonText(detail), detail };
    }
  }
  return null;
}

/** Escalation raises priority one step, to at least high. */
export function raisePriority(p: Priority): Priority {
  if (p === 'urgent' || p === 'high') return 'urgent';
  return 'high';
}
