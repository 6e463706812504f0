import { describe, expect, it } from 'vitest';
import { languageByScript, MAX_ANALYSED_CHARS, prepareText, scriptCounts } from './text';

describe('prepareText', () => {
  it('keeps Bengali vowel signs and joins, in NFC', () => {
    expect(prepareText('  আমার   অর্ডার\nকোথায়?  ').text).toBe('আমার অর্ডার কোথায়?');
    // কো typed as ক + ে + া becomes ক + ো (one vowel sign), as the tokenizer's vocabulary has it.
    expect(prepareText('\u0995\u09C7\u09BE').text).toBe('\u0995\u09CB');
  });

  it('refuses empty, blank and non-string input with a clear error', () => {
    expect(() => prepareText('')).toThrow('text is empty');
    expect(() => prepareText(' \n\t ')).toThrow('text is empty');
    expect(() => prepareText('\u0000\u0001\uFFFD')).toThrow('text is empty');
    expect(() => prepareText(42)).toThrow('text must be a string');
    expect(() => prepareText(null)).toThrow('text must be a string');
  });

  it('drops binary noise and lone surrogates but keeps emoji', () => {
    expect(prepareText('ok\u0000\u0007\uD800 🙂').text).toBe('ok 🙂');
    expect(prepareText('🙂🙂').text).toBe('🙂🙂');
  });

  it('cuts huge input to the limit without splitting a surrogate pair', () => {
    const r = prepareText('🙂'.repeat(5_000_000));
    expect(r.truncated).toBe(true);
    expect(Array.from(r.text)).toHaveLength(MAX_ANALYSED_CHARS);
    expect(r.text.endsWith('🙂')).toBe(true);
    expect(prepareText('short').truncated).toBe(false);
  });
});

describe('languageByScript', () => {
  const lang = (t: string) => languageByScript(scriptCounts(t));
  it('tells Bengali script, two scripts and Latin-only apart', () => {
    expect(lang('আমার অর্ডার কোথায়?')).toBe('bn');
    expect(lang('আমার অর্ডার DB-10482 কোথায়?')).toBe('bn'); // an order id is not English
    expect(lang('আমার order টা এখনো deliver হয়নি')).toBe('mixed');
    expect(lang('amar order kothay')).toBeNull();
    expect(lang('🙂 123')).toBeNull();
  });
});
