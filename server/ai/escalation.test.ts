import { describe, expect, it } from 'vitest';
import type { Sentiment } from '@/lib/contracts/ai';
import { assessEscalation, raisePriority, type SentimentReading, sentimentValue } from './escalation';

const r = (id: number, negative: number, positive: number): SentimentReading => {
  const neutral = Math.max(0, 1 - negative - positive);
  const top = Math.max(negative, neutral, positive);
  const sentiment: Sentiment = top === negative ? 'negative' : top === positive ? 'positive' : 'neutral';
  return { messageId: id, sentiment, scores: { negative, neutral, positive } };
};

describe('assessEscalation', () => {
  it('escalates a sharply negative message on its own', () => {
    expect(assessEscalation([r(1, 0.92, 0.02)])).toMatchObject({ kind: 'sharp', reason: 'Sharply negative message (92% negative)', detail: { code: 'escalation.sharp' } });
  });

  it('does not escalate a mildly negative first message', () => {
    expect(assessEscalation([r(1, 0.6, 0.1)])).toBeNull();
  });

  it('escalates worsening sentiment: calm or happy start, negative end', () => {
    const readings = [r(1, 0.05, 0.7), r(2, 0.1, 0.3), r(3, 0.55, 0.05), r(4, 0.7, 0.05)];
    const v = assessEscalation(readings);
    expect(v?.kind).toBe('worsening');
    expect(v?.reason).toMatch(/^Sentiment worsening \(from 0\.4\d to -0\.5\d on a −1…1 scale\)$/);
  });

  it('does not call a conversation that was negative all along worsening', () => {
    expect(assessEscalation([r(1, 0.7, 0.05), r(2, 0.72, 0.05), r(3, 0.75, 0.05)])).toBeNull();
  });

  it('needs the newest message to be negative', () => {
    expect(assessEscalation([r(1, 0.05, 0.9), r(2, 0.6, 0.05), r(3, 0.2, 0.4)])).toBeNull();
    expect(assessEscalation([])).toBeNull();
  });

  it('honours configured thresholds', () => {
    expect(assessEscalation([r(1, 0.7, 0.05)], { sharpNegative: 0.65, worseningDrop: 0.6 })?.kind).toBe('sharp');
    expect(assessEscalation([r(1, 0.05, 0.7), r(2, 0.1, 0.3), r(3, 0.55, 0.05), r(4, 0.7, 0.05)], { sharpNegative: 0.99, worseningDrop: 2 })).toBeNull();
  });
});

describe('raisePriority and sentimentValue', () => {
  it('raises to at least high, and high to urgent', () => {
    expect(raisePriority('none')).toBe('high');
    expect(raisePriority('medium')).toBe('high');
    expect(raisePriority('high')).toBe('urgent');
    expect(raisePriority('urgent')).toBe('urgent');
  });
  it('maps scores to −1…1', () => {
    expect(sentimentValue({ negative: 1, neutral: 0, positive: 0 })).toBe(-1);
    expect(sentimentValue({ negative: 0.2, neutral: 0.3, positive: 0.5 })).toBeCloseTo(0.3);
  });
});
