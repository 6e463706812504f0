import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes commas, quotes and new lines, keeps Bengali, and round-trips', () => {
    const rows = [['আমার অর্ডার কোথায়?', 'a, "quoted"\nline', 3.5, null]];
    const text = toCsv(['body', 'note', 'n', 'empty'], rows);
    expect(parseCsv(text)).toEqual([['body', 'note', 'n', 'empty'], ['আমার অর্ডার কোথায়?', 'a, "quoted"\nline', '3.5', '']]);
  });
  it('defuses spreadsheet formulas in customer text', () => {
    const [, row] = parseCsv(toCsv(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['-2'], ['@SUM(A1)'], ['-']].flat().map((v) => [v])));
    expect(row).toEqual(["'=HYPERLINK(\"http://evil\")"]);
    const all = parseCsv(toCsv(['x'], [['+1'], ['@SUM(A1)'], ['plain']])).slice(1).flat();
    expect(all).toEqual(["'+1", "'@SUM(A1)", 'plain']);
  });
  it('writes numbers as numbers and non-finite numbers as empty cells', () => {
    expect(parseCsv(toCsv(['a', 'b'], [[1, Number.NaN]]))[1]).toEqual(['1', '']);
  });
});
