import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orders, tickets } from '@/db/schema';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

async function orderOf(contactId: string) {
  const [o] = await t.app.db
    .insert(orders)
    .values({ workspaceId: shop.ws.id, contactId, orderNumber: `DB-T-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, status: 'shipped', paymentMethod: 'bKash', totalBdt: 900, items: [] })
    .returning();
  return o!;
}

describe('tickets', () => {
  it('a chat becomes a ticket with priority, due date and the customer’s order; numbers count up per workspace; one per chat', async () => {
    const agent = await callerFor(t.app, shop.agent.cookie);
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const order = await orderOf(visitor.actor.contactId);
    const due = new Date(Date.now() + 86_400_000);
    const ticket = await agent.tickets.create({ conversationId: conversation.id, subject: 'কুরিয়ার পার্সেল দেয়নি', priority: 'high', dueAt: due, orderId: order.id });
    expect(ticket).toMatchObject({ subject: 'কুরিয়ার পার্সেল দেয়নি', priority: 'high', status: 'open', source: 'chat', orderNumber: order.orderNumber, overdue: false, conversationId: conversation.id });
    expect(ticket.dueAt).toBe(due.toISOString());
    expect((await trpcError(agent.tickets.create({ conversationId: conversation.id, subject: 'again' }))).code).toBe('CONFLICT');
    const second = await agent.tickets.create({ conversationId: (await newConversation(t.app, shop.widget.key)).conversation.id, subject: 'second' });
    expect(second.number).toBe(ticket.number + 1);
    expect((await agent.tickets.forConversation({ conversationId: conversation.id }))?.id).toBe(ticket.id);

    // Someone else's order cannot be linked; bad input is refused.
    const stranger = await newConversation(t.app, shop.widget.key);
    const theirs = await orderOf(stranger.visitor.actor.contactId);
    expect((await trpcError(agent.tickets.update({ id: ticket.id, orderId: theirs.id }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(agent.tickets.create({ conversationId: stranger.conversation.id, subject: '  ' }))).code).toBe('BAD_REQUEST');
  });

  it('tickets opened at the same moment in one workspace each get their own number, none is lost', async () => {
    const agent = await callerFor(t.app, shop.agent.cookie);
    const chats = await Promise.all(Array.from({ length: 12 }, () => newConversation(t.app, shop.widget.key)));
    // All at once: without taking turns, each would read the same highest number.
    const made = await Promise.all(chats.map(({ conversation }, i) => agent.tickets.create({ conversationId: conversation.id, subject: `at once ${i}` })));
    const numbers = made.map((m) => m.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[11]! - numbers[0]!).toBe(11);
  });

  it('status, assignee and due date are edited; overdue shows; list filters', async () => {
    const agent = await callerFor(t.app, shop.agent.cookie);
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const ticket = await agent.tickets.create({ conversationId: conversation.id, subject: 'Refund not received', dueAt: new Date(Date.now() + 60_000) });
    const late = await agent.tickets.update({ id: ticket.id, dueAt: new Date(Date.now() - 60_000), assigneeId: shop.agent.id, status: 'pending' });
    expect(late).toMatchObject({ overdue: true, assigneeId: shop.agent.id, status: 'pending' });
    expect((await agent.tickets.list({ overdue: true })).map((x) => x.id)).toContain(ticket.id);
    expect((await agent.tickets.list({ assignee: 'me' })).map((x) => x.id)).toContain(ticket.id);
    const solved = await agent.tickets.update({ id: ticket.id, status: 'solved' });
    expect(solved.solvedAt).not.toBeNull();
    expect(solved.overdue).toBe(false);
    expect((await agent.tickets.list({})).map((x) => x.id)).not.toContain(ticket.id);
    expect((await agent.tickets.list({ status: 'solved' })).map((x) => x.id)).toContain(ticket.id);
    expect((await trpcError(agent.tickets.update({ id: ticket.id, assigneeId: shop.vendorStaffA.id }))).code).toBe('BAD_REQUEST');
  });

  it('merges a duplicate of the same customer; refuses other customers’ tickets and itself', async () => {
    const agent = await callerFor(t.app, shop.agent.cookie);
    const first = await newConversation(t.app, shop.widget.key);
    const a = await agent.tickets.create({ conversationId: first.conversation.id, subject: 'Where is my parcel' });
    // The same customer writes again later (a new conversation after the first was resolved).
    await t.app.chat.setStatus(shop.agent.actor, first.conversation.id, 'resolved');
    const { conversation: later } = await t.app.chat.startConversation(first.visitor.actor, {});
    expect(later.id).not.toBe(first.conversation.id);
    const b = await agent.tickets.create({ conversationId: later.id, subject: 'Parcel?? again' });
    const other = await agent.tickets.create({ conversationId: (await newConversation(t.app, shop.widget.key)).conversation.id, subject: 'other customer' });
    expect((await trpcError(agent.tickets.merge({ id: b.id, intoNumber: other.number }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(agent.tickets.merge({ id: b.id, intoNumber: b.number }))).code).toBe('BAD_REQUEST');
    const target = await agent.tickets.merge({ id: b.id, intoNumber: a.number });
    expect(target.id).toBe(a.id);
    expect(await agent.tickets.get({ id: b.id })).toMatchObject({ status: 'merged', mergedIntoNumber: a.number });
    expect((await trpcError(agent.tickets.update({ id: b.id, status: 'open' }))).code).toBe('CONFLICT');
  });

  it('a follow-up reminder notifies the assignee once when due', async () => {
    const agent = await callerFor(t.app, shop.agent.cookie);
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const ticket = await agent.tickets.create({ conversationId: conversation.id, subject: 'Call back about the exchange' });
    await agent.tickets.update({ id: ticket.id, assigneeId: shop.agent.id });
    expect((await trpcError(agent.tickets.setReminder({ id: ticket.id, remindAt: new Date(Date.now() - 1000) }))).code).toBe('BAD_REQUEST');
    await agent.tickets.setReminder({ id: ticket.id, remindAt: new Date(Date.now() + 200), note: 'ask about size' });
    await new Promise((r) => setTimeout(r, 300));
    await t.app.tickets.sweepReminders();
    await t.app.tickets.sweepReminders();
    const sent = (await t.app.db.select().from(notifications).where(eq(notifications.userId, shop.agent.id))).filter((n) => n.kind === 'ticket_reminder' && n.title.includes(`#${ticket.number}`));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ body: 'ask about size', title: `Follow up ticket #${ticket.number}: Call back about the exchange` });
  });

  it('a message left in the widget while nobody is online arrives as a ticket; vendors and other workspaces see no tickets', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await new Promise((r) => setTimeout(r, 50));
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'রাত ২টায় লিখছি: আমার অর্ডারটা বাতিল করতে চাই, কাল সকালে জানাবেন' });
    await t.app.writer.drain();
    await new Promise((r) => setTimeout(r, 100));
    const rows = await t.app.db.select().from(tickets).where(eq(tickets.conversationId, conversation.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'widget', status: 'open', contactId: visitor.actor.contactId });
    expect(rows[0]!.subject.startsWith('রাত ২টায় লিখছি')).toBe(true);

    expect((await trpcError((await callerFor(t.app, shop.vendorStaffA.cookie)).tickets.list({}))).code).toBe('FORBIDDEN');
    const other = await seedShop(t.app);
    const theirs = await callerFor(t.app, other.agent.cookie);
    expect((await theirs.tickets.list({})).map((x) => x.id)).not.toContain(rows[0]!.id);
    expect((await trpcError(theirs.tickets.get({ id: rows[0]!.id }))).code).toBe('NOT_FOUND');
  });
});
