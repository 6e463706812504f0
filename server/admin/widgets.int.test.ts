import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversationInput } from '@/lib/contracts/chat';
import { signIdentity } from '@/server/auth/auth.service';
import { callerFor, createTestApp, newConversation, newVisitor, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// The admin console's widget builder (issue 7): several widgets, their texts and fields, origins, identity
// secrets shown once and rotatable, the team they route to, and opening hours from a business calendar.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app, { onlineAgents: 1 });
});
afterAll(() => t?.close());

const settings = (over: Record<string, unknown> = {}) => ({
  name: 'Seller centre',
  color: '#7c3aed',
  greetingEn: 'Hello seller!',
  greetingBn: 'স্বাগতম বিক্রেতা!',
  offlineTextEn: null,
  offlineTextBn: null,
  prechatEnabled: true,
  prechatFields: ['phone' as const],
  allowedOrigins: [],
  verifiedOnly: false,
  defaultTeamId: null,
  intentRouting: false,
  calendarId: null,
  ...over,
});

describe('widget builder', () => {
  it('creates a widget whose chats land in its team, with the texts and fields the customer then sees', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const { id: teamId } = await admin.admin.createTeam({ name: 'Sellers' });
    const created = await admin.admin.createWidget(settings({ defaultTeamId: teamId, allowedOrigins: ['https://Seller.Example.com/', ' http://localhost:4000 '] }));
    expect(created.identitySecret).toMatch(/^[0-9a-f]{48}$/);
    const listed = (await admin.admin.widgets()).widgets.find((w) => w.id === created.id)!;
    expect(listed).toMatchObject({ key: created.key, name: 'Seller centre', prechatFields: ['phone'], allowedOrigins: ['https://seller.example.com', 'http://localhost:4000'], defaultTeamId: teamId });
    expect(JSON.stringify(await admin.admin.widgets())).not.toContain(created.identitySecret);

    const cfg = await t.app.widget.getPublicConfig(created.key);
    expect(cfg).toMatchObject({ name: 'Seller centre', color: '#7c3aed', greetingBn: 'স্বাগতম বিক্রেতা!', prechatEnabled: true, prechatFields: ['phone'], isOnline: true });
    const { conversation } = await newConversation(t.app, created.key);
    expect(conversation.teamId).toBe(teamId);
    expect(await t.app.widget.allowsOrigin(created.id, 'https://seller.example.com')).toBe(true);
    expect(await t.app.widget.allowsOrigin(created.id, 'https://evil.example.com')).toBe(false);

    // A pre-chat form without a name: the phone alone starts the chat and reaches the customer's record.
    const visitor = await newVisitor(t.app, created.key);
    // The server keeps the form's rules too: this widget asks for a phone.
    await expect(t.app.chat.startConversation(visitor.actor, startConversationInput.parse({ prechat: { email: 'x@example.com' } }))).rejects.toThrow(/Enter your phone/);
    const input = startConversationInput.parse({ prechat: { phone: '01711 000000' } });
    const started = await t.app.chat.startConversation(visitor.actor, input);
    const session = await t.app.widget.openSession(created.key, { token: visitor.token });
    expect(session.contact).toMatchObject({ name: null, phone: '01711 000000' });
    expect(started.conversation.teamId).toBe(teamId);
  });

  it('an identity secret verifies until it is rotated; the new one is shown once', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const w = await admin.admin.createWidget(settings({ verifiedOnly: true }));
    const ok = await t.app.widget.openSession(w.key, { identity: { id: 'cust-9', hash: signIdentity(w.identitySecret, 'cust-9') } });
    expect(ok.identityVerified).toBe(true);
    const { identitySecret } = await admin.admin.rotateWidgetSecret({ widgetId: w.id });
    expect(identitySecret).not.toBe(w.identitySecret);
    await expect(t.app.widget.openSession(w.key, { identity: { id: 'cust-9', hash: signIdentity(w.identitySecret, 'cust-9') } })).rejects.toThrow(/verified/);
    expect((await t.app.widget.openSession(w.key, { identity: { id: 'cust-9', hash: signIdentity(identitySecret, 'cust-9') } })).identityVerified).toBe(true);
  });

  it('outside its calendar (a holiday) the widget is offline and shows its own offline text', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Dhaka' }).format(new Date());
    const cal = await admin.sla.saveCalendar({
      name: 'Shop hours',
      timezone: 'Asia/Dhaka',
      hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 0, close: 0 })),
      holidays: [{ date: today, name: 'Victory Day' }],
      isDefault: false,
    });
    const w = await admin.admin.createWidget(settings({ calendarId: cal.id, offlineTextEn: '  Closed for the holiday. ', offlineTextBn: 'ছুটির দিনে বন্ধ।' }));
    expect(await t.app.widget.getPublicConfig(w.key)).toMatchObject({ isOnline: false, offlineTextEn: 'Closed for the holiday.', offlineTextBn: 'ছুটির দিনে বন্ধ।' });
    await admin.sla.saveCalendar({ id: cal.id, name: 'Shop hours', timezone: 'Asia/Dhaka', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: 0, close: 0 })), holidays: [], isDefault: false });
    expect((await t.app.widget.getPublicConfig(w.key)).isOnline).toBe(true);
  });

  it('refuses bad input with the reason, other workspaces’ teams and calendars, and everyone but admins', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const w = await admin.admin.createWidget(settings());
    for (const [over, reason] of [
      [{ allowedOrigins: ['shop.example.com'] }, /not a website address/],
      [{ allowedOrigins: ['https://shop.example.com/checkout'] }, /without a page path/],
      [{ allowedOrigins: ['ftp://shop.example.com'] }, /http and https/],
      [{ allowedOrigins: ['https://a.example.com;sandbox'] }, /not a website address/],
      [{ allowedOrigins: ['https://*.example.com'] }, /not a website address/],
      [{ color: 'red' }, /colour/],
      [{ greetingBn: '  ' }, /greeting in Bengali/],
      [{ name: 'x' }, /Name the widget/],
    ] as const) {
      const e = await trpcError(admin.admin.updateWidget({ widgetId: w.id, ...settings(over) }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toMatch(reason);
    }
    const other = await seedShop(t.app);
    expect((await trpcError(admin.admin.updateWidget({ widgetId: w.id, ...settings({ defaultTeamId: other.team.id }) }))).message).toMatch(/your teams/);
    expect((await trpcError(admin.admin.updateWidget({ widgetId: other.widget.id, ...settings() }))).code).toBe('NOT_FOUND');
    expect((await trpcError(admin.admin.rotateWidgetSecret({ widgetId: other.widget.id }))).code).toBe('NOT_FOUND');
    // Nothing was changed by the refused updates.
    expect((await admin.admin.widgets()).widgets.find((x) => x.id === w.id)).toMatchObject({ name: 'Seller centre', color: '#7c3aed', allowedOrigins: [] });
    for (const cookie of [shop.supervisor.cookie, shop.agent.cookie, shop.vendorStaffA.cookie, shop.executive.cookie]) {
      expect((await trpcError((await callerFor(t.app, cookie)).admin.createWidget(settings()))).code).toBe('FORBIDDEN');
    }
  });
});
