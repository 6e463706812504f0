// The models on their own thread (started by AiClient): model inference never blocks the event loop that serves
// sockets and HTTP. Messages in: { id, texts } (classify) or { id, op: 'embed', texts }; out: { id, results } for
// classify, { id, vectors } for embed, where an input that could not be processed is { error } in its place, or
// { id, error } when the whole request failed. First message out: { ready: true } or { ready: false, error }: the
// classifiers decide readiness; the encoder for reply suggestions loads beside them and, if it cannot, only embed
// requests fail (with its reason).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import { loadClassifier, type ModelDirs } from './classifier';
import { type Embedder, loadEmbedder } from './embedder';
import type { TeamMap } from './team-map';

export type WorkerInit = { dirs?: Partial<ModelDirs>; teamMap?: TeamMap; embeddingDir?: string };
export type WorkerRequest = { id: number; op?: 'classify'; texts: unknown[] } | { id: number; op: 'embed'; texts: unknown[] } | { id: number; op: 'close' };
export type WorkerResult = MessageAnalysis | { error: string };
export type WorkerVector = Float32Array | { error: string };
export type WorkerReply = { id: number; results: WorkerResult[] } | { id: number; vectors: WorkerVector[] } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('ai-worker must run as a worker thread');

lowerThreadPriority();

/**
 * Linux: give this thread (and the threads it starts) the lowest CPU priority. On a 2-core server the models
 * compete with the event loop that delivers messages; readings are never urgent. First choice is the SCHED_IDLE
 * policy (`chrt --idle`): the scheduler preempts an idle-policy thread as soon as a normal thread wakes, so a
 * model run never holds a core that delivery needs. Nice 19 alone still lets the model finish its time slice
 * (milliseconds) first. If chrt is missing or refused, nice 19. setpriority() and chrt -p apply to one thread
 * when given its id. Elsewhere this is a no-op.
 */
function lowerThreadPriority() {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return;
    os.setPriority(tid, 19);
    try {
      execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 2000 });
    } catch {
      // No chrt (not util-linux) or not permitted: nice 19 stays.
    }
  } catch {
    // Not permitted or no /proc: run at normal priority.
  }
}

const init = workerData as WorkerInit;
// Loaded on the first embed request: production ranks suggestions by TF-IDF and never pays for a second copy of
// the encoder; a failure is reported per embed request.
let embedder: Promise<Embedder> | null = null;
const getEmbedder = () => (embedder ??= loadEmbedder(init.embeddingDir));

// Work in progress (model runs, a model being loaded). Stopping the thread while ONNX Runtime is inside one of
// these aborts the whole process (a native exception), so a close request waits for them first.
const inflight = new Set<Promise<unknown>>();
const track = <T>(p: Promise<T>) => {
  inflight.add(p);
  void p.finally(() => inflight.delete(p)).catch(() => {});
  return p;
};

loadClassifier(init).then(
  (classifier) => {
    let closing = false;
    port.on('message', (req: WorkerRequest) => {
      const fail = (e: Error) => port.postMessage({ id: req.id, error: e.message } satisfies WorkerReply);
      if (req.op === 'close') {
        closing = true;
        void Promise.allSettled([...inflight, ...(embedder ? [embedder] : [])]).then(() => process.exit(0));
        return;
      }
      if (closing) return fail(new Error('the AI worker is closing'));
      if (req.op === 'embed') {
        track(getEmbedder().then((e) => e.embed(req.texts))).then(
          (vectors) => port.postMessage({ id: req.id, vectors: vectors.map((v) => (v instanceof Error ? { error: v.message } : v)) } satisfies WorkerReply),
          fail,
        );
        return;
      }
      track(classifier.classify(req.texts)).then(
        (results) => port.postMessage({ id: req.id, results: results.map((r) => (r instanceof Error ? { error: r.message } : r)) } satisfies WorkerReply),
        fail,
      );
    });
    port.postMessage({ ready: true });
  },
  (e: Error) => port.postMessage({ ready: false, error: e.message }),
);
