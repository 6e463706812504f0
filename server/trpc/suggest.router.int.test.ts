import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLabelsAndCanned } from '@/db/seed/factories';
import { suggestRepliesOutput } from '@/lib/contracts/suggest';
import { callerFor as callerForApp, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// desk.suggestReplies through the router: who may ask, what comes back. No models here: TF-IDF ranking.
let t: TestApp;
let shop: Shop;

const callerFor = (cookie?: string) => callerForApp(t.app, cookie);


const cotton = 'Is this saree pure cotton?';
const vendorReply = 'Yes, it is pure cotton, woven by hand in Tangail.';
const platformReply = 'Yes, pure cotton; see the fabric details on the product page.';
let vendorConversationId: string;
let platformConversationId: string;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  await seedLabelsAndCanned(t.app.db, shop.ws.id, [], [
    { shortCode: 'fabric', title: 'Fabric questions', lang: 'en', content: 'All our sarees list their fabric (cotton, silk, georgette) on the product page.' },
  ]);
  const say = async (sku: string | undefined, replier: Shop['agent'] | null, text: string, reply?: string) => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key, sku);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: text });
    if (replier && reply) await t.app.chat.sendMessage(replier.actor, { conversationId: conversation.id, clientId: cid(), body: reply });
    return conversation.id;
  };
  await say(shop.skuA, shop.vendorStaffA, cotton, vendorReply);
  await say(undefined, shop.agent, cotton, platformReply);
  vendorConversationId = await say(shop.skuA, null, 'is the saree pure cotton or mixed?');
  platformConversationId = await say(undefined, null, 'is the saree pure cotton or mixed?');
}, 60_000);
afterAll(() => t?.close());

describe('desk.suggestReplies', () => {
  it('agents, supervisors and admins get up to three suggestions for the last customer message', async () => {
    for (const who of [shop.agent, shop.supervisor, shop.admin]) {
      const r = await (await callerFor(who.cookie)).desk.suggestReplies({ conversationId: platformConversationId });
      expect(suggestRepliesOutput.parse(r)).toEqual(r);
      expect(r).toMatchObject({ available: true, method: 'tfidf' });
      expect(r.suggestions.length).toBeGreaterThan(0);
      expect(r.suggestions.length).toBeLessThanOrEqual(3);
      expect(r.suggestions.map((s) => s.text)).toEqual(expect.arrayContaining([vendorReply, platformReply]));
      for (const s of r.suggestions) expect(s.id).toMatch(/^(canned|history):/);
    }
  });

  it('a vendor gets suggestions for its own conversation from canned responses and its own replies only', async () => {
    const r = await (await callerFor(shop.vendorStaffA.cookie)).desk.suggestReplies({ conversationId: vendorConversationId });
    const texts = r.suggestions.map((s) => s.text);
    expect(texts).toContain(vendorReply);
    expect(texts).not.toContain(platformReply);
    expect(r.suggestions.every((s) => s.source === 'canned' || s.text === vendorReply)).toBe(true);
  });

  it('other vendors, executives and strangers are refused; a malformed id is a bad request', async () => {
    const otherVendor = await callerFor(shop.vendorStaffB.cookie);
    expect((await trpcError(otherVendor.desk.suggestReplies({ conversationId: vendorConversationId }))).code).toBe('NOT_FOUND');
    // A vendor may not look at the platform's own conversations either.
    expect((await trpcError((await callerFor(shop.vendorStaffA.cookie)).desk.suggestReplies({ conversationId: platformConversationId }))).code).toBe('NOT_FOUND');
    expect((await trpcError((await callerFor(shop.executive.cookie)).desk.suggestReplies({ conversationId: platformConversationId }))).code).toBe('FORBIDDEN');
    expect((await trpcError((await callerFor()).desk.suggestReplies({ conversationId: platformConversationId }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError((await callerFor(shop.agent.cookie)).desk.suggestReplies({ conversationId: 'not-a-uuid' }))).code).toBe('BAD_REQUEST');
  });
});
