'use client';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { ConversationSummary } from '@/lib/contracts/chat';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

type Directory = { agents: { id: string; name: string; presence: string }[]; teams: { id: string; name: string }[] };

/** Hand a conversation to a team or a person with a note the next agent reads (kept as a private note). */
export function TransferMenu({ t, conversationId, directory, onDone }: { t: DeskDict; conversationId: string; directory: Directory | undefined; onDone: (c: ConversationSummary) => void }) {
  const trpc = useTRPC();
  const details = useRef<HTMLDetailsElement>(null);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const finish = (c: ConversationSummary) => {
    setNote('');
    setTarget('');
    if (details.current) details.current.open = false;
    onDone(c);
  };
  const transfer = useMutation(trpc.desk.transfer.mutationOptions({ onSuccess: finish }));
  const assign = useMutation(trpc.desk.assign.mutationOptions({ onSuccess: finish }));
  const error = transfer.error ?? assign.error;
  const busy = transfer.isPending || assign.isPending;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const [kind, id] = target.split(':');
    if (!id) return;
    if (kind === 'team') transfer.mutate({ id: conversationId, teamId: id, note });
    else assign.mutate({ id: conversationId, assigneeId: id, note });
  };
  return (
    <details className={styles.menu} ref={details} data-testid="transfer-menu">
      <summary>{t.transferWithNote}</summary>
      <form className={`${styles.menuBody} ${styles.transferForm}`} onSubmit={submit}>
        <label>
          {t.transferTo}{' '}
          <select value={target} onChange={(e) => setTarget(e.target.value)} required data-testid="transfer-target">
            <option value="" disabled>
              —
            </option>
            <optgroup label={t.teamsHeading}>
              {directory?.teams.map((tm) => (
                <option key={tm.id} value={`team:${tm.id}`}>
                  {tm.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t.agentsHeading}>
              {directory?.agents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name} · {t[a.presence as 'online' | 'away' | 'offline']}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <textarea aria-label={t.transferNote} placeholder={t.transferNote} value={note} maxLength={1000} rows={3} onChange={(e) => setNote(e.target.value)} dir="auto" data-testid="transfer-note" />
        <button type="submit" className={styles.primary} disabled={busy || !target}>
          {busy ? t.loading : t.transferAction}
        </button>
        {error && (
          <span role="alert" className={styles.error}>
            {error.message}
          </span>
        )}
      </form>
    </details>
  );
}
