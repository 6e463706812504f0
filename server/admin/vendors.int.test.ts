import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestApp, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// The admin console's vendors (issue 7): create and rename, and the catalogue imported from CSV a chunk at a
// time, each row checked on its own.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

const row = (line: number, sku: string, over: Record<string, string> = {}) => ({ line, sku, title: `Product ${sku}`, price: '৳1,250', category: 'Saree', ...over });

describe('vendors', () => {
  it('creates and renames vendors with unique names', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const { id } = await admin.admin.createVendor({ name: 'Nakshi Kantha House' });
    expect((await trpcError(admin.admin.createVendor({ name: 'nakshi kantha house' }))).code).toBe('CONFLICT');
    await admin.admin.renameVendor({ vendorId: id, name: 'Nakshi Kantha' });
    expect((await admin.admin.vendors()).find((v) => v.id === id)).toMatchObject({ name: 'Nakshi Kantha', staff: 0, products: 0 });
    const other = await seedShop(t.app);
    expect((await trpcError(admin.admin.renameVendor({ vendorId: other.vendorA.id, name: 'Mine' }))).code).toBe('NOT_FOUND');
    expect((await trpcError((await callerFor(t.app, shop.supervisor.cookie)).admin.createVendor({ name: 'Nope' }))).code).toBe('FORBIDDEN');
  });

  it('imports good rows, reports each bad row by line, and never takes another vendor’s SKU', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const { id } = await admin.admin.createVendor({ name: 'Tant Ghor' });
    const { id: rival } = await admin.admin.createVendor({ name: 'Rival Fabrics' });
    await admin.admin.importProducts({ vendorId: rival, rows: [row(2, 'RIV-1')] });

    const r = await admin.admin.importProducts({
      vendorId: id,
      rows: [row(2, 'TG-1'), row(3, 'TG-2', { titleBn: 'তাঁতের শাড়ি', image: 'https://cdn.example.com/tg2.jpg' }), row(4, 'TG-3', { price: 'দুইশো' }), row(5, 'TG-1'), row(6, 'RIV-1'), row(7, 'TG-4', { price: '১৮৫০' })],
    });
    expect(r).toEqual({
      created: 3,
      updated: 0,
      problems: [
        { line: 4, field: 'price', code: 'bad_price' },
        { line: 5, field: 'sku', code: 'duplicate' },
        { line: 6, field: 'sku', code: 'sku_taken' },
      ],
    });
    const page = await admin.admin.vendorProducts({ vendorId: id });
    expect(page.total).toBe(3);
    expect(page.items.find((p) => p.sku === 'TG-2')).toMatchObject({ name: 'Product TG-2', nameBn: 'তাঁতের শাড়ি', priceBdt: 1250, imageUrl: 'https://cdn.example.com/tg2.jpg' });
    expect(page.items.find((p) => p.sku === 'TG-4')!.priceBdt).toBe(1850);
    // The rival's product is untouched.
    expect((await admin.admin.vendorProducts({ vendorId: rival })).items[0]).toMatchObject({ sku: 'RIV-1', name: 'Product RIV-1' });

    // Importing again updates the vendor's own rows.
    expect(await admin.admin.importProducts({ vendorId: id, rows: [row(2, 'TG-1', { price: '999' })] })).toEqual({ created: 0, updated: 1, problems: [] });
    expect((await admin.admin.vendorProducts({ vendorId: id, search: 'TG-1' })).items[0]!.priceBdt).toBe(999);
    expect((await admin.admin.vendors()).find((v) => v.id === id)!.products).toBe(3);
    expect((await trpcError(admin.admin.importProducts({ vendorId: id, rows: Array.from({ length: 501 }, (_, i) => row(i + 2, `X-${i}`)) }))).code).toBe('BAD_REQUEST');
  });
});
