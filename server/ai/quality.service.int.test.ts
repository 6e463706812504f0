import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationQuality, conversations, messageAnnotations, messages } from '@/db/schema';
import { cid, createTestApp, newConversation, rejection, seedShop, type Shop, type TestApp } from '@/test/test-app';

// Resolving a conversation stores its quality score (server/ai/quality.ts) with the reasons behind it.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const stored = async (conversationId: string) =>
  (await t.app.db.select().from(conversationQuality).where(eq(conversationQuality.conversationId, conversationId)))[0] ?? null;
const reasonOf = (row: { reasons: { key: string; points: number; max: number; detail: string }[] } | null, key: string) => row?.reasons.find((r) => r.key === key);

const moods = {
  negative: { negative: 0.9, neutral: 0.08, positive: 0.02 },
  positive: { negative: 0.02, neutral: 0.08, positive: 0.9 },
} as const;
/** What the models would have said about a customer message (the AI service stores these after delivery). */
async function annotate(conversationId: string, messageId: number, sentiment: keyof typeof moods, lang = 'en') {
  await t.app.db
    .insert(messageAnnotations)
    .values({ messageId, conversationId, lang, sentiment, sentimentScores: moods[sentiment], intent: 'order_status', intentConfidence: 0.9 });
}

async function resolve(conversationId: string, actor = shop.agent.actor) {
  await t.app.chat.setStatus(actor, conversationId, 'resolved');
  await t.app.quality.idle();
}

describe('quality score', () => {
  it('is stored when a conversation is resolved: first response, sentiment, replies, each with its reason', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const say = (body: string) => t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body });
    const reply = (body: string) => t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body });

    const angry = await say('Where is my order? It is a week late, I am angry');
    await annotate(conversation.id, angry.id, 'negative');
    // The customer waited 20 minutes for the first reply.
    await t.app.db.update(messages).set({ createdAt: new Date(Date.now() - 20 * 60_000) }).where(eq(messages.id, angry.id));
    await reply('Hello, I am sorry about the delay: it arrives tomorrow');
    const happy = await say('Great, thanks');
    await annotate(conversation.id, happy.id, 'positive');
    await reply('You are welcome, have a nice day!');
    await t.app.quality.idle();
    expect(await stored(conversation.id)).toBeNull();

    await resolve(conversation.id);
    const row = await stored(conversation.id);
    expect(row).not.toBeNull();
    // Unassigned: the score goes to the agent who replied.
    expect(row!.agentId).toBe(shop.agent.id);
    expect(row!.reasons.map((r) => r.key)).toHaveLength(10);
    expect(reasonOf(row, 'first_response')).toMatchObject({ points: 9, max: 25, detail: expect.stringContaining('20 min') });
    expect(reasonOf(row, 'sentiment')).toMatchObject({ points: 20, detail: expect.stringContaining('improved from negative') });
    expect(reasonOf(row, 'empathy')?.points).toBe(6);
    expect(reasonOf(row, 'no_reopen')?.points).toBe(10);
    expect(row!.score).toBe(100 - (25 - 9));
    expect(row!.score).toBe(row!.reasons.reduce((s, r) => s + r.points, 0));
  });

  it('a change to a resolved conversation keeps its score; the customer coming back and a new resolution rescore it as reopened', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Do you deliver to Sylhet?' });
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Hello! Yes, in two days.' });
    await resolve(conversation.id);
    const first = (await stored(conversation.id))!;
    expect(reasonOf(first, 'no_reopen')?.points).toBe(10);

    await t.app.chat.setLabels(shop.agent.actor, conversation.id, ['delivery']);
    await t.app.quality.idle();
    expect((await stored(conversation.id))!.computedAt).toEqual(first.computedAt);

    // The customer writes again: the conversation reopens; the old score is not shown for it.
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'And to Khulna?' });
    const reopened = (await t.app.db.select().from(conversations).where(eq(conversations.id, conversation.id)))[0]!;
    expect(reopened.status).toBe('open');
    expect(await t.app.quality.getConversationQuality(shop.supervisor.actor, conversation.id)).toBeNull();

    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Khulna takes three days.' });
    await resolve(conversation.id);
    const second = (await stored(conversation.id))!;
    expect(second.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
    expect(reasonOf(second, 'no_reopen')).toMatchObject({ points: 0, detail: 'Reopened after it had been resolved' });
    expect(second.score).toBe(first.score - 10);

    // Resolving it once more keeps the reopen on record.
    await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'open');
    await resolve(conversation.id);
    expect(reasonOf(await stored(conversation.id), 'no_reopen')?.points).toBe(0);
  });

  it('staff reopening and resolving again without a word from the customer is not a reopen', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Is cash on delivery possible?' });
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Hi, yes it is.' });
    await resolve(conversation.id);
    const first = (await stored(conversation.id))!;
    await t.app.chat.setStatus(shop.supervisor.actor, conversation.id, 'open');
    await t.app.chat.sendMessage(shop.supervisor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Also: delivery is free this week.' });
    await resolve(conversation.id, shop.supervisor.actor);
    const second = (await stored(conversation.id))!;
    expect(second.computedAt.getTime()).toBeGreaterThan(first.computedAt.getTime());
    expect(reasonOf(second, 'no_reopen')?.points).toBe(10);
  });

  it('reading a score computes it when the resolution was not seen (another node, a restart)', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'ok, where do I pay?' });
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Hello, at checkout.' });
    await t.app.db.update(conversations).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(conversations.id, conversation.id));
    expect(await stored(conversation.id)).toBeNull();

    const dto = await t.app.quality.getConversationQuality(shop.supervisor.actor, conversation.id);
    expect(dto).toMatchObject({ conversationId: conversation.id, agentId: shop.agent.id, agentName: shop.agent.name });
    expect(dto!.score).toBe((await stored(conversation.id))!.score);
    expect(dto!.reasons).toHaveLength(10);
  });

  it('nothing is scored when the customer never wrote', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await resolve(conversation.id);
    expect(await stored(conversation.id)).toBeNull();
    expect(await t.app.quality.getConversationQuality(shop.admin.actor, conversation.id)).toBeNull();
  });

  it('is for supervisors, admins and executives of the same workspace only', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'hello' });
    await resolve(conversation.id);
    expect((await t.app.quality.getConversationQuality(shop.executive.actor, conversation.id))?.score).toBeGreaterThan(0);
    expect((await rejection(t.app.quality.getConversationQuality(shop.agent.actor, conversation.id))).code).toBe('FORBIDDEN');
    expect((await rejection(t.app.quality.getConversationQuality(shop.vendorStaffA.actor, conversation.id))).code).toBe('FORBIDDEN');
    const other = await seedShop(t.app);
    expect((await rejection(t.app.quality.getConversationQuality(other.supervisor.actor, conversation.id))).code).toBe('NOT_FOUND');
  });
});
