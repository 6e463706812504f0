import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, MessageDto } from '@/lib/contracts/chat';
import { type App, createApp } from '@/server/app';
import { cid, createTestApp, newConversation, seedShop, type Shop, startGateway, type TestApp } from '@/test/test-app';

// Two nodes behind a load balancer must behave like one: a customer on node A reaches an agent on node B
// through the Redis adapter. Needs a Redis server (CI sets REDIS_URL); without one there is nothing to test.
const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('two nodes linked by the Redis adapter', () => {
  let t: TestApp;
  let shop: Shop;
  const nodes: Awaited<ReturnType<typeof startGateway>>[] = [];
  let nodeB: App | undefined;
  const redisClients: Redis[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    shop = await seedShop(t.app);
    const key = `alap-test-${process.pid}-${Date.now()}`;
    const mk = () => {
      const pub = new Redis(redisUrl!);
      const sub = pub.duplicate();
      redisClients.push(pub, sub);
      return createAdapter(pub, sub, { key });
    };
    // Same database, separate processes' worth of state: each node has its own app (event bus) and gateway.
    nodes.push(await startGateway(t.app, mk()));
    nodeB = createApp(t.app.handle, t.app.opts);
    nodes.push(await startGateway(nodeB, mk()));
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    for (const n of nodes) await n.close();
    // Node B's background services share node A's database handle: stop them before it closes.
    if (nodeB) {
      nodeB.queue.stop();
      nodeB.sla.stop();
      nodeB.quality.stop();
      nodeB.automation.stop();
      nodeB.tickets.stop();
      await Promise.all([nodeB.queue.idle(), nodeB.sla.idle(), nodeB.quality.idle(), nodeB.automation.idle(), nodeB.tickets.idle()]);
    }
    await Promise.all(redisClients.map((r) => r.quit().catch(() => {})));
    await t?.close();
  });

  const connect = (url: string, opts: { auth?: object; cookie?: string }) =>
    new Promise<Socket>((resolve, reject) => {
      const s = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: opts.auth ?? {}, extraHeaders: opts.cookie ? { cookie: opts.cookie } : {} });
      sockets.push(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });

  it('delivers a customer message sent to node A to an agent connected to node B, and the reply back', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const customer = await connect(nodes[0]!.url, { auth: { visitorToken: visitor.token } });
    const agent = await connect(nodes[1]!.url, { cookie: shop.agent.cookie });

    const body = `নোড এ থেকে ${Date.now()}`;
    const received = new Promise<MessageDto>((resolve) => agent.on('message:new', (m: MessageDto) => m.body === body && resolve(m)));
    const ack = await new Promise<Ack<MessageDto>>((resolve) => customer.emit('message:send', { conversationId: conversation.id, clientId: cid(), body }, resolve));
    expect(ack.ok).toBe(true);
    const m = await received;
    expect(m.conversationId).toBe(conversation.id);

    const reply = `reply from node B ${Date.now()}`;
    const back = new Promise<MessageDto>((resolve) => customer.on('message:new', (x: MessageDto) => x.body === reply && resolve(x)));
    const ack2 = await new Promise<Ack<MessageDto>>((resolve) => agent.emit('message:send', { conversationId: conversation.id, clientId: cid(), body: reply }, resolve));
    expect(ack2.ok).toBe(true);
    expect((await back).senderType).toBe('agent');
  });
});
