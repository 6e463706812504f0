import { describe, expect, it } from 'vitest';
import { ruleConditionSchema, ruleInput } from '@/lib/contracts/automation';
import { conditionHolds, ruleMatches, type RuleFacts, scriptOf } from './rules';

const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  text: 'Ami refund chai, product ta bhanga',
  channel: 'widget',
  status: 'open',
  priority: 'none',
  labels: ['vip'],
  teamId: '00000000-0000-4000-8000-000000000001',
  businessHours: true,
  intent: null,
  sentiment: null,
  lang: null,
  ...over,
});
const cond = (field: string, op: string, value = '') => ruleConditionSchema.parse({ field, op, value });

describe('automation conditions', () => {
  it('text contains any of the comma-separated words, case-insensitively, in Bengali, English and Banglish', () => {
    const refund = cond('text', 'contains', 'refund, ফেরত, ferot');
    expect(conditionHolds(refund, facts())).toBe(true);
    expect(conditionHolds(refund, facts({ text: 'আমার টাকা ফেরত দিন' }))).toBe(true);
    expect(conditionHolds(refund, facts({ text: 'REFUND please' }))).toBe(true);
    expect(conditionHolds(refund, facts({ text: 'taka ferot chai' }))).toBe(true);
    expect(conditionHolds(refund, facts({ text: 'অর্ডার কোথায়?' }))).toBe(false);
    expect(conditionHolds(cond('text', 'not_contains', 'refund'), facts())).toBe(false);
  });

  it('labels, status, priority, team, channel, business hours and script', () => {
    expect(conditionHolds(cond('labels', 'contains', 'VIP, gold'), facts())).toBe(true);
    expect(conditionHolds(cond('labels', 'not_contains', 'vip'), facts())).toBe(false);
    expect(conditionHolds(cond('status', 'equals', 'open'), facts())).toBe(true);
    expect(conditionHolds(cond('priority', 'not_equals', 'none'), facts())).toBe(false);
    expect(conditionHolds(cond('team', 'equals', '00000000-0000-4000-8000-000000000001'), facts())).toBe(true);
    expect(conditionHolds(cond('channel', 'equals', 'email'), facts())).toBe(false);
    expect(conditionHolds(cond('business_hours', 'is_false'), facts({ businessHours: false }))).toBe(true);
    expect(conditionHolds(cond('business_hours', 'is_true'), facts({ businessHours: false }))).toBe(false);
    expect(scriptOf('আমার অর্ডার')).toBe('bn');
    expect(scriptOf('amar order kothay')).toBe('latin');
    expect(conditionHolds(cond('language', 'equals', 'bn'), facts({ text: 'আমার টাকা ফেরত দিন' }))).toBe(true);
    // Latin letters: English or Banglish only once the models have read it.
    expect(conditionHolds(cond('language', 'equals', 'banglish'), facts({ text: 'taka ferot chai' }))).toBe(false);
    expect(conditionHolds(cond('language', 'not_equals', 'en'), facts({ text: 'taka ferot chai' }))).toBe(false);
    expect(conditionHolds(cond('language', 'equals', 'banglish'), facts({ text: 'taka ferot chai', lang: 'banglish' }))).toBe(true);
    expect(conditionHolds(cond('language', 'not_equals', 'en'), facts({ text: 'taka ferot chai', lang: 'banglish' }))).toBe(true);
  });

  it('intent and sentiment use the models’ reading; without one they never match', () => {
    expect(conditionHolds(cond('intent', 'equals', 'return_refund'), facts({ intent: 'return_refund' }))).toBe(true);
    expect(conditionHolds(cond('intent', 'not_equals', 'return_refund'), facts({ intent: 'payment' }))).toBe(true);
    expect(conditionHolds(cond('sentiment', 'equals', 'negative'), facts({ sentiment: 'neutral' }))).toBe(false);
    expect(conditionHolds(cond('sentiment', 'not_equals', 'negative'), facts())).toBe(false);
    expect(conditionHolds(cond('intent', 'equals', 'return_refund'), facts())).toBe(false);
    expect(ruleConditionSchema.safeParse({ field: 'intent', op: 'equals', value: 'refunds' }).success).toBe(false);
  });

  it('all vs any; no conditions always match', () => {
    const conditions = [cond('text', 'contains', 'refund'), cond('priority', 'equals', 'urgent')];
    expect(ruleMatches({ match: 'all', conditions }, facts())).toBe(false);
    expect(ruleMatches({ match: 'any', conditions }, facts())).toBe(true);
    expect(ruleMatches({ match: 'all', conditions: [] }, facts())).toBe(true);
  });

  it('refuses operators that do not fit the field, missing values and unknown statuses', () => {
    expect(ruleConditionSchema.safeParse({ field: 'text', op: 'equals', value: 'x' }).success).toBe(false);
    expect(ruleConditionSchema.safeParse({ field: 'text', op: 'contains', value: ' ' }).success).toBe(false);
    expect(ruleConditionSchema.safeParse({ field: 'status', op: 'equals', value: 'closed' }).success).toBe(false);
    expect(ruleConditionSchema.safeParse({ field: 'team', op: 'equals', value: 'Payments' }).success).toBe(false);
    expect(ruleInput.safeParse({ name: 'x', trigger: 'message_created', conditions: [], actions: [] }).success).toBe(false);
    expect(ruleInput.safeParse({ name: 'x', trigger: 'whenever', conditions: [], actions: [{ type: 'resolve' }] }).success).toBe(false);
  });
});
