import { z } from 'zod';
import type { ExperimentWarning } from '@/lib/analytics/experiment-stats';

// A/B experiments on chat features (server/experiments). The first variant is the control.

export const experimentKinds = ['widget_greeting', 'proactive_delay', 'reply_suggestions'] as const;
export type ExperimentKind = (typeof experimentKinds)[number];
export const experimentStatuses = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];
export const experimentMetrics = ['csat', 'resolution_rate', 'first_response_time', 'conversion'] as const;
export type ExperimentMetric = (typeof experimentMetrics)[number];

/** Rates are compared with the two-proportion z-test; averages (ratings, seconds) with Welch's t-test. */
export const isRateMetric = (m: ExperimentMetric) => m === 'resolution_rate' || m === 'conversion';
/** A faster first response is the improvement: a negative difference is good. */
export const isLowerBetter = (m: ExperimentMetric) => m === 'first_response_time';

export const MAX_GREETING = 500;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} is at most ${max} characters`)
    .regex(SLUG, `${what} must be a slug: lowercase letters and digits, words joined by single hyphens (e.g. eid-greeting)`);
const optionalGreeting = (lang: string) =>
  z
    .string()
    .trim()
    .max(MAX_GREETING, `The ${lang} greeting is at most ${MAX_GREETING} characters`)
    .optional()
    .transform((s) => (s ? s : undefined));

export const experimentVariantSchema = z.object({
  key: slug('Variant key', 40),
  name: z.string().trim().min(1, 'Every variant needs a name').max(80, 'A variant name is at most 80 characters'),
  // Share of visitors = weight / sum of weights. 0 pauses an arm without moving anyone else.
  weight: z.number({ error: 'Weight must be a number' }).min(0, 'Weights must be 0 or more').max(1000, 'Weights are at most 1000'),
  // widget_greeting: empty keeps the widget's own greeting in that language.
  greetingEn: optionalGreeting('English'),
  greetingBn: optionalGreeting('Bengali'),
  // proactive_delay: seconds after the page loads before the widget's proactive message (its greeting) shows.
  delaySeconds: z.number().int('The delay is whole seconds').min(0, 'The delay cannot be negative').max(3600, 'The delay is at most 3600 seconds').optional(),
  // reply_suggestions: whether agents see reply suggestions.
  suggestions: z.boolean().optional(),
});
export type ExperimentVariant = z.infer<typeof experimentVariantSchema>;

const experimentFields = z.object({
  name: z.string().trim().min(1, 'Name is required').max(120, 'Name is at most 120 characters'),
  key: slug('Key', 60),
  kind: z.enum(experimentKinds, { error: 'Choose what the experiment changes' }),
  // widget_greeting and proactive_delay: one widget, or null for all of the workspace's widgets.
  widgetId: z.uuid('Unknown widget').nullable().default(null),
  variants: z.array(experimentVariantSchema).min(2, 'An experiment needs 2 to 5 variants').max(5, 'An experiment needs 2 to 5 variants'),
  primaryMetric: z.enum(experimentMetrics, { error: 'Choose a primary metric' }),
  // Absolute: rates as a share (0.05 = five percentage points), CSAT in rating points, first response in seconds.
  minDetectableEffect: z.number({ error: 'Minimum detectable effect must be a number' }).positive('Minimum detectable effect must be above 0'),
  conversionDays: z.number().int('Conversion window is whole days').min(1, 'Conversion window is 1 to 90 days').max(90, 'Conversion window is 1 to 90 days').default(7),
});

type Fields = z.infer<typeof experimentFields>;

function checkExperiment(e: Fields, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  e.variants.forEach((v, i) => {
    if (seen.has(v.key)) ctx.addIssue({ code: 'custom', message: `Variant keys must be unique: “${v.key}” is used twice`, path: ['variants', i, 'key'] });
    seen.add(v.key);
  });
  if (e.variants.length > 0 && !e.variants.some((v) => v.weight > 0)) {
    ctx.addIssue({ code: 'custom', message: 'At least one variant needs a weight above 0', path: ['variants'] });
  }
  if (e.kind === 'widget_greeting') {
    e.variants.forEach((v, i) => {
      if (i > 0 && !v.greetingEn && !v.greetingBn) {
        ctx.addIssue({ code: 'custom', message: `Variant “${v.name}” needs a greeting in English or Bengali (only the control may keep the widget's own)`, path: ['variants', i, 'greetingEn'] });
      }
    });
  }
  if (e.kind === 'proactive_delay') {
    e.variants.forEach((v, i) => {
      if (v.delaySeconds === undefined) ctx.addIssue({ code: 'custom', message: `Variant “${v.name}” needs a delay in seconds`, path: ['variants', i, 'delaySeconds'] });
    });
  }
  if (e.kind === 'reply_suggestions') {
    e.variants.forEach((v, i) => {
      if (v.suggestions === undefined) ctx.addIssue({ code: 'custom', message: `Variant “${v.name}” must say whether suggestions are on`, path: ['variants', i, 'suggestions'] });
    });
  }
  if (e.kind === 'reply_suggestions' && e.widgetId) {
    ctx.addIssue({ code: 'custom', message: 'Reply suggestions are tested across the workspace, not per widget', path: ['widgetId'] });
  }
  if (isRateMetric(e.primaryMetric) && !(e.minDetectableEffect < 1)) {
    ctx.addIssue({ code: 'custom', message: 'For a rate, the minimum detectable effect is a share below 1 (0.05 = 5 percentage points)', path: ['minDetectableEffect'] });
  }
  if (e.primaryMetric === 'csat' && e.minDetectableEffect > 4) {
    ctx.addIssue({ code: 'custom', message: 'For CSAT (1–5), the minimum detectable effect is at most 4 rating points', path: ['minDetectableEffect'] });
  }
  if (e.primaryMetric === 'first_response_time' && e.minDetectableEffect > 86_400) {
    ctx.addIssue({ code: 'custom', message: 'For first response time, the minimum detectable effect is at most 86400 seconds', path: ['minDetectableEffect'] });
  }
}

export const experimentInput = experimentFields.superRefine(checkExperiment);
export type ExperimentInput = z.input<typeof experimentInput>;
export type ExperimentFields = z.output<typeof experimentInput>;

export const experimentUpdateInput = experimentFields.extend({ id: z.uuid('Unknown experiment') }).superRefine(checkExperiment);
export type ExperimentUpdateInput = z.output<typeof experimentUpdateInput>;

export const experimentIdInput = z.object({ id: z.uuid('Unknown experiment') });

export type ExperimentDto = {
  id: string;
  key: string;
  name: string;
  kind: ExperimentKind;
  status: ExperimentStatus;
  widgetId: string | null;
  variants: ExperimentVariant[];
  primaryMetric: ExperimentMetric;
  minDetectableEffect: number;
  conversionDays: number;
  startedAt: string | null;
  stoppedAt: string | null;
  createdAt: string;
};

export type ExperimentWarningCode = ExperimentWarning;

export type ExperimentComparison = {
  test: 'two_proportions' | 'welch';
  /** Variant minus control, in the metric's unit (a share for rates). */
  diff: number | null;
  /** diff / control's value; null when the control's value is 0 or unknown. */
  relative: number | null;
  /** 95% interval for diff. */
  ci: [number, number] | null;
  pValue: number | null;
  significant: boolean;
  /** Significant and in the good direction (lower is better for first response time); null when not significant. */
  isImprovement: boolean | null;
  /** Planned sample per arm to detect the minimum detectable effect at 5% significance and 80% power. */
  requiredPerArm: number | null;
  warning: ExperimentWarningCode | null;
};

export type ExperimentVariantResult = {
  key: string;
  name: string;
  isControl: boolean;
  weight: number;
  exposures: number;
  /** Conversations started by exposed contacts after their exposure (and before the experiment stopped). */
  conversations: number;
  /** The sample the metric is measured on: conversations (resolution), rated conversations (CSAT), answered
   * conversations (first response) or exposed contacts (conversion). */
  n: number;
  /** Rates: resolved conversations or converted contacts. */
  successes: number | null;
  /** The rate (0–1), the average rating or the average seconds; null without data. */
  value: number | null;
  sd: number | null;
  /** How many more units this arm needs before the result can be read; null when it cannot be planned yet. */
  remaining: number | null;
  /** Null for the control. */
  comparison: ExperimentComparison | null;
};

export type ExperimentResults = {
  experiment: ExperimentDto;
  metric: ExperimentMetric;
  test: 'two_proportions' | 'welch';
  lowerIsBetter: boolean;
  alpha: number;
  power: number;
  variants: ExperimentVariantResult[];
  /** The largest planned sample per arm over the comparisons: every variant should reach it. */
  requiredPerArm: number | null;
  /** The most serious warning over the comparisons ('no-data' before 'underpowered'). */
  warning: ExperimentWarningCode | null;
  generatedAt: string;
};
