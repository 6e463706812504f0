// A vendor's catalogue from a CSV file: the columns recognised, and each row checked on its own, so one bad row
// is reported by its line and the rest are imported. Used by the admin console (mapping, chunks) and the server
// (the check that counts).

export type CatalogueRow = { line: number; sku: string; title: string; titleBn?: string; price: string; category?: string; image?: string };
export type CatalogueProduct = { sku: string; name: string; nameBn: string | null; priceBdt: number; category: string | null; imageUrl: string | null };
export type RowProblem = { line: number; field: 'sku' | 'title' | 'price' | 'image' | 'category' | 'title_bn'; code: RowProblemCode };
export type RowProblemCode = 'missing' | 'too_long' | 'bad_sku' | 'bad_price' | 'not_whole' | 'too_high' | 'bad_image' | 'duplicate' | 'sku_taken';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_PRICE_BDT = 10_000_000;

/** Header names accepted for each field (lower case, spaces and dashes read as underscores). */
const HEADERS: Record<keyof Omit<CatalogueRow, 'line'>, string[]> = {
  sku: ['sku', 'id', 'product_id'],
  title: ['title', 'name', 'product', 'title_en', 'name_en'],
  titleBn: ['title_bn', 'name_bn', 'bangla', 'bengali'],
  price: ['price', 'price_bdt', 'price_tk', 'price_taka', 'taka'],
  category: ['category', 'type'],
  image: ['image', 'image_url', 'picture', 'photo'],
};

/** Which column holds each field; `missing` lists the required ones not found. */
export function mapHeaders(headers: string[]) {
  const norm = headers.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const columns: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (const [field, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
    const i = norm.findIndex((h) => names.includes(h));
    if (i >= 0) columns[field] = i;
  }
  const missing = (['sku', 'title', 'price'] as const).filter((f) => columns[f] === undefined);
  return { columns, missing };
}

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';
const toAscii = (s: string) => s.replace(/[০-৯]/g, (d) => String(BN_DIGITS.indexOf(d)));

/** A price in whole taka from "1850", "৳1,850", "Tk 1850.00" or "১৮৫০"; null when it is not one. */
export function parsePrice(raw: string): number | 'not_whole' | null {
  const s = toAscii(raw)
    .replace(/৳|tk\.?|taka|bdt/gi, '')
    .replace(/[,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  return Number.isInteger(n) ? n : 'not_whole';
}

const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

/** One row checked: the product, or every problem it has. */
export function checkRow(r: CatalogueRow): { ok: true; product: CatalogueProduct } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (field: RowProblem['field'], code: RowProblemCode) => problems.push({ line: r.line, field, code });
  const sku = r.sku.trim();
  const title = r.title.trim();
  if (!sku) bad('sku', 'missing');
  else if (!SKU_RE.test(sku)) bad('sku', 'bad_sku');
  if (!title) bad('title', 'missing');
  else if (title.length > 200) bad('title', 'too_long');
  if ((r.titleBn ?? '').trim().length > 200) bad('title_bn', 'too_long');
  if ((r.category ?? '').trim().length > 80) bad('category', 'too_long');
  const price = r.price.trim() ? parsePrice(r.price) : null;
  if (!r.price.trim()) bad('price', 'missing');
  else if (price === null) bad('price', 'bad_price');
  else if (price === 'not_whole') bad('price', 'not_whole');
  else if (price > MAX_PRICE_BDT) bad('price', 'too_high');
  const image = (r.image ?? '').trim();
  // https anywhere, or a path on this server ("//host" and "/\host" are other sites to a browser).
  if ((image && !(/^https:\/\/[^\s"'<>]+$/i.test(image) || /^\/(?![/\\])[^\s"'<>\\]*$/.test(image))) || image.length > 500) bad('image', 'bad_image');
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    product: { sku, name: title, nameBn: r.titleBn?.trim() || null, priceBdt: price as number, category: r.category?.trim() || null, imageUrl: image || null },
  };
}
