'use client';

import { memo } from 'react';
import { MessageCard } from '@/components/shared/message-card';
import { MessageAttachment } from '@/components/shared/message-attachment';
import { dayKey, formatDay, formatTime } from '@/lib/format';
import type { WidgetDict, WidgetLocale } from '@/lib/widget-i18n';
import type { ViewMessage } from './message-store';
import { Avatar, Linkified, ReceiptTick } from './parts';
import s from './widget.module.css';

const GROUP_GAP_MS = 5 * 60_000;

type Props = {
  t: WidgetDict;
  locale: WidgetLocale;
  messages: ViewMessage[];
  greeting: string | null;
  brandName: string;
  onRetry: (clientId: string) => void;
  onDelete: (clientId: string) => void;
};

/** The conversation. The greeting is not a message: no test id, never counted. */
export const MessageList = memo(function MessageList({ t, locale, messages, greeting, brandName, onRetry, onDelete }: Props) {
  const now = new Date();
  let lastDay = '';
  let prev: ViewMessage | null = null;
  let lastConversation: string | null = null;
  const items: React.ReactNode[] = [];

  if (greeting) {
    items.push(
      <div key="greeting" className={`${s.row} ${s.rowAgent} ${s.rowGroupStart}`}>
        <div className={s.sender}>{brandName}</div>
        <div className={s.bubbleLine}>
          <Avatar name={brandName} />
          <div className={s.bubble} dir="auto">
            {greeting}
          </div>
        </div>
      </div>,
    );
  }

  for (const m of messages) {
    if (m.conversationId) {
      // The thread keeps earlier (resolved) conversations of this customer above the current one.
      if (lastConversation && m.conversationId !== lastConversation) {
        items.push(
          <div key={`n:${m.conversationId}`} className={s.day} role="separator">
            {t.conversationDivider}
          </div>,
        );
        prev = null;
      }
      lastConversation = m.conversationId;
    }
    const day = dayKey(m.createdAt);
    if (day !== lastDay) {
      items.push(
        <div key={`d:${day}`} className={s.day} role="separator">
          {formatDay(m.createdAt, locale, now)}
        </div>,
      );
      lastDay = day;
      prev = null;
    }
    const groupStart =
      !prev ||
      prev.sender !== m.sender ||
      (m.sender === 'agent' && prev.senderName !== m.senderName) ||
      new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() > GROUP_GAP_MS;
    items.push(<Bubble key={m.key} m={m} t={t} locale={locale} groupStart={groupStart} onRetry={onRetry} onDelete={onDelete} />);
    prev = m;
  }

  return (
    <div className={s.log} role="log" aria-live="polite" aria-relevant="additions" aria-label={t.logLabel} data-testid="widget-log">
      {items}
    </div>
  );
});

const Bubble = memo(function Bubble(props: {
  m: ViewMessage;
  t: WidgetDict;
  locale: WidgetLocale;
  groupStart: boolean;
  onRetry: (clientId: string) => void;
  onDelete: (clientId: string) => void;
}) {
  const { m, t, locale, groupStart, onRetry, onDelete } = props;
  const mine = m.sender === 'contact';
  const cls = [
    s.row,
    mine ? s.rowContact : m.sender === 'agent' ? s.rowAgent : s.rowSystem,
    groupStart ? s.rowGroupStart : '',
    m.state === 'sending' ? s.rowSending : '',
    m.state === 'failed' ? s.rowFailed : '',
  ].join(' ');
  const time = formatTime(m.createdAt, locale);
  const stateLabel = m.state ? t[m.state] : '';
  return (
    <div
      className={cls}
      data-testid="widget-message"
      data-sender={m.sender}
      data-state={m.state}
      data-client-id={m.clientId}
      data-id={m.id ?? undefined}
    >
      {m.sender === 'agent' && groupStart && <div className={s.sender}>{m.senderName ?? t.agentSubtitle}</div>}
      <div className={s.bubbleLine}>
        {m.sender === 'agent' && (groupStart ? <Avatar name={m.senderName} url={m.senderAvatarUrl} /> : <span className={s.avatarSpacer} />)}
        {mine && <span className={s.srOnly}>{t.you}:</span>}
        {m.hidden ? (
          <div className={`${s.bubble} ${s.hiddenBubble}`} data-testid="widget-hidden">
            {t.hiddenMessage}
          </div>
        ) : m.card ? (
          <MessageCard card={m.card} locale={locale} />
        ) : m.attachment ? (
          <MessageAttachment a={m.attachment} />
        ) : (
          <div className={s.bubble} dir="auto">
            <Linkified text={m.body} />
          </div>
        )}
      </div>
      {mine && m.masked && (
        <div className={s.maskedNote} role="note" data-testid="widget-masked-note">
          {t.maskedNote}
        </div>
      )}
      <div className={s.meta}>
        <time dateTime={m.createdAt}>{time}</time>
        {m.state && <ReceiptTick state={m.state} label={stateLabel} />}
      </div>
      {m.state === 'failed' && (
        <div className={s.failed} role="alert">
          <span>
            {t.failed}
            {m.error ? ` — ${m.error}` : ''}
          </span>
          <button type="button" className={s.linkButton} onClick={() => onRetry(m.clientId)}>
            {t.retry}
          </button>
          <button type="button" className={s.linkButton} onClick={() => onDelete(m.clientId)}>
            {t.delete}
          </button>
        </div>
      )}
    </div>
  );
});
