'use client';
import { useEffect, useState } from 'react';
import type { SlaSummary } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatMinutes, slaState } from '@/lib/sla';
import styles from './desk.module.css';

/** Re-renders every `ms` so due times count down without new data. */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** The most urgent SLA clock: "first response · 25 min", amber from 80%, red when overdue, grey while paused. */
export function SlaBadge({ sla, t, locale, long = false }: { sla: SlaSummary | null; t: DeskDict; locale: DeskLocale; long?: boolean }) {
  const now = useNow();
  if (!sla) return null;
  const { state, minutes } = slaState(sla, now);
  const bn = locale === 'bn';
  const kind = t[`sla_${sla.kind}`];
  const text =
    state === 'paused'
      ? `${kind} · ${t.slaPaused}`
      : state === 'breached'
        ? `${kind} · ${t.slaOverdue}${minutes !== null ? ` ${formatMinutes(minutes, bn)}` : ''}`
        : `${kind} · ${long ? `${t.slaDue} ` : ''}${formatMinutes(minutes ?? 0, bn)}`;
  return (
    <span className={`${styles.badge} ${styles[`sla_${state}`]}`} data-testid="sla-badge" data-state={state} title={`${t.slaHeading}: ${text}`}>
      {text}
    </span>
  );
}
