import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { products, users, vendors } from '@/db/schema';
import { type CatalogueProduct, type CatalogueRow, checkRow, type RowProblem } from '@/lib/catalogue-import';
import { AppError } from '@/server/core/app-error';
import { freeSlug } from './slug';

/**
 * Vendors (marketplace sellers) for the admin console: create, rename, their staff (invited through people, with
 * the vendor role bound to the vendor) and their catalogue, imported from CSV a chunk at a time.
 */
export class VendorsService {
  constructor(private db: Db) {}

  async list(workspaceId: string) {
    return this.db
      .select({
        id: vendors.id,
        name: vendors.name,
        slug: vendors.slug,
        staff: sql<number>`(select count(*)::int from users u where u.vendor_id = "vendors"."id" and u.is_active)`,
        products: sql<number>`(select count(*)::int from products p where p.vendor_id = "vendors"."id")`,
      })
      .from(vendors)
      .where(eq(vendors.workspaceId, workspaceId))
      .orderBy(asc(vendors.name));
  }

  async create(workspaceId: string, name: string) {
    const clean = name.trim();
    await this.assertNameFree(workspaceId, clean, null);
    const taken = (await this.db.select({ slug: vendors.slug }).from(vendors).where(eq(vendors.workspaceId, workspaceId))).map((v) => v.slug);
    const slug = freeSlug(clean, 'vendor', taken);
    const [row] = await this.db.insert(vendors).values({ workspaceId, name: clean, slug }).returning({ id: vendors.id });
    return { id: row!.id };
  }

  async rename(workspaceId: string, id: string, name: string) {
    await this.vendor(workspaceId, id);
    await this.assertNameFree(workspaceId, name.trim(), id);
    await this.db.update(vendors).set({ name: name.trim() }).where(eq(vendors.id, id));
  }

  /** A page of the vendor's catalogue (newest SKUs last), with the total. */
  async products(workspaceId: string, vendorId: string, search: string, limit: number) {
    await this.vendor(workspaceId, vendorId);
    const conds = [eq(products.workspaceId, workspaceId), eq(products.vendorId, vendorId)];
    if (search) {
      const like = `%${search.replace(/[%_\\]/g, '\\$&')}%`;
      conds.push(or(ilike(products.sku, like), ilike(products.name, like), ilike(products.nameBn, like))!);
    }
    const [items, [total]] = await Promise.all([
      this.db
        .select({ id: products.id, sku: products.sku, name: products.name, nameBn: products.nameBn, category: products.category, priceBdt: products.priceBdt, imageUrl: products.imageUrl })
        .from(products)
        .where(and(...conds))
        .orderBy(asc(products.sku))
        .limit(limit),
      this.db.select({ n: count() }).from(products).where(and(...conds)),
    ]);
    return { items, total: total?.n ?? 0 };
  }

  /**
   * One chunk of a CSV import. Each row is checked on its own: good rows are created, or update the vendor's
   * product with that SKU; a bad row is reported by line and field and written nowhere. A SKU that belongs to
   * another vendor (or to the platform) is never taken over.
   */
  async importProducts(workspaceId: string, vendorId: string, rows: CatalogueRow[]) {
    await this.vendor(workspaceId, vendorId);
    const problems: RowProblem[] = [];
    const good = new Map<string, { line: number; product: CatalogueProduct }>();
    for (const r of rows) {
      const c = checkRow(r);
      if (!c.ok) problems.push(...c.problems);
      else if (good.has(c.product.sku)) problems.push({ line: r.line, field: 'sku', code: 'duplicate' });
      else good.set(c.product.sku, { line: r.line, product: c.product });
    }
    let created = 0;
    let updated = 0;
    if (good.size) {
      await this.db.transaction(async (tx) => {
        const skus = [...good.values()].map((g) => g.product.sku);
        const existing = await tx
          .select({ sku: products.sku, vendorId: products.vendorId })
          .from(products)
          .where(and(eq(products.workspaceId, workspaceId), inArray(products.sku, skus)));
        const owner = new Map(existing.map((e) => [e.sku, e.vendorId]));
        const writable: CatalogueProduct[] = [];
        for (const { line, product } of good.values()) {
          if (!owner.has(product.sku) || owner.get(product.sku) === vendorId) writable.push(product);
          else problems.push({ line, field: 'sku', code: 'sku_taken' });
        }
        if (writable.length === 0) return;
        const written = await tx
          .insert(products)
          .values(writable.map((p) => ({ workspaceId, vendorId, ...p })))
          .onConflictDoUpdate({
            target: [products.workspaceId, products.sku],
            set: { name: sql`excluded.name`, nameBn: sql`excluded.name_bn`, priceBdt: sql`excluded.price_bdt`, category: sql`excluded.category`, imageUrl: sql`excluded.image_url` },
            // Never another vendor's row, even one created since the check above.
            setWhere: eq(products.vendorId, vendorId),
          })
          .returning({ sku: products.sku });
        // Counted from what was written: a row another vendor took in the meantime is reported, not counted.
        const done = new Set(written.map((w) => w.sku));
        for (const p of writable) {
          if (!done.has(p.sku)) problems.push({ line: good.get(p.sku)!.line, field: 'sku', code: 'sku_taken' });
          else if (owner.has(p.sku)) updated++;
          else created++;
        }
      });
    }
    problems.sort((a, b) => a.line - b.line);
    return { created, updated, problems };
  }

  async staff(workspaceId: string, vendorId: string) {
    await this.vendor(workspaceId, vendorId);
    return this.db
      .select({ id: users.id, name: users.name, email: users.email, isActive: users.isActive })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.vendorId, vendorId)))
      .orderBy(asc(users.name));
  }

  private async vendor(workspaceId: string, id: string) {
    const [v] = await this.db.select({ id: vendors.id }).from(vendors).where(and(eq(vendors.id, id), eq(vendors.workspaceId, workspaceId))).limit(1);
    if (!v) throw new AppError('NOT_FOUND', 'Unknown vendor');
    return v;
  }

  private async assertNameFree(workspaceId: string, name: string, exceptId: string | null) {
    const [clash] = await this.db
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.workspaceId, workspaceId), sql`lower(${vendors.name}) = lower(${name})`))
      .limit(1);
    if (clash && clash.id !== exceptId) throw new AppError('CONFLICT', `A vendor called “${name}” already exists`);
  }
}
