import { eq, sql } from 'drizzle-orm';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messages, widgets } from '@/db/schema';
import type { Ack, ClientToServerEvents, MessageDto, QueueEvent, ServerToClientEvents } from '@/lib/contracts/chat';
import { cid, createTestApp, newConversation, newVisitor, seedShop, type Shop, startGateway, type TestApp } from '@/test/test-app';

// Events as they arrive: loosely typed, the tests check their shape.
type Payload = Record<string, unknown>;
type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents> & { events: { event: string; payload: Payload }[] };

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

function socketFor(auth: { visitorToken?: unknown } | undefined, cookie?: string, origin?: string): Client {
  const s = connectClient(gw.url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    auth: auth ?? {},
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
  }) as Client;
  s.events = [];
  s.onAny((event, payload) => s.events.push({ event, payload }));
  open.push(s);
  return s;
}

async function connect(auth: { visitorToken?: unknown } | undefined, cookie?: string, origin?: string): Promise<Client> {
  const s = socketFor(auth, cookie, origin);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
  return s;
}

const connectError = (auth: { visitorToken?: unknown } | undefined, cookie?: string, origin?: string) =>
  new Promise<string>((resolve, reject) => {
    const s = socketFor(auth, cookie, origin);
    s.once('connect', () => reject(new Error('connected, but should have been refused')));
    s.once('connect_error', (e) => resolve(e.message));
  });

const visitorSocket = async (widgetKey = shop.widget.key) => {
  const v = await newVisitor(t.app, widgetKey);
  return { ...v, socket: await connect({ visitorToken: v.token }) };
};

// The typed event map says `(p: unknown, ack)`; tests also send payloads no real client would.
type EmitWithAck = { emitWithAck: (event: string, payload: unknown) => Promise<unknown> };
const ack = <T = Payload>(s: Client, event: keyof ClientToServerEvents, payload: unknown) =>
  (s.timeout(5000) as unknown as EmitWithAck).emitWithAck(event, payload) as Promise<Ack<T>>;

/** Resolves with the first matching event, including one that already arrived. */
function waitFor(s: Client, event: string, match: (p: Payload) => boolean = () => true, ms = 5000): Promise<Payload> {
  const seen = s.events.find((e) => e.event === event && match(e.payload));
  if (seen) return Promise.resolve(seen.payload);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.offAny(listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (e: string, p: Payload) => {
      if (e === event && match(p)) {
        clearTimeout(timer);
        s.offAny(listener);
        resolve(p);
      }
    };
    s.onAny(listener);
  });
}
const newMessages = (s: Client, conversationId: string) =>
  s.events.filter((e) => e.event === 'message:new' && e.payload.conversationId === conversationId).map((e) => e.payload);

const countMessages = async (conversationId: string) =>
  Number((await t.app.db.select({ n: sql<number>`count(*)::int` }).from(messages).where(eq(messages.conversationId, conversationId)))[0]!.n);

async function startChat(v: { socket: Client }, context?: unknown) {
  const r = await ack<QueueEvent>(v.socket, 'conversation:start', context ? { context } : {});
  if (!r.ok) throw new Error(`conversation:start failed: ${r.error.code}`);
  return r.data.conversationId;
}
const send = (s: Client, conversationId: string, body: string, extra: Record<string, unknown> = {}) =>
  ack<MessageDto>(s, 'message:send', { conversationId, clientId: cid(), body, ...extra });

describe('connecting', () => {
  it('refuses a bad visitor token, a forged cookie and no credentials with UNAUTHORIZED', async () => {
    expect(await connectError({ visitorToken: 'not-a-token' })).toBe('UNAUTHORIZED');
    expect(await connectError({ visitorToken: '' })).toBe('UNAUTHORIZED');
    expect(await connectError(undefined)).toBe('UNAUTHORIZED');
    expect(await connectError(undefined, 'alap_session=forged')).toBe('UNAUTHORIZED');
    expect(await connectError({ visitorToken: 42 })).toBe('UNAUTHORIZED');
  });

  it('accepts a visitor token and a staff session cookie', async () => {
    const v = await visitorSocket();
    expect(v.socket.connected).toBe(true);
    const agent = await connect(undefined, shop.agent.cookie);
    expect(agent.connected).toBe(true);
  });

  it('refuses a staff socket opened from another site’s page; a widget socket only from origins the widget allows', async () => {
    const ours = new URL(gw.url).origin;
    expect((await connect(undefined, shop.agent.cookie, ours)).connected).toBe(true);
    expect(await connectError(undefined, shop.agent.cookie, 'https://evil.example')).toBe('FORBIDDEN');
    // A widget that names no origins may be used from any page (and always from its own iframe, this server).
    const v = await newVisitor(t.app, shop.widget.key);
    expect((await connect({ visitorToken: v.token }, undefined, 'https://any-shop.example')).connected).toBe(true);
    await t.app.db.update(widgets).set({ allowedOrigins: ['https://shop.example'] }).where(eq(widgets.id, shop.widget.id));
    try {
      expect((await connect({ visitorToken: v.token }, undefined, 'https://SHOP.example')).connected).toBe(true);
      expect((await connect({ visitorToken: v.token }, undefined, ours)).connected).toBe(true);
      expect(await connectError({ visitorToken: v.token }, undefined, 'https://evil.example')).toBe('FORBIDDEN');
    } finally {
      await t.app.db.update(widgets).set({ allowedOrigins: [] }).where(eq(widgets.id, shop.widget.id));
    }
  });
});

describe('a conversation over sockets', () => {
  it('a visitor’s message reaches the agents of the workspace, and the reply reaches the visitor', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);

    const sent = await send(v.socket, conversationId, 'আমার অর্ডারটা কোথায়?');
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(typeof sent.data.id).toBe('number');
    expect(sent.data).not.toHaveProperty('senderId');

    const atAgent = await waitFor(agent, 'message:new', (m) => m.id === sent.data.id);
    expect(atAgent).toMatchObject({ conversationId, body: 'আমার অর্ডারটা কোথায়?', senderType: 'contact', senderId: v.actor.contactId });
    await waitFor(agent, 'conversation:updated', (c) => c.id === conversationId && c.lastMessageId === sent.data.id);

    const reply = await send(agent, conversationId, 'It ships tomorrow');
    expect(reply.ok).toBe(true);
    const atVisitor = await waitFor(v.socket, 'message:new', (m) => m.body === 'It ships tomorrow');
    expect(atVisitor).toMatchObject({ conversationId, senderType: 'agent', senderName: shop.agent.name });
    expect(atVisitor).not.toHaveProperty('senderId');
  });

  it('routing decisions with their reasons reach the desk (agents, supervisors), live; not executives or vendors', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const supervisor = await connect(undefined, shop.supervisor.cookie);
    const executive = await connect(undefined, shop.executive.cookie);
    const vendor = await connect(undefined, shop.vendorStaffA.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const seenElsewhere: unknown[] = [];
    executive.on('routing:decided', (e) => seenElsewhere.push(e));
    vendor.on('routing:decided', (e) => seenElsewhere.push(e));
    const atSupervisor = waitFor(supervisor, 'routing:decided', (e) => e.conversationId === conversationId);
    const atAgent = waitFor(agent, 'routing:decided', (e) => e.conversationId === conversationId);
    await t.app.chat.transferToTeam(shop.supervisor.actor, conversationId, shop.team.id);
    expect((await atSupervisor).decision).toMatchObject({ source: 'manual', teamId: shop.team.id, actorName: shop.supervisor.name });
    expect((await atAgent).decision).toMatchObject({ source: 'manual', teamId: shop.team.id });
    await new Promise((r) => setTimeout(r, 200));
    expect(seenElsewhere).toEqual([]);
  });

  it('a label created, recoloured, renamed or deleted in the admin console tells the workspace’s desks and the desks of vendors whose conversations carry it, not other vendors', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key, shop.skuA);
    await t.app.replies.saveLabel(shop.ws.id, { name: 'fragile', color: '#dc2626' });
    await t.app.chat.setLabels(shop.admin.actor, conversation.id, ['fragile']);
    const agent = await connect(undefined, shop.agent.cookie);
    const vendorA = await connect(undefined, shop.vendorStaffA.cookie);
    const vendorB = await connect(undefined, shop.vendorStaffB.cookie);
    const count = (s: typeof agent) => s.events.filter((e) => e.event === 'labels:changed').length;
    await t.app.replies.saveLabel(shop.ws.id, { originalName: 'fragile', name: 'handle-with-care', color: '#dc2626' });
    await waitFor(agent, 'labels:changed');
    await waitFor(vendorA, 'labels:changed');
    // A new colour only: the chips change on the same desks.
    await t.app.replies.saveLabel(shop.ws.id, { originalName: 'handle-with-care', name: 'handle-with-care', color: '#2563eb' });
    await waitFor(agent, 'labels:changed', () => count(agent) === 2);
    await waitFor(vendorA, 'labels:changed', () => count(vendorA) === 2);
    // A new label is on no conversation yet: the workspace's desks only.
    await t.app.replies.saveLabel(shop.ws.id, { name: 'gift', color: '#16a34a' });
    await waitFor(agent, 'labels:changed', () => count(agent) === 3);
    await t.app.replies.deleteLabel(shop.ws.id, 'handle-with-care');
    await waitFor(agent, 'labels:changed', () => count(agent) === 4);
    await waitFor(vendorA, 'labels:changed', () => count(vendorA) === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(count(vendorA)).toBe(3);
    expect(vendorB.events.some((e) => e.event === 'labels:changed')).toBe(false);
  });

  it('a private note does not reach the visitor', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    await send(v.socket, conversationId, 'hello');
    const note = await send(agent, conversationId, 'VIP customer, be nice', { isNote: true });
    expect(note.ok && note.data.kind).toBe('note');
    await waitFor(agent, 'message:new', (m) => m.kind === 'note' && m.conversationId === conversationId);
    await send(agent, conversationId, 'Hi! How can I help?');
    // Events to one socket arrive in order: once the later reply is here, the note would have been too.
    await waitFor(v.socket, 'message:new', (m) => m.body === 'Hi! How can I help?');
    expect(newMessages(v.socket, conversationId).map((m) => m.body)).toEqual(['hello', 'Hi! How can I help?']);
    expect(JSON.stringify(v.socket.events)).not.toContain('VIP customer');
  });

  it('typing shows on the other side', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    agent.emit('typing', { conversationId, isTyping: true });
    const atVisitor = await waitFor(v.socket, 'typing');
    expect(atVisitor).toMatchObject({ conversationId, side: 'agent', name: shop.agent.name, isTyping: true });
    expect(atVisitor.userId).toBeUndefined();

    expect((await ack(agent, 'conversation:join', { conversationId })).ok).toBe(true);
    v.socket.emit('typing', { conversationId, isTyping: true });
    expect(await waitFor(agent, 'typing', (e) => e.side === 'contact')).toMatchObject({ conversationId, isTyping: true });
  });

  it('a retried send (same client id) is stored once and both acks carry the same id', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const payload = { conversationId, clientId: cid('retry'), body: 'did you get this?' };
    const first = await ack<MessageDto>(v.socket, 'message:send', payload);
    const second = await ack<MessageDto>(v.socket, 'message:send', payload);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.data.id).toBe(first.data.id);
    expect(await countMessages(conversationId)).toBe(1);
    // The desk is told once.
    await send(v.socket, conversationId, 'next');
    await waitFor(agent, 'message:new', (m) => m.body === 'next');
    expect(newMessages(agent, conversationId).map((m) => m.body)).toEqual(['did you get this?', 'next']);
  });

  it('conversation:sync after a given id returns exactly the missed messages, in order', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const first = await send(v.socket, conversationId, 'one');
    if (!first.ok) throw new Error('send failed');
    await send(v.socket, conversationId, 'two');
    await send(agent, conversationId, 'three (agent)');
    await send(agent, conversationId, 'internal', { isNote: true });
    await send(v.socket, conversationId, 'four');

    // The visitor's phone slept after "one".
    v.socket.disconnect();
    const again = await connect({ visitorToken: v.token });
    const synced = await ack<{ messages: MessageDto[] }>(again, 'conversation:sync', { conversationId, afterId: first.data.id });
    expect(synced.ok).toBe(true);
    if (!synced.ok) return;
    expect(synced.data.messages.map((m) => m.body)).toEqual(['two', 'three (agent)', 'four']);
    const ids = synced.data.messages.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // From the start the agent sees the note too.
    const forAgent = await ack<{ messages: MessageDto[] }>(agent, 'conversation:sync', { conversationId, afterId: 0 });
    expect(forAgent.ok && forAgent.data.messages.map((m) => m.body)).toEqual(['one', 'two', 'three (agent)', 'internal', 'four']);
  });

  it('a visitor cannot send to, sync or type into another visitor’s conversation', async () => {
    const victim = await visitorSocket();
    const conversationId = await startChat(victim);
    const attacker = await visitorSocket();
    const sent = await send(attacker.socket, conversationId, 'hijack');
    expect(sent).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ack(attacker.socket, 'conversation:sync', { conversationId, afterId: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await countMessages(conversationId)).toBe(0);

    const agent = await connect(undefined, shop.agent.cookie);
    expect((await ack(agent, 'conversation:join', { conversationId })).ok).toBe(true);
    attacker.socket.emit('typing', { conversationId, isTyping: true });
    // Give the refused typing time to have been relayed, were it relayed, before the real one.
    await ack(attacker.socket, 'conversation:sync', { conversationId, afterId: 0 });
    await new Promise((r) => setTimeout(r, 150));
    victim.socket.emit('typing', { conversationId, isTyping: false });
    await waitFor(agent, 'typing', (e) => e.conversationId === conversationId);
    expect(agent.events.filter((e) => e.event === 'typing').map((e) => e.payload.isTyping)).toEqual([false]);
  });

  it('an executive’s socket cannot send', async () => {
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const exec = await connect(undefined, shop.executive.cookie);
    expect(await send(exec, conversationId, 'hello from the CEO')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await countMessages(conversationId)).toBe(0);
  });
});

describe('bad payloads', () => {
  it('are refused with BAD_REQUEST, store nothing, and the server keeps working', async () => {
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const good = { conversationId, clientId: cid(), body: 'ok' };
    const bad: unknown[] = [
      null,
      {},
      'hello',
      42,
      [],
      { ...good, body: '' },
      { ...good, body: '     ' },
      { ...good, body: 'a'.repeat(4001) },
      { ...good, body: 42 },
      { ...good, body: 'bad \uD800 text' },
      { ...good, body: 'nul\u0000byte' },
      { ...good, body: undefined },
      { ...good, conversationId: 'not-a-uuid' },
      { ...good, conversationId: 123 },
      { ...good, clientId: 'short' },
      { ...good, clientId: { $gt: '' } },
      { ...good, isNote: 'yes' },
    ];
    for (const payload of bad) {
      const r = await ack(v.socket, 'message:send', payload);
      expect({ payload, r }).toMatchObject({ payload, r: { ok: false, error: { code: 'BAD_REQUEST' } } });
    }
    for (const [event, payload] of [
      ['conversation:sync', { conversationId, afterId: -1 }],
      ['conversation:sync', { conversationId: 'x' }],
      ['conversation:start', { context: { type: 'coupon', id: 'x' } }],
      ['conversation:start', { prechat: { name: '' } }],
      ['receipt', { conversationId, upToId: 'all', kind: 'read' }],
      ['receipt', null],
    ] as const) {
      expect(await ack(v.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    // Without an ack callback: nothing to answer, nothing breaks.
    v.socket.emit('message:send', null as never, undefined as never);
    v.socket.emit('typing', { conversationId: 5 });

    expect(await countMessages(conversationId)).toBe(0);
    expect(v.socket.connected).toBe(true);
    const after = await send(v.socket, conversationId, 'still here');
    expect(after.ok).toBe(true);
    expect(await countMessages(conversationId)).toBe(1);
  });

  it('bad payloads from staff are refused the same way', async () => {
    const agent = await connect(undefined, shop.agent.cookie);
    for (const [event, payload] of [
      ['message:send', null],
      ['message:send', { conversationId: 'x', clientId: 'y', body: 'z' }],
      ['conversation:join', {}],
      ['conversation:sync', [1, 2]],
      ['presence:set', { status: 'invisible' }],
    ] as const) {
      expect(await ack(agent, event, payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(agent.connected).toBe(true);
  });

  it('a packet over the size limit drops only that connection', async () => {
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    const dropped = new Promise<string>((resolve) => v.socket.once('disconnect', (reason) => resolve(reason)));
    v.socket.emit('message:send', { conversationId, clientId: cid(), body: 'x'.repeat(100_000) }, () => {});
    expect(await dropped).toBeTruthy();
    expect(await countMessages(conversationId)).toBe(0);
    const other = await visitorSocket();
    const otherConversation = await startChat(other);
    expect((await send(other.socket, otherConversation, 'fine')).ok).toBe(true);
  });
});

describe('isolation', () => {
  it('a vendor socket cannot join another vendor’s conversation and never receives its messages', async () => {
    const vendorA = await connect(undefined, shop.vendorStaffA.cookie);
    const customerOfB = await visitorSocket();
    const convB = await startChat(customerOfB, { type: 'product', id: shop.skuB });
    const customerOfA = await visitorSocket();
    const convA = await startChat(customerOfA, { type: 'product', id: shop.skuA });

    expect(await ack(vendorA, 'conversation:join', { conversationId: convB })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ack(vendorA, 'conversation:join', { conversationId: convA })).toMatchObject({ ok: true });
    expect(await send(vendorA, convB, 'psst, buy from us instead')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expect((await send(customerOfB.socket, convB, 'is the phone original?')).ok).toBe(true);
    expect((await send(customerOfA.socket, convA, 'is the saree cotton?')).ok).toBe(true);
    await waitFor(vendorA, 'message:new', (m) => m.conversationId === convA);
    // B's message was sent first: had it been delivered, it would be here already.
    expect(vendorA.events.some((e) => JSON.stringify(e.payload ?? '').includes(convB))).toBe(false);
    expect(await countMessages(convB)).toBe(1);
  });

  it('an agent of another workspace never receives this workspace’s messages', async () => {
    const other = await seedShop(t.app);
    const outsider = await connect(undefined, other.agent.cookie);
    const insider = await connect(undefined, shop.agent.cookie);
    const v = await visitorSocket();
    const conversationId = await startChat(v);
    await send(v.socket, conversationId, 'private order details');
    await waitFor(insider, 'message:new', (m) => m.conversationId === conversationId);
    // Something for the outsider's own workspace, sent after: it arrives, the other one never did.
    const own = await visitorSocket(other.widget.key);
    const ownConversation = await startChat(own);
    await send(own.socket, ownConversation, 'mine');
    await waitFor(outsider, 'message:new', (m) => m.conversationId === ownConversation);
    expect(outsider.events.some((e) => JSON.stringify(e.payload ?? '').includes(conversationId))).toBe(false);
    expect(await ack(outsider, 'conversation:join', { conversationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
