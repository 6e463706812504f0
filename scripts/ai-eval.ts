// npm run ai:eval
// Evaluates the shipped classifiers (ml/models, or SENTIMENT_MODEL / INTENT_MODEL / LANG_MODEL) on public held-out
// sets and on our own held-out splits, beside a character n-gram baseline trained in this run on the same training
// data. Prints the JSON report, then a table, on stdout (progress goes to stderr); writes ml/build/eval-report.json.
// DATASETS_DIR: the public datasets (default ../shared/datasets beside the repository).
// BLP-2023 and TweetEval are non-commercial: they are read here to evaluate, never to train anything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { INTENTS, type MessageAnalysis, SENTIMENTS } from '@/lib/contracts/ai';
import { trainBaseline, type BaselineModel, type LabelledText } from '@/server/ai/baseline';
import { type Classifier, loadClassifier, ModelLoadError } from '@/server/ai/classifier';
import { type Embedder, loadEmbedder } from '@/server/ai/embedder';
import { classificationReport, type ClassificationReport } from '@/server/ai/metrics';
import { evaluateReplySuggestions, suggestionTable } from '@/server/ai/suggest-eval';
import { getEnv } from '@/server/env';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'ml/build/data');
const REPORT_PATH = path.join(ROOT, 'ml/build/eval-report.json');
const BATCH = 64;
const LANG_LABELS = ['en', 'bn', 'banglish', 'mixed'];
const ERROR = '(error)';

type Row = { text: string; label: string; lang?: string; source?: string };
type MetricName = 'accuracy' | 'macroF1' | 'macroRecall';
type Scored = Omit<ClassificationReport, 'n'> & { errors: number };
type Task = {
  name: string;
  dataset: string;
  split: string;
  n: number;
  /** The metrics this task is judged on, the primary one first. */
  metrics: MetricName[];
  transformer: Scored;
  baseline: Scored;
  published?: { metric: string; note?: string; [system: string]: number | string | undefined };
  target?: { metric: MetricName; min: number; inclusive: boolean; aim: number; met: boolean; aimMet: boolean };
};

const log = (msg: string) => process.stderr.write(`ai:eval: ${msg}\n`);

class EvalError extends Error {}

async function* lines(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new EvalError(`${path.relative(ROOT, file) || file} is missing`);
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

async function readJsonl(file: string, keep: (r: Row) => boolean = () => true): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const line of lines(file)) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Row;
    if (keep(r)) rows.push(r);
  }
  return rows;
}

/** BLP-2023: `id<TAB>text<TAB>label` with a header and no quoting. */
async function readBlp(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  let first = true;
  for await (const line of lines(file)) {
    if (first) {
      first = false;
      continue;
    }
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const label = cells.at(-1)!.trim().toLowerCase();
    if (cells.length < 3 || !(SENTIMENTS as readonly string[]).includes(label)) throw new EvalError(`${file}: unexpected row ${JSON.stringify(line.slice(0, 80))}`);
    rows.push({ text: cells.slice(1, -1).join('\t'), label });
  }
  return rows;
}

/** TweetEval: texts and labels (0 negative, 1 neutral, 2 positive) on matching lines of two files. */
async function readTweetEval(dir: string, split: string): Promise<Row[]> {
  const texts: string[] = [];
  for await (const line of lines(path.join(dir, `${split}_text.txt`))) texts.push(line);
  const labels: string[] = [];
  for await (const line of lines(path.join(dir, `${split}_labels.txt`))) {
    if (!line.trim()) continue;
    const label = SENTIMENTS[Number(line.trim())];
    if (!label) throw new EvalError(`${dir}/${split}_labels.txt: unexpected label ${JSON.stringify(line)} on line ${labels.length + 1}`);
    labels.push(label);
  }
  if (labels.length !== texts.length) throw new EvalError(`${dir}: ${split} has ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, i) => ({ text, label: labels[i]! }));
}

let classifyMs = 0;
let classified = 0;

async function classifyAll(classifier: Classifier, texts: string[], what: string): Promise<(MessageAnalysis | Error)[]> {
  const out: (MessageAnalysis | Error)[] = [];
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i += BATCH) {
    out.push(...(await classifier.classify(texts.slice(i, i + BATCH))));
    if ((i / BATCH) % 20 === 19) log(`${what}: ${Math.min(i + BATCH, texts.length)}/${texts.length}`);
  }
  classifyMs += performance.now() - t0;
  classified += texts.length;
  return out;
}

function score(gold: string[], predicted: string[], labels: readonly string[]): Scored {
  const { n: _n, ...report } = classificationReport(gold, predicted, labels);
  return { ...report, errors: predicted.filter((p) => p === ERROR).length };
}

type Field = (a: MessageAnalysis) => string;
type TargetSpec = { metric: MetricName; min: number; inclusive: boolean; aim: number };
type TaskInfo = Pick<Task, 'name' | 'dataset' | 'split' | 'metrics'> & { published?: Task['published']; target?: TargetSpec };
type Predictions = { transformer: string[]; baseline: string[] };

/** Runs both models over the rows once: the transformers through loadClassifier in batches, the baseline per text. */
async function predict(classifier: Classifier, baseline: BaselineModel, rows: Row[], field: Field, what: string): Promise<Predictions> {
  if (rows.length === 0) throw new EvalError(`${what}: no rows to evaluate`);
  const results = await classifyAll(classifier, rows.map((r) => r.text), what);
  return { transformer: results.map((r) => (r instanceof Error ? ERROR : field(r))), baseline: rows.map((r) => baseline.predict(r.text)) };
}

function toTask(info: TaskInfo, rows: Row[], predictions: Predictions, labels: readonly string[]): Task {
  const gold = rows.map((r) => r.label);
  const { target, ...rest } = info;
  const task: Task = { ...rest, n: rows.length, transformer: score(gold, predictions.transformer, labels), baseline: score(gold, predictions.baseline, labels) };
  if (target) {
    const value = task.transformer[target.metric];
    task.target = { ...target, met: target.inclusive ? value >= target.min : value > target.min, aimMet: value >= target.aim };
  }
  return task;
}

/** The rows (and their predictions) that `keep` selects, scored as a task of their own. */
function subset(info: TaskInfo, rows: Row[], predictions: Predictions, labels: readonly string[], keep: (r: Row) => boolean): Task {
  const mask = rows.map(keep);
  const only = <T>(xs: T[]) => xs.filter((_, i) => mask[i]);
  return toTask(info, only(rows), { transformer: only(predictions.transformer), baseline: only(predictions.baseline) }, labels);
}

/** The task overall, then one task per value of `key` when the rows hold more than one (same predictions). */
function withSlices(info: TaskInfo, rows: Row[], predictions: Predictions, labels: readonly string[], key: 'lang' | 'source'): Task[] {
  const tasks = [toTask(info, rows, predictions, labels)];
  const values = [...new Set(rows.map((r) => r[key] ?? '?'))].sort();
  if (values.length < 2) return tasks;
  for (const value of values) {
    const sliceInfo = { ...info, name: `${info.name} [${value}]`, split: `${info.split}, ${key}=${value}` };
    tasks.push(subset(sliceInfo, rows, predictions, labels, (r) => (r[key] ?? '?') === value));
  }
  return tasks;
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, (performance.now() - t0) / 1000];
}

/** Rounds every non-integer number to 3 decimals. */
function round3(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 1000) / 1000;
  if (Array.isArray(value)) return value.map(round3);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round3(v)]));
  return value;
}

const SHORT: Record<MetricName, string> = { accuracy: 'acc', macroF1: 'mF1', macroRecall: 'mRec' };

function table(tasks: Task[]): string {
  const f = (x: number) => x.toFixed(3);
  const metrics = (t: Task, s: Scored) => t.metrics.map((m) => `${SHORT[m]} ${f(s[m])}`).join('  ') + (s.errors ? `  (${s.errors} errors)` : '');
  const reference = (t: Task) => {
    const parts: string[] = [];
    if (t.published) {
      const systems = Object.entries(t.published).filter(([, v]) => typeof v === 'number') as [string, number][];
      parts.push(`${systems.map(([k, v]) => `${k} ${f(v)}`).join(', ')} (${t.published.metric})`);
    }
    if (t.target) parts.push(`target ${SHORT[t.target.metric]} ${t.target.inclusive ? '>=' : '>'} ${f(t.target.min)} ${t.target.met ? 'MET' : 'MISSED'}, aim ${f(t.target.aim)} ${t.target.aimMet ? 'MET' : 'not yet'}`);
    return parts.join('; ');
  };
  const rows = [['task', 'n', 'transformer', 'baseline (char n-gram LR)', 'published / target'], ...tasks.map((t) => [t.name, String(t.n), metrics(t, t.transformer), metrics(t, t.baseline), reference(t)])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const fmt = (r: string[]) => r.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  return [fmt(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

async function main() {
  const started = performance.now();
  const datasets = path.resolve(getEnv().DATASETS_DIR ?? path.join(ROOT, '../shared/datasets'));
  if (!fs.existsSync(datasets) || !fs.statSync(datasets).isDirectory()) {
    throw new EvalError(`the public datasets folder ${datasets} does not exist: set DATASETS_DIR to the folder that holds blp23-sentiment/, tweeteval-sentiment/, bnsentmix/ …`);
  }

  log('preparing the splits (python3 ml/prepare_data.py)');
  // The script prints its split sizes on stdout; send them to stderr so our stdout stays the report.
  const prep = spawnSync('python3', [path.join(ROOT, 'ml/prepare_data.py'), '--datasets', datasets], {
    cwd: ROOT,
    env: { ...process.env, DATASETS_DIR: datasets },
    stdio: ['ignore', 2, 2],
  });
  if (prep.error) throw new EvalError(`could not run python3 ml/prepare_data.py: ${prep.error.message}`);
  if (prep.status !== 0) throw new EvalError(`python3 ml/prepare_data.py failed (exit ${prep.status ?? prep.signal})`);

  const env = getEnv();
  log('loading the models');
  const classifier = await loadClassifier({ dirs: { sentiment: env.SENTIMENT_MODEL, intent: env.INTENT_MODEL, lang: env.LANG_MODEL } });

  log('training the baselines');
  const train = async (task: string): Promise<[BaselineModel, number]> => {
    const rows: LabelledText[] = await readJsonl(path.join(DATA, `${task}-train.jsonl`));
    return timed(() => trainBaseline(rows, { seed: 2026 }));
  };
  const [sentimentBase, sentimentSec] = await train('sentiment');
  const [intentBase, intentSec] = await train('intent');
  const [langBase, langSec] = await train('lang');
  log(`baselines trained in ${(sentimentSec + intentSec + langSec).toFixed(1)} s`);

  const sentiment: Field = (a) => a.sentiment;
  const tasks: Task[] = [];

  const blp = await readBlp(path.join(datasets, 'blp23-sentiment/blp23_sentiment_test_with_label.tsv'));
  const blpInfo: TaskInfo = {
    name: 'bn sentiment (BLP-2023)',
    dataset: 'blp23-sentiment/blp23_sentiment_test_with_label.tsv',
    split: 'test',
    metrics: ['accuracy', 'macroF1'],
    // The shared task ranked by micro-F1, which equals accuracy for single-label data: the majority figure is
    // 3,338 Negative of 6,707 = 0.498 (its macro-F1 would be 0.222). So these compare with our accuracy.
    published: { metric: 'micro-F1 = accuracy', majority: 0.498, ngram: 0.551, best: 0.731, note: 'n-gram baseline and systems trained on the BLP-2023 training split, which is not used here' },
    target: { metric: 'accuracy', min: 0.551, inclusive: false, aim: 0.62 },
  };
  tasks.push(toTask(blpInfo, blp, await predict(classifier, sentimentBase, blp, sentiment, blpInfo.name), SENTIMENTS));

  const tweets = await readTweetEval(path.join(datasets, 'tweeteval-sentiment'), 'test');
  const tweetInfo: TaskInfo = {
    name: 'en sentiment (TweetEval)',
    dataset: 'tweeteval-sentiment/test_text.txt + test_labels.txt',
    split: 'test',
    metrics: ['macroRecall', 'accuracy', 'macroF1'],
    published: { metric: 'macro-recall', svm: 0.629, fastText: 0.629, roberta: 0.713, note: 'Barbieri et al. 2020, trained on the TweetEval training split, which is not used here' },
    target: { metric: 'macroRecall', min: 0.58, inclusive: true, aim: 0.63 },
  };
  tasks.push(toTask(tweetInfo, tweets, await predict(classifier, sentimentBase, tweets, sentiment, tweetInfo.name), SENTIMENTS));

  // Our own held-out sentiment split, read once: its BnSentMix rows are task (c); all of it, by source, shows how
  // the model does on the kind of text it was trained on (BPRD, UCI, Bitext) next to the public sets above.
  const sentimentRows = await readJsonl(path.join(DATA, 'sentiment-test.jsonl'));
  const sentimentPredictions = await predict(classifier, sentimentBase, sentimentRows, sentiment, 'sentiment held-out');
  const banglishInfo: TaskInfo = {
    name: 'banglish sentiment (BnSentMix)',
    dataset: 'ml/build/data/sentiment-test.jsonl, source=bnsentmix',
    split: 'held-out test',
    metrics: ['accuracy', 'macroF1'],
  };
  tasks.push(subset(banglishInfo, sentimentRows, sentimentPredictions, SENTIMENTS, (r) => r.source === 'bnsentmix'));
  const heldOutInfo: TaskInfo = { name: 'sentiment, all held-out', dataset: 'ml/build/data/sentiment-test.jsonl', split: 'held-out test', metrics: ['accuracy', 'macroF1'] };
  tasks.push(...withSlices(heldOutInfo, sentimentRows, sentimentPredictions, SENTIMENTS, 'source'));

  const intentRows = await readJsonl(path.join(DATA, 'intent-test.jsonl'));
  const intentInfo: TaskInfo = { name: 'intent', dataset: 'ml/build/data/intent-test.jsonl (Bitext + CLINC150 small talk)', split: 'held-out test', metrics: ['accuracy', 'macroF1'] };
  tasks.push(...withSlices(intentInfo, intentRows, await predict(classifier, intentBase, intentRows, (a) => a.intent, 'intent'), INTENTS, 'lang'));

  const langRows = await readJsonl(path.join(DATA, 'lang-test.jsonl'));
  // The classifier says "mixed" for two-script text; that counts as wrong unless the label is "mixed".
  const langInfo: TaskInfo = { name: 'language id', dataset: 'ml/build/data/lang-test.jsonl', split: 'held-out test', metrics: ['accuracy', 'macroF1'] };
  tasks.push(toTask(langInfo, langRows, await predict(classifier, langBase, langRows, (a) => a.lang, 'language id'), LANG_LABELS));

  // Reply suggestions: top-3 hit rate of each ranking method on held-out Bitext requests, and on the demo
  // conversations by language (definitions in server/ai/suggest-eval.ts). Without the encoder: TF-IDF only.
  let embedder: Embedder | null = null;
  let encoderUnavailable: string | undefined;
  try {
    embedder = await loadEmbedder(env.INTENT_MODEL);
  } catch (e) {
    encoderUnavailable = (e as Error).message;
    log(`reply suggestions without the encoder: ${encoderUnavailable}`);
  }
  const replySuggestions = await evaluateReplySuggestions({
    datasetsDir: datasets,
    dataDir: DATA,
    embed: embedder ? embedder.embed : null,
    encoderUnavailable,
    log,
  });

  const report = round3({
    generatedAt: new Date().toISOString(),
    models: classifier.dirs,
    datasets,
    tasks,
    replySuggestions,
    timings: {
      classifyMsPerMessage: classifyMs / classified,
      classifiedMessages: classified,
      batchSize: BATCH,
      baselineTrainSeconds: sentimentSec + intentSec + langSec,
      baselineTrainSecondsByModel: { sentiment: sentimentSec, intent: intentSec, lang: langSec },
      totalSeconds: (performance.now() - started) / 1000,
    },
  });
  const json = JSON.stringify(report, null, 1);
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${json}\n`);
  process.stdout.write(`${json}\n\n${table(tasks)}\n\n${suggestionTable(replySuggestions)}\n\n`);
  process.stdout.write(`classify ${(classifyMs / classified).toFixed(2)} ms/message over ${classified} messages (batches of ${BATCH}); baselines trained in ${(sentimentSec + intentSec + langSec).toFixed(1)} s; report written to ${path.relative(process.cwd(), REPORT_PATH)}\n`);
}

main().catch((e: Error) => {
  const hint = e instanceof ModelLoadError ? ' (train the models with npm run ai:train)' : '';
  process.stderr.write(`ai:eval: ${e instanceof EvalError || e instanceof ModelLoadError ? e.message + hint : (e.stack ?? e.message)}\n`);
  process.exit(1);
});
