import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiClient } from './ai-client';
import { type Classifier, loadClassifier } from './classifier';

// The worker thread answers exactly what the in-thread classifier does, batch order and per-item errors included.
let ai: AiClient;
let local: Classifier;
beforeAll(async () => {
  [ai, local] = await Promise.all([AiClient.start(), loadClassifier()]);
}, 60_000);
afterAll(() => ai?.close());

describe('AiClient (worker thread)', () => {
  it('matches the in-thread classifier, in order, with per-item errors', async () => {
    const texts = ['amar refund kobe pabo?', '', 'আমার অর্ডার কোথায়?', 'Thanks, great service!', 5];
    const [viaWorker, inThread] = await Promise.all([ai.classify(texts), local.classify(texts)]);
    expect(viaWorker.map((r) => (r instanceof Error ? r.message : r))).toEqual(inThread.map((r) => (r instanceof Error ? r.message : r)));
    expect(viaWorker[1]).toBeInstanceOf(Error);
  });

  it('serves concurrent callers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ai.classify([`order ${i} kothay?`])));
    expect(results.every(([r]) => !(r instanceof Error) && r!.intent === 'order_status')).toBe(true);
  });

  it('closes after the work in progress: answers what was asked, then refuses, and closing twice is harmless', async () => {
    const own = await AiClient.start();
    const texts = Array.from({ length: 64 }, (_, i) => `amar order ${i} kothay? onek din hoye gelo`);
    const running = own.classify(texts);
    const embedding = own.embed(['where is my order']);
    await own.close();
    expect((await running).every((r) => !(r instanceof Error))).toBe(true);
    expect((await embedding)[0]).toBeInstanceOf(Float32Array);
    await expect(own.classify(['hello'])).rejects.toThrow(/stopped|closing/);
    await own.close();
  }, 60_000);

  it('refuses to start when a model is missing, saying which', async () => {
    const err = await AiClient.start({ dirs: { intent: path.resolve('does/not/exist') } }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/The intent model at .*does\/not\/exist could not be loaded: config\.json is missing/);
  });
});
