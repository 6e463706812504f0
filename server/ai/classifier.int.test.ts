import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageAnalysis } from '@/lib/contracts/ai';
import { type Classifier, defaultModelDirs, loadClassifier, ModelLoadError } from './classifier';

// Loads the shipped models from ml/models, as the server does.
let clf: Classifier;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alap-ai-'));
beforeAll(async () => {
  clf = await loadClassifier();
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const analyse = async (text: string) => {
  const [r] = await clf.classify([text]);
  if (r instanceof Error) throw r;
  return r!;
};

// Written for this test; none of them is in the training data (checked below).
const clearCases = [
  // text, lang, sentiment (null: not asserted), intent (null: not asserted)
  ['আমার পার্সেল এখনো হাতে পাইনি, কবে আসবে জানাবেন?', 'bn', null, 'order_status'],
  ['জঘন্য প্রোডাক্ট, পুরো টাকা নষ্ট! এখনই রিফান্ড চাই', 'bn', 'negative', 'return_refund'],
  ['অনেক ধন্যবাদ, খুব দ্রুত ডেলিভারি পেয়েছি, প্রোডাক্টও চমৎকার', 'bn', 'positive', null],
  ['amar parcel ta ekhono ashe nai, kobe pabo bolen to', 'banglish', null, 'order_status'],
  ['bkash theke taka kete nise kintu app e payment failed dekhay', 'banglish', null, 'payment'],
  ['product ta darun hoise, onek dhonnobad apnader', 'banglish', 'positive', null],
  ['Please cancel the order I placed this morning', 'en', null, 'cancel_order'],
  ['I cannot reset my password, the reset email never arrives', 'en', null, 'account'],
  ['Thanks a lot, the agent solved my problem in two minutes. Excellent support!', 'en', 'positive', null],
  ['Absolutely terrible. Two weeks late, the box was crushed and the phone is cracked.', 'en', 'negative', null],
  ['আমার refund এর status টা একটু check করবেন?', 'mixed', null, 'return_refund'],
] as const;

describe('shipped models, clear cases', () => {
  it('are not in the training data', () => {
    const dataDir = path.resolve('ml/data');
    const training = fs
      .readdirSync(dataDir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => fs.readFileSync(path.join(dataDir, f), 'utf8').split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { text: string }).text.normalize('NFC').toLowerCase());
    const seen = new Set(training);
    for (const [text] of clearCases) expect(seen.has(text.normalize('NFC').toLowerCase()), text).toBe(false);
  });

  it.each(clearCases)('%s', async (text, lang, sentiment, intent) => {
    const r = await analyse(text);
    expect(r.lang).toBe(lang);
    if (sentiment) expect(r.sentiment).toBe(sentiment);
    if (intent) expect(r.intent).toBe(intent);
    const s = r.sentimentScores;
    expect(s.negative + s.neutral + s.positive).toBeCloseTo(1, 4);
    expect(r.intentConfidence).toBeGreaterThan(0);
    expect(r.intentConfidence).toBeLessThanOrEqual(1);
  });

  it('maps the intent to its team', async () => {
    const r = await analyse('refund kobe pabo? 10 din hoye gese');
    expect(r.intent).toBe('return_refund');
    expect(r.team).toBe('Payments & Refunds');
  });
});

describe('bad input', () => {
  it('answers or refuses each input on its own, in order, never crashing the batch', async () => {
    const huge = 'আমার অর্ডার কোথায় '.repeat(200_000);
    const results = await clf.classify(['', '🙂🙂🙂', '\u0000\u0001\u0002', 42, huge, 'where is my order']);
    expect(results[0]).toBeInstanceOf(Error);
    expect((results[0] as Error).message).toBe('text is empty');
    expect(results[1]).not.toBeInstanceOf(Error);
    expect(results[2]).toBeInstanceOf(Error);
    expect((results[3] as Error).message).toBe('text must be a string');
    expect((results[4] as MessageAnalysis).truncated).toBe(true);
    expect((results[4] as MessageAnalysis).lang).toBe('bn');
    expect((results[5] as MessageAnalysis).intent).toBe('order_status');
  });
});

describe('loading', () => {
  const copyModel = (name: string) => {
    const dir = path.join(tmp, name);
    fs.cpSync(defaultModelDirs().sentiment, dir, { recursive: true });
    return dir;
  };

  it('a missing model file is a clear error naming the file', async () => {
    const dir = copyModel('no-onnx');
    fs.rmSync(path.join(dir, 'onnx/model.onnx'));
    const err = await loadClassifier({ dirs: { sentiment: dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/sentiment model at .*no-onnx could not be loaded: onnx\/model\.onnx is missing/);
  });

  it('a corrupt model file is a clear error', async () => {
    const dir = copyModel('corrupt');
    fs.writeFileSync(path.join(dir, 'onnx/model.onnx'), Buffer.from('not an onnx model at all'));
    const err = await loadClassifier({ dirs: { sentiment: dir } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as Error).message).toMatch(/sentiment model at .*corrupt could not be loaded/);
  });

  it('a model with other labels is refused', async () => {
    const err = await loadClassifier({ dirs: { sentiment: defaultModelDirs().intent } }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/labels .* are not negative, neutral, positive/);
  });
});

describe('npm run ai:classify', () => {
  it('writes one line per input line, with per-line errors', () => {
    const input = [
      JSON.stringify({ text: 'amar refund kobe pabo?' }),
      '{not json',
      JSON.stringify({ message: 'no text field' }),
      '',
      JSON.stringify({ text: 7 }),
      JSON.stringify({ text: '' }),
      JSON.stringify(['array']),
      JSON.stringify({ text: 'আমার অর্ডার কোথায়?' }),
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ai-classify.ts'], { input, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string; intent?: string; lang?: string });
    expect(lines).toHaveLength(7); // the blank line is skipped
    expect(lines[0]!.intent).toBe('return_refund');
    expect(lines[1]!.error).toBe('line 2: not valid JSON');
    expect(lines[2]!.error).toBe('line 3: expected an object with a "text" field');
    expect(lines[3]!.error).toBe('line 5: "text" must be a string');
    expect(lines[4]!.error).toBe('line 6: text is empty');
    expect(lines[5]!.error).toBe('line 7: expected an object with a "text" field');
    expect(lines[6]!.lang).toBe('bn');
  });

  it('fails with a clear message when a model folder is missing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ai-classify.ts'], {
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, INTENT_MODEL: path.join(tmp, 'nowhere') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ai:classify: The intent model at .*nowhere could not be loaded: config\.json is missing/);
  });
});
