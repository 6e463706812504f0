import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations } from '@/db/schema';
import { signIdentity } from '@/server/auth/auth.service';
import { createApp } from '@/server/app';
import { cid, contextFor, createTestApp, newConversation, seedShop, type Shop, type TestApp, callerFor as callerForApp, trpcError } from '@/test/test-app';
import { createCaller } from './root.router';
import { createContext } from './trpc';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const callerFor = (cookie?: string) => callerForApp(t.app, cookie);


/** Every key anywhere in a value, to check nothing internal leaks in a public response. */
const keysDeep = (v: unknown): string[] =>
  v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => [k, ...keysDeep(x)]) : [];

describe('auth router', () => {
  it('signIn sets an HttpOnly, SameSite session cookie that signs the person in', async () => {
    const ctx = await contextFor(t.app);
    const res = await createCaller(ctx).auth.signIn({ email: shop.agent.email, password: shop.agent.password });
    expect(res).toEqual({ step: 'done', role: 'agent' });
    const cookies = ctx.http.setCookies();
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0]!;
    expect(cookie).toMatch(/^alap_session=[^;]{20,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/);
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure'); // the test app runs without TLS

    const me = await (await callerFor(cookie.split(';')[0])).auth.me();
    expect(me).toMatchObject({ id: shop.agent.id, email: shop.agent.email, role: 'agent', workspaceId: shop.ws.id });
    expect(keysDeep(me)).not.toContain('passwordHash');
  });

  it('a wrong password is UNAUTHORIZED and sets no cookie', async () => {
    const ctx = await contextFor(t.app);
    const e = await trpcError(createCaller(ctx).auth.signIn({ email: shop.agent.email, password: 'wrong-password' }));
    expect(e.code).toBe('UNAUTHORIZED');
    expect(ctx.http.setCookies()).toHaveLength(0);
  });

  it('a malformed email is BAD_REQUEST with a readable message', async () => {
    const e = await trpcError((await callerFor()).auth.signIn({ email: 'not-an-email', password: 'x' }));
    expect(e.code).toBe('BAD_REQUEST');
  });

  it('auth.me without a cookie, or with a bad one, is UNAUTHORIZED', async () => {
    expect((await trpcError((await callerFor()).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await trpcError((await callerFor('alap_session=forged')).auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('signOut clears the cookie and the old cookie no longer works', async () => {
    const { token } = await t.app.auth.signIn(shop.supervisor.email, shop.supervisor.password);
    const cookie = `alap_session=${encodeURIComponent(token)}`;
    const ctx = await contextFor(t.app, cookie);
    expect(await createCaller(ctx).auth.signOut()).toEqual({ ok: true });
    expect(ctx.http.setCookies()[0]).toMatch(/^alap_session=;.*Max-Age=0/);
    expect((await trpcError((await callerFor(cookie)).auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('limits sign-in attempts per address', async () => {
    // The same database, with rate limits on.
    const limited = createApp(t.app.handle, { ...t.app.opts, rateLimitDisabled: false });
    // A different email each time: one email has its own lockout (staff-security.int.test.ts).
    let n = 0;
    const attempt = async (ip: string) => {
      const ctx = await contextFor(limited);
      ctx.ip = ip;
      return createCaller(ctx).auth.signIn({ email: `guess${n++}@example.test`, password: 'guess' });
    };
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) codes.push((await trpcError(attempt('203.0.113.7'))).code);
    expect(codes.slice(0, 20).every((c) => c === 'UNAUTHORIZED')).toBe(true);
    expect(codes[20]).toBe('TOO_MANY_REQUESTS');
    // Another address is not affected.
    expect((await trpcError(attempt('203.0.113.8'))).code).toBe('UNAUTHORIZED');
  });

  it('limits mutations per person (configurable); HTTP answers 429 with Retry-After', async () => {
    const limited = createApp(t.app.handle, { ...t.app.opts, rateLimitDisabled: false, rateLimitOverrides: { mutationPerUser: { points: 3, duration: 60 } } });
    const ctx = await contextFor(limited, shop.agent.cookie);
    const caller = createCaller(ctx);
    const codes: string[] = [];
    // Marking notifications read is a harmless mutation.
    for (let i = 0; i < 4; i++) codes.push(await caller.desk.markNotificationsRead({ upToId: 1 }).then(() => 'ok', (e: TRPCError) => e.code));
    expect(codes).toEqual(['ok', 'ok', 'ok', 'TOO_MANY_REQUESTS']);
    const retryAfter = ctx.http.setHeader.mock.calls.find(([k]) => String(k).toLowerCase() === 'retry-after');
    expect(Number(retryAfter?.[1])).toBeGreaterThan(50);
    // Queries are not counted, and another person is not affected.
    expect(await caller.auth.me()).toMatchObject({ role: 'agent' });
    await createCaller(await contextFor(limited, shop.supervisor.cookie)).desk.markNotificationsRead({ upToId: 1 });
  });
});

describe('cross-site requests (CSRF)', () => {
  const withHeaders = async (headers: Record<string, string>, cookie?: string) => {
    const ctx = await contextFor(t.app, cookie);
    // The context reads Origin (else Referer) and Host the way the HTTP handler gets them.
    const req = { headers: { ...ctx.http.req.headers, ...headers }, socket: { remoteAddress: '127.0.0.1' } } as unknown as Parameters<typeof createContext>[1];
    return createCaller(await createContext(t.app, req, ctx.http.res));
  };

  it('refuses a mutation sent from another site’s page, signed in or not; queries and our own pages pass', async () => {
    const evil = await withHeaders({ host: 'desk.example', origin: 'https://evil.example' }, shop.agent.cookie);
    const e = await trpcError(evil.desk.setStatus({ id: '00000000-0000-4000-8000-000000000000', status: 'resolved' }));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'Refused: this request came from another site']);
    // Login CSRF: signing the victim into the attacker's account is refused too.
    const anon = await withHeaders({ host: 'desk.example', origin: 'https://evil.example' });
    expect((await trpcError(anon.auth.signIn({ email: shop.agent.email, password: shop.agent.password }))).code).toBe('FORBIDDEN');
    expect((await trpcError((await withHeaders({ host: 'desk.example', referer: 'https://evil.example/page' })).auth.signIn({ email: shop.agent.email, password: shop.agent.password }))).code).toBe('FORBIDDEN');
    expect((await trpcError((await withHeaders({ host: 'desk.example', origin: 'null' })).auth.signIn({ email: shop.agent.email, password: shop.agent.password }))).code).toBe('FORBIDDEN');
    // A query is only read by the page that sent it (no CORS headers): not refused.
    expect(await evil.auth.me()).toMatchObject({ email: shop.agent.email });
    // Our own page (Origin = Host), a proxy's forwarded host, and clients that send no Origin pass.
    expect(await (await withHeaders({ host: 'desk.example', origin: 'https://desk.example' })).auth.signIn({ email: shop.agent.email, password: shop.agent.password })).toEqual({ step: 'done', role: 'agent' });
    expect(await (await withHeaders({ host: '127.0.0.1:3000', 'x-forwarded-host': 'desk.example', origin: 'https://desk.example' })).auth.signIn({ email: shop.agent.email, password: shop.agent.password })).toEqual({ step: 'done', role: 'agent' });
    expect(await (await withHeaders({ host: 'desk.example' })).auth.signIn({ email: shop.agent.email, password: shop.agent.password })).toEqual({ step: 'done', role: 'agent' });
  });
});

describe('desk router', () => {
  it('an agent lists the workspace’s conversations; a vendor only its own', async () => {
    const a = await newConversation(t.app, shop.widget.key, shop.skuA);
    const b = await newConversation(t.app, shop.widget.key, shop.skuB);
    const agentList = await (await callerFor(shop.agent.cookie)).desk.listConversations({ limit: 100 });
    expect(agentList.items.map((c) => c.id)).toEqual(expect.arrayContaining([a.conversation.id, b.conversation.id]));

    const vendorList = await (await callerFor(shop.vendorStaffA.cookie)).desk.listConversations({ limit: 100 });
    const ids = vendorList.items.map((c) => c.id);
    expect(ids).toContain(a.conversation.id);
    expect(ids).not.toContain(b.conversation.id);
    expect(vendorList.items.every((c) => c.vendorId === shop.vendorA.id)).toBe(true);

    const e = await trpcError((await callerFor(shop.vendorStaffA.cookie)).desk.conversation({ id: b.conversation.id }));
    expect(e.code).toBe('NOT_FOUND');
  });

  it('pages through conversations with the cursor', async () => {
    const s = await seedShop(t.app);
    for (let i = 0; i < 3; i++) await newConversation(t.app, s.widget.key);
    const caller = await callerFor(s.agent.cookie);
    const p1 = await caller.desk.listConversations({ limit: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await caller.desk.listConversations({ limit: 2, cursor: p1.nextCursor! });
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((c) => c.id)).size).toBe(3);
  });

  it('pages through conversations that share a timestamp (an import, a burst) without skipping any', async () => {
    const s = await seedShop(t.app);
    const contactRows = await t.app.db.insert(contacts).values(Array.from({ length: 5 }, () => ({ workspaceId: s.ws.id }))).returning();
    // One statement: every row gets the same now(), with microseconds.
    await t.app.db.insert(conversations).values(contactRows.map((c) => ({ workspaceId: s.ws.id, contactId: c.id })));
    const caller = await callerFor(s.agent.cookie);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await caller.desk.listConversations({ limit: 2, cursor });
      seen.push(...res.items.map((c) => c.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('an executive can look but not assign', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const exec = await callerFor(shop.executive.cookie);
    expect((await exec.desk.conversation({ id: conversation.id })).conversation.id).toBe(conversation.id);
    expect((await trpcError(exec.desk.assign({ id: conversation.id, assigneeId: shop.agent.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError(exec.desk.setStatus({ id: conversation.id, status: 'resolved' }))).code).toBe('FORBIDDEN');
    // A vendor cannot assign either.
    const vendor = await callerFor(shop.vendorStaffA.cookie);
    expect((await trpcError(vendor.desk.assign({ id: conversation.id, assigneeId: shop.agent.id }))).code).toBe('FORBIDDEN');
  });

  it('the supervisor overview is for supervisors and admins only, and counts each agent’s load', async () => {
    const s = await seedShop(t.app, { offlineAgents: 2 });
    const [busy, idle] = s.agents;
    const supervisor = await callerFor(s.supervisor.cookie);
    const one = await newConversation(t.app, s.widget.key);
    const two = await newConversation(t.app, s.widget.key);
    await newConversation(t.app, s.widget.key); // stays in the queue
    await supervisor.desk.assign({ id: one.conversation.id, assigneeId: busy!.id });
    await supervisor.desk.assign({ id: two.conversation.id, assigneeId: busy!.id });
    await supervisor.desk.setStatus({ id: two.conversation.id, status: 'pending' });

    expect((await trpcError((await callerFor(s.agent.cookie)).desk.supervisorOverview())).code).toBe('FORBIDDEN');
    expect((await trpcError((await callerFor(s.vendorStaffA.cookie)).desk.supervisorOverview())).code).toBe('FORBIDDEN');
    expect((await trpcError((await callerFor(s.executive.cookie)).desk.supervisorOverview())).code).toBe('FORBIDDEN');
    expect((await trpcError((await callerFor()).desk.supervisorOverview())).code).toBe('UNAUTHORIZED');

    const overview = await supervisor.desk.supervisorOverview();
    expect(overview.agents.find((a) => a.id === busy!.id)).toMatchObject({ name: busy!.name, open: 1, pending: 1 });
    expect(overview.agents.find((a) => a.id === idle!.id)).toMatchObject({ open: 0, pending: 0 });
    expect(overview.unassigned).toBe(1);
    expect(overview.agents.map((a) => a.role).every((r) => r === 'agent' || r === 'supervisor')).toBe(true);
    expect(await (await callerFor(s.admin.cookie)).desk.supervisorOverview()).toEqual(overview);
  });

  it('a vendor’s directory does not show the operator’s agents and teams', async () => {
    const vendorDir = await (await callerFor(shop.vendorStaffA.cookie)).desk.directory();
    expect(vendorDir.agents).toEqual([]);
    expect(vendorDir.teams).toEqual([]);
    const agentDir = await (await callerFor(shop.agent.cookie)).desk.directory();
    expect(agentDir.agents.map((a) => a.id)).toContain(shop.agent.id);
  });

  it('invalid ids are BAD_REQUEST, unknown ones NOT_FOUND, never a server error', async () => {
    const caller = await callerFor(shop.agent.cookie);
    // Called one at a time: a call made early and awaited late would reject with nobody listening yet.
    const bad: (() => Promise<unknown>)[] = [
      () => caller.desk.conversation({ id: 'not-a-uuid' }),
      () => caller.desk.conversation({ id: "' or 1=1 --" }),
      () => caller.desk.history({ conversationId: '123' }),
      () => caller.desk.setStatus({ id: 'x', status: 'open' }),
      () => caller.desk.assign({ id: '00000000-0000-0000-0000-000000000000', assigneeId: 'nobody' }),
      // @ts-expect-error a status the desk does not know
      () => caller.desk.setStatus({ id: '00000000-0000-4000-8000-000000000000', status: 'deleted' }),
      // @ts-expect-error a limit of the wrong type
      () => caller.desk.listConversations({ limit: 'all' }),
      () => caller.desk.listConversations({ limit: 1000 }),
    ];
    for (const call of bad) expect((await trpcError(call())).code).toBe('BAD_REQUEST');
    expect((await trpcError(caller.desk.conversation({ id: '6b1f2e9c-1d2a-4c3b-8e4f-5a6b7c8d9e0f' }))).code).toBe('NOT_FOUND');
  });

  it('a malformed paging cursor is BAD_REQUEST, never a server error', async () => {
    const caller = await callerFor(shop.agent.cookie);
    const uuid = '6b1f2e9c-1d2a-4c3b-8e4f-5a6b7c8d9e0f';
    for (const cursor of ['garbage', '|', `|${uuid}`, '2026-01-01T00:00:00.000Z|not-a-uuid', `Tuesday|${uuid}`]) {
      const e = await trpcError(caller.desk.listConversations({ cursor }));
      expect({ cursor, code: e.code }).toEqual({ cursor, code: 'BAD_REQUEST' });
    }
    // Odd but parseable dates page from there, or are refused; they never fail on the server side.
    for (const cursor of [`1|${uuid}`, `2026-02-30T00:00:00.000Z|${uuid}`, `-271821-04-20T00:00:00.000Z|${uuid}`, `+275760-09-13T00:00:00.000Z|${uuid}`]) {
      const outcome = await caller.desk.listConversations({ cursor }).then(
        () => 'ok',
        (e: TRPCError) => e.code,
      );
      expect({ cursor, outcome }).toEqual({ cursor, outcome: expect.stringMatching(/^(ok|BAD_REQUEST)$/) });
    }
  });

  it('snoozing into the past through the router is BAD_REQUEST', async () => {
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const caller = await callerFor(shop.agent.cookie);
    const e = await trpcError(caller.desk.setStatus({ id: conversation.id, status: 'snoozed', snoozedUntil: new Date(Date.now() - 1000) }));
    expect(e.code).toBe('BAD_REQUEST');
    const ok = await caller.desk.setStatus({ id: conversation.id, status: 'snoozed', snoozedUntil: new Date(Date.now() + 3600_000) });
    expect(ok.status).toBe('snoozed');
  });
});

describe('widget router', () => {
  it('session returns only what the embed needs: no secret, no internal ids', async () => {
    const caller = await callerFor();
    const s = await caller.widget.session({ key: shop.widget.key, locale: 'bn' });
    expect(typeof s.token).toBe('string');
    const keys = keysDeep(s);
    for (const internal of ['identitySecret', 'workspaceId', 'widgetId', 'defaultTeamId', 'id', 'contactId', 'allowedOrigins', 'externalId']) {
      expect(keys).not.toContain(internal);
    }
    expect(JSON.stringify(s)).not.toContain(shop.widget.identitySecret);
    expect(JSON.stringify(s)).not.toContain(shop.ws.id);

    const config = await caller.widget.config({ key: shop.widget.key });
    expect(keysDeep(config)).not.toContain('identitySecret');
    expect(JSON.stringify(config)).not.toContain(shop.widget.identitySecret);
  });

  it('session with a signed identity verifies the customer', async () => {
    const caller = await callerFor();
    const s = await caller.widget.session({ key: shop.widget.key, identity: { id: 'cust-77', hash: signIdentity(shop.widget.identitySecret, 'cust-77'), name: 'Rafi' } });
    expect(s.identityVerified).toBe(true);
    expect(s.contact).toMatchObject({ name: 'Rafi', isVerified: true });
  });

  it('an unknown or malformed widget key is NOT_FOUND / BAD_REQUEST', async () => {
    const caller = await callerFor();
    expect((await trpcError(caller.widget.session({ key: 'no-such-widget' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(caller.widget.config({ key: 'no-such-widget' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(caller.widget.session({ key: '../../etc/passwd' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError(caller.widget.session({ key: shop.widget.key, token: 'x'.repeat(5000) }))).code).toBe('BAD_REQUEST');
  });
});

describe('quality scores (desk router)', () => {
  it('supervisors, admins and executives read a resolved conversation’s score; agents and vendors get FORBIDDEN', async () => {
    const s = await seedShop(t.app);
    const { visitor, conversation } = await newConversation(t.app, s.widget.key, s.skuA);
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'Is the saree cotton?' });
    const agent = await callerFor(s.agent.cookie);
    await agent.desk.assign({ id: conversation.id, assigneeId: s.agent.id });
    await t.app.chat.sendMessage(s.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Hello! Yes, pure cotton.' });
    const supervisor = await callerFor(s.supervisor.cookie);
    // Not resolved yet: nothing to show.
    expect(await supervisor.desk.conversationQuality({ conversationId: conversation.id })).toBeNull();

    await agent.desk.setStatus({ id: conversation.id, status: 'resolved' });
    await t.app.quality.idle();
    const quality = await supervisor.desk.conversationQuality({ conversationId: conversation.id });
    expect(quality).toMatchObject({ conversationId: conversation.id, agentId: s.agent.id, agentName: s.agent.name });
    expect(quality!.score).toBe(quality!.reasons.reduce((sum, r) => sum + r.points, 0));
    expect(quality!.reasons.map((r) => r.key)).toContain('first_response');
    expect(await (await callerFor(s.admin.cookie)).desk.conversationQuality({ conversationId: conversation.id })).toEqual(quality);
    expect(await (await callerFor(s.executive.cookie)).desk.conversationQuality({ conversationId: conversation.id })).toEqual(quality);

    expect((await trpcError(agent.desk.conversationQuality({ conversationId: conversation.id }))).code).toBe('FORBIDDEN');
    const vendor = await callerFor(s.vendorStaffA.cookie);
    expect((await trpcError(vendor.desk.conversationQuality({ conversationId: conversation.id }))).code).toBe('FORBIDDEN');
    expect((await trpcError((await callerFor()).desk.conversationQuality({ conversationId: conversation.id }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(supervisor.desk.conversationQuality({ conversationId: 'nope' }))).code).toBe('BAD_REQUEST');
    // Another workspace's supervisor cannot probe it.
    expect((await trpcError((await callerFor(shop.supervisor.cookie)).desk.conversationQuality({ conversationId: conversation.id }))).code).toBe('NOT_FOUND');

    // Per agent: the mean over what they resolved recently.
    const byAgent = await supervisor.desk.qualityByAgent({ days: 30 });
    expect(byAgent).toEqual({ days: 30, agents: [{ agentId: s.agent.id, average: quality!.score, count: 1 }] });
    expect((await trpcError(agent.desk.qualityByAgent({ days: 30 }))).code).toBe('FORBIDDEN');
    expect((await trpcError(vendor.desk.qualityByAgent({ days: 30 }))).code).toBe('FORBIDDEN');
  });
});
