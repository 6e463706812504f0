import { z } from 'zod';

// ---- live dashboard (/dashboard) ----

export const durationStats = z.object({ count: z.number(), median: z.number().nullable(), p90: z.number().nullable() });
export type DurationStats = z.infer<typeof durationStats>;

export const breakdownRow = z.object({ key: z.string().nullable(), label: z.string().nullable(), count: z.number() });
export type BreakdownRow = z.infer<typeof breakdownRow>;

export const liveKpis = z.object({
  generatedAt: z.string(),
  // Start of "today" in the workspace's time zone (its default business calendar, else Asia/Dhaka).
  dayStart: z.string(),
  timezone: z.string(),
  open: z.number(),
  waiting: z.number(),
  pending: z.number(),
  // Seconds the longest-waiting unassigned open conversation has waited (null: nobody waits).
  longestWaitSeconds: z.number().nullable(),
  agents: z.array(
    z.object({ id: z.string(), name: z.string(), presence: z.enum(['online', 'away', 'offline']), open: z.number(), capacity: z.number() }),
  ),
  agentsOnline: z.number(),
  conversationsToday: z.number(),
  resolvedToday: z.number(),
  firstResponse: durationStats,
  resolution: durationStats,
  csat: z.object({ count: z.number(), average: z.number().nullable(), satisfiedPct: z.number().nullable() }),
  sla: z.object({ met: z.number(), missed: z.number(), attainmentPct: z.number().nullable(), breachesToday: z.number() }),
  sentiment: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
  byChannel: z.array(breakdownRow),
  byTeam: z.array(breakdownRow),
  byIntent: z.array(breakdownRow),
  byLanguage: z.array(breakdownRow),
  vendorResponse: z.array(z.object({ key: z.string(), label: z.string(), count: z.number(), median: z.number().nullable() })),
});
export type LiveKpis = z.infer<typeof liveKpis>;

// ---- reports ----

export const reportMetrics = ['volume', 'first_response', 'resolution', 'csat', 'sla', 'sentiment'] as const;
export type ReportMetric = (typeof reportMetrics)[number];
export const reportDimensions = ['none', 'agent', 'team', 'vendor', 'channel', 'intent', 'language', 'label'] as const;
export type ReportDimension = (typeof reportDimensions)[number];
export const reportGrains = ['hour', 'day', 'week'] as const;
export type ReportGrain = (typeof reportGrains)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates are YYYY-MM-DD');

export const reportInput = z
  .object({
    metric: z.enum(reportMetrics),
    dimension: z.enum(reportDimensions).default('none'),
    grain: z.enum(reportGrains).default('day'),
    // Local dates in the workspace's time zone, both included.
    from: isoDate,
    to: isoDate,
    // Durations in business hours of each team's calendar instead of wall-clock time.
    businessHours: z.boolean().default(false),
  })
  .refine((v) => v.from <= v.to, { message: 'The start date must not be after the end date', path: ['from'] });
export type ReportInput = z.input<typeof reportInput>;

export const reportSeries = z.object({
  metric: z.enum(reportMetrics),
  dimension: z.enum(reportDimensions),
  grain: z.enum(reportGrains),
  timezone: z.string(),
  // Bucket starts (ISO), in order; every series has one value per bucket (null: no data).
  buckets: z.array(z.string()),
  series: z.array(z.object({ key: z.string().nullable(), label: z.string(), values: z.array(z.number().nullable()), counts: z.array(z.number()) })),
  // What a value means: a count, seconds (average), a rating (average of 1-5), a percentage.
  unit: z.enum(['count', 'seconds', 'rating', 'percent', 'score']),
});
export type ReportSeries = z.infer<typeof reportSeries>;

export const drillInput = z.object({
  metric: z.enum(reportMetrics),
  dimension: z.enum(reportDimensions).default('none'),
  key: z.string().max(200).nullable().default(null),
  bucket: z.string().datetime({ offset: true }),
  grain: z.enum(reportGrains),
  limit: z.number().int().min(1).max(500).default(100),
});
export type DrillInput = z.input<typeof drillInput>;

export const drillRow = z.object({
  conversationId: z.string().nullable(),
  at: z.string(),
  contactName: z.string().nullable(),
  status: z.string().nullable(),
  teamName: z.string().nullable(),
  agentName: z.string().nullable(),
  preview: z.string().nullable(),
  // The event's own figure: seconds for durations, the rating for CSAT.
  value: z.number().nullable(),
});
export type DrillRow = z.infer<typeof drillRow>;
