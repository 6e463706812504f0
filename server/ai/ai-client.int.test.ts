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

  it('refuses to start when a model is missing, saying which', async () => {
    const err = await AiClient.start({ dirs: { intent: path.resolve('does/not/exist') } }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/The intent model at .*does\/not\/exist could not be loaded: config\.json is missing/);
  });
});
