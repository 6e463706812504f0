'use client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationSummary, MessageDto, PresenceStatus } from '@/lib/contracts/chat';
import { deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import { ConversationList } from './conversation-list';
import { ConversationView } from './conversation-view';
import styles from './desk.module.css';
import { HelpOverlay } from './help-overlay';
import type { ConversationItem, ListFilter, Me } from './types';
import { NotificationBell } from './notifications';
import { SearchPanel } from './search-panel';
import { useAutoAway, useDeskSocket } from './use-desk-socket';
import { useOutsideDismiss } from './use-outside-dismiss';

type ListPage = { items: ConversationItem[]; nextCursor: string | null };

function matchesFilter(c: ConversationSummary, f: ListFilter, me: Me) {
  if (!f.statuses.includes(c.status)) return false;
  if (f.priority && c.priority !== f.priority) return false;
  if (f.label && !c.labels.includes(f.label)) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.view === 'unassigned' && c.assigneeId) return false;
  if (f.view === 'mine' && c.assigneeId !== me.id) return false;
  if (f.view === 'teams' && (!c.teamId || !me.teamIds.includes(c.teamId))) return false;
  if (me.role === 'vendor' && c.vendorId !== me.vendorId) return false;
  return true;
}

export function DeskApp({ mode }: { mode: 'desk' | 'vendor' }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = useSearchParams();
  const selectedId = search.get('c');
  const [locale, setLocale] = useState<DeskLocale>('en');
  const brand = useQuery({ ...trpc.account.workspace.queryOptions(), retry: false, staleTime: 300_000 });
  const workspaceLocale = brand.data?.defaultLocale;
  // The person's own choice, else a Bengali browser, else the workspace's default language.
  useEffect(() => {
    const saved = localStorage.getItem('alap:desk-locale');
    if (saved === 'bn' || saved === 'en') setLocale(saved);
    else if (navigator.language.startsWith('bn')) setLocale('bn');
    else if (workspaceLocale) setLocale(workspaceLocale);
  }, [workspaceLocale]);
  const t = deskDictionaries[locale];

  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  useEffect(() => {
    if (me.error) window.location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }, [me.error]);
  const isVendor = me.data?.role === 'vendor';
  const canWrite = me.data ? me.data.role !== 'executive' : false;
  const isDeskStaff = me.data ? ['admin', 'supervisor', 'agent'].includes(me.data.role) : false;
  useEffect(() => {
    if (me.data && mode === 'desk' && me.data.role === 'vendor') router.replace('/vendor');
  }, [me.data, mode, router]);

  const [filter, setFilter] = useState<ListFilter>({ view: 'all', statuses: ['open'] });

  const listInput = { ...filter, limit: 30 };
  const list = useInfiniteQuery({
    ...trpc.desk.listConversations.infiniteQueryOptions(listInput, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    enabled: !!me.data,
  });
  const directory = useQuery({ ...trpc.desk.directory.queryOptions(), enabled: !!me.data });

  const { socket, connected } = useDeskSocket();
  useAutoAway(socket, isDeskStaff);
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const [myStatus, setMyStatus] = useState<PresenceStatus>('online');

  // ---- live updates: patch the cached list pages instead of refetching ----
  const patchList = useCallback(
    (c: ConversationSummary, bumpUnread: number | null) => {
      if (!me.data) return;
      queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: trpc.desk.listConversations.infiniteQueryKey() }, (old) => {
        if (!old) return old;
        const prev = old.pages.flatMap((p) => p.items).find((i) => i.id === c.id);
        const unreadCount = bumpUnread === null ? (prev?.unreadCount ?? 0) : bumpUnread === 0 ? 0 : (prev?.unreadCount ?? 0) + bumpUnread;
        const updated: ConversationItem = { ...c, unreadCount };
        const pages = old.pages.map((p) => ({ ...p, items: p.items.filter((i) => i.id !== c.id) }));
        // Each cached list has its own filter; only the one on screen is checked here, others refetch on focus.
        if (matchesFilter(c, filter, me.data) && pages[0]) {
          const first = pages[0];
          const items = [updated, ...first.items].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
          pages[0] = { ...first, items };
        }
        return { ...old, pages };
      });
    },
    [queryClient, trpc, filter, me.data],
  );

  const selectedRef = useRef<string | null>(selectedId);
  selectedRef.current = selectedId;

  useEffect(() => {
    if (!socket) return;
    const onUpdated = (c: ConversationSummary) => patchList(c, null);
    // Every message is handled here as it arrives (no state hop: React batching would merge bursts).
    const onMessage = (m: MessageDto) => {
      if (m.senderType !== 'contact') return;
      socket.emit('receipt', { conversationId: m.conversationId, upToId: m.id, kind: 'delivered' });
      // Unread counts rise for messages in conversations not on screen.
      if (m.conversationId === selectedRef.current && document.visibilityState === 'visible') return;
      queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: trpc.desk.listConversations.infiniteQueryKey() }, (old) =>
        old && {
          ...old,
          pages: old.pages.map((p) => ({
            ...p,
            items: p.items.map((i) => (i.id === m.conversationId ? { ...i, unreadCount: i.unreadCount + 1 } : i)),
          })),
        },
      );
    };
    const onPresence = (e: { userId: string; status: PresenceStatus }) => {
      setPresence((p) => ({ ...p, [e.userId]: e.status }));
      if (me.data && e.userId === me.data.id) setMyStatus(e.status);
    };
    const onReadSync = (e: { conversationId: string }) => {
      queryClient.setQueriesData<InfiniteData<ListPage>>({ queryKey: trpc.desk.listConversations.infiniteQueryKey() }, (old) =>
        old && { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === e.conversationId ? { ...i, unreadCount: 0 } : i)) })) },
      );
    };
    // A label created, recoloured, renamed or deleted in the admin console: every list, the open conversation and the
    // label catalogue.
    const onLabels = () => {
      for (const queryKey of [trpc.desk.listConversations.infiniteQueryKey(), trpc.desk.directory.queryKey(), trpc.desk.conversation.queryKey()]) void queryClient.invalidateQueries({ queryKey });
    };
    socket.on('conversation:updated', onUpdated);
    socket.on('labels:changed', onLabels);
    socket.on('message:new', onMessage as never);
    socket.on('presence', onPresence);
    socket.on('read:sync', onReadSync);
    const onReconnect = () => void queryClient.invalidateQueries({ queryKey: trpc.desk.listConversations.infiniteQueryKey() });
    socket.io.on('reconnect', onReconnect);
    return () => {
      socket.off('conversation:updated', onUpdated);
      socket.off('labels:changed', onLabels);
      socket.off('message:new', onMessage as never);
      socket.off('presence', onPresence);
      socket.off('read:sync', onReadSync);
      socket.io.off('reconnect', onReconnect);
    };
  }, [socket, patchList, queryClient, trpc, me.data]);

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const select = useCallback(
    (id: string | null) => {
      const params = new URLSearchParams(search.toString());
      if (id) params.set('c', id);
      else params.delete('c');
      router.replace(`?${params.toString()}`, { scroll: false });
    },
    [router, search],
  );

  const [helpOpen, setHelpOpen] = useState(false);
  // Phones: the top bar's links (views, language, account, sign out) fold behind one button, like the
  // conversation header's controls; wider screens always show them.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  useOutsideDismiss(menuRef, menuOpen, closeMenu);
  const setStatus = useMutation(trpc.desk.setStatus.mutationOptions());
  const assign = useMutation(trpc.desk.assign.mutationOptions());

  // ---- keyboard shortcuts (ignored while typing in a field) ----
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === 'Escape') {
        setHelpOpen(false);
        setMenuOpen(false);
        if (typing) (target as HTMLElement).blur();
        return;
      }
      if (typing || e.metaKey || e.ctrlKey || e.altKey) return;
      const idx = items.findIndex((i) => i.id === selectedId);
      if (e.key === '?') {
        e.preventDefault();
        setHelpOpen((v) => !v);
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        const next = items[Math.min(items.length - 1, idx + 1)];
        if (next) select(next.id);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        const prev = items[Math.max(0, idx - 1)];
        if (prev) select(prev.id);
      } else if (e.key === 'r' || e.key === 'n') {
        e.preventDefault();
        window.dispatchEvent(new CustomEvent('alap:compose', { detail: e.key === 'n' ? 'note' : 'reply' }));
      } else if (e.key === 'e' && selectedId && canWrite) {
        setStatus.mutate({ id: selectedId, status: 'resolved' });
      } else if (e.key === 'a' && selectedId && isDeskStaff && me.data) {
        assign.mutate({ id: selectedId, assigneeId: me.data.id });
      } else if (['1', '2', '3', '4'].includes(e.key) && mode === 'desk') {
        const views = ['unassigned', 'mine', 'teams', 'all'] as const;
        setFilter((f) => ({ ...f, view: views[Number(e.key) - 1]! }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selectedId, select, setStatus, assign, canWrite, isDeskStaff, me.data, mode]);

  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => window.location.assign('/login') }));

  if (!me.data) {
    return <div className={styles.center}>{t.loading}</div>;
  }

  const changeLocale = () => {
    const next = locale === 'en' ? 'bn' : 'en';
    setLocale(next);
    localStorage.setItem('alap:desk-locale', next);
  };

  return (
    <div className={styles.shell} lang={locale}>
      <header className={styles.topbar}>
        {brand.data?.logoDataUrl && <img src={brand.data.logoDataUrl} alt="" width={28} height={28} style={{ objectFit: 'contain', borderRadius: 6 }} data-testid="workspace-logo" />}
        <strong className={styles.brand} title={brand.data?.name}>
          {brand.data?.name ?? 'Alap'}
        </strong>
        <span className={`${styles.muted} ${styles.deskKind}`}>{isVendor ? t.vendorInbox : 'Desk'}</span>
        <span className={styles.spacer} />
        <SearchPanel locale={locale} directory={directory.data} onOpen={select} />
        {!connected && (
          <span role="status" className={styles.warnPill}>
            {t.disconnected}
          </span>
        )}
        {isDeskStaff && (
          <label className={styles.presence}>
            <span className={`${styles.dot} ${styles[myStatus]}`} aria-hidden />
            <select
              aria-label="Presence"
              value={myStatus}
              data-testid="presence-select"
              onChange={(e) => {
                const status = e.target.value as PresenceStatus;
                setMyStatus(status);
                socket?.emit('presence:set', { status });
              }}
            >
              <option value="online">{t.online}</option>
              <option value="away">{t.away}</option>
            </select>
          </label>
        )}
        {isDeskStaff && <NotificationBell t={t} locale={locale} socket={socket} onOpen={(id) => select(id)} />}
        <div className={styles.menuWrap} ref={menuRef}>
          <button
            type="button"
            className={`${styles.secondary} ${styles.menuToggle}`}
            aria-expanded={menuOpen}
            aria-controls="desk-menu"
            aria-label={t.menu}
            title={t.menu}
            onClick={() => setMenuOpen((o) => !o)}
            data-testid="desk-menu-toggle"
          >
            ☰
          </button>
          <nav id="desk-menu" aria-label={t.menu} className={`${styles.topLinks} ${menuOpen ? styles.topLinksOpen : ''}`}>
            {(me.data.role === 'supervisor' || me.data.role === 'admin') && (
              <a href="/desk/supervisor" className={styles.linkButton}>
                {t.supervisor}
              </a>
            )}
            {me.data.role !== 'vendor' && (
              <a href="/desk/tickets" className={styles.linkButton} data-testid="tickets-link">
                {t.tickets}
              </a>
            )}
            {(me.data.role === 'admin' || me.data.role === 'supervisor') && (
              <a href={me.data.role === 'admin' ? '/admin' : '/admin#replies'} className={styles.linkButton} data-testid="admin-link">
                {t.admin}
              </a>
            )}
            {['supervisor', 'admin', 'executive'].includes(me.data.role) && (
              <a href="/dashboard" className={styles.linkButton} data-testid="dashboards-link">
                {t.dashboards}
              </a>
            )}
            {['vendor', 'supervisor', 'admin', 'executive'].includes(me.data.role) && (
              <a href="/vendor/scorecard" className={styles.linkButton} data-testid="scorecard-link">
                {t.scorecard}
              </a>
            )}
            <button type="button" className={styles.linkButton} onClick={changeLocale} data-testid="desk-lang-toggle">
              {locale === 'en' ? 'বাংলা' : 'English'}
            </button>
            <button type="button" className={styles.linkButton} onClick={() => setHelpOpen(true)} aria-label={t.shortcuts}>
              ? <span className={styles.menuOnly}>{t.shortcuts}</span>
            </button>
            <a href="/account" className={styles.me} title={`${me.data.email} · ${t.account}`} data-testid="account-link">
              {me.data.name}
            </a>
            <button type="button" className={styles.linkButton} onClick={() => signOut.mutate()}>
              {t.signOut}
            </button>
          </nav>
        </div>
      </header>
      <div className={styles.body} data-has-selection={selectedId ? 'true' : 'false'}>
        <ConversationList
          t={t}
          locale={locale}
          mode={isVendor ? 'vendor' : 'desk'}
          filter={filter}
          setFilter={setFilter}
          items={items}
          labels={directory.data?.labels ?? []}
          isLoading={list.isLoading}
          hasMore={!!list.hasNextPage}
          loadMore={() => void list.fetchNextPage()}
          selectedId={selectedId}
          onSelect={select}
        />
        {selectedId ? (
          <ConversationView
            key={selectedId}
            t={t}
            locale={locale}
            conversationId={selectedId}
            me={me.data}
            socket={socket}
            connected={connected}
            directory={directory.data}
            presence={presence}
            canWrite={canWrite}
            isDeskStaff={isDeskStaff}
            onClose={() => select(null)}
            onRead={(c) => patchList(c, 0)}
          />
        ) : (
          <section className={styles.empty}>{t.selectConversation}</section>
        )}
      </div>
      {helpOpen && <HelpOverlay t={t} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
