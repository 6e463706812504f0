'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RoutingDecisionDto } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { formatReason } from '@/lib/reasons';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import type { DeskSocket } from './use-desk-socket';

/** Supervisors: every routing decision on this conversation with its reason, updated live. */
export function RoutingHistory({ t, locale, conversationId, socket }: { t: DeskDict; locale: DeskLocale; conversationId: string; socket: DeskSocket | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.desk.routingDecisions.queryOptions({ conversationId });
  const list = useQuery({ ...options, retry: false });
  useEffect(() => {
    if (!socket) return;
    const onDecided = (e: { conversationId: string; decision: RoutingDecisionDto }) => {
      if (e.conversationId !== conversationId) return;
      qc.setQueryData(options.queryKey, (prev) => (prev && !prev.some((d) => d.id === e.decision.id) ? [...prev, e.decision] : prev));
    };
    socket.on('routing:decided', onDecided);
    return () => void socket.off('routing:decided', onDecided);
  }, [socket, conversationId, qc, options.queryKey]);

  return (
    <section data-testid="routing-history">
      <h3>{t.routing}</h3>
      {list.isPending && <p className={styles.muted}>{t.loading}</p>}
      {list.error && <p className={styles.error}>{list.error.message}</p>}
      {list.data?.length === 0 && <p className={styles.muted}>{t.noRoutingDecisions}</p>}
      <ol className={styles.routingList}>
        {list.data?.map((d) => (
          <li key={d.id} data-testid="routing-decision" data-source={d.source} data-intent={d.intent ?? ''}>
            <div>
              <span className={styles.badge}>{t[`routing_${d.source}`]}</span> <strong dir="auto">{d.teamName ?? '—'}</strong>
              {d.assigneeName && <span dir="auto"> → {d.assigneeName}</span>}
            </div>
            <div className={styles.muted} dir="auto">
              {formatReason(d.detail, locale) ?? d.reason}
            </div>
            <div className={styles.muted}>
              {formatDay(d.createdAt, locale)} {formatTime(d.createdAt, locale)}
              {d.confidence != null && ` · ${t.confidence} ${Math.round(d.confidence * 100)}%`}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
