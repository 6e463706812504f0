import path from 'node:path';
import { loadPipeline, ModelLoadError, SHIPPED_MODELS_DIR } from './classifier';
import { prepareText } from './text';

/** The encoder whose pooled vector reply suggestions compare: the intent model (trained on support requests). */
export const DEFAULT_EMBEDDING_MODEL_DIR = path.join(SHIPPED_MODELS_DIR, 'intent');

/** The ONNX output ml/train.py exports beside `logits`: the masked mean of the last layer, the head's input. */
export const EMBEDDING_OUTPUT = 'sentence_embedding';

const BATCH = 64;

type Tensor = { data: Float32Array; dims: number[] };
type EncoderPipeline = {
  tokenizer: (texts: string[], options: { padding: true; truncation: true }) => Record<string, unknown>;
  model: { forward(inputs: Record<string, unknown>): Promise<Record<string, Tensor | undefined>> };
};

export type Embedder = {
  /** One unit-length vector per input, in order; an input that cannot be embedded gets an Error in its place. */
  embed(texts: unknown[]): Promise<(Float32Array | Error)[]>;
  dim: number;
  dir: string;
};

/** L2-normalises in place (cosine similarity becomes a dot product); a zero vector stays zero. */
export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

/**
 * Loads a shipped encoder for sentence vectors (transformers.js, from disk only). Fails with ModelLoadError when
 * the model has no `sentence_embedding` output: models exported before that output was added cannot embed.
 */
export async function loadEmbedder(dir: string = DEFAULT_EMBEDDING_MODEL_DIR): Promise<Embedder> {
  const pipe = (await loadPipeline('embedding', dir)) as unknown as EncoderPipeline;

  async function run(batch: string[]): Promise<Float32Array[]> {
    const inputs = pipe.tokenizer(batch, { padding: true, truncation: true });
    const out = await pipe.model.forward(inputs);
    const t = out[EMBEDDING_OUTPUT];
    if (!t) throw new ModelLoadError('embedding', dir, `the model has no ${EMBEDDING_OUTPUT} output (export it with ml/train.py)`);
    const dim = t.dims.at(-1)!;
    if (t.dims.length !== 2 || t.dims[0] !== batch.length) throw new Error(`unexpected ${EMBEDDING_OUTPUT} shape [${t.dims.join(', ')}]`);
    return batch.map((_, i) => normalize(Float32Array.from(t.data.subarray(i * dim, (i + 1) * dim))));
  }

  // One call at load time: a model without the output fails here, not on the first customer message.
  const [probe] = await run(['hello']);
  const dim = probe!.length;

  async function embed(texts: unknown[]): Promise<(Float32Array | Error)[]> {
    const prepared = texts.map((t) => {
      try {
        return prepareText(t).text;
      } catch (e) {
        return e as Error;
      }
    });
    const ok = prepared.flatMap((p, i) => (p instanceof Error ? [] : [{ i, text: p }]));
    const out: (Float32Array | Error)[] = prepared.map((p) => (p instanceof Error ? p : new Error('not embedded')));
    if (ok.length === 0) return out;
    // Batches of at most BATCH: one padded batch of thousands of texts would need gigabytes of activations.
    for (let start = 0; start < ok.length; start += BATCH) {
      const chunk = ok.slice(start, start + BATCH);
      const vectors = await run(chunk.map((p) => p.text));
      chunk.forEach((p, k) => (out[p.i] = vectors[k]!));
    }
    return out;
  }

  return { embed, dim, dir };
}
