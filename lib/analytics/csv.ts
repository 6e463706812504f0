import Papa from 'papaparse';

/**
 * CSV text (RFC 4180 quoting by papaparse) for spreadsheets. A cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe: customer text is untrusted.
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const safe = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? v : '';
    return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  };
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map(safe)) }, { newline: '\r\n' });
}

export function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
}
