import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import type { WorkerInit, WorkerReply, WorkerResult } from './ai-worker';

const WORKER_ENTRY = path.resolve(process.cwd(), 'server/ai/ai-worker.mjs');

/** The classifiers on a worker thread: classify() posts a batch and resolves with its analyses, in order. */
export class AiClient {
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: (MessageAnalysis | Error)[]) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private worker: Worker) {
    worker.on('message', (m: WorkerReply | { ready: boolean }) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.results.map((r: WorkerResult) => ('error' in r ? new Error(r.error) : r)));
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The AI worker stopped (exit code ${code})`)));
  }

  /** Starts the worker and waits until the models are loaded; rejects with the loader's message if they are not. */
  static async start(init: WorkerInit = {}, opts: { timeoutMs?: number } = {}): Promise<AiClient> {
    const worker = new Worker(WORKER_ENTRY, { workerData: init });
    const ready = await new Promise<{ ready: boolean; error?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ ready: false, error: 'the AI models did not load in time' }), opts.timeoutMs ?? 60_000);
      const done = (r: { ready: boolean; error?: string }) => {
        clearTimeout(timer);
        resolve(r);
      };
      worker.once('message', (m: { ready?: boolean; error?: string }) => done({ ready: m.ready === true, error: m.error }));
      worker.once('error', (e) => done({ ready: false, error: e.message }));
    });
    if (!ready.ready) {
      await worker.terminate();
      throw new Error(ready.error ?? 'the AI worker failed to start');
    }
    return new AiClient(worker);
  }

  classify(texts: unknown[]): Promise<(MessageAnalysis | Error)[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, texts });
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  async close() {
    await this.worker.terminate();
  }
}
