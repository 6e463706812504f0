import { z } from 'zod';
import { type Role, roles } from '@/lib/contracts/chat';
import { hashToken } from '@/server/auth/auth.service';
import { authedProcedure, type Context, publicProcedure, router } from './trpc';
import { clearedSessionCookie, sessionCookie } from './http-utils';

const meOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  vendorId: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  teamIds: z.array(z.string()),
  workspaceId: z.string(),
});

const challengeInput = z.string().min(1).max(2000);
const codeInput = z.string().trim().min(6, 'Enter the 6-digit code or a recovery code').max(40);

/** Starts the session a finished sign-in earned: the cookie, and the audit line. */
function startSession(ctx: Context, s: { token: string; expiresAt: Date; user: { id: string; workspaceId: string; role: Role } }, after?: Record<string, unknown>) {
  ctx.res.appendHeader('Set-Cookie', sessionCookie(s.token, s.expiresAt, ctx.app.opts.cookieSecure));
  return ctx.app.audit.record({ workspaceId: s.user.workspaceId, actorId: s.user.id, actorRole: s.user.role, ip: ctx.ip, action: 'auth.sign_in', targetType: 'user', targetId: s.user.id, after });
}

/** Sign-in steps share the per-IP limit; a refusal is logged once as a failed sign-in. */
async function signInStep<T>(ctx: Context, what: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  await ctx.app.rateLimits.consume('signInPerIp', ctx.ip).catch(async (e: unknown) => {
    await ctx.app.audit.record({ ip: ctx.ip, action: 'security.sign_in_rate_limited', after: what });
    throw e;
  });
  return run().catch(async (e: unknown) => {
    await ctx.app.audit.record({ ip: ctx.ip, action: 'auth.sign_in_failed', after: { ...what, reason: e instanceof Error ? e.message : 'error' } });
    throw e;
  });
}

const meta = (ctx: Context) => ({ userAgent: ctx.req.headers['user-agent'], ip: ctx.ip });

export const authRouter = router({
  /**
   * Step one. With a right password: a session (step "done"), or a short-lived challenge for the second step:
   * "totp" (a code from the app or a recovery code) or "totp_setup" (an admin without two-factor sign-in sets it up first).
   */
  signIn: publicProcedure
    .input(z.object({ email: z.email({ error: 'Enter a valid email' }).max(200), password: z.string().min(1, 'Enter your password').max(200) }))
    .output(z.object({ step: z.enum(['done', 'totp', 'totp_setup']), role: z.enum(roles).optional(), challenge: z.string().optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await signInStep(ctx, { email: input.email }, () => ctx.app.auth.beginSignIn(input.email, input.password, meta(ctx)));
      if (r.step !== 'done') return { step: r.step, challenge: r.challenge };
      await startSession(ctx, r);
      return { step: 'done' as const, role: r.user.role };
    }),
  /** Step two: the code from the authenticator app, or a recovery code (each works once). */
  verifyTotp: publicProcedure
    .input(z.object({ challenge: challengeInput, code: codeInput }))
    .output(z.object({ role: z.enum(roles), usedRecoveryCode: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const r = await signInStep(ctx, { step: 'totp' }, () => ctx.app.auth.verifySecondFactor(input.challenge, input.code, meta(ctx)));
      await startSession(ctx, r, { secondFactor: r.usedRecoveryCode ? 'recovery' : 'totp' });
      return { role: r.user.role, usedRecoveryCode: r.usedRecoveryCode };
    }),
  /** An admin's first sign-in without a second factor: a new secret to scan. */
  startTotpSetup: publicProcedure
    .input(z.object({ challenge: challengeInput }))
    .output(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.app.auth.userOfChallenge(input.challenge, 'totp_setup');
      return ctx.app.auth.startTotpSetup(user.id);
    }),
  /** …confirmed with its first code: two-factor sign-in is on, the recovery codes are shown once, the session starts. */
  confirmTotpSetup: publicProcedure
    .input(z.object({ challenge: challengeInput, code: codeInput }))
    .output(z.object({ role: z.enum(roles), recoveryCodes: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      const r = await signInStep(ctx, { step: 'totp_setup' }, async () => {
        const user = await ctx.app.auth.userOfChallenge(input.challenge, 'totp_setup');
        const done = await ctx.app.auth.confirmTotpSetup(user.id, input.code, meta(ctx));
        return { ...done, session: await ctx.app.auth.startSessionFor(user, meta(ctx)) };
      });
      await startSession(ctx, r.session, { secondFactor: 'totp_setup' });
      return { role: r.user.role, recoveryCodes: r.recoveryCodes };
    }),
  signOut: publicProcedure.output(z.object({ ok: z.boolean() })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) {
      await ctx.app.auth.signOut(ctx.sessionToken);
      if (ctx.actor) await ctx.app.audit.record({ workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, actorRole: ctx.actor.role, ip: ctx.ip, action: 'auth.sign_out', targetType: 'user', targetId: ctx.actor.userId });
      if (ctx.actor) ctx.app.bus.emit('session.ended', { userId: ctx.actor.userId, sessionHash: hashToken(ctx.sessionToken) });
    }
    ctx.res.appendHeader('Set-Cookie', clearedSessionCookie(ctx.app.opts.cookieSecure));
    return { ok: true };
  }),
  me: authedProcedure.output(meOutput).query(({ ctx }) => ({
    id: ctx.actor.userId,
    name: ctx.actor.name,
    email: ctx.actor.email,
    role: ctx.actor.role,
    vendorId: ctx.actor.vendorId,
    avatarUrl: ctx.actor.avatarUrl,
    teamIds: ctx.actor.teamIds,
    workspaceId: ctx.actor.workspaceId,
  })),
});
