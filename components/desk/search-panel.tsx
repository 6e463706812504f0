'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useId, useRef, useState } from 'react';
import { conversationStatuses, type ConversationStatus } from '@/lib/contracts/chat';
import { SEARCH_MAX_QUERY, type SearchHit, type SearchKind, searchKinds, type SearchSnippet } from '@/lib/contracts/search';
import type { DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { searchDictionaries } from '@/lib/search-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './search-panel.module.css';
import type { Directory } from './types';
import { useOutsideDismiss } from './use-outside-dismiss';

type Filters = { kind: SearchKind; status: ConversationStatus | ''; teamId: string; assigneeId: string; from: string; to: string };
const noFilters: Filters = { kind: 'all', status: '', teamId: '', assigneeId: '', from: '', to: '' };
const groups = ['customer', 'conversation', 'message'] as const;

/** The matched text with its matches marked; plain text nodes only (the server sends ranges, not HTML). */
function Snippet({ snippet }: { snippet: SearchSnippet }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    if (s < at || e > snippet.text.length) continue;
    if (s > at) parts.push(snippet.text.slice(at, s));
    parts.push(<mark key={s}>{snippet.text.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(snippet.text.slice(at));
  return <span className={styles.snippet}>{parts}</span>;
}

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The desk's search: a box in the top bar (/ or Ctrl+K), results under it grouped by kind with the matched text
 * highlighted, filters, and a click opens the conversation.
 */
export function SearchPanel({ locale, directory, onOpen }: { locale: DeskLocale; directory?: Directory; onOpen: (conversationId: string) => void }) {
  const s = searchDictionaries[locale];
  const trpc = useTRPC();
  const inputRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const panelId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [top, setTop] = useState(56);
  const q = useDebounced(text.trim(), 250);

  // "/" (outside text fields: in the reply box it opens canned responses) and Ctrl/Cmd+K focus the search.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement).closest('input, textarea, select, [contenteditable="true"]');
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      if (ctrlK || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Clicks outside the box and the results close them.
  const close = useCallback(() => setOpen(false), []);
  useOutsideDismiss(formRef, open, close);

  const input = {
    q,
    kind: filters.kind,
    limit: 20,
    filters: {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.teamId ? { teamId: filters.teamId } : {}),
      ...(filters.assigneeId ? { assigneeId: filters.assigneeId } : {}),
      ...(filters.from ? { from: new Date(`${filters.from}T00:00:00`) } : {}),
      ...(filters.to ? { to: new Date(`${filters.to}T23:59:59.999`) } : {}),
    },
  };
  const results = useQuery({ ...trpc.search.find.queryOptions(input), enabled: open && q.length > 0, placeholderData: keepPreviousData, retry: false });
  const searching = open && q.length > 0 && (results.isFetching || text.trim() !== q);
  const items = results.data?.items ?? [];

  const show = () => {
    const r = formRef.current?.getBoundingClientRect();
    if (r) setTop(Math.round(r.bottom + 6));
    setOpen(true);
  };
  const choose = (h: SearchHit) => {
    setOpen(false);
    inputRef.current?.blur();
    onOpen(h.conversationId);
  };
  const setFilter = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  return (
    <form
      ref={formRef}
      role="search"
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        const first = items[0];
        if (first && !searching) choose(first);
      }}
    >
      <input
        ref={inputRef}
        type="search"
        className={styles.input}
        value={text}
        maxLength={SEARCH_MAX_QUERY}
        placeholder={s.placeholder}
        aria-label={s.label}
        title={s.shortcutHint}
        aria-expanded={open && q.length > 0}
        aria-controls={panelId}
        data-testid="desk-search-input"
        onChange={(e) => {
          setText(e.target.value);
          show();
        }}
        onFocus={show}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
          if (e.key === 'ArrowDown' && open) {
            e.preventDefault();
            document.getElementById(panelId)?.querySelector<HTMLButtonElement>('button[data-result]')?.focus();
          }
        }}
      />
      {open && q.length > 0 && (
        <div
          id={panelId}
          className={styles.panel}
          style={{ top }}
          data-testid="desk-search-panel"
          aria-busy={searching}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              inputRef.current?.focus();
            }
          }}
        >
          <fieldset className={styles.filters} aria-label={s.filters}>
            <select aria-label={s.kind} value={filters.kind} onChange={(e) => setFilter('kind', e.target.value as SearchKind)} data-testid="desk-search-kind">
              {searchKinds.map((k) => (
                <option key={k} value={k}>
                  {s[`kind_${k}`]}
                </option>
              ))}
            </select>
            <select aria-label={s.anyStatus} value={filters.status} onChange={(e) => setFilter('status', e.target.value as Filters['status'])} data-testid="desk-search-status">
              <option value="">{s.anyStatus}</option>
              {conversationStatuses.map((st) => (
                <option key={st} value={st}>
                  {s[`status_${st}`]}
                </option>
              ))}
            </select>
            {!!directory?.teams.length && (
              <select aria-label={s.anyTeam} value={filters.teamId} onChange={(e) => setFilter('teamId', e.target.value)}>
                <option value="">{s.anyTeam}</option>
                {directory.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
            {!!directory?.agents.length && (
              <select aria-label={s.anyAssignee} value={filters.assigneeId} onChange={(e) => setFilter('assigneeId', e.target.value)}>
                <option value="">{s.anyAssignee}</option>
                {directory.agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
            <label>
              {s.from} <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => setFilter('from', e.target.value)} />
            </label>
            <label>
              {s.to} <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => setFilter('to', e.target.value)} />
            </label>
          </fieldset>
          <div role="status" className={styles.status} data-testid="desk-search-status-line">
            {searching ? (
              <>
                <span className={styles.spinner} aria-hidden /> {s.searching}
              </>
            ) : results.isError ? (
              <span className={styles.error}>{s.error}</span>
            ) : results.data ? (
              items.length ? s.results(items.length) : s.noResults
            ) : null}
          </div>
          <div className={styles.results} data-stale={searching ? 'true' : 'false'}>
            {groups.map((g) => {
              const hits = items.filter((h) => h.kind === g);
              if (!hits.length) return null;
              return (
                <Fragment key={g}>
                  <h3 className={styles.group}>{s[`group_${g}`]}</h3>
                  <ul>
                    {hits.map((h) => (
                      <li key={`${h.kind}-${h.messageId ?? h.conversationId}-${h.contactId}`}>
                        <button type="button" data-result className={styles.result} data-testid="desk-search-result" onClick={() => choose(h)}>
                          <span className={styles.resultHead}>
                            <strong>{h.contactName ?? s.unnamed}</strong>
                            {h.isNote && <span className={styles.noteBadge}>{s.note}</span>}
                            {h.senderType && !h.isNote && <span className={styles.muted}>{h.senderType === 'contact' ? s.fromCustomer : s.fromStaff}</span>}
                            <span className={styles.muted}>{s[`status_${h.conversationStatus}`]}</span>
                            <time className={styles.time} dateTime={h.at}>
                              {formatDay(h.at, locale)} {formatTime(h.at, locale)}
                            </time>
                          </span>
                          <Snippet snippet={h.snippet} />
                          {h.kind === 'customer' && (h.email || h.phone) && <span className={styles.muted}>{[h.email, h.phone].filter(Boolean).join(' · ')}</span>}
                        </button>
                      </li>
                    ))}
                  </ul>
                </Fragment>
              );
            })}
          </div>
          <button type="button" className={styles.close} onClick={() => setOpen(false)}>
            {s.close}
          </button>
        </div>
      )}
    </form>
  );
}
