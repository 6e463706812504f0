import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { getOrCreateSetting, getSetting } from './settings.queries';
import { logger } from '@/server/core/logger';

/**
 * AES-256-GCM for values kept at rest (TOTP secrets now; the seam for other sensitive fields). Keys are versioned:
 * `ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>"`, the first one seals, any of them opens, so a new
 * key can be added in front while older values are still read. A sealed value names its key:
 * `enc:<keyId>:<base64 iv|tag|ciphertext>`.
 */
export type KeyRing = { current: string; keys: Map<string, Buffer> };

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    const id = part.slice(0, at);
    if (at < 1 || !KEY_ID.test(id)) throw new Error('each key is id:base64, with an id of letters, digits, _ or -');
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes in base64 (openssl rand -base64 32)`);
    if (keys.has(id)) throw new Error(`key ${id} is listed twice`);
    keys.set(id, key);
    current ||= id;
  }
  if (!current) throw new Error('no keys given');
  return { current, keys };
}

export class SecretBox {
  constructor(private ring: KeyRing) {}

  get currentKeyId() {
    return this.ring.current;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.current)!, iv);
    cipher.setAAD(Buffer.from(this.ring.current));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `enc:${this.ring.current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plain text; throws when the value is not sealed, its key is unknown, or it was altered. */
  open(sealed: string): string {
    const [tag, keyId, data] = sealed.split(':');
    if (tag !== 'enc' || !keyId || !data) throw new Error('not a sealed value');
    const key = this.ring.keys.get(keyId);
    if (!key) throw new Error(`sealed with key ${keyId}, which is not configured`);
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** The key a sealed value was sealed with (null when it is not sealed). */
  static keyIdOf(sealed: string | null | undefined) {
    const m = /^enc:([^:]+):/.exec(sealed ?? '');
    return m ? m[1]! : null;
  }
}

export const newKeyBase64 = () => randomBytes(32).toString('base64');

const LOCAL_KEY_SETTING = 'encryption_key_local';
let warned = false;

/**
 * The box for this deployment: the configured ENCRYPTION_KEYS, plus (to open what was sealed before keys were
 * configured) the key an embedded install generates for itself and keeps in app_settings. Without configured keys
 * that local key seals too, and a warning says to configure keys: a key kept beside the data protects nothing from
 * someone holding a copy of the database.
 */
export async function loadSecretBox(db: Db, configured?: string | null): Promise<SecretBox> {
  const ring = configured ? parseKeyRing(configured) : null;
  // With configured keys the local key is only read (to open older values); without, it is made if missing.
  const local = ring ? await getSetting(db, LOCAL_KEY_SETTING) : await getOrCreateSetting(db, LOCAL_KEY_SETTING, newKeyBase64);
  if (!ring) {
    if (!warned) logger.warn('security.local_encryption_key', { hint: 'set ENCRYPTION_KEYS so sealed values are not protected by a key kept in the same database' });
    warned = true;
    return new SecretBox(parseKeyRing(`local:${local}`));
  }
  if (local && !ring.keys.has('local')) ring.keys.set('local', Buffer.from(local, 'base64'));
  return new SecretBox(ring);
}
