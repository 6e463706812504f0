'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { NotificationDto } from '@/lib/contracts/chat';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { formatReason } from '@/lib/reasons';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import type { DeskSocket } from './use-desk-socket';

/** The bell in the desk's top bar: stored notifications, pushed live; a new one also shows as a toast. */
export function NotificationBell({ t, locale, socket, onOpen }: { t: DeskDict; locale: DeskLocale; socket: DeskSocket | null; onOpen: (conversationId: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.desk.notifications.queryOptions({ limit: 30 });
  const list = useQuery({ ...options, retry: false });
  const markRead = useMutation(trpc.desk.markNotificationsRead.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: options.queryKey }) }));
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState<NotificationDto | null>(null);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>('unsupported');
  useEffect(() => setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission), []);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!socket) return;
    const onNew = (n: NotificationDto) => {
      qc.setQueryData(options.queryKey, (prev) => (prev ? { items: [n, ...prev.items.filter((x) => x.id !== n.id)].slice(0, 30), unread: prev.unread + 1 } : prev));
      setToast(n);
      // While the desk is in a background tab, the operating system shows it too (once the agent allowed it).
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
        const shown = new Notification(formatReason(n.detail?.title, locale) ?? n.title, { body: formatReason(n.detail?.body, locale) ?? n.body, tag: `alap-${n.id}` });
        shown.onclick = () => {
          window.focus();
          if (n.conversationId) onOpen(n.conversationId);
          shown.close();
        };
      }
    };
    socket.on('notification:new', onNew);
    return () => void socket.off('notification:new', onNew);
  }, [socket, qc, options.queryKey, locale, onOpen]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 12_000);
    return () => clearTimeout(timer);
  }, [toast]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    panelRef.current?.querySelector<HTMLElement>('button')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const unread = list.data?.unread ?? 0;
  const openItem = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate({ id: n.id });
    if (n.conversationId) onOpen(n.conversationId);
    setOpen(false);
    setToast(null);
  };

  return (
    <>
      <button
        type="button"
        className={`${styles.linkButton} ${styles.bell}`}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={`${t.notifications}${unread ? ` (${unread})` : ''}`}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <BellIcon />
        {unread > 0 && <span className={styles.bellCount}>{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className={styles.notifPanel} ref={panelRef} role="dialog" aria-label={t.notifications} data-testid="notification-panel">
          {list.data && list.data.items.length > 0 && unread > 0 && (
            <button type="button" className={styles.linkButton} onClick={() => markRead.mutate({ upToId: list.data!.items[0]!.id })}>
              {t.markAllRead}
            </button>
          )}
          {permission === 'default' && (
            <button type="button" className={styles.linkButton} data-testid="enable-browser-notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>
              🔔 {t.browserNotifications}
            </button>
          )}
          {list.isPending && <p className={styles.muted}>{t.loading}</p>}
          {list.data?.items.length === 0 && <p className={styles.muted}>{t.noNotifications}</p>}
          {list.data?.items.map((n) => (
            <button key={n.id} type="button" className={`${styles.notifItem} ${n.readAt ? '' : styles.notifUnread}`} onClick={() => openItem(n)} data-testid="notification-item">
              <strong dir="auto">{formatReason(n.detail?.title, locale) ?? n.title}</strong>
              <span dir="auto">{formatReason(n.detail?.body, locale) ?? n.body}</span>
              <span className={styles.muted}>
                {formatDay(n.createdAt, locale)} {formatTime(n.createdAt, locale)}
              </span>
            </button>
          ))}
        </div>
      )}
      {toast && (
        <div className={styles.toast} role="alert" data-testid="notification-toast">
          <strong dir="auto">{formatReason(toast.detail?.title, locale) ?? toast.title}</strong>
          <span dir="auto">{formatReason(toast.detail?.body, locale) ?? toast.body}</span>
          <span>
            {toast.conversationId && (
              <button type="button" className={styles.secondary} onClick={() => openItem(toast)}>
                {t.openConversation}
              </button>
            )}{' '}
            <button type="button" className={styles.linkButton} onClick={() => setToast(null)} aria-label={t.close}>
              ×
            </button>
          </span>
        </div>
      )}
    </>
  );
}

// Drawn, not an emoji: desks without a colour-emoji font would show an empty box.
function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}
