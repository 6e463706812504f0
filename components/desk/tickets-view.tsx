'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { type TicketDto, ticketPriorities, ticketStatuses } from '@/lib/contracts/tickets';
import { type DeskDict, deskDictionaries, type DeskLocale } from '@/lib/desk-i18n';
import { formatDay, formatTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';
import { useDeskLocale } from './use-desk-locale';

const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** The ticket queue: filters, the list (overdue first by due date) and the selected ticket's editor. */
export function TicketsView() {
  const trpc = useTRPC();
  const params = useSearchParams();
  const [locale] = useDeskLocale();
  const t = deskDictionaries[locale];
  const d = t as unknown as Record<string, string>;
  const [status, setStatus] = useState<'active' | (typeof ticketStatuses)[number] | 'merged'>('active');
  const [assignee, setAssignee] = useState<'' | 'me' | 'unassigned'>('');
  const [overdue, setOverdue] = useState(false);
  const [selected, setSelected] = useState<string | null>(params.get('t'));
  const list = useQuery(trpc.tickets.list.queryOptions({ status, assignee: assignee || undefined, overdue: overdue || undefined }));
  const directory = useQuery(trpc.desk.directory.queryOptions());
  return (
    <main className={styles.page} lang={locale}>
      <p>
        <a href="/desk" className={styles.linkButton}>
          ← Desk
        </a>
      </p>
      <h1>{t.tickets}</h1>
      <p className={styles.muted}>{t.ticketsHint}</p>
      <div className={styles.row}>
        <select aria-label={t.status} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="ticket-filter-status">
          <option value="active">{t.activeTickets}</option>
          {[...ticketStatuses, 'merged'].map((s) => (
            <option key={s} value={s}>
              {d[`ticket_${s}`]}
            </option>
          ))}
        </select>
        <select aria-label={t.assignee} value={assignee} onChange={(e) => setAssignee(e.target.value as typeof assignee)}>
          <option value="">{t.anyone}</option>
          <option value="me">{t.mine}</option>
          <option value="unassigned">{t.unassigned}</option>
        </select>
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t.overdueOnly}
        </label>
      </div>
      {list.isPending && <p className={styles.muted}>{t.loading}</p>}
      {list.error && (
        <p role="alert" className={styles.error}>
          {list.error.message}
        </p>
      )}
      {list.data?.length === 0 && <p className={styles.muted}>{t.noTickets}</p>}
      {list.data && list.data.length > 0 && (
        <div className={styles.tableScroll}>
          <table className={styles.table} data-testid="ticket-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t.ticketSubject}</th>
                <th>{t.customer}</th>
                <th>{t.status}</th>
                <th>{t.priority}</th>
                <th>{t.dueDate}</th>
                <th>{t.assignee}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((tk) => (
                <tr key={tk.id} data-testid="ticket-row" aria-selected={selected === tk.id} className={selected === tk.id ? styles.rowSelected : undefined}>
                  <td>
                    <button type="button" className={styles.linkButton} onClick={() => setSelected(tk.id)}>
                      #{tk.number}
                    </button>
                  </td>
                  <td dir="auto">{tk.subject}</td>
                  <td dir="auto">{tk.contactName ?? '—'}</td>
                  <td>{d[`ticket_${tk.status}`]}</td>
                  <td>{d[`tp_${tk.priority}`]}</td>
                  <td className={tk.overdue ? styles.error : undefined}>
                    {tk.dueAt ? `${formatDay(tk.dueAt, locale)} ${formatTime(tk.dueAt, locale)}` : '—'}
                    {tk.overdue ? ` · ${t.overdue}` : ''}
                  </td>
                  <td>{tk.assigneeName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <TicketEditor key={selected} t={t} locale={locale} id={selected} agents={directory.data?.agents ?? []} />}
    </main>
  );
}

function TicketEditor({ t, locale, id, agents }: { t: DeskDict; locale: DeskLocale; id: string; agents: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const d = t as unknown as Record<string, string>;
  const ticket = useQuery(trpc.tickets.get.queryOptions({ id }));
  const refresh = (tk: TicketDto) => {
    qc.setQueryData(trpc.tickets.get.queryKey({ id: tk.id }), tk);
    void qc.invalidateQueries({ queryKey: trpc.tickets.list.queryKey() });
  };
  const update = useMutation(trpc.tickets.update.mutationOptions({ onSuccess: refresh }));
  const merge = useMutation(trpc.tickets.merge.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.tickets.pathKey() }) }));
  const remind = useMutation(trpc.tickets.setReminder.mutationOptions({ onSuccess: refresh }));
  const [mergeNo, setMergeNo] = useState('');
  const [remindAt, setRemindAt] = useState('');
  const [note, setNote] = useState('');
  const error = update.error ?? merge.error ?? remind.error ?? ticket.error;
  const tk = ticket.data;
  if (!tk) return error ? <p role="alert" className={styles.error}>{error.message}</p> : <p className={styles.muted}>{t.loading}</p>;
  const frozen = tk.status === 'merged';
  return (
    <section className={styles.ruleEditor} aria-label={`#${tk.number}`} data-testid="ticket-editor">
      <h2 dir="auto">
        #{tk.number} · {tk.subject}
      </h2>
      <p className={styles.muted}>
        {d[`source_${tk.source}`] ?? tk.source} · {formatDay(tk.createdAt, locale)} {formatTime(tk.createdAt, locale)}
        {tk.conversationId && (
          <>
            {' · '}
            <a href={`/desk?c=${tk.conversationId}`}>{t.openConversation}</a>
          </>
        )}
        {tk.mergedIntoNumber && ` · ${t.mergedInto} #${tk.mergedIntoNumber}`}
        {tk.orderNumber && ` · ${t.linkedOrder} ${tk.orderNumber}`}
      </p>
      <div className={styles.row}>
        <label className={styles.field}>
          {t.status}
          <select value={frozen ? 'merged' : tk.status} disabled={frozen} onChange={(e) => update.mutate({ id, status: e.target.value as (typeof ticketStatuses)[number] })} data-testid="ticket-status">
            {frozen && <option value="merged">{t.ticket_merged}</option>}
            {ticketStatuses.map((s) => (
              <option key={s} value={s}>
                {d[`ticket_${s}`]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {t.priority}
          <select value={tk.priority} disabled={frozen} onChange={(e) => update.mutate({ id, priority: e.target.value as (typeof ticketPriorities)[number] })}>
            {ticketPriorities.map((p) => (
              <option key={p} value={p}>
                {d[`tp_${p}`]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {t.assignee}
          <select value={tk.assigneeId ?? ''} disabled={frozen} onChange={(e) => update.mutate({ id, assigneeId: e.target.value || null })}>
            <option value="">{t.unassignedOption}</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {t.dueDate}
          <input type="datetime-local" disabled={frozen} defaultValue={toLocalInput(tk.dueAt)} onBlur={(e) => update.mutate({ id, dueAt: e.target.value ? new Date(e.target.value) : null })} />
        </label>
      </div>
      {!frozen && (
        <>
          <form
            className={styles.row}
            onSubmit={(e) => {
              e.preventDefault();
              if (remindAt) remind.mutate({ id, remindAt: new Date(remindAt), note });
            }}
          >
            <label className={styles.field}>
              {t.reminder}
              <input type="datetime-local" value={remindAt || toLocalInput(tk.remindAt)} onChange={(e) => setRemindAt(e.target.value)} />
            </label>
            <label className={styles.field}>
              {t.reminderNote}
              <input value={note || tk.reminderNote || ''} onChange={(e) => setNote(e.target.value)} maxLength={300} dir="auto" />
            </label>
            <button type="submit" className={styles.secondary}>
              {t.setReminder}
            </button>
            {tk.remindAt && (
              <button type="button" className={styles.linkButton} onClick={() => remind.mutate({ id, remindAt: null })}>
                {t.clearReminder}
              </button>
            )}
          </form>
          <form
            className={styles.row}
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(mergeNo);
              if (Number.isInteger(n) && n > 0) merge.mutate({ id, intoNumber: n });
            }}
          >
            <label className={styles.field}>
              {t.mergeInto}
              <input inputMode="numeric" value={mergeNo} onChange={(e) => setMergeNo(e.target.value.replace(/\D/g, ''))} data-testid="ticket-merge-number" />
            </label>
            <button type="submit" className={styles.secondary}>
              {t.merge}
            </button>
          </form>
        </>
      )}
      {error && (
        <p role="alert" className={styles.error}>
          {error.message}
        </p>
      )}
    </section>
  );
}
