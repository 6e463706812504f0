import { describe, expect, it } from 'vitest';
import { buildSnippet, findHighlights, searchTokens, wordSimilarity } from './snippet';

const marked = (s: { text: string; highlights: [number, number][] }) => s.highlights.map(([a, b]) => s.text.slice(a, b));

describe('snippets', () => {
  it('highlights every word of the search, case-insensitively', () => {
    const s = buildSnippet('Please REFUND my Earbuds order', 'refund earbuds');
    expect(marked(s)).toEqual(['REFUND', 'Earbuds']);
  });

  it('highlights Bengali words and parts of them', () => {
    expect(marked(buildSnippet('টাকা ফেরত চাই', 'ফেরত'))).toEqual(['ফেরত']);
    expect(marked(buildSnippet('আমার পার্সেল এখনো আসেনি', 'পার্সে'))).toEqual(['পার্সে']);
  });

  it('highlights a Banglish word spelt another way', () => {
    expect(marked(buildSnippet('ami taka ferot chai', 'ferat'))).toEqual(['ferot']);
    expect(wordSimilarity('ferot', 'ferat')).toBeCloseTo(1 / 3, 2);
  });

  it('keeps HTML in a message as text', () => {
    const s = buildSnippet('<img src=x onerror=alert(1)> refund please', 'refund');
    expect(s.text).toBe('<img src=x onerror=alert(1)> refund please');
    expect(marked(s)).toEqual(['refund']);
  });

  it('cuts a long message around the first match, with ellipses, and shifts the highlights', () => {
    const long = `${'a '.repeat(200)}the parcel never came ${'b '.repeat(200)}`;
    const s = buildSnippet(long, 'parcel', 80);
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.text.endsWith(' …')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(84);
    expect(marked(s)).toEqual(['parcel']);
  });

  it('never splits an emoji', () => {
    const s = buildSnippet(`${'😀'.repeat(100)} refund`, 'refund', 21);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('splits a search into words across scripts', () => {
    expect(searchTokens('  Refund, টাকা ফেরত! 0171-2345 ')).toEqual(['refund', 'টাকা', 'ফেরত', '0171-2345']);
    expect(findHighlights('nothing here', 'zzz')).toEqual([]);
  });
});
