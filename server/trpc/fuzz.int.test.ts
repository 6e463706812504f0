import type { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketEvents } from '@/server/realtime/gateway';
import { callerFor, connectSocket, createTestApp, newConversation, seedShop, type Shop, startGateway, type TestApp } from '@/test/test-app';
import { appRouter } from './root.router';

// Hostile and malformed input thrown at every tRPC procedure and socket event: whatever arrives, the answer is a
// clear error or a result, never a 500 (INTERNAL_SERVER_ERROR / INTERNAL), and the server keeps serving.
const hostileStrings = [
  "'; drop table messages; --",
  "' or '1'='1",
  '$$; select pg_sleep(10); $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '\u0000',
  '\uD800', // a lone surrogate: not valid UTF-16, so not valid UTF-8 either
  '\uFFFF\uFFFE',
  'ক'.repeat(20_000),
  'x'.repeat(100_000),
  '%00%2e%2e%2f',
  '{"__proto__":{"admin":true}}',
  '00000000-0000-0000-0000-000000000000',
  'NaN',
];
const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1) });
const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(...hostileStrings, null, undefined, true, -1, 0, 2 ** 53, -(2 ** 63), Number.NaN, Number.POSITIVE_INFINITY, 1e308, [], {}, deep(200), Array.from({ length: 10_000 }, (_, i) => i)),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
);
// Shapes with the field names procedures read, so input gets past the outer object check and into the fields.
const fields = ['id', 'conversationId', 'body', 'clientId', 'status', 'key', 'email', 'password', 'q', 'from', 'to', 'name', 'labels', 'userId', 'teamId', 'rating', 'variants', 'afterId', 'upToId', 'kind', 'metric', 'dimension', 'grain', 'limit', 'token'];
const hostileInput = fc.oneof(
  hostileValue,
  fc.dictionary(fc.constantFrom(...fields), hostileValue, { maxKeys: 6 }),
  fc.anything({ maxDepth: 4 }),
  fc.constant(Object.assign(Object.create(null), { ['__proto__']: { isAdmin: true } })),
);

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).filter((p) => p !== 'auth.signOut');

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

describe('hostile input', () => {
  it('no tRPC procedure answers a 500, whoever calls (admin, vendor, anonymous)', async () => {
    const failures: string[] = [];
    for (const cookie of [shop.admin.cookie, shop.vendorStaffA.cookie, undefined]) {
      const caller = (await callerFor(t.app, cookie)) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
      for (const path of procedures) {
        const [ns, name] = path.split('.') as [string, string];
        await fc.assert(
          fc.asyncProperty(hostileInput, async (input) => {
            try {
              await caller[ns]![name]!(input);
            } catch (e) {
              const code = (e as TRPCError).code;
              if (!code || code === 'INTERNAL_SERVER_ERROR') {
                failures.push(`${path}: ${code ?? String(e)} for ${JSON.stringify(input)?.slice(0, 120)}`);
                return false;
              }
            }
            return true;
          }),
          { numRuns: 12, seed: 20261206, endOnFailure: true },
        ).catch((e: unknown) => failures.push(`${path}: ${String(e).slice(0, 300)}`));
      }
    }
    expect(failures).toEqual([]);
  });

  it('no socket event answers INTERNAL, and the sockets stay connected', async () => {
    const { visitor } = await newConversation(t.app, shop.widget.key);
    const people = [await connectSocket(gw.url, { auth: { visitorToken: visitor.token }, track: sockets }), await connectSocket(gw.url, { cookie: shop.admin.cookie, track: sockets })];
    const events = [...new Set([...socketEvents.visitor, ...socketEvents.staff])];
    const failures: string[] = [];
    for (const s of people) {
      for (const event of events) {
        await fc.assert(
          // Frames over the socket's 64 KB limit close the connection by design (checked below).
          fc.asyncProperty(hostileInput.filter((p) => (JSON.stringify(p) ?? '').length < 60_000), async (payload) => {
            const ack = (await s.timeout(5000).emitWithAck(event, payload)) as { ok: boolean; error?: { code: string } };
            if (!ack || (!ack.ok && ack.error?.code === 'INTERNAL')) {
              failures.push(`${event}: ${JSON.stringify(ack)} for ${JSON.stringify(payload)?.slice(0, 120)}`);
              return false;
            }
            return true;
          }),
          { numRuns: 12, seed: 20261206, endOnFailure: true },
        ).catch((e: unknown) => failures.push(`${event}: ${String(e).slice(0, 300)}`));
      }
      expect(s.connected).toBe(true);
    }
    expect(failures).toEqual([]);

    // An oversized frame: that socket is dropped, everyone else goes on, and the sender can come back.
    const big = await connectSocket(gw.url, { auth: { visitorToken: visitor.token }, track: sockets });
    const dropped = new Promise<string>((resolve) => big.once('disconnect', resolve));
    big.emit('message:send', { conversationId: visitor.actor.contactId, clientId: 'big', body: 'x'.repeat(200_000) });
    expect(await dropped).toBe('transport close');
    expect(people.every((p) => p.connected)).toBe(true);
    expect((await connectSocket(gw.url, { auth: { visitorToken: visitor.token }, track: sockets })).connected).toBe(true);
  });
});
