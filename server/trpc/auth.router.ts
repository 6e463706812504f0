import { z } from 'zod';
import { roles } from '@/lib/contracts/chat';
import { hashToken } from '@/server/auth/auth.service';
import { authedProcedure, publicProcedure, router } from './trpc';
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

export const authRouter = router({
  signIn: publicProcedure
    .input(z.object({ email: z.email({ error: 'Enter a valid email' }).max(200), password: z.string().min(1, 'Enter your password').max(200) }))
    .output(z.object({ role: z.enum(roles) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.rateLimits.consume('signInPerIp', ctx.ip).catch(async (e: unknown) => {
        await ctx.app.audit.record({ ip: ctx.ip, action: 'security.sign_in_rate_limited', after: { email: input.email } });
        throw e;
      });
      const signedIn = await ctx.app.auth.signIn(input.email, input.password, ctx.req.headers['user-agent']).catch(async (e: unknown) => {
        await ctx.app.audit.record({ ip: ctx.ip, action: 'auth.sign_in_failed', after: { email: input.email } });
        throw e;
      });
      const { token, expiresAt, user } = signedIn;
      await ctx.app.audit.record({ workspaceId: user.workspaceId, actorId: user.id, actorRole: user.role, ip: ctx.ip, action: 'auth.sign_in', targetType: 'user', targetId: user.id });
      ctx.res.appendHeader('Set-Cookie', sessionCookie(token, expiresAt, ctx.app.opts.cookieSecure));
      return { role: user.role };
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
