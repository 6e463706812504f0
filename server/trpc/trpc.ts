import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { IncomingMessage, ServerResponse } from 'node:http';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Role } from '@/lib/contracts/chat';
import type { App } from '@/server/app';
import type { StaffActor } from '@/server/auth/auth.service';
import { isUniqueViolation } from '@/db/errors';
import { type AppErrorCode, isAppError } from '@/server/core/app-error';
import { errorText, logger } from '@/server/core/logger';
import { loadBefore } from '@/server/audit/audit-before';
import { clientIp, crossSiteOrigin, readSessionCookie } from './http-utils';

export type Context = {
  app: App;
  req: IncomingMessage;
  res: ServerResponse;
  actor: StaffActor | null;
  sessionToken: string | null;
  ip: string;
  /** The page's origin when a browser sent this from another site (CSRF); null for our own pages. */
  crossSiteOrigin?: string | null;
};

export async function createContext(app: App, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const sessionToken = readSessionCookie(req.headers.cookie);
  const actor = await app.auth.findActorBySession(sessionToken);
  return { app, req, res, actor, sessionToken, ip: clientIp(req), crossSiteOrigin: crossSiteOrigin(req) };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zod ? zod.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') : shape.message,
      data: { ...shape.data, stack: undefined },
    };
  },
});

const codeMap: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

// The one translator from domain errors to tRPC errors. Anything unexpected is logged and hidden.
const errorTranslation = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      // HTTP 429 says when to come back.
      const retry = (cause.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (cause.code === 'TOO_MANY_REQUESTS' && typeof retry === 'number' && !ctx.res.headersSent) ctx.res.setHeader?.('Retry-After', String(retry));
      result.error = new TRPCError({ code: codeMap[cause.code], message: cause.message, cause });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR' && isUniqueViolation(cause)) {
      // Two people creating the same name at once: the second is told, not given a 500.
      result.error = new TRPCError({ code: 'CONFLICT', message: 'That already exists (someone just created it); refresh and try again' });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error('trpc.internal', { path, error: errorText(cause ?? result.error) });
      result.error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side' });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * No state changes on behalf of another site's page (CSRF, login CSRF included): a mutation sent by a browser from
 * a page that is not ours is refused, whoever is signed in. The session cookie is also SameSite=Lax.
 */
const sameSiteMutations = t.middleware(({ ctx, type, path, next }) => {
  if (type === 'mutation' && ctx.crossSiteOrigin) {
    logger.warn('security.csrf_refused', { path, origin: ctx.crossSiteOrigin, ip: ctx.ip });
    void ctx.app.audit.record({ workspaceId: ctx.actor?.workspaceId, actorId: ctx.actor?.userId, actorRole: ctx.actor?.role, ip: ctx.ip, action: 'security.csrf_refused', after: { path, origin: ctx.crossSiteOrigin } });
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Refused: this request came from another site' });
  }
  return next();
});

/** Mutations per signed-in person, else per IP address (sign-in and widget sessions have their own limits too). */
const mutationLimits = t.middleware(async ({ ctx, type, next }) => {
  if (type === 'mutation') {
    if (ctx.actor) await ctx.app.rateLimits.consume('mutationPerUser', ctx.actor.userId);
    else await ctx.app.rateLimits.consume('mutationPerIp', ctx.ip);
  }
  return next();
});

/**
 * Every state change a signed-in person makes through the API goes to the audit trail: who (and their role and
 * address), which procedure, on what, with the input (secrets redacted). Sign-in and sign-out record themselves.
 */
const auditMutations = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  const audited = type === 'mutation' && ctx.actor && !path.startsWith('auth.');
  const input = audited ? ((await getRawInput().catch(() => null)) as Record<string, unknown> | null) : null;
  // What the mutation is about to change, read first (server/audit/audit-before.ts).
  const before = audited && ctx.actor ? await loadBefore(ctx.app.db, path, ctx.actor.workspaceId, input) : undefined;
  const result = await next();
  if (audited && result.ok && ctx.actor) {
    const target = input && typeof input === 'object' ? (input.id ?? input.conversationId ?? input.contactId ?? input.userId ?? input.teamId ?? input.widgetId ?? null) : null;
    await ctx.app.audit.record({
      workspaceId: ctx.actor.workspaceId,
      actorId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      ip: ctx.ip,
      action: path,
      targetType: path.split('.')[0] ?? null,
      targetId: target === null ? null : String(target),
      before,
      after: input,
    });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorTranslation).use(sameSiteMutations).use(mutationLimits).use(auditMutations);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** A procedure open only to the listed roles; every other signed-in user gets FORBIDDEN. */
export const roleProcedure = (...allowed: Role[]) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.actor.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Your role does not allow this' });
    }
    return next({ ctx });
  });
