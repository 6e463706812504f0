#!/usr/bin/env python3
"""Trains one small transformer encoder classifier from scratch and exports it for @huggingface/transformers.

  /usr/bin/python3 ml/train.py --task sentiment|intent|lang [--epochs N] [--out models]

Model: token + position embeddings, a 2-layer nn.TransformerEncoder (128 wide, 4 heads), masked mean pooling and
a linear head. Exported to ONNX (inputs input_ids and attention_mask, output logits) with a BERT-style
config.json, so `pipeline('text-classification', dir)` loads it. Fixed seeds; CPU only.
"""
import argparse
import json
import math
import os
import random
import shutil
import sys
import time
from collections import Counter, defaultdict

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textnorm import tokenize  # noqa: E402

LABELS = {
    'sentiment': ['negative', 'neutral', 'positive'],
    'intent': ['order_status', 'cancel_order', 'return_refund', 'payment', 'account', 'product_info', 'other'],
    'lang': ['en', 'bn', 'banglish'],
}
# Per epoch, at most this many rows of one (source, label) group are drawn, so that one large source (Bitext's
# neutral requests, say) does not decide a class; our own hand-written rows are repeated to weigh more.
GROUP_CAP = {'sentiment': 3000, 'intent': 3000, 'lang': 6000}
OWN_REPEAT = {'sentiment': 3, 'intent': 4, 'lang': 2}
MAX_LEN = 64
SEED = 2026


class Encoder(nn.Module):
    def __init__(self, vocab_size, num_labels, d=128, layers=2, heads=4, ff=256, max_pos=128, dropout=0.1):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, d, padding_idx=0)
        self.pos = nn.Embedding(max_pos, d)
        self.norm = nn.LayerNorm(d)
        layer = nn.TransformerEncoderLayer(d, heads, ff, dropout, batch_first=True, norm_first=False)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(d, num_labels)

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.norm(self.tok(input_ids) + self.pos(positions))
        x = self.encoder(x, src_key_padding_mask=attention_mask == 0)
        m = attention_mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(self.drop(pooled))


def load_rows(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def encode(rows, vocab, label_ids):
    out = []
    cls, sep, unk = vocab['[CLS]'], vocab['[SEP]'], vocab['[UNK]']
    unk_count = total = 0
    for r in rows:
        ids = [vocab.get(p, unk) for p in tokenize(r['text'], vocab)][: MAX_LEN - 2]
        unk_count += sum(1 for i in ids if i == unk)
        total += len(ids)
        out.append(([cls] + ids + [sep], label_ids[r['label']], r))
    return out, unk_count / max(1, total)


def batches(items, size, shuffle, rng):
    order = list(range(len(items)))
    if shuffle:
        # Shuffle, then sort by length inside windows of 50 batches and shuffle the batches: little padding.
        rng.shuffle(order)
        window = size * 50
        order = [j for w in range(0, len(order), window) for j in sorted(order[w:w + window], key=lambda j: len(items[j][0]))]
    starts = list(range(0, len(order), size))
    if shuffle:
        rng.shuffle(starts)
    for i in starts:
        chunk = [items[j] for j in order[i:i + size]]
        width = max(len(c[0]) for c in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for k, (toks, _, _) in enumerate(chunk):
            ids[k, : len(toks)] = torch.tensor(toks)
            mask[k, : len(toks)] = 1
        yield ids, mask, torch.tensor([c[1] for c in chunk]), chunk


def epoch_sample(train, task, rng):
    groups = defaultdict(list)
    for item in train:
        r = item[2]
        groups[(r['source'], r['label'])].append(item)
    out = []
    for (source, _), items in groups.items():
        if source == 'own':
            out.extend(items * OWN_REPEAT[task])
        else:
            out.extend(items if len(items) <= GROUP_CAP[task] else rng.sample(items, GROUP_CAP[task]))
    return out


def evaluate(model, items):
    model.eval()
    correct = 0
    per = Counter()
    hit = Counter()
    with torch.no_grad():
        for ids, mask, y, chunk in batches(items, 256, False, None):
            pred = model(ids, mask).argmax(-1)
            correct += int((pred == y).sum())
            for (toks, label, r), p in zip(chunk, pred.tolist()):
                per[r['lang']] += 1
                hit[r['lang']] += int(p == label)
    return correct / max(1, len(items)), {k: round(hit[k] / per[k], 4) for k in per}


def export(model, vocab_size, labels, out_dir, tokenizer_dir, meta):
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(os.path.join(out_dir, 'onnx'))
    model.eval()
    ids = torch.tensor([[2, 10, 11, 12, 3]], dtype=torch.long)
    mask = torch.ones_like(ids)
    # Second output `sentence_embedding`: the pooled vector the head reads (reply suggestions compare these,
    # server/ai/embedder.ts). A pre-hook on the head captures it and the instance's forward returns it beside the
    # logits, so parameter names and the logits graph stay those of the model itself (no wrapper module).
    captured = []
    hook = model.head.register_forward_pre_hook(lambda _module, inputs: captured.append(inputs[0]))
    plain_forward = model.forward
    model.forward = lambda input_ids, attention_mask: (plain_forward(input_ids, attention_mask), captured[-1])
    try:
        torch.onnx.export(
            model, (ids, mask), os.path.join(out_dir, 'onnx/model.onnx'),
            input_names=['input_ids', 'attention_mask'], output_names=['logits', 'sentence_embedding'],
            dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                          'logits': {0: 'batch'}, 'sentence_embedding': {0: 'batch'}},
            opset_version=14, do_constant_folding=True,
        )
    finally:
        hook.remove()
        del model.forward
    config = {
        'model_type': 'bert',
        'architectures': ['BertForSequenceClassification'],
        'vocab_size': vocab_size,
        'hidden_size': 128, 'num_hidden_layers': 2, 'num_attention_heads': 4, 'intermediate_size': 256,
        'max_position_embeddings': 128,
        'id2label': {str(i): l for i, l in enumerate(labels)},
        'label2id': {l: i for i, l in enumerate(labels)},
        'alap': meta,
    }
    with open(os.path.join(out_dir, 'config.json'), 'w', encoding='utf-8') as f:
        json.dump(config, f, indent=1, ensure_ascii=False)
    for name in ['tokenizer.json', 'tokenizer_config.json']:
        shutil.copy(os.path.join(tokenizer_dir, name), os.path.join(out_dir, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--task', required=True, choices=sorted(LABELS))
    ap.add_argument('--epochs', type=int, default=6)
    ap.add_argument('--data', default=os.path.join(HERE, 'build/data'))
    ap.add_argument('--tokenizer', default=os.path.join(HERE, 'build/tokenizer'))
    ap.add_argument('--out', default=os.path.join(HERE, 'models'))
    ap.add_argument('--threads', type=int, default=max(1, os.cpu_count() or 1))
    args = ap.parse_args()
    random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)

    with open(os.path.join(args.tokenizer, 'vocab.txt'), encoding='utf-8') as f:
        vocab = {t: i for i, t in enumerate(line.rstrip('\n') for line in f) if t}
    labels = LABELS[args.task]
    label_ids = {l: i for i, l in enumerate(labels)}
    train, unk_rate = encode(load_rows(os.path.join(args.data, f'{args.task}-train.jsonl')), vocab, label_ids)
    dev, _ = encode(load_rows(os.path.join(args.data, f'{args.task}-dev.jsonl')), vocab, label_ids)
    print(f'{args.task}: {len(train)} train, {len(dev)} dev, [UNK] rate {unk_rate:.4f}', flush=True)

    model = Encoder(len(vocab), len(labels))
    steps_per_epoch = math.ceil(len(epoch_sample(train, args.task, random.Random(0))) / 64)
    total_steps = steps_per_epoch * args.epochs
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1e-3, total_steps=total_steps + 1, pct_start=0.1)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    best, best_state = -1.0, None
    t0 = time.time()
    for epoch in range(args.epochs):
        model.train()
        sample = epoch_sample(train, args.task, rng)
        seen = loss_sum = 0
        for ids, mask, y, _ in batches(sample, 64, True, rng):
            opt.zero_grad()
            loss = loss_fn(model(ids, mask), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            seen += len(y)
            loss_sum += float(loss) * len(y)
            if (seen // 64) % 200 == 0:
                print(f'  step {seen // 64}: loss {loss_sum / seen:.4f} ({time.time() - t0:.0f} s)', flush=True)
        acc, per_lang = evaluate(model, dev)
        print(f'epoch {epoch + 1}: loss {loss_sum / seen:.4f}, dev accuracy {acc:.4f} {per_lang} ({time.time() - t0:.0f} s)', flush=True)
        if acc > best:
            best = acc
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    meta = {'task': args.task, 'trainRows': len(train), 'devAccuracy': round(best, 4), 'epochs': args.epochs, 'seed': SEED,
            'unkRate': round(unk_rate, 4), 'trainSeconds': round(time.time() - t0)}
    export(model, len(vocab), labels, os.path.join(args.out, args.task), args.tokenizer, meta)
    print(json.dumps(meta))


if __name__ == '__main__':
    main()
