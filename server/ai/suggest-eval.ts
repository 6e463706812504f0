/**
 * Reply suggestions in `npm run ai:eval`: top-3 hit rate of each ranking method (server/ai/suggest.ts) on held-out
 * customer messages, beside a "most frequent replies" baseline.
 *
 * Bitext (English, CDLA-Sharing-1.0). The copies in the shared datasets hold requests and their fine-grained intent
 * (27), not Bitext's responses (the 27K "LLM" version with responses was not copied). Bitext's responses are written
 * per intent, so a past request stands for the reply it got: the index is the training split's requests (the
 * intent model's own split, ml/build/data/intent-train.jsonl, so the encoder never saw a query), each standing for
 * its reply; the queries are the held-out test split, and a second, independent Bitext sample (bitext-cs-8k) minus
 * the requests it shares with the 20k sample. A query is a hit when one of the 3 best-ranked requests has its
 * fine-grained intent (so the reply shown would be the right one). Also reported: top-1, and top-3 over distinct
 * intents (what the desk shows after removing identical reply texts, if each intent had one reply).
 * Baseline: the replies of the 3 most frequent intents of the index, whatever the message.
 *
 * Per language: the project's demo conversations (db/seed/demo-content.ts: English, Bengali, Banglish), each
 * customer line paired with the reply after it. Leave one conversation out: its pairs are queries, all other
 * conversations' pairs the index; a hit is a top-3 suggestion (after the desk's language preference and removal of
 * repeated texts) from a conversation of the same topic. `sameLang` is the share of shown suggestions in the query's
 * language. Small (a few hundred queries) and written by the project, so a sanity check, not a benchmark. The
 * languages of queries and replies are the scripts' own labels, so the figures measure ranking, not language id.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '@/lib/contracts/ai';
import { products as demoProducts, scripts as demoScripts } from '@/db/seed/demo-content';
import { combine, type Entry, pickSuggestions, RANKING_METHODS, type RankingMethod, type ReplyLang, type Scored, SuggestionIndex } from './suggest';

export type Embed = (texts: string[]) => Promise<(Float32Array | Error)[]>;

export type HitRates = { top1: number; top3: number; top3DistinctIntents: number };
export type SuggestSet = { name: string; source: string; n: number; baseline: HitRates; methods: Partial<Record<RankingMethod, HitRates>> };
export type LangSlice = { lang: string; n: number; baseline: { top3: number }; methods: Partial<Record<RankingMethod, { top3: number; sameLang: number }>> };
export type SuggestEvalReport = {
  definition: string;
  indexSize: number;
  sets: SuggestSet[];
  demo: LangSlice[];
  /** Why the encoder methods are missing, when they are. */
  encoderUnavailable?: string;
  /** The method with the best top-3 hit rate on the Bitext held-out split. */
  best: RankingMethod;
  seconds: number;
};

export const DEFINITION =
  'top-3 hit rate: share of held-out customer messages for which one of the 3 suggested replies belongs to the same fine-grained Bitext intent (27) as the gold reply; index = the intent model training split (Bitext requests standing for their replies), queries = held-out test split and the independent bitext-cs-8k sample';

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes); the first row is the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/** prepare_data.py's clean(): NFC, no-break spaces as spaces, whitespace collapsed. */
const clean = (t: string) => t.replace(/\u00a0/g, ' ').normalize('NFC').trim().split(/\s+/).join(' ');

/** Indices of the k largest finite values, best first (ties: lower index). */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!Number.isFinite(v)) continue;
    if (best.length === k && v <= scores[best[k - 1]!]!) continue;
    let at = best.length < k ? best.length : k - 1;
    best[at] = i;
    while (at > 0 && scores[best[at - 1]!]! < v) {
      [best[at - 1], best[at]] = [best[at]!, best[at - 1]!];
      at--;
    }
  }
  return best;
}

/** Hit rates of ranked label lists against the gold labels. */
export function hitRates(gold: readonly string[], ranked: readonly string[][]): HitRates {
  let top1 = 0;
  let top3 = 0;
  let distinct = 0;
  gold.forEach((g, i) => {
    const r = ranked[i] ?? [];
    if (r[0] === g) top1++;
    if (r.slice(0, 3).includes(g)) top3++;
    if ([...new Set(r)].slice(0, 3).includes(g)) distinct++;
  });
  const n = gold.length || 1;
  return { top1: top1 / n, top3: top3 / n, top3DistinctIntents: distinct / n };
}

function seededShuffle<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function embedAll(embed: Embed | null, texts: string[]): Promise<(Float32Array | null)[]> {
  if (!embed) return texts.map(() => null);
  const out: (Float32Array | null)[] = [];
  for (let i = 0; i < texts.length; i += 512) {
    const vs = await embed(texts.slice(i, i + 512));
    out.push(...vs.map((v) => (v instanceof Float32Array ? v : null)));
  }
  return out;
}

const methodsFor = (embed: Embed | null): RankingMethod[] => (embed ? [...RANKING_METHODS] : ['tfidf']);

/** The fine intent of every Bitext request (cleaned text → intent); texts carrying two intents are left out. */
function bitextIntents(csvPath: string): Map<string, string> {
  const byText = new Map<string, string | null>();
  for (const r of parseCsv(fs.readFileSync(csvPath, 'utf8'))) {
    const text = clean(r.utterance ?? '');
    const intent = (r.intent ?? '').trim();
    if (!text || !intent) continue;
    const prev = byText.get(text);
    byText.set(text, prev === undefined || prev === intent ? intent : null);
  }
  return new Map([...byText].filter((e): e is [string, string] => e[1] !== null));
}

function readSplit(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; source?: string })
    .filter((r) => r.source === 'bitext')
    .map((r) => r.text);
}

async function evalBitext(opts: { datasetsDir: string; dataDir: string; embed: Embed | null; log: (m: string) => void; maxSampleQueries: number }) {
  const intents20k = bitextIntents(path.join(opts.datasetsDir, 'bitext-cs-20k/TrainingdatasetBitextsample.csv'));
  const labelled = (texts: string[]) => texts.flatMap((text) => (intents20k.has(text) ? [{ text, intent: intents20k.get(text)! }] : []));
  const train = labelled(readSplit(path.join(opts.dataDir, 'intent-train.jsonl')));
  const test = labelled(readSplit(path.join(opts.dataDir, 'intent-test.jsonl')));
  if (train.length === 0 || test.length === 0) throw new Error('no Bitext rows in ml/build/data/intent-{train,test}.jsonl: run python3 ml/prepare_data.py');

  // The second sample: requests the 20k sample does not have (compared case-folded, as its SOURCE.md counts them).
  const seen20k = new Set([...intents20k.keys()].map((t) => t.toLowerCase()));
  const sample8k = [...bitextIntents(path.join(opts.datasetsDir, 'bitext-cs-8k/Bitext_Sample_Customer_Service_Training_Dataset.csv'))]
    .filter(([text]) => !seen20k.has(text.toLowerCase()))
    .map(([text, intent]) => ({ text, intent }));
  const other = seededShuffle(sample8k, 2026).slice(0, opts.maxSampleQueries);

  opts.log(`reply suggestions: indexing ${train.length} Bitext requests`);
  const index = new SuggestionIndex({ maxHistory: train.length });
  const vectors = await embedAll(opts.embed, train.map((r) => r.text));
  index.add(
    train.map(
      (r, i): Entry => ({ id: `bitext:${i}`, source: 'history', reply: r.intent, key: r.text, lang: 'en', vendorId: null, conversationId: null, at: i, embedding: vectors[i]! }),
    ),
  );
  const intentOf = index.entries().map((e) => e.reply);
  const counts = new Map<string, number>();
  for (const i of intentOf) counts.set(i, (counts.get(i) ?? 0) + 1);
  const frequent = [...counts].sort((a, b) => b[1] - a[1]).map(([i]) => i);

  const sets: SuggestSet[] = [];
  for (const [name, source, queries] of [
    ['Bitext held-out (en)', 'bitext-cs-20k, intent-test split', test],
    ['Bitext 8k sample (en)', `bitext-cs-8k minus the 20k requests, ${other.length} of ${sample8k.length} (seeded)`, other],
  ] as const) {
    opts.log(`reply suggestions: ${queries.length} queries, ${name}`);
    const qv = await embedAll(opts.embed, queries.map((r) => r.text));
    const ranked: Record<RankingMethod, string[][]> = { tfidf: [], encoder: [], hybrid: [] };
    queries.forEach((r, qi) => {
      const sims = index.similarities({ text: r.text, embedding: qv[qi] });
      for (const method of methodsFor(opts.embed)) {
        const scores = method === 'tfidf' ? sims.tfidf : sims.tfidf.map((t, i) => combine(method, t, sims.encoder?.[i] ?? NaN));
        // Ten rows, so that three distinct intents can be found among them.
        ranked[method].push(topK(scores, 10).map((i) => intentOf[i]!));
      }
    });
    const gold = queries.map((r) => r.intent);
    const methods: SuggestSet['methods'] = {};
    for (const m of methodsFor(opts.embed)) methods[m] = hitRates(gold, ranked[m]);
    sets.push({ name, source, n: queries.length, baseline: hitRates(gold, gold.map(() => frequent.slice(0, 10))), methods });
  }
  return { indexSize: train.length, sets };
}

const SAMPLE_ORDER = 'DB-240123';

/** Demo conversations as (customer line → next reply) pairs, tokens filled with the first fitting product. */
function demoPairs() {
  return demoScripts.flatMap((s, si) => {
    const product = demoProducts.find((p) => (s.vendor ? p.vendor === s.vendor : true) && (!s.productCategories || s.productCategories.includes(p.category)));
    const fill = (t: string) => t.replaceAll('{order}', SAMPLE_ORDER).replaceAll('{product}', product ? (s.lang === 'bn' ? product.nameBn : product.name) : 'this product');
    return s.lines.flatMap((line, li) => {
      const next = s.lines[li + 1];
      if (line.from !== 'customer' || !next || next.from === 'customer') return [];
      return [{ script: si, topic: s.topic, lang: s.lang, message: fill(line.text), reply: fill(next.text) }];
    });
  });
}

async function evalDemo(embed: Embed | null): Promise<LangSlice[]> {
  const pairs = demoPairs();
  const vectors = await embedAll(embed, pairs.map((p) => p.message));
  const index = new SuggestionIndex({ maxHistory: pairs.length });
  index.add(
    pairs.map(
      (p, i): Entry => ({
        id: `demo:${i}`,
        source: 'history',
        reply: p.reply,
        key: p.message,
        lang: p.lang as ReplyLang,
        vendorId: null,
        conversationId: `script:${p.script}`,
        at: i,
        embedding: vectors[i]!,
      }),
    ),
  );
  const topicOf = new Map(index.entries().map((e, i) => [e.id, pairs[i]!.topic]));
  const langOf = new Map(index.entries().map((e) => [e.id, e.lang]));
  const slices: LangSlice[] = [];
  for (const lang of ['en', 'bn', 'banglish'] as const) {
    const queries = pairs.map((p, i) => ({ ...p, i })).filter((p) => p.lang === lang);
    const results: Record<RankingMethod, { hits: number; shown: number; sameLang: number }> = {
      tfidf: { hits: 0, shown: 0, sameLang: 0 },
      encoder: { hits: 0, shown: 0, sameLang: 0 },
      hybrid: { hits: 0, shown: 0, sameLang: 0 },
    };
    let baselineHits = 0;
    for (const qy of queries) {
      const others = (e: Entry) => e.conversationId !== `script:${qy.script}`;
      // Baseline: the 3 most frequent topics of the other conversations in this language.
      const topicCounts = new Map<string, number>();
      for (const p of pairs) if (p.script !== qy.script && p.lang === lang) topicCounts.set(p.topic, (topicCounts.get(p.topic) ?? 0) + 1);
      if ([...topicCounts].sort((a, b) => b[1] - a[1]).slice(0, 3).some(([t]) => t === qy.topic)) baselineHits++;
      for (const method of methodsFor(embed)) {
        const ranked: Scored[] = index.search({ text: qy.message, embedding: vectors[qy.i] }, { method, limit: 60, filter: others });
        const shown = pickSuggestions(ranked, lang as Lang, { k: 3 });
        const r = results[method];
        if (shown.some((s) => topicOf.get(s.id) === qy.topic)) r.hits++;
        r.shown += shown.length;
        r.sameLang += shown.filter((s) => langOf.get(s.id) === lang).length;
      }
    }
    const n = queries.length || 1;
    const methods: LangSlice['methods'] = {};
    for (const m of methodsFor(embed)) methods[m] = { top3: results[m].hits / n, sameLang: results[m].shown ? results[m].sameLang / results[m].shown : 0 };
    slices.push({ lang, n: queries.length, baseline: { top3: baselineHits / n }, methods });
  }
  return slices;
}

export async function evaluateReplySuggestions(opts: {
  datasetsDir: string;
  dataDir: string;
  /** The shipped encoder's vectors; null when it is unavailable (then only TF-IDF is measured). */
  embed: Embed | null;
  encoderUnavailable?: string;
  log?: (m: string) => void;
  /** Queries drawn from the bitext-cs-8k sample (default 2,000). */
  maxSampleQueries?: number;
}): Promise<SuggestEvalReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const bitext = await evalBitext({ ...opts, log, maxSampleQueries: opts.maxSampleQueries ?? 2000 });
  log('reply suggestions: demo conversations by language');
  const demo = await evalDemo(opts.embed);
  const heldOut = bitext.sets[0]!.methods;
  const best = (Object.keys(heldOut) as RankingMethod[]).sort((a, b) => heldOut[b]!.top3 - heldOut[a]!.top3)[0]!;
  return {
    definition: DEFINITION,
    indexSize: bitext.indexSize,
    sets: bitext.sets,
    demo,
    ...(opts.encoderUnavailable ? { encoderUnavailable: opts.encoderUnavailable } : {}),
    best,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The section's table for the ai:eval output. */
export function suggestionTable(r: SuggestEvalReport): string {
  const f = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
  const methods = RANKING_METHODS.filter((m) => r.sets[0]?.methods[m]);
  const rows: string[][] = [['reply suggestions (top-3 hit rate)', 'n', 'baseline (3 most frequent)', ...methods.map((m) => `${m} (top-1 / top-3 / distinct)`)]];
  for (const s of r.sets) {
    rows.push([s.name, String(s.n), f(s.baseline.top3), ...methods.map((m) => `${f(s.methods[m]?.top1)} / ${f(s.methods[m]?.top3)} / ${f(s.methods[m]?.top3DistinctIntents)}`)]);
  }
  for (const d of r.demo) {
    rows.push([`demo conversations [${d.lang}] (topic; same-language share)`, String(d.n), f(d.baseline.top3), ...methods.map((m) => `top-3 ${f(d.methods[m]?.top3)}; lang ${f(d.methods[m]?.sameLang)}`)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const fmt = (row: string[]) => row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const lines = [fmt(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)];
  lines.push(`best on the held-out split: ${r.best}${r.encoderUnavailable ? ` (encoder unavailable: ${r.encoderUnavailable})` : ''}; index ${r.indexSize} requests; ${r.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
