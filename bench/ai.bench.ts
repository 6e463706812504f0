// npm run bench:ai — the on-server classifiers (language, sentiment, intent: three models per message) on a
// worker process, as the server runs them:
//   - added memory: this process before the worker starts vs this process plus the worker process after the
//     models are loaded and warm, as RSS and as PSS (pages two processes share, such as Node's own code, counted
//     once between them: what the machine really gives the models);
//   - single-message latency: one message at a time, round trip through the worker (p50 / p99);
//   - batched throughput: batches of BENCH_AI_BATCH (default 32) back to back for BENCH_AI_SECONDS (default 8 s).
// Targets (issue): p50 ≤ 10 ms, p99 ≤ 30 ms per message, ≥ 300 messages/s batched, ≤ 300 MB added RSS.
// Prints one JSON document; the machine it ran on is in it.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { AiClient } from '@/server/ai/ai-client';

const SINGLE = Number(process.env.BENCH_AI_SINGLE ?? 1000);
const BATCH = Number(process.env.BENCH_AI_BATCH ?? 32);
const SECONDS = Number(process.env.BENCH_AI_SECONDS ?? 8);

// Realistic messages in Bengali script, Banglish, English and mixed, of varied length.
const messages = [
  'আমার অর্ডার এখনো আসেনি, তিন দিন হয়ে গেল। অর্ডার নম্বর DB-10482, একটু দেখবেন প্লিজ?',
  'পণ্যটা ভাঙা এসেছে, টাকা ফেরত চাই',
  'বিকাশে পেমেন্ট করেছি কিন্তু অর্ডার স্ট্যাটাস এখনো পেন্ডিং দেখাচ্ছে',
  'ধন্যবাদ, খুব দ্রুত পেয়েছি!',
  'Bhai amar order ta ekhono ashe nai, 3 din hoye gelo. Ektu check koren please.',
  'refund kobe pabo?',
  'Ei panjabi ta ki XL size e available ache? Eid er age delivery dite parben?',
  'Order cancel korte chai, bhul kore duita order hoye gese.',
  'Hi, I ordered a phone cover last week and the tracking has not moved since Tuesday.',
  'I was charged twice for order DB-20931 via card. Please reverse the extra payment.',
  'thanks!',
  'Is this rice cooker 220V compatible, and does it come with an official warranty?',
  'আমার order টা এখনো deliver হয়নি',
  'Size chart e M lekha but jeta ashche ota S er moto. এক্সচেঞ্জ করা যাবে?',
  'otp ashtese na login korte parchi na',
  'This is unacceptable. Third time I am asking about my refund and nobody replies!!!',
];

/** A field of /proc/<pid>/smaps_rollup (Rss, Pss) in bytes; 0 where it cannot be read (not Linux). */
function memoryOf(pid: number | 'self' | undefined, field: 'Rss' | 'Pss') {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
const pct = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! * 1000) / 1000;

async function main() {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const pssBefore = memoryOf('self', 'Pss');
  const t0 = performance.now();
  const ai = await AiClient.start();
  const loadMs = performance.now() - t0;
  // Warm up: first inferences allocate ONNX Runtime's arenas.
  for (let i = 0; i < 50; i++) await ai.classify([messages[i % messages.length]]);
  await ai.classify(Array.from({ length: BATCH }, (_, i) => messages[i % messages.length]));

  const lat: number[] = [];
  for (let i = 0; i < SINGLE; i++) {
    const t = performance.now();
    const [r] = await ai.classify([messages[i % messages.length]]);
    lat.push(performance.now() - t);
    if (r instanceof Error) throw r;
  }
  lat.sort((a, b) => a - b);

  let done = 0;
  const tb = performance.now();
  while (performance.now() - tb < SECONDS * 1000) {
    const batch = Array.from({ length: BATCH }, (_, i) => messages[(done + i) % messages.length]);
    await ai.classify(batch);
    done += batch.length;
  }
  const throughput = done / ((performance.now() - tb) / 1000);
  const workerRss = memoryOf(ai.pid, 'Rss');
  const rssAfter = process.memoryUsage().rss + workerRss;
  const pssAfter = memoryOf('self', 'Pss') + memoryOf(ai.pid, 'Pss');
  await ai.close();

  const single = { n: SINGLE, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), maxMs: pct(lat, 100) };
  const addedRssMB = mb(rssAfter - rssBefore);
  const addedPssMB = mb(pssAfter - pssBefore);
  const doc = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    modelsLoadMs: Math.round(loadMs),
    single,
    batched: { batchSize: BATCH, seconds: SECONDS, messages: done, messagesPerSecond: Math.round(throughput) },
    memory: { rssBeforeMB: mb(rssBefore), rssAfterMB: mb(rssAfter), workerRssMB: mb(workerRss), addedRssMB, addedPssMB },
    targets: {
      p50Under10ms: single.p50Ms <= 10,
      p99Under30ms: single.p99Ms <= 30,
      atLeast300PerSecondBatched: throughput >= 300,
      // PSS where the machine reports it: RSS counts the pages both processes share (Node itself) twice.
      addedMemoryUnder300MB: (addedPssMB || addedRssMB) <= 300,
    },
    notes: [
      'Each message goes through three models (language, sentiment, intent) in one worker process; latency is the round trip from this process.',
      'Added memory is this process plus the worker process after the models are loaded and the runs are done, minus this process before the worker started: as RSS (shared pages counted in each process) and as PSS (shared pages split between the processes that map them).',
    ],
  };
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench:ai: ${e.message}\n`);
  process.exit(1);
});
