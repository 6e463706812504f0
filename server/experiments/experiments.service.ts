import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  assignVariant,
  earlyStoppingWarning,
  remainingSample,
  sampleSizeMeans,
  sampleSizeProportions,
  twoProportionTest,
  welchTest,
} from '@/lib/analytics/experiment-stats';
import {
  type ExperimentComparison,
  type ExperimentDto,
  type ExperimentFields,
  experimentInput,
  type ExperimentKind,
  type ExperimentMetric,
  type ExperimentResults,
  type ExperimentUpdateInput,
  experimentUpdateInput,
  type ExperimentVariant,
  type ExperimentVariantResult,
  type ExperimentWarningCode,
  isLowerBetter,
  isRateMetric,
} from '@/lib/contracts/experiments';
import { isUniqueViolation } from '@/db/errors';
import type { StaffActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import * as q from './experiments.queries';

const ALPHA = 0.05;
const POWER = 0.8;

export type VariantAssignment = { experimentId: string; experimentKey: string; variant: ExperimentVariant; isControl: boolean };

function toDto(e: q.ExperimentRow): ExperimentDto {
  return {
    id: e.id,
    key: e.key,
    name: e.name,
    kind: e.kind,
    status: e.status,
    widgetId: e.widgetId,
    variants: e.variants,
    primaryMetric: e.primaryMetric,
    minDetectableEffect: e.minDetectableEffect,
    conversionDays: e.conversionDays,
    startedAt: e.startedAt?.toISOString() ?? null,
    stoppedAt: e.stoppedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}

/** One arm's sample on the primary metric. */
type Arm = { n: number; successes: number | null; value: number | null; sd: number | null };

function armOf(metric: ExperimentMetric, a: q.ArmAggregate | undefined): Arm {
  if (!a) return { n: 0, successes: isRateMetric(metric) ? 0 : null, value: null, sd: null };
  switch (metric) {
    case 'resolution_rate':
      return { n: a.conversations, successes: a.resolved, value: a.conversations > 0 ? a.resolved / a.conversations : null, sd: null };
    case 'conversion':
      return { n: a.exposures, successes: a.converted, value: a.exposures > 0 ? a.converted / a.exposures : null, sd: null };
    case 'csat':
      return { n: a.csatN, successes: null, value: a.csatMean, sd: a.csatSd };
    case 'first_response_time':
      return { n: a.frtN, successes: null, value: a.frtMean, sd: a.frtSd };
  }
}

/**
 * Per-arm sample needed to detect `mde` (absolute) from the control's rate: upwards when there is room, else
 * downwards. The control's rate of 0 or 1 says nothing about the variance yet: the pooled rate stands in.
 */
function requiredForRates(control: Arm, variant: Arm, mde: number): number | null {
  const candidates = [control.value, control.n + variant.n > 0 ? ((control.successes ?? 0) + (variant.successes ?? 0)) / (control.n + variant.n) : null];
  const baseline = candidates.find((p): p is number => p !== null && p > 0 && p < 1);
  if (baseline === undefined) return null;
  for (const delta of [mde, -mde]) {
    const p2 = baseline + delta;
    if (p2 > 0 && p2 < 1) return sampleSizeProportions({ baseline, minDetectableEffect: delta, alpha: ALPHA, power: POWER });
  }
  return null;
}

/** Per-arm sample for a difference of means `mde`, with the pooled sd of both arms (or the one arm that has one). */
function requiredForMeans(control: Arm, variant: Arm, mde: number): number | null {
  const parts = [control, variant].filter((a) => a.n >= 2 && a.sd !== null);
  const dof = parts.reduce((s, a) => s + a.n - 1, 0);
  if (dof <= 0) return null;
  const sd = Math.sqrt(parts.reduce((s, a) => s + (a.n - 1) * a.sd! ** 2, 0) / dof);
  if (!(sd > 0)) return null;
  return sampleSizeMeans({ sd, minDetectableEffect: mde, alpha: ALPHA, power: POWER });
}

function compare(metric: ExperimentMetric, control: Arm, variant: Arm, mde: number): ExperimentComparison {
  const rates = isRateMetric(metric);
  const requiredPerArm = rates ? requiredForRates(control, variant, mde) : requiredForMeans(control, variant, mde);
  // Unplannable (no spread, a rate of 0 or 1 everywhere) but with data in both arms: still too early to read.
  const warning: ExperimentWarningCode | null =
    requiredPerArm === null ? (control.n === 0 || variant.n === 0 ? 'no-data' : 'underpowered') : earlyStoppingWarning({ nA: control.n, nB: variant.n, required: requiredPerArm });
  const empty: ExperimentComparison = {
    test: rates ? 'two_proportions' : 'welch',
    diff: null,
    relative: null,
    ci: null,
    pValue: null,
    significant: false,
    isImprovement: null,
    requiredPerArm,
    warning,
  };
  let r: Pick<ExperimentComparison, 'diff' | 'relative' | 'ci' | 'pValue' | 'significant'>;
  if (rates) {
    if (control.n === 0 || variant.n === 0) return empty;
    const t = twoProportionTest({ successA: control.successes!, totalA: control.n, successB: variant.successes!, totalB: variant.n }, ALPHA);
    r = { diff: t.diff, relative: t.relativeLift, ci: t.ci, pValue: t.pValue, significant: t.significant };
  } else {
    if (control.n < 2 || variant.n < 2 || control.value === null || variant.value === null) {
      // One observation each cannot be tested, but the difference itself is still a fact worth showing.
      if (control.value === null || variant.value === null) return empty;
      const diff = variant.value - control.value;
      return { ...empty, diff, relative: control.value !== 0 ? diff / control.value : null };
    }
    const t = welchTest({ meanA: control.value, sdA: control.sd ?? 0, nA: control.n, meanB: variant.value, sdB: variant.sd ?? 0, nB: variant.n }, ALPHA);
    r = { diff: t.diff, relative: control.value !== 0 ? t.diff / control.value : null, ci: t.ci, pValue: t.pValue, significant: t.significant };
  }
  const better = isLowerBetter(metric) ? r.diff! < 0 : r.diff! > 0;
  return { ...empty, ...r, isImprovement: r.significant ? better : null };
}

/**
 * A/B experiments on chat features: the widget greeting, the proactive message delay, reply suggestions.
 * Visitors are assigned by a hash of the experiment key and their contact id (the same answer on every node and
 * every call), the first exposure is logged once, and results compare each variant with the control on the
 * primary metric with the test that fits it (two proportions for rates, Welch for averages).
 */
export class ExperimentsService {
  constructor(private db: Db) {}

  async list(workspaceId: string): Promise<ExperimentDto[]> {
    return (await q.listExperiments(this.db, workspaceId)).map(toDto);
  }

  listWidgets(workspaceId: string) {
    return q.listWidgets(this.db, workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<ExperimentDto> {
    return toDto(await this.getRow(workspaceId, id));
  }

  private async getRow(workspaceId: string, id: string) {
    const e = await q.findExperiment(this.db, workspaceId, id);
    if (!e) throw new AppError('NOT_FOUND', 'Experiment not found');
    return e;
  }

  private async checkWidget(workspaceId: string, widgetId: string | null) {
    if (widgetId && !(await q.isWidgetOfWorkspace(this.db, workspaceId, widgetId))) throw new AppError('BAD_REQUEST', 'Unknown widget');
  }

  private fields(input: ExperimentFields) {
    return {
      key: input.key,
      name: input.name,
      kind: input.kind,
      widgetId: input.widgetId,
      variants: input.variants,
      primaryMetric: input.primaryMetric,
      minDetectableEffect: input.minDetectableEffect,
      conversionDays: input.conversionDays,
    };
  }

  async create(actor: StaffActor, raw: unknown): Promise<ExperimentDto> {
    const input = parse(experimentInput, raw);
    await this.checkWidget(actor.workspaceId, input.widgetId);
    if (await q.findExperimentByKey(this.db, actor.workspaceId, input.key)) throw new AppError('CONFLICT', `An experiment with the key “${input.key}” already exists`);
    try {
      return toDto(await q.insertExperiment(this.db, { ...this.fields(input), workspaceId: actor.workspaceId, createdBy: actor.userId }));
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `An experiment with the key “${input.key}” already exists`);
      throw e;
    }
  }

  /** Drafts only: once visitors are assigned, changing variants or weights would move them between arms. */
  async update(actor: StaffActor, raw: unknown): Promise<ExperimentDto> {
    const input: ExperimentUpdateInput = parse(experimentUpdateInput, raw);
    const current = await this.getRow(actor.workspaceId, input.id);
    if (current.status !== 'draft') throw new AppError('CONFLICT', 'Only a draft experiment can be edited');
    await this.checkWidget(actor.workspaceId, input.widgetId);
    const other = await q.findExperimentByKey(this.db, actor.workspaceId, input.key);
    if (other && other.id !== input.id) throw new AppError('CONFLICT', `An experiment with the key “${input.key}” already exists`);
    try {
      const updated = await q.updateExperimentIn(this.db, actor.workspaceId, input.id, 'draft', this.fields(input));
      if (!updated) throw new AppError('CONFLICT', 'Only a draft experiment can be edited');
      return toDto(updated);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `An experiment with the key “${input.key}” already exists`);
      throw e;
    }
  }

  /**
   * Draft → running. Two running experiments of one kind on the same widget would both claim the visitor (which
   * greeting wins?), so a start that overlaps a running one (same widget, or either workspace-wide) is refused.
   */
  async start(workspaceId: string, id: string): Promise<ExperimentDto> {
    const current = await this.getRow(workspaceId, id);
    if (current.status !== 'draft') throw new AppError('CONFLICT', current.status === 'running' ? 'The experiment is already running' : 'A stopped experiment cannot be restarted: create a new one');
    const started = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await q.lockKind(tx, workspaceId, current.kind);
      const running = (await q.listRunningOfKind(tx, workspaceId, current.kind)).filter(
        (r) => r.id !== id && (r.widgetId === null || current.widgetId === null || r.widgetId === current.widgetId),
      );
      if (running.length > 0) throw new AppError('CONFLICT', `“${running[0]!.name}” already runs on the same widgets: stop it first`);
      return q.updateExperimentIn(tx, workspaceId, id, 'draft', { status: 'running', startedAt: new Date() });
    });
    if (!started) throw new AppError('CONFLICT', 'The experiment is no longer a draft');
    return toDto(started);
  }

  /** Running → stopped. Final: conversations started after this no longer count. */
  async stop(workspaceId: string, id: string): Promise<ExperimentDto> {
    const current = await this.getRow(workspaceId, id);
    if (current.status !== 'running') throw new AppError('CONFLICT', current.status === 'draft' ? 'The experiment has not started' : 'The experiment is already stopped');
    const stopped = await q.updateExperimentIn(this.db, workspaceId, id, 'running', { status: 'stopped', stoppedAt: new Date() });
    if (!stopped) throw new AppError('CONFLICT', 'The experiment is no longer running');
    return toDto(stopped);
  }

  /**
   * The variant this contact sees in the running experiment of `kind` that applies (to this widget, or
   * workspace-wide), logging the exposure the first time; null when none runs. Deterministic: the same contact
   * gets the same variant on every call and every node, because variants and weights are frozen while running.
   */
  async variantFor(workspaceId: string, widgetId: string | null, contactId: string, kind: ExperimentKind): Promise<VariantAssignment | null> {
    const [e] = await q.listRunningFor(this.db, workspaceId, widgetId, kind);
    if (!e) return null;
    const key = assignVariant(e.key, contactId, e.variants);
    await q.logExposure(this.db, e.id, contactId, key);
    const variant = e.variants.find((v) => v.key === key)!;
    return { experimentId: e.id, experimentKey: e.key, variant, isControl: e.variants[0]!.key === key };
  }

  /**
   * Whether a widget may show a proactive message to someone (before knowing who): its own delay is set, or a
   * proactive_delay experiment runs on it. The loader preloads the chat only then.
   */
  async mayShowProactive(workspaceId: string, widgetId: string, ownDelaySeconds: number | null): Promise<boolean> {
    if (ownDelaySeconds !== null) return true;
    return (await q.listRunningFor(this.db, workspaceId, widgetId, 'proactive_delay')).length > 0;
  }

  /** Seconds before this contact's proactive message: their variant's delay in a running experiment, else the widget's own (null: none). */
  async proactiveDelayFor(workspaceId: string, widgetId: string, contactId: string, ownDelaySeconds: number | null): Promise<number | null> {
    const a = await this.variantFor(workspaceId, widgetId, contactId, 'proactive_delay');
    return a ? (a.variant.delaySeconds ?? ownDelaySeconds) : ownDelaySeconds;
  }

  /** The greeting a widget shows this contact: the assigned variant's texts, each falling back to the widget's own. */
  async greetingFor(workspaceId: string, widgetId: string, contactId: string, own: { greetingEn: string; greetingBn: string }) {
    const a = await this.variantFor(workspaceId, widgetId, contactId, 'widget_greeting');
    if (!a) return { greetingEn: own.greetingEn, greetingBn: own.greetingBn };
    return { greetingEn: a.variant.greetingEn || own.greetingEn, greetingBn: a.variant.greetingBn || own.greetingBn };
  }

  async results(workspaceId: string, id: string): Promise<ExperimentResults> {
    const e = await this.getRow(workspaceId, id);
    const metric = e.primaryMetric;
    const aggregates = e.status === 'draft' ? [] : await q.aggregateArms(this.db, e);
    const byKey = new Map(aggregates.map((a) => [a.variant, a]));
    const arms = e.variants.map((v) => ({ v, agg: byKey.get(v.key), arm: armOf(metric, byKey.get(v.key)) }));
    const control = arms[0]!;
    const comparisons = arms.map((a, i) => (i === 0 ? null : compare(metric, control.arm, a.arm, e.minDetectableEffect)));
    const planned = comparisons.map((c) => c?.requiredPerArm ?? null).filter((n): n is number => n !== null);
    const requiredPerArm = planned.length > 0 ? Math.max(...planned) : null;
    const warnings = comparisons.map((c) => c?.warning ?? null);
    const warning: ExperimentWarningCode | null = warnings.includes('no-data') ? 'no-data' : warnings.includes('underpowered') ? 'underpowered' : null;

    const variants: ExperimentVariantResult[] = arms.map(({ v, agg, arm }, i) => {
      const comparison = comparisons[i] ?? null;
      // The control is compared with every variant: it needs the largest of their planned sizes.
      const required = i === 0 ? requiredPerArm : (comparison?.requiredPerArm ?? null);
      return {
        key: v.key,
        name: v.name,
        isControl: i === 0,
        weight: v.weight,
        exposures: agg?.exposures ?? 0,
        conversations: agg?.conversations ?? 0,
        n: arm.n,
        successes: arm.successes,
        value: arm.value,
        sd: arm.sd,
        remaining: required === null ? null : remainingSample(required, arm.n),
        comparison,
      };
    });
    return {
      experiment: toDto(e),
      metric,
      test: isRateMetric(metric) ? 'two_proportions' : 'welch',
      lowerIsBetter: isLowerBetter(metric),
      alpha: ALPHA,
      power: POWER,
      variants,
      requiredPerArm,
      warning,
      generatedAt: new Date().toISOString(),
    };
  }
}

/** Services validate again: the router's parse does not protect other callers (seed, scripts, tests). */
function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  throw new AppError('BAD_REQUEST', r.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; '));
}
