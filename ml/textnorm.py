"""Text normalisation and tokenisation exactly as the shipped tokenizer.json does it in JavaScript.

normalizer:     NFC, then lowercase (no accent stripping: it would delete Bengali vowel signs)
pre-tokenizer:  BertPreTokenizer: runs of characters that are neither whitespace nor punctuation, and each
                punctuation character on its own. Punctuation = Unicode category P* plus the ASCII symbol ranges
                (! to /, : to @, [ to `, { to ~), as in @huggingface/transformers.
model:          WordPiece, greedy longest match, "##" for pieces inside a word, [UNK] for a word with no match.
Python's `re` does not treat Bengali combining marks as word characters, so nothing here uses \\w.
"""
import unicodedata

MAX_INPUT_CHARS_PER_WORD = 100


def normalize(text):
    return unicodedata.normalize('NFC', text).lower()


def is_punct(ch):
    o = ord(ch)
    if 0x21 <= o <= 0x2F or 0x3A <= o <= 0x40 or 0x5B <= o <= 0x60 or 0x7B <= o <= 0x7E:
        return True
    return unicodedata.category(ch).startswith('P')


def pretokenize(text):
    words, cur = [], []
    for ch in text:
        if ch.isspace():
            if cur:
                words.append(''.join(cur))
                cur = []
        elif is_punct(ch):
            if cur:
                words.append(''.join(cur))
                cur = []
            words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append(''.join(cur))
    return words


def wordpiece(word, vocab, unk='[UNK]'):
    chars = list(word)
    if len(chars) > MAX_INPUT_CHARS_PER_WORD:
        return [unk]
    out, start = [], 0
    while start < len(chars):
        end, piece = len(chars), None
        while start < end:
            sub = ''.join(chars[start:end])
            if start > 0:
                sub = '##' + sub
            if sub in vocab:
                piece = sub
                break
            end -= 1
        if piece is None:
            return [unk]
        out.append(piece)
        start = end
    return out


def tokenize(text, vocab):
    pieces = []
    for w in pretokenize(normalize(text)):
        pieces.extend(wordpiece(w, vocab))
    return pieces
