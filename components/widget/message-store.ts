// Pure message bookkeeping of the widget: merging server messages, the outbox, receipt states.
// No React, no socket: unit-tested in message-store.test.ts.
import type { PublicMessageDto } from '@/lib/contracts/chat';

export type ServerMessage = PublicMessageDto;

/** A message typed by the customer and not yet acknowledged by the server. Persisted before it is emitted. */
export type OutboxItem = {
  clientId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good (too long, invalid): shown as failed with retry/delete. */
  error?: { code: string; message: string };
};

/** Per conversation: how far the agents have received / read the contact's messages. */
export type AgentReceipts = Record<string, { deliveredUpTo: number; readUpTo: number }>;

export type MessageState = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export type ViewMessage = {
  key: string;
  id: number | null;
  clientId: string;
  conversationId: string | null;
  sender: 'contact' | 'agent' | 'system';
  senderName: string | null;
  senderAvatarUrl: string | null;
  body: string;
  /** A product or order card (the body then holds its plain-text version). */
  card?: ServerMessage['card'];
  /** A shared file (the body then holds its name). */
  attachment?: ServerMessage['attachment'];
  /** Hidden by the platform: shown as a placeholder. */
  hidden?: boolean;
  /** The customer's own message had a card number, code or password masked before it was stored. */
  masked?: boolean;
  createdAt: string;
  /** Only for the customer's own messages. */
  state?: MessageState;
  error?: string;
};

export const MAX_MESSAGE_LENGTH = 4000; // mirrors lib/contracts/chat.ts (not imported: it pulls zod into the bundle)
export const CACHE_LIMIT = 200;

/** Merges `incoming` into `list` (sorted by id, unique by id). Returns the same array when nothing changed. */
export function mergeMessages(list: ServerMessage[], incoming: ServerMessage[]): ServerMessage[] {
  const fresh = incoming.filter((m) => m && typeof m.id === 'number' && m.kind !== 'note');
  if (fresh.length === 0) return list;
  const byId = new Map<number, ServerMessage>();
  for (const m of list) byId.set(m.id, m);
  let changed = false;
  for (const m of fresh) {
    const old = byId.get(m.id);
    if (!old || old.body !== m.body || old.senderName !== m.senderName || old.senderAvatarUrl !== m.senderAvatarUrl) {
      byId.set(m.id, m);
      changed = true;
    }
  }
  if (!changed) return list;
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Drops outbox entries the server has stored (matched by client id of the contact's own messages). */
export function reconcileOutbox(outbox: OutboxItem[], server: ServerMessage[]): OutboxItem[] {
  if (outbox.length === 0) return outbox;
  const stored = new Set(server.filter((m) => m.senderType === 'contact').map((m) => m.clientId));
  const left = outbox.filter((o) => !stored.has(o.clientId));
  return left.length === outbox.length ? outbox : left;
}

export function stateOf(m: ServerMessage, receipts: AgentReceipts): MessageState {
  const r = receipts[m.conversationId];
  if (r && m.id <= r.readUpTo) return 'read';
  if (r && m.id <= r.deliveredUpTo) return 'delivered';
  return 'sent';
}

/** Receipts only move forward (events can arrive out of order, or after a sync that already saw more). */
export function advanceReceipts(receipts: AgentReceipts, conversationId: string, deliveredUpTo: number, readUpTo: number): AgentReceipts {
  const old = receipts[conversationId] ?? { deliveredUpTo: 0, readUpTo: 0 };
  const next = { deliveredUpTo: Math.max(old.deliveredUpTo, deliveredUpTo, readUpTo), readUpTo: Math.max(old.readUpTo, readUpTo) };
  if (next.deliveredUpTo === old.deliveredUpTo && next.readUpTo === old.readUpTo && receipts[conversationId]) return receipts;
  return { ...receipts, [conversationId]: next };
}

/**
 * Server messages in id order, then what is still in the outbox, in the order it was typed. `prev` (the last
 * result) lets unchanged rows keep their object identity, so memoised bubbles do not re-render on slow phones.
 */
export function buildView(server: ServerMessage[], outbox: OutboxItem[], receipts: AgentReceipts, prev: ViewMessage[] = []): ViewMessage[] {
  const old = new Map(prev.map((v) => [v.key, v]));
  const reuse = (v: ViewMessage): ViewMessage => {
    const o = old.get(v.key);
    return o && o.id === v.id && o.state === v.state && o.body === v.body && o.hidden === v.hidden && o.masked === v.masked && o.error === v.error && o.senderName === v.senderName && o.senderAvatarUrl === v.senderAvatarUrl && o.createdAt === v.createdAt
      ? o
      : v;
  };
  const out: ViewMessage[] = server.map((m) =>
    reuse({
      key: m.clientId ? `c:${m.clientId}` : `s:${m.id}`,
      id: m.id,
      clientId: m.clientId,
      conversationId: m.conversationId,
      sender: m.senderType,
      senderName: m.senderName,
      senderAvatarUrl: m.senderAvatarUrl,
      body: m.body,
      card: m.card ?? null,
      attachment: m.attachment ?? null,
      hidden: !!m.hidden,
      masked: (m.masked?.length ?? 0) > 0,
      createdAt: m.createdAt,
      state: m.senderType === 'contact' ? stateOf(m, receipts) : undefined,
    }),
  );
  const seen = new Set(server.map((m) => m.clientId));
  for (const o of outbox) {
    if (seen.has(o.clientId)) continue;
    out.push(
      reuse({
        key: `c:${o.clientId}`,
        id: null,
        clientId: o.clientId,
        conversationId: null,
        sender: 'contact',
        senderName: null,
        senderAvatarUrl: null,
        body: o.body,
        createdAt: o.createdAt,
        state: o.error ? 'failed' : 'sending',
        error: o.error?.message,
      }),
    );
  }
  return out;
}

/** What the customer may send: NFC, trimmed (the server does the same), or null when empty / too long. */
export function normalizeBody(text: string): string | null {
  const body = text.normalize('NFC').trim();
  if (!body || body.length > MAX_MESSAGE_LENGTH) return null;
  return body;
}

/** A client message id: 22 url-safe characters (128 random bits). getRandomValues works on plain http too. */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Shop-provided context, reshaped to the server contract ({ price } -> { priceBdt }) and stripped of what it would reject. */
export type WidgetContext = { type: 'product' | 'order'; id: string; title?: string; url?: string; priceBdt?: number };

export function sanitizeContext(raw: unknown): WidgetContext | null {
  if (!raw || typeof raw !== 'object') return null;
  const c = raw as Record<string, unknown>;
  if (c.type !== 'product' && c.type !== 'order') return null;
  const id = typeof c.id === 'string' || typeof c.id === 'number' ? String(c.id).trim() : '';
  if (!id || id.length > 100) return null;
  const out: WidgetContext = { type: c.type, id };
  if (typeof c.title === 'string' && c.title.trim()) out.title = c.title.trim().slice(0, 300);
  if (typeof c.url === 'string' && c.url.length <= 1000) {
    try {
      const u = new URL(c.url);
      if (u.protocol === 'https:' || u.protocol === 'http:') out.url = u.href;
    } catch {
      /* not a URL: leave it out rather than have the server refuse the whole context */
    }
  }
  const price = typeof c.priceBdt === 'number' ? c.priceBdt : typeof c.price === 'number' ? c.price : typeof c.price === 'string' ? Number(c.price) : NaN;
  if (Number.isFinite(price) && price >= 0 && price <= 100_000_000) out.priceBdt = price;
  return out;
}

export type Customer = { id: string; hash?: string; name?: string; email?: string; phone?: string };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_RE = /^\+?[0-9 ()-]{6,20}$/; // the server's pre-chat rule

export function isEmail(s: string) {
  return s.length <= 200 && EMAIL_RE.test(s);
}

/** The shop's customer, trimmed to what widget.session accepts (one bad field would refuse the whole session). */
export function sanitizeCustomer(raw: unknown): Customer | null {
  if (!raw || typeof raw !== 'object') return null;
  const c = raw as Record<string, unknown>;
  const id = typeof c.id === 'string' || typeof c.id === 'number' ? String(c.id).trim() : '';
  if (!id || id.length > 200) return null;
  const out: Customer = { id };
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.trim().length <= max ? v.trim() : undefined);
  const hash = str(c.hash, 200);
  const name = typeof c.name === 'string' && c.name.trim() ? c.name.trim().slice(0, 120) : undefined;
  const email = str(c.email, 200);
  const phone = str(c.phone, 30);
  if (hash) out.hash = hash;
  if (name) out.name = name;
  if (email && isEmail(email)) out.email = email;
  if (phone) out.phone = phone;
  return out;
}
