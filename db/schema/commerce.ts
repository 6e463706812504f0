import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { vendors, workspaces } from './workspace';

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    // The shop's own customer id, only when the shop signed it (identity verification) or seeded.
    externalId: text('external_id'),
    isVerified: boolean('is_verified').notNull().default(false),
    name: text('name'),
    // Sealed at rest (server/security/field-crypto.ts), found by their blind indexes (keyed hashes of the
    // normalised value), never by the text itself.
    email: text('email'),
    phone: text('phone'),
    emailBidx: text('email_bidx'),
    phoneBidx: text('phone_bidx'),
    locale: text('locale'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    // Erased on request (server/privacy): personal data removed, messages redacted; the row stays so the
    // numbers (orders, ratings, reporting) still add up, about nobody.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_external').on(t.workspaceId, t.externalId),
    // Search (server/search): customers by any part of their name (pg_trgm), by exact email or phone (blind index).
    index('contacts_name_trgm').using('gin', t.name.op('gin_trgm_ops')),
    index('contacts_email_bidx').on(t.workspaceId, t.emailBidx),
    index('contacts_phone_bidx').on(t.workspaceId, t.phoneBidx),
  ],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id').references(() => vendors.id, { onDelete: 'set null' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    nameBn: text('name_bn'),
    category: text('category'),
    priceBdt: integer('price_bdt').notNull(),
    // Shown on product cards; an https URL or a path on this server.
    imageUrl: text('image_url'),
  },
  (t) => [uniqueIndex('products_workspace_sku').on(t.workspaceId, t.sku)],
);

export type OrderItem = { sku: string; name: string; qty: number; priceBdt: number; vendorId: string | null };

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    orderNumber: text('order_number').notNull(),
    status: text('status').notNull(),
    paymentMethod: text('payment_method').notNull(),
    courier: text('courier'),
    city: text('city'),
    totalBdt: integer('total_bdt').notNull(),
    items: jsonb('items').$type<OrderItem[]>().notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('orders_workspace_number').on(t.workspaceId, t.orderNumber), index('orders_contact').on(t.contactId)],
);
