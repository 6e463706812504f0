'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type DeskDict, deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import { formatAge, formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import { useDeskLocale } from './use-desk-locale';
import { AutomationSettings } from './automation-settings';
import { RoutingSettings } from './routing-settings';
import { SlaSettings } from './sla-settings';
import { useDeskSocket } from './use-desk-socket';

/** Who is online and what each person is handling, live. */
export function SupervisorView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [locale] = useDeskLocale();
  const t = deskDictionaries[locale];
  const overview = useQuery({ ...trpc.desk.supervisorOverview.queryOptions(), refetchInterval: 15_000 });
  // Each agent's mean quality score over what they resolved in the last 30 days (server/ai/quality.ts).
  const quality = useQuery({ ...trpc.desk.qualityByAgent.queryOptions({ days: 30 }), refetchInterval: 60_000 });
  const qualityOf = new Map(quality.data?.agents.map((a) => [a.agentId, a] as const));
  const teams = useQuery(trpc.desk.directory.queryOptions());
  const { socket } = useDeskSocket();
  useEffect(() => {
    if (!socket) return;
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.desk.supervisorOverview.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.desk.qualityByAgent.queryKey() });
    };
    socket.on('presence', refresh);
    socket.on('conversation:updated', refresh);
    return () => {
      socket.off('presence', refresh);
      socket.off('conversation:updated', refresh);
    };
  }, [socket, queryClient, trpc]);

  return (
    <main className={styles.page} lang={locale}>
      <p>
        <a href="/desk" className={styles.linkButton}>
          ← Desk
        </a>
      </p>
      <h1>{t.supervisor}</h1>
      {overview.error && <p role="alert" className={styles.error}>{overview.error.message}</p>}
      {overview.data && (
        <>
          <p>
            {t.queue}: <strong data-testid="queue-count">{overview.data.unassigned}</strong>
          </p>
          <div className={styles.tableScroll}>
          <table className={styles.table} data-testid="supervisor-table">
            <thead>
              <tr>
                <th>{t.agent}</th>
                <th>{t.status}</th>
                <th>{t.handling}</th>
                <th>{t.pendingCount}</th>
                <th>{t.qualityAverage}</th>
              </tr>
            </thead>
            <tbody>
              {overview.data.agents.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>
                    <span className={`${styles.dot} ${styles[a.presence]}`} aria-hidden /> {t[a.presence]}{' '}
                    <span className={styles.muted}>
                      {t.since} {formatAge(a.presenceChangedAt, locale)}
                    </span>
                  </td>
                  <td>{a.open}</td>
                  <td>{a.pending}</td>
                  <QualityCell t={t} locale={locale} quality={qualityOf.get(a.id)} />
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </>
      )}
      <RoutingSettings t={t} locale={locale} />
      <SlaSettings t={t} teams={teams.data?.teams ?? []} />
      <AutomationSettings t={t} locale={locale} teams={teams.data?.teams ?? []} people={teams.data?.agents ?? []} />
    </main>
  );
}

function QualityCell({ t, locale, quality }: { t: DeskDict; locale: DeskLocale; quality?: { average: number; count: number } }) {
  if (!quality) {
    return (
      <td data-testid="agent-quality">
        <span className={styles.muted}>—</span>
      </td>
    );
  }
  return (
    <td data-testid="agent-quality">
      <strong>{formatNumber(quality.average, locale)}</strong>{' '}
      <span className={styles.muted}>
        ({formatNumber(quality.count, locale)} {t.qualityCount})
      </span>
    </td>
  );
}
