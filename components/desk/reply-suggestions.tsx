'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { MessageDto, PublicMessageDto } from '@/lib/contracts/chat';
import type { ReplySuggestion } from '@/lib/contracts/suggest';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import type { DeskSocket } from './use-desk-socket';

/**
 * Suggested replies for the customer's last message (desk.suggestReplies), refreshed when the customer writes or
 * the models finish reading the message (its language decides which replies fit). Hidden once someone replied
 * to that message, until the customer writes again.
 */
export function useReplySuggestions(conversationId: string, socket: DeskSocket | null, enabled: boolean) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.desk.suggestReplies.queryOptions({ conversationId }), enabled, staleTime: 30_000, retry: false });
  // Per conversation: the newest customer message and the newest reply seen on the socket (or sent from here).
  const [seen, setSeen] = useState({ conversationId, contact: 0, reply: 0 });
  const current = seen.conversationId === conversationId ? seen : { conversationId, contact: 0, reply: 0 };
  const { refetch } = query;

  useEffect(() => {
    if (!socket) return;
    const onMessage = (m: MessageDto | PublicMessageDto) => {
      if (m.conversationId !== conversationId || m.kind !== 'text' || !m.id) return;
      const side = m.senderType === 'contact' ? 'contact' : m.senderType === 'agent' ? 'reply' : null;
      if (!side) return;
      setSeen((s) => {
        const base = s.conversationId === conversationId ? s : { conversationId, contact: 0, reply: 0 };
        return side === 'contact' ? { ...base, contact: Math.max(base.contact, m.id) } : { ...base, reply: Math.max(base.reply, m.id) };
      });
      if (side === 'contact') void refetch();
    };
    const onAnnotated = (items: { conversationId: string }[]) => {
      if (items.some((e) => e.conversationId === conversationId)) void refetch();
    };
    socket.on('message:new', onMessage);
    socket.on('message:annotated', onAnnotated);
    return () => {
      socket.off('message:new', onMessage);
      socket.off('message:annotated', onAnnotated);
    };
  }, [socket, conversationId, refetch]);

  const data = query.data;
  const about = data?.messageId ?? null;
  const fresh = about !== null && about >= current.contact && about > current.reply;
  return {
    suggestions: enabled && fresh && data ? data.suggestions : [],
    /** The agent answered the message the suggestions are for: hide them until the customer writes again. */
    dismiss: () => {
      if (about !== null) setSeen({ ...current, reply: Math.max(current.reply, about) });
    },
  };
}

/**
 * Chips above the reply box. Click, Enter or Tab on a chip inserts its text for editing; ← → move between chips
 * (one tab stop for the group). Tab in the empty reply box inserts the first (handled by the composer).
 */
export function ReplySuggestions(props: { t: DeskDict; suggestions: ReplySuggestion[]; onInsert: (text: string) => void }) {
  const { t, suggestions, onInsert } = props;
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusAt = (i: number) => {
    const next = (i + suggestions.length) % suggestions.length;
    setActive(next);
    refs.current[next]?.focus();
  };
  if (suggestions.length === 0) return null;
  const at = Math.min(active, suggestions.length - 1);
  return (
    <div className={styles.suggestions} role="group" aria-label={t.suggestions} aria-describedby="reply-suggestions-hint" data-testid="reply-suggestions">
      <span className={styles.suggestionsLabel}>{t.suggestions}</span>
      <span id="reply-suggestions-hint" className={styles.srOnly}>
        {t.suggestionsHint}
      </span>
      {suggestions.map((s, i) => (
        <button
          key={s.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className={styles.suggestion}
          tabIndex={i === at ? 0 : -1}
          dir="auto"
          title={s.text}
          data-testid="reply-suggestion"
          data-source={s.source}
          aria-label={`${s.source === 'canned' ? t.suggestionCanned : t.suggestionHistory}: ${s.text}`}
          onFocus={() => setActive(i)}
          onClick={() => onInsert(s.text)}
          onKeyDown={(e) => {
            // Handled here, so the desk's global shortcuts (arrows switch conversations) do not see these keys.
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
              e.preventDefault();
              e.stopPropagation();
              focusAt(e.key === 'Home' ? 0 : e.key === 'End' ? suggestions.length - 1 : i + (e.key === 'ArrowRight' ? 1 : -1));
            } else if (e.key === 'Tab' && !e.shiftKey) {
              e.preventDefault();
              e.stopPropagation();
              onInsert(s.text);
            }
          }}
        >
          <span className={styles.suggestionText}>{s.text}</span>
        </button>
      ))}
    </div>
  );
}
