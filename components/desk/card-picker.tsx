'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { newClientId } from '@/lib/client-id';
import type { DeskDict, DeskLocale } from '@/lib/desk-i18n';
import { formatTaka } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './desk.module.css';

type Order = { id: string; orderNumber: string; status: string; totalBdt: number };

/**
 * Sends a product card (vendors: from their own catalogue; the platform: from the conversation's vendor's) or,
 * for platform staff, a card of one of the customer's orders. The server builds the card from the database.
 */
export function CardPicker({ t, locale, conversationId, orders }: { t: DeskDict; locale: DeskLocale; conversationId: string; orders: Order[] }) {
  const trpc = useTRPC();
  const details = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const catalogue = useQuery({ ...trpc.desk.catalogue.queryOptions({ conversationId, search }), enabled: open, staleTime: 30_000 });
  const send = useMutation(
    trpc.desk.sendCard.mutationOptions({
      onSuccess: () => {
        if (details.current) details.current.open = false;
        setOpen(false);
      },
    }),
  );
  return (
    <details className={styles.menu} ref={details} data-testid="card-picker" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>🛍 {t.productCard}</summary>
      <div className={`${styles.menuBody} ${styles.cardPicker}`}>
        <input type="search" aria-label={t.searchProducts} placeholder={t.searchProducts} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="card-search" dir="auto" />
        {catalogue.isFetching && !catalogue.data && <p className={styles.muted}>{t.loading}</p>}
        {catalogue.data?.length === 0 && <p className={styles.muted}>{t.noProducts}</p>}
        {catalogue.data?.map((p) => (
          <button
            key={p.id}
            type="button"
            disabled={send.isPending}
            data-testid="card-product"
            onClick={() => send.mutate({ conversationId, clientId: newClientId(), productId: p.id })}
          >
            <span dir="auto">{locale === 'bn' && p.nameBn ? p.nameBn : p.name}</span> <strong>{formatTaka(p.priceBdt, locale)}</strong>{' '}
            <span className={styles.muted}>{p.sku}</span>
          </button>
        ))}
        {orders.length > 0 && <strong className={styles.muted}>{t.orderCard}</strong>}
        {orders.map((o) => (
          <button key={o.id} type="button" disabled={send.isPending} data-testid="card-order" onClick={() => send.mutate({ conversationId, clientId: newClientId(), orderId: o.id })}>
            📦 {o.orderNumber} · {o.status} · {formatTaka(o.totalBdt, locale)}
          </button>
        ))}
        {send.error && (
          <p role="alert" className={styles.error}>
            {send.error.message}
          </p>
        )}
      </div>
    </details>
  );
}
