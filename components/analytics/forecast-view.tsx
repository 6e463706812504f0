'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { formatNumber, intlLocale } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

const hourLabel = (iso: string, locale: DeskLocale) =>
  new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Dhaka' }).format(new Date(iso));
const r1 = (v: number) => Math.round(v * 10) / 10;

/** Next 14 days of volume per hour with intervals and a backtest; agents needed by Erlang C, with a what-if. */
export function ForecastView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const [aht, setAht] = useState<number | ''>('');
  const [target, setTarget] = useState(60);
  const [level, setLevel] = useState(80);
  const [concurrency, setConcurrency] = useState(2);
  const [shrinkage, setShrinkage] = useState(0);
  const input = { ahtSeconds: aht === '' ? undefined : aht, targetSeconds: target, serviceLevel: level / 100, concurrency, shrinkage: shrinkage / 100 };
  const f = useQuery(trpc.analytics.forecast.queryOptions(input, { placeholderData: (prev) => prev }));
  const n = (v: number, digits = 0) => formatNumber(digits ? Math.round(v * 10 ** digits) / 10 ** digits : Math.round(v), locale);
  const pct = (v: number | null) => (v === null ? '—' : `${n(v * 100, 1)}%`);
  const d = f.data;
  const chartData = d
    ? [
        ...d.recent.map((p) => ({ label: hourLabel(p.at, locale), actual: p.count })),
        ...d.points.map((p) => ({ label: hourLabel(p.at, locale), mean: r1(p.mean), band95: [r1(p.lo95), r1(p.hi95)], band80: [r1(p.lo80), r1(p.hi80)] })),
      ]
    : [];
  const staffing = d ? d.points.map((p) => ({ label: hourLabel(p.at, locale), needed: p.needed, online: d.onlineNow })) : [];
  const numberInput = (label: string, value: number | '', set: (v: number) => void, min: number, max: number, step = 1, testId?: string, placeholder?: string) => (
    <label>
      {label}
      <input type="number" inputMode="decimal" min={min} max={max} step={step} value={value} placeholder={placeholder} data-testid={testId} onChange={(e) => e.target.value !== '' && set(Math.min(max, Math.max(min, Number(e.target.value))))} />
    </label>
  );
  return (
    <>
      <h1 className={styles.h1}>{t.forecastTitle}</h1>
      <p className={styles.muted}>{t.forecastHint}</p>
      {f.error && (
        <p role="alert" className={styles.error}>
          {f.error.message}
        </p>
      )}
      {f.isPending && <div className={styles.skeleton} style={{ height: 300 }} aria-busy="true" />}
      {d && (
        <>
          <section className={styles.panel} data-testid="forecast-chart">
            <h2>
              {t.forecast} <span className={styles.muted}>· {d.model}</span>
            </h2>
            <div className={styles.chart}>
              <ResponsiveContainer>
                <ComposedChart data={chartData} margin={{ left: 0, right: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" minTickGap={40} />
                  <YAxis tickFormatter={(v: number) => n(v)} />
                  <Tooltip />
                  <Legend />
                  <Area dataKey="band95" name="95%" fill="#ccfbf1" stroke="none" isAnimationActive={false} />
                  <Area dataKey="band80" name="80%" fill="#99f6e4" stroke="none" isAnimationActive={false} />
                  <Line dataKey="mean" name={t.forecast} stroke="#0f766e" dot={false} isAnimationActive={false} />
                  <Line dataKey="actual" name={t.actual} stroke="#334155" dot={false} isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </section>
          <section className={styles.panel} data-testid="backtest">
            <h2>{t.backtest}</h2>
            {d.backtest ? (
              <table className={styles.table}>
                <thead>
                  <tr>
                    <th>{t.model}</th>
                    <th>MAPE</th>
                    <th>MASE</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td>Holt-Winters</td>
                    <td data-testid="backtest-mape">{pct(d.backtest.mape)}</td>
                    <td data-testid="backtest-mase">{d.backtest.mase === null ? '—' : n(d.backtest.mase, 2)}</td>
                  </tr>
                  <tr>
                    <td>{t.baseline}</td>
                    <td>{pct(d.backtest.baselineMape)}</td>
                    <td>{d.backtest.baselineMase === null ? '—' : n(d.backtest.baselineMase, 2)}</td>
                  </tr>
                </tbody>
              </table>
            ) : (
              <p className={styles.muted}>{t.noData}</p>
            )}
          </section>
          <section className={styles.panel} data-testid="staffing">
            <h2>{t.staffingTitle}</h2>
            <p className={styles.muted}>{t.staffingHint}</p>
            <form className={styles.controls} onSubmit={(e) => e.preventDefault()} aria-label={t.staffingTitle}>
              {numberInput(t.aht, aht, setAht, 10, 7200, 10, 'whatif-aht', d.ahtSeconds ? String(Math.round(d.ahtSeconds)) : undefined)}
              {numberInput(t.target, target, setTarget, 5, 3600, 5, 'whatif-target')}
              {numberInput(t.serviceLevel, level, setLevel, 50, 99, 1, 'whatif-level')}
              {numberInput(t.concurrency, concurrency, setConcurrency, 1, 10, 0.5, 'whatif-concurrency')}
              {numberInput(t.shrinkage, shrinkage, setShrinkage, 0, 60, 5, 'whatif-shrinkage')}
            </form>
            <p>
              {t.peakNeeded}: <strong data-testid="peak-needed">{n(d.peakNeeded)}</strong> · {t.scheduled}: <strong>{n(d.onlineNow)}</strong> · {t.aht}: {n(d.ahtSeconds)}
              {f.isFetching && <span className={styles.muted}> ({t.loading})</span>}
            </p>
            <div className={styles.chart}>
              <ResponsiveContainer>
                <ComposedChart data={staffing} margin={{ left: 0, right: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" minTickGap={40} />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Area type="step" dataKey="needed" name={t.needed} fill="#fde68a" stroke="#b45309" isAnimationActive={false} />
                  <Line type="step" dataKey="online" name={t.scheduled} stroke="#1d4ed8" dot={false} isAnimationActive={false} />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </section>
        </>
      )}
    </>
  );
}
