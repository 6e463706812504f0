import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, recoveryCodes, users } from '@/db/schema';
import { seedUser, seedWorkspace } from '@/db/seed/factories';
import { callerFor, contextFor, createTestApp, rejection, type TestApp, trpcError } from '@/test/test-app';
import { createCaller } from '@/server/trpc/root.router';
import { totpCode } from './totp';

// Staff accounts: lockout, two-factor sign-in with recovery codes, sessions, password rules (issue 6),
// through the same tRPC procedures the login form and the account page call.
let t: TestApp;
let workspaceId: string;
const STRONG = 'violet tractor humming softly 42';

beforeAll(async () => {
  t = await createTestApp({ adminTotpRequired: true, lockout: { attempts: 3, minutes: 15 } });
  workspaceId = (await seedWorkspace(t.app.db)).id;
});
afterAll(() => t?.close());

/** Calls sign-in through tRPC as a browser would; returns the output and the session cookie it set, if any. */
async function signIn(email: string, password: string) {
  const ctx = await contextFor(t.app);
  const out = await createCaller(ctx).auth.signIn({ email, password });
  return { out, cookie: sessionCookieOf(ctx.http.setCookies()) };
}
function sessionCookieOf(setCookies: string[]) {
  const c = setCookies.find((v) => v.startsWith('alap_session=') && !v.startsWith('alap_session=;'));
  return c ? c.split(';')[0]! : undefined;
}
const rows = (action: string, targetId: string) => t.app.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
const at = (steps: number) => Date.now() + steps * 30_000;

describe('lockout', () => {
  it('locks an account after repeated failures, refuses even the right password while locked, and says for how long', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    for (let i = 0; i < 3; i++) expect((await trpcError(signIn(u.email, 'wrong password'))).code).toBe('UNAUTHORIZED');
    const locked = await trpcError(signIn(u.email, u.password));
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.message).toMatch(/locked for 15 more minute/);
    expect(await rows('security.account_locked', u.id)).toHaveLength(1);
    // When the lock runs out, the right password works and the count starts again.
    await t.app.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, u.id));
    expect((await signIn(u.email, u.password)).out.step).toBe('done');
    const [row] = await t.app.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.failedSignIns).toBe(0);
    expect(row!.lockedUntil).toBeNull();
  });

  it('a good sign-in clears earlier failures, so only failures in a row lock', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    for (let round = 0; round < 2; round++) {
      await trpcError(signIn(u.email, 'wrong password'));
      await trpcError(signIn(u.email, 'wrong password'));
      expect((await signIn(u.email, u.password)).out.step).toBe('done');
    }
  });
});

describe('two-factor sign-in', () => {
  it('is set up from the account page, then asks for a code that works once, or a recovery code that works once', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const { cookie } = await signIn(u.email, u.password);
    const me = await callerFor(t.app, cookie);
    const setup = await me.account.startTotp();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Alap:.*secret=/);
    expect(setup.qrSvg).toContain('<svg');
    // The secret is kept sealed (AES-256-GCM), never in clear.
    const [stored] = await t.app.db.select().from(users).where(eq(users.id, u.id));
    expect(stored!.totpSecret).toMatch(/^enc:/);
    expect(stored!.totpSecret).not.toContain(setup.secret);
    expect((await trpcError(me.account.confirmTotp({ code: '000000' }))).code).toBe('BAD_REQUEST');
    const { recoveryCodes: codes } = await me.account.confirmTotp({ code: totpCode(setup.secret) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await me.account.security()).toMatchObject({ totpEnabled: true, totpRequired: false, recoveryCodesLeft: 10 });
    // Only hashes of the recovery codes are stored.
    const kept = await t.app.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
    expect(kept.map((r) => r.codeHash)).not.toContain(codes[0]);

    // The password alone no longer starts a session.
    const first = await signIn(u.email, u.password);
    expect(first.out.step).toBe('totp');
    expect(first.cookie).toBeUndefined();
    const anon = await callerFor(t.app);
    expect((await trpcError(anon.auth.verifyTotp({ challenge: first.out.challenge!, code: '123456' }))).code).toBe('UNAUTHORIZED');
    // The code setup used cannot be used again; the next one can, once.
    expect((await trpcError(anon.auth.verifyTotp({ challenge: first.out.challenge!, code: totpCode(setup.secret) }))).message).toMatch(/just used/);
    const ctx = await contextFor(t.app);
    expect(await createCaller(ctx).auth.verifyTotp({ challenge: first.out.challenge!, code: totpCode(setup.secret, at(1)) })).toMatchObject({ role: 'agent', usedRecoveryCode: false });
    const session = sessionCookieOf(ctx.http.setCookies());
    expect((await (await callerFor(t.app, session)).auth.me()).id).toBe(u.id);
    expect((await trpcError(anon.auth.verifyTotp({ challenge: first.out.challenge!, code: totpCode(setup.secret, at(1)) }))).message).toMatch(/just used/);

    // A recovery code signs in once (written any case, with or without its dashes).
    const second = await signIn(u.email, u.password);
    expect(await anon.auth.verifyTotp({ challenge: second.out.challenge!, code: codes[3]!.toUpperCase().replace(/-/g, '') })).toMatchObject({ usedRecoveryCode: true });
    expect((await trpcError(anon.auth.verifyTotp({ challenge: second.out.challenge!, code: codes[3]! }))).code).toBe('UNAUTHORIZED');
    expect((await me.account.security()).recoveryCodesLeft).toBe(9);
    expect(await rows('auth.recovery_code_used', u.id)).toHaveLength(1);

    // New recovery codes replace the old ones; turning it off needs a code too.
    expect((await trpcError(me.account.regenerateRecoveryCodes({ code: '111111' }))).code).toBe('BAD_REQUEST');
    const fresh = await me.account.regenerateRecoveryCodes({ code: codes[0]! });
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect((await trpcError(me.account.disableTotp({ code: codes[1]! }))).code).toBe('BAD_REQUEST');
    await me.account.disableTotp({ code: fresh.recoveryCodes[0]! });
    expect((await signIn(u.email, u.password)).out.step).toBe('done');
  });

  it('wrong codes count towards the lockout', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const { cookie } = await signIn(u.email, u.password);
    const me = await callerFor(t.app, cookie);
    const { secret } = await me.account.startTotp();
    await me.account.confirmTotp({ code: totpCode(secret) });
    const { out } = await signIn(u.email, u.password);
    const anon = await callerFor(t.app);
    for (let i = 0; i < 3; i++) await trpcError(anon.auth.verifyTotp({ challenge: out.challenge!, code: '999999' }));
    expect((await trpcError(anon.auth.verifyTotp({ challenge: out.challenge!, code: totpCode(secret, at(1)) }))).code).toBe('TOO_MANY_REQUESTS');
  });

  it('an admin without it sets it up before the first session starts, and cannot turn it off', async () => {
    const admin = await seedUser(t.app.db, { workspaceId, role: 'admin' });
    const first = await signIn(admin.email, admin.password);
    expect(first.out.step).toBe('totp_setup');
    expect(first.cookie).toBeUndefined();
    const anon = await callerFor(t.app);
    // The setup challenge is not a second factor, nor the other way round.
    expect((await trpcError(anon.auth.verifyTotp({ challenge: first.out.challenge!, code: '123456' }))).message).toMatch(/expired/);
    const { secret } = await anon.auth.startTotpSetup({ challenge: first.out.challenge! });
    const ctx = await contextFor(t.app);
    const done = await createCaller(ctx).auth.confirmTotpSetup({ challenge: first.out.challenge!, code: totpCode(secret) });
    expect(done.role).toBe('admin');
    expect(done.recoveryCodes).toHaveLength(10);
    const me = await callerFor(t.app, sessionCookieOf(ctx.http.setCookies()));
    expect(await me.account.security()).toMatchObject({ totpEnabled: true, totpRequired: true });
    expect((await trpcError(me.account.disableTotp({ code: done.recoveryCodes[0]! }))).code).toBe('FORBIDDEN');
    // From now on the password is followed by a code.
    expect((await signIn(admin.email, admin.password)).out.step).toBe('totp');
  });

  it('refuses forged and foreign challenges', async () => {
    const anon = await callerFor(t.app);
    expect((await trpcError(anon.auth.verifyTotp({ challenge: 'not.a.jwt', code: '123456' }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(anon.auth.startTotpSetup({ challenge: 'eyJhbGciOiJub25lIn0.e30.' }))).code).toBe('UNAUTHORIZED');
    // A widget visitor's token is signed with the same key but is not a sign-in challenge.
    const visitor = await t.app.auth.signVisitorToken({ contactId: '11111111-1111-4111-8111-111111111111', workspaceId, widgetId: '33333333-3333-4333-8333-333333333333' });
    expect((await trpcError(anon.auth.startTotpSetup({ challenge: visitor }))).code).toBe('UNAUTHORIZED');
  });
});

describe('sessions', () => {
  it('lists the person’s sessions and ends another one, whose sockets are told to close', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'supervisor' });
    const a = await signIn(u.email, u.password);
    const b = await signIn(u.email, u.password);
    const other = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const o = await signIn(other.email, other.password);
    const me = await callerFor(t.app, a.cookie);
    const list = await me.account.sessions();
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list[0]!.ip).toBe('127.0.0.1');
    const bId = list.find((s) => !s.current)!.id;
    expect((await trpcError(me.account.revokeSession({ id: list.find((s) => s.current)!.id }))).code).toBe('BAD_REQUEST');
    // Someone else's session id is not found among mine.
    const theirs = (await (await callerFor(t.app, o.cookie)).account.sessions())[0]!.id;
    expect((await trpcError(me.account.revokeSession({ id: theirs }))).code).toBe('NOT_FOUND');
    const ended: string[] = [];
    const onEnded = ({ sessionHash }: { sessionHash: string }) => ended.push(sessionHash);
    const stop = t.app.bus.on('session.ended', onEnded);
    await me.account.revokeSession({ id: bId });
    stop();
    expect(ended).toHaveLength(1);
    expect(ended[0]!.startsWith(bId)).toBe(true);
    expect((await trpcError((await callerFor(t.app, b.cookie)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await me.auth.me()).id).toBe(u.id);
    expect((await (await callerFor(t.app, o.cookie)).auth.me()).id).toBe(other.id);
  });

  it('ends every other session at once', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const a = await signIn(u.email, u.password);
    const others = [await signIn(u.email, u.password), await signIn(u.email, u.password)];
    expect(await (await callerFor(t.app, a.cookie)).account.revokeOtherSessions()).toEqual({ ended: 2 });
    for (const s of others) expect((await trpcError((await callerFor(t.app, s.cookie)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await (await callerFor(t.app, a.cookie)).account.sessions())).toHaveLength(1);
  });
});

describe('password rules', () => {
  it('refuses short, common and personal passwords with a reason, and a good change ends the other sessions', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent', name: 'Nusrat Jahan', password: 'first password 123' });
    const a = await signIn(u.email, u.password);
    const b = await signIn(u.email, u.password);
    const me = await callerFor(t.app, a.cookie);
    const change = (newPassword: string, currentPassword = u.password) => me.account.changePassword({ currentPassword, newPassword });
    expect((await trpcError(change(STRONG, 'not my password'))).message).toMatch(/current password/);
    expect((await trpcError(change('short one'))).message).toMatch(/at least 12/);
    expect((await trpcError(change('password1234'))).message).toMatch(/too common|easy to guess/);
    expect((await trpcError(change('nusrat jahan forever'))).message).toMatch(/name or email/);
    expect(await change(STRONG)).toEqual({ endedSessions: 1 });
    expect((await trpcError((await callerFor(t.app, b.cookie)).auth.me())).code).toBe('UNAUTHORIZED');
    expect((await me.auth.me()).id).toBe(u.id);
    expect((await trpcError(signIn(u.email, u.password))).code).toBe('UNAUTHORIZED');
    expect((await signIn(u.email, STRONG)).out.step).toBe('done');
    // The audit trail has the change, without either password.
    const [logged] = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'account.changePassword'), eq(auditLog.actorId, u.id)));
    expect(JSON.stringify(logged!.after)).not.toContain(STRONG);
    expect(JSON.stringify(logged!.after)).toContain('[redacted]');
  });

  it('the service refuses a weak password even when called directly', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    expect((await rejection(t.app.auth.changePassword(u.id, u.password, 'qwertyuiop12', null))).code).toBe('BAD_REQUEST');
  });
});

describe('lockout under concurrent attempts', () => {
  it('attempts sent at once are each counted before they are checked: at most the limit are checked, even the right one is then refused', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const tries = [...Array.from({ length: 12 }, () => 'wrong password'), u.password];
    const outcomes = await Promise.all(tries.map((pw) => t.app.auth.beginSignIn(u.email, pw).then((r) => r.step, (e: { code: string }) => e.code)));
    // Lockout is 3 attempts here: at most 3 reach the password check; everything after is refused unchecked.
    expect(outcomes.filter((o) => o === 'UNAUTHORIZED').length).toBeLessThanOrEqual(3);
    expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS').length).toBeGreaterThanOrEqual(10);
    expect(outcomes.at(-1)).toBe('TOO_MANY_REQUESTS');
  });

  it('an email without an account locks the same way, so a lock does not reveal that an account exists', async () => {
    const email = `nobody-${Date.now()}@example.test`;
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await t.app.auth.beginSignIn(email, 'whatever it is').then(() => 'ok', (e: { code: string }) => e.code));
    expect(codes).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'TOO_MANY_REQUESTS']);
    const known = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const knownCodes: string[] = [];
    for (let i = 0; i < 4; i++) knownCodes.push(await t.app.auth.beginSignIn(known.email, 'whatever it is').then(() => 'ok', (e: { code: string }) => e.code));
    expect(knownCodes).toEqual(codes);
  });
});
