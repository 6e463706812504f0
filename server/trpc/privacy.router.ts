import { z } from 'zod';
import { RETENTION_MIN_DAYS } from '@/server/privacy/privacy.service';
import { roleProcedure, router } from './trpc';

// Privacy requests for admins: find a customer, export everything about them, erase them; the retention policy.
// Erase and retention changes reach the audit trail as mutations; exports are recorded here.
const admins = roleProcedure('admin');
const notice = z
  .string()
  .trim()
  .max(600, 'Keep the notice under 600 characters')
  .transform((v) => v || null)
  .nullable();
const contactId = z.object({ contactId: z.uuid({ error: 'Unknown customer' }) });

export const privacyRouter = router({
  findContacts: admins
    .input(z.object({ query: z.string().max(200).default('') }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          email: z.string().nullable(),
          phone: z.string().nullable(),
          externalId: z.string().nullable(),
          erasedAt: z.date().nullable(),
          createdAt: z.date(),
          conversations: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) => ctx.app.privacy.findContacts(ctx.actor.workspaceId, input.query)),
  exportContact: admins.input(contactId).query(async ({ ctx, input }) => {
    const data = await ctx.app.privacy.exportContact(ctx.actor.workspaceId, input.contactId);
    await ctx.app.audit.record({ workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, actorRole: ctx.actor.role, ip: ctx.ip, action: 'privacy.export', targetType: 'contact', targetId: input.contactId, after: { conversations: data.conversations.length, orders: data.orders.length } });
    return data;
  }),
  eraseContact: admins
    .input(contactId.extend({ confirm: z.literal('ERASE', { error: 'Type ERASE to confirm' }) }))
    .output(z.object({ conversations: z.number(), redactedMessages: z.number(), erasedAt: z.date() }))
    .mutation(({ ctx, input }) => ctx.app.privacy.eraseContact(ctx.actor.workspaceId, input.contactId)),
  widgetConsent: admins
    .output(z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), consentNoticeEn: z.string().nullable(), consentNoticeBn: z.string().nullable(), privacyUrl: z.string().nullable() })))
    .query(({ ctx }) => ctx.app.privacy.widgetConsent(ctx.actor.workspaceId)),
  setWidgetConsent: admins
    .input(
      z.object({
        widgetId: z.uuid({ error: 'Unknown widget' }),
        consentNoticeEn: notice,
        consentNoticeBn: notice,
        privacyUrl: z
          .string()
          .trim()
          .max(500)
          .transform((v) => v || null)
          .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), 'The privacy policy link must start with https:// or http://')
          .nullable(),
      }),
    )
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { widgetId, ...v } = input;
      await ctx.app.privacy.setWidgetConsent(ctx.actor.workspaceId, widgetId, { consentNoticeEn: v.consentNoticeEn ?? null, consentNoticeBn: v.consentNoticeBn ?? null, privacyUrl: v.privacyUrl ?? null });
      return { ok: true };
    }),
  retention: admins.output(z.object({ days: z.number().nullable(), action: z.enum(['anonymise', 'delete']) })).query(({ ctx }) => ctx.app.privacy.retention(ctx.actor.workspaceId)),
  setRetention: admins
    .input(z.object({ days: z.number().int().min(RETENTION_MIN_DAYS).max(3650).nullable(), action: z.enum(['anonymise', 'delete']) }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.privacy.setRetention(ctx.actor.workspaceId, input.days, input.action);
      return { ok: true };
    }),
});
