'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ticketPriorities } from '@/lib/contracts/tickets';
import type { DeskDict } from '@/lib/desk-i18n';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

type Order = { id: string; orderNumber: string; status: string };

/** The conversation's ticket (a link to it), or a form that makes the chat a ticket. */
export function TicketButton({ t, conversationId, defaultSubject, orders }: { t: DeskDict; conversationId: string; defaultSubject: string; orders: Order[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const details = useRef<HTMLDetailsElement>(null);
  const options = trpc.tickets.forConversation.queryOptions({ conversationId });
  const ticket = useQuery({ ...options, retry: false });
  const [subject, setSubject] = useState(defaultSubject.slice(0, 200));
  const [priority, setPriority] = useState<(typeof ticketPriorities)[number]>('normal');
  const [due, setDue] = useState('');
  const [orderId, setOrderId] = useState('');
  // The form is only in the page while open (its fields would otherwise answer to the header's labels).
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.tickets.create.mutationOptions({
      onSuccess: (tk) => {
        qc.setQueryData(options.queryKey, tk);
        if (details.current) details.current.open = false;
      },
    }),
  );
  const d = t as unknown as Record<string, string>;
  if (ticket.data) {
    return (
      <a className={styles.secondary} href={`/desk/tickets?t=${ticket.data.id}`} data-testid="ticket-link">
        🎫 #{ticket.data.number} · {d[`ticket_${ticket.data.status}`] ?? ticket.data.status}
      </a>
    );
  }
  if (ticket.isPending || ticket.error) return null;
  return (
    <details className={styles.menu} ref={details} data-testid="ticket-create" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>🎫 {t.createTicket}</summary>
      {open && (
      <form
        className={`${styles.menuBody} ${styles.transferForm}`}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ conversationId, subject, priority, dueAt: due ? new Date(due) : null, orderId: orderId || null });
        }}
      >
        <label>
          {t.ticketSubject}
          <input value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} dir="auto" data-testid="ticket-subject" />
        </label>
        <label>
          {t.priority}{' '}
          <select value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
            {ticketPriorities.map((p) => (
              <option key={p} value={p}>
                {d[`tp_${p}`]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.dueDate} <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        {orders.length > 0 && (
          <label>
            {t.linkedOrder}{' '}
            <select value={orderId} onChange={(e) => setOrderId(e.target.value)}>
              <option value="">—</option>
              {orders.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.orderNumber} · {o.status}
                </option>
              ))}
            </select>
          </label>
        )}
        {create.error && (
          <p role="alert" className={styles.error}>
            {create.error.message}
          </p>
        )}
        <button type="submit" className={styles.primary} disabled={create.isPending} data-testid="ticket-submit">
          {t.createTicket}
        </button>
      </form>
      )}
    </details>
  );
}
