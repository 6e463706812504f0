'use client';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import type { DeskDict } from '@/lib/desk-i18n';
import styles from './desk.module.css';

/** P(positive) − P(negative) per customer message: −1 (surely negative) … 1. Same scale as server/ai/escalation.ts. */
const valueOf = (a: MessageAnnotation) => a.sentimentScores.positive - a.sentimentScores.negative;

export function trendDirection(values: number[]): 'improving' | 'worsening' | 'steady' {
  if (values.length < 2) return 'steady';
  const half = Math.max(1, Math.floor(values.length / 2));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const delta = mean(values.slice(-half)) - mean(values.slice(0, values.length - half));
  return delta > 0.25 ? 'improving' : delta < -0.25 ? 'worsening' : 'steady';
}

/** A sparkline of the customer's sentiment over the conversation's annotated messages (oldest left). */
export function SentimentTrend({ t, readings }: { t: DeskDict; readings: MessageAnnotation[] }) {
  const values = readings.map(valueOf);
  const direction = trendDirection(values);
  const w = 96;
  const h = 28;
  const x = (i: number) => (values.length === 1 ? w / 2 : 3 + (i * (w - 6)) / (values.length - 1));
  const y = (v: number) => 3 + ((1 - v) / 2) * (h - 6);
  const label = values.length ? `${t.sentimentTrend}: ${t[`trend_${direction}`]}` : `${t.sentimentTrend}: ${t.trendNoData}`;
  const last = values[values.length - 1];
  return (
    <div className={styles.trend} role="img" aria-label={label} title={label} data-testid="sentiment-trend" data-direction={values.length ? direction : 'none'} data-points={values.length}>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
        <line x1={0} x2={w} y1={y(0)} y2={y(0)} className={styles.trendAxis} />
        {values.length > 1 && <polyline fill="none" className={styles.trendLine} points={values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} />}
        {values.map((v, i) => (
          <circle key={i} cx={x(i)} cy={y(v)} r={2.2} className={v < -0.33 ? styles.trendNeg : v > 0.33 ? styles.trendPos : styles.trendNeu} />
        ))}
      </svg>
      <span className={`${styles.trendText} ${last !== undefined && last < -0.33 ? styles.sent_negative : ''}`}>{values.length ? t[`trend_${direction}`] : t.trendNoData}</span>
    </div>
  );
}
