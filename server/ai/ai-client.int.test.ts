import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiClient } from './ai-client';
import { type Classifier, loadClassifier } from './classifier';

// The worker process answers exactly what the in-process classifier does, batch order and per-item errors included.
let ai: AiClient;
let local: Classifier;
beforeAll(async () => {
  [ai, local] = await Promise.all([AiClient.start(), loadClassifier()]);
}, 60_000);
afterAll(() => ai?.close());

describe('AiClient (worker process)', () => {
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

  it.runIf(process.platform === 'linux')('runs the models in a process of its own, every thread at the lowest priority', () => {
    expect(ai.pid).toBeTruthy();
    expect(ai.pid).not.toBe(process.pid);
    const tasks = fs.readdirSync(`/proc/${ai.pid}/task`);
    expect(tasks.length).toBeGreaterThan(1);
    for (const tid of tasks) {
      // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the command name in parentheses).
      const stat = fs.readFileSync(`/proc/${ai.pid}/task/${tid}/stat`, 'utf8');
      expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])).toBe(19);
    }
    const policy = (() => {
      try {
        return execFileSync('chrt', ['-p', String(ai.pid)], { encoding: 'utf8' });
      } catch {
        return null; // no chrt here: nice 19 is what the worker could do
      }
    })();
    if (policy !== null) expect(policy).toMatch(/SCHED_IDLE/);
  });

  it('leaves no worker behind when the server is killed', async () => {
    // A server that starts the models, reports the worker's pid, and is then killed with SIGKILL.
    const script = `import { AiClient } from './server/ai/ai-client.ts';
      const ai = await AiClient.start();
      process.stdout.write(String(ai.pid) + '\\n');
      setInterval(() => {}, 1000);`;
    const server = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const workerPid = await new Promise<number>((resolve, reject) => {
      server.stdout!.on('data', (b: Buffer) => resolve(Number(String(b).trim())));
      server.once('exit', (code) => reject(new Error(`the test server exited early (${code})`)));
    });
    expect(workerPid).toBeGreaterThan(0);
    server.kill('SIGKILL');
    const alive = () => {
      try {
        process.kill(workerPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const until = Date.now() + 10_000;
    while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  }, 60_000);

  it('refuses to start when a model is missing, saying which', async () => {
    const err = await AiClient.start({ dirs: { intent: path.resolve('does/not/exist') } }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/The intent model at .*does\/not\/exist could not be loaded: config\.json is missing/);
  });
});
