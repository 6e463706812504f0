'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SlaSummary } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { formatMinutes } from '@/lib/sla';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

/** Side panel: each SLA clock of the conversation with its target, time used and due time, or how it ended. */
export function SlaSection({ t, locale, conversationId, sla }: { t: DeskDict; locale: DeskLocale; conversationId: string; sla: SlaSummary | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.sla.clocks.queryOptions({ conversationId });
  const clocks = useQuery({ ...options, retry: false });
  const key = JSON.stringify(sla);
  // The summary's SLA fields change with every clock change: reload the details then.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: options.queryKey });
  }, [key, qc, options.queryKey]);
  const bn = locale === 'bn';
  return (
    <section data-testid="sla-section">
      <h3>{t.slaHeading}</h3>
      {clocks.isPending && <p className={styles.muted}>{t.loading}</p>}
      {clocks.error && <p className={styles.error}>{clocks.error.message}</p>}
      {clocks.data?.clocks.length === 0 && <p className={styles.muted}>{t.slaNone}</p>}
      <ul className={styles.slaList}>
        {clocks.data?.clocks.map((c) => {
          const ended = c.status === 'stopped' ? (c.breachedAt || c.usedSeconds > c.targetSeconds ? t.sla_missed : t.sla_met) : t[`sla_${c.status}`];
          return (
            <li key={c.kind} data-testid="sla-clock" data-kind={c.kind} data-status={c.status}>
              <strong>{t[`sla_${c.kind}`]}</strong> · {ended}
              <div className={styles.muted}>
                {formatMinutes(Math.round(c.usedSeconds / 60), bn)} / {formatMinutes(Math.round(c.targetSeconds / 60), bn)}
                {c.dueAt && ` · ${t.slaDue} ${formatDay(c.dueAt, locale)} ${formatTime(c.dueAt, locale)}`}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
