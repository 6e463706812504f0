import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setContactDetails } from '@/db/seed/factories';
import { contacts } from '@/db/schema';
import type { SearchHit } from '@/lib/contracts/search';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let shop: Shop;
let other: Shop;

// Conversations of `shop`, each with what its customer and staff wrote.
let bengali: string;
let banglish: string;
let english: string;
let saree: string; // about vendor A's product
let phone: string; // about vendor B's product
let ferotjog: string; // "ferot" only as part of a longer word

async function converse(s: Shop, lines: string[], opts: { sku?: string; contact?: Partial<typeof contacts.$inferInsert>; note?: string } = {}) {
  const { visitor, conversation } = await newConversation(t.app, s.widget.key, opts.sku);
  if (opts.contact) await setContactDetails(t.app.db, visitor.actor.contactId, opts.contact);
  for (const body of lines) await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body });
  if (opts.note) await t.app.chat.sendMessage(s.agent.actor, { conversationId: conversation.id, clientId: cid(), body: opts.note, isNote: true });
  return conversation.id;
}

const find = async (s: { cookie: string }, input: { q: string; kind?: 'all' | 'messages' | 'customers' | 'conversations'; filters?: Record<string, unknown> }) =>
  (await (await callerFor(t.app, s.cookie)).search.find({ limit: 20, ...input } as never)).items as SearchHit[];
const conversationsOf = (hits: SearchHit[]) => new Set(hits.map((h) => h.conversationId));
const highlighted = (h: SearchHit) => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b));

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  other = await seedShop(t.app);
  bengali = await converse(shop, ['আমার পার্সেল এখনো আসেনি', 'টাকা ফেরত চাই, অর্ডার বাতিল করুন'], {
    contact: { name: 'সাকিব হাসান', email: 'sakib.hasan@example.com', phone: '+8801613908452' },
  });
  banglish = await converse(shop, ['bhai amar product ta vanga ase', 'ami taka ferot chai kalke'], {
    contact: { name: 'Tanvir Ahmed', email: 'tanvir.ahmed92@example.com', phone: '+8801712345678' },
    note: 'Courier confirmed the box was crushed',
  });
  english = await converse(shop, ['Hello, I want a refund for my earbuds order'], {
    contact: { name: 'Farhana Akter', email: 'farhana.akter@example.com', phone: '+8801556782341' },
  });
  saree = await converse(shop, ['Is the jamdani saree available in red? ferot policy ki?'], {
    sku: shop.skuA,
    contact: { name: 'Shirin Sultana', email: 'shirin@example.com', phone: '+8801811112222' },
  });
  phone = await converse(shop, ['phone er screen e dag, ferot dite chai'], {
    sku: shop.skuB,
    contact: { name: 'Rafi Islam', email: 'rafi@example.com', phone: '+8801999887766' },
  });
  ferotjog = await converse(shop, ['ferotjog na, shudhu exchange']);
  // Another workspace with the same words, customer names and phone numbers.
  await converse(other, ['টাকা ফেরত চাই', 'ami taka ferot chai', 'I want a refund'], {
    contact: { name: 'Tanvir Ahmed', email: 'tanvir.other@example.com', phone: '+8801712345678' },
  });
});
afterAll(() => t?.close());

// Messages are searched in two places: the queue, until the indexer has taken them (server/search/indexer.ts),
// then message_search. The same searches must give the same answers in both states.
describe.each(['while queued for the indexer', 'once indexed'])('messages %s', (state) => {
  beforeAll(async () => {
    if (state === 'once indexed') await t.app.searchIndexer.drain();
    // This shop's searchable messages (other test files may share the database): all in one place or the other.
    const result = await t.app.db.execute(sql`
      select count(q.message_id)::int as queued, count(s.message_id)::int as indexed, count(*)::int as total
      from messages m join conversations c on c.id = m.conversation_id
      left join message_search_queue q on q.message_id = m.id left join message_search s on s.message_id = m.id
      where c.workspace_id = ${shop.ws.id} and m.kind <> 'event'`);
    const where = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)[0] as { queued: number; indexed: number; total: number } | undefined;
    expect(where!.total).toBeGreaterThan(0);
    expect([where!.queued, where!.indexed]).toEqual(state === 'once indexed' ? [0, where!.total] : [where!.total, 0]);
  });

  describe('matching messages', () => {
    it('finds a Bengali word and highlights it in the snippet', async () => {
      const hits = await find(shop.agent, { q: 'ফেরত', kind: 'messages' });
      const hit = hits.find((h) => h.conversationId === bengali);
      expect(hit?.snippet.text).toContain('টাকা ফেরত চাই');
      expect(highlighted(hit!)).toEqual(['ফেরত']);
      expect(hit?.contactName).toBe('সাকিব হাসান');
      expect(hit?.kind).toBe('message');
      expect(hit?.senderType).toBe('contact');
    });

    it('finds part of a Bengali word', async () => {
      const hits = await find(shop.agent, { q: 'পার্সে', kind: 'messages' });
      expect(hits.map((h) => h.conversationId)).toEqual([bengali]);
      expect(highlighted(hits[0]!)).toEqual(['পার্সে']);
    });

    it('finds a Banglish word and its other spellings', async () => {
      const exact = conversationsOf(await find(shop.agent, { q: 'ferot', kind: 'messages' }));
      expect(exact).toEqual(new Set([banglish, saree, phone, ferotjog]));
      // "ferat" is written nowhere: the trigram match finds "ferot".
      const variant = await find(shop.agent, { q: 'ferat', kind: 'messages' });
      expect(conversationsOf(variant)).toEqual(new Set([banglish, saree, phone, ferotjog]));
      expect(highlighted(variant.find((h) => h.conversationId === banglish)!)).toEqual(['ferot']);
    });

    it('finds an English word, case-insensitively, and part of one', async () => {
      const word = await find(shop.agent, { q: 'REFUND', kind: 'messages' });
      expect(word.map((h) => h.conversationId)).toEqual([english]);
      expect(highlighted(word[0]!)).toEqual(['refund']);
      const part = await find(shop.agent, { q: 'earbu', kind: 'messages' });
      expect(part.map((h) => h.conversationId)).toEqual([english]);
    });

    it('ranks a whole-word match above a fuzzy one', async () => {
      const hits = await find(shop.agent, { q: 'ferot', kind: 'messages' });
      // All three "ferot" messages (whole word) come before "ferotjog" (a substring).
      expect(hits.slice(0, 3).every((h) => [banglish, saree, phone].includes(h.conversationId))).toBe(true);
      expect(hits[0]!.score).toBeGreaterThan(hits[hits.length - 1]!.score);
    });

    it('finds private notes for staff, marked as notes', async () => {
      const hits = await find(shop.agent, { q: 'crushed', kind: 'messages' });
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ conversationId: banglish, isNote: true, senderType: 'agent' });
    });

    it('ignores LIKE wildcards typed in the search', async () => {
      expect(await find(shop.agent, { q: '%%%', kind: 'messages' })).toEqual([]);
      expect(await find(shop.agent, { q: '___', kind: 'messages' })).toEqual([]);
    });
  });

  describe('who sees what', () => {
    it('never returns another workspace’s messages, customers or conversations', async () => {
      const ours = new Set([bengali, banglish, english, saree, phone, ferotjog]);
      for (const q of ['ferot', 'ফেরত', 'refund', 'Tanvir', '01712345678', 'tanvir.other']) {
        for (const h of await find(shop.supervisor, { q })) expect(ours.has(h.conversationId) || h.contactName === null).toBe(true);
      }
      // Their customer's email is not found here (our own Tanvir may be, by name).
      for (const h of await find(shop.supervisor, { q: 'tanvir.other', kind: 'customers' })) expect(h.email).not.toBe('tanvir.other@example.com');
      expect(await find(shop.supervisor, { q: 'tanvir.other@example.com', kind: 'customers' })).toEqual([]);
      // And the other way round.
      const theirs = await find(other.admin, { q: 'ferot' });
      expect(theirs.length).toBeGreaterThan(0);
      for (const h of theirs) expect(ours.has(h.conversationId)).toBe(false);
    });

    it('vendor staff find only their vendor’s conversations, without email or phone', async () => {
      const a = await find(shop.vendorStaffA, { q: 'ferot' });
      expect(conversationsOf(a)).toEqual(new Set([saree]));
      const b = await find(shop.vendorStaffB, { q: 'ferot' });
      expect(conversationsOf(b)).toEqual(new Set([phone]));
      const customer = await find(shop.vendorStaffA, { q: 'Shirin', kind: 'customers' });
      expect(customer).toHaveLength(1);
      expect(customer[0]).toMatchObject({ conversationId: saree, email: null, phone: null });
      for (const h of [...a, ...b]) expect([h.email, h.phone]).toEqual([null, null]);
      // Email and phone are not searchable for them either: that would reveal them.
      expect(await find(shop.vendorStaffA, { q: '01811112222' })).toEqual([]);
      expect(await find(shop.vendorStaffA, { q: 'shirin@example' })).toEqual([]);
      // Customers they have no conversation with are not found.
      expect(await find(shop.vendorStaffA, { q: 'Tanvir' })).toEqual([]);
    });

    it('executives may search; customers may not', async () => {
      expect((await find(shop.executive, { q: 'ferot' })).length).toBeGreaterThan(0);
      expect((await trpcError((await callerFor(t.app)).search.find({ q: 'ferot' }))).code).toBe('UNAUTHORIZED');
    });
  });
});

describe('matching customers and conversations', () => {
  it('finds a customer by part of their name, in English or Bengali', async () => {
    const en = await find(shop.agent, { q: 'tanvi', kind: 'customers' });
    expect(en).toHaveLength(1);
    expect(en[0]).toMatchObject({ kind: 'customer', conversationId: banglish, contactName: 'Tanvir Ahmed', phone: '+8801712345678' });
    expect(highlighted(en[0]!)).toEqual(['Tanvi']);
    const bn = await find(shop.agent, { q: 'সাকিব', kind: 'customers' });
    expect(bn.map((h) => h.conversationId)).toEqual([bengali]);
  });

  it('finds a customer by their whole phone number however typed, or their email (blind indexes: both are stored sealed)', async () => {
    const ids = async (q: string) => (await find(shop.agent, { q, kind: 'customers' })).map((h) => h.conversationId);
    expect(await ids('01712345678')).toEqual([banglish]);
    expect(await ids('+880 1712 345 678')).toEqual([banglish]);
    // Typed on a Bengali keyboard.
    expect(await ids('০১৭১২৩৪৫৬৭৮')).toEqual([banglish]);
    expect(await ids('Farhana.Akter@example.com')).toEqual([english]);
    const hit = (await find(shop.agent, { q: 'farhana.akter@example.com', kind: 'customers' }))[0]!;
    expect(hit).toMatchObject({ email: 'farhana.akter@example.com', phone: '+8801556782341' });
    expect(highlighted(hit)).toEqual(['farhana.akter@example.com']);
    // A fragment of a sealed value cannot be matched: nothing in the database holds it in clear.
    expect(await ids('01712345')).toEqual([]);
    expect(await ids('@example.com')).toEqual([]);
  });

  it('finds a conversation by the product it is about', async () => {
    const hits = await find(shop.agent, { q: shop.skuA.toLowerCase(), kind: 'conversations' });
    // The other SKU shares its suffix, so it may follow as a weaker, fuzzy match.
    expect(hits[0]).toMatchObject({ kind: 'conversation', conversationId: saree });
    expect(highlighted(hits[0]!)).toEqual([shop.skuA]);
    expect(hits.slice(1).every((h) => h.score < hits[0]!.score)).toBe(true);
  });

  it('returns every kind with kind "all"', async () => {
    const hits = await find(shop.agent, { q: 'Tanvir' });
    expect(hits.map((h) => h.kind)).toContain('customer');
    const mixed = await find(shop.agent, { q: 'ferot' });
    expect(new Set(mixed.map((h) => h.kind))).toEqual(new Set(['message']));
  });
});

describe('filters', () => {
  it('by status, team, assignee and time', async () => {
    await t.app.chat.setStatus(shop.supervisor.actor, english, 'resolved');
    expect(await find(shop.agent, { q: 'refund', kind: 'messages', filters: { status: 'open' } })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ conversationId: english })]),
    );
    expect(conversationsOf(await find(shop.agent, { q: 'refund', kind: 'messages', filters: { status: 'resolved' } }))).toEqual(new Set([english]));

    expect(await find(shop.agent, { q: 'ferot', kind: 'messages', filters: { teamId: other.team.id } })).toEqual([]);
    expect((await find(shop.agent, { q: 'ferot', kind: 'messages', filters: { teamId: shop.team.id } })).length).toBeGreaterThan(0);

    await t.app.chat.assign(shop.supervisor.actor, saree, shop.agent.id);
    expect(conversationsOf(await find(shop.agent, { q: 'ferot', kind: 'messages', filters: { assigneeId: shop.agent.id } }))).toEqual(new Set([saree]));
    expect(conversationsOf(await find(shop.agent, { q: 'shirin', kind: 'customers', filters: { assigneeId: shop.agent.id } }))).toEqual(new Set([saree]));

    const future = new Date(Date.now() + 3600_000);
    expect(await find(shop.agent, { q: 'ferot', filters: { from: future } })).toEqual([]);
    expect(await find(shop.agent, { q: 'ferot', filters: { to: new Date(Date.now() - 86400_000) } })).toEqual([]);
    expect((await find(shop.agent, { q: 'ferot', kind: 'messages', filters: { from: new Date(Date.now() - 3600_000), to: future } })).length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  it('is a BAD_REQUEST', async () => {
    const caller = await callerFor(t.app, shop.agent.cookie);
    for (const input of [
      { q: '' },
      { q: '    ' },
      { q: 'x'.repeat(201) },
      { q: 'ok\u0000' },
      { q: 'ok', limit: 0 },
      { q: 'ok', kind: 'everything' },
      { q: 'ok', filters: { teamId: 'not-a-uuid' } },
      { q: 'ok', filters: { from: new Date('2026-02-01'), to: new Date('2026-01-01') } },
    ]) {
      expect((await trpcError(caller.search.find(input as never))).code, JSON.stringify(input)).toBe('BAD_REQUEST');
    }
    // 200 characters after trimming is fine.
    expect((await caller.search.find({ q: ` ${'ক'.repeat(200)} ` })).items).toEqual([]);
  });
});
