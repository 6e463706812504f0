import type { RuleCondition } from '@/lib/contracts/automation';
import { languageByScript, scriptCounts } from '@/server/ai/text';

/** What a rule's conditions are checked against: the conversation and, for message rules, the message. */
export type RuleFacts = {
  text: string;
  channel: string;
  status: string;
  priority: string;
  labels: string[];
  teamId: string | null;
  businessHours: boolean;
  /** The models' reading of the message; null when there is none (no models, or not a message rule). */
  intent: string | null;
  sentiment: string | null;
  lang: string | null;
};

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('en');

/** "refund, ফেরত, ferot" → the words; empty pieces dropped. */
export function terms(value: string): string[] {
  return value
    .split(',')
    .map((t) => fold(t.trim()))
    .filter(Boolean);
}

/** bn: Bengali script; mixed: both scripts; latin: English or Banglish (romanized Bengali). */
export function scriptOf(text: string): 'bn' | 'mixed' | 'latin' {
  return languageByScript(scriptCounts(text)) ?? 'latin';
}

/** The message's language: the models' reading when there is one, else what the script tells (not en/banglish). */
export function languageOf(f: RuleFacts): string | null {
  if (f.lang) return f.lang;
  const script = scriptOf(f.text);
  return script === 'latin' ? null : script;
}

export function conditionHolds(c: RuleCondition, f: RuleFacts): boolean {
  const positive = c.op === 'contains' || c.op === 'equals' || c.op === 'is_true';
  let hit: boolean;
  switch (c.field) {
    case 'text': {
      const text = fold(f.text);
      hit = terms(c.value).some((t) => text.includes(t));
      break;
    }
    case 'labels': {
      const have = new Set(f.labels.map(fold));
      hit = terms(c.value).some((t) => have.has(t));
      break;
    }
    case 'channel':
      hit = f.channel === c.value;
      break;
    case 'status':
      hit = f.status === c.value;
      break;
    case 'priority':
      hit = f.priority === c.value;
      break;
    case 'team':
      hit = f.teamId === c.value;
      break;
    case 'language': {
      const lang = languageOf(f);
      // Latin letters without a reading: English or Banglish cannot be told apart; the condition fails.
      if (lang === null) return false;
      hit = lang === c.value;
      break;
    }
    case 'business_hours':
      hit = f.businessHours;
      break;
    case 'intent':
      // No reading: the condition cannot be decided, and fails either way.
      if (f.intent === null) return false;
      hit = f.intent === c.value;
      break;
    case 'sentiment':
      if (f.sentiment === null) return false;
      hit = f.sentiment === c.value;
      break;
  }
  return positive ? hit : !hit;
}

/** No conditions: always. 'all': every one holds; 'any': at least one. */
export function ruleMatches(rule: { match: 'all' | 'any' | string; conditions: RuleCondition[] }, f: RuleFacts): boolean {
  if (rule.conditions.length === 0) return true;
  return rule.match === 'any' ? rule.conditions.some((c) => conditionHolds(c, f)) : rule.conditions.every((c) => conditionHolds(c, f));
}
