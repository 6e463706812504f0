'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import type { ConversationSummary, MessageDto, ReceiptEvent, TypingEvent } from '@/lib/contracts/chat';
import { newClientId } from '@/lib/client-id';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { formatReason } from '@/lib/reasons';
import { downloadText } from '@/lib/download';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { CardPicker } from './card-picker';
import { Composer } from './composer';
import styles from './desk.module.css';
import { LabelDot, useLabelColors } from './label-dot';
import { RoutingHistory } from './routing-history';
import { SlaBadge } from './sla-badge';
import { SlaSection } from './sla-section';
import { MessageCard } from '@/components/shared/message-card';
import { MessageAttachment } from '@/components/shared/message-attachment';
import { AttachButton } from './attach-button';
import { MacroMenu } from './macro-menu';
import { TicketButton } from './ticket-button';
import { TransferMenu } from './transfer-menu';
import { SentimentTrend } from './sentiment-trend';
import { SidePanel } from './side-panel';
import type { Directory, Me } from './types';
import { emitWithAck, type DeskSocket } from './use-desk-socket';

type UiMessage = MessageDto & { state?: 'sending' | 'failed'; error?: string };

export function ConversationView(props: {
  t: DeskDict;
  locale: DeskLocale;
  conversationId: string;
  me: Me;
  socket: DeskSocket | null;
  connected: boolean;
  directory: Directory | undefined;
  presence: Record<string, string>;
  canWrite: boolean;
  isDeskStaff: boolean;
  onClose: () => void;
  onRead: (c: ConversationSummary) => void;
}) {
  const { t, locale, conversationId, socket, me } = props;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const detail = useQuery({ ...trpc.desk.conversation.queryOptions({ id: conversationId }), retry: false });
  const history = useQuery({ ...trpc.desk.history.queryOptions({ conversationId, limit: 30 }), retry: false, staleTime: Infinity });
  const [messages, setMessages] = useState<Map<string, UiMessage>>(new Map());
  const [hasOlder, setHasOlder] = useState(false);
  const [summary, setSummaryState] = useState<ConversationSummary | null>(null);
  const queryClient = useQueryClient();
  // A newer state of the conversation (a push or a mutation's answer). A refetch of the detail that was already
  // in flight may have read the row before this change and would overwrite it when it lands (seen: a label
  // applied right after a label event's refetch began vanished until the next event), so it starts again.
  const setSummary = useCallback(
    (c: ConversationSummary) => {
      setSummaryState(c);
      const queryKey = trpc.desk.conversation.queryKey({ id: c.id });
      if (queryClient.isFetching({ queryKey }) > 0) void queryClient.invalidateQueries({ queryKey });
    },
    [queryClient, trpc],
  );
  const [typing, setTyping] = useState<TypingEvent | null>(null);
  // Phones: the header's controls (assignee, team, priority, snooze, resolve, labels) fold behind one button so
  // the messages keep the screen; wider screens always show them.
  const [actionsOpen, setActionsOpen] = useState(false);
  // Each label chip shows the label's colour from the catalogue (a recolour in the admin console arrives live).
  const labelColors = useLabelColors(props.directory?.labels);
  const [receipt, setReceipt] = useState<{ deliveredUpTo: number; readUpTo: number }>({ deliveredUpTo: 0, readUpTo: 0 });
  const logRef = useRef<HTMLDivElement>(null);
  // A new customer rating arrives on the summary; its comment is on the detail.
  const csatRating = summary?.csatRating ?? null;
  const refetchDetail = detail.refetch;
  useEffect(() => {
    if (csatRating) void refetchDetail();
  }, [csatRating, refetchDetail]);
  const stickToBottom = useRef(true);

  const merge = useCallback((list: UiMessage[]) => {
    setMessages((prev) => {
      const next = new Map(prev);
      // A later copy without the AI reading (a resync) keeps the one already shown.
      for (const m of list) next.set(m.clientId, m.annotation ? m : { ...m, annotation: m.annotation ?? prev.get(m.clientId)?.annotation ?? null });
      return next;
    });
  }, []);

  useEffect(() => {
    if (history.data) {
      merge(history.data.messages);
      setHasOlder(history.data.hasMore);
    }
  }, [history.data, merge]);
  useEffect(() => {
    if (detail.data) {
      setSummaryState(detail.data.conversation);
      setReceipt({ deliveredUpTo: detail.data.conversation.contactDeliveredUpTo, readUpTo: detail.data.conversation.contactReadUpTo });
    }
  }, [detail.data]);

  const sorted = useMemo(
    () => [...messages.values()].sort((a, b) => (a.id || Number.MAX_SAFE_INTEGER) - (b.id || Number.MAX_SAFE_INTEGER)),
    [messages],
  );
  const maxId = sorted.reduce((m, x) => Math.max(m, x.id || 0), 0);

  useEffect(() => {
    if (!socket) return;
    let cancelled = false;
    const join = async () => {
      try {
        await emitWithAck(socket, 'conversation:join', { conversationId });
        // Catch up on whatever arrived while this view was disconnected.
        const after = maxIdRef.current;
        if (after > 0) {
          const res = await emitWithAck<{ messages: MessageDto[] }>(socket, 'conversation:sync', { conversationId, afterId: after });
          if (!cancelled) merge(res.messages);
        }
      } catch {
        /* access errors show through the detail query */
      }
    };
    void join();
    const onMessage = (m: MessageDto) => {
      if (m.conversationId !== conversationId) return;
      stickToBottom.current = isNearBottom(logRef.current);
      merge([m]);
      if (m.senderType === 'contact') setTyping(null);
    };
    const onTyping = (e: TypingEvent) => {
      if (e.conversationId !== conversationId || e.userId === me.id) return;
      setTyping(e.isTyping ? e : null);
    };
    const onReceipt = (e: ReceiptEvent) => {
      if (e.conversationId === conversationId && e.side === 'contact') setReceipt({ deliveredUpTo: e.deliveredUpTo, readUpTo: e.readUpTo });
    };
    const onUpdated = (c: ConversationSummary) => {
      if (c.id === conversationId) setSummary(c);
    };
    const onAnnotated = (items: { conversationId: string; messageId: number; annotation: MessageAnnotation }[]) => {
      const mine = new Map(items.filter((e) => e.conversationId === conversationId).map((e) => [e.messageId, e.annotation]));
      if (mine.size === 0) return;
      setMessages((prev) => {
        const next = new Map(prev);
        for (const m of prev.values()) {
          const a = mine.get(m.id);
          if (a) next.set(m.clientId, { ...m, annotation: a });
        }
        return next;
      });
    };
    const onHidden = (e: { conversationId: string; messageId: number; hiddenAt: string; reason: string | null }) => {
      if (e.conversationId !== conversationId) return;
      setMessages((prev) => {
        const next = new Map(prev);
        for (const m of prev.values()) {
          if (m.id !== e.messageId) continue;
          // The platform keeps the text (audit); a vendor's view loses it.
          next.set(m.clientId, e.reason === null ? { ...m, body: '', card: null, hidden: { at: e.hiddenAt, reason: null } } : { ...m, hidden: { at: e.hiddenAt, reason: e.reason } });
        }
        return next;
      });
    };
    socket.on('message:hidden', onHidden);
    socket.on('message:annotated', onAnnotated);
    socket.on('message:new', onMessage as never);
    socket.on('typing', onTyping);
    socket.on('receipt', onReceipt);
    socket.on('conversation:updated', onUpdated);
    socket.on('connect', join);
    return () => {
      cancelled = true;
      socket.off('message:new', onMessage as never);
      socket.off('message:annotated', onAnnotated);
      socket.off('message:hidden', onHidden);
      socket.off('typing', onTyping);
      socket.off('receipt', onReceipt);
      socket.off('conversation:updated', onUpdated);
      socket.off('connect', join);
      socket.emit('conversation:leave', { conversationId });
    };
  }, [socket, conversationId, me.id, merge, setSummary]);
  const maxIdRef = useRef(0);
  maxIdRef.current = maxId;

  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), 6000);
    return () => clearTimeout(timer);
  }, [typing]);

  // Read receipts: while the view is visible, everything shown is read.
  const lastContactId = sorted.reduce((m, x) => (x.senderType === 'contact' ? Math.max(m, x.id) : m), 0);
  // Canned responses: placeholders filled with this customer and agent; the variant in the language the customer
  // last wrote in (as the models read it), else the widget language they chose.
  const readLang = [...sorted].reverse().find((x) => x.senderType === 'contact' && x.annotation)?.annotation?.lang;
  const contactLang = (readLang && readLang !== 'mixed' ? readLang : null) ?? detail.data?.contact?.locale ?? null;
  const contact = detail.data?.contact;
  const fill = useMemo(() => ({ customer: contact, agent: { name: me.name }, lang: contactLang }), [contact, me.name, contactLang]);
  useEffect(() => {
    if (!socket || !lastContactId || me.role === 'executive') return;
    const send = () => {
      if (document.visibilityState !== 'visible') return;
      socket.emit('receipt', { conversationId, upToId: maxIdRef.current, kind: 'read' });
      if (summary) props.onRead(summary);
    };
    send();
    document.addEventListener('visibilitychange', send);
    return () => document.removeEventListener('visibilitychange', send);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, lastContactId, conversationId]);

  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [sorted.length]);

  const loadOlder = async () => {
    const first = sorted.find((m) => m.id);
    if (!first) return;
    const el = logRef.current;
    const before = el ? el.scrollHeight - el.scrollTop : 0;
    const res = await client.desk.history.query({ conversationId, beforeId: first.id, limit: 30 });
    stickToBottom.current = false;
    merge(res.messages);
    setHasOlder(res.hasMore);
    requestAnimationFrame(() => {
      if (el) el.scrollTop = el.scrollHeight - before;
    });
  };

  const send = async (body: string, isNote: boolean) => {
    const clientId = newClientId();
    const optimistic: UiMessage = {
      id: 0,
      conversationId,
      senderType: 'agent',
      senderId: me.id,
      senderName: me.name,
      senderAvatarUrl: me.avatarUrl,
      kind: isNote ? 'note' : 'text',
      body,
      clientId,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    stickToBottom.current = true;
    merge([optimistic]);
    const attempt = async (): Promise<void> => {
      try {
        const saved = await emitWithAck<MessageDto>(socket, 'message:send', { conversationId, clientId, body, isNote });
        merge([saved]);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (!code || code === 'INTERNAL') {
          // Not answered: the same client id is safe to retry, the server stores it once.
          await new Promise((r) => setTimeout(r, 1500));
          if (socket?.connected) return attempt();
          return new Promise<void>((resolve) => socket?.once('connect', () => void attempt().then(resolve)));
        }
        merge([{ ...optimistic, state: 'failed', error: (e as Error).message }]);
      }
    };
    await attempt();
  };

  const setStatus = useMutation(trpc.desk.setStatus.mutationOptions({ onSuccess: setSummary }));
  const setPriority = useMutation(trpc.desk.setPriority.mutationOptions({ onSuccess: setSummary }));
  const assign = useMutation(trpc.desk.assign.mutationOptions({ onSuccess: setSummary }));
  const transfer = useMutation(trpc.desk.transfer.mutationOptions({ onSuccess: setSummary }));
  const setLabels = useMutation(trpc.desk.setLabels.mutationOptions({ onSuccess: setSummary }));
  const clearEscalation = useMutation(trpc.desk.clearEscalation.mutationOptions({ onSuccess: setSummary }));
  const joinAsPlatform = useMutation(trpc.desk.joinAsPlatform.mutationOptions({ onSuccess: setSummary }));
  const takeOver = useMutation(trpc.desk.takeOver.mutationOptions({ onSuccess: setSummary }));
  const handBack = useMutation(trpc.desk.handBack.mutationOptions({ onSuccess: setSummary }));
  const hideMessage = useMutation(trpc.desk.hideMessage.mutationOptions({ onSuccess: (m) => merge([m]) }));
  const actionError =
    setStatus.error ?? setPriority.error ?? assign.error ?? transfer.error ?? setLabels.error ?? clearEscalation.error ?? joinAsPlatform.error ?? takeOver.error ?? handBack.error ?? hideMessage.error;
  const isSupervisor = me.role === 'supervisor' || me.role === 'admin';
  const readings = sorted.flatMap((m) => (m.senderType === 'contact' && m.annotation ? [m.annotation] : []));

  if (detail.error) {
    return (
      <section className={styles.conversation}>
        <div className={styles.center} role="alert" data-testid="conversation-error">
          {detail.error.message}
        </div>
      </section>
    );
  }
  if (!summary || !detail.data) return <section className={styles.conversation}><div className={styles.center}>{t.loading}</div></section>;

  const c = summary;
  const snooze = (hours: number | 'tomorrow') => {
    const d = new Date();
    if (hours === 'tomorrow') {
      d.setDate(d.getDate() + 1);
      d.setHours(9, 0, 0, 0);
    } else d.setTime(d.getTime() + hours * 3600_000);
    setStatus.mutate({ id: c.id, status: 'snoozed', snoozedUntil: d });
  };

  let lastDay = '';
  return (
    <>
      <section className={styles.conversation} aria-label="Conversation">
        <header className={styles.convHeader}>
          <button className={`${styles.linkButton} ${styles.backButton}`} onClick={props.onClose} aria-label={t.close}>
            ←
          </button>
          <div className={styles.convTitle}>
            <h2 dir="auto">{c.contactName ?? 'Visitor'}</h2>
            <span className={styles.muted} data-testid="conversation-status">
              {t[c.status]}
              {c.snoozedUntil && c.status === 'snoozed' ? ` · ${formatDay(c.snoozedUntil, locale)} ${formatTime(c.snoozedUntil, locale)}` : ''}
            </span>
            {props.isDeskStaff && c.status !== 'resolved' && (
              <span className={styles.slaHeader}>
                <SlaBadge sla={c.sla} t={t} locale={locale} long />
              </span>
            )}
          </div>
          {props.isDeskStaff && <SentimentTrend t={t} readings={readings} />}
          {props.canWrite && (
            <button
              type="button"
              className={`${styles.secondary} ${styles.actionsToggle}`}
              aria-expanded={actionsOpen}
              aria-controls="conversation-actions"
              onClick={() => setActionsOpen((o) => !o)}
              data-testid="conversation-actions-toggle"
            >
              {t.conversationActions} {actionsOpen ? '▴' : '▾'}
            </button>
          )}
          {props.canWrite && (
            <div id="conversation-actions" className={`${styles.actions} ${actionsOpen ? '' : styles.foldedOnPhone}`}>
              {props.isDeskStaff && (
                <>
                  <select
                    aria-label={t.assignee}
                    value={c.assigneeId ?? ''}
                    onChange={(e) => assign.mutate({ id: c.id, assigneeId: e.target.value || null })}
                    data-testid="assignee-select"
                  >
                    <option value="">{t.unassignedOption}</option>
                    {props.directory?.agents.map((a) => (
                      <option key={a.id} value={a.id}>
                        {a.name} · {t[(props.presence[a.id] ?? a.presence) as 'online' | 'away' | 'offline']}
                      </option>
                    ))}
                  </select>
                  <select aria-label={t.team} value={c.teamId ?? ''} onChange={(e) => e.target.value && transfer.mutate({ id: c.id, teamId: e.target.value })}>
                    <option value="" disabled>
                      {t.team}
                    </option>
                    {props.directory?.teams.map((tm) => (
                      <option key={tm.id} value={tm.id}>
                        {tm.name}
                      </option>
                    ))}
                  </select>
                  <select aria-label={t.priority} value={c.priority} onChange={(e) => setPriority.mutate({ id: c.id, priority: e.target.value as typeof c.priority })}>
                    {(['none', 'low', 'medium', 'high', 'urgent'] as const).map((p) => (
                      <option key={p} value={p}>
                        {t.priority}: {t[p]}
                      </option>
                    ))}
                  </select>
                </>
              )}
              {props.isDeskStaff && <TransferMenu t={t} conversationId={c.id} directory={props.directory} onDone={setSummary} />}
              {props.isDeskStaff && <MacroMenu t={t} conversationId={c.id} onDone={setSummary} />}
              {props.isDeskStaff && <TicketButton t={t} conversationId={c.id} defaultSubject={c.lastMessagePreview ?? ''} orders={detail.data.orders} />}
              <button
                type="button"
                className={styles.secondary}
                data-testid="export-transcript"
                onClick={() => void client.analytics.transcriptCsv.query({ conversationId: c.id }).then((r) => downloadText(r.filename, r.csv))}
              >
                {t.exportTranscript}
              </button>
              <details className={styles.menu}>
                <summary>{t.snooze}</summary>
                <div className={styles.menuBody}>
                  <button onClick={() => snooze(1)}>{t.snooze1h}</button>
                  <button onClick={() => snooze('tomorrow')}>{t.snoozeTomorrow}</button>
                  <button onClick={() => snooze(24 * 7)}>{t.snoozeWeek}</button>
                </div>
              </details>
              {c.status === 'resolved' ? (
                <button className={styles.secondary} onClick={() => setStatus.mutate({ id: c.id, status: 'open' })}>
                  {t.reopen}
                </button>
              ) : (
                <button className={styles.primary} onClick={() => setStatus.mutate({ id: c.id, status: 'resolved' })} data-testid="resolve-button">
                  {t.resolve}
                </button>
              )}
            </div>
          )}
        </header>
        {c.escalatedAt && props.isDeskStaff && (
          <p className={styles.escalation} role="status" data-testid="escalation-banner">
            <span className={styles.escalationFlag}>⚑ {t.escalated}</span>
            <span dir="auto">{formatReason(c.escalationDetail, locale) ?? c.escalationReason}</span>
            {isSupervisor && (
              <button type="button" className={styles.secondary} onClick={() => clearEscalation.mutate({ id: c.id })} data-testid="clear-escalation">
                {t.clearEscalation}
              </button>
            )}
          </p>
        )}
        {c.vendorId && (c.platformJoinedAt || (props.isDeskStaff && props.canWrite)) && (
          <p className={styles.platformBar} data-testid="platform-bar">
            <span>
              🏬 {c.vendorName}
              {c.takenOverAt ? ` · ${t.platformTookOver}` : c.platformJoinedAt ? ` · ${t.platformJoined}` : ''}
            </span>
            {props.isDeskStaff && props.canWrite && (
              <>
                {!c.platformJoinedAt && (
                  <button type="button" className={styles.secondary} onClick={() => joinAsPlatform.mutate({ id: c.id })} data-testid="platform-join">
                    {t.joinAsPlatform}
                  </button>
                )}
                {c.takenOverAt ? (
                  <button type="button" className={styles.secondary} onClick={() => handBack.mutate({ id: c.id })} data-testid="platform-handback">
                    {t.handBack}
                  </button>
                ) : (
                  <button type="button" className={styles.secondary} onClick={() => takeOver.mutate({ id: c.id })} data-testid="platform-takeover">
                    {t.takeOver}
                  </button>
                )}
              </>
            )}
          </p>
        )}
        {actionError && (
          <p role="alert" className={styles.error}>
            {actionError.message}
          </p>
        )}
        <div className={`${styles.labelsRow} ${actionsOpen ? '' : styles.foldedOnPhone}`}>
          {c.labels.map((l) => (
            <span key={l} className={styles.badge} data-testid="conversation-label" data-label={l}>
              <LabelDot color={labelColors.get(l)} />
              {l}
              {props.canWrite && (
                <button aria-label={`Remove ${l}`} className={styles.badgeX} onClick={() => setLabels.mutate({ id: c.id, labels: c.labels.filter((x) => x !== l) })}>
                  ×
                </button>
              )}
            </span>
          ))}
          {props.canWrite && (props.directory?.labels.length ?? 0) > 0 && (
            <select
              aria-label={t.labels}
              value=""
              onChange={(e) => e.target.value && setLabels.mutate({ id: c.id, labels: [...c.labels, e.target.value] })}
            >
              <option value="">+ {t.label}</option>
              {props.directory?.labels
                .filter((l) => !c.labels.includes(l.name))
                .map((l) => (
                  <option key={l.name} value={l.name}>
                    {l.name}
                  </option>
                ))}
            </select>
          )}
        </div>
        <div
          className={styles.log}
          ref={logRef}
          role="log"
          aria-live="polite"
          data-testid="message-log"
          onScroll={(e) => (stickToBottom.current = isNearBottom(e.currentTarget))}
        >
          {hasOlder && (
            <button className={styles.linkButton} onClick={() => void loadOlder()} data-testid="load-older">
              {t.loadOlder}
            </button>
          )}
          {sorted.map((m) => {
            const day = formatDay(m.createdAt, locale);
            const showDay = day !== lastDay;
            lastDay = day;
            // Ours: an agent's message, or the shop's automatic one (a rule's reply or note).
            const mine = m.senderType !== 'contact';
            const state =
              m.state ?? (mine && m.kind !== 'note' ? (m.id <= receipt.readUpTo ? 'read' : m.id <= receipt.deliveredUpTo ? 'delivered' : 'sent') : undefined);
            if (m.kind === 'event') {
              return (
                <div key={m.clientId}>
                  {showDay && <div className={styles.daySep}>{day}</div>}
                  <div className={styles.eventLine} data-testid="desk-event" dir="auto">
                    {m.body} · {formatTime(m.createdAt, locale)}
                  </div>
                </div>
              );
            }
            return (
              <div key={m.clientId}>
                {showDay && <div className={styles.daySep}>{day}</div>}
                <div
                  className={`${styles.msg} ${mine ? styles.msgOut : styles.msgIn} ${m.kind === 'note' ? styles.msgNote : ''}`}
                  data-testid="desk-message"
                  data-sender={m.senderType}
                  data-kind={m.kind}
                  data-state={state}
                >
                  <div className={styles.msgMeta}>
                    {m.kind === 'note' && <strong>{t.noteBadge} · </strong>}
                    {m.senderType === 'system' ? t.automaticSender : mine ? m.senderName : (c.contactName ?? 'Visitor')} · {formatTime(m.createdAt, locale)}
                  </div>
                  {m.hidden && !m.body ? (
                    <div className={`${styles.msgBody} ${styles.muted}`} data-testid="hidden-message">
                      🚫 {t.messageHidden}
                    </div>
                  ) : m.card ? (
                    <MessageCard card={m.card} locale={locale} />
                  ) : m.attachment ? (
                    <MessageAttachment a={m.attachment} />
                  ) : (
                    <div className={`${styles.msgBody} ${m.hidden ? styles.hiddenBody : ''}`} dir="auto">
                      {m.body}
                    </div>
                  )}
                  {m.hidden?.reason && (
                    <div className={styles.muted} data-testid="hidden-message">
                      🚫 {t.hiddenFromOthers}: {m.hidden.reason}
                    </div>
                  )}
                  {props.isDeskStaff && props.canWrite && !m.hidden && m.kind === 'text' && m.id > 0 && m.senderType !== 'system' && (
                    <button
                      type="button"
                      className={`${styles.linkButton} ${styles.hideButton}`}
                      data-testid="hide-message"
                      onClick={() => {
                        const reason = window.prompt(t.hideReason);
                        if (reason?.trim()) hideMessage.mutate({ conversationId: c.id, messageId: m.id, reason: reason.trim() });
                      }}
                    >
                      {t.hideMessage}
                    </button>
                  )}
                  {m.annotation && <AiReading t={t} a={m.annotation} />}
                  {state && (
                    <div className={styles.msgState} aria-label={t[state === 'read' ? 'seen' : state === 'failed' ? 'failed' : state]}>
                      {state === 'sending' ? '🕓' : state === 'failed' ? `⚠ ${m.error ?? t.failed}` : state === 'sent' ? '✓' : state === 'delivered' ? '✓✓' : <span className={styles.read}>✓✓ {t.seen}</span>}
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
        <div className={styles.typingLine} aria-live="polite" data-testid="desk-typing">
          {typing ? (typing.side === 'contact' ? t.customerTyping : `${typing.name ?? ''} ${t.isTyping}`) : ''}
        </div>
        {props.canWrite && me.role === 'vendor' && c.takenOverAt && (
          <p className={styles.platformBar} role="status" data-testid="taken-over-notice">
            {t.takenOverNotice}
          </p>
        )}
        {props.canWrite && !(me.role === 'vendor' && c.takenOverAt) && (
          <Composer t={t} conversationId={conversationId} socket={socket} onSend={send} fill={fill}>
            <AttachButton t={t} conversationId={conversationId} />
            <CardPicker t={t} locale={locale} conversationId={conversationId} orders={me.role === 'vendor' ? [] : (detail.data?.orders ?? [])} />
          </Composer>
        )}
      </section>
      <SidePanel t={t} locale={locale} detail={detail.data} summary={c}>
        {['admin', 'supervisor', 'agent'].includes(me.role) && <SlaSection t={t} locale={locale} conversationId={conversationId} sla={c.sla} />}
        {['admin', 'supervisor', 'agent'].includes(me.role) && <RoutingHistory t={t} locale={locale} conversationId={conversationId} socket={socket} />}
      </SidePanel>
    </>
  );
}

function isNearBottom(el: HTMLElement | null) {
  if (!el) return true;
  return el.scrollHeight - el.scrollTop - el.clientHeight < 80;
}

const SENTIMENT_ICON = { negative: '☹', neutral: '•', positive: '☺' } as const;

/** The models' reading of a customer message: sentiment (with its probability), intent and language. */
function AiReading({ t, a }: { t: DeskDict; a: MessageAnnotation }) {
  const p = Math.round(a.sentimentScores[a.sentiment] * 100);
  return (
    <div className={styles.aiReading} aria-label={t.aiReading} data-testid="ai-reading" data-sentiment={a.sentiment} data-intent={a.intent} data-lang={a.lang}>
      <span className={`${styles.aiChip} ${styles[`sent_${a.sentiment}`]}`} title={`${t.aiReading}: ${p}%`}>
        {SENTIMENT_ICON[a.sentiment]} {t[`sentiment_${a.sentiment}`]}
      </span>
      <span className={styles.aiChip} title={`${Math.round(a.intentConfidence * 100)}%`}>
        {t[`intent_${a.intent}`]}
      </span>
      <span className={styles.aiChip}>{t[`lang_${a.lang}`]}</span>
    </div>
  );
}
