import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleService } from '@/server/admin/people.service';
import { createTestApp, seedShop, type Shop, type TestApp } from '@/test/test-app';
import { Mailer } from './mailer';

// Optional mail (issue 7): with SMTP set up, invitations and password-reset links are also emailed, in English
// and Bengali; without it, or when the mail server fails, the link is still made and shown.
let t: TestApp;
let shop: Shop;
let smtp: SMTPServer;
let port = 0;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await t?.close();
});

describe('mail', () => {
  it('emails invitation and reset links through SMTP, bilingual, to the person', async () => {
    const mailer = new Mailer({ url: `smtp://127.0.0.1:${port}`, from: 'Dokan Support <support@shop.test>' });
    const people = new PeopleService(t.app.db, t.app.bus, t.app.chat, t.app.auth, mailer);
    const inv = await people.invite(shop.admin.actor, { email: 'Mitu@Shop.test', role: 'agent', teamIds: [] }, 'https://support.shop.test');
    expect(inv.emailed).toBe(true);
    const reset = await people.resetLink(shop.admin.actor, shop.agent.id, 'https://support.shop.test');
    expect(reset.emailed).toBe(true);
    mailer.close();
    expect(received.map((m) => m.to)).toEqual(['mitu@shop.test', shop.agent.email.toLowerCase()]);
    const [invite, resetMail] = await Promise.all(received.map((m) => simpleParser(m.raw)));
    expect(invite!.from?.text).toContain('support@shop.test');
    expect(invite!.text).toContain(`https://support.shop.test${inv.path}`);
    expect(invite!.text).toContain('আমন্ত্রণ');
    expect(resetMail!.text).toContain(`https://support.shop.test${reset.path}`);
  });

  it('without SMTP, or with a mail server that is down, the link is made and nothing is emailed', async () => {
    const none = new PeopleService(t.app.db, t.app.bus, t.app.chat, t.app.auth, new Mailer());
    expect((await none.invite(shop.admin.actor, { email: 'nomail@shop.test', role: 'agent', teamIds: [] }, 'https://x.test')).emailed).toBe(false);
    const down = new PeopleService(t.app.db, t.app.bus, t.app.chat, t.app.auth, new Mailer({ url: 'smtp://127.0.0.1:1' }));
    const r = await down.invite(shop.admin.actor, { email: 'down@shop.test', role: 'agent', teamIds: [] }, 'https://x.test');
    expect(r).toMatchObject({ emailed: false, path: expect.stringMatching(/^\/invite\//) });
  });
});
