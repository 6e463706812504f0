'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AnalyticsDict } from '@/lib/analytics-i18n';
import type { DeskLocale } from '@/lib/desk-i18n';
import { downloadText } from '@/lib/download';
import { fill } from '@/lib/experiments-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';
import { SimpleTable } from './parts';

/** /dashboard/audit (admins): search the audit trail, export it as CSV (the export is itself recorded), check its chain. */
export function AuditView({ locale, t }: { locale: DeskLocale; t: AnalyticsDict }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = { ...(action.trim() ? { action: action.trim() } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: 200 };
  const q = useQuery(trpc.audit.search.queryOptions(filters));
  const [verify, setVerify] = useState<{ rows: number; problems: { id: number; problem: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportCsv() {
    setError(null);
    try {
      const r = await qc.fetchQuery({ ...trpc.audit.exportCsv.queryOptions(filters), staleTime: 0 });
      downloadText(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, r.csv);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  async function checkChain() {
    setBusy(true);
    setError(null);
    try {
      setVerify(await qc.fetchQuery({ ...trpc.audit.verify.queryOptions(), staleTime: 0 }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className={styles.h1}>{t.auditTitle}</h1>
      <p className={styles.muted}>{t.auditHint}</p>
      <form className={styles.controls} onSubmit={(e) => e.preventDefault()} aria-label={t.auditTitle}>
        <label>
          {t.auditAction}
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="desk. / auth.sign_in / security." maxLength={80} data-testid="audit-action" />
        </label>
        <label>
          {t.auditFrom}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t.auditTo}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" className={styles.secondary} onClick={() => void exportCsv()} disabled={!q.data} data-testid="audit-export">
          {t.auditExport}
        </button>
        <button type="button" className={styles.secondary} onClick={() => void checkChain()} disabled={busy} aria-busy={busy} data-testid="audit-verify">
          {busy ? t.loading : t.auditVerify}
        </button>
      </form>
      {verify && (
        <p role="status" className={verify.problems.length ? styles.error : styles.muted} data-testid="audit-verify-result">
          {verify.problems.length ? fill(t.auditVerifyBad, { n: verify.problems.length, id: verify.problems[0]!.id }) : fill(t.auditVerifyOk, { n: verify.rows })}
        </p>
      )}
      {(error || q.error) && (
        <p role="alert" className={styles.error}>
          {error ?? q.error?.message}
        </p>
      )}
      {q.isPending ? (
        <p className={styles.muted}>{t.loading}</p>
      ) : q.data && q.data.length === 0 ? (
        <p className={styles.muted}>{t.auditEmpty}</p>
      ) : (
        q.data && (
          <SimpleTable
            testId="audit-table"
            rowTestId="audit-row"
            headers={[t.auditColTime, t.auditColWho, t.auditColAction, t.auditColTarget, t.auditColIp, t.auditColDetails]}
            rows={q.data.map((r) => ({
              key: String(r.id),
              cells: [
                `${formatDay(r.at, locale)} ${formatTime(r.at, locale)}`,
                r.actorName ? `${r.actorName} (${r.actorRole})` : (r.actorRole ?? '—'),
                <code key="a">{r.action}</code>,
                r.targetId ? `${r.targetType ?? ''} ${r.targetId}` : '—',
                r.ip ?? '—',
                <code key="d" className={styles.muted} title={r.before === null ? undefined : `before: ${JSON.stringify(r.before)}`}>
                  {r.before === null ? '' : `${JSON.stringify(r.before).slice(0, 120)} → `}
                  {r.after === null ? '' : JSON.stringify(r.after).slice(0, 160)}
                </code>,
              ],
            }))}
          />
        )
      )}
    </>
  );
}
