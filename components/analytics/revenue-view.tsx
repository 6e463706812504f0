'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { toCsv } from '@/lib/analytics/csv';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { downloadText } from '@/lib/download';
import { formatNumber, formatTaka } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';
import { DateRangeFields, SimpleTable, useDateRange } from './parts';


/** Revenue of orders placed after conversations, by agent, team or vendor, and refunds avoided. */
export function RevenueView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const [dimension, setDimension] = useState<'agent' | 'team' | 'vendor'>('agent');
  const [days, setDays] = useState(7);
  const range = useDateRange();
  const { from, to } = range;
  const q = useQuery(trpc.analytics.revenue.queryOptions({ from, to, days, dimension }, { placeholderData: (prev) => prev }));
  const d = q.data;
  const n = (v: number) => formatNumber(v, locale);
  const exportCsv = () =>
    d &&
    downloadText(
      `revenue-${dimension}-${from}-${to}.csv`,
      toCsv(
        [dimension, 'conversations', 'converted', 'conversion_pct', 'orders', 'revenue_bdt'],
        d.items.map((i) => [i.name ?? t.none, i.conversations, i.converted, Math.round(i.conversionPct * 10) / 10, i.orders, i.revenueBdt]),
      ),
    );
  return (
    <>
      <h1 className={styles.h1}>{t.revenueTitle}</h1>
      <p className={styles.muted}>{t.revenueHint}</p>
      <form className={styles.controls} onSubmit={(e) => e.preventDefault()} aria-label={t.revenueTitle}>
        <label>
          {t.dimension}
          <select value={dimension} onChange={(e) => setDimension(e.target.value as typeof dimension)} data-testid="revenue-dimension">
            <option value="agent">{t.dim_agent}</option>
            <option value="team">{t.dim_team}</option>
            <option value="vendor">{t.dim_vendor}</option>
          </select>
        </label>
        <label>
          {t.window}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 3, 7, 14, 30].map((x) => (
              <option key={x} value={x}>
                {n(x)}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields range={range} t={t} />
        <button type="button" className={styles.secondary} onClick={exportCsv} disabled={!d}>
          {t.exportCsv}
        </button>
      </form>
      {q.error && (
        <p role="alert" className={styles.error}>
          {q.error.message}
        </p>
      )}
      {q.isPending && <div className={styles.skeleton} style={{ height: 200 }} aria-busy="true" />}
      {d && (
        <>
          <div className={styles.grid}>
            <section className={styles.card}>
              <span className={styles.cardLabel}>{t.revenue}</span>
              <span className={styles.cardValue} data-testid="revenue-total">
                {formatTaka(d.total.revenueBdt, locale)}
              </span>
              <span className={styles.cardSub}>
                {n(d.total.orders)} {t.orders}
              </span>
            </section>
            <section className={styles.card}>
              <span className={styles.cardLabel}>{t.conversion}</span>
              <span className={styles.cardValue}>{d.total.conversations ? `${formatNumber(Math.round((1000 * d.total.converted) / d.total.conversations) / 10, locale)}%` : '—'}</span>
              <span className={styles.cardSub}>
                {n(d.total.converted)} / {n(d.total.conversations)} {t.conversations}
              </span>
            </section>
            <section className={styles.card} title={t.refundsAvoidedHint}>
              <span className={styles.cardLabel}>{t.refundsAvoided}</span>
              <span className={styles.cardValue} data-testid="refunds-avoided">
                {formatTaka(d.refundsAvoided.valueBdt, locale)}
              </span>
              <span className={styles.cardSub}>
                {n(d.refundsAvoided.kept)} {t.kept} / {n(d.refundsAvoided.requests)} {t.requests}
              </span>
            </section>
          </div>
          <section className={styles.panel}>
            <h2>
              {t.revenue} · {t[`dim_${dimension}`]}
            </h2>
            {d.items.length === 0 ? (
              <p className={styles.muted}>{t.noData}</p>
            ) : (
              <>
                <div style={{ width: '100%', height: Math.max(140, d.items.length * 30 + 40) }}>
                  <ResponsiveContainer>
                    <BarChart data={d.items.map((i) => ({ name: i.name ?? t.none, revenue: i.revenueBdt }))} layout="vertical" margin={{ left: 8, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                      <XAxis type="number" tickFormatter={(v: number) => formatTaka(v, locale)} />
                      <YAxis type="category" dataKey="name" width={140} />
                      <Tooltip formatter={(v) => formatTaka(Number(v), locale)} />
                      <Bar dataKey="revenue" name={t.revenue} fill="#0f766e" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <SimpleTable
                  testId="revenue-table"
                  headers={[t[`dim_${dimension}`], t.conversations, t.converted, t.orders, t.revenue]}
                  rows={d.items.map((i) => ({
                    key: i.key ?? 'none',
                    cells: [i.name ?? t.none, n(i.conversations), `${n(i.converted)} (${formatNumber(Math.round(i.conversionPct * 10) / 10, locale)}%)`, n(i.orders), formatTaka(i.revenueBdt, locale)],
                  }))}
                />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
