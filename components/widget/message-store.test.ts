import { describe, expect, it } from 'vitest';
import { formatDay, formatNumber, formatTaka, formatTime, toAsciiDigits } from '@/lib/format';
import { fill } from '@/lib/widget-i18n';
import {
  advanceReceipts,
  buildView,
  mergeMessages,
  newClientId,
  normalizeBody,
  reconcileOutbox,
  sanitizeContext,
  sanitizeCustomer,
  type ServerMessage,
} from './message-store';

const conv = '7b0c2f8e-1d7a-4d5e-9a51-2c1f0e6d9b11';
const msg = (id: number, over: Partial<ServerMessage> = {}): ServerMessage => ({
  id,
  conversationId: conv,
  senderType: 'contact',
  senderName: null,
  senderAvatarUrl: null,
  kind: 'text',
  body: `m${id}`,
  clientId: `client-${id}`,
  createdAt: new Date(2026, 10, 25, 10, id).toISOString(),
  ...over,
});

describe('mergeMessages', () => {
  it('sorts by id and keeps each id once however often it arrives', () => {
    const a = mergeMessages([], [msg(3), msg(1)]);
    const b = mergeMessages(a, [msg(2), msg(3), msg(1)]);
    expect(b.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing is new (memoised rendering depends on it)', () => {
    const a = mergeMessages([], [msg(1), msg(2)]);
    expect(mergeMessages(a, [msg(2)])).toBe(a);
    expect(mergeMessages(a, [])).toBe(a);
  });

  it('never shows internal notes', () => {
    expect(mergeMessages([], [msg(1, { kind: 'note', senderType: 'agent' })])).toEqual([]);
  });
});

describe('outbox and receipt states', () => {
  it('a stored client id leaves the outbox; agent messages with the same id do not', () => {
    const outbox = [
      { clientId: 'client-1', body: 'a', createdAt: '2026-11-25T10:00:00Z' },
      { clientId: 'client-9', body: 'b', createdAt: '2026-11-25T10:00:01Z' },
    ];
    expect(reconcileOutbox(outbox, [msg(1)]).map((o) => o.clientId)).toEqual(['client-9']);
    expect(reconcileOutbox(outbox, [msg(2, { senderType: 'agent', clientId: 'client-9' })])).toBe(outbox);
  });

  it('shows sending → sent → delivered → read, and failed for refused messages', () => {
    let receipts = {};
    const server = [msg(1), msg(2), msg(3), msg(4, { senderType: 'agent' })];
    const outbox = [
      { clientId: 'x1', body: 'queued', createdAt: '2026-11-25T11:00:00Z' },
      { clientId: 'x2', body: 'bad', createdAt: '2026-11-25T11:00:01Z', error: { code: 'BAD_REQUEST', message: 'Message is empty' } },
    ];
    receipts = advanceReceipts(receipts, conv, 2, 1);
    const view = buildView(server, outbox, receipts);
    expect(view.map((v) => [v.sender, v.state ?? null])).toEqual([
      ['contact', 'read'],
      ['contact', 'delivered'],
      ['contact', 'sent'],
      ['agent', null],
      ['contact', 'sending'],
      ['contact', 'failed'],
    ]);
    expect(view[5]!.error).toBe('Message is empty');
  });

  it('receipts only move forward, and read implies delivered', () => {
    let r = advanceReceipts({}, conv, 5, 3);
    r = advanceReceipts(r, conv, 4, 2);
    expect(r[conv]).toEqual({ deliveredUpTo: 5, readUpTo: 3 });
    expect(advanceReceipts(r, conv, 5, 3)).toBe(r);
    expect(advanceReceipts({}, conv, 0, 7)[conv]).toEqual({ deliveredUpTo: 7, readUpTo: 7 });
  });

  it('keeps row identity for unchanged rows and keys a message the same before and after the server stores it', () => {
    const outbox = [{ clientId: 'client-5', body: 'm5', createdAt: '2026-11-25T11:00:00Z' }];
    const before = buildView([msg(1)], outbox, {});
    const after = buildView([msg(1), msg(5)], [], {}, before);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.key).toBe(before[1]!.key);
    expect(after[1]!.state).toBe('sent');
  });
});

describe('input rules', () => {
  it('client ids match the server rule', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newClientId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('trims, normalises and enforces 1..4000 characters', () => {
    expect(normalizeBody('   \n ')).toBeNull();
    expect(normalizeBody('  আমার অর্ডারটা কোথায়?\n')).toBe('আমার অর্ডারটা কোথায়?');
    expect(normalizeBody('a'.repeat(4000))).toHaveLength(4000);
    expect(normalizeBody('a'.repeat(4001))).toBeNull();
  });

  it('maps the shop context to the server contract and drops what it would refuse', () => {
    expect(sanitizeContext({ type: 'product', id: 'SKU-1001', title: 'Jamdani', url: 'https://shop.test/p/1', price: 1850 })).toEqual({
      type: 'product',
      id: 'SKU-1001',
      title: 'Jamdani',
      url: 'https://shop.test/p/1',
      priceBdt: 1850,
    });
    expect(sanitizeContext({ type: 'order', id: 42, url: 'javascript:alert(1)', price: -1 })).toEqual({ type: 'order', id: '42' });
    expect(sanitizeContext({ type: 'cart', id: 'x' })).toBeNull();
    expect(sanitizeContext(null)).toBeNull();
  });

  it('keeps a customer id but drops a malformed email instead of failing the session', () => {
    expect(sanitizeCustomer({ id: 'cust-1', email: 'not-an-email', name: ' Rina ' })).toEqual({ id: 'cust-1', name: 'Rina' });
    expect(sanitizeCustomer({ name: 'no id' })).toBeNull();
  });
});

describe('formatting (lib/format)', () => {
  it('writes Bengali digits for bn and lakh grouping for Taka', () => {
    expect(formatNumber(3, 'bn')).toBe('৩');
    expect(formatTaka(1850, 'bn')).toBe('৳১,৮৫০');
    expect(formatTaka(1850, 'en')).toBe('৳1,850');
    expect(formatTaka(100000, 'en')).toBe('৳1,00,000');
    expect(fill('You are #{n} in line', { n: formatNumber(2, 'en') })).toBe('You are #2 in line');
  });

  it('labels today and yesterday in both languages', () => {
    const now = new Date(2026, 10, 25, 15, 0);
    expect(formatDay(new Date(2026, 10, 25, 9, 0), 'en', now)).toBe('Today');
    expect(formatDay(new Date(2026, 10, 25, 9, 0), 'bn', now)).toBe('আজ');
    expect(formatDay(new Date(2026, 10, 24, 9, 0), 'bn', now)).toBe('গতকাল');
    expect(formatTime(new Date(2026, 10, 25, 14, 5), 'en')).toBe('14:05');
    expect(formatTime(new Date(2026, 10, 25, 14, 5), 'bn')).toMatch(/২:০৫/);
  });

  it('reads phone numbers typed with Bengali digits', () => {
    expect(toAsciiDigits('০১৭১১-২২৩৩৪৪')).toBe('01711-223344');
  });
});
