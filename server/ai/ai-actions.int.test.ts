import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, notifications, routingDecisions } from '@/db/schema';
import { seedTeam } from '@/db/seed/factories';
import type { NotificationDto } from '@/lib/contracts/chat';
import { formatReason, reasons } from '@/lib/reasons';
import { callerFor as callerForApp, cid, createTestApp, newConversation, seedShop, seedStaff, type SeededStaff, type Shop, type TestApp, trpcError } from '@/test/test-app';
import { AiClient } from './ai-client';

// What the models' readings do in the desk: intent routing (with reasons) and sentiment escalation, end to end
// through the real classifiers in the worker process.
let t: TestApp;
let shop: Shop;
let ai: AiClient;
let orders: { id: string; name: string };
let payments: { id: string; name: string };
let general: { id: string; name: string };
let ordersAgent: SeededStaff;
let ordersSupervisor: SeededStaff;

beforeAll(async () => {
  [t, ai] = await Promise.all([createTestApp(), AiClient.start()]);
  shop = await seedShop(t.app);
  // The demo team names the default AI_TEAM_MAP routes to; the widget's default team stays "Support".
  orders = await seedTeam(t.app.db, shop.ws.id, 'Orders & Delivery');
  payments = await seedTeam(t.app.db, shop.ws.id, 'Payments & Refunds');
  general = await seedTeam(t.app.db, shop.ws.id, 'General Support');
  ordersAgent = await seedStaff(t.app, { workspaceId: shop.ws.id, role: 'agent', teamIds: [orders.id], presence: 'online', name: 'Orders Agent' });
  ordersSupervisor = await seedStaff(t.app, { workspaceId: shop.ws.id, role: 'supervisor', teamIds: [orders.id], name: 'Orders Supervisor' });
  t.app.ai.attach((texts) => ai.classify(texts));
}, 60_000);
afterAll(async () => {
  t.app.ai.stop();
  await ai.close();
  await t.close();
});

const say = async (visitor: Awaited<ReturnType<typeof newConversation>>['visitor'], conversationId: string, body: string) => {
  const m = await t.app.chat.sendMessage(visitor.actor, { conversationId, clientId: cid(), body });
  await t.app.ai.idle();
  return m;
};
const row = async (id: string) => (await t.app.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const decisionsOf = async (id: string) => t.app.db.select().from(routingDecisions).where(eq(routingDecisions.conversationId, id)).orderBy(routingDecisions.id);
const callerFor = (cookie: string) => callerForApp(t.app, cookie);
const trpcCode = async (p: Promise<unknown>) => (await trpcError(p)).code;

describe('smart routing by intent', () => {
  it('moves a new conversation to the team its first message maps to, assigns an online member and records why', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    expect(conversation.teamId).toBe(shop.team.id);
    const decided: string[] = [];
    const off = t.app.bus.on('routing.decided', (e) => e.conversationId === conversation.id && decided.push(e.decision.source));
    await say(visitor, conversation.id, 'amar order ta kothay ache? 5 din hoye gelo delivery pai nai');
    off();
    const c = await row(conversation.id);
    expect(c.teamId).toBe(orders.id);
    expect(c.assigneeId).toBe(ordersAgent.id);
    expect(decided).toEqual(['ai']);

    const list = await (await callerFor(shop.supervisor.cookie)).desk.routingDecisions({ conversationId: conversation.id });
    expect(list.map((d) => d.source)).toEqual(['widget', 'ai']);
    expect(list[0]).toMatchObject({ teamName: 'Support' });
    expect(list[1]).toMatchObject({ teamName: 'Orders & Delivery', assigneeName: 'Orders Agent', intent: 'order_status' });
    expect(list[1]!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(list[1]!.reason).toMatch(/^Intent order_status \(\d+% confident\) maps to Orders & Delivery$/);
    // The same reason as a code, so a Bengali desk shows it in Bengali.
    expect(list[0]!.detail).toMatchObject({ code: 'widget.default_team', params: { team: 'Support' } });
    expect(list[1]!.detail).toMatchObject({ code: 'ai.intent', params: { intent: 'order_status', team: 'Orders & Delivery' } });
    expect(formatReason(list[1]!.detail, 'en')).toBe(list[1]!.reason);
    expect(formatReason(list[1]!.detail, 'bn')).toMatch(/^উদ্দেশ্য „অর্ডারের অবস্থা” \([০-৯]+% নিশ্চিত\), তাই Orders & Delivery টিমে$/);
  });

  it('shows routing reasons to supervisors and admins only', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    expect(await (await callerFor(shop.agent.cookie)).desk.routingDecisions({ conversationId: conversation.id })).toHaveLength(1);
    expect(await trpcCode((await callerFor(shop.vendorStaffA.cookie)).desk.routingDecisions({ conversationId: conversation.id }))).toBe('FORBIDDEN');
    expect(await (await callerFor(shop.admin.cookie)).desk.routingDecisions({ conversationId: conversation.id })).toHaveLength(1);
  });

  it('sends a greeting to the general queue, then a clear request to its specialist team', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await say(visitor, conversation.id, 'hello');
    expect((await row(conversation.id)).teamId).toBe(general.id);
    await say(visitor, conversation.id, 'I want a refund for the broken phone you delivered, please return my money');
    expect((await row(conversation.id)).teamId).toBe(payments.id);
    const d = await decisionsOf(conversation.id);
    expect(d.map((x) => x.source)).toEqual(['widget', 'ai', 'ai']);
    expect(d[1]!.reason).toMatch(/^Low confidence: .*; general queue General Support$/);
    expect(d[2]).toMatchObject({ intent: 'return_refund', teamId: payments.id });
  });

  it('leaves answered, hand-routed and vendor conversations where people put them', async () => {
    const answered = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(shop.supervisor.actor, { conversationId: answered.conversation.id, clientId: cid(), body: 'Hi, how can I help?' });
    await say(answered.visitor, answered.conversation.id, 'amar order kothay?');
    expect((await row(answered.conversation.id)).teamId).toBe(shop.team.id);

    const moved = await newConversation(t.app, shop.widget.key);
    await t.app.chat.transferToTeam(shop.supervisor.actor, moved.conversation.id, general.id);
    await say(moved.visitor, moved.conversation.id, 'payment failed but money was cut from my bKash');
    expect((await row(moved.conversation.id)).teamId).toBe(general.id);
    const d = await decisionsOf(moved.conversation.id);
    expect(d.map((x) => x.source)).toEqual(['widget', 'manual']);
    expect(d[1]!.reason).toContain(`Transferred to General Support by ${shop.supervisor.name}`);
    expect(d[1]!.detail).toMatchObject({ code: 'manual.transferred', params: { team: 'General Support', actor: shop.supervisor.name } });

    const vendorChat = await newConversation(t.app, shop.widget.key, shop.skuA);
    await say(vendorChat.visitor, vendorChat.conversation.id, 'ei sharee ta kobe deliver hobe? order korechi');
    expect((await decisionsOf(vendorChat.conversation.id)).map((x) => x.source)).toEqual(['widget']);
  });
});

describe('sentiment escalation', () => {
  it('raises priority, flags the conversation and notifies the team supervisor live, once', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const pushed: { userId: string; n: NotificationDto }[] = [];
    const off = t.app.bus.on('notification.created', (e) => pushed.push({ userId: e.userId, n: e.notification }));
    await say(visitor, conversation.id, 'amar order ta kothay? 5 din hoye gelo');
    await say(visitor, conversation.id, 'জঘন্য সার্ভিস! আপনারা প্রতারক, পণ্য ভাঙা এসেছে, এখনই টাকা ফেরত দিন নাহলে মামলা করব');
    await say(visitor, conversation.id, 'ekdom faltu service, chor er dol, ar kono din kinbo na');
    off();
    const c = await row(conversation.id);
    expect(c.escalatedAt).not.toBeNull();
    expect(c.escalationReason).toMatch(/^(Sharply negative message|Sentiment worsening)/);
    expect(c.escalationDetail?.code).toMatch(/^escalation\.(sharp|worsening)$/);
    expect(formatReason(c.escalationDetail, 'en')).toBe(c.escalationReason);
    expect(c.priority).toBe('high');
    // The conversation sits in Orders & Delivery (intent routing) or Payments (refund): its supervisors hear of it.
    // (Assignment notifications for the same conversation are another kind.)
    const escalations = pushed.filter((p) => p.n.conversationId === conversation.id && p.n.kind === 'escalation');
    const recipients = new Set(escalations.map((p) => p.userId));
    expect(recipients.size).toBeGreaterThan(0);
    expect(escalations).toHaveLength(recipients.size);
    const stored = (await t.app.db.select().from(notifications).where(eq(notifications.conversationId, conversation.id))).filter((n) => n.kind === 'escalation');
    expect(new Set(stored.map((n) => n.userId))).toEqual(recipients);
    if (c.teamId === orders.id) expect([...recipients]).toEqual([ordersSupervisor.id]);

    const someone = [...recipients][0]!;
    const who = [ordersSupervisor, shop.supervisor, shop.admin].find((s) => s.id === someone)!;
    const mine = await (await callerFor(who.cookie)).desk.notifications();
    expect(mine.unread).toBeGreaterThanOrEqual(1);
    const escalation = mine.items.find((n) => n.kind === 'escalation' && n.conversationId === conversation.id)!;
    expect(escalation).toMatchObject({ kind: 'escalation', conversationId: conversation.id });
    expect(escalation.detail?.title).toMatchObject({ code: 'notify.escalated', params: { priority: 'high' } });
    expect(formatReason(escalation.detail?.body, 'en')).toBe(escalation.body);
    expect(formatReason(escalation.detail?.title, 'bn')).toMatch(/^এস্কেলেশন: .* \(অগ্রাধিকার বেশি\)$/);
    await (await callerFor(who.cookie)).desk.markNotificationsRead({ upToId: mine.items[0]!.id });
    expect((await (await callerFor(who.cookie)).desk.notifications()).unread).toBe(0);

    // Cleared by a supervisor (agents may not); priority stays where it was raised.
    expect(await trpcCode((await callerFor(shop.agent.cookie)).desk.clearEscalation({ id: conversation.id }))).toBe('FORBIDDEN');
    const cleared = await (await callerFor(shop.admin.cookie)).desk.clearEscalation({ id: conversation.id });
    expect(cleared).toMatchObject({ escalatedAt: null, escalationReason: null, escalationDetail: null, priority: 'high' });
  });

  it('does not escalate calm or happy conversations', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    await say(visitor, conversation.id, 'Thank you so much, the saree is beautiful!');
    await say(visitor, conversation.id, 'ধন্যবাদ, খুব ভালো সার্ভিস');
    const c = await row(conversation.id);
    expect(c.escalatedAt).toBeNull();
    expect(c.priority).toBe('none');
  });
});

describe('backfill', () => {
  it('reads messages stored while the models were away, without routing or escalating old conversations', async () => {
    t.app.ai.stop();
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const m = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'জঘন্য সার্ভিস! আপনারা প্রতারক, এখনই টাকা ফেরত দিন' });
    t.app.ai.attach((texts) => ai.classify(texts));
    expect(await t.app.ai.backfill()).toBeGreaterThanOrEqual(1);
    const history = await t.app.chat.listHistory(shop.supervisor.actor, conversation.id, null, 10);
    expect(history.messages.find((x) => x.id === m.id)?.annotation?.sentiment).toBe('negative');
    const c = await row(conversation.id);
    expect(c.escalatedAt).toBeNull();
    expect(c.teamId).toBe(shop.team.id);
    // Nothing left to read.
    expect(await t.app.ai.backfill()).toBe(0);
  });
});

describe('guards', () => {
  it('does not apply an intent route planned on a conversation someone has moved since', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.db.update(conversations).set({ teamId: general.id }).where(eq(conversations.id, conversation.id));
    const plan = { teamId: orders.id, intent: 'order_status', confidence: 0.99, detail: reasons.aiIntent('order_status', 0.99, 'Orders & Delivery') };
    expect(await t.app.chat.applyIntentRoute(conversation.id, plan, { teamId: shop.team.id, assigneeId: null })).toBeNull();
    expect((await row(conversation.id)).teamId).toBe(general.id);
    expect(await t.app.chat.applyIntentRoute(conversation.id, plan, { teamId: general.id, assigneeId: null })).toMatchObject({ source: 'ai', teamId: orders.id });
  });

  it('marks one opened notification read, or all up to an id, and only the person’s own', async () => {
    const a = await newConversation(t.app, shop.widget.key);
    const b = await newConversation(t.app, shop.widget.key);
    const event = (id: string) => ({ workspaceId: shop.ws.id, conversation: { id, teamId: orders.id, contactName: 'X', priority: 'high' }, reason: 'test', detail: null });
    const [first] = await t.app.notifications.notifyEscalation(event(a.conversation.id));
    const [second] = await t.app.notifications.notifyEscalation(event(b.conversation.id));
    const sup = await callerFor(ordersSupervisor.cookie);
    const before = (await sup.desk.notifications()).unread;
    // Another person cannot mark them.
    expect((await (await callerFor(shop.admin.cookie)).desk.markNotificationsRead({ id: second!.id })).marked).toBe(0);
    expect((await sup.desk.markNotificationsRead({ id: second!.id })).marked).toBe(1);
    const after = await sup.desk.notifications();
    expect(after.unread).toBe(before - 1);
    expect(after.items.find((n) => n.id === first!.id)?.readAt).toBeNull();
    expect((await sup.desk.markNotificationsRead({ upToId: second!.id })).marked).toBeGreaterThanOrEqual(1);
    expect((await sup.desk.notifications()).unread).toBe(0);
  });
});
