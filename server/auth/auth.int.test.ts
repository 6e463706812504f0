import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '@/db/schema';
import { seedUser, seedWidget, seedWorkspace } from '@/db/seed/factories';
import { AppError } from '@/server/core/app-error';
import { createTestApp, type TestApp, rejection } from '@/test/test-app';
import { AuthService, isIdentityValid, signIdentity } from './auth.service';

let t: TestApp;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await seedWorkspace(t.app.db)).id;
});
afterAll(() => t?.close());


describe('staff sign-in', () => {
  it('stores the password as an argon2id hash, never in clear', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent', password: 'correct horse battery' });
    const [row] = await t.app.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row!.passwordHash).not.toContain('correct horse battery');
  });

  it('signs in with the right password, case-insensitively on the email, and the session resolves to the person', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'supervisor', name: 'Farhana Akter' });
    const { token, expiresAt, user } = await t.app.auth.signIn(u.email.toUpperCase(), u.password, 'Mozilla/5.0');
    expect(user.id).toBe(u.id);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    const actor = await t.app.auth.findActorBySession(token);
    expect(actor).toMatchObject({ kind: 'staff', userId: u.id, workspaceId, role: 'supervisor', name: 'Farhana Akter', email: u.email });

    // Only a hash of the token is stored: a leaked sessions table does not hand out live sessions.
    const rows = await t.app.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idHash).not.toBe(token);
    expect(rows[0]!.idHash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('refuses a wrong password and an unknown email with the same message', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const wrong = await rejection(t.app.auth.signIn(u.email, 'not-the-password'));
    const unknown = await rejection(t.app.auth.signIn(`nobody-${Date.now()}@example.test`, u.password));
    expect(wrong).toBeInstanceOf(AppError);
    expect(unknown).toBeInstanceOf(AppError);
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(unknown.message).toBe(wrong.message);
    expect(await t.app.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });

  it('refuses a deactivated account and ends its live sessions', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const { token } = await t.app.auth.signIn(u.email, u.password);
    await t.app.db.update(users).set({ isActive: false }).where(eq(users.id, u.id));
    expect(await t.app.auth.findActorBySession(token)).toBeNull();
    expect((await rejection(t.app.auth.signIn(u.email, u.password))).code).toBe('UNAUTHORIZED');
  });

  it('signing out ends the session', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const a = await t.app.auth.signIn(u.email, u.password);
    const b = await t.app.auth.signIn(u.email, u.password);
    await t.app.auth.signOut(a.token);
    expect(await t.app.auth.findActorBySession(a.token)).toBeNull();
    // Another device of the same person stays signed in.
    expect((await t.app.auth.findActorBySession(b.token))?.userId).toBe(u.id);
  });

  it('an expired session does not resolve', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const token = 'expired-session-token-' + Date.now();
    await t.app.db.insert(sessions).values({
      idHash: createHash('sha256').update(token).digest('hex'),
      userId: u.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await t.app.auth.findActorBySession(token)).toBeNull();
  });

  it('a session outlives nothing beyond its TTL', async () => {
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    const shortLived = new AuthService(t.app.db, { sessionTtlHours: 0.3 / 3600, secret: 'x'.repeat(32) }); // 300 ms
    const { token } = await shortLived.signIn(u.email, u.password);
    expect((await shortLived.findActorBySession(token))?.userId).toBe(u.id);
    await new Promise((r) => setTimeout(r, 400));
    expect(await shortLived.findActorBySession(token)).toBeNull();
  });

  it('ignores missing, garbage and oversized tokens', async () => {
    expect(await t.app.auth.findActorBySession(undefined)).toBeNull();
    expect(await t.app.auth.findActorBySession('')).toBeNull();
    expect(await t.app.auth.findActorBySession('garbage')).toBeNull();
    expect(await t.app.auth.findActorBySession('x'.repeat(10_000))).toBeNull();
  });
});

describe('visitor tokens', () => {
  const v = { contactId: '11111111-1111-4111-8111-111111111111', workspaceId: '22222222-2222-4222-8222-222222222222', widgetId: '33333333-3333-4333-8333-333333333333' };

  it('round-trips the visitor', async () => {
    const token = await t.app.auth.signVisitorToken(v);
    expect(await t.app.auth.verifyVisitorToken(token)).toEqual({ kind: 'visitor', ...v });
  });

  it('rejects a tampered token', async () => {
    const token = await t.app.auth.signVisitorToken(v);
    const [header, payload, signature] = token.split('.');
    // Another visitor's id in the payload, signature kept.
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: '44444444-4444-4444-8444-444444444444' }),
    ).toString('base64url');
    expect(await t.app.auth.verifyVisitorToken(`${header}.${forgedPayload}.${signature}`)).toBeNull();
    // A flipped signature character.
    const flipped = signature!.slice(0, 10) + (signature![10] === 'A' ? 'B' : 'A') + signature!.slice(11);
    expect(await t.app.auth.verifyVisitorToken(`${header}.${payload}.${flipped}`)).toBeNull();
    // Unsigned ("alg: none").
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(await t.app.auth.verifyVisitorToken(`${none}.${payload}.`)).toBeNull();
  });

  it('rejects a token signed with another secret, and garbage', async () => {
    const other = new AuthService(t.app.db, { sessionTtlHours: 1, secret: 'another-secret-another-secret-1234' });
    expect(await t.app.auth.verifyVisitorToken(await other.signVisitorToken(v))).toBeNull();
    expect(await t.app.auth.verifyVisitorToken('not.a.jwt')).toBeNull();
    expect(await t.app.auth.verifyVisitorToken(null)).toBeNull();
    expect(await t.app.auth.verifyVisitorToken('')).toBeNull();
  });

  it('without SESSION_SECRET, every node signs with the one generated secret kept in the database', async () => {
    const nodeA = new AuthService(t.app.db, { sessionTtlHours: 1 });
    const nodeB = new AuthService(t.app.db, { sessionTtlHours: 1 });
    const token = await nodeA.signVisitorToken(v);
    expect(await nodeB.verifyVisitorToken(token)).toEqual({ kind: 'visitor', ...v });
  });
});

describe('identity verification', () => {
  it('accepts the HMAC of the customer id made with the widget secret', async () => {
    const w = await seedWidget(t.app.db, { workspaceId });
    const hash = signIdentity(w.identitySecret, 'customer-42');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isIdentityValid(w.identitySecret, 'customer-42', hash)).toBe(true);
    expect(isIdentityValid(w.identitySecret, 'customer-42', hash.toUpperCase())).toBe(true);
  });

  it('rejects a hash for another customer, another secret, or garbage', () => {
    const secret = 'a'.repeat(48);
    const hash = signIdentity(secret, 'customer-42');
    expect(isIdentityValid(secret, 'customer-43', hash)).toBe(false);
    expect(isIdentityValid('b'.repeat(48), 'customer-42', hash)).toBe(false);
    expect(isIdentityValid(secret, 'customer-42', hash.slice(0, 63))).toBe(false);
    expect(isIdentityValid(secret, 'customer-42', 'z'.repeat(64))).toBe(false);
    expect(isIdentityValid(secret, 'customer-42', '')).toBe(false);
    expect(isIdentityValid(secret, 'customer-42', undefined)).toBe(false);
    expect(isIdentityValid(secret, 'customer-42', null)).toBe(false);
  });
});
