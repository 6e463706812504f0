'use client';
import { useState } from 'react';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import styles from './analytics.module.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A report's date range (local dates): the last 30 days, tomorrow included so "today" in Dhaka always is. */
export function useDateRange() {
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date(Date.now() + 86_400_000)));
  return { from, to, setFrom, setTo };
}

export function DateRangeFields({ range, t }: { range: ReturnType<typeof useDateRange>; t: AnalyticsDict }) {
  return (
    <>
      <label>
        {t.from}
        <input type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && range.setFrom(e.target.value)} />
      </label>
      <label>
        {t.to}
        <input type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && range.setTo(e.target.value)} />
      </label>
    </>
  );
}

/** A plain, horizontally scrollable table (readable on a phone). */
export function SimpleTable({ headers, rows, testId, rowTestId }: { headers: React.ReactNode[]; rows: { key: string; cells: React.ReactNode[] }[]; testId?: string; rowTestId?: string }) {
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table} data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={rowTestId}>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
