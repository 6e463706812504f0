'use client';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { fillPlaceholders, type PlaceholderValues, pickVariant } from '@/lib/canned';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import { ReplySuggestions, useReplySuggestions } from './reply-suggestions';
import type { DeskSocket } from './use-desk-socket';

const MAX = 4000;

export function Composer(props: {
  t: DeskDict;
  conversationId: string;
  socket: DeskSocket | null;
  onSend: (body: string, isNote: boolean) => Promise<void>;
  /** What canned responses' {{placeholders}} are filled with, and the customer's language for the variant. */
  fill?: PlaceholderValues & { lang?: string | null };
  children?: ReactNode;
}) {
  const { t, socket, conversationId } = props;
  const trpc = useTRPC();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [cannedIndex, setCannedIndex] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const typingSent = useRef(0);
  const typingStop = useRef<ReturnType<typeof setTimeout>>(undefined);

  const cannedQuery = text.startsWith('/') && !text.includes('\n') ? text.slice(1) : null;
  // In a private note, "@" + letters at the end offers teammates to mention (they are notified).
  const mentionQuery = mode === 'note' ? (/(?:^|\s)@([\p{L}\p{N}._-]{0,30})$/u.exec(text)?.[1] ?? null) : null;
  const directory = useQuery({ ...trpc.desk.directory.queryOptions(), enabled: mode === 'note', staleTime: 60_000 });
  const people =
    mentionQuery !== null
      ? (directory.data?.agents ?? [])
          .filter((a) => a.name.toLocaleLowerCase().split(/\s+/).some((w) => w.startsWith(mentionQuery.toLocaleLowerCase())))
          // Whose name starts with what was typed comes first ("@Rah": Rahim Uddin before Mitu Rahman).
          .sort((a, b) => Number(!a.name.toLocaleLowerCase().startsWith(mentionQuery.toLocaleLowerCase())) - Number(!b.name.toLocaleLowerCase().startsWith(mentionQuery.toLocaleLowerCase())))
          .slice(0, 6)
      : [];
  const canned = useQuery({ ...trpc.desk.cannedResponses.queryOptions({ search: cannedQuery ?? '' }), enabled: cannedQuery !== null });
  const cannedRows = canned.data;
  // One entry per short code: the variant in the customer's language, its placeholders filled.
  const suggestions = useMemo(() => {
    if (cannedQuery === null) return [];
    const byCode = new Map<string, NonNullable<typeof cannedRows>>();
    for (const c of cannedRows ?? []) byCode.set(c.shortCode, [...(byCode.get(c.shortCode) ?? []), c]);
    return [...byCode.values()].slice(0, 20).map((variants) => {
      const v = pickVariant(variants, props.fill?.lang)!;
      return { ...v, content: fillPlaceholders(v.content, props.fill ?? {}) };
    });
  }, [cannedQuery, cannedRows, props.fill]);
  const replies = useReplySuggestions(conversationId, socket, mode === 'reply');

  useEffect(() => {
    const onCompose = (e: Event) => {
      setMode((e as CustomEvent).detail === 'note' ? 'note' : 'reply');
      ref.current?.focus();
    };
    window.addEventListener('alap:compose', onCompose);
    return () => window.removeEventListener('alap:compose', onCompose);
  }, []);

  const stopTyping = () => {
    clearTimeout(typingStop.current);
    if (typingSent.current) {
      typingSent.current = 0;
      socket?.emit('typing', { conversationId, isTyping: false });
    }
  };

  const onChange = (value: string) => {
    setText(value);
    setCannedIndex(0);
    if (mode === 'note' || !socket) return;
    const now = Date.now();
    if (now - typingSent.current > 2000) {
      typingSent.current = now;
      socket.emit('typing', { conversationId, isTyping: true });
    }
    clearTimeout(typingStop.current);
    typingStop.current = setTimeout(stopTyping, 3000);
  };

  const submit = () => {
    const body = text.trim();
    if (!body || body.length > MAX) return;
    setText('');
    stopTyping();
    if (mode === 'reply') replies.dismiss();
    void props.onSend(body, mode === 'note');
  };

  /** A suggested reply goes into the box for editing, caret at its end; nothing is sent. */
  const insertSuggestion = (reply: string) => {
    onChange(reply);
    const el = ref.current;
    if (!el) return;
    el.focus();
    requestAnimationFrame(() => el.setSelectionRange(el.value.length, el.value.length));
  };

  const pickMention = (name: string) => {
    setText((cur) => cur.replace(/@[\p{L}\p{N}._-]{0,30}$/u, `@${name} `));
    setCannedIndex(0);
    ref.current?.focus();
  };

  const pickCanned = (content: string) => {
    setText(content);
    ref.current?.focus();
  };

  return (
    <div className={`${styles.composer} ${mode === 'note' ? styles.composerNote : ''}`}>
      <div className={styles.composerTabs} role="tablist">
        <button role="tab" aria-selected={mode === 'reply'} className={mode === 'reply' ? styles.viewActive : styles.view} onClick={() => setMode('reply')} data-testid="compose-reply">
          {t.reply}
        </button>
        <button role="tab" aria-selected={mode === 'note'} className={mode === 'note' ? styles.viewActive : styles.view} onClick={() => setMode('note')} data-testid="compose-note">
          {t.note}
        </button>
      </div>
      {suggestions.length > 0 && (
        <ul className={styles.canned} role="listbox" aria-label="Canned responses" data-testid="canned-list">
          {suggestions.map((s, i) => (
            <li key={s.id} role="option" aria-selected={i === cannedIndex}>
              <button className={i === cannedIndex ? styles.cannedActive : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => pickCanned(s.content)}>
                <strong>/{s.shortCode}</strong> {s.title}
                <span className={styles.muted} dir="auto">
                  {' '}
                  — {s.content.slice(0, 80)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {people.length > 0 && (
        <ul className={styles.canned} role="listbox" aria-label={t.mentionSomeone} data-testid="mention-list">
          {people.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === cannedIndex}>
              <button className={i === cannedIndex ? styles.cannedActive : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => pickMention(p.name)}>
                <strong>@{p.name}</strong> <span className={styles.muted}>{p.role}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {mode === 'reply' && <ReplySuggestions t={t} suggestions={replies.suggestions} onInsert={insertSuggestion} />}
      <textarea
        ref={ref}
        value={text}
        dir="auto"
        rows={3}
        aria-label={mode === 'note' ? t.note : t.reply}
        placeholder={mode === 'note' ? t.typeNote : t.typeReply}
        data-testid="composer-input"
        onChange={(e) => onChange(e.target.value)}
        onBlur={stopTyping}
        onKeyDown={(e) => {
          if (people.length > 0) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setCannedIndex((i) => (e.key === 'ArrowDown' ? Math.min(people.length - 1, i + 1) : Math.max(0, i - 1)));
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              pickMention(people[Math.min(cannedIndex, people.length - 1)]!.name);
              return;
            }
          }
          if (suggestions.length > 0) {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setCannedIndex((i) => Math.min(suggestions.length - 1, i + 1));
              return;
            }
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              setCannedIndex((i) => Math.max(0, i - 1));
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              pickCanned(suggestions[cannedIndex]!.content);
              return;
            }
          }
          // Tab in the empty reply box takes the first suggested reply (otherwise Tab moves focus as usual).
          if (e.key === 'Tab' && !e.shiftKey && !text.trim() && replies.suggestions.length > 0) {
            e.preventDefault();
            insertSuggestion(replies.suggestions[0]!.text);
            return;
          }
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <div className={styles.composerBar}>
        {mode === 'reply' && props.children}
        <span className={text.length > MAX ? styles.error : styles.muted}>{text.length > MAX - 500 ? `${text.length}/${MAX}` : ''}</span>
        <button className={styles.primary} onClick={submit} disabled={!text.trim() || text.length > MAX} data-testid="composer-send">
          {mode === 'note' ? t.addNote : t.send}
        </button>
      </div>
    </div>
  );
}
