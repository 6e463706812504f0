import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { Db } from '@/db/client';
import type { Role } from '@/lib/contracts/chat';
import type { AuditService } from '@/server/audit/audit.service';
import { AppError } from '@/server/core/app-error';
import { newToken } from '@/server/core/ids';
import { fieldCrypto } from '@/server/security/field-crypto';
import { getOrCreateSetting } from '@/server/security/settings.queries';
import type { SecretBox } from '@/server/security/secret-box';
import * as q from './auth.queries';
import { passwordProblem, passwordProblemText } from './password-rules';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpQrSvg, totpStep, totpUri } from './totp';

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

type UserRow = NonNullable<Awaited<ReturnType<typeof q.findUserById>>>;
export type ClientMeta = { userAgent?: string | null; ip?: string | null };
type NewSession = { token: string; expiresAt: Date; user: UserRow };

/** What a right password leads to: a session, or first the second factor (or, for an admin without one, its setup). */
export type SignInStep = ({ step: 'done' } & NewSession) | { step: 'totp' | 'totp_setup'; challenge: string; user: UserRow };

export type AuthOptions = {
  sessionTtlHours: number;
  secret?: string;
  /** Failed sign-ins (password or code) in a row that lock an account, and for how long. */
  lockout?: { attempts: number; minutes: number };
  /** Admins must use two-factor sign-in: one without it sets it up before the first session starts. */
  adminTotpRequired?: boolean;
};

const CHALLENGE_AUDIENCE = 'alap-2fa';
const TOUCH_EVERY_MS = 5 * 60_000;
const WRONG = 'Wrong email or password';

export class AuthService {
  private visitorKey: Uint8Array | undefined;
  constructor(
    private db: Db,
    private opts: AuthOptions,
    private audit?: AuditService,
  ) {}

  private async getSigningKey() {
    if (!this.visitorKey) {
      const secret = this.opts.secret ?? (await getOrCreateSetting(this.db, 'signing_secret', () => newToken(48)));
      this.visitorKey = new TextEncoder().encode(secret);
    }
    return this.visitorKey;
  }

  /** The keys of the sealed fields (server/security/field-crypto.ts, configured by the app). */
  async secretBox(): Promise<SecretBox> {
    return (await fieldCrypto(this.db)).box;
  }

  get totpRequiredForAdmins() {
    return this.opts.adminTotpRequired ?? false;
  }

  private totpRequiredFor(user: { role: Role }) {
    return this.totpRequiredForAdmins && user.role === 'admin';
  }

  /** Step one: the password. A locked account is refused before its password is even checked. */
  async beginSignIn(email: string, password: string, meta: ClientMeta = {}): Promise<SignInStep> {
    const user = await q.findUserByEmail(this.db, email);
    if (!user || !user.isActive) {
      // Unknown emails lock the same way, so the answer never tells whether an account exists.
      this.unknownAttempt(email);
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummyHash, password);
      throw new AppError('UNAUTHORIZED', WRONG);
    }
    const attempt = await this.takeAttempt(user);
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.failed(user, attempt, meta);
      throw new AppError('UNAUTHORIZED', WRONG);
    }
    // The right password: not a failure, but no session yet while a second factor is due. Only codes count then.
    if (user.totpEnabledAt || this.totpRequiredFor(user)) await this.refund(user, attempt);
    if (user.totpEnabledAt) return { step: 'totp', challenge: await this.challenge(user.id, 'totp'), user };
    if (this.totpRequiredFor(user)) return { step: 'totp_setup', challenge: await this.challenge(user.id, 'totp_setup'), user };
    await q.clearFailures(this.db, user.id);
    return { step: 'done', ...(await this.startSession(user, meta)) };
  }

  /** For callers that know the person has no second factor (tests, tools): one step or an error. */
  async signIn(email: string, password: string, userAgent?: string | null): Promise<NewSession> {
    const r = await this.beginSignIn(email, password, { userAgent });
    if (r.step !== 'done') throw new AppError('UNAUTHORIZED', 'This account signs in with a second factor');
    return r;
  }

  /** Step two: a code from the authenticator app, or one of the recovery codes. */
  async verifySecondFactor(challenge: string, code: string, meta: ClientMeta = {}): Promise<NewSession & { usedRecoveryCode: boolean }> {
    const user = await this.userOfChallenge(challenge, 'totp');
    if (!user.totpEnabledAt) throw new AppError('UNAUTHORIZED', 'Sign in again');
    const attempt = await this.takeAttempt(user);
    const result = await this.checkSecondFactor(user, code);
    if (result === 'reused') {
      await this.refund(user, attempt);
      throw new AppError('UNAUTHORIZED', 'That code was just used. Wait for the next one');
    }
    if (result === 'wrong') {
      await this.failed(user, attempt, meta);
      throw new AppError('UNAUTHORIZED', 'Wrong code. Check the code in your authenticator app, or use a recovery code');
    }
    await q.clearFailures(this.db, user.id);
    if (result === 'recovery') await this.audit?.record({ workspaceId: user.workspaceId, actorId: user.id, actorRole: user.role, ip: meta.ip, action: 'auth.recovery_code_used', targetType: 'user', targetId: user.id });
    return { ...(await this.startSession(user, meta)), usedRecoveryCode: result === 'recovery' };
  }

  /** The person named by a sign-in challenge of this purpose (an admin setting up a second factor before a session exists). */
  async userOfChallenge(challenge: string, purpose: 'totp' | 'totp_setup'): Promise<UserRow> {
    let sub: string | undefined;
    try {
      const { payload } = await jwtVerify(challenge, await this.getSigningKey(), { audience: CHALLENGE_AUDIENCE, algorithms: ['HS256'] });
      if (payload.purpose === purpose) sub = payload.sub;
    } catch {
      /* expired or forged: below */
    }
    const user = sub ? await q.findUserById(this.db, sub) : null;
    if (!user || !user.isActive) throw new AppError('UNAUTHORIZED', 'This sign-in has expired. Sign in again');
    return user;
  }

  /** A new secret, not yet in force: the person scans it (QR or text) and confirms with a first code. */
  async startTotpSetup(userId: string) {
    const user = await this.mustFindUser(userId);
    if (user.totpEnabledAt) throw new AppError('CONFLICT', 'Two-factor sign-in is already on');
    const secret = newTotpSecret();
    await q.setPendingTotp(this.db, user.id, (await this.secretBox()).seal(secret));
    const uri = totpUri(secret, user.email);
    return { secret, uri, qrSvg: await totpQrSvg(uri) };
  }

  /** Turns two-factor sign-in on with the first right code; returns the recovery codes, shown once. */
  async confirmTotpSetup(userId: string, code: string, meta: ClientMeta = {}) {
    const user = await this.mustFindUser(userId);
    if (user.totpEnabledAt) throw new AppError('CONFLICT', 'Two-factor sign-in is already on');
    if (!user.totpSecret) throw new AppError('BAD_REQUEST', 'Start the setup again');
    const step = totpStep((await this.secretBox()).open(user.totpSecret), code);
    if (step === null || !(await q.claimTotpStep(this.db, user.id, step, true))) {
      throw new AppError('BAD_REQUEST', 'That code is not right. Check that the time on your phone is correct and try the newest code');
    }
    const codes = await this.replaceRecoveryCodes(user.id);
    await this.audit?.record({ workspaceId: user.workspaceId, actorId: user.id, actorRole: user.role, ip: meta.ip, action: 'auth.totp_enabled', targetType: 'user', targetId: user.id });
    return { recoveryCodes: codes, user };
  }

  /** The seed's demo admin: two-factor sign-in on with a published secret. */
  async enrollTotpSecret(userId: string, secret: string) {
    await q.setPendingTotp(this.db, userId, (await this.secretBox()).seal(secret));
    await q.claimTotpStep(this.db, userId, 0, true);
  }

  async disableTotp(userId: string, code: string) {
    const user = await this.mustFindUser(userId);
    if (!user.totpEnabledAt) throw new AppError('CONFLICT', 'Two-factor sign-in is already off');
    if (this.totpRequiredFor(user)) throw new AppError('FORBIDDEN', 'Admins must keep two-factor sign-in on');
    await this.requireSecondFactor(user, code);
    await q.disableTotp(this.db, user.id);
  }

  async regenerateRecoveryCodes(userId: string, code: string) {
    const user = await this.mustFindUser(userId);
    if (!user.totpEnabledAt) throw new AppError('CONFLICT', 'Turn on two-factor sign-in first');
    await this.requireSecondFactor(user, code);
    return this.replaceRecoveryCodes(user.id);
  }

  async securityStatus(userId: string) {
    const user = await this.mustFindUser(userId);
    return {
      totpEnabled: Boolean(user.totpEnabledAt),
      totpEnabledAt: user.totpEnabledAt,
      totpRequired: this.totpRequiredFor(user),
      recoveryCodesLeft: user.totpEnabledAt ? await q.countRecoveryCodesLeft(this.db, user.id) : 0,
      passwordChangedAt: user.passwordChangedAt,
    };
  }

  /** The person's live sessions; each is named by the first 16 hex digits of its token's hash (never the token). */
  async listSessions(userId: string, currentToken: string | null) {
    const current = currentToken ? hashToken(currentToken) : null;
    const rows = await q.listSessions(this.db, userId, new Date());
    return rows.map((r) => ({ id: r.idHash.slice(0, 16), createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, expiresAt: r.expiresAt, userAgent: r.userAgent, ip: r.ip, current: r.idHash === current }));
  }

  /** Ends one of the person's other sessions; returns the ended sessions' hashes (their sockets are dropped too). */
  async revokeSession(userId: string, id: string, currentToken: string | null) {
    if (!/^[0-9a-f]{16}$/.test(id)) throw new AppError('BAD_REQUEST', 'Unknown session');
    if (currentToken && hashToken(currentToken).startsWith(id)) throw new AppError('BAD_REQUEST', 'This is the session you are using: sign out instead');
    const ended = await q.deleteSessions(this.db, userId, { prefix: id });
    if (!ended.length) throw new AppError('NOT_FOUND', 'That session has already ended');
    return ended;
  }

  /** Ends all of a person's sessions (deactivation, a new role, a password reset); returns their hashes. */
  endAllSessions(userId: string) {
    return q.deleteSessions(this.db, userId, { allBut: null });
  }

  async revokeOtherSessions(userId: string, currentToken: string | null) {
    return q.deleteSessions(this.db, userId, { allBut: currentToken ? hashToken(currentToken) : null });
  }

  /** A new password that meets the rules; every other session of the person ends (returned, to drop their sockets). */
  async changePassword(userId: string, current: string, next: string, currentToken: string | null) {
    const user = await this.mustFindUser(userId);
    if (!(await verifyPassword(user.passwordHash, current))) throw new AppError('BAD_REQUEST', 'Your current password is not right');
    if (next === current) throw new AppError('BAD_REQUEST', 'Choose a password different from the current one');
    const problem = passwordProblem(next, user);
    if (problem) throw new AppError('BAD_REQUEST', passwordProblemText[problem], { problem });
    await q.setPassword(this.db, user.id, await hashPassword(next));
    return this.revokeOtherSessions(user.id, currentToken);
  }

  async signOut(token: string) {
    await q.deleteSession(this.db, hashToken(token));
  }

  async findActorBySession(token: string | undefined | null): Promise<StaffActor | null> {
    if (!token || token.length > 200) return null;
    const idHash = hashToken(token);
    const row = await q.findSessionUser(this.db, idHash, new Date());
    if (!row) return null;
    // "Last active" for the sessions list, written at most every few minutes per session.
    if (Date.now() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) void q.touchSession(this.db, idHash).catch(() => undefined);
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

  /** A session for someone who has just proved who they are (after a second factor's setup). */
  startSessionFor(user: UserRow, meta: ClientMeta) {
    return this.startSession(user, meta);
  }

  private async startSession(user: UserRow, meta: ClientMeta): Promise<NewSession> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.opts.sessionTtlHours * 3600_000);
    await q.insertSession(this.db, { idHash: hashToken(token), userId: user.id, expiresAt, userAgent: meta.userAgent?.slice(0, 300), ip: meta.ip?.slice(0, 64) });
    return { token, expiresAt, user };
  }

  private challenge(userId: string, purpose: 'totp' | 'totp_setup') {
    return this.getSigningKey().then((key) =>
      new SignJWT({ purpose }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt().setAudience(CHALLENGE_AUDIENCE).setExpirationTime('10m').sign(key),
    );
  }

  private get lockout() {
    return this.opts.lockout ?? { attempts: 5, minutes: 15 };
  }

  private lockedError(until: Date) {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return new AppError('TOO_MANY_REQUESTS', `Too many failed sign-ins. This account is locked for ${Math.ceil(seconds / 60)} more minute(s)`, { retryAfterSeconds: seconds, locked: true });
  }

  /** Takes an attempt before anything is checked (auth.queries.ts reserveAttempt); a locked account is refused. */
  private async takeAttempt(user: UserRow) {
    const { attempts, minutes } = this.lockout;
    const reserved = await q.reserveAttempt(this.db, user.id, attempts, new Date(Date.now() + minutes * 60_000));
    if (!reserved) {
      const now = await q.findUserById(this.db, user.id);
      throw this.lockedError(now?.lockedUntil ?? new Date(Date.now() + minutes * 60_000));
    }
    return { lockedNow: reserved.lockedUntil };
  }

  private refund(user: UserRow, attempt: { lockedNow: Date | null }) {
    return q.refundAttempt(this.db, user.id, this.lockout.attempts, attempt.lockedNow);
  }

  /** A wrong password or code: logged when it was the attempt that locked the account. */
  private async failed(user: UserRow, attempt: { lockedNow: Date | null }, meta: ClientMeta) {
    if (attempt.lockedNow) {
      await this.audit?.record({ workspaceId: user.workspaceId, actorId: user.id, actorRole: user.role, ip: meta.ip, action: 'security.account_locked', targetType: 'user', targetId: user.id, after: { until: attempt.lockedNow.toISOString(), attempts: this.lockout.attempts } });
    }
  }

  // Emails without an account: the same lockout, kept in memory (bounded), so a lock says nothing about existence.
  private unknown = new Map<string, { n: number; until: number }>();
  private unknownAttempt(email: string) {
    const key = email.trim().toLowerCase();
    const now = Date.now();
    const e = this.unknown.get(key) ?? { n: 0, until: 0 };
    if (e.until > now) throw this.lockedError(new Date(e.until));
    e.n += 1;
    if (e.n >= this.lockout.attempts) Object.assign(e, { n: 0, until: now + this.lockout.minutes * 60_000 });
    this.unknown.delete(key);
    this.unknown.set(key, e);
    if (this.unknown.size > 10_000) this.unknown.delete(this.unknown.keys().next().value!);
  }

  private async checkSecondFactor(user: UserRow, code: string): Promise<'totp' | 'recovery' | 'reused' | 'wrong'> {
    const trimmed = code.trim();
    if (trimmed.length > 40) return 'wrong';
    if (/^\d{3}\s?\d{3}$/.test(trimmed)) {
      if (!user.totpSecret) return 'wrong';
      const step = totpStep((await this.secretBox()).open(user.totpSecret), trimmed);
      if (step === null) return 'wrong';
      return (await q.claimTotpStep(this.db, user.id, step, false)) ? 'totp' : 'reused';
    }
    return (await q.useRecoveryCode(this.db, user.id, hashRecoveryCode(trimmed))) ? 'recovery' : 'wrong';
  }

  private async requireSecondFactor(user: UserRow, code: string) {
    const result = await this.checkSecondFactor(user, code);
    if (result === 'reused') throw new AppError('BAD_REQUEST', 'That code was just used. Wait for the next one');
    if (result === 'wrong') throw new AppError('BAD_REQUEST', 'Wrong code. Enter the code from your authenticator app or a recovery code');
  }

  private async replaceRecoveryCodes(userId: string) {
    const codes = newRecoveryCodes();
    await q.replaceRecoveryCodes(this.db, userId, codes.map(hashRecoveryCode));
    return codes;
  }

  private async mustFindUser(userId: string) {
    const user = await q.findUserById(this.db, userId);
    if (!user || !user.isActive) throw new AppError('NOT_FOUND', 'No such person');
    return user;
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
