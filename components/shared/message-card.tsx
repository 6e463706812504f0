import type { MessageCard as Card } from '@/lib/contracts/chat';
import { formatDay, formatTaka } from '@/lib/format';
import s from './message-card.module.css';

type Locale = 'bn' | 'en';

const ORDER_STATUS: Record<string, { en: string; bn: string; tone: 'ok' | 'busy' | 'bad' }> = {
  processing: { en: 'Processing', bn: 'প্রক্রিয়াধীন', tone: 'busy' },
  shipped: { en: 'Shipped', bn: 'পাঠানো হয়েছে', tone: 'busy' },
  delivered: { en: 'Delivered', bn: 'পৌঁছে গেছে', tone: 'ok' },
  cancelled: { en: 'Cancelled', bn: 'বাতিল', tone: 'bad' },
  returned: { en: 'Returned', bn: 'ফেরত', tone: 'bad' },
};

const words = { order: { en: 'Order', bn: 'অর্ডার' }, more: { en: 'more', bn: 'আরও' }, soldBy: { en: 'Sold by', bn: 'বিক্রেতা' } };

/** A tile standing in for the product photo: the initials on a colour that is stable per SKU. */
function Tile({ title, seed }: { title: string; seed: string }) {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const initials = title
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0])
    .join('');
  return (
    <span className={s.tile} style={{ background: `hsl(${h % 360} 45% 38%)` }} aria-hidden="true">
      {initials}
    </span>
  );
}

/** A product or order card inside a message, the same in the widget, the desk and the vendor inbox. */
export function MessageCard({ card, locale }: { card: Card; locale: Locale }) {
  if (card.type === 'product') {
    const title = locale === 'bn' && card.titleBn ? card.titleBn : card.title;
    return (
      <div className={s.card} data-testid="message-card" data-card="product" data-sku={card.sku}>
        {card.imageUrl ? <img className={s.photo} src={card.imageUrl} alt="" width={56} height={56} loading="lazy" referrerPolicy="no-referrer" /> : <Tile title={card.title} seed={card.sku} />}
        <div className={s.body}>
          <strong className={s.title} dir="auto">
            {title}
          </strong>
          <span className={s.price}>{formatTaka(card.priceBdt, locale)}</span>
          <span className={s.muted}>
            {card.vendorName ? `${words.soldBy[locale]} ${card.vendorName} · ` : ''}
            {card.sku}
          </span>
        </div>
      </div>
    );
  }
  const st = ORDER_STATUS[card.status];
  const shown = card.items.slice(0, 3);
  return (
    <div className={s.card} data-testid="message-card" data-card="order" data-order={card.orderNumber}>
      <div className={s.body}>
        <strong className={s.title}>
          {words.order[locale]} {card.orderNumber}{' '}
          <span className={`${s.status} ${s[st?.tone ?? 'busy']}`} data-testid="order-status">
            {st ? st[locale] : card.status}
          </span>
        </strong>
        <ul className={s.items}>
          {shown.map((i, n) => (
            <li key={n} dir="auto">
              {i.qty} × {i.name} — {formatTaka(i.priceBdt, locale)}
            </li>
          ))}
          {card.items.length > shown.length && (
            <li className={s.muted}>
              +{card.items.length - shown.length} {words.more[locale]}
            </li>
          )}
        </ul>
        <span className={s.price}>{formatTaka(card.totalBdt, locale)}</span>
        <span className={s.muted}>
          {card.paymentMethod}
          {card.courier ? ` · ${card.courier}` : ''} · {formatDay(card.placedAt, locale)}
        </span>
      </div>
    </div>
  );
}
