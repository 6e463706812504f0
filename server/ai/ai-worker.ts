// The classifiers on their own thread (started by AiClient): model inference never blocks the event loop that
// serves sockets and HTTP. Messages: { id, texts } in; { id, results } out, where an input that could not be
// analysed is { error } in its place. First message out: { ready: true } or { ready: false, error }.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import { loadClassifier, type ModelDirs } from './classifier';
import type { TeamMap } from './team-map';

export type WorkerInit = { dirs?: Partial<ModelDirs>; teamMap?: TeamMap };
export type WorkerRequest = { id: number; texts: unknown[] };
export type WorkerResult = MessageAnalysis | { error: string };
export type WorkerReply = { id: number; results: WorkerResult[] } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('ai-worker must run as a worker thread');

loadClassifier(workerData as WorkerInit).then(
  (classifier) => {
    port.on('message', (req: WorkerRequest) => {
      classifier.classify(req.texts).then(
        (results) => port.postMessage({ id: req.id, results: results.map((r) => (r instanceof Error ? { error: r.message } : r)) } satisfies WorkerReply),
        (e: Error) => port.postMessage({ id: req.id, error: e.message } satisfies WorkerReply),
      );
    });
    port.postMessage({ ready: true });
  },
  (e: Error) => port.postMessage({ ready: false, error: e.message }),
);
