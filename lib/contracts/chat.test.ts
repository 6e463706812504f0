import { describe, expect, it } from 'vitest';
import { clientMessageId, MAX_MESSAGE_LENGTH, messageBody, sendMessageInput } from './chat';

describe('messageBody', () => {
  it.each([[''], ['   '], ['\n\t  \n'], ['\u3000']])('rejects empty or blank text %j', (s) => {
    const r = messageBody.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Message is empty');
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['hi']]) expect(messageBody.safeParse(v).success).toBe(false);
  });

  it(`accepts exactly ${MAX_MESSAGE_LENGTH} characters and rejects one more`, () => {
    expect(messageBody.safeParse('a'.repeat(MAX_MESSAGE_LENGTH)).success).toBe(true);
    const r = messageBody.safeParse('a'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('longer than 4000');
  });

  it('counts the length after trimming', () => {
    expect(messageBody.safeParse(`  ${'a'.repeat(MAX_MESSAGE_LENGTH)}  `).success).toBe(true);
  });

  it.each([
    ['a lone high surrogate', 'hello \uD83D world'],
    ['a lone low surrogate', 'hello \uDE00 world'],
    ['a high surrogate at the end', 'hello \uD83D'],
    ['reversed surrogates', '\uDE00\uD83D'],
    ['a NUL byte', 'hello\u0000world'],
  ])('rejects text that is not valid UTF-8: %s', (_label, s) => {
    const r = messageBody.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('Message is not valid UTF-8 text');
  });

  it('accepts a Bengali question and emoji, trimmed and in NFC', () => {
    const bengali = 'আমার অর্ডারটা কোথায়?';
    expect(messageBody.parse(`  ${bengali}\n`)).toBe(bengali.normalize('NFC'));
    // A keyboard that sends decomposed sequences (য + nukta) is stored the same way as a composed one.
    const decomposed = bengali.normalize('NFD');
    expect(messageBody.parse(decomposed)).toBe(bengali.normalize('NFC'));
    expect(messageBody.parse('e\u0301')).toBe('\u00e9');
    expect(messageBody.parse('ধন্যবাদ 👍🏽')).toBe('ধন্যবাদ 👍🏽');
  });
});

describe('clientMessageId', () => {
  it('accepts uuids and nanoid-like ids', () => {
    expect(clientMessageId.safeParse('0b6f3f5e-5d7a-4c1e-9e0f-1c2d3e4f5a6b').success).toBe(true);
    expect(clientMessageId.safeParse('V1StGXR8_Z5jdHi6B-myT').success).toBe(true);
    expect(clientMessageId.safeParse('a'.repeat(8)).success).toBe(true);
    expect(clientMessageId.safeParse('a'.repeat(64)).success).toBe(true);
  });

  it.each([
    ['too short', 'a'.repeat(7)],
    ['too long', 'a'.repeat(65)],
    ['spaces', 'abc def ghi'],
    ['punctuation', 'abc.def/ghi'],
    ['non-ASCII', 'আমারআমারআমার'],
    ['empty', ''],
  ])('rejects %s', (_label, id) => {
    expect(clientMessageId.safeParse(id).success).toBe(false);
  });
});

describe('sendMessageInput', () => {
  const ok = { conversationId: '0b6f3f5e-5d7a-4c1e-9e0f-1c2d3e4f5a6b', clientId: 'client-id-1', body: ' hi ' };
  it('parses a good payload and cleans the body', () => {
    expect(sendMessageInput.parse(ok)).toEqual({ ...ok, body: 'hi' });
  });
  it.each([[null], [{}], ['text'], [{ ...ok, conversationId: 'not-a-uuid' }], [{ ...ok, body: 5 }], [{ ...ok, isNote: 'yes' }]])(
    'rejects %j',
    (p) => {
      expect(sendMessageInput.safeParse(p).success).toBe(false);
    },
  );
});
