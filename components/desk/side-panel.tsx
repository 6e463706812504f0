'use client';
import type { ReactNode } from 'react';
import type { ConversationSummary } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatBdt, formatDay } from '@/lib/format';
import styles from './desk.module.css';
import { QualitySection } from './quality-section';
import type { ConversationDetail } from './types';

export function SidePanel(props: { t: DeskDict; locale: DeskLocale; detail: ConversationDetail; summary: ConversationSummary; children?: ReactNode }) {
  const { t, locale, detail, summary } = props;
  const contact = detail.contact;
  return (
    <aside className={styles.side} aria-label={t.customer} data-testid="side-panel">
      <section>
        <h3>{t.customer}</h3>
        <p dir="auto">
          <strong>{contact?.name ?? 'Visitor'}</strong> {contact?.isVerified && <span className={styles.badge}>{t.verified}</span>}
        </p>
        {contact?.email && <p className={styles.muted}>{contact.email}</p>}
        {contact?.phone && <p className={styles.muted}>{contact.phone}</p>}
        {contact?.externalId && <p className={styles.muted}>ID: {contact.externalId}</p>}
      </section>
      {summary.context && (
        <section data-testid="conversation-context">
          <h3>{t.context}</h3>
          <p dir="auto">
            {summary.context.type === 'product' ? '🛍 ' : '📦 '}
            {summary.context.url ? (
              <a href={summary.context.url} target="_blank" rel="noreferrer noopener">
                {summary.context.title ?? summary.context.id}
              </a>
            ) : (
              (summary.context.title ?? summary.context.id)
            )}
            {summary.context.priceBdt != null && ` · ${formatBdt(summary.context.priceBdt, locale)}`}
          </p>
          <p className={styles.muted}>{summary.context.id}</p>
        </section>
      )}
      {detail.orders.length > 0 && (
        <section>
          <h3>{t.orders}</h3>
          <ul className={styles.plainList}>
            {detail.orders.map((o) => (
              <li key={o.id}>
                <strong>{o.orderNumber}</strong> · {o.status} · {formatBdt(o.totalBdt, locale)}
                <div className={styles.muted}>
                  {o.paymentMethod}
                  {o.courier ? ` · ${o.courier}` : ''} · {formatDay(o.placedAt, locale)}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.pastConversations.length > 0 && (
        <section>
          <h3>{t.pastConversations}</h3>
          <ul className={styles.plainList}>
            {detail.pastConversations.map((p) => (
              <li key={p.id}>
                <a href={`?c=${p.id}`}>{formatDay(p.createdAt, locale)}</a> · {t[p.status]}
                <div className={styles.muted} dir="auto">
                  {p.lastMessagePreview?.slice(0, 80)}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {summary.csatRating != null && (
        <section data-testid="csat-panel">
          <h3>{t.csat}</h3>
          <p aria-label={`${summary.csatRating} / 5`}>
            <span className={styles.stars} aria-hidden="true">
              {'★'.repeat(summary.csatRating)}
              <span className={styles.muted}>{'☆'.repeat(5 - summary.csatRating)}</span>
            </span>{' '}
            <strong>{summary.csatRating}/5</strong>
          </p>
          {detail.csat?.comment && (
            <blockquote className={styles.csatComment} dir="auto">
              {detail.csat.comment}
            </blockquote>
          )}
          {detail.csat && <p className={styles.muted}>{formatDay(detail.csat.at, locale)}</p>}
        </section>
      )}
      <QualitySection t={t} locale={locale} summary={summary} />
      {props.children}
    </aside>
  );
}
