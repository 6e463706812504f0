import postgres from 'postgres';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { expect, inject, vi } from 'vitest';
import { openDatabase, runMigrations } from '@/db/client';
import { products } from '@/db/schema';
import { seedTeam, seedUser, seedVendor, seedWidget, seedWorkspace } from '@/db/seed/factories';
import type { Role } from '@/lib/contracts/chat';
import { type App, createApp } from '@/server/app';
import type { StaffActor, VisitorActor } from '@/server/auth/auth.service';
import type { AppError } from '@/server/core/app-error';
import { createGateway, type Gateway } from '@/server/realtime/gateway';
import { createCaller } from '@/server/trpc/root.router';
import { type Context, createContext } from '@/server/trpc/trpc';

/**
 * A fully wired app on a real database: the Postgres in DATABASE_URL when set (CI), else in-memory PGlite.
 * Tests isolate themselves by creating their own workspace with the seed factories.
 */
export async function createTestApp(
  opts: { rateLimitDisabled?: boolean; adminTotpRequired?: boolean; lockout?: { attempts: number; minutes: number }; clamdAddress?: string; emptyDatabase?: boolean } = {},
) {
  // emptyDatabase: a database of its own (on Postgres, created here and dropped on close), for tests that need
  // one with nobody in it.
  const privateDb = opts.emptyDatabase && process.env.DATABASE_URL ? await createPrivateDatabase(process.env.DATABASE_URL) : null;
  const handle = await openDatabase({ databaseUrl: privateDb?.url ?? (process.env.DATABASE_URL || undefined), pgliteDir: 'memory://', poolSize: 4 });
  // The shared Postgres was migrated once by test/global-setup.ts; an in-memory PGlite is new for every app.
  if (handle.kind === 'pglite' || privateDb || !inject('postgresMigrated')) await runMigrations(handle);
  const app = createApp(handle, {
    sessionTtlHours: 1,
    secret: 'test-secret-test-secret-test-secret-123',
    batchWindowMs: 2,
    rateLimitDisabled: opts.rateLimitDisabled ?? true,
    adapterKind: 'memory',
    cookieSecure: false,
    version: 'test',
    routingSweepMs: 0,
    slaSweepMs: 0,
    ticketSweepMs: 0,
    automationIdleSweepMs: 0,
    searchIndexSweepMs: 0,
    privacySweepMs: 0,
    autoResolveSweepMs: 0,
    attachments: { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'alap-test-files-')), clamdAddress: opts.clamdAddress },
    adminTotpRequired: opts.adminTotpRequired,
    lockout: opts.lockout,
  });
  return {
    app,
    handle,
    close: async () => {
      await app.writer.drain();
      app.queue.stop();
      await app.queue.idle();
      app.sla.stop();
      await app.sla.idle();
      app.automation.stop();
      await app.automation.idle();
      app.tickets.stop();
      await app.tickets.idle();
      app.quality.stop();
      await app.quality.idle();
      await app.reporting.stop();
      await app.privacy.stop();
      await app.workspaceSettings.stop();
      await handle.close();
      await privateDb?.drop();
    },
  };
}

async function createPrivateDatabase(url: string) {
  const name = `alap_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const again = postgres(url, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await again.end();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A signed-in staff member: the user row, their session token (cookie value) and the actor the server resolves. */
export type SeededStaff = Awaited<ReturnType<typeof seedUser>> & { token: string; cookie: string; actor: StaffActor };

export async function seedStaff(app: App, v: Parameters<typeof seedUser>[1]): Promise<SeededStaff> {
  const user = await seedUser(app.db, v);
  const { token } = await app.auth.signIn(user.email, user.password);
  const actor = await app.auth.findActorBySession(token);
  if (!actor) throw new Error('seeded staff could not sign in');
  return { ...user, token, cookie: `alap_session=${encodeURIComponent(token)}`, actor };
}

/**
 * A shop: one workspace with a support team, a widget routing to it, two vendors with one product each, and
 * one person per role. Agents are offline unless asked, so conversations stay unassigned unless a test wants routing.
 */
export async function seedShop(app: App, opts: { onlineAgents?: number; offlineAgents?: number; verifiedOnly?: boolean } = {}) {
  const ws = await seedWorkspace(app.db, 'Dokan Test');
  const team = await seedTeam(app.db, ws.id, 'Support');
  const widget = await seedWidget(app.db, { workspaceId: ws.id, defaultTeamId: team.id, verifiedOnly: opts.verifiedOnly });
  const vendorA = await seedVendor(app.db, ws.id, 'Rangdhanu');
  const vendorB = await seedVendor(app.db, ws.id, 'Gadget Ghor');
  const skuA = `SAREE-${ws.id.slice(0, 6)}`;
  const skuB = `PHONE-${ws.id.slice(0, 6)}`;
  await app.db.insert(products).values([
    { workspaceId: ws.id, vendorId: vendorA.id, sku: skuA, name: 'Jamdani saree', priceBdt: 4500 },
    { workspaceId: ws.id, vendorId: vendorB.id, sku: skuB, name: 'Phone', priceBdt: 18000 },
  ]);
  const staff = (role: Role, extra: Partial<Parameters<typeof seedUser>[1]> = {}) => seedStaff(app, { workspaceId: ws.id, role, ...extra });
  const agents: SeededStaff[] = [];
  for (let i = 0; i < (opts.onlineAgents ?? 0); i++) agents.push(await staff('agent', { teamIds: [team.id], presence: 'online', name: `Agent ${i + 1}` }));
  for (let i = 0; i < (opts.offlineAgents ?? 1); i++) agents.push(await staff('agent', { teamIds: [team.id], presence: 'offline', name: `Agent off ${i + 1}` }));
  return {
    ws,
    team,
    widget,
    vendorA,
    vendorB,
    skuA,
    skuB,
    agents,
    agent: agents[0]!,
    supervisor: await staff('supervisor', { teamIds: [team.id] }),
    admin: await staff('admin'),
    executive: await staff('executive'),
    vendorStaffA: await staff('vendor', { vendorId: vendorA.id }),
    vendorStaffB: await staff('vendor', { vendorId: vendorB.id }),
  };
}

export type Shop = Awaited<ReturnType<typeof seedShop>>;

/** A new anonymous visitor on the widget, as the embed script would open one. */
export async function newVisitor(app: App, widgetKey: string): Promise<{ token: string; actor: VisitorActor }> {
  const session = await app.widget.openSession(widgetKey, {});
  const actor = await app.auth.verifyVisitorToken(session.token);
  if (!actor) throw new Error('visitor token did not verify');
  return { token: session.token, actor };
}

/** A visitor with an open conversation (optionally about a product, which ties it to that product's vendor). */
export async function newConversation(app: App, widgetKey: string, sku?: string) {
  const visitor = await newVisitor(app, widgetKey);
  const { conversation } = await app.chat.startConversation(visitor.actor, sku ? { context: { type: 'product', id: sku } } : {});
  return { visitor, conversation };
}

let clientSeq = 0;
/** A fresh client message id, as the widget and the desk generate them. */
export const cid = (prefix = 'msg') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(clientSeq++).toString(36)}`;

/** Fake node request/response for `createContext`: tRPC procedures read cookies and IP and append Set-Cookie. */
export function fakeHttp(cookie?: string) {
  const req = { headers: cookie ? { cookie } : {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as IncomingMessage;
  const appendHeader = vi.fn();
  const setHeader = vi.fn();
  const res = { appendHeader, setHeader } as unknown as ServerResponse;
  const setCookies = () => [...appendHeader.mock.calls, ...setHeader.mock.calls].filter(([k]) => String(k).toLowerCase() === 'set-cookie').flatMap(([, v]) => v as string | string[]);
  return { req, res, appendHeader, setHeader, setCookies };
}

export async function contextFor(app: App, cookie?: string): Promise<Context & { http: ReturnType<typeof fakeHttp> }> {
  const http = fakeHttp(cookie);
  return { ...(await createContext(app, http.req, http.res)), http };
}

/** A real http.Server on a free port with the socket gateway attached. */
export async function startGateway(
  app: App,
  adapter?: Parameters<typeof createGateway>[2],
): Promise<{ server: Server; gateway: Gateway; url: string; close: () => Promise<void> }> {
  const server = createServer();
  const gateway = createGateway(app, server, adapter);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    gateway,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

/** A tRPC caller acting with this session cookie (none: anonymous), as the HTTP adapter would. */
export async function callerFor(app: App, cookie?: string) {
  return createCaller(await contextFor(app, cookie));
}

/** The TRPCError a call rejects with; fails the test when it resolves or fails otherwise. */
export async function trpcError(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCError);
    return e as TRPCError;
  }
  throw new Error('expected a TRPCError');
}

/**
 * A socket.io client of a test gateway, connected (rejects with the server's refusal). Closed by the caller, or
 * pushed to `track` for an afterAll to close.
 */
export function connectSocket(url: string, opts: { auth?: object; cookie?: string; track?: ClientSocket[] }) {
  return new Promise<ClientSocket>((resolve, reject) => {
    const s = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: opts.auth ?? {}, extraHeaders: opts.cookie ? { cookie: opts.cookie } : {} });
    opts.track?.push(s);
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}
