'use client';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import type { ReportMetric, ReportSeries } from '@/lib/contracts/analytics';
import type { DeskLocale } from '@/lib/desk-i18n';
import { formatDuration, formatNumber, formatTaka, intlLocale } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const metrics: ReportMetric[] = ['volume', 'first_response', 'resolution', 'csat', 'sla'];

/** Weighted mean of a series' values over bucket indexes [a, b) (counts as weights; volume: the sum). */
function over(r: ReportSeries | undefined, a: number, b: number) {
  const s = r?.series[0];
  if (!s) return null;
  let n = 0;
  let total = 0;
  for (let i = a; i < b; i++) {
    const c = s.counts[i] ?? 0;
    if (r.unit === 'count') total += c;
    else if (s.values[i] !== null && c) {
      total += (s.values[i] as number) * c;
      n += c;
    }
  }
  return r.unit === 'count' ? total : n ? total / n : null;
}

/** A one-page summary of the last 7 days against the 7 before, and the week ahead; print it or save as PDF. */
export function SummaryView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const to = isoDay(new Date(Date.now() - 86_400_000));
  const from = isoDay(new Date(Date.now() - 14 * 86_400_000));
  const reports = useQueries({ queries: metrics.map((metric) => trpc.analytics.report.queryOptions({ metric, dimension: 'none', grain: 'day', from, to })) });
  const revenue = useQuery(trpc.analytics.revenue.queryOptions({ from: isoDay(new Date(Date.now() - 7 * 86_400_000)), to, days: 7, dimension: 'team' }));
  const forecast = useQuery(trpc.analytics.forecast.queryOptions({}));
  const byMetric = Object.fromEntries(metrics.map((m, i) => [m, reports[i]?.data])) as Record<ReportMetric, ReportSeries | undefined>;
  const loading = reports.some((r) => r.isPending) || revenue.isPending || forecast.isPending;
  const show = (m: ReportMetric, v: number | null) =>
    v === null ? '—' : m === 'volume' ? formatNumber(v, locale) : m === 'csat' ? `${formatNumber(Math.round(v * 10) / 10, locale)} ★` : m === 'sla' ? `${formatNumber(Math.round(v), locale)}%` : formatDuration(v, locale);
  const labels: Record<ReportMetric, string> = {
    volume: t.metric_volume,
    first_response: t.metric_first_response,
    resolution: t.metric_resolution,
    csat: t.metric_csat,
    sla: t.metric_sla,
    sentiment: t.metric_sentiment,
  };
  const vol = byMetric.volume;
  const chart = vol?.series[0] ? vol.buckets.map((b, i) => ({ day: new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', timeZone: vol.timezone }).format(new Date(b)), n: vol.series[0]!.counts[i] ?? 0 })) : [];
  const nextWeek = forecast.data?.points.slice(0, 168) ?? [];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <h1 className={styles.h1}>{t.summaryTitle}</h1>
        <button type="button" className={`${styles.primary} ${styles.noPrint}`} onClick={() => window.print()} data-testid="print-summary">
          {t.print}
        </button>
      </div>
      <p className={styles.muted}>
        {t.last7} ({from} – {to}) · {new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long' }).format(new Date())}
      </p>
      {loading && <p className={styles.muted}>{t.loading}</p>}
      <div className={styles.grid} data-testid="summary-kpis">
        {metrics.map((m) => {
          const r = byMetric[m];
          const cur = over(r, 7, 14);
          const prev = over(r, 0, 7);
          return (
            <section key={m} className={styles.card}>
              <span className={styles.cardLabel}>{labels[m]}</span>
              <span className={styles.cardValue}>{show(m, cur)}</span>
              <span className={styles.cardSub}>
                {t.prev7}: {show(m, prev)}
              </span>
            </section>
          );
        })}
        <section className={styles.card}>
          <span className={styles.cardLabel}>{t.revenue}</span>
          <span className={styles.cardValue}>{revenue.data ? formatTaka(revenue.data.total.revenueBdt, locale) : '—'}</span>
          <span className={styles.cardSub}>
            {t.refundsAvoided}: {revenue.data ? formatTaka(revenue.data.refundsAvoided.valueBdt, locale) : '—'}
          </span>
        </section>
      </div>
      <section className={styles.panel}>
        <h2>{t.metric_volume}</h2>
        <div style={{ width: '100%', height: 220 }}>
          <ResponsiveContainer>
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Bar dataKey="n" fill="#0f766e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </section>
      {forecast.data && (
        <section className={styles.panel}>
          <h2>{t.forecastTitle}</h2>
          <p>
            {t.forecast} (7 {t.grain_day.toLowerCase()}): <strong>{formatNumber(Math.round(nextWeek.reduce((s, p) => s + p.mean, 0)), locale)}</strong> · {t.peakNeeded}:{' '}
            <strong>{formatNumber(Math.max(0, ...nextWeek.map((p) => p.needed)), locale)}</strong> · {t.scheduled}: {formatNumber(forecast.data.onlineNow, locale)}
          </p>
        </section>
      )}
    </>
  );
}
