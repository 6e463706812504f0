import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ClientToServerEvents } from '@/lib/contracts/chat';
import { cid, createTestApp, newConversation, newVisitor, seedShop, type Shop, startGateway, type TestApp, connectSocket } from '@/test/test-app';
import { socketEvents } from './gateway';

// Who may send every socket event about one conversation of vendor B: its customer, another customer, each staff
// role, vendor B's staff and vendor A's. 'allow': past authorization (it may still fail for other reasons, such as
// rating a conversation that is not resolved); 'deny': FORBIDDEN, NOT_FOUND or UNAUTHORIZED. An event added to
// the gateway without a row here fails the first test.
type Who = 'customer' | 'otherCustomer' | 'admin' | 'supervisor' | 'agent' | 'executive' | 'vendorB' | 'vendorA';
type Rule = Record<Who, 'allow' | 'deny'>;
const row = (allow: Who[]): Rule =>
  Object.fromEntries((['customer', 'otherCustomer', 'admin', 'supervisor', 'agent', 'executive', 'vendorB', 'vendorA'] as Who[]).map((w) => [w, allow.includes(w) ? 'allow' : 'deny'])) as Rule;

const matrix: Record<keyof ClientToServerEvents, Rule> = {
  // Starting (or resuming) one's own conversation: any customer; staff never.
  'conversation:start': row(['customer', 'otherCustomer']),
  'message:send': row(['customer', 'admin', 'supervisor', 'agent', 'vendorB']),
  'conversation:sync': row(['customer', 'admin', 'supervisor', 'agent', 'executive', 'vendorB']),
  'conversation:join': row(['admin', 'supervisor', 'agent', 'executive', 'vendorB']),
  // Leaving a room one is not in changes nothing: any staff socket.
  'conversation:leave': row(['admin', 'supervisor', 'agent', 'executive', 'vendorB', 'vendorA']),
  receipt: row(['customer', 'admin', 'supervisor', 'agent', 'executive', 'vendorB']),
  typing: row(['customer', 'admin', 'supervisor', 'agent', 'vendorB']),
  'csat:submit': row(['customer']),
  'dashboard:watch': row(['admin', 'supervisor', 'executive']),
  'presence:set': row(['admin', 'supervisor', 'agent']),
};

let t: TestApp;
let shop: Shop;
let gw: Awaited<ReturnType<typeof startGateway>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  gw = await startGateway(t.app);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await gw?.close();
  await t?.close();
});

const connect = (opts: { auth?: object; cookie?: string }) => connectSocket(gw.url, { ...opts, track: sockets });

describe('authorization matrix (sockets)', () => {
  it('every event the gateway handles has a row, and every row an event', () => {
    const handled = [...new Set([...socketEvents.visitor, ...socketEvents.staff])].sort();
    expect(Object.keys(matrix).sort()).toEqual(handled);
  });

  it('each kind of person gets past authorization on exactly the events their row allows', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key, shop.skuB);
    const other = await newVisitor(t.app, shop.widget.key);
    const people: Record<Who, Socket> = {
      customer: await connect({ auth: { visitorToken: visitor.token } }),
      otherCustomer: await connect({ auth: { visitorToken: other.token } }),
      admin: await connect({ cookie: shop.admin.cookie }),
      supervisor: await connect({ cookie: shop.supervisor.cookie }),
      agent: await connect({ cookie: shop.agent.cookie }),
      executive: await connect({ cookie: shop.executive.cookie }),
      vendorB: await connect({ cookie: shop.vendorStaffB.cookie }),
      vendorA: await connect({ cookie: shop.vendorStaffA.cookie }),
    };
    const id = conversation.id;
    const payload = (event: keyof ClientToServerEvents): unknown =>
      ({
        'conversation:start': {},
        'message:send': { conversationId: id, clientId: cid('authz'), body: 'authorization check' },
        'conversation:sync': { conversationId: id, afterId: 0 },
        'conversation:join': { conversationId: id },
        'conversation:leave': { conversationId: id },
        receipt: { conversationId: id, upToId: 1, kind: 'delivered' },
        typing: { conversationId: id, isTyping: false },
        'csat:submit': { conversationId: id, rating: 5 },
        'dashboard:watch': {},
        'presence:set': { status: 'online' },
      })[event];
    const wrong: string[] = [];
    for (const [event, rule] of Object.entries(matrix) as [keyof ClientToServerEvents, Rule][]) {
      for (const [who, socket] of Object.entries(people) as [Who, Socket][]) {
        const ack = (await socket.timeout(5000).emitWithAck(event, payload(event))) as Ack<unknown>;
        const denied = !ack.ok && ['FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED'].includes(ack.error.code);
        if ((rule[who] === 'deny') !== denied) wrong.push(`${event} by ${who}: ${ack.ok ? 'ok' : ack.error.code}, expected ${rule[who]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
