import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { contacts, users, widgets } from '@/db/schema';
import { seedContact, seedUser, seedWidget, seedWorkspace } from '@/db/seed/factories';
import * as chatQueries from '@/server/chat/chat.queries';
import { createTestApp, type TestApp } from '@/test/test-app';
import { configureFieldCrypto, fieldCrypto, normalizePhone } from './field-crypto';
import { rotateSealedFields } from './key-rotation';
import { newKeyBase64, SecretBox } from './secret-box';

// Sensitive fields at rest (issue 6): customers' email and phone, widget identity secrets, TOTP secrets.
let t: TestApp;
let workspaceId: string;
beforeAll(async () => {
  t = await createTestApp();
  workspaceId = (await seedWorkspace(t.app.db)).id;
});
afterAll(async () => {
  configureFieldCrypto({});
  await t?.close();
});

describe('sensitive fields at rest', () => {
  it('stores email and phone sealed, with blind indexes; reads give them back', async () => {
    const c = await chatQueries.insertContact(t.app.db, workspaceId, { name: 'Sumi', email: 'Sumi.Akter@Example.com', phone: '+880 1711-000222' });
    expect(c).toMatchObject({ email: 'Sumi.Akter@Example.com', phone: '+880 1711-000222' });
    const [raw] = await t.app.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(raw!.email).toMatch(/^enc:/);
    expect(raw!.phone).toMatch(/^enc:/);
    expect(JSON.stringify(raw)).not.toMatch(/Sumi\.Akter|1711/);
    const fc = await fieldCrypto(t.app.db);
    // The same address or number however written has one blind index; the index is not a plain hash of it.
    expect(raw!.emailBidx).toBe(fc.blind('email', ' sumi.akter@example.com '));
    expect(raw!.phoneBidx).toBe(fc.blind('phone', '01711000222'));
    expect(normalizePhone('+8801711000222')).toBe(normalizePhone('01711-000222'));
    expect((await chatQueries.findContact(t.app.db, workspaceId, c.id))?.email).toBe('Sumi.Akter@Example.com');
    // A widget's identity secret is a credential: sealed too.
    const w = await seedWidget(t.app.db, { workspaceId });
    const [wr] = await t.app.db.select().from(widgets).where(eq(widgets.id, w.id));
    expect(wr!.identitySecret).toMatch(/^enc:/);
    expect((await chatQueries.findWidgetByKey(t.app.db, w.key))?.identitySecret).toBe(w.identitySecret);
  });

  it('keys:rotate seals old clear values and re-seals under a new key, without losing a value; a second run has nothing to do', async () => {
    const old = await seedContact(t.app.db, workspaceId, { name: 'Before encryption' });
    // As a row written before this release: in clear, no blind index.
    await t.app.db.execute(sql`update contacts set email = 'old@example.com', phone = '+8801811000333', email_bidx = null, phone_bidx = null where id = ${old.id}`);
    const sealed = await seedContact(t.app.db, workspaceId, { email: 'kept@example.com', phone: '01911000444' });
    const u = await seedUser(t.app.db, { workspaceId, role: 'agent' });
    await t.app.auth.enrollTotpSecret(u.id, 'JBSWY3DPEHPK3PXP');

    // A new key in front of the old one (here: the install's generated "local" key).
    configureFieldCrypto({ encryptionKeys: `k2:${newKeyBase64()}` });
    const fresh = t.app.db;
    const r1 = await rotateSealedFields(fresh);
    expect(r1.contacts).toBeGreaterThanOrEqual(2);
    expect(r1.widgets).toBeGreaterThanOrEqual(1);
    expect(r1.totpSecrets).toBeGreaterThanOrEqual(1);
    const rows = rowsOf<{ id: string; email: string; phone: string; email_bidx: string | null }>(await t.app.db.execute(sql`select id, email, phone, email_bidx from contacts where id in (${old.id}, ${sealed.id})`));
    for (const r of rows) {
      expect(r.email).toMatch(/^enc:k2:/);
      expect(r.phone).toMatch(/^enc:k2:/);
      expect(r.email_bidx).not.toBeNull();
    }
    const fc = await fieldCrypto(fresh);
    expect(rows.map((r) => fc.open(r.email)).sort()).toEqual(['kept@example.com', 'old@example.com']);
    const [tu] = await t.app.db.select().from(users).where(eq(users.id, u.id));
    expect(tu!.totpSecret).toMatch(/^enc:k2:/);
    expect(fc.open(tu!.totpSecret)).toBe('JBSWY3DPEHPK3PXP');
    expect(await rotateSealedFields(fresh)).toEqual({ contacts: 0, widgets: 0, totpSecrets: 0 });
    // Without the new key the values cannot be read: they really are under it.
    expect(() => new SecretBox({ current: 'local', keys: new Map() }).open(rows[0]!.email)).toThrow();
  });
});
