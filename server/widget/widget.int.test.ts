import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '@/db/schema';
import { seedWidget, seedWorkspace } from '@/db/seed/factories';
import { signIdentity } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import { createTestApp, type TestApp, rejection } from '@/test/test-app';

let t: TestApp;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await seedWorkspace(t.app.db, 'Widget Shop')).id;
});
afterAll(() => t?.close());

const contactOf = async (token: string) => (await t.app.auth.verifyVisitorToken(token))!.contactId;

describe('openSession on an open widget', () => {
  it('gives a new visitor a token and an anonymous contact, with no conversation yet', async () => {
    const w = await seedWidget(t.app.db, { workspaceId });
    const s = await t.app.widget.openSession(w.key, { locale: 'bn' });
    expect(typeof s.token).toBe('string');
    expect(s.activeConversationId).toBeNull();
    expect(s.identityVerified).toBe(false);
    expect(s.contact).toEqual({ name: null, email: null, phone: null, isVerified: false });
    expect(s.config.key).toBe(w.key);
    const actor = await t.app.auth.verifyVisitorToken(s.token);
    expect(actor).toMatchObject({ kind: 'visitor', workspaceId, widgetId: w.id });
    const [c] = await t.app.db.select().from(contacts).where(eq(contacts.id, actor!.contactId));
    expect(c!.locale).toBe('bn');
  });

  it('a returning visitor with their token is the same contact and sees their open conversation', async () => {
    const w = await seedWidget(t.app.db, { workspaceId });
    const first = await t.app.widget.openSession(w.key, {});
    const visitor = (await t.app.auth.verifyVisitorToken(first.token))!;
    const { conversation } = await t.app.chat.startConversation(visitor, {});

    const again = await t.app.widget.openSession(w.key, { token: first.token });
    expect(await contactOf(again.token)).toBe(visitor.contactId);
    expect(again.activeConversationId).toBe(conversation.id);

    // Two browsers without the token are two different visitors.
    const stranger = await t.app.widget.openSession(w.key, {});
    expect(await contactOf(stranger.token)).not.toBe(visitor.contactId);
    expect(stranger.activeConversationId).toBeNull();
  });

  it('a token from another widget or a garbage token starts a new visitor instead of failing', async () => {
    const w1 = await seedWidget(t.app.db, { workspaceId });
    const w2 = await seedWidget(t.app.db, { workspaceId });
    const s1 = await t.app.widget.openSession(w1.key, {});
    const s2 = await t.app.widget.openSession(w2.key, { token: s1.token });
    expect(await contactOf(s2.token)).not.toBe(await contactOf(s1.token));
    const s3 = await t.app.widget.openSession(w1.key, { token: 'garbage' });
    expect(await contactOf(s3.token)).not.toBe(await contactOf(s1.token));
  });

  it('a correctly signed identity binds the visitor to the shop customer, on any device', async () => {
    const w = await seedWidget(t.app.db, { workspaceId });
    const identity = { id: 'cust-1001', hash: signIdentity(w.identitySecret, 'cust-1001'), name: 'Nusrat Jahan', email: 'nusrat@example.test' };
    const phone = await t.app.widget.openSession(w.key, { identity });
    expect(phone.identityVerified).toBe(true);
    expect(phone.contact).toMatchObject({ name: 'Nusrat Jahan', email: 'nusrat@example.test', isVerified: true });
    const visitor = (await t.app.auth.verifyVisitorToken(phone.token))!;
    const { conversation } = await t.app.chat.startConversation(visitor, {});

    const laptop = await t.app.widget.openSession(w.key, { identity: { id: 'cust-1001', hash: identity.hash } });
    expect(await contactOf(laptop.token)).toBe(visitor.contactId);
    expect(laptop.activeConversationId).toBe(conversation.id);
    expect(laptop.contact.name).toBe('Nusrat Jahan');
  });

  it('a wrongly signed identity never reaches that customer’s conversations', async () => {
    const w = await seedWidget(t.app.db, { workspaceId });
    const real = await t.app.widget.openSession(w.key, { identity: { id: 'cust-2002', hash: signIdentity(w.identitySecret, 'cust-2002') } });
    const realVisitor = (await t.app.auth.verifyVisitorToken(real.token))!;
    const { conversation } = await t.app.chat.startConversation(realVisitor, {});

    const forged = await t.app.widget.openSession(w.key, { identity: { id: 'cust-2002', hash: signIdentity('guessed-secret', 'cust-2002') } });
    expect(forged.identityVerified).toBe(false);
    expect(forged.contact.isVerified).toBe(false);
    expect(forged.activeConversationId).toBeNull();
    expect(await contactOf(forged.token)).not.toBe(realVisitor.contactId);
    expect(conversation.contactId).toBe(realVisitor.contactId);
  });

  it('reports the widget offline outside business hours', async () => {
    const closedAllWeek = { timezone: 'Asia/Dhaka', days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 0, close: 0 })) };
    const closed = await seedWidget(t.app.db, { workspaceId, businessHours: closedAllWeek });
    expect((await t.app.widget.openSession(closed.key, {})).config.isOnline).toBe(false);
    const always = await seedWidget(t.app.db, { workspaceId, businessHours: null });
    expect((await t.app.widget.openSession(always.key, {})).config.isOnline).toBe(true);
  });
});

describe('openSession on a verified-only widget', () => {
  it('refuses a visitor without identity', async () => {
    const w = await seedWidget(t.app.db, { workspaceId, verifiedOnly: true });
    const e = await rejection(t.app.widget.openSession(w.key, {}));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong or missing hash', async () => {
    const w = await seedWidget(t.app.db, { workspaceId, verifiedOnly: true });
    for (const hash of [signIdentity('not-the-secret', 'cust-1'), signIdentity(w.identitySecret, 'cust-2'), undefined, 'abc']) {
      const e = await rejection(t.app.widget.openSession(w.key, { identity: { id: 'cust-1', hash } }));
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe('UNAUTHORIZED');
    }
  });

  it('accepts signIdentity(secret, id), and its token alone on return', async () => {
    const w = await seedWidget(t.app.db, { workspaceId, verifiedOnly: true });
    const s = await t.app.widget.openSession(w.key, { identity: { id: 'cust-1', hash: signIdentity(w.identitySecret, 'cust-1') } });
    expect(s.identityVerified).toBe(true);
    expect(s.contact.isVerified).toBe(true);
    const again = await t.app.widget.openSession(w.key, { token: s.token });
    expect(again.identityVerified).toBe(true);
    expect(await contactOf(again.token)).toBe(await contactOf(s.token));
  });

  it('refuses the token of an anonymous visitor from another widget', async () => {
    const open = await seedWidget(t.app.db, { workspaceId });
    const strict = await seedWidget(t.app.db, { workspaceId, verifiedOnly: true });
    const anon = await t.app.widget.openSession(open.key, {});
    expect((await rejection(t.app.widget.openSession(strict.key, { token: anon.token }))).code).toBe('UNAUTHORIZED');
  });
});

describe('unknown widget', () => {
  it('is NOT_FOUND for both config and session', async () => {
    const e1 = await rejection(t.app.widget.openSession('no-such-widget', {}));
    const e2 = await rejection(t.app.widget.getPublicConfig('no-such-widget'));
    expect(e1).toBeInstanceOf(AppError);
    expect(e1.code).toBe('NOT_FOUND');
    expect(e2.code).toBe('NOT_FOUND');
  });
});
