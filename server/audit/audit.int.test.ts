import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase, rowsOf, runMigrations } from '@/db/client';
import { contextFor, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';
import { createCaller } from '@/server/trpc/root.router';
import { createContext } from '@/server/trpc/trpc';
import { AuditService, redactForAudit } from './audit.service';

describe('the audit trail as a table (its own PGlite: this test tampers with it)', () => {
  let handle: DbHandle;
  let audit: AuditService;
  beforeAll(async () => {
    handle = await openDatabase({ pgliteDir: 'memory://' });
    await runMigrations(handle);
    audit = new AuditService(handle.db);
  });
  afterAll(() => handle.close());

  it('chains every row to the one before; refuses UPDATE, DELETE and TRUNCATE; verify finds an altered or missing row', async () => {
    for (let i = 1; i <= 5; i++) await audit.record({ action: 'desk.setStatus', targetId: `c${i}`, after: { status: 'resolved', i } });
    const rows = rowsOf<{ id: unknown; prev_hash: string; hash: string }>(await handle.db.execute(sql`select id, prev_hash, hash from audit_log order by id`));
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prev_hash).toBe('');
    for (let i = 1; i < 5; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await audit.verify()).toEqual({ rows: 5, problems: [] });

    for (const stmt of [sql`update audit_log set action = 'nothing' where id = ${rows[2]!.id}`, sql`delete from audit_log where id = ${rows[3]!.id}`, sql`truncate audit_log`]) {
      const err = (await handle.db.execute(stmt).then(() => null, (e: unknown) => e)) as { message?: string; cause?: { message?: string } } | null;
      expect(`${err?.message} ${err?.cause?.message}`).toMatch(/append-only/);
    }

    // Someone who can switch the triggers off (the table's owner) edits one row and deletes another.
    await handle.db.execute(sql`alter table audit_log disable trigger user`);
    await handle.db.execute(sql`update audit_log set after = '{"status":"open"}' where id = ${rows[1]!.id}`);
    await handle.db.execute(sql`delete from audit_log where id = ${rows[3]!.id}`);
    await handle.db.execute(sql`alter table audit_log enable trigger user`);
    expect((await audit.verify()).problems).toEqual([
      { id: Number(rows[1]!.id), problem: 'altered' },
      { id: Number(rows[4]!.id), problem: 'chain_broken' },
    ]);
  });

  it('keeps secrets out of what it stores', () => {
    expect(redactForAudit({ email: 'a@b.c', password: 'hunter2', nested: { token: 'x', ok: 1 }, long: 'y'.repeat(600) })).toEqual({
      email: 'a@b.c',
      password: '[redacted]',
      nested: { token: '[redacted]', ok: 1 },
      long: `${'y'.repeat(500)}…`,
    });
  });
});

describe('what gets recorded', () => {
  let t: TestApp;
  let shop: Shop;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await seedShop(t.app);
  });
  afterAll(() => t?.close());
  const entries = async (action: string) => (await t.app.audit.list(shop.ws.id, { action })) as { actor_id: string; actor_role: string; ip: string; target_id: string | null; after: unknown }[];

  it('sign-in and failed sign-in, every staff mutation with who, role, address, target and input, and a refused cross-site request', async () => {
    const signIn = async (password: string) => createCaller(await contextFor(t.app)).auth.signIn({ email: shop.supervisor.email, password });
    await signIn(shop.supervisor.password);
    expect((await trpcError(signIn('wrong'))).code).toBe('UNAUTHORIZED');
    const [ok] = await entries('auth.sign_in');
    expect(ok).toMatchObject({ actor_id: shop.supervisor.id, actor_role: 'supervisor', ip: '127.0.0.1' });
    const failed = rowsOf<{ after: { email: string } }>(await t.app.db.execute(sql`select after from audit_log where action = 'auth.sign_in_failed' order by id desc limit 1`));
    expect(failed[0]!.after).toEqual({ email: shop.supervisor.email, reason: 'Wrong email or password' });

    const caller = createCaller(await contextFor(t.app, shop.supervisor.cookie));
    await caller.sla.savePolicy({ name: 'Audited', firstResponseSeconds: 600, nextResponseSeconds: null, resolutionSeconds: null, teamId: null, priority: null });
    const [saved] = await entries('sla.savePolicy');
    expect(saved).toMatchObject({ actor_id: shop.supervisor.id, actor_role: 'supervisor', after: { name: 'Audited', firstResponseSeconds: 600 } });
    // Reads are not recorded; refused mutations neither.
    await caller.sla.settings();
    expect(await entries('sla.settings')).toEqual([]);
    await trpcError(createCaller(await contextFor(t.app, shop.agent.cookie)).sla.savePolicy({ name: 'No', firstResponseSeconds: 1, nextResponseSeconds: null, resolutionSeconds: null, teamId: null, priority: null }));
    expect((await entries('sla.savePolicy')).length).toBe(1);

    const http = await contextFor(t.app, shop.agent.cookie);
    const req = { headers: { ...http.http.req.headers, host: 'desk.example', origin: 'https://evil.example' }, socket: { remoteAddress: '127.0.0.1' } } as unknown as Parameters<typeof createContext>[1];
    await trpcError(createCaller(await createContext(t.app, req, http.http.res)).desk.markNotificationsRead({ upToId: 1 }));
    await expect.poll(async () => (await entries('security.csrf_refused'))[0]?.after).toEqual({ path: 'desk.markNotificationsRead', origin: 'https://evil.example' });
    expect(await t.app.audit.verify()).toMatchObject({ problems: [] });
  });

  it('records the state a change found (before) beside what was asked (after)', async () => {
    const rows = async (action: string) => rowsOf<{ before: Record<string, unknown> | null; after: Record<string, unknown> }>(await t.app.db.execute(sql`select before, after from audit_log where action = ${action} and workspace_id = ${shop.ws.id} order by id desc limit 1`))[0]!;
    const { conversation } = await newConversation(t.app, shop.widget.key);
    const supervisor = createCaller(await contextFor(t.app, shop.supervisor.cookie));
    await supervisor.desk.setStatus({ id: conversation.id, status: 'resolved' });
    expect(await rows('desk.setStatus')).toMatchObject({ before: { status: 'open', assigneeId: null }, after: { id: conversation.id, status: 'resolved' } });
    await supervisor.desk.assign({ id: conversation.id, assigneeId: shop.agent.id });
    expect((await rows('desk.assign')).before).toMatchObject({ status: 'resolved', assigneeId: null });
    await supervisor.routing.updateAgent({ userId: shop.agent.id, maxConcurrentChats: 7 });
    const agent = await rows('routing.updateAgent');
    expect(agent.before).toMatchObject({ maxConcurrentChats: expect.any(Number), role: 'agent' });
    expect(agent.before!.maxConcurrentChats).not.toBe(7);
    expect(agent.after).toMatchObject({ maxConcurrentChats: 7 });
    // Another workspace's row is never read into this log.
    const other = await seedShop(t.app);
    await trpcError(supervisor.routing.updateAgent({ userId: other.agent.id, maxConcurrentChats: 3 }));
    const admin = createCaller(await contextFor(t.app, shop.admin.cookie));
    await admin.privacy.setRetention({ days: 90, action: 'anonymise' });
    expect(await rows('privacy.setRetention')).toMatchObject({ before: { days: null, action: 'anonymise' }, after: { days: 90 } });
  });
});
