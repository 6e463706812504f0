import { z } from 'zod';
import { PASSWORD_MAX } from '@/server/auth/password-rules';
import { authedProcedure, type Context, router } from './trpc';

// One's own account: two-factor sign-in, recovery codes, sessions, password. Every role, for itself only.
const code = z.string().trim().min(6, 'Enter the 6-digit code or a recovery code').max(40);

/** Sockets opened with ended sessions close too (server/realtime/gateway.ts). */
function endSockets(ctx: Context & { actor: { userId: string } }, hashes: string[]) {
  for (const sessionHash of hashes) ctx.app.bus.emit('session.ended', { userId: ctx.actor.userId, sessionHash });
}

const session = z.object({
  id: z.string(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});

export const accountRouter = router({
  // The workspace as staff screens show it: its name, logo and the language they start in.
  workspace: authedProcedure
    .output(z.object({ name: z.string(), logoDataUrl: z.string().nullable(), defaultLocale: z.enum(['en', 'bn']) }))
    .query(async ({ ctx }) => {
      const w = await ctx.app.workspaceSettings.get(ctx.actor.workspaceId);
      return { name: w.name, logoDataUrl: w.logoDataUrl, defaultLocale: w.defaultLocale };
    }),
  security: authedProcedure
    .output(z.object({ totpEnabled: z.boolean(), totpEnabledAt: z.date().nullable(), totpRequired: z.boolean(), recoveryCodesLeft: z.number(), passwordChangedAt: z.date().nullable() }))
    .query(({ ctx }) => ctx.app.auth.securityStatus(ctx.actor.userId)),
  startTotp: authedProcedure
    .output(z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }))
    .mutation(({ ctx }) => ctx.app.auth.startTotpSetup(ctx.actor.userId)),
  confirmTotp: authedProcedure
    .input(z.object({ code }))
    .output(z.object({ recoveryCodes: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => ({ recoveryCodes: (await ctx.app.auth.confirmTotpSetup(ctx.actor.userId, input.code, { ip: ctx.ip })).recoveryCodes })),
  disableTotp: authedProcedure
    .input(z.object({ code }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.auth.disableTotp(ctx.actor.userId, input.code);
      return { ok: true };
    }),
  regenerateRecoveryCodes: authedProcedure
    .input(z.object({ code }))
    .output(z.object({ recoveryCodes: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => ({ recoveryCodes: await ctx.app.auth.regenerateRecoveryCodes(ctx.actor.userId, input.code) })),
  sessions: authedProcedure.output(z.array(session)).query(({ ctx }) => ctx.app.auth.listSessions(ctx.actor.userId, ctx.sessionToken)),
  revokeSession: authedProcedure
    .input(z.object({ id: z.string().max(64) }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      endSockets(ctx, await ctx.app.auth.revokeSession(ctx.actor.userId, input.id, ctx.sessionToken));
      return { ok: true };
    }),
  revokeOtherSessions: authedProcedure.output(z.object({ ended: z.number() })).mutation(async ({ ctx }) => {
    const ended = await ctx.app.auth.revokeOtherSessions(ctx.actor.userId, ctx.sessionToken);
    endSockets(ctx, ended);
    return { ended: ended.length };
  }),
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX), newPassword: z.string().min(1, 'Enter a new password').max(PASSWORD_MAX * 4) }))
    .output(z.object({ endedSessions: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const ended = await ctx.app.auth.changePassword(ctx.actor.userId, input.currentPassword, input.newPassword, ctx.sessionToken);
      endSockets(ctx, ended);
      return { endedSessions: ended.length };
    }),
});
