import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { formatReason } from '@/lib/reasons';
import { callerFor, cid, createTestApp, newConversation, seedShop, seedStaff, type Shop, type TestApp } from '@/test/test-app';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const settle = async () => {
  await t.app.writer.drain();
  await new Promise((r) => setTimeout(r, 100));
};
const notesOf = (conversationId: string, kind: string) =>
  t.app.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.conversationId, conversationId), eq(notifications.kind, kind)));

describe('notifications for @mentions and assignment', () => {
  it('a private note mentioning a teammate by name notifies them (and only them), live and stored', async () => {
    const rina = await seedStaff(t.app, { workspaceId: shop.ws.id, role: 'agent', name: 'Rina Akter', teamIds: [shop.team.id] });
    const pushed: string[] = [];
    const off = t.app.bus.on('notification.created', (e) => e.notification.kind === 'mention' && pushed.push(e.userId));
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Customer wants a refund; @rina akter can you check bKash?', isNote: true });
    // A reply to the customer mentioning someone is not a note: no notification. Nor is mentioning yourself.
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: `@Rina Akter will call you` });
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: `note to self @${shop.agent.name}`, isNote: true });
    await settle();
    off();
    expect(pushed).toEqual([rina.id]);
    const stored = await notesOf(conversation.id, 'mention');
    expect(stored.map((n) => n.userId)).toEqual([rina.id]);
    expect(stored[0]!.body).toContain('@rina akter can you check bKash?');
    expect(formatReason(stored[0]!.detail?.title, 'en')).toBe(`${shop.agent.name} mentioned you in a note: ${stored[0]!.detail?.title.params.who ?? 'A customer'}`);
    const list = await (await callerFor(t.app, rina.cookie)).desk.notifications();
    expect(list.items[0]).toMatchObject({ kind: 'mention', conversationId: conversation.id });
    expect(list.unread).toBeGreaterThanOrEqual(1);
  });

  it('vendor staff can be mentioned in their own vendor’s conversations only; other workspaces never', async () => {
    const other = await seedShop(t.app);
    const a = await newConversation(t.app, shop.widget.key, shop.skuA);
    const names = [shop.vendorStaffA.name, shop.vendorStaffB.name, other.agent.name].map((n) => `@${n}`).join(' ');
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: a.conversation.id, clientId: cid(), body: `please look ${names}`, isNote: true });
    await settle();
    const ids = (await notesOf(a.conversation.id, 'mention')).map((n) => n.userId);
    expect(ids).toContain(shop.vendorStaffA.id);
    expect(ids).not.toContain(shop.vendorStaffB.id);
    expect(ids).not.toContain(other.agent.id);
  });

  it('assignment by a supervisor notifies the assignee; taking it yourself or a decision keeping the assignee does not', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.agent.id);
    await settle();
    let stored = await notesOf(conversation.id, 'assigned');
    expect(stored.map((n) => n.userId)).toEqual([shop.agent.id]);
    expect(stored[0]!.title).toBe(`Assigned to you: ${stored[0]!.detail?.title.params.who ?? 'A customer'} (by ${shop.supervisor.name})`);
    // The same person again (e.g. a transfer note): nothing new.
    await t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.agent.id, 'please call back');
    // The supervisor takes one themselves: nothing.
    const second = await newConversation(t.app, shop.widget.key);
    await t.app.chat.assign(shop.supervisor.actor, second.conversation.id, shop.supervisor.id);
    await settle();
    stored = await notesOf(conversation.id, 'assigned');
    expect(stored).toHaveLength(1);
    expect(await notesOf(second.conversation.id, 'assigned')).toHaveLength(0);
  });

  it('a new conversation routed straight to an online agent notifies them', async () => {
    const routed = await seedShop(t.app, { onlineAgents: 1 });
    const { conversation } = await newConversation(t.app, routed.widget.key);
    await settle();
    expect(conversation.assigneeId).toBe(routed.agent.id);
    expect((await notesOf(conversation.id, 'assigned')).map((n) => n.userId)).toEqual([routed.agent.id]);
  });
});
