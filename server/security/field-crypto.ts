import { createHmac } from 'node:crypto';
import type { Db } from '@/db/client';
import { getOrCreateSetting } from './settings.queries';
import { loadSecretBox, newKeyBase64, type SecretBox } from './secret-box';

/**
 * Sensitive fields at rest: customers' email and phone, widgets' identity secrets and two-factor secrets are kept
 * sealed (AES-256-GCM, versioned keys: secret-box.ts). Exact lookups by email or phone go through a keyed hash of
 * the normalised value (a blind index), so the database can find a customer without holding the value in clear.
 * The blind-index key is separate from the encryption keys and never rotates (rotating it would mean recomputing
 * every index); it comes from BLIND_INDEX_KEY, else a key the install generates once and keeps in app_settings.
 */
export class FieldCrypto {
  constructor(
    readonly box: SecretBox,
    private blindKey: Buffer,
  ) {}

  seal(v: string | null | undefined): string | null {
    return v === null || v === undefined || v === '' ? null : this.box.seal(v);
  }

  /** The clear value; values written before encryption (not yet rotated) pass through as they are. */
  open(v: string | null | undefined): string | null {
    if (v === null || v === undefined) return null;
    return v.startsWith('enc:') ? this.box.open(v) : v;
  }

  /** Whether a stored value still needs sealing or re-sealing with the current key (keys:rotate). */
  isCurrent(v: string | null | undefined) {
    return v === null || v === undefined || v.startsWith(`enc:${this.box.currentKeyId}:`);
  }

  blind(kind: 'email' | 'phone', v: string | null | undefined): string | null {
    const n = kind === 'email' ? normalizeEmail(v) : normalizePhone(v);
    return n ? createHmac('sha256', this.blindKey).update(`${kind}:${n}`).digest('hex') : null;
  }

  /** A contact's email and phone as stored: sealed, with their blind indexes. */
  contactFields(v: { email?: string | null; phone?: string | null }) {
    const out: { email?: string | null; phone?: string | null; emailBidx?: string | null; phoneBidx?: string | null } = {};
    if (v.email !== undefined) Object.assign(out, { email: this.seal(v.email), emailBidx: this.blind('email', v.email) });
    if (v.phone !== undefined) Object.assign(out, { phone: this.seal(v.phone), phoneBidx: this.blind('phone', v.phone) });
    return out;
  }

  /** A row with sealed email and phone, readable. */
  openContact<T extends { email: string | null; phone: string | null }>(row: T): T {
    return { ...row, email: this.open(row.email), phone: this.open(row.phone) };
  }
}

export const normalizeEmail = (v: string | null | undefined) => {
  const t = (v ?? '').trim().toLowerCase();
  return t.includes('@') ? t : null;
};

/** The last 10 digits: "+8801711000111", "01711000111" and "1711 000 111" are the same number. */
export const normalizePhone = (v: string | null | undefined) => {
  const d = (v ?? '').replace(/\D/g, '');
  return d.length >= 6 ? d.slice(-10) : null;
};

let configured: { encryptionKeys?: string; blindIndexKey?: string } = {};
let cache = new WeakMap<object, Promise<FieldCrypto>>();

/**
 * ENCRYPTION_KEYS and BLIND_INDEX_KEY for this process (server/app.ts); unset: each database's own generated keys.
 * Keys already read are forgotten when they change.
 */
export function configureFieldCrypto(keys: { encryptionKeys?: string; blindIndexKey?: string }) {
  if (keys.encryptionKeys !== configured.encryptionKeys || keys.blindIndexKey !== configured.blindIndexKey) cache = new WeakMap();
  configured = keys;
}

async function blindKeyOf(db: Db) {
  if (configured.blindIndexKey) return Buffer.from(configured.blindIndexKey, 'base64');
  return Buffer.from(await getOrCreateSetting(db, 'blind_index_key', newKeyBase64), 'base64');
}

/** The field crypto of a database (its keys are read once per database handle). */
export function fieldCrypto(db: Db): Promise<FieldCrypto> {
  let p = cache.get(db);
  if (!p) {
    p = Promise.all([loadSecretBox(db, configured.encryptionKeys), blindKeyOf(db)]).then(([box, key]) => new FieldCrypto(box, key));
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}
