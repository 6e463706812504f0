import fs from 'node:fs';
import path from 'node:path';
import { INTENTS, type Intent, type MessageAnalysis, SENTIMENTS, type Sentiment } from '@/lib/contracts/ai';
import { languageByScript, prepareText, scriptCounts } from './text';
import { type TeamMap, teamFor } from './team-map';

/** Shipped models: trained by `npm run ai:train` (ml/), committed under ml/models. */
export const SHIPPED_MODELS_DIR = path.resolve(process.cwd(), 'ml/models');

export type ModelDirs = { sentiment: string; intent: string; lang: string };

export function defaultModelDirs(overrides: Partial<ModelDirs> = {}): ModelDirs {
  return {
    sentiment: overrides.sentiment ?? path.join(SHIPPED_MODELS_DIR, 'sentiment'),
    intent: overrides.intent ?? path.join(SHIPPED_MODELS_DIR, 'intent'),
    lang: overrides.lang ?? path.join(SHIPPED_MODELS_DIR, 'lang'),
  };
}

export class ModelLoadError extends Error {
  constructor(
    readonly model: string,
    readonly dir: string,
    reason: string,
  ) {
    super(`The ${model} model at ${dir} could not be loaded: ${reason}`);
    this.name = 'ModelLoadError';
  }
}

type Scores = { label: string; score: number }[];
type Pipeline = (texts: string[], options: { top_k: null }) => Promise<Scores[] | Scores>;

/** Files a transformers.js text-classification folder must hold; checked first so errors name what is missing. */
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

// One ONNX Runtime thread per session, and no spin-waiting: by default ORT keeps a pool of threads per core that
// spin between runs, which on a 2-core server takes CPU from the main thread (message delivery) for a
// background task. These models are small enough that one thread loses little (npm run bench:ai).
const SESSION_OPTIONS = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
};

export async function loadPipeline(model: string, dir: string, expectedLabels?: readonly string[]): Promise<Pipeline> {
  for (const f of REQUIRED) {
    if (!fs.existsSync(path.join(dir, f))) throw new ModelLoadError(model, dir, `${f} is missing`);
  }
  let labels: string[];
  try {
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { id2label?: Record<string, string> };
    labels = Object.values(config.id2label ?? {});
  } catch (e) {
    throw new ModelLoadError(model, dir, `config.json is not valid JSON (${(e as Error).message})`);
  }
  if (expectedLabels) {
    const unknown = labels.filter((l) => !expectedLabels.includes(l));
    if (labels.length === 0 || unknown.length) throw new ModelLoadError(model, dir, `its labels (${labels.join(', ')}) are not ${expectedLabels.join(', ')}`);
  }
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.dirname(path.resolve(dir)) + path.sep;
  try {
    const clf = await pipeline('text-classification', path.basename(dir), { dtype: 'fp32', local_files_only: true, session_options: SESSION_OPTIONS });
    return clf as unknown as Pipeline;
  } catch (e) {
    throw new ModelLoadError(model, dir, (e as Error).message.split('\n')[0] ?? 'unknown error');
  }
}

function toMap(scores: Scores): Record<string, number> {
  return Object.fromEntries(scores.map((s) => [s.label, s.score]));
}

export type Classifier = {
  /** One analysis per input, in order; an input that cannot be analysed gets an Error in its place. */
  classify(texts: unknown[]): Promise<(MessageAnalysis | Error)[]>;
  dirs: ModelDirs;
};

/**
 * The three shipped classifiers behind one call: language (en / bn / banglish, plus "mixed" from the scripts),
 * sentiment with its probabilities, and intent with its confidence and team.
 */
export async function loadClassifier(opts: { dirs?: Partial<ModelDirs>; teamMap?: TeamMap } = {}): Promise<Classifier> {
  const dirs = defaultModelDirs(opts.dirs);
  const [sentiment, intent, lang] = await Promise.all([
    loadPipeline('sentiment', dirs.sentiment, SENTIMENTS),
    loadPipeline('intent', dirs.intent, INTENTS),
    loadPipeline('lang', dirs.lang, ['en', 'bn', 'banglish']),
  ]);
  const teamMap = opts.teamMap;

  async function classify(texts: unknown[]): Promise<(MessageAnalysis | Error)[]> {
    const prepared = texts.map((t) => {
      try {
        return prepareText(t);
      } catch (e) {
        return e as Error;
      }
    });
    const ok = prepared.flatMap((p, i) => (p instanceof Error ? [] : [{ i, ...p }]));
    const out: (MessageAnalysis | Error)[] = prepared.map((p) => (p instanceof Error ? p : new Error('not analysed')));
    if (ok.length === 0) return out;
    const batch = ok.map((p) => p.text);
    const asList = (r: Scores[] | Scores): Scores[] => (batch.length === 1 && !Array.isArray(r[0]) ? [r as Scores] : (r as Scores[]));
    // Bengali script settles the language (bn, or mixed with Latin); the model only tells English from Banglish.
    const byScript = ok.map((p) => languageByScript(scriptCounts(p.text)));
    const latin = ok.flatMap((p, k) => (byScript[k] ? [] : [k]));
    const latinBatch = latin.map((k) => batch[k]!);
    const asListOf = (r: Scores[] | Scores, size: number): Scores[] => (size === 1 && !Array.isArray(r[0]) ? [r as Scores] : (r as Scores[]));
    const [s, n, l] = await Promise.all([
      sentiment(batch, { top_k: null }),
      intent(batch, { top_k: null }),
      latinBatch.length ? lang(latinBatch, { top_k: null }) : Promise.resolve([] as Scores[]),
    ]);
    const [ss, ns] = [asList(s), asList(n)];
    const ls = asListOf(l, latinBatch.length);
    const langOf = new Map(latin.map((k, j) => [k, ls[j]![0]!.label]));
    ok.forEach((p, k) => {
      const sMap = toMap(ss[k]!);
      const nTop = ns[k]![0]!;
      const sentimentScores = { negative: sMap.negative ?? 0, neutral: sMap.neutral ?? 0, positive: sMap.positive ?? 0 };
      const top = (Object.entries(sentimentScores) as [Sentiment, number][]).sort((a, b) => b[1] - a[1])[0]![0];
      out[p.i] = {
        lang: byScript[k] ?? (langOf.get(k) === 'banglish' ? 'banglish' : 'en'),
        sentiment: top,
        sentimentScores,
        intent: nTop.label as Intent,
        intentConfidence: nTop.score,
        team: teamFor(nTop.label as Intent, teamMap),
        truncated: p.truncated,
      };
    });
    return out;
  }

  return { classify, dirs };
}
