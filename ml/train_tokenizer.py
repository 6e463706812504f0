#!/usr/bin/env python3
"""Trains the shared WordPiece vocabulary (Bengali script, Latin and mixed text) and writes tokenizer files.

Pieces are learned with byte-pair-style merges over word counts (characters first, then the most frequent
adjacent pair, repeatedly); a piece inside a word carries the "##" prefix, as WordPiece expects. Words are
pre-tokenised with ml/textnorm.py, which mirrors the JavaScript tokenizer, so training and inference agree.

Usage: python3 ml/train_tokenizer.py --corpus ml/build/data/tokenizer-corpus.txt --out ml/build/tokenizer --size 8000
"""
import argparse
import heapq
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from textnorm import MAX_INPUT_CHARS_PER_WORD, normalize, pretokenize  # noqa: E402

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def train(words, size, min_char_count=3):
    char_counts = Counter()
    for w, c in words.items():
        for i, ch in enumerate(w):
            char_counts[ch if i == 0 else '##' + ch] += c
    vocab = list(SPECIALS)
    vocab += sorted(s for s, c in char_counts.items() if c >= min_char_count)
    known = set(vocab)

    # Each word as a list of symbols; pair counts with an index of which words hold each pair.
    seqs = {}
    for w in words:
        if len(w) > MAX_INPUT_CHARS_PER_WORD:
            continue
        syms = [w[0]] + ['##' + ch for ch in w[1:]]
        if all(s in known for s in syms):
            seqs[w] = syms
    pair_count = Counter()
    where = defaultdict(set)
    for w, syms in seqs.items():
        c = words[w]
        for a, b in zip(syms, syms[1:]):
            pair_count[(a, b)] += c
            where[(a, b)].add(w)
    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)

    def merged(a, b):
        return a + (b[2:] if b.startswith('##') else b)

    while len(vocab) < size and heap:
        negc, pair = heapq.heappop(heap)
        if pair_count.get(pair, 0) != -negc or -negc < 2:
            if pair_count.get(pair, 0) >= 2 and pair_count[pair] != -negc:
                heapq.heappush(heap, (-pair_count[pair], pair))
            continue
        a, b = pair
        new = merged(a, b)
        if new not in known:
            vocab.append(new)
            known.add(new)
        for w in list(where.pop(pair, ())):
            syms = seqs[w]
            c = words[w]
            for x, y in zip(syms, syms[1:]):
                pair_count[(x, y)] -= c
            out, i = [], 0
            while i < len(syms):
                if i + 1 < len(syms) and syms[i] == a and syms[i + 1] == b:
                    out.append(new)
                    i += 2
                else:
                    out.append(syms[i])
                    i += 1
            seqs[w] = out
            for x, y in zip(out, out[1:]):
                pair_count[(x, y)] += c
                where[(x, y)].add(w)
                heapq.heappush(heap, (-pair_count[(x, y)], (x, y)))
        pair_count.pop(pair, None)
    return vocab


def tokenizer_json(vocab):
    ids = {t: i for i, t in enumerate(vocab)}
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [
            {'id': ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
            for t in SPECIALS
        ],
        'normalizer': {'type': 'Sequence', 'normalizers': [{'type': 'NFC'}, {'type': 'Lowercase'}]},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {'type': 'BertProcessing', 'sep': ['[SEP]', ids['[SEP]']], 'cls': ['[CLS]', ids['[CLS]']]},
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {
            'type': 'WordPiece',
            'unk_token': '[UNK]',
            'continuing_subword_prefix': '##',
            'max_input_chars_per_word': MAX_INPUT_CHARS_PER_WORD,
            'vocab': ids,
        },
    }


def tokenizer_config(max_length):
    return {
        'tokenizer_class': 'BertTokenizer',
        'do_lower_case': False,  # the normalizer above lowercases; BERT's own would also strip accents
        'model_max_length': max_length,
        'unk_token': '[UNK]', 'sep_token': '[SEP]', 'pad_token': '[PAD]', 'cls_token': '[CLS]', 'mask_token': '[MASK]',
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--size', type=int, default=8000)
    ap.add_argument('--max-length', type=int, default=96)
    args = ap.parse_args()
    words = Counter()
    with open(args.corpus, encoding='utf-8') as f:
        for line in f:
            words.update(pretokenize(normalize(line.strip())))
    vocab = train(words, args.size)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, 'tokenizer.json'), 'w', encoding='utf-8') as f:
        json.dump(tokenizer_json(vocab), f, ensure_ascii=False)
    with open(os.path.join(args.out, 'tokenizer_config.json'), 'w', encoding='utf-8') as f:
        json.dump(tokenizer_config(args.max_length), f, indent=1)
    with open(os.path.join(args.out, 'vocab.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(vocab) + '\n')
    print(f'vocabulary: {len(vocab)} pieces from {len(words)} distinct words')


if __name__ == '__main__':
    main()
