import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages, users } from '@/db/schema';
import type { MessageDto } from '@/lib/contracts/chat';
import { AppError } from '@/server/core/app-error';
import { cid, createTestApp, newConversation, newVisitor, seedShop, type Shop, type TestApp, rejection } from '@/test/test-app';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const countMessages = async (conversationId: string) =>
  Number((await t.app.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.conversationId, conversationId)))[0]!.n);
const rowOf = async (conversationId: string) => (await t.app.db.select().from(conversations).where(eq(conversations.id, conversationId)))[0]!;

describe('starting conversations', () => {
  it('is idempotent: the widget reconnecting gets the same conversation', async () => {
    const v = await newVisitor(t.app, shop.widget.key);
    const first = await t.app.chat.startConversation(v.actor, {});
    const second = await t.app.chat.startConversation(v.actor, {});
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.conversation.id).toBe(first.conversation.id);
    const all = await t.app.db.select().from(conversations).where(eq(conversations.contactId, v.actor.contactId));
    expect(all).toHaveLength(1);
  });

  // The widget may fire conversation:start from two tabs, or retry it while the first is still in flight.
  it('is idempotent when several starts for one visitor arrive at the same time', async () => {
    const v = await newVisitor(t.app, shop.widget.key);
    const results = await Promise.all(Array.from({ length: 5 }, () => t.app.chat.startConversation(v.actor, {})));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    const all = await t.app.db.select().from(conversations).where(eq(conversations.contactId, v.actor.contactId));
    expect(all).toHaveLength(1);
  });

  it('round-robins new conversations across the online agents of the widget team', async () => {
    const routed = await seedShop(t.app, { onlineAgents: 2, offlineAgents: 1 });
    const online = routed.agents.slice(0, 2).map((a) => a.id);
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const { conversation } = await newConversation(t.app, routed.widget.key);
      assignees.push(conversation.assigneeId);
      expect(conversation.teamId).toBe(routed.team.id);
    }
    expect(online).toContain(assignees[0]);
    expect(online).toContain(assignees[1]);
    expect(assignees[1]).not.toBe(assignees[0]);
    // Then around again, in the same order.
    expect(assignees.slice(2)).toEqual(assignees.slice(0, 2));
  });

  it('leaves a conversation unassigned, first in the queue, when nobody of the team is online', async () => {
    const quiet = await seedShop(t.app, { onlineAgents: 0, offlineAgents: 2 });
    const a = await newConversation(t.app, quiet.widget.key);
    const b = await newConversation(t.app, quiet.widget.key);
    expect(a.conversation.assigneeId).toBeNull();
    expect(b.conversation.assigneeId).toBeNull();
    expect((await t.app.chat.queueStatus(a.conversation)).position).toBe(1);
    expect((await t.app.chat.queueStatus(b.conversation)).position).toBe(2);
  });

  it('an away agent gets no new conversations', async () => {
    const s = await seedShop(t.app, { onlineAgents: 1, offlineAgents: 0 });
    await t.app.db.update(users).set({ presence: 'away' }).where(eq(users.id, s.agent.id));
    expect((await newConversation(t.app, s.widget.key)).conversation.assigneeId).toBeNull();
  });

  it('ties a conversation about a product to that product’s vendor', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key, shop.skuA);
    expect(conversation.vendorId).toBe(shop.vendorA.id);
    expect((await newConversation(t.app, shop.widget.key)).conversation.vendorId).toBeNull();
  });
});

describe('sending messages', () => {
  it('stores a retried message (same client id) once and answers with the same id', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const clientId = cid();
    const a = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId, body: 'আমার অর্ডারটা কোথায়?' });
    const b = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId, body: 'আমার অর্ডারটা কোথায়?' });
    expect(b.id).toBe(a.id);
    expect(await countMessages(conversation.id)).toBe(1);
    // Retried at the same time (the socket reconnected mid-send): still one row.
    const again = cid();
    const [c, d] = await Promise.all([
      t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: again, body: 'hello' }),
      t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: again, body: 'hello' }),
    ]);
    expect(d.id).toBe(c.id);
    expect(await countMessages(conversation.id)).toBe(2);
  });

  it('masks card numbers, codes and passwords before they are stored; the sender is told, agents see only the masked text', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const live: MessageDto[] = [];
    const off = t.app.bus.on('message.created', ({ message }) => live.push(message));
    try {
      const sent = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'card 4111 1111 1111 1111, OTP 482913' });
      expect(sent.body).toBe('card •••• •••• •••• 1111, OTP ••••••');
      expect(sent.masked).toEqual(['card', 'otp']);
      const [row] = await t.app.db.select({ body: messages.body }).from(messages).where(eq(messages.id, sent.id));
      expect(row!.body).toBe(sent.body);
      expect(live.find((m) => m.id === sent.id)?.body).toBe(sent.body);
      // Agents' notes too: a password pasted by mistake.
      const note = await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'customer password: Dhaka@123', isNote: true });
      expect(note.body).toBe('customer password: ••••••••');
      // Ordinary text is untouched and carries no flag.
      const plain = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'order 01712345678 number e call din' });
      expect(plain.body).toBe('order 01712345678 number e call din');
      expect(plain.masked).toBeUndefined();
    } finally {
      off();
    }
  });

  it('stores text exactly as written, whatever quotes, dollar signs or SQL it holds', async () => {
    // The batch goes to the database as one quoted literal (PGlite cannot bind parameters to EXECUTE).
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const bodies = [
      "it's 'quoted' and \"double\" \\ back\\slash",
      '$a$ closes? $a0$ $a1$ $$ $tag$',
      "'); drop table messages; --",
      '৳ ২,৫০০ — bKash 🙂 {"json": [1, 2]} \\u0041',
    ];
    const sent = await Promise.all(bodies.map((body) => t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body })));
    const stored = await t.app.db.select({ id: messages.id, body: messages.body }).from(messages).where(eq(messages.conversationId, conversation.id));
    expect(new Map(stored.map((m) => [m.id, m.body]))).toEqual(new Map(sent.map((m, i) => [m.id, bodies[i]])));
    // Sent concurrently, so commit order (ids) decides which is last.
    const last = sent.reduce((a, b) => (b.id > a.id ? b : a));
    expect((await rowOf(conversation.id)).lastMessagePreview).toBe(bodies[sent.indexOf(last)]);
  });

  it('does not announce a retried message twice', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const seen: number[] = [];
    const off = t.app.bus.on('message.created', ({ message }) => {
      if (message.conversationId === conversation.id) seen.push(message.id);
    });
    const clientId = cid();
    const m = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId, body: 'once' });
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId, body: 'once' });
    off();
    expect(seen).toEqual([m.id]);
  });

  it('stores 200 concurrent messages across 10 conversations exactly once, in order, and updates each conversation', async () => {
    const convs = await Promise.all(Array.from({ length: 10 }, () => newConversation(t.app, shop.widget.key)));
    const sends: { conv: number; seq: number; clientId: string; p: Promise<MessageDto> }[] = [];
    for (let seq = 0; seq < 20; seq++) {
      convs.forEach(({ visitor, conversation }, conv) => {
        const clientId = cid(`c${conv}`);
        sends.push({ conv, seq, clientId, p: t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId, body: `message ${seq}` }) });
      });
    }
    const results = await Promise.all(sends.map((s) => s.p));
    expect(new Set(results.map((m) => m.id)).size).toBe(200);

    for (const [i, { visitor, conversation }] of convs.entries()) {
      expect(await countMessages(conversation.id)).toBe(20);
      const mine = sends.map((s, k) => ({ ...s, m: results[k]! })).filter((s) => s.conv === i);
      // Each ack carries the stored message: right conversation, right body.
      for (const s of mine) {
        expect(s.m.conversationId).toBe(conversation.id);
        expect(s.m.clientId).toBe(s.clientId);
        expect(s.m.body).toBe(`message ${s.seq}`);
      }
      const { messages: synced } = await t.app.chat.syncMessages(visitor.actor, conversation.id, 0);
      const ids = synced.map((m) => m.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(20);
      const last = synced[synced.length - 1]!;
      const row = await rowOf(conversation.id);
      expect(row.lastMessageId).toBe(last.id);
      expect(row.lastMessageId).toBe(Math.max(...mine.map((s) => s.m.id)));
      expect(row.lastMessagePreview).toBe(last.body);
      expect(row.lastContactMessageId).toBe(last.id);
    }
  });

  // The widget and the desk send one message at a time and await its ack (see widget-controller pump): the
  // server's promise is that acknowledged messages keep that order for both sides, whoever wrote them.
  it('keeps a back-and-forth in the order it was written, for both sides', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const script: ['visitor' | 'agent', string][] = [
      ['visitor', 'আসসালামু আলাইকুম'],
      ['visitor', 'আমার অর্ডারটা কোথায়?'],
      ['agent', 'Order number please?'],
      ['visitor', 'DB-10234'],
      ['agent', 'It left Dhaka today'],
      ['visitor', 'ধন্যবাদ'],
    ];
    for (const [who, body] of script) {
      const actor = who === 'visitor' ? visitor.actor : shop.agent.actor;
      await t.app.chat.sendMessage(actor, { conversationId: conversation.id, clientId: cid(), body });
    }
    const bodies = script.map(([, b]) => b);
    expect((await t.app.chat.syncMessages(visitor.actor, conversation.id, 0)).messages.map((m) => m.body)).toEqual(bodies);
    expect((await t.app.chat.syncMessages(shop.agent.actor, conversation.id, 0)).messages.map((m) => m.body)).toEqual(bodies);
    expect((await t.app.chat.listHistory(shop.agent.actor, conversation.id, null, 4)).messages.map((m) => m.body)).toEqual(bodies.slice(2));
  });

  it('a visitor cannot write to or read another visitor’s conversation', async () => {
    const victim = await newConversation(t.app, shop.widget.key);
    const attacker = await newVisitor(t.app, shop.widget.key);
    const e = await rejection(t.app.chat.sendMessage(attacker.actor, { conversationId: victim.conversation.id, clientId: cid(), body: 'hi' }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('NOT_FOUND');
    expect((await rejection(t.app.chat.syncMessages(attacker.actor, victim.conversation.id, 0))).code).toBe('NOT_FOUND');
    expect(await countMessages(victim.conversation.id)).toBe(0);
  });

  it('a conversation of another workspace is NOT_FOUND for staff', async () => {
    const other = await seedShop(t.app);
    const { conversation } = await newConversation(t.app, other.widget.key);
    for (const staff of [shop.agent, shop.admin, shop.executive]) {
      expect((await rejection(t.app.chat.syncMessages(staff.actor, conversation.id, 0))).code).toBe('NOT_FOUND');
    }
    expect((await rejection(t.app.chat.sendMessage(shop.admin.actor, { conversationId: conversation.id, clientId: cid(), body: 'x' }))).code).toBe('NOT_FOUND');
  });

  it('never shows private notes to the visitor', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const q = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Is it COD?' });
    const note = await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Customer flagged for fraud', isNote: true });
    const reply = await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Yes, cash on delivery works' });
    expect(note.kind).toBe('note');

    const forVisitor = await t.app.chat.syncMessages(visitor.actor, conversation.id, 0);
    expect(forVisitor.messages.map((m) => m.body)).toEqual(['Is it COD?', 'Yes, cash on delivery works']);
    expect(forVisitor.messages.every((m) => !('senderId' in m))).toBe(true);
    // Even asking for what came after the question.
    expect((await t.app.chat.syncMessages(visitor.actor, conversation.id, q.id)).messages.map((m) => m.id)).toEqual([reply.id]);

    const forAgent = await t.app.chat.syncMessages(shop.agent.actor, conversation.id, 0);
    expect(forAgent.messages.map((m) => m.body)).toEqual(['Is it COD?', 'Customer flagged for fraud', 'Yes, cash on delivery works']);
    // A visitor cannot write a note either: isNote from a visitor is a plain message.
    const sneaky = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'note?', isNote: true });
    expect(sneaky.kind).toBe('text');
  });

  it('the conversation preview never ends in half an emoji', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: `${'a'.repeat(139)}😀 and more` });
    const preview = (await rowOf(conversation.id)).lastMessagePreview!;
    expect(preview).not.toContain('\uFFFD');
    expect(preview.endsWith('😀')).toBe(true);
    expect(Array.from(preview)).toHaveLength(140);
  });

  it('a note does not become the conversation preview', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Where is my parcel?' });
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'internal: courier lost it', isNote: true });
    expect((await rowOf(conversation.id)).lastMessagePreview).toBe('Where is my parcel?');
  });

  it('an executive can read but cannot send', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'hello' });
    expect((await t.app.chat.syncMessages(shop.executive.actor, conversation.id, 0)).messages).toHaveLength(1);
    const e = await rejection(t.app.chat.sendMessage(shop.executive.actor, { conversationId: conversation.id, clientId: cid(), body: 'from the CEO' }));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('FORBIDDEN');
    expect((await rejection(t.app.chat.setStatus(shop.executive.actor, conversation.id, 'resolved'))).code).toBe('FORBIDDEN');
    expect(await countMessages(conversation.id)).toBe(1);
  });

  it('records the agent’s name on a reply', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Hi!' });
    const [m] = (await t.app.chat.syncMessages(visitor.actor, conversation.id, 0)).messages;
    expect(m).toMatchObject({ senderType: 'agent', senderName: shop.agent.name, body: 'Hi!' });
  });
});

describe('receipts', () => {
  it('an agent reading marks the visitor’s messages read, and read implies delivered', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const m1 = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'one' });
    const m2 = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'two' });
    const e = await t.app.chat.recordReceipt(shop.agent.actor, { conversationId: conversation.id, upToId: m2.id, kind: 'read' });
    expect(e).toEqual({ conversationId: conversation.id, side: 'agent', deliveredUpTo: m2.id, readUpTo: m2.id });
    const row = await rowOf(conversation.id);
    expect(row.agentReadUpTo).toBe(m2.id);
    expect(row.agentDeliveredUpTo).toBe(m2.id);
    // The visitor's sync reports the agents' side.
    expect((await t.app.chat.syncMessages(visitor.actor, conversation.id, 0)).receipts).toMatchObject({ side: 'agent', readUpTo: m2.id });
    // Watermarks never move back.
    await t.app.chat.recordReceipt(shop.agent.actor, { conversationId: conversation.id, upToId: m1.id, kind: 'read' });
    expect((await rowOf(conversation.id)).agentReadUpTo).toBe(m2.id);
  });

  it('cannot mark beyond the last message, and a visitor reading moves only the contact side', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const reply = await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'hello' });
    await t.app.chat.recordReceipt(visitor.actor, { conversationId: conversation.id, upToId: reply.id + 1000, kind: 'delivered' });
    let row = await rowOf(conversation.id);
    expect(row.contactDeliveredUpTo).toBe(reply.id);
    expect(row.contactReadUpTo).toBe(0);
    await t.app.chat.recordReceipt(visitor.actor, { conversationId: conversation.id, upToId: reply.id, kind: 'read' });
    row = await rowOf(conversation.id);
    expect(row.contactReadUpTo).toBe(reply.id);
    expect(row.agentReadUpTo).toBe(0);
  });

  it('an executive looking does not mark messages read for the agents', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const m = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'hello' });
    await t.app.chat.recordReceipt(shop.executive.actor, { conversationId: conversation.id, upToId: m.id, kind: 'read' });
    expect((await rowOf(conversation.id)).agentReadUpTo).toBe(0);
  });
});

describe('vendors', () => {
  it('a vendor lists only its own vendor’s conversations', async () => {
    const a = await newConversation(t.app, shop.widget.key, shop.skuA);
    const b = await newConversation(t.app, shop.widget.key, shop.skuB);
    const plain = await newConversation(t.app, shop.widget.key);
    const filter = { view: 'all' as const, statuses: ['open' as const], limit: 100 };

    const forA = (await t.app.chat.listConversations(shop.vendorStaffA.actor, filter)).items.map((c) => c.id);
    expect(forA).toContain(a.conversation.id);
    expect(forA).not.toContain(b.conversation.id);
    expect(forA).not.toContain(plain.conversation.id);
    const all = await t.app.chat.listConversations(shop.vendorStaffA.actor, { ...filter, statuses: [] });
    expect(all.items.every((c) => c.vendorId === shop.vendorA.id)).toBe(true);

    const forAgent = (await t.app.chat.listConversations(shop.agent.actor, filter)).items.map((c) => c.id);
    expect(forAgent).toEqual(expect.arrayContaining([a.conversation.id, b.conversation.id, plain.conversation.id]));
  });

  it('another vendor’s conversation is NOT_FOUND for reading, writing and detail', async () => {
    const b = await newConversation(t.app, shop.widget.key, shop.skuB);
    const vendorA = shop.vendorStaffA.actor;
    expect((await rejection(t.app.chat.getConversationDetail(vendorA, b.conversation.id))).code).toBe('NOT_FOUND');
    expect((await rejection(t.app.chat.syncMessages(vendorA, b.conversation.id, 0))).code).toBe('NOT_FOUND');
    expect((await rejection(t.app.chat.sendMessage(vendorA, { conversationId: b.conversation.id, clientId: cid(), body: 'x' }))).code).toBe('NOT_FOUND');
    expect((await rejection(t.app.chat.setStatus(vendorA, b.conversation.id, 'resolved'))).code).toBe('NOT_FOUND');
    expect(await countMessages(b.conversation.id)).toBe(0);
  });

  it('a vendor can answer its own conversation but does not see the customer’s contact details', async () => {
    const v = await t.app.widget.openSession(shop.widget.key, {});
    const visitor = (await t.app.auth.verifyVisitorToken(v.token))!;
    const { conversation } = await t.app.chat.startConversation(visitor, {
      context: { type: 'product', id: shop.skuA },
      prechat: { name: 'Sumaiya', email: 'sumaiya@example.test', phone: '+8801711000000' },
    });
    await t.app.chat.sendMessage(shop.vendorStaffA.actor, { conversationId: conversation.id, clientId: cid(), body: 'In stock!' });
    const detail = await t.app.chat.getConversationDetail(shop.vendorStaffA.actor, conversation.id);
    expect(detail.contact).toMatchObject({ name: 'Sumaiya', email: null, phone: null, externalId: null });
    const forAgent = await t.app.chat.getConversationDetail(shop.agent.actor, conversation.id);
    expect(forAgent.contact).toMatchObject({ email: 'sumaiya@example.test', phone: '+8801711000000' });
  });

  it('a vendor does not see the customer’s conversations with other vendors or the shop', async () => {
    const v = await newVisitor(t.app, shop.widget.key);
    // The customer first talked to vendor B about a phone, then to the shop about a refund.
    const withB = await t.app.chat.startConversation(v.actor, { context: { type: 'product', id: shop.skuB } });
    await t.app.chat.sendMessage(v.actor, { conversationId: withB.conversation.id, clientId: cid(), body: 'Gadget Ghor quoted me 15000' });
    await t.app.chat.setStatus(shop.agent.actor, withB.conversation.id, 'resolved');
    const withShop = await t.app.chat.startConversation(v.actor, {});
    await t.app.chat.sendMessage(v.actor, { conversationId: withShop.conversation.id, clientId: cid(), body: 'refund for order DB-1' });
    await t.app.chat.setStatus(shop.agent.actor, withShop.conversation.id, 'resolved');
    // Now about vendor A's saree.
    const withA = await t.app.chat.startConversation(v.actor, { context: { type: 'product', id: shop.skuA } });
    expect(withA.created).toBe(true);

    const forVendorA = await t.app.chat.getConversationDetail(shop.vendorStaffA.actor, withA.conversation.id);
    expect(forVendorA.pastConversations.map((p) => p.id)).toEqual([]);
    expect(JSON.stringify(forVendorA)).not.toContain('15000');
    expect(JSON.stringify(forVendorA)).not.toContain('refund');
    // The shop's own agents see the whole history.
    const forAgent = await t.app.chat.getConversationDetail(shop.agent.actor, withA.conversation.id);
    expect(forAgent.pastConversations.map((p) => p.id).sort()).toEqual([withB.conversation.id, withShop.conversation.id].sort());
  });
});

describe('status', () => {
  it('snoozing needs a time in the future', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    expect((await rejection(t.app.chat.setStatus(shop.agent.actor, conversation.id, 'snoozed'))).code).toBe('BAD_REQUEST');
    expect((await rejection(t.app.chat.setStatus(shop.agent.actor, conversation.id, 'snoozed', new Date(Date.now() - 60_000)))).code).toBe('BAD_REQUEST');
    expect((await rowOf(conversation.id)).status).toBe('open');
    const until = new Date(Date.now() + 3600_000);
    const s = await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'snoozed', until);
    expect(s.status).toBe('snoozed');
    expect(s.snoozedUntil).toBe(until.toISOString());
  });

  it('a snoozed conversation wakes when its time comes', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'snoozed', new Date(Date.now() + 3600_000));
    await t.app.chat.wakeSnoozed(new Date(Date.now() + 60_000));
    expect((await rowOf(conversation.id)).status).toBe('snoozed');
    await t.app.chat.wakeSnoozed(new Date(Date.now() + 2 * 3600_000));
    const row = await rowOf(conversation.id);
    expect(row.status).toBe('open');
    expect(row.snoozedUntil).toBeNull();
  });

  it('a resolved conversation reopens when the customer writes again', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'thanks' });
    const resolved = await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'resolved');
    expect(resolved.status).toBe('resolved');
    expect((await rowOf(conversation.id)).resolvedAt).not.toBeNull();

    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'one more thing' });
    const row = await rowOf(conversation.id);
    expect(row.status).toBe('open');
    expect(row.resolvedAt).toBeNull();
    expect(row.lastMessagePreview).toBe('one more thing');
  });

  it('an agent’s reply does not reopen a resolved conversation', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'resolved');
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'closing note to customer' });
    expect((await rowOf(conversation.id)).status).toBe('resolved');
  });

  it('assigning checks the assignee belongs to the workspace and can take conversations', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const other = await seedShop(t.app);
    expect((await rejection(t.app.chat.assign(shop.supervisor.actor, conversation.id, other.agent.id))).code).toBe('BAD_REQUEST');
    expect((await rejection(t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.executive.id))).code).toBe('BAD_REQUEST');
    const s = await t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.agent.id);
    expect(s.assigneeId).toBe(shop.agent.id);
    expect(s.assigneeName).toBe(shop.agent.name);
    const row = await t.app.db.select().from(conversations).where(and(eq(conversations.id, conversation.id), eq(conversations.assigneeId, shop.agent.id)));
    expect(row).toHaveLength(1);
  });
});
