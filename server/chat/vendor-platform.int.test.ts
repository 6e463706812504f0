import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setContactDetails } from '@/db/seed/factories';
import { messages, orders, products } from '@/db/schema';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let shop: Shop;
const productOf = async (sku: string) => (await t.app.db.select().from(products).where(eq(products.sku, sku)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

async function vendorChat() {
  const r = await newConversation(t.app, shop.widget.key, shop.skuA);
  await t.app.chat.sendMessage(r.visitor.actor, { conversationId: r.conversation.id, clientId: cid(), body: 'শাড়িটা কি লাল রঙে আছে?' });
  await t.app.writer.drain();
  return r;
}

describe('vendor conversations: cards, the platform, hiding, masking', () => {
  it('a vendor sends a product card from its own catalogue; the customer receives the card built from the database', async () => {
    const { visitor, conversation } = await vendorChat();
    const vendor = await callerFor(t.app, shop.vendorStaffA.cookie);
    const catalogue = await vendor.desk.catalogue({ conversationId: conversation.id, search: 'jamdani' });
    expect(catalogue.map((p) => p.sku)).toEqual([shop.skuA]);
    const sent = await vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), productId: catalogue[0]!.id });
    expect(sent.card).toMatchObject({ type: 'product', sku: shop.skuA, title: 'Jamdani saree', priceBdt: 4500, vendorName: 'Rangdhanu' });
    expect(sent.body).toContain('Jamdani saree');
    const seen = await t.app.chat.syncMessages(visitor.actor, conversation.id, 0);
    expect(seen.messages.find((m) => m.id === sent.id)?.card).toMatchObject({ type: 'product', priceBdt: 4500 });

    // A product photo goes on the card only when it is https or a path here.
    await t.app.db.update(products).set({ imageUrl: 'javascript:alert(1)' }).where(eq(products.sku, shop.skuA));
    expect((await vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), productId: catalogue[0]!.id })).card).toMatchObject({ imageUrl: null });
    await t.app.db.update(products).set({ imageUrl: '/products/saree.jpg' }).where(eq(products.sku, shop.skuA));
    expect((await vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), productId: catalogue[0]!.id })).card).toMatchObject({ imageUrl: '/products/saree.jpg' });

    // Another vendor's product, an order card, and a malformed request are refused.
    const other = await productOf(shop.skuB);
    expect((await trpcError(vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), productId: other.id }))).code).toBe('NOT_FOUND');
    const [order] = await t.app.db
      .insert(orders)
      .values({ workspaceId: shop.ws.id, contactId: visitor.actor.contactId, orderNumber: `DB-${Date.now()}`, status: 'shipped', paymentMethod: 'bKash', totalBdt: 4500, items: [{ sku: shop.skuA, name: 'Jamdani saree', qty: 1, priceBdt: 4500, vendorId: shop.vendorA.id }] })
      .returning();
    expect((await trpcError(vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), orderId: order!.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid() }))).code).toBe('BAD_REQUEST');
    // The platform sends an order card of this customer's order, not of someone else's.
    const agent = await callerFor(t.app, shop.agent.cookie);
    const card = await agent.desk.sendCard({ conversationId: conversation.id, clientId: cid(), orderId: order!.id });
    expect(card.card).toMatchObject({ type: 'order', status: 'shipped', totalBdt: 4500 });
    const stranger = await newConversation(t.app, shop.widget.key);
    expect((await trpcError(agent.desk.sendCard({ conversationId: stranger.conversation.id, clientId: cid(), orderId: order!.id }))).code).toBe('NOT_FOUND');
  });

  it('the platform joins (everyone sees it), takes over (the vendor can no longer reply) and hands back', async () => {
    const { visitor, conversation } = await vendorChat();
    const vendor = await callerFor(t.app, shop.vendorStaffA.cookie);
    expect((await trpcError(vendor.desk.joinAsPlatform({ id: conversation.id }))).code).toBe('FORBIDDEN');
    const agent = await callerFor(t.app, shop.agent.cookie);
    const joined = await agent.desk.joinAsPlatform({ id: conversation.id });
    expect(joined.platformJoinedAt).not.toBeNull();
    await t.app.writer.drain();
    const seen = await t.app.chat.syncMessages(visitor.actor, conversation.id, 0);
    expect(seen.messages.filter((m) => m.kind === 'event').map((m) => m.body)).toEqual([`${shop.agent.name} from the platform's support team joined the conversation`]);

    const taken = await agent.desk.takeOver({ id: conversation.id });
    expect(taken).toMatchObject({ assigneeId: shop.agent.id });
    expect(taken.takenOverAt).not.toBeNull();
    const blocked = await trpcError(vendor.desk.sendCard({ conversationId: conversation.id, clientId: cid(), productId: (await productOf(shop.skuA)).id }));
    expect(blocked.code).toBe('FORBIDDEN');
    const err = await t.app.chat.sendMessage(shop.vendorStaffA.actor, { conversationId: conversation.id, clientId: cid(), body: 'hello' }).catch((e: { code: string }) => e);
    expect((err as { code: string }).code).toBe('FORBIDDEN');
    // The vendor still reads it.
    expect((await vendor.desk.conversation({ id: conversation.id })).conversation.takenOverAt).not.toBeNull();

    await agent.desk.handBack({ id: conversation.id });
    await expect(t.app.chat.sendMessage(shop.vendorStaffA.actor, { conversationId: conversation.id, clientId: cid(), body: 'আছে, লাল রঙে' })).resolves.toMatchObject({ body: 'আছে, লাল রঙে' });
    // A conversation without a vendor has no platform to join.
    const plain = await newConversation(t.app, shop.widget.key);
    expect((await trpcError(agent.desk.joinAsPlatform({ id: plain.conversation.id }))).code).toBe('BAD_REQUEST');
  });

  it('the platform hides an abusive message: kept for audit, a placeholder for the customer and the vendor', async () => {
    const { visitor, conversation } = await vendorChat();
    const abusive = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'তোরা সব চোর, গালি গালি' });
    await t.app.writer.drain();
    const vendor = await callerFor(t.app, shop.vendorStaffA.cookie);
    expect((await trpcError(vendor.desk.hideMessage({ conversationId: conversation.id, messageId: abusive.id, reason: 'abuse' }))).code).toBe('FORBIDDEN');
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const hidden = await sup.desk.hideMessage({ conversationId: conversation.id, messageId: abusive.id, reason: 'Abusive language' });
    expect(hidden.hidden).toMatchObject({ reason: 'Abusive language' });
    expect(hidden.body).toBe('তোরা সব চোর, গালি গালি');
    const [row] = await t.app.db.select().from(messages).where(eq(messages.id, abusive.id));
    expect(row).toMatchObject({ body: 'তোরা সব চোর, গালি গালি', hiddenBy: shop.supervisor.id, hiddenReason: 'Abusive language' });

    const customerView = (await t.app.chat.syncMessages(visitor.actor, conversation.id, 0)).messages.find((m) => m.id === abusive.id)!;
    expect(customerView).toMatchObject({ body: '', hidden: { reason: null } });
    const vendorView = (await vendor.desk.history({ conversationId: conversation.id })).messages.find((m) => m.id === abusive.id)!;
    expect(vendorView).toMatchObject({ body: '', hidden: { reason: null } });
    const platformView = (await sup.desk.history({ conversationId: conversation.id })).messages.find((m) => m.id === abusive.id)!;
    expect(platformView).toMatchObject({ body: 'তোরা সব চোর, গালি গালি', hidden: { reason: 'Abusive language' } });
    expect((await trpcError(sup.desk.hideMessage({ conversationId: conversation.id, messageId: abusive.id + 10_000, reason: 'x' }))).code).toBe('NOT_FOUND');
  });

  it('vendors see the customer’s phone only while an order with their items is on its way, and only their items', async () => {
    const { visitor, conversation } = await vendorChat();
    await setContactDetails(t.app.db, visitor.actor.contactId, { phone: '+8801711111111', email: 'buyer@example.com' });
    const vendor = await callerFor(t.app, shop.vendorStaffA.cookie);
    let detail = await vendor.desk.conversation({ id: conversation.id });
    expect(detail.contact).toMatchObject({ phone: null, email: null });
    expect(detail.orders).toEqual([]);
    await t.app.db.insert(orders).values({
      workspaceId: shop.ws.id,
      contactId: visitor.actor.contactId,
      orderNumber: `DB-M-${Date.now()}`,
      status: 'processing',
      paymentMethod: 'Cash on delivery',
      totalBdt: 22500,
      items: [
        { sku: shop.skuA, name: 'Jamdani saree', qty: 1, priceBdt: 4500, vendorId: shop.vendorA.id },
        { sku: shop.skuB, name: 'Phone', qty: 1, priceBdt: 18000, vendorId: shop.vendorB.id },
      ],
    });
    detail = await vendor.desk.conversation({ id: conversation.id });
    expect(detail.contact).toMatchObject({ phone: '+8801711111111', email: null });
    expect(detail.orders).toHaveLength(1);
    expect(detail.orders[0]).toMatchObject({ totalBdt: 4500, items: [{ name: 'Jamdani saree' }] });
    // The platform sees everything.
    const full = await (await callerFor(t.app, shop.agent.cookie)).desk.conversation({ id: conversation.id });
    expect(full.contact).toMatchObject({ email: 'buyer@example.com' });
    expect(full.orders[0]!.items).toHaveLength(2);
  });
});
