import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import type { WorkerInit, WorkerReply, WorkerRequest, WorkerResult, WorkerVector } from './ai-worker';

// From source (tsx, vitest): a shim that compiles ai-worker.ts with tsx. From the compiled server (dist/server.js):
// the worker compiled beside it (scripts/build-server.mjs), so production needs no TypeScript tooling.
const HERE = fileURLToPath(import.meta.url);
const WORKER_ENTRY = HERE.endsWith('.ts') ? path.join(path.dirname(HERE), 'ai-worker.mjs') : path.join(path.dirname(HERE), 'ai-worker.js');

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/**
 * The models on a worker thread: classify() posts a batch and resolves with its analyses, embed() with the
 * encoder's unit-length sentence vectors (reply suggestions), each in input order.
 */
export class AiClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private failure: Error | null = null;
  private gone = false;

  private constructor(private worker: Worker) {
    worker.on('message', (m: WorkerReply | { ready: boolean }) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      this.gone = true;
      fail(new Error(`The AI worker stopped (exit code ${code})`));
    });
  }

  /** Starts the worker and waits until the models are loaded; rejects with the loader's message if they are not. */
  static async start(init: WorkerInit = {}, opts: { timeoutMs?: number } = {}): Promise<AiClient> {
    // A small young generation: the worker allocates in short bursts (tokens, tensors), and the default semi-spaces
    // cost tens of MB of resident memory for no measurable speed (npm run bench:ai).
    const worker = new Worker(WORKER_ENTRY, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
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

  async classify(texts: unknown[]): Promise<(MessageAnalysis | Error)[]> {
    const reply = await this.request({ id: 0, texts });
    if (!('results' in reply)) throw new Error('the AI worker answered a classify request with something else');
    return reply.results.map((r: WorkerResult) => ('error' in r ? new Error(r.error) : r));
  }

  /** Sentence vectors from the shipped encoder; rejects when the worker has no encoder (the reason is its message). */
  async embed(texts: unknown[]): Promise<(Float32Array | Error)[]> {
    const reply = await this.request({ id: 0, op: 'embed', texts });
    if (!('vectors' in reply)) throw new Error('the AI worker answered an embed request with something else');
    return reply.vectors.map((v: WorkerVector) => (v instanceof Float32Array ? v : new Error(v.error)));
  }

  private request(req: WorkerRequest): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...req, id });
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  /**
   * Stops the worker once the model runs in progress have finished (stopping it in the middle of one aborts the
   * process: an ONNX Runtime native exception); terminates it if it has not gone in 5 s.
   */
  async close() {
    if (this.gone) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ id: 0, op: 'close' } satisfies WorkerRequest);
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
