import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '@/db/schema';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// Workspace settings in the admin console (issue 7): name, default language, logo, auto-resolve.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app, { onlineAgents: 1 });
});
afterAll(() => t?.close());

describe('workspace settings', () => {
  it('saves name and default language, which every staff member’s screens read', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    await admin.admin.updateWorkspace({ name: '  Haat Bazar ', defaultLocale: 'bn', autoResolveHours: 48 });
    expect(await admin.admin.workspace()).toMatchObject({ name: 'Haat Bazar', defaultLocale: 'bn', autoResolveHours: 48, logoDataUrl: null });
    expect(await (await callerFor(t.app, shop.agent.cookie)).account.workspace()).toEqual({ name: 'Haat Bazar', defaultLocale: 'bn', logoDataUrl: null });
    for (const bad of [{ name: 'x' }, { autoResolveHours: 0 }, { autoResolveHours: 5000 }]) {
      expect((await trpcError(admin.admin.updateWorkspace({ name: 'Haat Bazar', defaultLocale: 'bn', autoResolveHours: 48, ...bad }))).code).toBe('BAD_REQUEST');
    }
    expect((await trpcError((await callerFor(t.app, shop.supervisor.cookie)).admin.updateWorkspace({ name: 'Nope', defaultLocale: 'en', autoResolveHours: null }))).code).toBe('FORBIDDEN');
  });

  it('a logo is re-encoded as a PNG of at most 256 px; other files are refused', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const jpeg = await sharp({ create: { width: 800, height: 400, channels: 3, background: '#0f766e' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret place' } } })
      .toBuffer();
    const { logoDataUrl } = await admin.admin.setLogo({ base64: jpeg.toString('base64') });
    expect(logoDataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(logoDataUrl!.split(',')[1]!, 'base64');
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['png', 256, 128, undefined]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    for (const bad of [svg, Buffer.from('not a picture at all')]) {
      const e = await trpcError(admin.admin.setLogo({ base64: bad.toString('base64') }));
      expect(e.message).toMatch(/PNG, JPEG or WebP/);
    }
    expect((await admin.admin.workspace()).logoDataUrl).toBe(logoDataUrl);
    await admin.admin.setLogo({ base64: null });
    expect((await admin.admin.workspace()).logoDataUrl).toBeNull();
  });

  it('auto-resolve closes conversations silent (after the team’s reply) for longer than the workspace allows, with a note', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    await admin.admin.updateWorkspace({ name: 'Haat Bazar', defaultLocale: 'en', autoResolveHours: 24 });
    const other = await seedShop(t.app);
    // answered: the agent replied last; waiting: the customer wrote last and nobody answered.
    const chat = async (s: Shop, answered: boolean) => {
      const { visitor, conversation } = await newConversation(t.app, s.widget.key);
      await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'order kothay?' });
      if (answered) await t.app.chat.sendMessage(s.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'Dekhchi, apa' });
      return conversation;
    };
    const quiet = await chat(shop, true);
    const waiting = await chat(shop, false);
    // Assigned and noted on, but never answered: still waiting.
    const assigned = await chat(shop, false);
    await t.app.chat.systemMessage(assigned.id, 'Assigned to Agent', 'event', cid());
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: assigned.id, clientId: cid(), body: 'will check tomorrow', isNote: true });
    const recent = await chat(shop, true);
    const elsewhere = await chat(other, true);
    await t.app.writer.drain();
    for (const id of [quiet.id, waiting.id, assigned.id, elsewhere.id]) {
      await t.app.db.update(conversations).set({ lastMessageAt: sql`now() - interval '25 hours'` }).where(eq(conversations.id, id));
    }
    await t.app.db.update(conversations).set({ lastMessageAt: sql`now() - interval '23 hours'` }).where(eq(conversations.id, recent.id));
    expect(await t.app.workspaceSettings.sweepAutoResolve()).toBe(1);
    const status = async (id: string) => (await t.app.db.select({ s: conversations.status }).from(conversations).where(eq(conversations.id, id)))[0]!.s;
    expect([await status(quiet.id), await status(waiting.id), await status(assigned.id), await status(recent.id), await status(elsewhere.id)]).toEqual(['resolved', 'open', 'open', 'open', 'open']);
    const history = await admin.desk.history({ conversationId: quiet.id, limit: 10 });
    expect(history.messages.some((m) => m.kind === 'note' && /Resolved automatically after 24 hour/.test(m.body))).toBe(true);
    expect(await t.app.workspaceSettings.sweepAutoResolve()).toBe(0);
  });
});
