import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { Db } from '@/db/client';
import type { Role } from '@/lib/contracts/chat';
import { AppError } from '@/server/core/app-error';
import { newToken } from '@/server/core/ids';
import * as q from './auth.queries';

export type StaffActor = {
  kind: 'staff';
  userId: string;
  workspaceId: string;
  role: Role;
  name: string;
  email: string;
  avatarUrl: string | null;
  vendorId: string | null;
  teamIds: string[];
};

export type VisitorActor = {
  kind: 'visitor';
  contactId: string;
  workspaceId: string;
  widgetId: string;
};

export type Actor = StaffActor | VisitorActor;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// OWASP's argon2id baseline (19 MiB, 2 iterations): strong, and fast enough for a 2-core box.
// @node-rs/argon2 ships per-platform binaries as optional packages, with no install script to build or fail.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
const argonOptions = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const hashPassword = (password: string) => argonHash(password, argonOptions);
const verifyPassword = (hash: string, password: string) => argonVerify(hash, password).catch(() => false);

// A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

export class AuthService {
  private visitorKey: Uint8Array | undefined;
  constructor(
    private db: Db,
    private opts: { sessionTtlHours: number; secret?: string },
  ) {}

  private async getSigningKey() {
    if (!this.visitorKey) {
      const secret = this.opts.secret ?? (await q.getOrCreateSetting(this.db, 'signing_secret', () => newToken(48)));
      this.visitorKey = new TextEncoder().encode(secret);
    }
    return this.visitorKey;
  }

  async signIn(email: string, password: string, userAgent?: string | null) {
    const user = await q.findUserByEmail(this.db, email);
    if (!user || !user.isActive) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummyHash, password);
      throw new AppError('UNAUTHORIZED', 'Wrong email or password');
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok) throw new AppError('UNAUTHORIZED', 'Wrong email or password');
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.opts.sessionTtlHours * 3600_000);
    await q.insertSession(this.db, { idHash: hashToken(token), userId: user.id, expiresAt, userAgent: userAgent?.slice(0, 300) });
    return { token, expiresAt, user };
  }

  async signOut(token: string) {
    await q.deleteSession(this.db, hashToken(token));
  }

  async findActorBySession(token: string | undefined | null): Promise<StaffActor | null> {
    if (!token || token.length > 200) return null;
    const row = await q.findSessionUser(this.db, hashToken(token), new Date());
    if (!row) return null;
    const u = row.user;
    return {
      kind: 'staff',
      userId: u.id,
      workspaceId: u.workspaceId,
      role: u.role,
      name: u.name,
      email: u.email,
      avatarUrl: u.avatarUrl,
      vendorId: u.vendorId,
      teamIds: await q.listTeamIdsOfUser(this.db, u.id),
    };
  }

  async signVisitorToken(v: Omit<VisitorActor, 'kind'>) {
    return new SignJWT({ ws: v.workspaceId, wid: v.widgetId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(v.contactId)
      .setIssuedAt()
      .setAudience('alap-widget')
      .setExpirationTime('180d')
      .sign(await this.getSigningKey());
  }

  async verifyVisitorToken(token: string | undefined | null): Promise<VisitorActor | null> {
    if (!token || token.length > 2000) return null;
    try {
      const { payload } = await jwtVerify(token, await this.getSigningKey(), { audience: 'alap-widget', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.ws !== 'string' || typeof payload.wid !== 'string') return null;
      return { kind: 'visitor', contactId: payload.sub, workspaceId: payload.ws, widgetId: payload.wid };
    } catch {
      return null;
    }
  }
}

// The shop signs its own customer id with the widget's secret: hex(HMAC-SHA256(secret, id)).
export function signIdentity(secret: string, externalId: string) {
  return createHmac('sha256', secret).update(externalId).digest('hex');
}

export function isIdentityValid(secret: string, externalId: string, hash: string | undefined | null) {
  if (!hash || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  const expected = Buffer.from(signIdentity(secret, externalId), 'hex');
  return timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), 'hex'));
}
