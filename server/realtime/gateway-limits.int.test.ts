import { eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, users } from '@/db/schema';
import type { Ack } from '@/lib/contracts/chat';
import { createApp } from '@/server/app';
import { cid, createTestApp, newConversation, seedShop, type Shop, startGateway, type TestApp, connectSocket } from '@/test/test-app';

// Abuse limits, presence and multi-tab sync, through real sockets.
let t: TestApp;
let shop: Shop;
let gw: Awaited<ReturnType<typeof startGateway>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  // Same database, limits switched on.
  gw = await startGateway(createApp(t.app.handle, { ...t.app.opts, rateLimitDisabled: false, rateLimitOverrides: { socketEvents: { points: 60, duration: 10 } } }));
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await gw?.close();
  await t?.close();
});

const connect = (opts: { auth?: object; cookie?: string }) => connectSocket(gw.url, { ...opts, track: sockets });
const ack = <T>(s: Socket, event: string, payload: unknown) => new Promise<Ack<T>>((resolve) => s.emit(event, payload, resolve));

describe('gateway limits and presence', () => {
  it('a visitor flooding messages is told to slow down, and nothing past the limit is stored', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const s = await connect({ auth: { visitorToken: visitor.token } });
    const acks = [];
    for (let i = 0; i < 40; i++) acks.push(await ack(s, 'message:send', { conversationId: conversation.id, clientId: cid('flood'), body: `flood ${i}` }));
    const ok = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok);
    expect(ok).toBe(30);
    expect(limited.length).toBe(10);
    expect(limited.every((a) => !a.ok && a.error.code === 'TOO_MANY_REQUESTS' && /try again in \d+ s/.test(a.error.message))).toBe(true);
    const [row] = await t.app.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.conversationId, conversation.id));
    expect(Number(row!.n)).toBe(30);
  });

  it('a socket sending more events than any person could is told why and disconnected, and may not reconnect at once; other sockets go on', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const other = await newConversation(t.app, shop.widget.key);
    const calm = await connect({ auth: { visitorToken: other.visitor.token } });
    const s = await connect({ auth: { visitorToken: visitor.token } });
    const told = new Promise<{ retryAfterSeconds: number; message: string }>((resolve) => s.once('rate:limited', resolve));
    const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
    // Typing events: no database work, so only the socket limit (60 per 10 s here) stops them.
    for (let i = 0; i < 80; i++) s.emit('typing', { conversationId: conversation.id, isTyping: i % 2 === 0 });
    const why = await told;
    expect(why.retryAfterSeconds).toBeGreaterThan(0);
    expect(why.message).toMatch(/try again in \d+ s/);
    expect(await closed).toBe('io server disconnect');
    // A new socket is not a new budget: reconnecting is refused until the window is over.
    await expect(connect({ auth: { visitorToken: visitor.token } })).rejects.toThrow('TOO_MANY_REQUESTS');
    expect(calm.connected).toBe(true);
    expect((await ack(calm, 'message:send', { conversationId: other.conversation.id, clientId: cid('calm'), body: 'still here' })).ok).toBe(true);
  });

  it('an agent is online while any tab is connected and offline after the last one closes', async () => {
    const agent = shop.agents[0]!;
    const presence = async () => (await t.app.db.select({ p: users.presence }).from(users).where(eq(users.id, agent.id)))[0]!.p;
    const tab1 = await connect({ cookie: agent.cookie });
    const tab2 = await connect({ cookie: agent.cookie });
    await expect.poll(presence).toBe('online');
    expect((await ack<{ status: string }>(tab1, 'presence:set', { status: 'away' })).ok).toBe(true);
    await expect.poll(presence).toBe('away');
    // A new tab (or a reconnect after a network blip) does not undo a chosen "away".
    const tab3 = await connect({ cookie: agent.cookie });
    await new Promise((r) => setTimeout(r, 300));
    expect(await presence()).toBe('away');
    tab3.disconnect();
    tab1.disconnect();
    await new Promise((r) => setTimeout(r, 2000));
    expect(await presence()).toBe('away'); // tab 2 is still open
    tab2.disconnect();
    await expect.poll(presence, { timeout: 5000 }).toBe('offline');
  });

  it('reading in one tab clears the conversation in the agent’s other tabs', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const customer = await connect({ auth: { visitorToken: visitor.token } });
    const sent = await ack<{ id: number }>(customer, 'message:send', { conversationId: conversation.id, clientId: cid(), body: 'hello' });
    expect(sent.ok).toBe(true);
    const tabA = await connect({ cookie: shop.supervisor.cookie });
    const tabB = await connect({ cookie: shop.supervisor.cookie });
    const synced = new Promise<{ conversationId: string; lastReadMessageId: number }>((resolve) => tabB.on('read:sync', resolve));
    const r = await ack(tabA, 'receipt', { conversationId: conversation.id, upToId: sent.ok ? sent.data.id : 0, kind: 'read' });
    expect(r.ok).toBe(true);
    expect(await synced).toEqual({ conversationId: conversation.id, lastReadMessageId: sent.ok ? sent.data.id : -1 });
  });
});
