import { describe, expect, it } from 'vitest';
import { checkRow, mapHeaders, parsePrice } from './catalogue-import';

describe('catalogue CSV rows', () => {
  it('reads prices written the ways shops write them, in whole taka', () => {
    expect(parsePrice('1850')).toBe(1850);
    expect(parsePrice('৳1,850')).toBe(1850);
    expect(parsePrice('Tk 1850.00')).toBe(1850);
    expect(parsePrice('১৮৫০')).toBe(1850);
    expect(parsePrice('1850.50')).toBe('not_whole');
    expect(parsePrice('about 200')).toBeNull();
    expect(parsePrice('-5')).toBeNull();
  });
  it('maps common header names and says which required ones are missing', () => {
    expect(mapHeaders(['SKU', 'Product Name', 'Price (Tk)', 'image-url']).missing).toEqual(['title', 'price']);
    const m = mapHeaders(['sku', 'Name', 'name_bn', 'Price', 'Category', 'Image URL']);
    expect(m.missing).toEqual([]);
    expect(m.columns).toEqual({ sku: 0, title: 1, titleBn: 2, price: 3, category: 4, image: 5 });
  });
  it('reports every problem of a row by line and field', () => {
    expect(checkRow({ line: 3, sku: 'SKU-1', title: 'Jamdani saree', titleBn: 'জামদানি শাড়ি', price: '৳ 1,850', category: 'Saree', image: 'https://cdn.example.com/a.jpg' })).toEqual({
      ok: true,
      product: { sku: 'SKU-1', name: 'Jamdani saree', nameBn: 'জামদানি শাড়ি', priceBdt: 1850, category: 'Saree', imageUrl: 'https://cdn.example.com/a.jpg' },
    });
    const r = checkRow({ line: 7, sku: 'has space', title: '', price: '12.5', image: 'javascript:alert(1)' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['sku:bad_sku', 'title:missing', 'price:not_whole', 'image:bad_image']);
    expect(!r.ok && r.problems.every((p) => p.line === 7)).toBe(true);
    for (const image of ['//evil.example/p.png', '/\\evil.example/p.png', 'http://cdn.example.com/a.jpg']) expect(checkRow({ line: 2, sku: 'A', title: 'x', price: '1', image }).ok).toBe(false);
    expect(checkRow({ line: 2, sku: 'A', title: 'x', price: '1', image: '/files/a.png' }).ok).toBe(true);
    expect(checkRow({ line: 2, sku: 'A', title: 'x', price: '' })).toMatchObject({ ok: false, problems: [{ field: 'price', code: 'missing' }] });
    expect(checkRow({ line: 2, sku: 'A', title: 'x', price: '99999999' })).toMatchObject({ ok: false, problems: [{ field: 'price', code: 'too_high' }] });
  });
});
