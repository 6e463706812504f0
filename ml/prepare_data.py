#!/usr/bin/env python3
"""Builds the training, development and held-out test sets for the shipped models (standard library only).

Only data whose licence allows commercial use goes into training (see ml/MODEL_CARD.md):
  BPRD (MIT), BnSentMix (Apache-2.0), UCI sentiment sentences (CC BY 4.0), Bitext customer support (CDLA-Sharing-1.0),
  CLINC150 (CC BY 3.0), Tatoeba ben-eng (CC BY 2.0 FR) and the utterances we wrote ourselves (ml/data/*.jsonl).
Non-commercial sets (BLP-2023, TweetEval, …) are read only by the evaluation (npm run ai:eval), never here.

Held-out splits are decided by a seeded hash of the normalised text, so identical texts always land on the same
side (no train/test leakage through duplicates) and the split is the same on every machine.

Usage: python3 ml/prepare_data.py [--datasets DIR] [--out DIR]
"""
import argparse
import csv
import hashlib
import json
import os
import random
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from textnorm import normalize  # noqa: E402

SEED = 2026
TEST_PERCENT = 15
DEV_PERCENT = 5

SENTIMENTS = ['negative', 'neutral', 'positive']
INTENTS = ['order_status', 'cancel_order', 'return_refund', 'payment', 'account', 'product_info', 'other']
LANGS = ['en', 'bn', 'banglish']

# Bitext's 27 intents → ours. Questions about buying, shipping options or complaints without a topic are "other".
BITEXT_TO_INTENT = {
    'track_order': 'order_status', 'delivery_period': 'order_status', 'change_shipping_address': 'order_status',
    'change_order': 'order_status',
    'cancel_order': 'cancel_order', 'check_cancellation_fee': 'cancel_order',
    'get_refund': 'return_refund', 'track_refund': 'return_refund', 'check_refund_policy': 'return_refund',
    'payment_issue': 'payment', 'check_payment_methods': 'payment', 'check_invoice': 'payment', 'get_invoice': 'payment',
    'create_account': 'account', 'delete_account': 'account', 'edit_account': 'account', 'recover_password': 'account',
    'registration_problems': 'account', 'switch_account': 'account', 'newsletter_subscription': 'account',
    'complaint': 'other', 'contact_customer_service': 'other', 'contact_human_agent': 'other', 'review': 'other',
    'place_order': 'other', 'delivery_options': 'other', 'set_up_shipping_address': 'other',
}

# CLINC150 small talk and out-of-scope requests: what a support chat calls "other".
CLINC_OTHER = {'greeting', 'goodbye', 'thank_you', 'tell_joke', 'are_you_a_bot', 'what_is_your_name', 'who_made_you',
               'meaning_of_life', 'fun_fact', 'how_old_are_you', 'what_are_your_hobbies', 'do_you_have_pets',
               'where_are_you_from', 'weather', 'time', 'date', 'oos', 'yes', 'no', 'maybe', 'cancel', 'repeat'}


def bucket(text, salt):
    h = hashlib.sha1(f'{SEED}:{salt}:{normalize(text)}'.encode('utf-8')).digest()
    return int.from_bytes(h[:4], 'big') % 100


def split_of(text, salt):
    b = bucket(text, salt)
    if b < TEST_PERCENT:
        return 'test'
    if b < TEST_PERCENT + DEV_PERCENT:
        return 'dev'
    return 'train'


def clean(text):
    text = unicodedata.normalize('NFC', (text or '').replace('\u00a0', ' ')).strip()
    return ' '.join(text.split())


def read_csv(path, **kw):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f, **kw))


def load(ds):
    """Returns rows {text, lang, sentiment?, intent?, source}."""
    rows = []

    def add(text, lang, source, sentiment=None, intent=None):
        text = clean(text)
        if 2 <= len(text) <= 1000:
            rows.append({'text': text, 'lang': lang, 'sentiment': sentiment, 'intent': intent, 'source': source})

    for r in read_csv(os.path.join(ds, 'bprd-pharma-reviews/BPRD.csv')):
        stars = int(r['Label'])
        add(r['Reviews'], 'bn', 'bprd', sentiment='negative' if stars <= 2 else 'neutral' if stars == 3 else 'positive')

    for r in read_csv(os.path.join(ds, 'bnsentmix/Bengali English Code-Mixed Dataset.csv')):
        label = {'0': 'positive', '1': 'negative', '2': 'neutral'}.get(r['label'].strip())
        if label:  # 3 = "mixed" sentiment: not one of our classes
            add(r['sentence1'], 'banglish', 'bnsentmix', sentiment=label)

    for name in ['amazon_cells_labelled.txt', 'imdb_labelled.txt', 'yelp_labelled.txt']:
        with open(os.path.join(ds, 'uci-sentiment-sentences', name), encoding='utf-8') as f:
            for line in f:
                text, _, score = line.rstrip('\n').rpartition('\t')
                if score in ('0', '1'):
                    add(text, 'en', 'uci', sentiment='positive' if score == '1' else 'negative')

    # Bitext: support requests. Their intent maps to ours; they carry no emotion in most rows, so they are the
    # "neutral" examples for English sentiment — except the "complaint" intent, which is left unlabelled for sentiment.
    for r in read_csv(os.path.join(ds, 'bitext-cs-20k/TrainingdatasetBitextsample.csv')):
        intent = BITEXT_TO_INTENT.get(r['intent'])
        if intent:
            add(r['utterance'], 'en', 'bitext', intent=intent, sentiment=None if r['intent'] == 'complaint' else 'neutral')

    with open(os.path.join(ds, 'clinc150/data_full.json'), encoding='utf-8') as f:
        clinc = json.load(f)
    for split in ['train', 'oos_train', 'val', 'oos_val']:
        for text, label in clinc[split]:
            if label in CLINC_OTHER:
                add(text, 'en', 'clinc', intent='other')

    # Tatoeba: plain everyday sentences in both languages, for the language model (and as a tokenizer corpus).
    with open(os.path.join(ds, 'tatoeba-ben-eng/ben.txt'), encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 2:
                add(parts[0], 'en', 'tatoeba')
                add(parts[1], 'bn', 'tatoeba')

    data_dir = os.path.join(HERE, 'data')
    for name in sorted(n for n in os.listdir(data_dir) if n.endswith('.jsonl')):
        with open(os.path.join(data_dir, name), encoding='utf-8') as f:
            for line in f:
                line = line.strip()
                if line:
                    o = json.loads(line)
                    add(o['text'], o['lang'], 'own', sentiment=o.get('sentiment'), intent=o.get('intent'))
    return rows


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def cap(rows, key, per_class, rng):
    by = defaultdict(list)
    for r in rows:
        by[r[key]].append(r)
    out = []
    for k in sorted(by):
        group = by[k]
        rng.shuffle(group)
        out.extend(group[:per_class])
    rng.shuffle(out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--datasets', default=os.environ.get('DATASETS_DIR', os.path.join(HERE, '../../shared/datasets')))
    ap.add_argument('--out', default=os.path.join(HERE, 'build/data'))
    args = ap.parse_args()
    if not os.path.isdir(args.datasets):
        sys.exit(f'datasets not found at {args.datasets}: set DATASETS_DIR')
    rng = random.Random(SEED)
    rows = load(args.datasets)

    # Our own utterances train only: they never enter a dev or test split.
    def split(r, task):
        return 'train' if r['source'] == 'own' else split_of(r['text'], task)

    report = {}
    for task, key, labels in [('sentiment', 'sentiment', SENTIMENTS), ('intent', 'intent', INTENTS), ('lang', 'lang', LANGS)]:
        if task == 'lang':
            items = [r for r in rows if r['lang'] in LANGS]
        else:
            items = [r for r in rows if r[key] in labels]
        parts = defaultdict(list)
        seen = set()
        for r in items:
            k = (normalize(r['text']), r[key])
            if k in seen:
                continue
            seen.add(k)
            parts[split(r, task)].append({'text': r['text'], 'label': r[key], 'lang': r['lang'], 'source': r['source']})
        if task == 'lang':
            # Keep the classes comparable in size; the rule for "mixed" lives in the classifier (two scripts).
            parts['train'] = cap(parts['train'], 'label', 12000, rng)
        for name in ['train', 'dev', 'test']:
            rng.shuffle(parts[name])
            write(os.path.join(args.out, f'{task}-{name}.jsonl'), parts[name])
        report[task] = {name: dict(Counter(f"{r['lang']}:{r['label']}" for r in parts[name])) for name in ['train', 'dev', 'test']}

    # The tokenizer corpus: every training text of every task (no test text).
    corpus = set()
    for task in ['sentiment', 'intent', 'lang']:
        with open(os.path.join(args.out, f'{task}-train.jsonl'), encoding='utf-8') as f:
            for line in f:
                corpus.add(json.loads(line)['text'])
    with open(os.path.join(args.out, 'tokenizer-corpus.txt'), 'w', encoding='utf-8') as f:
        for t in sorted(corpus):
            f.write(t + '\n')
    json.dump(report, open(os.path.join(args.out, 'report.json'), 'w'), ensure_ascii=False, indent=1, sort_keys=True)
    for task, parts in report.items():
        print(task, {name: sum(c.values()) for name, c in parts.items()})


if __name__ == '__main__':
    main()
