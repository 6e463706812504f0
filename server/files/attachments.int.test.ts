import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, auditLog, messages } from '@/db/schema';
import { clamdPath, EICAR, startClamd } from '@/test/clamav/start-clamd';
import { cid, createTestApp, newConversation, seedShop, type Shop, type TestApp } from '@/test/test-app';
import { handleFilesHttp } from './files.http';

// Safe file sharing (issue 6) through the HTTP endpoints the widget and the desk use, with ClamAV's daemon
// running on a local signature database. CI installs clamd; a laptop without it skips this file.
const needClamd = Boolean(process.env.CI) || clamdPath() !== null;

describe.skipIf(!needClamd)('attachments', () => {
  let t: TestApp;
  let shop: Shop;
  let clamd: Awaited<ReturnType<typeof startClamd>>;
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    clamd = await startClamd();
    t = await createTestApp({ clamdAddress: clamd.address });
    shop = await seedShop(t.app);
    server = http.createServer((req, res) => {
      if (!handleFilesHttp(t.app, req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 90_000);
  afterAll(async () => {
    server?.close();
    await t?.close();
    await clamd?.stop();
  });

  const upload = (auth: { bearer?: string; cookie?: string }, conversationId: string, name: string, body: Buffer) =>
    fetch(`${base}/api/attachments?conversationId=${conversationId}&clientId=${cid('file')}&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}), ...(auth.cookie ? { cookie: auth.cookie } : {}) },
      body: new Uint8Array(body),
    });
  const photo = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: '#0f766e' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Artist: 'gps-home-23.81N-90.41E' } } })
      .toBuffer();

  it('a customer sends a photo: it is re-encoded without metadata, scanned, sent as a message, and served with safe headers', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const res = await upload({ bearer: visitor.token }, conversation.id, '../../IMG_2041.jpeg', await photo());
    expect(res.status).toBe(200);
    const { message } = (await res.json()) as { message: { id: number; body: string; attachment: { id: string; name: string; mime: string; url: string } } };
    expect(message.attachment).toMatchObject({ name: 'IMG_2041.jpg', mime: 'image/jpeg' });
    expect(message.body).toBe('📎 IMG_2041.jpg');
    const [row] = await t.app.db.select().from(attachments).where(eq(attachments.id, message.attachment.id));
    expect(row).toMatchObject({ status: 'clean', uploaderType: 'contact', messageId: message.id });
    // Only its name is text: the models do not read it.
    expect(await t.app.chat.listUnannotatedCustomerMessages(50, [message.id])).toEqual([]);

    const got = await fetch(`${base}${message.attachment.url}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect(got.headers.get('content-disposition')).toMatch(/^inline/);
    const bytes = Buffer.from(await got.arrayBuffer());
    expect(bytes.toString('latin1')).not.toContain('gps-home');
    expect((await sharp(bytes).metadata()).width).toBe(64);
    // The link works only with its token.
    expect((await fetch(`${base}${message.attachment.url.replace(/t=.*/, 't=wrong')}`)).status).toBe(404);
    expect((await fetch(`${base}/files/${message.attachment.id}/x.jpg`)).status).toBe(404);
    // The agent sees it in the conversation's history.
    const history = await t.app.chat.listHistory(shop.agent.actor, conversation.id, null, 20);
    expect(history.messages.find((m) => m.id === message.id)?.attachment?.id).toBe(message.attachment.id);
  });

  it('refuses the EICAR test virus with a clear message, keeps nothing, and records it', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    // Wrapped in a PDF-looking file so the type check lets it through to the scanner.
    const infected = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(EICAR)]);
    const plain = await upload({ bearer: visitor.token }, conversation.id, 'invoice.pdf', Buffer.from(`%PDF-1.4\n${'x'.repeat(20)}`));
    expect(plain.status).toBe(200);
    const res = await upload({ bearer: visitor.token }, conversation.id, 'eicar.pdf', infected);
    expect(res.status).toBe(400);
    const refused = ((await res.json()) as { error: { message: string; reason: string } }).error;
    expect(refused.message).toMatch(/contains a virus \(Eicar-Test-Signature\) and was not sent/);
    expect(refused.reason).toBe('virus');
    const rows = await t.app.db.select().from(attachments).where(eq(attachments.conversationId, conversation.id));
    expect(rows.map((r) => r.status).sort()).toEqual(['clean', 'rejected']);
    expect(rows.find((r) => r.status === 'rejected')!.scanResult).toMatch(/infected: Eicar-Test-Signature/);
    const msgs = await t.app.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(msgs.filter((m) => m.body.includes('eicar'))).toEqual([]);
    const logged = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'security.malware_rejected'));
    expect(logged.some((l) => l.targetId === conversation.id)).toBe(true);
  });

  it('refuses programs and disguised files by content, files over the limit, strangers and other customers’ conversations', async () => {
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const other = await newConversation(t.app, shop.widget.key);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]);
    const r1 = await upload({ bearer: visitor.token }, conversation.id, 'photo.jpg', exe);
    expect(r1.status).toBe(400);
    expect(((await r1.json()) as { error: { message: string } }).error.message).toMatch(/cannot be shared/);
    // Another customer's conversation is not found (not even its existence is confirmed).
    expect((await upload({ bearer: visitor.token }, other.conversation.id, 'a.jpg', await photo())).status).toBe(404);
    expect((await upload({}, conversation.id, 'a.jpg', await photo())).status).toBe(401);
    const big = Buffer.alloc(t.app.attachments.maxBytes + 1, 0x25);
    expect((await upload({ bearer: visitor.token }, conversation.id, 'big.pdf', big)).status).toBe(413);
    // Staff upload with their session cookie; a page of another site cannot use it.
    expect((await upload({ cookie: shop.agent.cookie }, conversation.id, 'reply.jpg', await photo())).status).toBe(200);
    const csrf = await fetch(`${base}/api/attachments?conversationId=${conversation.id}&clientId=${cid()}&name=x.jpg`, {
      method: 'POST',
      headers: { cookie: shop.agent.cookie, origin: 'https://evil.example' },
      body: new Uint8Array(await photo()),
    });
    expect(csrf.status).toBe(401);
  });

  it('fails closed when the scanner is down: nothing is sent or kept', async () => {
    const down = await createTestApp({ clamdAddress: '/nonexistent/clamd.sock' });
    try {
      const s = await seedShop(down.app);
      const { visitor, conversation } = await newConversation(down.app, s.widget.key);
      const err = await down.app.attachments.upload(visitor.actor, { conversationId: conversation.id, clientId: cid(), fileName: 'a.pdf' }, Buffer.from('%PDF-1.4\nhello')).catch((e: unknown) => e as { code: string; message: string });
      expect(err).toMatchObject({ code: 'UNAVAILABLE' });
      expect((err as { message: string }).message).toMatch(/cannot be checked for viruses/);
      const [row] = await down.app.db.select().from(attachments).where(eq(attachments.conversationId, conversation.id));
      expect(row).toMatchObject({ status: 'rejected', scanResult: 'scanner_unavailable' });
      expect((await down.app.db.select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.kind === 'text')).toEqual([]);
    } finally {
      await down.close();
    }
  });
});
