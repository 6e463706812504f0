'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import type { ConversationSummary } from '@/lib/contracts/chat';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

/** Runs one of the workspace's macros (server/automation) on this conversation, as the signed-in agent. */
export function MacroMenu({ t, conversationId, onDone }: { t: DeskDict; conversationId: string; onDone: (c: ConversationSummary) => void }) {
  const trpc = useTRPC();
  const details = useRef<HTMLDetailsElement>(null);
  const macros = useQuery({ ...trpc.automation.macros.queryOptions(), staleTime: 60_000 });
  const run = useMutation(
    trpc.automation.runMacro.mutationOptions({
      onSuccess: (c) => {
        if (details.current) details.current.open = false;
        onDone(c);
      },
    }),
  );
  if (!macros.data?.length) return null;
  const d = t as unknown as Record<string, string>;
  return (
    <details className={styles.menu} ref={details} data-testid="macro-menu">
      <summary>{t.runMacro}</summary>
      <div className={styles.menuBody}>
        {macros.data.map((m) => (
          <button
            key={m.id}
            type="button"
            disabled={run.isPending}
            title={m.actions.map((a) => d[`action_${a.type}`]).join(' → ')}
            onClick={() => run.mutate({ id: m.id, conversationId })}
            data-testid="macro-run"
          >
            {m.name}
          </button>
        ))}
        {run.error && (
          <p role="alert" className={styles.error}>
            {run.error.message}
          </p>
        )}
      </div>
    </details>
  );
}
