import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csatResponses, messages } from '@/db/schema';
import { callerFor, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const at = (base: number, seconds: number) => new Date(base + seconds * 1000);

async function chat(sku: string, vendorAfter: number | null, platformAfter: number | null) {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key, sku);
  const base = Date.now() - 3600_000;
  const rows: (typeof messages.$inferInsert)[] = [{ conversationId: conversation.id, senderType: 'contact', senderId: visitor.actor.contactId, body: 'hi', clientId: `c-${conversation.id}`, createdAt: at(base, 0) }];
  const vendorStaff = sku === shop.skuA ? shop.vendorStaffA : shop.vendorStaffB;
  if (vendorAfter !== null) rows.push({ conversationId: conversation.id, senderType: 'agent', senderId: vendorStaff.id, body: 'hello', clientId: `v-${conversation.id}`, createdAt: at(base, vendorAfter) });
  if (platformAfter !== null) rows.push({ conversationId: conversation.id, senderType: 'agent', senderId: shop.agent.id, body: 'platform', clientId: `p-${conversation.id}`, createdAt: at(base, platformAfter) });
  await t.app.db.insert(messages).values(rows);
  return { visitor, conversation };
}

describe('vendor scorecard', () => {
  it('measures each vendor’s first replies apart from the platform’s; vendors see only their own card', async () => {
    await chat(shop.skuA, 120, 60);
    await chat(shop.skuA, 3600, null);
    const third = await chat(shop.skuA, null, 300);
    await chat(shop.skuB, 30, null);
    await t.app.db.insert(csatResponses).values({ conversationId: third.conversation.id, workspaceId: shop.ws.id, contactId: third.visitor.actor.contactId, vendorId: shop.vendorA.id, rating: 4 });

    const sup = await (await callerFor(t.app, shop.supervisor.cookie)).desk.vendorScorecard({ days: 30 });
    const a = sup.vendors.find((v) => v.vendorId === shop.vendorA.id)!;
    expect(a).toMatchObject({ conversations: 3, vendorReplies: 2, unanswered: 1, vendorMedianSeconds: 120, vendorP90Seconds: 3600, vendorFastShare: 0.5, platformReplies: 2, platformMedianSeconds: 60, csatAverage: 4, csatCount: 1 });
    const b = sup.vendors.find((v) => v.vendorId === shop.vendorB.id)!;
    expect(b).toMatchObject({ conversations: 1, vendorMedianSeconds: 30, vendorFastShare: 1, platformReplies: 0, platformMedianSeconds: null });

    const own = await (await callerFor(t.app, shop.vendorStaffB.cookie)).desk.vendorScorecard({ days: 30 });
    expect(own.vendors.map((v) => v.vendorId)).toEqual([shop.vendorB.id]);
    expect((await trpcError((await callerFor(t.app, shop.agent.cookie)).desk.vendorScorecard({ days: 30 }))).code).toBe('FORBIDDEN');
    // Another workspace's supervisor sees none of these vendors.
    const other = await seedShop(t.app);
    const theirs = await (await callerFor(t.app, other.supervisor.cookie)).desk.vendorScorecard({ days: 30 });
    expect(theirs.vendors.map((v) => v.vendorId)).not.toContain(shop.vendorA.id);
  });
});
