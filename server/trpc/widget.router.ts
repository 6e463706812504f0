import { z } from 'zod';
import { publicProcedure, router } from './trpc';

const widgetKey = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'Invalid widget key');

const configOutput = z.object({
  key: z.string(),
  name: z.string(),
  color: z.string(),
  greetingEn: z.string(),
  greetingBn: z.string(),
  prechatEnabled: z.boolean(),
  // What the pre-chat form asks: name (then required) and phone and/or email (one of those shown is required).
  prechatFields: z.array(z.enum(['name', 'phone', 'email'])),
  verifiedOnly: z.boolean(),
  isOnline: z.boolean(),
  // The shop's own offline message (null: the standard one).
  offlineTextEn: z.string().nullable(),
  offlineTextBn: z.string().nullable(),
  businessHours: z.object({ timezone: z.string(), days: z.array(z.object({ day: z.number(), open: z.number(), close: z.number() })) }).nullable(),
  // Seconds after the page loads before the greeting shows beside the closed launcher; null: never.
  proactiveDelaySeconds: z.number().int().nullable(),
  // A privacy notice shown before the first message, and the shop's privacy policy.
  consentNoticeEn: z.string().nullable(),
  consentNoticeBn: z.string().nullable(),
  privacyUrl: z.string().nullable(),
});

// Reachable by anyone on the internet: outputs are declared so no internal column can leak.
export const widgetRouter = router({
  config: publicProcedure.input(z.object({ key: widgetKey })).output(configOutput).query(({ ctx, input }) => ctx.app.widget.getPublicConfig(input.key)),
  session: publicProcedure
    .input(
      z.object({
        key: widgetKey,
        token: z.string().max(2000).optional(),
        locale: z.enum(['bn', 'en']).optional(),
        identity: z
          .object({
            id: z.string().min(1).max(200),
            hash: z.string().max(200).optional(),
            name: z.string().max(120).optional(),
            email: z.email().max(200).optional(),
            phone: z.string().max(30).optional(),
          })
          .optional(),
      }),
    )
    .output(
      z.object({
        token: z.string(),
        contact: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), isVerified: z.boolean() }),
        identityVerified: z.boolean(),
        activeConversationId: z.string().nullable(),
        config: configOutput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await ctx.app.rateLimits.consume('sessionPerIp', ctx.ip);
      return ctx.app.widget.openSession(input.key, input);
    }),
});
