import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildProcess, fork } from 'node:child_process';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import type { WorkerInit, WorkerReply, WorkerRequest, WorkerResult, WorkerVector } from './ai-worker';

// From source (tsx, vitest): a shim that compiles ai-worker.ts with tsx. From the compiled server (dist/server.js):
// the worker compiled beside it (scripts/build-server.mjs), so production needs no TypeScript tooling.
// The models run in a child process, not a worker thread: see lowerPriority() in ai-worker.ts for the measurement.
const HERE = fileURLToPath(import.meta.url);
const WORKER_ENTRY = HERE.endsWith('.ts') ? path.join(path.dirname(HERE), 'ai-worker.mjs') : path.join(path.dirname(HERE), 'ai-worker.js');

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/**
 * The models in a child process: classify() sends a batch and resolves with its analyses, embed() with the
 * encoder's unit-length sentence vectors (reply suggestions), each in input order.
 */
export class AiClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private failure: Error | null = null;
  private gone = false;

  private constructor(private worker: ChildProcess) {
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
    // The settings travel as the one argument (not the environment: server/env.ts is its only reader).
    const worker = fork(WORKER_ENTRY, [JSON.stringify(init)], {
      // Structured clone over the channel: the encoder's Float32Arrays arrive as Float32Arrays.
      serialization: 'advanced',
      // Not the server's own flags (a profiler, an inspector). A small young generation: the worker allocates in
      // short bursts (tokens, tensors), and the default semi-spaces cost tens of MB of resident memory for no
      // measurable speed; one V8 helper thread instead of one per core: about 10 MB less, same speed
      // (npm run bench:ai).
      execArgv: ['--max-semi-space-size=4', '--v8-pool-size=1'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<{ ready: boolean; error?: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ ready: false, error: 'the AI models did not load in time' }), opts.timeoutMs ?? 60_000);
      const done = (r: { ready: boolean; error?: string }) => {
        clearTimeout(timer);
        resolve(r);
      };
      worker.once('message', (m: { ready?: boolean; error?: string }) => done({ ready: m.ready === true, error: m.error }));
      worker.once('error', (e) => done({ ready: false, error: e.message }));
      worker.once('exit', (code, signal) => done({ ready: false, error: `the AI worker exited during start-up (${signal ?? `code ${code}`})` }));
    });
    if (!ready.ready) {
      // A worker that failed to start must not keep this process alive or leave an orphan behind.
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
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
        this.worker.send({ ...req, id });
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  /** The worker's process id (memory measurements). */
  get pid() {
    return this.worker.pid;
  }

  /** Stops the worker once the model runs in progress have answered; kills it if it has not gone in 5 s. */
  async close() {
    if (this.gone) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    try {
      this.worker.send({ id: 0, op: 'close' } satisfies WorkerRequest);
    } catch {
      this.worker.kill('SIGKILL');
    }
    const timer = setTimeout(() => this.worker.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
