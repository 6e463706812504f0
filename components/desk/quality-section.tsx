'use client';
import { useQuery } from '@tanstack/react-query';
import type { ConversationSummary } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

const qualityRoles: readonly string[] = ['admin', 'supervisor'];

/** The label of a score part; a part this desk does not know yet shows its key. */
function labelOf(t: DeskDict, key: string) {
  const label = (t as Record<string, string>)[`quality_${key}`];
  return label ?? key;
}

/**
 * Supervisors and admins: the quality score of a resolved conversation (server/ai/quality.ts) and, per part,
 * the points it earned and why. Hidden from everyone else and while the conversation is not resolved.
 */
export function QualitySection({ t, locale, summary }: { t: DeskDict; locale: DeskLocale; summary: ConversationSummary }) {
  const trpc = useTRPC();
  // The desk loaded the signed-in person already: this reads the same cache entry.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  const visible = !!me.data && qualityRoles.includes(me.data.role) && summary.status === 'resolved';
  const quality = useQuery({
    ...trpc.desk.conversationQuality.queryOptions({ conversationId: summary.id }),
    enabled: visible,
    retry: false,
  });
  if (!visible) return null;
  const q = quality.data;
  return (
    <section data-testid="quality-section" aria-labelledby="quality-heading">
      <h3 id="quality-heading">{t.quality}</h3>
      {quality.isPending && <p className={styles.muted}>{t.loading}</p>}
      {quality.error && <p className={styles.error}>{quality.error.message}</p>}
      {quality.data === null && <p className={styles.muted}>{t.qualityNone}</p>}
      {q && (
        <>
          <p className={styles.qualityHead}>
            <strong className={styles.qualityScore} data-testid="quality-score" data-score={q.score}>
              {formatNumber(q.score, locale)}
            </strong>
            <span className={styles.muted}>
              {' '}
              / {formatNumber(100, locale)}
              {q.agentName && (
                <>
                  {' '}
                  · {t.agent}: <span dir="auto">{q.agentName}</span>
                </>
              )}
            </span>
          </p>
          <ul className={styles.qualityList}>
            {q.reasons.map((r) => (
              <li key={r.key} data-testid="quality-reason" data-key={r.key} className={r.points < r.max ? styles.qualityLost : undefined}>
                <div className={styles.qualityRow}>
                  <span>{labelOf(t, r.key)}</span>
                  <span className={styles.qualityPoints}>
                    {formatNumber(r.points, locale)}/{formatNumber(r.max, locale)}
                  </span>
                </div>
                <meter className={styles.qualityMeter} min={0} max={r.max || 1} value={r.points} aria-label={labelOf(t, r.key)} />
                <div className={styles.muted} lang="en">
                  {r.detail}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
