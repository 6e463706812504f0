// The models in their own process (started by AiClient with child_process.fork): model inference never blocks,
// nor competes inside one process with, the event loop that serves sockets and HTTP. Messages in (IPC):
// { id, texts } (classify) or { id, op: 'embed', texts }; out: { id, results } for classify, { id, vectors }
// for embed, where an input that could not be processed is { error } in its place, or { id, error } when the
// whole request failed. First message out: { ready: true } or { ready: false, error }: the classifiers decide
// readiness; the encoder for reply suggestions loads beside them and, if it cannot, only embed requests fail
// (with its reason). The settings (WorkerInit) come as the one command-line argument, in JSON.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import { loadClassifier, type ModelDirs } from './classifier';
import { type Embedder, loadEmbedder } from './embedder';
import type { TeamMap } from './team-map';

export type WorkerInit = { dirs?: Partial<ModelDirs>; teamMap?: TeamMap; embeddingDir?: string };
export type WorkerRequest = { id: number; op?: 'classify'; texts: unknown[] } | { id: number; op: 'embed'; texts: unknown[] } | { id: number; op: 'close' };
export type WorkerResult = MessageAnalysis | { error: string };
export type WorkerVector = Float32Array | { error: string };
export type WorkerReply = { id: number; results: WorkerResult[] } | { id: number; vectors: WorkerVector[] } | { id: number; error: string };

if (!process.send) throw new Error('ai-worker must run as a child process with an IPC channel (AiClient starts it)');
const send = (m: WorkerReply | { ready: boolean; error?: string }) => {
  if (process.connected) process.send!(m);
};
// The server is gone (it closed the channel, or was killed): nobody is left to answer.
process.on('disconnect', () => process.exit(0));

lowerPriority();

/**
 * Linux: give this process (all its threads, and the ones ONNX Runtime starts later, which inherit it) the
 * lowest CPU priority. On a 2-core server the models compete with the event loop that delivers messages;
 * readings are never urgent. First choice is the SCHED_IDLE policy (`chrt --idle`): the scheduler preempts an
 * idle-policy task as soon as a normal one wakes. If chrt is missing or refused, nice 19. Elsewhere a no-op.
 *
 * Why a process and not a worker thread: with the models on a low-priority thread of the server, the server's
 * delivery p99 at 500 msg/s doubled (about 9 → 12–23 ms) although its event loop did no more work; the same
 * models in a separate low-priority process left it unchanged (npm run bench). Threads of one process share
 * its locks (the memory map among them), and a preempted low-priority thread holding one stalls the event loop.
 */
function lowerPriority() {
  if (process.platform !== 'linux') return;
  try {
    for (const tid of fs.readdirSync('/proc/self/task')) os.setPriority(Number(tid), 19);
    try {
      execFileSync('chrt', ['--all-tasks', '--idle', '--pid', '0', String(process.pid)], { stdio: 'ignore', timeout: 2000 });
    } catch {
      // No chrt (not util-linux) or not permitted: nice 19 stays.
    }
  } catch {
    // Not permitted or no /proc: run at normal priority.
  }
}

const init = JSON.parse(process.argv[2] || '{}') as WorkerInit;
// Loaded on the first embed request: production ranks suggestions by TF-IDF and never pays for a second copy of
// the encoder; a failure is reported per embed request.
let embedder: Promise<Embedder> | null = null;
const getEmbedder = () => (embedder ??= loadEmbedder(init.embeddingDir));

// Work in progress (model runs, a model being loaded): a close request lets them finish and answer first.
const inflight = new Set<Promise<unknown>>();
const track = <T>(p: Promise<T>) => {
  inflight.add(p);
  void p.finally(() => inflight.delete(p)).catch(() => {});
  return p;
};

loadClassifier(init).then(
  (classifier) => {
    let closing = false;
    process.on('message', (req: WorkerRequest) => {
      const fail = (e: Error) => send({ id: req.id, error: e.message });
      if (req.op === 'close') {
        closing = true;
        void Promise.allSettled([...inflight, ...(embedder ? [embedder] : [])]).then(() => process.exit(0));
        return;
      }
      if (closing) return fail(new Error('the AI worker is closing'));
      if (req.op === 'embed') {
        track(getEmbedder().then((e) => e.embed(req.texts))).then(
          (vectors) => send({ id: req.id, vectors: vectors.map((v) => (v instanceof Error ? { error: v.message } : v)) }),
          fail,
        );
        return;
      }
      track(classifier.classify(req.texts)).then(
        (results) => send({ id: req.id, results: results.map((r) => (r instanceof Error ? { error: r.message } : r)) }),
        fail,
      );
    });
    send({ ready: true });
  },
  (e: Error) => send({ ready: false, error: e.message }),
);
