import { eq } from 'drizzle-orm';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { csatResponses } from '@/db/schema';
import type { Ack, ClientToServerEvents, QueueEvent, ServerToClientEvents } from '@/lib/contracts/chat';
import { callerFor, createTestApp, newConversation, seedShop, type Shop, startGateway, type TestApp } from '@/test/test-app';

type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
type EmitWithAck = { emitWithAck: (event: string, payload: unknown) => Promise<unknown> };

let t: TestApp;
let shop: Shop;
let gw: Awaited<ReturnType<typeof startGateway>>;
const open: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  gw = await startGateway(t.app);
});
afterEach(() => {
  for (const c of open.splice(0)) c.disconnect();
});
afterAll(async () => {
  await gw?.close();
  await t?.close();
});

async function connect(visitorToken: string): Promise<Client> {
  const s = connectClient(gw.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { visitorToken } }) as Client;
  open.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}
const rate = (s: Client, payload: unknown) => (s.timeout(5000) as unknown as EmitWithAck).emitWithAck('csat:submit', payload) as Promise<Ack<QueueEvent>>;

async function resolvedConversation() {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
  await t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.agent.id);
  await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'resolved');
  return { visitor, conversation, socket: await connect(visitor.token) };
}

describe('customer satisfaction (CSAT)', () => {
  it('the customer rates a resolved conversation; rating again replaces it; staff see rating and comment', async () => {
    const { conversation, socket } = await resolvedConversation();
    const queued = new Promise<QueueEvent>((resolve) => socket.on('queue', (e) => e.csat && resolve(e)));
    const first = await rate(socket, { conversationId: conversation.id, rating: 2, comment: '  ডেলিভারি দেরি হয়েছে  ' });
    expect(first).toMatchObject({ ok: true, data: { status: 'resolved', csat: { rating: 2, comment: 'ডেলিভারি দেরি হয়েছে' } } });
    expect((await queued).csat?.rating).toBe(2);

    const again = await rate(socket, { conversationId: conversation.id, rating: 5 });
    expect(again).toMatchObject({ ok: true, data: { csat: { rating: 5, comment: null } } });
    const rows = await t.app.db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversation.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 5, assigneeId: shop.agent.id, teamId: shop.team.id, workspaceId: shop.ws.id });

    const desk = await callerFor(t.app, shop.agent.cookie);
    const detail = await desk.desk.conversation({ id: conversation.id });
    expect(detail.conversation.csatRating).toBe(5);
    expect(detail.csat).toMatchObject({ rating: 5, comment: null });
  });

  it('rejects ratings outside 1–5, non-integers and over-long comments, and keeps the earlier rating', async () => {
    const { conversation, socket } = await resolvedConversation();
    expect(await rate(socket, { conversationId: conversation.id, rating: 4, comment: 'ভালো' })).toMatchObject({ ok: true });
    for (const bad of [{ rating: 0 }, { rating: 6 }, { rating: 3.5 }, { rating: '5' }, { rating: 3, comment: 'x'.repeat(1001) }]) {
      const r = await rate(socket, { conversationId: conversation.id, ...bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const [row] = await t.app.db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversation.id));
    expect(row).toMatchObject({ rating: 4, comment: 'ভালো' });
  });

  it('refuses to rate a conversation that is not resolved, and another customer’s conversation', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const socket = await connect(visitor.token);
    expect(await rate(socket, { conversationId: conversation.id, rating: 5 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const other = await resolvedConversation();
    expect(await rate(socket, { conversationId: other.conversation.id, rating: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rows = await t.app.db.select().from(csatResponses).where(eq(csatResponses.conversationId, other.conversation.id));
    expect(rows).toHaveLength(0);
  });

  it('a vendor sees the rating of their own conversation only', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key, shop.skuA);
    await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'resolved');
    await t.app.chat.submitCsat(visitor.actor, { conversationId: conversation.id, rating: 3 });
    expect((await (await callerFor(t.app, shop.vendorStaffA.cookie)).desk.conversation({ id: conversation.id })).csat?.rating).toBe(3);
    const err = await (await callerFor(t.app, shop.vendorStaffB.cookie)).desk.conversation({ id: conversation.id }).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('NOT_FOUND');
  });
});
