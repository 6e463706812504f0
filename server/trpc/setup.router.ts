import { z } from 'zod';
import { PASSWORD_MAX } from '@/server/auth/password-rules';
import { publicProcedure, router } from './trpc';

// The first-run wizard (/setup) of a deployment without an admin. Public by nature: the service refuses once an
// admin exists, and asks for SETUP_TOKEN when the server sets one.
export const setupRouter = router({
  status: publicProcedure.output(z.object({ needed: z.boolean(), tokenRequired: z.boolean() })).query(({ ctx }) => ctx.app.setup.status()),
  complete: publicProcedure
    .input(
      z.object({
        setupToken: z.string().max(200).optional(),
        workspaceName: z.string().trim().min(2, 'Name the workspace (2 characters or more)').max(80),
        defaultLocale: z.enum(['en', 'bn']),
        adminName: z.string().trim().min(2, 'Enter your name').max(100),
        email: z.email({ error: 'Enter a valid email' }).max(200),
        password: z.string().min(1, 'Choose a password').max(PASSWORD_MAX * 4),
        teamName: z.string().trim().min(2, 'Name the first team (2 characters or more)').max(60),
        widgetName: z.string().trim().min(2, 'Name the widget (2 characters or more)').max(60),
      }),
    )
    .output(z.object({ email: z.string(), widgetKey: z.string(), identitySecret: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.rateLimits.consume('signInPerIp', ctx.ip);
      const r = await ctx.app.setup.complete(input);
      await ctx.app.audit.record({ workspaceId: r.workspaceId, actorId: r.userId, actorRole: 'admin', ip: ctx.ip, action: 'setup.completed', targetType: 'workspace', targetId: r.workspaceId, after: { email: r.email } });
      return { email: r.email, widgetKey: r.widgetKey, identitySecret: r.identitySecret };
    }),
});
