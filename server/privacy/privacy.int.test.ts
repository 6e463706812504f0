import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setContactDetails } from '@/db/seed/factories';
import { auditLog, contacts, conversations, csatResponses, messageSearch, messages, notifications, orders, reportingEvents, workspaces } from '@/db/schema';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';
import { REDACTED } from './privacy.queries';

// Privacy requests (issue 6): export everything about a customer, erase a customer, the retention policy.
let t: TestApp;
let shop: Shop;
let other: Shop;

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  other = await seedShop(t.app);
});
afterAll(() => t?.close());

/** A customer with a name, email and phone, a conversation with both sides talking, a rating and an order. */
async function customer(s: Shop, name: string) {
  const { visitor, conversation } = await newConversation(t.app, s.widget.key, s.skuA);
  const contactId = visitor.actor.contactId;
  await setContactDetails(t.app.db, contactId, { name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, phone: '+8801711000111' });
  await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'amar thikana House 12, Road 5, Dhanmondi' });
  await t.app.chat.sendMessage(s.agent.actor, { conversationId: conversation.id, clientId: cid(), body: `Thanks ${name}, we will deliver to Dhanmondi` });
  await t.app.chat.sendMessage(s.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Customer sounds upset', isNote: true });
  await t.app.writer.drain();
  await t.app.db.insert(orders).values({ workspaceId: s.ws.id, contactId, orderNumber: `DB-${Date.now()}-${Math.round(Math.random() * 1e6)}`, status: 'delivered', paymentMethod: 'bkash', city: 'Dhaka', totalBdt: 4500, items: [] });
  await t.app.db.insert(csatResponses).values({ conversationId: conversation.id, workspaceId: s.ws.id, contactId, rating: 4, comment: `Good service, ${name}` });
  await t.app.db.insert(notifications).values({ workspaceId: s.ws.id, userId: s.agent.id, kind: 'assigned', conversationId: conversation.id, title: `Assigned to you: ${name}`, body: 'amar thikana' });
  await t.app.searchIndexer.drain();
  await t.app.reporting.flush();
  return { contactId, conversationId: conversation.id, visitor };
}

describe('privacy requests', () => {
  it('finds customers by name, email or phone, only in the admin’s own workspace', async () => {
    const c = await customer(shop, 'Rupa Chowdhury');
    await customer(other, 'Rupa Chowdhury');
    const admin = await callerFor(t.app, shop.admin.cookie);
    const byName = await admin.privacy.findContacts({ query: 'rupa chow' });
    expect(byName.map((r) => r.id)).toEqual([c.contactId]);
    expect(byName[0]).toMatchObject({ email: 'rupa.chowdhury@example.com', conversations: 1, erasedAt: null });
    // Email and phone are stored sealed: found whole (any case, any way the number is written), not by a fragment.
    expect((await admin.privacy.findContacts({ query: 'Rupa.Chowdhury@example.com' })).map((r) => r.id)).toEqual([c.contactId]);
    expect((await admin.privacy.findContacts({ query: '01711 000111' })).map((r) => r.id)).toContain(c.contactId);
    expect(await admin.privacy.findContacts({ query: 'rupa.chowdhury@' })).toEqual([]);
    // LIKE wildcards in the query are literal.
    expect(await admin.privacy.findContacts({ query: '%_%' })).toEqual([]);
  });

  it('exports everything about a customer as JSON with transcripts, and records the export', async () => {
    const c = await customer(shop, 'Mahin Alam');
    const data = await (await callerFor(t.app, shop.admin.cookie)).privacy.exportContact({ contactId: c.contactId });
    expect(data.contact).toMatchObject({ id: c.contactId, name: 'Mahin Alam', email: 'mahin.alam@example.com', phone: '+8801711000111' });
    expect(data.conversations).toHaveLength(1);
    const conv = data.conversations[0]!;
    expect(conv.messages.map((m) => [m.from, m.kind])).toEqual(expect.arrayContaining([['customer', 'text'], ['agent', 'text'], ['agent', 'note']]));
    expect(conv.transcript).toMatch(/Customer: amar thikana House 12/);
    expect(conv.transcript).toMatch(/\(staff note\) Agent off 1: Customer sounds upset/);
    expect(conv.rating).toEqual({ rating: 4, comment: 'Good service, Mahin Alam' });
    expect(data.orders).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(data)).format).toBe('alap.customer-export/1');
    const logged = await t.app.db.select().from(auditLog).where(and(eq(auditLog.action, 'privacy.export'), eq(auditLog.targetId, c.contactId)));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorId).toBe(shop.admin.id);
  });

  it('erases a customer: personal data and what was said are gone, the numbers stay', async () => {
    const c = await customer(shop, 'Nabila Karim');
    const admin = await callerFor(t.app, shop.admin.cookie);
    const eventsBefore = await t.app.db.select().from(reportingEvents).where(eq(reportingEvents.conversationId, c.conversationId));
    expect(eventsBefore.length).toBeGreaterThan(0);
    expect((await trpcError(admin.privacy.eraseContact({ contactId: c.contactId, confirm: 'erase' as 'ERASE' }))).code).toBe('BAD_REQUEST');
    const r = await admin.privacy.eraseContact({ contactId: c.contactId, confirm: 'ERASE' });
    expect(r).toMatchObject({ conversations: 1, redactedMessages: 3 });

    const [contact] = await t.app.db.select().from(contacts).where(eq(contacts.id, c.contactId));
    expect(contact).toMatchObject({ name: null, email: null, phone: null, externalId: null });
    expect(contact!.erasedAt).toBeInstanceOf(Date);
    const msgs = await t.app.db.select().from(messages).where(eq(messages.conversationId, c.conversationId));
    expect(msgs.filter((m) => m.kind !== 'event').every((m) => m.body === REDACTED)).toBe(true);
    expect(JSON.stringify(msgs)).not.toMatch(/Dhanmondi|Nabila|upset/);
    expect(await t.app.db.select().from(messageSearch).where(inArray(messageSearch.messageId, msgs.map((m) => m.id)))).toEqual([]);
    const [conv] = await t.app.db.select().from(conversations).where(eq(conversations.id, c.conversationId));
    expect(conv!.lastMessagePreview).toBeNull();
    expect(conv!.redactedAt).toBeInstanceOf(Date);
    const [csat] = await t.app.db.select().from(csatResponses).where(eq(csatResponses.conversationId, c.conversationId));
    expect(csat).toMatchObject({ rating: 4, comment: null });
    // Orders and reporting events stay (about an anonymous customer), so revenue and reports still add up.
    expect(await t.app.db.select().from(orders).where(eq(orders.contactId, c.contactId))).toHaveLength(1);
    expect(await t.app.db.select().from(reportingEvents).where(eq(reportingEvents.conversationId, c.conversationId))).toHaveLength(eventsBefore.length);
    // Staff notifications about the conversation (they name the customer) are gone.
    expect(await t.app.db.select().from(notifications).where(eq(notifications.conversationId, c.conversationId))).toEqual([]);
    // Their widget token no longer leads to the erased record: a new visit starts a new, empty one.
    const again = await t.app.widget.openSession(shop.widget.key, { token: c.visitor.token });
    expect((await t.app.auth.verifyVisitorToken(again.token))?.contactId).not.toBe(c.contactId);
    // Search no longer finds them; the export now says nothing about them.
    expect(await admin.privacy.findContacts({ query: 'Nabila' })).toEqual([]);
    const after = await admin.privacy.exportContact({ contactId: c.contactId });
    expect(JSON.stringify(after)).not.toMatch(/Dhanmondi|Nabila|upset/);
    const logged = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.eraseContact'));
    expect(logged.some((l) => l.targetId === c.contactId && l.actorId === shop.admin.id)).toBe(true);
  });

  it('refuses another workspace’s customer as not found, and anyone but an admin', async () => {
    const theirs = await customer(other, 'Sumaiya Rahman');
    const admin = await callerFor(t.app, shop.admin.cookie);
    expect((await trpcError(admin.privacy.exportContact({ contactId: theirs.contactId }))).code).toBe('NOT_FOUND');
    expect((await trpcError(admin.privacy.eraseContact({ contactId: theirs.contactId, confirm: 'ERASE' }))).code).toBe('NOT_FOUND');
    const [still] = await t.app.db.select().from(contacts).where(eq(contacts.id, theirs.contactId));
    expect(still!.name).toBe('Sumaiya Rahman');
    for (const who of [shop.supervisor, shop.agent, shop.executive, shop.vendorStaffA]) {
      expect((await trpcError((await callerFor(t.app, who.cookie)).privacy.eraseContact({ contactId: theirs.contactId, confirm: 'ERASE' }))).code).toBe('FORBIDDEN');
    }
  });
});

describe('consent notice', () => {
  it('an admin sets a widget’s privacy notice and policy link; customers get them with the widget’s settings', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const [w] = await admin.privacy.widgetConsent();
    expect(w).toMatchObject({ id: shop.widget.id, consentNoticeEn: null, privacyUrl: null });
    const notice = { widgetId: shop.widget.id, consentNoticeEn: 'We keep this chat to help you. ', consentNoticeBn: 'আপনাকে সাহায্য করতে আমরা এই চ্যাট সংরক্ষণ করি।', privacyUrl: 'javascript:alert(1)' };
    expect((await trpcError(admin.privacy.setWidgetConsent(notice))).code).toBe('BAD_REQUEST');
    await admin.privacy.setWidgetConsent({ ...notice, privacyUrl: 'https://shop.example/privacy' });
    const session = await (await callerFor(t.app)).widget.session({ key: shop.widget.key });
    expect(session.config).toMatchObject({ consentNoticeEn: 'We keep this chat to help you.', consentNoticeBn: notice.consentNoticeBn, privacyUrl: 'https://shop.example/privacy' });
    // Empty text clears it.
    await admin.privacy.setWidgetConsent({ widgetId: shop.widget.id, consentNoticeEn: '  ', consentNoticeBn: '', privacyUrl: '' });
    expect((await t.app.widget.getPublicConfig(shop.widget.key)).consentNoticeEn).toBeNull();
    // Another workspace's widget is not found.
    expect((await trpcError(admin.privacy.setWidgetConsent({ ...notice, widgetId: other.widget.id, privacyUrl: null }))).code).toBe('NOT_FOUND');
  });
});

describe('retention policy', () => {
  it('anonymises, or deletes, resolved conversations older than the policy, and leaves the rest', async () => {
    const s = await seedShop(t.app);
    const admin = await callerFor(t.app, s.admin.cookie);
    expect(await admin.privacy.retention()).toEqual({ days: null, action: 'anonymise' });
    expect((await trpcError(admin.privacy.setRetention({ days: 3, action: 'anonymise' }))).code).toBe('BAD_REQUEST');
    await admin.privacy.setRetention({ days: 30, action: 'anonymise' });

    const old = await customer(s, 'Old Customer');
    const oldOpen = await customer(s, 'Old But Open');
    const recent = await customer(s, 'Recent Customer');
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await t.app.db.update(conversations).set({ status: 'resolved', lastMessageAt: longAgo }).where(eq(conversations.id, old.conversationId));
    await t.app.db.update(conversations).set({ lastMessageAt: longAgo }).where(eq(conversations.id, oldOpen.conversationId));
    await t.app.db.update(conversations).set({ status: 'resolved' }).where(eq(conversations.id, recent.conversationId));

    const result = await t.app.privacy.sweepRetention();
    expect(result[s.ws.id]).toEqual({ anonymised: 1, deleted: 0 });
    const bodies = async (id: string) => (await t.app.db.select().from(messages).where(eq(messages.conversationId, id))).filter((m) => m.kind !== 'event').map((m) => m.body);
    expect((await bodies(old.conversationId)).every((b) => b === REDACTED)).toBe(true);
    expect(await bodies(oldOpen.conversationId)).toContain('amar thikana House 12, Road 5, Dhanmondi');
    expect(await bodies(recent.conversationId)).toContain('amar thikana House 12, Road 5, Dhanmondi');
    // Run again: nothing more to do.
    expect((await t.app.privacy.sweepRetention())[s.ws.id]).toEqual({ anonymised: 0, deleted: 0 });
    // The customer writes again (which reopens it), it is resolved and ages: the new words are redacted too.
    await t.app.chat.sendMessage(old.visitor.actor, { conversationId: old.conversationId, clientId: cid(), body: 'second secret house 12' });
    await t.app.writer.drain();
    // As if 40 days had passed since the first redaction and 35 since the new message.
    await t.app.db.update(conversations).set({ status: 'resolved', redactedAt: new Date(Date.now() - 40 * 86_400_000), lastMessageAt: new Date(Date.now() - 35 * 86_400_000) }).where(eq(conversations.id, old.conversationId));
    expect((await t.app.privacy.sweepRetention())[s.ws.id]).toEqual({ anonymised: 1, deleted: 0 });
    expect(await bodies(old.conversationId)).not.toContain('second secret house 12');

    await admin.privacy.setRetention({ days: 30, action: 'delete' });
    expect((await t.app.privacy.sweepRetention())[s.ws.id]).toEqual({ anonymised: 0, deleted: 1 });
    expect(await t.app.db.select().from(conversations).where(eq(conversations.id, old.conversationId))).toEqual([]);
    expect(await t.app.db.select().from(reportingEvents).where(eq(reportingEvents.conversationId, old.conversationId))).not.toEqual([]);
    // Another workspace without a policy keeps everything.
    expect((await t.app.db.select().from(workspaces).where(eq(workspaces.id, shop.ws.id)))[0]!.retentionDays).toBeNull();
  });
});
