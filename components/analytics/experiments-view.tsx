'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import {
  type ExperimentDto,
  type ExperimentInput,
  type ExperimentKind,
  type ExperimentMetric,
  type ExperimentResults,
  type ExperimentVariantResult,
  experimentKinds,
  experimentMetrics,
  isRateMetric,
  MAX_GREETING,
} from '@/lib/contracts/experiments';
import type { DeskLocale } from '@/lib/desk-i18n';
import { experimentsDictionaries, type ExperimentsDict, fill } from '@/lib/experiments-i18n';
import { formatDuration, formatNumber, formatTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

/**
 * /dashboard/experiments (inside DashboardShell): define, start and stop A/B experiments on chat features, and
 * read their results. Executives read; supervisors and admins also change.
 */
export function ExperimentsView({ locale }: { locale: DeskLocale }) {
  return <Experiments locale={locale} t={experimentsDictionaries[locale]} />;
}

type WidgetOption = { id: string; key: string; name: string; greetingEn: string; greetingBn: string };

function Experiments({ locale, t }: { locale: DeskLocale; t: ExperimentsDict }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  const canEdit = me.data?.role === 'admin' || me.data?.role === 'supervisor';
  const list = useQuery(trpc.experiments.list.queryOptions());
  const widgets = useQuery(trpc.experiments.widgets.queryOptions());
  const [form, setForm] = useState<FormState | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.experiments.results.queryKey() });
  };
  const onError = (e: { message: string }) => setActionError(e.message);
  const start = useMutation(trpc.experiments.start.mutationOptions({ onSuccess: refresh, onError }));
  const stop = useMutation(trpc.experiments.stop.mutationOptions({ onSuccess: refresh, onError }));

  async function confirmStop(e: ExperimentDto) {
    setActionError(null);
    let message = fill(t.stopConfirm, { name: e.name });
    try {
      const r = await qc.fetchQuery(trpc.experiments.results.queryOptions({ id: e.id }));
      if (r.warning === 'underpowered' && r.requiredPerArm !== null) message += '\n\n' + fill(t.stopEarlyConfirm, { n: formatNumber(r.requiredPerArm, locale) });
      else if (r.warning) message += '\n\n' + t.warnUnplanned;
    } catch {
      // Results could not be read: the plain confirmation still guards the click.
    }
    if (window.confirm(message)) stop.mutate({ id: e.id });
  }

  const widgetName = (id: string | null) => (id ? (widgets.data?.find((w) => w.id === id)?.name ?? id.slice(0, 8)) : t.allWidgets);
  const selectedExperiment = list.data?.find((e) => e.id === selected) ?? null;

  return (
    <>
      <div className={styles.expHeader}>
        <div>
          <h1 className={styles.h1}>{t.title}</h1>
          <p className={styles.muted}>{t.intro}</p>
        </div>
        {canEdit && !form && (
          <button type="button" className={styles.primary} onClick={() => setForm(emptyForm())} data-testid="experiment-new">
            {t.newExperiment}
          </button>
        )}
      </div>

      {form && (
        <ExperimentForm
          key={form.id ?? 'new'}
          initial={form}
          t={t}
          widgets={widgets.data ?? []}
          onDone={(saved) => {
            setForm(null);
            refresh();
            if (saved) setSelected(saved.id);
          }}
        />
      )}

      <section className={styles.panel} aria-labelledby="experiments-list-heading">
        <h2 id="experiments-list-heading">{t.listHeading}</h2>
        {actionError && (
          <p className={styles.error} role="alert" data-testid="experiment-action-error">
            {actionError}
          </p>
        )}
        {list.isPending ? (
          <div className={styles.skeleton} aria-busy="true" aria-label={t.loading} />
        ) : list.isError ? (
          <p className={styles.error} role="alert">
            {t.loadError}{' '}
            <button type="button" className={styles.secondary} onClick={() => void list.refetch()}>
              {t.retry}
            </button>
          </p>
        ) : list.data.length === 0 ? (
          <p className={styles.muted} data-testid="experiments-empty">
            {t.empty} {canEdit && t.emptyEditor}
          </p>
        ) : (
          <div className={styles.tableScroll}>
            <table className={`${styles.table} ${styles.expStack}`} data-testid="experiments-table">
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.metric}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">
                    <span className={styles.visuallyHidden}>{t.results}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((e) => (
                  <tr key={e.id} data-testid="experiment-row" data-key={e.key} className={e.id === selected ? styles.expRowSelected : undefined}>
                    <td className={styles.expWide}>
                      <strong>{e.name}</strong>
                      <div className={styles.muted}>
                        <code>{e.key}</code> · {widgetName(e.widgetId)}
                      </div>
                    </td>
                    <td data-label={t.kind}>{t[`kind_${e.kind}`]}</td>
                    <td data-label={t.metric}>{t[`metric_${e.primaryMetric}`]}</td>
                    <td data-label={t.status}>
                      <span className={`${styles.badge} ${styles[`badge_${e.status}`]}`} data-testid="experiment-status">
                        {t[`status_${e.status}`]}
                      </span>
                      {e.startedAt && (
                        <div className={styles.muted}>
                          {t.started} {new Date(e.startedAt).toLocaleDateString(locale === 'bn' ? 'bn-BD' : 'en-GB')}
                        </div>
                      )}
                    </td>
                    <td className={styles.expWide}>
                      <div className={styles.expActions}>
                        <button
                          type="button"
                          className={styles.secondary}
                          aria-pressed={e.id === selected}
                          onClick={() => setSelected(e.id === selected ? null : e.id)}
                          data-testid="experiment-results-button"
                        >
                          {t.results}
                        </button>
                        {canEdit && e.status === 'draft' && (
                          <>
                            <button type="button" className={styles.secondary} onClick={() => setForm(formOf(e))} data-testid="experiment-edit">
                              {t.edit}
                            </button>
                            <button
                              type="button"
                              className={styles.primary}
                              disabled={start.isPending}
                              onClick={() => {
                                setActionError(null);
                                start.mutate({ id: e.id });
                              }}
                              data-testid="experiment-start"
                            >
                              {t.start}
                            </button>
                          </>
                        )}
                        {canEdit && e.status === 'running' && (
                          <button type="button" className={styles.danger} disabled={stop.isPending} onClick={() => void confirmStop(e)} data-testid="experiment-stop">
                            {t.stop}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {selectedExperiment && <ResultsPanel experiment={selectedExperiment} locale={locale} t={t} onClose={() => setSelected(null)} />}
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Form

type VariantDraft = { key: string; name: string; weight: string; greetingEn: string; greetingBn: string; delaySeconds: string; suggestions: boolean };
type FormState = {
  id: string | null;
  name: string;
  key: string;
  keyTouched: boolean;
  kind: ExperimentKind;
  widgetId: string;
  primaryMetric: ExperimentMetric;
  mde: string;
  conversionDays: string;
  variants: VariantDraft[];
};

const blankVariant = (key: string, name: string, extra: Partial<VariantDraft> = {}): VariantDraft => ({
  key,
  name,
  weight: '1',
  greetingEn: '',
  greetingBn: '',
  delaySeconds: '',
  suggestions: false,
  ...extra,
});

const defaultVariants = (kind: ExperimentKind): VariantDraft[] =>
  kind === 'proactive_delay'
    ? [blankVariant('control', 'Control', { delaySeconds: '30' }), blankVariant('fast', 'Faster', { delaySeconds: '10' })]
    : kind === 'reply_suggestions'
      ? [blankVariant('off', 'Off'), blankVariant('on', 'On', { suggestions: true })]
      : [blankVariant('control', 'Control'), blankVariant('treatment', 'Treatment')];

const emptyForm = (): FormState => ({
  id: null,
  name: '',
  key: '',
  keyTouched: false,
  kind: 'widget_greeting',
  widgetId: '',
  primaryMetric: 'conversion',
  mde: '5',
  conversionDays: '7',
  variants: defaultVariants('widget_greeting'),
});

// Rates are edited in percentage points (5) and stored as a share (0.05).
const mdeToForm = (metric: ExperimentMetric, v: number) => String(isRateMetric(metric) ? Math.round(v * 100 * 1000) / 1000 : v);
const mdeFromForm = (metric: ExperimentMetric, s: string) => (s.trim() === '' ? NaN : isRateMetric(metric) ? Number(s) / 100 : Number(s));

function formOf(e: ExperimentDto): FormState {
  return {
    id: e.id,
    name: e.name,
    key: e.key,
    keyTouched: true,
    kind: e.kind,
    widgetId: e.widgetId ?? '',
    primaryMetric: e.primaryMetric,
    mde: mdeToForm(e.primaryMetric, e.minDetectableEffect),
    conversionDays: String(e.conversionDays),
    variants: e.variants.map((v) => ({
      key: v.key,
      name: v.name,
      weight: String(v.weight),
      greetingEn: v.greetingEn ?? '',
      greetingBn: v.greetingBn ?? '',
      delaySeconds: v.delaySeconds === undefined ? '' : String(v.delaySeconds),
      suggestions: v.suggestions ?? false,
    })),
  };
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

const numberOr = (s: string) => (s.trim() === '' ? NaN : Number(s));

function toInput(f: FormState): ExperimentInput {
  return {
    name: f.name,
    key: f.key,
    kind: f.kind,
    widgetId: f.kind === 'reply_suggestions' || !f.widgetId ? null : f.widgetId,
    primaryMetric: f.primaryMetric,
    minDetectableEffect: mdeFromForm(f.primaryMetric, f.mde),
    conversionDays: Math.round(numberOr(f.conversionDays)) || 7,
    variants: f.variants.map((v) => ({
      key: v.key,
      name: v.name,
      weight: numberOr(v.weight),
      ...(f.kind === 'widget_greeting' ? { greetingEn: v.greetingEn, greetingBn: v.greetingBn } : {}),
      ...(f.kind === 'proactive_delay' ? { delaySeconds: v.delaySeconds.trim() === '' ? undefined : Number(v.delaySeconds) } : {}),
      ...(f.kind === 'reply_suggestions' ? { suggestions: v.suggestions } : {}),
    })),
  };
}

function ExperimentForm({ initial, t, widgets, onDone }: { initial: FormState; t: ExperimentsDict; widgets: WidgetOption[]; onDone: (saved: ExperimentDto | null) => void }) {
  const trpc = useTRPC();
  const ids = useId();
  const [f, setF] = useState<FormState>(initial);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(trpc.experiments.create.mutationOptions());
  const update = useMutation(trpc.experiments.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const set = (patch: Partial<FormState>) => setF((prev) => ({ ...prev, ...patch }));
  const setVariant = (i: number, patch: Partial<VariantDraft>) => setF((prev) => ({ ...prev, variants: prev.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));
  const totalWeight = f.variants.reduce((s, v) => s + (Number(v.weight) > 0 ? Number(v.weight) : 0), 0);
  const widget = widgets.find((w) => w.id === f.widgetId) ?? widgets[0];
  const mdeHint = isRateMetric(f.primaryMetric) ? t.mdeHint_rate : f.primaryMetric === 'csat' ? t.mdeHint_csat : t.mdeHint_seconds;

  async function submit(ev: React.FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      const input = toInput(f);
      const saved = f.id ? await update.mutateAsync({ ...input, id: f.id }) : await create.mutateAsync(input);
      onDone(saved);
    } catch (e) {
      setError((e as { message?: string }).message ?? String(e));
    }
  }

  return (
    <form className={`${styles.panel} ${styles.expForm}`} onSubmit={(e) => void submit(e)} data-testid="experiment-form" aria-labelledby={`${ids}-h`} noValidate>
      <h2 id={`${ids}-h`}>{f.id ? t.editExperiment : t.newExperiment}</h2>
      <div className={styles.expFields}>
        <label className={styles.field}>
          <span>{t.name}</span>
          <input
            value={f.name}
            maxLength={120}
            required
            autoFocus
            onChange={(e) => set({ name: e.target.value, ...(f.keyTouched ? {} : { key: slugify(e.target.value) }) })}
            data-testid="experiment-name"
          />
        </label>
        <label className={styles.field}>
          <span>{t.key}</span>
          <input
            value={f.key}
            maxLength={60}
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            aria-describedby={`${ids}-key-hint`}
            onChange={(e) => set({ key: e.target.value, keyTouched: true })}
            data-testid="experiment-key"
          />
          <small id={`${ids}-key-hint`} className={styles.muted}>
            {t.keyHint}
          </small>
        </label>
        <label className={styles.field}>
          <span>{t.kind}</span>
          <select
            value={f.kind}
            onChange={(e) => {
              const kind = e.target.value as ExperimentKind;
              set({ kind, variants: defaultVariants(kind), widgetId: kind === 'reply_suggestions' ? '' : f.widgetId });
            }}
            data-testid="experiment-kind"
          >
            {experimentKinds.map((k) => (
              <option key={k} value={k}>
                {t[`kind_${k}`]}
              </option>
            ))}
          </select>
        </label>
        {f.kind !== 'reply_suggestions' && (
          <label className={styles.field}>
            <span>{t.widget}</span>
            <select value={f.widgetId} onChange={(e) => set({ widgetId: e.target.value })} data-testid="experiment-widget">
              <option value="">{t.allWidgets}</option>
              {widgets.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.key})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className={styles.field}>
          <span>{t.metric}</span>
          <select
            value={f.primaryMetric}
            onChange={(e) => {
              const primaryMetric = e.target.value as ExperimentMetric;
              // Units differ per metric: a sensible default instead of 5 seconds or 5 rating points.
              set({ primaryMetric, mde: isRateMetric(primaryMetric) ? '5' : primaryMetric === 'csat' ? '0.3' : '30' });
            }}
            data-testid="experiment-metric"
          >
            {experimentMetrics.map((m) => (
              <option key={m} value={m}>
                {t[`metric_${m}`]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>{t.mde}</span>
          <input type="number" inputMode="decimal" min="0" step="any" value={f.mde} onChange={(e) => set({ mde: e.target.value })} aria-describedby={`${ids}-mde-hint`} data-testid="experiment-mde" />
          <small id={`${ids}-mde-hint`} className={styles.muted}>
            {mdeHint}
          </small>
        </label>
        {f.primaryMetric === 'conversion' && (
          <label className={styles.field}>
            <span>{t.conversionDays}</span>
            <input type="number" inputMode="numeric" min="1" max="90" step="1" value={f.conversionDays} onChange={(e) => set({ conversionDays: e.target.value })} data-testid="experiment-conversion-days" />
          </label>
        )}
      </div>

      <fieldset className={styles.expVariants}>
        <legend>{t.variants}</legend>
        <p className={styles.muted}>{t.variantsHint}</p>
        {f.variants.map((v, i) => {
          const share = totalWeight > 0 && Number(v.weight) > 0 ? Number(v.weight) / totalWeight : 0;
          return (
            <div key={i} className={styles.expVariant} data-testid="experiment-variant" role="group" aria-label={`${t.variant} ${i + 1}${i === 0 ? ` (${t.control})` : ''}`}>
              <div className={styles.expVariantHead}>
                <strong>
                  {i + 1}. {v.name || t.variant} {i === 0 && <span className={styles.badge}>{t.control}</span>}
                </strong>
                <span className={styles.muted}>
                  {t.share}: {Math.round(share * 1000) / 10}%
                </span>
                {f.variants.length > 2 && (
                  <button type="button" className={styles.linkButton} onClick={() => set({ variants: f.variants.filter((_, j) => j !== i) })} data-testid="experiment-variant-remove">
                    {t.removeVariant}
                  </button>
                )}
              </div>
              <div className={styles.expFields}>
                <label className={styles.field}>
                  <span>{t.variantName}</span>
                  <input value={v.name} maxLength={80} onChange={(e) => setVariant(i, { name: e.target.value })} data-testid="variant-name" />
                </label>
                <label className={styles.field}>
                  <span>{t.variantKey}</span>
                  <input value={v.key} maxLength={40} onChange={(e) => setVariant(i, { key: e.target.value })} data-testid="variant-key" />
                </label>
                <label className={styles.field}>
                  <span>{t.weight}</span>
                  <input type="number" inputMode="decimal" min="0" step="any" value={v.weight} onChange={(e) => setVariant(i, { weight: e.target.value })} data-testid="variant-weight" />
                </label>
                {f.kind === 'proactive_delay' && (
                  <label className={styles.field}>
                    <span>{t.delaySeconds}</span>
                    <input type="number" inputMode="numeric" min="0" max="3600" step="1" value={v.delaySeconds} onChange={(e) => setVariant(i, { delaySeconds: e.target.value })} data-testid="variant-delay" />
                  </label>
                )}
                {f.kind === 'reply_suggestions' && (
                  <label className={styles.checkField}>
                    <input type="checkbox" checked={v.suggestions} onChange={(e) => setVariant(i, { suggestions: e.target.checked })} data-testid="variant-suggestions" />
                    <span>{t.suggestionsOn}</span>
                  </label>
                )}
              </div>
              {f.kind === 'widget_greeting' && (
                <div className={styles.expFields}>
                  <label className={styles.field}>
                    <span>{t.greetingEn}</span>
                    <textarea
                      rows={2}
                      maxLength={MAX_GREETING}
                      value={v.greetingEn}
                      placeholder={i === 0 ? (widget?.greetingEn ?? t.greetingPlaceholder) : t.greetingPlaceholder}
                      onChange={(e) => setVariant(i, { greetingEn: e.target.value })}
                      data-testid="variant-greeting-en"
                    />
                  </label>
                  <label className={styles.field} lang="bn">
                    <span>{t.greetingBn}</span>
                    <textarea
                      rows={2}
                      maxLength={MAX_GREETING}
                      value={v.greetingBn}
                      placeholder={i === 0 ? (widget?.greetingBn ?? t.greetingPlaceholder) : t.greetingPlaceholder}
                      onChange={(e) => setVariant(i, { greetingBn: e.target.value })}
                      data-testid="variant-greeting-bn"
                    />
                  </label>
                </div>
              )}
            </div>
          );
        })}
        {f.variants.length < 5 && (
          <button
            type="button"
            className={styles.secondary}
            onClick={() => {
              const n = f.variants.length;
              set({ variants: [...f.variants, blankVariant(`variant-${n + 1}`, `Variant ${n + 1}`, f.kind === 'proactive_delay' ? { delaySeconds: '0' } : {})] });
            }}
            data-testid="experiment-variant-add"
          >
            {t.addVariant}
          </button>
        )}
      </fieldset>

      {error && (
        <p className={styles.error} role="alert" data-testid="experiment-form-error">
          {t.errorPrefix} {error}
        </p>
      )}
      <div className={styles.expActions}>
        <button type="submit" className={styles.primary} disabled={pending} data-testid="experiment-save">
          {pending ? t.saving : f.id ? t.save : t.create}
        </button>
        <button type="button" className={styles.secondary} onClick={() => onDone(null)}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Results

const sign = (n: number, s: string) => (n > 0 ? `+${s}` : n < 0 ? `−${s.replace('-', '')}` : s);

function formattersFor(metric: ExperimentMetric, locale: DeskLocale, t: ExperimentsDict) {
  const num = (n: number, digits: number) => formatNumber(n, locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const value = (v: number | null) => {
    if (v === null) return t.unknown;
    if (isRateMetric(metric)) return `${num(v * 100, 1)}%`;
    if (metric === 'csat') return num(v, 2);
    return formatDuration(v, locale);
  };
  const diff = (d: number) => {
    if (isRateMetric(metric)) return `${sign(d, num(Math.abs(d) * 100, 1))} ${t.pts}`;
    if (metric === 'csat') return sign(d, num(Math.abs(d), 2));
    return `${sign(d, num(Math.abs(d), 0))} ${t.seconds}`;
  };
  const pct = (r: number) => `${sign(r, num(Math.abs(r) * 100, 1))}%`;
  const p = (v: number) => (v < 0.001 ? `< ${num(0.001, 3)}` : num(v, 3));
  return { value, diff, pct, p, int: (n: number) => formatNumber(n, locale) };
}

function unitOf(metric: ExperimentMetric, t: ExperimentsDict) {
  return metric === 'conversion' ? t.unit_visitors : metric === 'csat' ? t.unit_rated : metric === 'first_response_time' ? t.unit_answered : t.unit_conversations;
}

function ResultsPanel({ experiment, locale, t, onClose }: { experiment: ExperimentDto; locale: DeskLocale; t: ExperimentsDict; onClose: () => void }) {
  const trpc = useTRPC();
  const results = useQuery({ ...trpc.experiments.results.queryOptions({ id: experiment.id }), refetchInterval: experiment.status === 'running' ? 30_000 : false });
  return (
    <section className={styles.panel} aria-labelledby="experiment-results-heading" data-testid="experiment-results" aria-busy={results.isFetching}>
      <div className={styles.expVariantHead}>
        <h2 id="experiment-results-heading">{fill(t.resultsHeading, { name: experiment.name })}</h2>
        <button type="button" className={styles.linkButton} onClick={onClose}>
          {t.close}
        </button>
      </div>
      {results.isPending ? (
        <div className={styles.skeleton} aria-label={t.loading} />
      ) : results.isError ? (
        <p className={styles.error} role="alert">
          {results.error.message}{' '}
          <button type="button" className={styles.secondary} onClick={() => void results.refetch()}>
            {t.retry}
          </button>
        </p>
      ) : (
        <ResultsBody r={results.data} locale={locale} t={t} />
      )}
    </section>
  );
}

function ResultsBody({ r, locale, t }: { r: ExperimentResults; locale: DeskLocale; t: ExperimentsDict }) {
  const f = formattersFor(r.metric, locale, t);
  const unit = unitOf(r.metric, t);
  const warning =
    r.experiment.status === 'draft'
      ? t.warnDraft
      : r.warning === 'no-data'
        ? t.warnNoData
        : r.warning === 'underpowered'
          ? r.requiredPerArm !== null
            ? fill(t.warnUnderpowered, { n: f.int(r.requiredPerArm), unit })
            : t.warnUnplanned
          : null;
  return (
    <>
      <p className={styles.muted}>
        {t[`metric_${r.metric}`]} · {fill(t.testUsed, { test: t[`test_${r.test}`] })} {r.lowerIsBetter && t.lowerIsBetter}
      </p>
      {warning ? (
        <p className={styles.expWarning} role="status" data-testid="experiment-warning" data-warning={r.experiment.status === 'draft' ? 'draft' : (r.warning ?? '')}>
          {warning}
        </p>
      ) : (
        r.requiredPerArm !== null && (
          <p className={styles.expOk} role="status" data-testid="experiment-enough">
            {fill(t.enough, { n: f.int(r.requiredPerArm), unit })}
          </p>
        )
      )}
      <div className={styles.tableScroll}>
        <table className={`${styles.table} ${styles.expStack}`} data-testid="experiment-results-table">
          <thead>
            <tr>
              <th scope="col">{t.variant}</th>
              <th scope="col">{t.exposures}</th>
              <th scope="col">{t.conversations}</th>
              <th scope="col">{t[`metric_${r.metric}`]}</th>
              <th scope="col">{t.effect}</th>
              <th scope="col">{t.pValue}</th>
              <th scope="col">{t.significant}</th>
              <th scope="col">{t.stillNeeded}</th>
            </tr>
          </thead>
          <tbody>
            {r.variants.map((v) => (
              <VariantRow key={v.key} v={v} r={r} f={f} t={t} />
            ))}
          </tbody>
        </table>
      </div>
      <p className={styles.muted}>
        {t.updated} {formatTime(r.generatedAt, locale)}
      </p>
    </>
  );
}

function VariantRow({ v, r, f, t }: { v: ExperimentVariantResult; r: ExperimentResults; f: ReturnType<typeof formattersFor>; t: ExperimentsDict }) {
  const c = v.comparison;
  const sampleNote = r.metric === 'csat' ? fill(t.ratedN, { n: f.int(v.n) }) : r.metric === 'first_response_time' ? fill(t.answeredN, { n: f.int(v.n) }) : null;
  const rateNote = isRateMetric(r.metric) && v.successes !== null && v.n > 0 ? `${f.int(v.successes)} / ${f.int(v.n)}` : null;
  return (
    <tr data-testid="experiment-variant-result" data-variant={v.key}>
      <th scope="row" className={styles.expWide}>
        {v.name} {v.isControl && <span className={styles.badge}>{t.control}</span>}
        <div className={styles.muted}>
          <code>{v.key}</code>
        </div>
      </th>
      <td data-label={t.exposures} data-testid="result-exposures">{f.int(v.exposures)}</td>
      <td data-label={t.conversations}>{f.int(v.conversations)}</td>
      <td data-label={t[`metric_${r.metric}`]} data-testid="result-value">
        {f.value(v.value)}
        {(sampleNote ?? rateNote) && <div className={styles.muted}>{sampleNote ?? rateNote}</div>}
      </td>
      <td data-label={t.effect} className={styles.expWide} data-testid="result-effect">
        {c === null ? (
          t.unknown
        ) : c.diff === null ? (
          t.unknown
        ) : (
          <>
            {f.diff(c.diff)}
            {c.relative !== null && <span className={styles.muted}> ({f.pct(c.relative)})</span>}
            {c.ci && (
              <div className={styles.muted}>
                [{f.diff(c.ci[0])}, {f.diff(c.ci[1])}]
              </div>
            )}
          </>
        )}
      </td>
      <td data-label={t.pValue} data-testid="result-p">{c?.pValue === null || c?.pValue === undefined ? t.unknown : f.p(c.pValue)}</td>
      <td data-label={t.significant} data-testid="result-significant">
        {c === null || c.pValue === null ? t.unknown : c.significant ? <strong className={c.isImprovement ? styles.expBetter : styles.expWorse}>{c.isImprovement ? t.yesBetter : t.yesWorse}</strong> : t.no}
      </td>
      <td data-label={t.stillNeeded} data-testid="result-remaining">{v.remaining === null ? t.unknown : v.remaining === 0 ? t.reached : f.int(v.remaining)}</td>
    </tr>
  );
}
