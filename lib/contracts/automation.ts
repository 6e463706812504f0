import { z } from 'zod';
import { INTENTS, SENTIMENTS } from './ai';
import { conversationStatuses, priorities } from './chat';

// Automation rules and macros (server/automation). A rule: when <trigger> fires and <conditions> hold
// (all or any), run <actions> in order. Macros are named action lists an agent runs by hand.

export const ruleTriggers = [
  'message_created', // a customer message arrived (agent replies and notes never trigger rules)
  'conversation_created',
  'conversation_assigned', // by routing or a person (not by a rule: rules never trigger each other this way)
  'conversation_resolved',
  'conversation_idle', // open or pending with no message for idleMinutes (once per quiet spell)
  'sla_warning', // an SLA clock passed 80% of its target
] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];

// intent and sentiment are the on-server models' reading of the customer message: rules using them wait for it
// (message rules only; without the models running they never match).
export const conditionFields = ['text', 'intent', 'sentiment', 'language', 'channel', 'status', 'priority', 'labels', 'team', 'business_hours'] as const;
export const readingFields: readonly ConditionField[] = ['intent', 'sentiment'];
// Language: Bengali script (and a mix of scripts) is told at once; English and Banglish, both in Latin letters,
// only by the models, so rules asking for those wait for the reading like intent and sentiment.
export const ruleLanguages = ['bn', 'banglish', 'en', 'mixed'] as const;
export const needsReadingCondition = (c: { field: ConditionField; value: string }) =>
  readingFields.includes(c.field) || (c.field === 'language' && (c.value === 'en' || c.value === 'banglish'));
export type ConditionField = (typeof conditionFields)[number];

// Which operators each field accepts; the editor offers exactly these.
export const fieldOperators: Record<ConditionField, readonly ('contains' | 'not_contains' | 'equals' | 'not_equals' | 'is_true' | 'is_false')[]> = {
  text: ['contains', 'not_contains'],
  channel: ['equals', 'not_equals'],
  status: ['equals', 'not_equals'],
  priority: ['equals', 'not_equals'],
  labels: ['contains', 'not_contains'],
  team: ['equals', 'not_equals'],
  business_hours: ['is_true', 'is_false'],
  language: ['equals', 'not_equals'],
  intent: ['equals', 'not_equals'],
  sentiment: ['equals', 'not_equals'],
};

const trimmed = (max: number) => z.string().trim().min(1, 'Value is required').max(max);

export const ruleConditionSchema = z
  .object({
    field: z.enum(conditionFields),
    op: z.enum(['contains', 'not_contains', 'equals', 'not_equals', 'is_true', 'is_false']),
    // text/labels "contains": any of the comma-separated words; equals: one value. Empty for is_true/is_false.
    value: z.string().trim().max(500).default(''),
  })
  .superRefine((c, ctx) => {
    if (!fieldOperators[c.field].includes(c.op)) ctx.addIssue({ code: 'custom', message: `“${c.op}” does not apply to ${c.field}`, path: ['op'] });
    const needsValue = c.op !== 'is_true' && c.op !== 'is_false';
    if (needsValue && !c.value) ctx.addIssue({ code: 'custom', message: 'Value is required', path: ['value'] });
    if (c.field === 'status' && needsValue && !(conversationStatuses as readonly string[]).includes(c.value))
      ctx.addIssue({ code: 'custom', message: 'Unknown status', path: ['value'] });
    if (c.field === 'priority' && needsValue && !(priorities as readonly string[]).includes(c.value))
      ctx.addIssue({ code: 'custom', message: 'Unknown priority', path: ['value'] });
    if (c.field === 'intent' && needsValue && !(INTENTS as readonly string[]).includes(c.value)) ctx.addIssue({ code: 'custom', message: 'Unknown intent', path: ['value'] });
    if (c.field === 'sentiment' && needsValue && !(SENTIMENTS as readonly string[]).includes(c.value))
      ctx.addIssue({ code: 'custom', message: 'Unknown sentiment', path: ['value'] });
    if (c.field === 'language' && needsValue && !(ruleLanguages as readonly string[]).includes(c.value)) ctx.addIssue({ code: 'custom', message: 'Unknown language', path: ['value'] });
    if (c.field === 'team' && needsValue && !z.uuid().safeParse(c.value).success) ctx.addIssue({ code: 'custom', message: 'Pick a team', path: ['value'] });
  });
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

const label = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'Labels are letters, digits, - and _');

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assign_team'), teamId: z.uuid({ error: 'Pick a team' }) }),
  z.object({ type: z.literal('assign_agent'), userId: z.uuid({ error: 'Pick a person' }) }),
  z.object({ type: z.literal('add_labels'), labels: z.array(label).min(1, 'Add at least one label').max(10, 'At most 10 labels') }),
  z.object({ type: z.literal('set_priority'), priority: z.enum(priorities) }),
  z.object({ type: z.literal('send_reply'), body: trimmed(2000) }),
  z.object({ type: z.literal('add_note'), body: trimmed(2000) }),
  z.object({ type: z.literal('resolve') }),
  // An in-app notification to the conversation's assignee, or to its team's supervisors.
  z.object({ type: z.literal('notify'), to: z.enum(['assignee', 'supervisors']), body: trimmed(500) }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export const actionTypes = ['assign_team', 'assign_agent', 'add_labels', 'set_priority', 'send_reply', 'add_note', 'notify', 'resolve'] as const;

const ruleShape = z.object({
  name: trimmed(120),
  enabled: z.boolean().default(true),
  trigger: z.enum(ruleTriggers),
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(ruleConditionSchema).max(20),
  actions: z.array(ruleActionSchema).min(1, 'Add at least one action').max(10),
  idleMinutes: z.number().int().min(1, 'At least one minute').max(30 * 24 * 60, 'At most 30 days').nullish(),
});
const idleNeedsMinutes = (r: { trigger: RuleTrigger; idleMinutes?: number | null }, ctx: z.RefinementCtx) => {
  if (r.trigger === 'conversation_idle' && !r.idleMinutes) ctx.addIssue({ code: 'custom', message: 'Say after how many quiet minutes', path: ['idleMinutes'] });
};
export const ruleInput = ruleShape.superRefine(idleNeedsMinutes);
export type RuleInput = z.infer<typeof ruleInput>;
// A dry run needs no name yet.
export const dryRunInput = ruleShape.extend({ name: z.string().trim().max(120).default('') }).superRefine(idleNeedsMinutes);

export const ruleDto = ruleShape.extend({
  id: z.string(),
  position: z.number(),
  runCount: z.number(),
  lastRunAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type RuleDto = z.infer<typeof ruleDto>;

export const macroInput = z.object({
  name: trimmed(120),
  // A macro never resolves by surprise: resolve is allowed, but only as the last action.
  actions: z
    .array(ruleActionSchema)
    .min(1, 'Add at least one action')
    .max(10)
    .refine((a) => a.findIndex((x) => x.type === 'resolve') === -1 || a.findIndex((x) => x.type === 'resolve') === a.length - 1, {
      message: 'Resolve must be the last action',
    }),
});
export type MacroInput = z.infer<typeof macroInput>;
export type MacroDto = MacroInput & { id: string };

// Dry run: which of the recent conversations the draft rule would have matched, and what it would have done.
export type DryRunResult = {
  checked: number;
  matched: { conversationId: string; contactName: string | null; preview: string | null; at: string }[];
};

export const csatInput = z.object({
  conversationId: z.uuid({ error: 'Invalid id' }),
  rating: z.number().int().min(1, 'Rating is 1 to 5').max(5, 'Rating is 1 to 5'),
  comment: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => s.length <= 1000, { message: 'Comment is longer than 1000 characters' })
    .optional(),
});
export type CsatInput = z.infer<typeof csatInput>;
