import { z } from 'zod';
import { roles } from '@/lib/contracts/chat';
import { PASSWORD_MAX } from '@/server/auth/password-rules';
import { type Context, publicProcedure, roleProcedure, router } from './trpc';

/** Where links in mail point: PUBLIC_URL, else the admin's browser's origin (same-site mutations only get here). */
function publicBaseUrl(ctx: Context): string | undefined {
  if (ctx.app.opts.publicUrl) return ctx.app.opts.publicUrl.replace(/\/+$/, '');
  const origin = ctx.req.headers.origin;
  const o = Array.isArray(origin) ? origin[0] : origin;
  // Without either, no mail: a Host header alone could be anything the client sent.
  return o && /^https?:\/\/[^/]+$/.test(o) ? o : undefined;
}

// The admin console (/admin): people, teams, widgets, replies, vendors, workspace. Admins only, except canned
// responses (supervisors too); the invitation link itself is public.
const admins = roleProcedure('admin');
// Canned responses: supervisors manage them too.
const replyEditors = roleProcedure('admin', 'supervisor');
const shortCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A short code is letters a–z, digits, - or _, up to 40 (typed after / in the composer)');
const cannedText = z.string().trim().max(4000, 'At most 4,000 characters').nullable();
const labelName = z.string().trim().min(1, 'Name the label').max(60, 'At most 60 characters');
const uuid = z.uuid({ error: 'Unknown id' });
const teamIds = z.array(uuid).max(50).default([]);
const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour like #0f766e');
const widgetSettings = z.object({
  name: z.string().trim().min(2, 'Name the widget (2 characters or more)').max(60),
  color: hex,
  greetingEn: z.string().trim().min(1, 'Write a greeting in English').max(300),
  greetingBn: z.string().trim().min(1, 'Write a greeting in Bengali').max(300),
  offlineTextEn: z.string().trim().max(500).nullable(),
  offlineTextBn: z.string().trim().max(500).nullable(),
  prechatEnabled: z.boolean(),
  prechatFields: z.array(z.enum(['name', 'phone', 'email'])).max(3),
  allowedOrigins: z.array(z.string().max(200)).max(20, 'At most 20 websites'),
  verifiedOnly: z.boolean(),
  defaultTeamId: uuid.nullable(),
  intentRouting: z.boolean(),
  calendarId: uuid.nullable(),
});

const vendorName = z.string().trim().min(2, 'Name the vendor (2 characters or more)').max(80);
const teamName = z.string().trim().min(2, 'Name the team (2 characters or more)').max(60);

export const adminRouter = router({
  people: admins.query(({ ctx }) => ctx.app.people.list(ctx.actor.workspaceId)),
  invite: admins
    .input(
      z.object({
        email: z.email({ error: 'Enter a valid email' }).max(200),
        name: z.string().trim().max(100).nullish(),
        role: z.enum(roles),
        teamIds,
        vendorId: uuid.nullish(),
      }),
    )
    .output(z.object({ id: z.string(), path: z.string(), expiresAt: z.date(), emailed: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.app.people.invite(ctx.actor, input, publicBaseUrl(ctx))),
  revokeInvite: admins
    .input(z.object({ id: uuid }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.people.revokeInvite(ctx.actor, input.id);
      return { ok: true };
    }),
  updatePerson: admins
    .input(z.object({ userId: uuid, role: z.enum(roles).optional(), teamIds: z.array(uuid).max(50).optional(), vendorId: uuid.nullish(), name: z.string().trim().min(2).max(100).optional() }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { userId, ...set } = input;
      await ctx.app.people.update(ctx.actor, userId, set);
      return { ok: true };
    }),
  deactivate: admins
    .input(z.object({ userId: uuid }))
    .output(z.object({ returnedToQueue: z.number() }))
    .mutation(({ ctx, input }) => ctx.app.people.deactivate(ctx.actor, input.userId)),
  reactivate: admins
    .input(z.object({ userId: uuid }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.people.reactivate(ctx.actor, input.userId);
      return { ok: true };
    }),
  teams: admins.query(({ ctx }) => ctx.app.teams.list(ctx.actor.workspaceId)),
  createTeam: admins
    .input(z.object({ name: teamName }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => ctx.app.teams.create(ctx.actor.workspaceId, input.name)),
  renameTeam: admins
    .input(z.object({ teamId: uuid, name: teamName }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.teams.rename(ctx.actor.workspaceId, input.teamId, input.name);
      return { ok: true };
    }),
  setTeamMembers: admins
    .input(z.object({ teamId: uuid, userIds: z.array(uuid).max(500) }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.teams.setMembers(ctx.actor.workspaceId, input.teamId, input.userIds);
      ctx.app.queue.kick();
      return { ok: true };
    }),
  deleteTeam: admins
    .input(z.object({ teamId: uuid }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.teams.remove(ctx.actor.workspaceId, input.teamId);
      return { ok: true };
    }),
  widgets: admins.query(({ ctx }) => ctx.app.widgetAdmin.list(ctx.actor.workspaceId)),
  createWidget: admins
    // New widgets keep their chats in the team they name unless routing by topic is asked for.
    .input(widgetSettings.extend({ intentRouting: z.boolean().default(false) }))
    .output(z.object({ id: z.string(), key: z.string(), identitySecret: z.string() }))
    .mutation(({ ctx, input }) => ctx.app.widgetAdmin.create(ctx.actor.workspaceId, input)),
  updateWidget: admins
    .input(widgetSettings.extend({ widgetId: uuid }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const { widgetId, ...settings } = input;
      await ctx.app.widgetAdmin.update(ctx.actor.workspaceId, widgetId, settings);
      return { ok: true };
    }),
  rotateWidgetSecret: admins
    .input(z.object({ widgetId: uuid }))
    .output(z.object({ identitySecret: z.string() }))
    .mutation(({ ctx, input }) => ctx.app.widgetAdmin.rotateSecret(ctx.actor.workspaceId, input.widgetId)),
  canned: replyEditors.query(({ ctx }) => ctx.app.replies.listCanned(ctx.actor.workspaceId)),
  saveCanned: replyEditors
    .input(z.object({ originalShortCode: shortCode.nullish(), shortCode, title: z.string().trim().min(1, 'Give it a title').max(80), contentEn: cannedText, contentBn: cannedText }))
    .output(z.object({ shortCode: z.string() }))
    .mutation(({ ctx, input }) => ctx.app.replies.saveCanned(ctx.actor.workspaceId, input)),
  deleteCanned: replyEditors
    .input(z.object({ shortCode }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.replies.deleteCanned(ctx.actor.workspaceId, input.shortCode);
      return { ok: true };
    }),
  labels: admins.query(({ ctx }) => ctx.app.replies.listLabels(ctx.actor.workspaceId)),
  saveLabel: admins
    .input(z.object({ originalName: z.string().max(60).nullish(), name: labelName, color: hex }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.replies.saveLabel(ctx.actor.workspaceId, input);
      return { ok: true };
    }),
  deleteLabel: admins
    .input(z.object({ name: z.string().max(60) }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.replies.deleteLabel(ctx.actor.workspaceId, input.name);
      return { ok: true };
    }),
  vendors: admins.query(({ ctx }) => ctx.app.vendorAdmin.list(ctx.actor.workspaceId)),
  createVendor: admins
    .input(z.object({ name: vendorName }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => ctx.app.vendorAdmin.create(ctx.actor.workspaceId, input.name)),
  renameVendor: admins
    .input(z.object({ vendorId: uuid, name: vendorName }))
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.vendorAdmin.rename(ctx.actor.workspaceId, input.vendorId, input.name);
      return { ok: true };
    }),
  vendorStaff: admins.input(z.object({ vendorId: uuid })).query(({ ctx, input }) => ctx.app.vendorAdmin.staff(ctx.actor.workspaceId, input.vendorId)),
  vendorProducts: admins
    .input(z.object({ vendorId: uuid, search: z.string().trim().max(80).default(''), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => ctx.app.vendorAdmin.products(ctx.actor.workspaceId, input.vendorId, input.search, input.limit)),
  // One chunk of a CSV import (the console sends a file in chunks and shows the progress); rows are checked one
  // by one, so a bad row is reported by its line and the others are imported.
  importProducts: admins
    .input(
      z.object({
        vendorId: uuid,
        rows: z
          .array(
            z.object({
              line: z.number().int().min(1),
              sku: z.string().max(200),
              title: z.string().max(1000),
              titleBn: z.string().max(1000).optional(),
              price: z.string().max(100),
              category: z.string().max(500).optional(),
              image: z.string().max(2000).optional(),
            }),
          )
          .min(1)
          .max(500, 'Send at most 500 rows at a time'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.app.vendorAdmin.importProducts(ctx.actor.workspaceId, input.vendorId, input.rows)),
  workspace: admins.query(({ ctx }) => ctx.app.workspaceSettings.get(ctx.actor.workspaceId)),
  updateWorkspace: admins
    .input(
      z.object({
        name: z.string().trim().min(2, 'Name the workspace (2 characters or more)').max(80),
        defaultLocale: z.enum(['en', 'bn']),
        autoResolveHours: z.number().int().min(1, 'At least 1 hour').max(24 * 90, 'At most 90 days (2,160 hours)').nullable(),
      }),
    )
    .output(z.object({ ok: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.workspaceSettings.update(ctx.actor.workspaceId, input);
      return { ok: true };
    }),
  // The picture as base64 (the console scales it to 512 px first); re-encoded on the server. Null removes it.
  setLogo: admins
    .input(z.object({ base64: z.string().max(245_760, 'The logo file is too large (at most 180 KB after scaling)').nullable() }))
    .output(z.object({ logoDataUrl: z.string().nullable() }))
    .mutation(({ ctx, input }) => ctx.app.workspaceSettings.setLogo(ctx.actor.workspaceId, input.base64)),
  resetPassword: admins
    .input(z.object({ userId: uuid }))
    .output(z.object({ path: z.string(), emailed: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.app.people.resetLink(ctx.actor, input.userId, publicBaseUrl(ctx))),
});

const token = z.string().min(10).max(100);

/** The invitation or password-reset link: what it is for, and using it. Anyone holding the link. */
export const inviteRouter = router({
  lookup: publicProcedure
    .input(z.object({ token }))
    .output(z.object({ kind: z.enum(['invite', 'reset']), email: z.string(), name: z.string().nullable(), role: z.enum(roles), workspaceName: z.string() }))
    .query(({ ctx, input }) => ctx.app.people.lookup(input.token)),
  accept: publicProcedure
    .input(z.object({ token, name: z.string().trim().max(100).optional(), password: z.string().min(1, 'Choose a password').max(PASSWORD_MAX * 4) }))
    .output(z.object({ email: z.string(), kind: z.enum(['invite', 'reset']) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.app.rateLimits.consume('signInPerIp', ctx.ip);
      const r = await ctx.app.people.accept(input.token, { name: input.name, password: input.password });
      await ctx.app.audit.record({ ip: ctx.ip, action: r.kind === 'invite' ? 'auth.invite_accepted' : 'auth.password_reset', targetType: 'user', targetId: r.userId, after: { email: r.email } });
      return { email: r.email, kind: r.kind };
    }),
});
