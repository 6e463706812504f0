'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { toCsv } from '@/lib/analytics/csv';
import { type AnalyticsDict, dimensionLabel } from '@/lib/analytics-i18n';
import { type ReportDimension, reportDimensions, type ReportGrain, reportGrains, type ReportMetric, reportMetrics, type ReportSeries } from '@/lib/contracts/analytics';
import type { DeskLocale } from '@/lib/desk-i18n';
import { downloadText } from '@/lib/download';
import { formatDuration, formatNumber, intlLocale } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';
import { DateRangeFields, SimpleTable, useDateRange } from './parts';

const COLORS = ['#0f766e', '#b45309', '#1d4ed8', '#9333ea', '#be123c', '#15803d', '#64748b', '#0891b2'];

function formatValue(v: number | null, unit: ReportSeries['unit'], locale: DeskLocale) {
  if (v === null) return '—';
  if (unit === 'seconds') return formatDuration(v, locale);
  if (unit === 'percent') return `${formatNumber(Math.round(v), locale)}%`;
  if (unit === 'rating' || unit === 'score') return formatNumber(Math.round(v * 100) / 100, locale);
  return formatNumber(v, locale);
}

function bucketLabel(iso: string, grain: ReportGrain, tz: string, locale: DeskLocale) {
  const opts: Intl.DateTimeFormatOptions = grain === 'hour' ? { day: 'numeric', month: 'short', hour: 'numeric', timeZone: tz } : { day: 'numeric', month: 'short', timeZone: tz };
  return new Intl.DateTimeFormat(intlLocale(locale), opts).format(new Date(iso));
}

/** Time series by metric, dimension and grain; click a bar or point for the conversations behind it; CSV. */
export function ReportsView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const [metric, setMetric] = useState<ReportMetric>('volume');
  const [dimension, setDimension] = useState<ReportDimension>('none');
  const [grain, setGrain] = useState<ReportGrain>('day');
  const range = useDateRange();
  const { from, to } = range;
  const [businessHours, setBusinessHours] = useState(false);
  const [drill, setDrill] = useState<{ key: string | null; label: string; bucket: string } | null>(null);
  const input = { metric, dimension, grain, from, to, businessHours };
  const report = useQuery(trpc.analytics.report.queryOptions(input, { placeholderData: (prev) => prev }));
  const drillRows = useQuery({ ...trpc.analytics.drill.queryOptions({ metric, dimension, grain, key: drill?.key ?? null, bucket: drill?.bucket ?? new Date().toISOString(), limit: 100 }), enabled: !!drill });
  const board = useQuery(trpc.analytics.leaderboard.queryOptions({ from, to }));

  const data = useMemo(() => {
    const r = report.data;
    if (!r) return [];
    return r.buckets.map((b, i) => {
      const row: Record<string, string | number | null> = { bucket: b, label: bucketLabel(b, r.grain, r.timezone, locale) };
      r.series.forEach((s, k) => (row[`s${k}`] = s.values[i] ?? null));
      return row;
    });
  }, [report.data, locale]);

  const exportCsv = () => {
    const r = report.data;
    if (!r) return;
    const header = ['bucket', ...r.series.flatMap((s) => [`${s.label} (${r.unit})`, `${s.label} (n)`])];
    const rows = r.buckets.map((b, i) => [b, ...r.series.flatMap((s) => [s.values[i] ?? null, s.counts[i] ?? 0])]);
    downloadText(`report-${r.metric}-${r.dimension}-${from}-${to}.csv`, toCsv(header, rows));
  };

  const onPick = (index: number | undefined, seriesIndex: number) => {
    const r = report.data;
    if (!r || index === undefined) return;
    const s = r.series[seriesIndex];
    if (s) setDrill({ key: s.key, label: `${s.label} · ${bucketLabel(r.buckets[index]!, r.grain, r.timezone, locale)}`, bucket: r.buckets[index]! });
  };

  const r = report.data && { ...report.data, series: report.data.series.map((s) => ({ ...s, label: dimensionLabel(report.data!.dimension, s.key, s.label, locale) })) };
  const chart = r && r.series.length > 0 && (
    <div className={styles.chart} data-testid="report-chart">
      <ResponsiveContainer>
        {r.unit === 'count' ? (
          <BarChart data={data} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} />
            <Tooltip formatter={(v) => formatValue(Number(v), r.unit, locale)} />
            {r.series.length > 1 && <Legend />}
            {r.series.map((s, k) => (
              <Bar key={k} dataKey={`s${k}`} name={s.label} stackId="a" fill={COLORS[k % COLORS.length]} isAnimationActive={false} cursor="pointer" onClick={(_, index) => onPick(index, k)} />
            ))}
          </BarChart>
        ) : (
          <LineChart data={data} margin={{ left: 8, right: 8 }} onClick={(e) => e && typeof e.activeTooltipIndex === 'number' && onPick(e.activeTooltipIndex, 0)}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis tickFormatter={(v: number) => formatValue(v, r.unit, locale)} width={80} />
            <Tooltip formatter={(v) => formatValue(Number(v), r.unit, locale)} />
            {r.series.length > 1 && <Legend />}
            {r.series.map((s, k) => (
              <Line key={k} dataKey={`s${k}`} name={s.label} stroke={COLORS[k % COLORS.length]} connectNulls dot isAnimationActive={false} activeDot={{ onClick: (_, e) => onPick((e as unknown as { index?: number }).index, k), cursor: 'pointer' }} />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );

  return (
    <>
      <h1 className={styles.h1}>{t.reportsTitle}</h1>
      <form className={`${styles.controls} ${styles.noPrint}`} onSubmit={(e) => e.preventDefault()} aria-label={t.reportsTitle}>
        <label>
          {t.metric}
          <select value={metric} onChange={(e) => (setMetric(e.target.value as ReportMetric), setDrill(null))} data-testid="report-metric">
            {reportMetrics.map((m) => (
              <option key={m} value={m}>
                {t[`metric_${m}`]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.dimension}
          <select value={dimension} onChange={(e) => (setDimension(e.target.value as ReportDimension), setDrill(null))} data-testid="report-dimension">
            {reportDimensions.map((d) => (
              <option key={d} value={d}>
                {t[`dim_${d}`]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.grain}
          <select value={grain} onChange={(e) => (setGrain(e.target.value as ReportGrain), setDrill(null))} data-testid="report-grain">
            {reportGrains.map((g) => (
              <option key={g} value={g}>
                {t[`grain_${g}`]}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields range={range} t={t} />
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          <input type="checkbox" checked={businessHours} onChange={(e) => setBusinessHours(e.target.checked)} /> {t.businessHours}
        </label>
        <button type="button" className={styles.secondary} onClick={exportCsv} disabled={!report.data} data-testid="report-csv">
          {t.exportCsv}
        </button>
      </form>
      <section className={styles.panel} aria-busy={report.isFetching}>
        <h2>
          {t[`metric_${metric}`]} · {t[`dim_${dimension}`]} {report.isFetching && <span className={styles.muted}>({t.loading})</span>}
        </h2>
        {report.error && (
          <p role="alert" className={styles.error}>
            {report.error.message}{' '}
            <button type="button" className={styles.secondary} onClick={() => void report.refetch()}>
              {t.retry}
            </button>
          </p>
        )}
        {report.isPending && <div className={styles.skeleton} style={{ height: 300 }} />}
        {r && r.series.length === 0 && <p className={styles.muted}>{t.noData}</p>}
        {chart}
        {r && r.series.length > 0 && <p className={styles.muted}>{t.drillHint}</p>}
      </section>
      {drill && (
        <section className={styles.panel} data-testid="drill-panel" aria-live="polite">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <h2>
              {t.drillTitle}: {drill.label}
            </h2>
            <button type="button" className={styles.secondary} onClick={() => setDrill(null)}>
              {t.close}
            </button>
          </div>
          {drillRows.isPending && <p className={styles.muted}>{t.loading}</p>}
          {drillRows.data && drillRows.data.length === 0 && <p className={styles.muted}>{t.noData}</p>}
          {drillRows.data && drillRows.data.length > 0 && (
            <SimpleTable
              rowTestId="drill-row"
              headers={[t.when, t.customer, t.team, t.agent, t.status, t.value, '']}
              rows={drillRows.data.map((row, i) => ({
                key: `${row.conversationId}-${i}`,
                cells: [
                  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(row.at)),
                  <span key="c" dir="auto">
                    {row.contactName ?? '—'}
                  </span>,
                  row.teamName ?? '—',
                  row.agentName ?? '—',
                  row.status ?? '—',
                  metric === 'volume' ? '' : formatValue(row.value, metric === 'csat' ? 'rating' : metric === 'sentiment' ? 'score' : 'seconds', locale),
                  row.conversationId && (
                    <a key="o" href={`/desk?c=${row.conversationId}`}>
                      {t.openInDesk}
                    </a>
                  ),
                ],
              }))}
            />
          )}
        </section>
      )}
      <div className={styles.panels}>
        <section className={styles.panel}>
          <h2>{t.leaderboard}</h2>
          {board.isPending && <p className={styles.muted}>{t.loading}</p>}
          {board.data && board.data.length === 0 && <p className={styles.muted}>{t.noData}</p>}
          {board.data && board.data.length > 0 && (
            <SimpleTable
              testId="leaderboard"
              headers={[t.agent, t.resolvedCount, t.avgFirstResponse, t.avgCsat]}
              rows={board.data.map((a) => ({
                key: a.agentId,
                cells: [
                  a.name,
                  formatNumber(a.resolved, locale),
                  formatDuration(a.avgFirstResponseSeconds, locale),
                  a.csatAverage === null ? '—' : `${formatNumber(Math.round(a.csatAverage * 10) / 10, locale)} ★ (${formatNumber(a.csatCount, locale)})`,
                ],
              }))}
            />
          )}
        </section>
        <section className={styles.panel}>
          <h2>{t.scorecards}</h2>
          <p>
            <a href="/vendor/scorecard">{t.scorecards} →</a>
          </p>
        </section>
      </div>
    </>
  );
}
