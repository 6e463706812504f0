'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { deskDictionaries } from '@/lib/desk-i18n';
import { formatDuration as duration, formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import { useDeskLocale } from './use-desk-locale';

/** Each vendor's response times apart from the platform's, CSAT and unanswered chats (vendors: their own). */
export function VendorScorecard() {
  const trpc = useTRPC();
  const [locale] = useDeskLocale();
  const [days, setDays] = useState(30);
  const t = deskDictionaries[locale];
  const me = useQuery(trpc.auth.me.queryOptions());
  const card = useQuery(trpc.desk.vendorScorecard.queryOptions({ days }));
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(Math.round(v * 100), locale)}%`);
  return (
    <main className={styles.page} lang={locale}>
      <p>
        <a href={me.data?.role === 'vendor' ? '/vendor' : '/desk'} className={styles.linkButton}>
          ← {me.data?.role === 'vendor' ? t.vendorInbox : 'Desk'}
        </a>
      </p>
      <h1>{t.vendorScorecard}</h1>
      <p className={styles.muted}>{t.vendorScorecardHint}</p>
      <label>
        {t.period}{' '}
        <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="scorecard-days">
          {[7, 30, 90].map((d) => (
            <option key={d} value={d}>
              {formatNumber(d, locale)} {t.daysUnit}
            </option>
          ))}
        </select>
      </label>
      {card.isPending && <p className={styles.muted}>{t.loading}</p>}
      {card.error && (
        <p role="alert" className={styles.error}>
          {card.error.message}
        </p>
      )}
      {card.data && (
        <div className={styles.tableScroll}>
          <table className={styles.table} data-testid="scorecard-table">
            <thead>
              <tr>
                <th>{t.vendor}</th>
                <th>{t.conversationsCount}</th>
                <th>{t.vendorMedianReply}</th>
                <th>{t.vendorP90Reply}</th>
                <th>{t.fastShare}</th>
                <th>{t.unansweredCount}</th>
                <th>{t.platformMedianReply}</th>
                <th>{t.csat}</th>
              </tr>
            </thead>
            <tbody>
              {card.data.vendors.map((v) => (
                <tr key={v.vendorId} data-testid="scorecard-row">
                  <td>{v.vendorName}</td>
                  <td>
                    {formatNumber(v.conversations, locale)} <span className={styles.muted}>({formatNumber(v.resolved, locale)} {t.resolved.toLowerCase()})</span>
                  </td>
                  <td data-testid="vendor-median">{duration(v.vendorMedianSeconds, locale)}</td>
                  <td>{duration(v.vendorP90Seconds, locale)}</td>
                  <td>{pct(v.vendorFastShare)}</td>
                  <td>{formatNumber(v.unanswered, locale)}</td>
                  <td>{duration(v.platformMedianSeconds, locale)}</td>
                  <td>{v.csatAverage === null ? '—' : `${formatNumber(v.csatAverage, locale)} ★ (${formatNumber(v.csatCount, locale)})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
