'use client';
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { emitWithAck, useDeskSocket } from '@/components/desk/use-desk-socket';
import { type AnalyticsDict, dimensionLabel } from '@/lib/analytics-i18n';
import type { BreakdownRow, LiveKpis } from '@/lib/contracts/analytics';
import type { DeskLocale } from '@/lib/desk-i18n';
import { formatDuration, formatNumber, formatTime } from '@/lib/format';
import styles from './analytics.module.css';
import { SimpleTable } from './parts';

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <section className={styles.card} aria-label={label}>
      <span className={styles.cardLabel}>{label}</span>
      <span className={styles.cardValue} data-testid={testId}>
        {value}
      </span>
      {sub && <span className={styles.cardSub}>{sub}</span>}
    </section>
  );
}

function Breakdown({ title, rows, locale, t, testId, dimension }: { title: string; rows: BreakdownRow[]; locale: DeskLocale; t: AnalyticsDict; testId: string; dimension: string }) {
  const data = rows.map((r) => ({ name: dimensionLabel(dimension, r.key, r.label ?? '—', locale), count: r.count }));
  return (
    <section className={styles.panel} data-testid={testId}>
      <h2>{title}</h2>
      {data.length === 0 ? (
        <p className={styles.muted}>{t.noData}</p>
      ) : (
        <div style={{ width: '100%', height: Math.max(120, data.length * 34 + 30) }}>
          <ResponsiveContainer>
            <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, locale)} />
              <YAxis type="category" dataKey="name" width={120} />
              <Tooltip formatter={(v) => formatNumber(Number(v), locale)} />
              <Bar dataKey="count" name={t.count} fill="#0f766e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

/** The floor as it is now, updated live over Socket.IO (dashboard:kpis) whenever the numbers move. */
export function LiveDashboard({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const { socket, connected } = useDeskSocket();
  const [kpis, setKpis] = useState<LiveKpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!socket || !connected) return;
    // Watch again after every (re)connect: the room is per socket.
    emitWithAck<LiveKpis>(socket, 'dashboard:watch', {})
      .then((k) => {
        setKpis(k);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
    const onKpis = (k: LiveKpis) => setKpis(k);
    socket.on('dashboard:kpis', onKpis);
    return () => {
      socket.off('dashboard:kpis', onKpis);
    };
  }, [socket, connected]);

  const n = (v: number) => formatNumber(v, locale);
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(Math.round(v), locale)}%`);
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <h1 className={styles.h1}>{t.liveTitle}</h1>
        <span className={styles.live} role="status" data-testid="live-status">
          <span className={`${styles.dot} ${connected ? styles.dotOn : ''}`} /> {connected ? t.liveConnected : t.liveOffline}
          {kpis && ` · ${t.updatedAt} ${formatTime(kpis.generatedAt, locale)}`}
        </span>
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      {!kpis ? (
        <div className={styles.grid} aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <div key={i} className={styles.skeleton} />
          ))}
        </div>
      ) : (
        <>
          <div className={styles.grid}>
            <Card label={t.waiting} value={n(kpis.waiting)} testId="kpi-waiting" sub={`${t.longestWait}: ${formatDuration(kpis.longestWaitSeconds, locale)}`} />
            <Card label={t.open} value={n(kpis.open)} testId="kpi-open" sub={`${t.pending}: ${n(kpis.pending)}`} />
            <Card label={t.agentsOnline} value={n(kpis.agentsOnline)} testId="kpi-agents-online" />
            <Card label={t.conversationsToday} value={n(kpis.conversationsToday)} testId="kpi-today" sub={`${t.resolvedToday}: ${n(kpis.resolvedToday)}`} />
            <Card
              label={t.firstResponse}
              value={formatDuration(kpis.firstResponse.median, locale)}
              testId="kpi-frt"
              sub={`${t.medianP90}: ${formatDuration(kpis.firstResponse.median, locale)} · ${formatDuration(kpis.firstResponse.p90, locale)}`}
            />
            <Card
              label={t.resolution}
              value={formatDuration(kpis.resolution.median, locale)}
              testId="kpi-resolution"
              sub={`${t.medianP90}: ${formatDuration(kpis.resolution.median, locale)} · ${formatDuration(kpis.resolution.p90, locale)}`}
            />
            <Card
              label={t.csat}
              value={kpis.csat.average === null ? '—' : `${formatNumber(Math.round(kpis.csat.average * 10) / 10, locale)} ★`}
              testId="kpi-csat"
              sub={`${pct(kpis.csat.satisfiedPct)} ${t.satisfied} · ${n(kpis.csat.count)} ${t.responses}`}
            />
            <Card label={t.slaAttainment} value={pct(kpis.sla.attainmentPct)} testId="kpi-sla" sub={`${n(kpis.sla.breachesToday)} ${t.breaches}`} />
          </div>
          <section className={styles.panel} data-testid="sentiment-mix">
            <h2>{t.sentimentMix}</h2>
            {(['negative', 'neutral', 'positive'] as const).map((k) => {
              const total = kpis.sentiment.negative + kpis.sentiment.neutral + kpis.sentiment.positive;
              const share = total ? (100 * kpis.sentiment[k]) / total : 0;
              return (
                <div key={k} style={{ display: 'grid', gridTemplateColumns: '110px 1fr 60px', gap: 8, alignItems: 'center', margin: '4px 0' }}>
                  <span>{t[k]}</span>
                  <div className={styles.bar} role="meter" aria-valuenow={Math.round(share)} aria-valuemin={0} aria-valuemax={100} aria-label={t[k]}>
                    <div className={styles.barFill} style={{ width: `${share}%`, background: k === 'negative' ? '#b91c1c' : k === 'positive' ? '#15803d' : '#64748b' }} />
                  </div>
                  <span className={styles.muted}>{n(kpis.sentiment[k])}</span>
                </div>
              );
            })}
          </section>
          <div className={styles.panels}>
            <Breakdown title={t.byTeam} rows={kpis.byTeam} locale={locale} t={t} testId="by-team" dimension="team" />
            <Breakdown title={t.byIntent} rows={kpis.byIntent} locale={locale} t={t} testId="by-intent" dimension="intent" />
            <Breakdown title={t.byLanguage} rows={kpis.byLanguage} locale={locale} t={t} testId="by-language" dimension="language" />
            <Breakdown title={t.byChannel} rows={kpis.byChannel} locale={locale} t={t} testId="by-channel" dimension="channel" />
          </div>
          <div className={styles.panels}>
            <section className={styles.panel}>
              <h2>{t.agentLoad}</h2>
              <SimpleTable
                testId="agent-load"
                headers={[t.agent, t.presence, t.load]}
                rows={kpis.agents.map((a) => ({ key: a.id, cells: [a.name, t[a.presence], `${n(a.open)} / ${n(a.capacity)}`] }))}
              />
            </section>
            <section className={styles.panel}>
              <h2>{t.vendorResponse}</h2>
              {kpis.vendorResponse.length === 0 ? (
                <p className={styles.muted}>{t.noData}</p>
              ) : (
                <SimpleTable
                  headers={[t.vendor, t.count, t.median]}
                  rows={kpis.vendorResponse.map((v) => ({ key: v.key, cells: [v.label, n(v.count), formatDuration(v.median, locale)] }))}
                />
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
