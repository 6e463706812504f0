// npm run -s ai:classify < messages.jsonl
// Reads JSON lines {"text": "..."} on stdin; writes one JSON line per input line, in order: the analysis
// (lang, sentiment, sentimentScores, intent, intentConfidence, team, truncated) or {"error": "..."} for a line
// that cannot be analysed. Blank lines are skipped. Exit code 1 only when the models cannot be loaded.
// SENTIMENT_MODEL / INTENT_MODEL / LANG_MODEL point at other local model folders; AI_TEAM_MAP maps intents to teams.
import readline from 'node:readline';
import { loadClassifier } from '@/server/ai/classifier';
import { parseTeamMap } from '@/server/ai/team-map';
import { getEnv } from '@/server/env';

const MAX_LINE_BYTES = 1_000_000;
const BATCH = 32;

type Pending = { line: number; text?: unknown; error?: string };

function parseLine(raw: string, line: number): Pending {
  if (Buffer.byteLength(raw) > MAX_LINE_BYTES) return { line, error: `line ${line}: longer than ${MAX_LINE_BYTES} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { line, error: `line ${line}: not valid JSON` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('text' in value)) return { line, error: `line ${line}: expected an object with a "text" field` };
  const text = (value as { text: unknown }).text;
  if (typeof text !== 'string') return { line, error: `line ${line}: "text" must be a string` };
  return { line, text };
}

async function main() {
  const env = getEnv();
  const classifier = await loadClassifier({
    dirs: { sentiment: env.SENTIMENT_MODEL, intent: env.INTENT_MODEL, lang: env.LANG_MODEL },
    teamMap: parseTeamMap(env.AI_TEAM_MAP),
  });
  const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  let pending: Pending[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    const toClassify = batch.filter((p) => p.error === undefined);
    const results = toClassify.length ? await classifier.classify(toClassify.map((p) => p.text)) : [];
    let k = 0;
    for (const p of batch) {
      if (p.error !== undefined) out({ error: p.error });
      else {
        const r = results[k++]!;
        out(r instanceof Error ? { error: `line ${p.line}: ${r.message}` } : r);
      }
    }
  };
  // crlfDelay: Windows line ends count as one break. Long lines are read whole, then refused by size.
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
    if (raw.trim() === '') continue;
    pending.push(parseLine(raw, line));
    if (pending.length >= BATCH) await flush();
  }
  await flush();
}

main().catch((e: Error) => {
  process.stderr.write(`ai:classify: ${e.message}\n`);
  process.exit(1);
});
