import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { messages } from '@/db/schema';
import { SearchIndexer } from '@/server/search/indexer';
import { cid, createTestApp, newConversation, seedShop, type Shop, type TestApp } from '@/test/test-app';

let t: TestApp;
let shop: Shop;
const indexers: SearchIndexer[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where the given messages are: waiting in the queue, in message_search, and what message_search holds for them. */
async function whereAre(ids: number[]) {
  const list = `{${ids.join(',')}}`;
  const [row] = rowsOf<{ queued: number; indexed: number; bodies: string[] | null }>(
    await t.app.db.execute(sql`
      select (select count(*)::int from message_search_queue where message_id = any(${list}::bigint[])) as queued,
             (select count(*)::int from message_search where message_id = any(${list}::bigint[])) as indexed,
             (select array_agg(body order by message_id) from message_search where message_id = any(${list}::bigint[])) as bodies`),
  );
  return row!;
}

async function conversation() {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
  const send = async (body: string, opts: { note?: boolean; clientId?: string } = {}) =>
    opts.note
      ? (await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: opts.clientId ?? cid(), body, isNote: true })).id
      : (await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: opts.clientId ?? cid(), body })).id;
  return { id: conversation.id, send };
}

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(async () => {
  for (const i of indexers) {
    i.stop();
    await i.idle();
  }
  await t?.close();
});

function indexer(opts: ConstructorParameters<typeof SearchIndexer>[2]) {
  const i = new SearchIndexer(t.app.db, t.app.bus, { sweepMs: 0, ...opts });
  indexers.push(i);
  return i;
}

describe('search indexer', () => {
  it('queues messages and notes on write (never events) and indexes them once', async () => {
    const c = await conversation();
    const retried = cid();
    const ids = [await c.send('আমার অর্ডার কোথায়?'), await c.send('Courier called', { note: true }), await c.send('ami ferot chai', { clientId: retried })];
    // A retried message (same client id) is stored once and queued once.
    expect(await c.send('ami ferot chai', { clientId: retried })).toBe(ids[2]);
    const event = rowsOf<{ id: number }>(
      await t.app.db.execute(sql`insert into messages (conversation_id, sender_type, kind, body, client_id) values (${c.id}, 'system', 'event', 'Assigned to Nadia', ${cid()}) returning id`),
    )[0]!.id;
    expect(await whereAre(ids)).toEqual({ queued: 3, indexed: 0, bodies: null });
    expect((await whereAre([Number(event)])).queued).toBe(0);

    await t.app.searchIndexer.drain();
    expect(await whereAre(ids)).toEqual({ queued: 0, indexed: 3, bodies: ['আমার অর্ডার কোথায়?', 'Courier called', 'ami ferot chai'] });
    expect((await whereAre([Number(event)])).indexed).toBe(0);
    // Indexing again finds nothing to do and duplicates nothing.
    await t.app.searchIndexer.drain();
    expect((await whereAre(ids)).indexed).toBe(3);
  });

  it('drops queue entries whose message is gone, and a deleted message leaves the index', async () => {
    const c = await conversation();
    const gone = await c.send('delete me before indexing');
    const kept = await c.send('delete me after indexing');
    await t.app.db.delete(messages).where(eq(messages.id, gone));
    await t.app.searchIndexer.drain();
    expect(await whereAre([gone])).toEqual({ queued: 0, indexed: 0, bodies: null });
    expect((await whereAre([kept])).indexed).toBe(1);
    await t.app.db.delete(messages).where(eq(messages.id, kept));
    expect((await whereAre([kept])).indexed).toBe(0);
  });

  it('waits while messages keep coming and indexes once it is quiet', async () => {
    const i = indexer({ quietMs: 150, maxDeferMs: 60_000, chunk: 5 });
    i.start();
    const c = await conversation();
    const ids: number[] = [];
    // One message every 30 ms for about 0.6 s: never 150 ms of quiet.
    for (let k = 0; k < 20; k++) {
      ids.push(await c.send(`busy message ${k}`));
      await sleep(30);
    }
    expect((await whereAre(ids)).indexed).toBe(0);
    for (let k = 0; k < 40 && (await whereAre(ids)).queued > 0; k++) await sleep(50);
    expect(await whereAre(ids)).toMatchObject({ queued: 0, indexed: 20 });
    i.stop();
  });

  it('indexes a chunk anyway when traffic has kept it waiting too long', async () => {
    const i = indexer({ quietMs: 10_000, maxDeferMs: 200, forcedGapMs: 100, chunk: 1 });
    i.start();
    const c = await conversation();
    const ids: number[] = [];
    const started = performance.now();
    for (let k = 0; k < 40; k++) {
      ids.push(await c.send(`steady message ${k}`));
      await sleep(25);
    }
    const elapsed = performance.now() - started;
    // Quiet never came (10 s), yet the backlog shrank while messages kept arriving: one message per forced
    // chunk, a chunk every 100 ms once 200 ms had passed, no more.
    const during = await whereAre(ids);
    expect(during.indexed).toBeGreaterThan(0);
    expect(during.indexed).toBeLessThanOrEqual(Math.ceil((elapsed - 200) / 100) + 1);
    i.stop();
  });

  it('two nodes indexing the same queue at once index each message once', async () => {
    const c = await conversation();
    const ids: number[] = [];
    for (let k = 0; k < 60; k++) ids.push(await c.send(`parallel ${k}`));
    const a = indexer({ chunk: 7 });
    const b = indexer({ chunk: 7 });
    await Promise.all([a.drain(), b.drain(), t.app.searchIndexer.drain()]);
    expect(await whereAre(ids)).toMatchObject({ queued: 0, indexed: 60 });
  });
});
