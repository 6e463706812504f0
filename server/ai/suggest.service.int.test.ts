import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { seedLabelsAndCanned } from '@/db/seed/factories';
import { cid, createTestApp, newConversation, rejection, seedShop, type Shop, type TestApp } from '@/test/test-app';
import { AiClient } from './ai-client';
import { SuggestService } from './suggest.service';

// Reply suggestions against a real database and the real models in the worker process.
let t: TestApp;
let shop: Shop;
let ai: AiClient;

const CANNED = [
  { shortCode: 'refund', title: 'Refund policy', lang: 'en', content: 'You can return items within 7 days of delivery; the refund reaches your bKash within 48 hours of approval.' },
  { shortCode: 'refund-bn', title: 'রিফান্ড নীতি', lang: 'bn', content: 'ডেলিভারির ৭ দিনের মধ্যে পণ্য ফেরত দিতে পারবেন; অনুমোদনের ৪৮ ঘণ্টার মধ্যে রিফান্ড বিকাশে পৌঁছাবে।' },
  { shortCode: 'cod', title: 'Cash on delivery', lang: 'en', content: 'Cash on delivery is available all over Bangladesh for orders up to 20,000 taka.' },
];

/** A customer writes, an agent (or vendor staff) answers: one (message → reply) pair in the history. */
async function exchange(customerText: string, replyText: string, opts: { sku?: string; replier?: Shop['agent'] } = {}) {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key, opts.sku);
  await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: customerText });
  const reply = await t.app.chat.sendMessage((opts.replier ?? shop.agent).actor, { conversationId: conversation.id, clientId: cid(), body: replyText });
  return { visitor, conversation, reply };
}

/** A unique word without digits: past replies show long numbers masked (maskPersonalNumbers). */
const letters = () => Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

async function customerAsks(text: string, sku?: string) {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key, sku);
  const message = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: text });
  await t.app.ai.idle(); // its annotation (language) is what the models say
  return { conversation, message };
}

beforeAll(async () => {
  [t, ai] = await Promise.all([createTestApp(), AiClient.start()]);
  shop = await seedShop(t.app);
  await seedLabelsAndCanned(t.app.db, shop.ws.id, [], CANNED);
  t.app.ai.attach((texts) => ai.classify(texts));
  t.app.suggest.attach({ embed: (texts) => ai.embed(texts), classify: (texts) => ai.classify(texts) });
  await exchange('Where is my parcel? It still has not arrived after five days', 'Sorry for the wait! Your parcel is with the courier and will reach you tomorrow.');
  await exchange('আমার পার্সেল এখনো আসেনি, কোথায় আছে?', 'দুঃখিত! আপনার পার্সেল কুরিয়ারের কাছে আছে, আগামীকাল পৌঁছে যাবে।');
  await exchange('amar parcel ekhono ashe nai, kothay ache?', 'Sorry! Apnar parcel courier er kache ache, kalke peye jaben.');
  await t.app.ai.idle();
}, 90_000);
afterAll(async () => {
  t.app.suggest.stop();
  t.app.ai.stop();
  await ai.close();
  await t.close();
});

describe('reply suggestions', () => {
  it('the encoder runs on the worker: unit-length vectors, similar requests closer than unrelated ones', async () => {
    const [a, b, c, bad] = await ai.embed(['where is my order?', 'my order has not arrived yet', 'I want to delete my account', 42]);
    for (const v of [a, b, c]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(Math.hypot(...(v as Float32Array))).toBeCloseTo(1, 4);
    }
    expect(bad).toBeInstanceOf(Error);
    const dot = (x: unknown, y: unknown) => (x as Float32Array).reduce((s, v, i) => s + v * (y as Float32Array)[i]!, 0);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
    // classify is unchanged beside it
    const [analysis] = await ai.classify(['amar order kothay?']);
    expect(analysis).toMatchObject({ lang: 'banglish', intent: 'order_status' });
  });

  it('suggests past replies and canned responses in the customer’s language', async () => {
    const en = await customerAsks('My parcel has not arrived yet, where is it?');
    const r = await t.app.suggest.suggestReplies(shop.agent.actor, en.conversation.id);
    expect(r).toMatchObject({ available: true, method: 'tfidf', messageId: en.message.id, lang: 'en' });
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
    expect(r.suggestions[0]).toMatchObject({ source: 'history', text: expect.stringContaining('Your parcel is with the courier') });
    expect(r.suggestions.every((s) => !/[\u0980-\u09FF]/.test(s.text))).toBe(true);

    const bn = await customerAsks('পার্সেল এখনো পাইনি, কোথায় আছে জানাবেন?');
    const rb = await t.app.suggest.suggestReplies(shop.agent.actor, bn.conversation.id);
    expect(rb.lang).toBe('bn');
    expect(rb.suggestions[0]!.text).toContain('আপনার পার্সেল কুরিয়ারের কাছে আছে');
    expect(rb.suggestions.every((s) => /[\u0980-\u09FF]/.test(s.text))).toBe(true);

    const banglish = await customerAsks('parcel ta kothay ache? ekhono pai nai');
    const rg = await t.app.suggest.suggestReplies(shop.agent.actor, banglish.conversation.id);
    expect(rg.lang).toBe('banglish');
    expect(rg.suggestions[0]!.text).toContain('Apnar parcel courier er kache ache');

    const refund = await customerAsks('I want to return this and get a refund to bKash');
    const rr = await t.app.suggest.suggestReplies(shop.agent.actor, refund.conversation.id);
    expect(rr.suggestions[0]).toMatchObject({ source: 'canned', text: CANNED[0]!.content, id: expect.stringMatching(/^canned:/) });
  });

  it('an agent’s new reply joins the index at once and is suggested for the next similar message', async () => {
    const replyText = `The Walton fan warranty is 5 years on the motor; keep the invoice (${letters()})`;
    await exchange('How long is the warranty on the Walton ceiling fan motor?', replyText);
    await t.app.suggest.idle();
    const next = await customerAsks('what is the warranty of walton ceiling fan?');
    const r = await t.app.suggest.suggestReplies(shop.agent.actor, next.conversation.id);
    expect(r.suggestions[0]).toMatchObject({ source: 'history', text: replyText });
  });

  it('vendors get canned responses and their own replies only; other vendors’ and the platform’s stay out', async () => {
    const ownReply = `Yes, this saree is made of pure cotton and woven by hand (seller A, ${letters()}).`;
    const otherReply = `Yes, the fabric is pure cotton and woven by hand (seller B, ${letters()}).`;
    const platformReply = `Yes, the fabric is pure cotton; the details are on the product page (${letters()}).`;
    await exchange('Is the jamdani saree fabric pure cotton?', ownReply, { sku: shop.skuA, replier: shop.vendorStaffA });
    await exchange('Is the jamdani saree fabric pure cotton??', otherReply, { sku: shop.skuB, replier: shop.vendorStaffB });
    await exchange('Is the jamdani saree fabric pure cotton? thanks', platformReply);
    await t.app.suggest.idle();

    const asked = await customerAsks('jamdani saree fabric pure cotton?', shop.skuA);
    const forVendor = await t.app.suggest.suggestReplies(shop.vendorStaffA.actor, asked.conversation.id);
    const texts = forVendor.suggestions.map((s) => s.text);
    expect(texts).toContain(ownReply);
    expect(texts).not.toContain(otherReply);
    expect(texts).not.toContain(platformReply);
    expect(forVendor.suggestions.every((s) => s.source === 'canned' || s.text === ownReply)).toBe(true);

    // Platform agents may draw on the whole workspace.
    const forAgent = await t.app.suggest.suggestReplies(shop.agent.actor, asked.conversation.id);
    expect(forAgent.suggestions.map((s) => s.text)).toEqual(expect.arrayContaining([platformReply]));

    // Another vendor cannot ask about this conversation at all.
    expect(await rejection(t.app.suggest.suggestReplies(shop.vendorStaffB.actor, asked.conversation.id))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('ranks with the encoder’s vectors when configured to; without the worker it falls back to TF-IDF; if the index cannot be built it answers an empty, unavailable list', async () => {
    const asked = await customerAsks('My parcel has not arrived, where is it now?');
    for (const method of ['hybrid', 'encoder'] as const) {
      const withEncoder = new SuggestService(t.app.db, t.app.bus, t.app.chat, { method });
      try {
        const before = await withEncoder.suggestReplies(shop.agent.actor, asked.conversation.id);
        expect(before).toMatchObject({ available: true, method: 'tfidf' }); // no worker attached yet
        withEncoder.attach({ embed: (texts) => ai.embed(texts), classify: (texts) => ai.classify(texts) });
        await withEncoder.idle(); // vectors for what was indexed without them
        const r = await withEncoder.suggestReplies(shop.agent.actor, asked.conversation.id);
        expect(r).toMatchObject({ available: true, method });
        expect(r.suggestions[0]!.text).toContain('Your parcel is with the courier');

        withEncoder.attach({ embed: () => Promise.reject(new Error('worker gone')) });
        expect(await withEncoder.suggestReplies(shop.agent.actor, asked.conversation.id)).toMatchObject({ available: true, method: 'tfidf' });
      } finally {
        withEncoder.stop();
      }
    }

    const failingDb = { execute: () => Promise.reject(new Error('database unreachable')) } as unknown as Db;
    const broken = new SuggestService(failingDb, t.app.bus, t.app.chat);
    try {
      expect(await broken.suggestReplies(shop.agent.actor, asked.conversation.id)).toMatchObject({ available: false, suggestions: [], messageId: asked.message.id });
    } finally {
      broken.stop();
    }
  });

  it('steps aside once the customer’s last message has been answered, and comes back when they write again', async () => {
    const word = letters();
    await exchange(`where is my parcel ${word}`, `Your parcel ${word} is with the courier today.`);
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: `where is my parcel ${word}?` });
    expect((await t.app.suggest.suggestReplies(shop.agent.actor, conversation.id)).suggestions.length).toBeGreaterThan(0);
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Checking now.' });
    expect((await t.app.suggest.suggestReplies(shop.agent.actor, conversation.id)).suggestions).toEqual([]);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: `any news on parcel ${word}?` });
    expect((await t.app.suggest.suggestReplies(shop.agent.actor, conversation.id)).suggestions.length).toBeGreaterThan(0);
  });

  it('a conversation where the customer has not written yet gets no suggestions', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    expect(await t.app.suggest.suggestReplies(shop.agent.actor, conversation.id)).toEqual({ available: true, method: null, messageId: null, lang: null, suggestions: [] });
  });
});
