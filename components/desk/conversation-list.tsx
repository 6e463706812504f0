'use client';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatAge, formatNumber } from '@/lib/format';
import { formatReason } from '@/lib/reasons';
import { slaState } from '@/lib/sla';
import styles from './desk.module.css';
import { LabelDot, useLabelColors } from './label-dot';
import { SlaBadge } from './sla-badge';
import type { ConversationItem, ListFilter } from './types';

const views = ['unassigned', 'mine', 'teams', 'all'] as const;
const statuses = ['open', 'pending', 'snoozed', 'resolved'] as const;
const priorities = ['urgent', 'high', 'medium', 'low', 'none'] as const;

export function ConversationList(props: {
  t: DeskDict;
  locale: DeskLocale;
  mode: 'desk' | 'vendor';
  filter: ListFilter;
  setFilter: (f: ListFilter) => void;
  items: ConversationItem[];
  labels: { name: string; color: string }[];
  isLoading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, locale, filter, setFilter } = props;
  const labelColors = useLabelColors(props.labels);
  return (
    <nav className={styles.listPane} aria-label="Conversations">
      {props.mode === 'desk' && (
        <div className={styles.views} role="tablist">
          {views.map((v, i) => (
            <button
              key={v}
              role="tab"
              aria-selected={filter.view === v}
              className={filter.view === v ? styles.viewActive : styles.view}
              onClick={() => setFilter({ ...filter, view: v })}
              title={`${t[v]} (${i + 1})`}
              data-testid={`view-${v}`}
            >
              {t[v]}
            </button>
          ))}
        </div>
      )}
      <div className={styles.filters}>
        <select
          aria-label={t.status}
          value={filter.statuses.join(',')}
          onChange={(e) => setFilter({ ...filter, statuses: e.target.value.split(',') as ListFilter['statuses'] })}
          data-testid="filter-status"
        >
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t[s]}
            </option>
          ))}
          <option value="open,pending,snoozed,resolved">{t.all}</option>
        </select>
        <select
          aria-label={t.priority}
          value={filter.priority ?? ''}
          onChange={(e) => setFilter({ ...filter, priority: (e.target.value || undefined) as ListFilter['priority'] })}
        >
          <option value="">{t.anyPriority}</option>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t[p]}
            </option>
          ))}
        </select>
        <select aria-label={t.channel} value={filter.channel ?? ''} onChange={(e) => setFilter({ ...filter, channel: e.target.value || undefined })}>
          <option value="">{t.anyChannel}</option>
          <option value="web">{t.channelWeb}</option>
        </select>
        <select aria-label={t.label} value={filter.label ?? ''} onChange={(e) => setFilter({ ...filter, label: e.target.value || undefined })}>
          <option value="">{t.anyLabel}</option>
          {props.labels.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <ul className={styles.list} data-testid="conversation-list">
        {props.isLoading && <li className={styles.muted}>{t.loading}</li>}
        {!props.isLoading && props.items.length === 0 && <li className={styles.muted}>{t.noConversations}</li>}
        {props.items.map((c) => (
          <li key={c.id}>
            <button
              className={`${c.id === props.selectedId ? styles.itemActive : styles.item} ${c.sla && c.status !== 'resolved' && slaState(c.sla, Date.now()).state === 'breached' ? styles.itemBreached : ''}`}
              onClick={() => props.onSelect(c.id)}
              aria-current={c.id === props.selectedId ? 'true' : undefined}
              data-testid="conversation-item"
              data-conversation-id={c.id}
            >
              <span className={styles.itemTop}>
                <span className={styles.itemName} dir="auto">
                  {c.contactName ?? 'Visitor'}
                </span>
                <time className={styles.muted} dateTime={c.lastMessageAt}>
                  {formatAge(c.lastMessageAt, locale)}
                </time>
              </span>
              <span className={styles.itemPreview} dir="auto">
                {c.lastMessagePreview ?? '…'}
              </span>
              <span className={styles.itemMeta}>
                {c.escalatedAt && (
                  <span className={`${styles.badge} ${styles.escalationFlag}`} title={formatReason(c.escalationDetail, locale) ?? c.escalationReason ?? ''} data-testid="escalated-flag">
                    ⚑ {t.escalated}
                  </span>
                )}
                {props.mode === 'desk' && c.status !== 'resolved' && <SlaBadge sla={c.sla} t={t} locale={locale} />}
                {c.priority !== 'none' && <span className={`${styles.badge} ${styles['prio_' + c.priority]}`}>{t[c.priority]}</span>}
                {c.vendorName && <span className={styles.badge}>{c.vendorName}</span>}
                {c.labels.slice(0, 2).map((l) => (
                  <span key={l} className={styles.badge} data-testid="list-label" data-label={l}>
                    <LabelDot color={labelColors.get(l)} />
                    {l}
                  </span>
                ))}
                {c.labels.length > 2 && (
                  <span className={styles.muted} title={c.labels.slice(2).join(', ')}>
                    +{formatNumber(c.labels.length - 2, locale)}
                  </span>
                )}
                {c.teamName && <span className={styles.muted}>{c.teamName}</span>}
                {c.assigneeName && <span className={styles.muted}>· {c.assigneeName}</span>}
                {c.unreadCount > 0 && (
                  <span className={styles.unread} data-testid="unread-count" aria-label={`${c.unreadCount} unread`}>
                    {formatNumber(c.unreadCount, locale)}
                  </span>
                )}
              </span>
            </button>
          </li>
        ))}
        {props.hasMore && (
          <li>
            <button className={styles.linkButton} onClick={props.loadMore}>
              {t.loadMore}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
