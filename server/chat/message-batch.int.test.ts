import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '@/db/schema';
import { cid, createTestApp, newConversation, seedShop, type Shop, type TestApp } from '@/test/test-app';
import { type NewMessageRow, writeMessageBatch } from './chat.queries';

// One message goes to the database through a statement of its own (cheaper); several through the batch
// statement. Both must leave the same messages and conversations behind: each scenario runs through both.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t.close());

type Step = { set?: Partial<typeof conversations.$inferInsert>; row: (conversationId: string) => NewMessageRow; repeatClientId?: boolean };

async function run(steps: Step[], forceBatch: boolean) {
  const { conversation } = await newConversation(t.app, shop.widget.key);
  const seen: unknown[] = [];
  let last: NewMessageRow | null = null;
  for (const step of steps) {
    if (step.set) await t.app.db.update(conversations).set(step.set).where(eq(conversations.id, conversation.id));
    const row: NewMessageRow = step.repeatClientId && last ? last : step.row(conversation.id);
    last = row;
    const { inserted, conversations: touched } = await writeMessageBatch(t.handle, [row], { forceBatch });
    const m = inserted[0];
    const c = touched[0]?.c;
    seen.push({
      inserted: inserted.map((x) => ({ kind: x.kind, body: x.body, senderType: x.senderType, senderId: x.senderId, meta: x.meta, at: row.createdAt ? x.createdAt.toISOString() : 'now' })),
      conversation: c && {
        status: c.status,
        preview: c.lastMessagePreview,
        lastIsNew: c.lastMessageId === m?.id,
        lastContactIsNew: c.lastContactMessageId === m?.id,
        firstResponse: c.firstResponseAt !== null,
        resolved: c.resolvedAt !== null,
        snoozed: c.snoozedUntil !== null,
      },
      contactName: touched[0]?.contactName ?? null,
    });
  }
  return seen;
}

describe('message write statements', () => {
  it('one message alone and the batch statement agree', async () => {
    const contact = (conversationId: string, body = 'amar order kothay?'): NewMessageRow => ({ conversationId, clientId: cid(), body, kind: 'text', senderType: 'contact', senderId: null });
    const agent = (kind: 'text' | 'note') => (conversationId: string): NewMessageRow => ({ conversationId, clientId: cid(), body: `agent ${kind}`, kind, senderType: 'agent', senderId: shop.agent.id });
    const steps: Step[] = [
      { row: (id) => contact(id, 'x'.repeat(200)) },
      { row: agent('note') },
      { row: agent('text') },
      { row: agent('text') },
      { row: contact, repeatClientId: true },
      { set: { status: 'resolved', resolvedAt: new Date() }, row: agent('text') },
      { row: (id) => contact(id, 'abar problem') },
      { set: { status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000) }, row: (id) => contact(id, 'hello?') },
      {
        row: (id) => ({ conversationId: id, clientId: cid(), body: 'Order card', kind: 'event', senderType: 'system', senderId: null, meta: { card: 'order', id: 'DB-1' }, createdAt: new Date('2026-11-01T10:00:00Z') }),
      },
    ];
    const single = await run(steps, false);
    const batch = await run(steps, true);
    expect(single).toEqual(batch);
    // And what they agree on is right.
    const s = single as { inserted: unknown[]; conversation?: Record<string, unknown> }[];
    expect(s[0]!.conversation).toMatchObject({ status: 'open', preview: 'x'.repeat(140), lastIsNew: true, lastContactIsNew: true, firstResponse: false });
    expect(s[1]!.conversation).toBeUndefined(); // a note moves nothing
    expect(s[2]!.conversation).toMatchObject({ firstResponse: true, lastIsNew: true, lastContactIsNew: false });
    expect(s[4]!.inserted).toEqual([]); // a retried client id is stored once
    expect(s[5]!.conversation).toMatchObject({ status: 'resolved', resolved: true }); // an agent does not reopen
    expect(s[6]!.conversation).toMatchObject({ status: 'open', resolved: false }); // the customer does
    expect(s[7]!.conversation).toMatchObject({ status: 'open', snoozed: false });
    expect(s[8]!.inserted).toEqual([{ kind: 'event', body: 'Order card', senderType: 'system', senderId: null, meta: { card: 'order', id: 'DB-1' }, at: '2026-11-01T10:00:00.000Z' }]);
  });
});
