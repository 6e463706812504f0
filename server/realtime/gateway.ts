import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import {
  type Ack,
  type ClientToServerEvents,
  joinInput,
  presenceInput,
  receiptInput,
  sendMessageInput,
  type ServerToClientEvents,
  startConversationInput,
  syncInput,
  typingInput,
} from '@/lib/contracts/chat';
import { csatInput } from '@/lib/contracts/automation';
import type { App } from '@/server/app';
import { type Actor, hashToken, type StaffActor, type VisitorActor } from '@/server/auth/auth.service';
import { ChatService } from '@/server/chat/chat.service';
import { AppError, isAppError } from '@/server/core/app-error';
import { errorText, logger } from '@/server/core/logger';
import { clientIp, crossSiteOrigin, readSessionCookie } from '@/server/trpc/http-utils';

type SocketData = { actor: Actor; ip: string; access: Map<string, { contactId: string }>; sessionHash: string | null };
type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const rooms = {
  staff: (workspaceId: string) => `ws:${workspaceId}:staff`,
  // Admins and supervisors: what only they may read (routing decisions and their reasons).
  supervisors: (workspaceId: string) => `ws:${workspaceId}:supervisors`,
  // Everyone who works conversations (admins, supervisors, agents): routing decisions and their reasons.
  desk: (workspaceId: string) => `ws:${workspaceId}:desk`,
  vendor: (vendorId: string) => `vendor:${vendorId}`,
  contact: (contactId: string) => `contact:${contactId}`,
  conversation: (id: string) => `conv:${id}`,
  user: (id: string) => `user:${id}`,
  // Executives, supervisors and admins with /dashboard open.
  dashboard: (workspaceId: string) => `ws:${workspaceId}:dashboard`,
};

/** The events each side may send; anything else is answered FORBIDDEN (not left unanswered). */
export const socketEvents = {
  visitor: ['conversation:start', 'message:send', 'conversation:sync', 'receipt', 'csat:submit', 'typing'],
  staff: ['message:send', 'conversation:sync', 'conversation:join', 'conversation:leave', 'receipt', 'typing', 'dashboard:watch', 'presence:set'],
} as const satisfies Record<'visitor' | 'staff', readonly (keyof ClientToServerEvents)[]>;

/** Whose events a socket's events count against: the visitor's or the staff member's, across their sockets. */
const eventKey = (actor: Actor) => (actor.kind === 'visitor' ? `v:${actor.contactId}` : `u:${actor.userId}`);

/** The second of the two error translators: domain errors become `{ ok: false, error }` acks. */
function toAckError(e: unknown): Ack<never> {
  if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message } };
  if (e && typeof e === 'object' && 'issues' in e) {
    const issues = (e as z.ZodError).issues;
    return { ok: false, error: { code: 'BAD_REQUEST', message: issues.map((i) => i.message).join('; ') } };
  }
  logger.error('socket.internal', { error: errorText(e) });
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side' } };
}

function handler<S extends z.ZodType, R>(
  schema: S,
  fn: (input: z.infer<S>) => Promise<R>,
): (payload: unknown, ack?: (a: Ack<R>) => void) => void {
  return (payload, ack) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply(toAckError(parsed.error));
    fn(parsed.data).then(
      (data) => reply({ ok: true, data }),
      (e) => reply(toAckError(e)),
    );
  };
}

export function createGateway(app: App, httpServer: HttpServer, adapter?: Parameters<IO['adapter']>[0]) {
  const io: IO = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // Next's dev server shares this http.Server for its own websocket: leave other upgrades alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // No connection-state recovery: every client asks for what it missed (after its last message id) on each
    // connect, and recovery would keep every emitted packet in memory for its whole window (measured: more GC,
    // higher tail latency under load).
    ...(adapter ? { adapter } : {}),
  });

  io.use(async (socket, next) => {
    try {
      const auth = (socket.handshake.auth ?? {}) as { visitorToken?: unknown };
      let actor: Actor | null = null;
      let sessionHash: string | null = null;
      const foreign = crossSiteOrigin(socket.request);
      if (typeof auth.visitorToken === 'string') {
        actor = await app.auth.verifyVisitorToken(auth.visitorToken);
        // The widget's socket comes from its iframe (this server's origin). From any other page, only from the
        // origins the widget allows, when it names any.
        if (actor && foreign && !(await app.widget.allowsOrigin(actor.widgetId, foreign))) {
          logger.warn('security.socket_origin_refused', { origin: foreign, widgetId: actor.widgetId });
          return next(new Error('FORBIDDEN'));
        }
      } else {
        // Staff sockets ride on the session cookie: never from another site's page (cross-site WebSocket hijacking).
        if (foreign) {
          logger.warn('security.socket_origin_refused', { origin: foreign });
          return next(new Error('FORBIDDEN'));
        }
        const token = readSessionCookie(socket.handshake.headers.cookie);
        actor = await app.auth.findActorBySession(token);
        sessionHash = token ? hashToken(token) : null;
      }
      if (!actor) return next(new Error('UNAUTHORIZED'));
      // Disconnected for flooding: no new socket until its window is over (a new socket is not a new budget).
      if (await app.rateLimits.blockedFor('socketEvents', eventKey(actor))) return next(new Error('TOO_MANY_REQUESTS'));
      socket.data.actor = actor;
      socket.data.ip = clientIp(socket.request);
      socket.data.access = new Map();
      socket.data.sessionHash = sessionHash;
      next();
    } catch (e) {
      logger.error('socket.auth', { error: errorText(e) });
      next(new Error('INTERNAL'));
    }
  });

  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    const mine = new Set<string>(socketEvents[actor.kind === 'visitor' ? 'visitor' : 'staff']);
    // A flooding socket is told why, then disconnected: its events stop costing anyone else. An event this side
    // may not send is answered FORBIDDEN.
    socket.use((packet, next) => {
      app.rateLimits.consume('socketEvents', eventKey(actor)).then(
        () => {
          if (mine.has(String(packet[0]))) return next();
          const reply = packet[packet.length - 1];
          if (typeof reply === 'function') reply({ ok: false, error: { code: 'FORBIDDEN', message: `“${String(packet[0]).slice(0, 60)}” is not an event you may send` } });
        },
        (e: unknown) => {
          if (!(isAppError(e) && e.code === 'TOO_MANY_REQUESTS')) return next();
          const retryAfterSeconds = Number((e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 10);
          socket.emit('rate:limited', { retryAfterSeconds, message: e.message });
          socket.disconnect(true);
        },
      );
    });
    if (actor.kind === 'visitor') onVisitor(socket, actor);
    else onStaff(socket, actor);
  });

  /** Checks access once per socket and conversation; typing and receipts then need no database round trip. */
  async function access(socket: AppSocket, conversationId: string) {
    const hit = socket.data.access.get(conversationId);
    if (hit) return hit;
    const c = await app.chat.getAccessibleConversation(socket.data.actor, conversationId);
    const entry = { contactId: c.contactId };
    socket.data.access.set(conversationId, entry);
    return entry;
  }

  function onVisitor(socket: AppSocket, visitor: VisitorActor) {
    void socket.join(rooms.contact(visitor.contactId));

    socket.on(
      'conversation:start',
      handler(startConversationInput, async (input) => {
        if (input.conversationId) {
          const held = await app.chat.getAccessibleConversation(visitor, input.conversationId).catch(() => null);
          if (held?.status === 'resolved') return app.chat.queueStatus(held);
        }
        const active = await app.chat.findActiveConversation(visitor);
        if (!active) await app.rateLimits.consume('conversationPerVisitor', visitor.contactId);
        if (!active) await app.rateLimits.consume('conversationPerIp', socket.data.ip);
        const { conversation } = await app.chat.startConversation(visitor, input);
        return app.chat.queueStatus(conversation);
      }),
    );

    socket.on(
      'message:send',
      handler(sendMessageInput, async (input) => {
        await app.rateLimits.consume('messagePerVisitor', visitor.contactId);
        await app.rateLimits.consume('messagePerIp', socket.data.ip);
        return ChatService.toPublic(await app.chat.sendMessage(visitor, { ...input, isNote: false }));
      }),
    );

    socket.on('conversation:sync', handler(syncInput, (input) => app.chat.syncMessages(visitor, input.conversationId, input.afterId)));
    socket.on('receipt', handler(receiptInput, (input) => app.chat.recordReceipt(visitor, input)));
    socket.on(
      'csat:submit',
      handler(csatInput, async (input) => {
        await app.rateLimits.consume('messagePerVisitor', visitor.contactId);
        return app.chat.submitCsat(visitor, input);
      }),
    );
    socket.on(
      'typing',
      handler(typingInput, async (input) => {
        await access(socket, input.conversationId);
        socket.to(rooms.conversation(input.conversationId)).emit('typing', { ...input, side: 'contact', name: null });
      }),
    );
  }

  function onStaff(socket: AppSocket, staff: StaffActor) {
    void socket.join(rooms.user(staff.userId));
    if (staff.role === 'vendor') {
      if (staff.vendorId) void socket.join(rooms.vendor(staff.vendorId));
    } else {
      void socket.join(rooms.staff(staff.workspaceId));
      if (staff.role === 'admin' || staff.role === 'supervisor') void socket.join(rooms.supervisors(staff.workspaceId));
      if (staff.role !== 'executive') void socket.join(rooms.desk(staff.workspaceId));
    }
    const tracksPresence = ['agent', 'supervisor', 'admin'].includes(staff.role);
    if (tracksPresence) void app.presence.markConnected(staff.workspaceId, staff.userId).catch(() => {});

    socket.on('message:send', handler(sendMessageInput, (input) => app.chat.sendMessage(staff, input)));
    socket.on('conversation:sync', handler(syncInput, (input) => app.chat.syncMessages(staff, input.conversationId, input.afterId)));
    socket.on(
      'conversation:join',
      handler(joinInput, async (input) => {
        await access(socket, input.conversationId);
        await socket.join(rooms.conversation(input.conversationId));
        return { joined: true as const };
      }),
    );
    socket.on(
      'conversation:leave',
      handler(joinInput, async (input) => {
        await socket.leave(rooms.conversation(input.conversationId));
        return { left: true as const };
      }),
    );
    socket.on(
      'receipt',
      handler(receiptInput, async (input) => {
        const event = await app.chat.recordReceipt(staff, input);
        if (input.kind === 'read') {
          io.to(rooms.user(staff.userId)).emit('read:sync', { conversationId: input.conversationId, lastReadMessageId: input.upToId });
        }
        return event;
      }),
    );
    socket.on(
      'typing',
      handler(typingInput, async (input) => {
        if (staff.role === 'executive') throw new AppError('FORBIDDEN', 'Executives cannot type into conversations');
        const { contactId } = await access(socket, input.conversationId);
        const event = { ...input, side: 'agent' as const, name: staff.name, userId: staff.userId };
        socket.to(rooms.conversation(input.conversationId)).emit('typing', event);
        io.to(rooms.contact(contactId)).emit('typing', { ...event, userId: undefined });
      }),
    );
    socket.on(
      'dashboard:watch',
      handler(z.unknown(), async () => {
        if (!['executive', 'supervisor', 'admin'].includes(staff.role)) throw new AppError('FORBIDDEN', 'The dashboard is for executives, supervisors and admins');
        await socket.join(rooms.dashboard(staff.workspaceId));
        return app.dashboard.live(staff.workspaceId);
      }),
    );
    socket.on(
      'presence:set',
      handler(presenceInput, async (input) => {
        if (!tracksPresence) throw new AppError('FORBIDDEN', 'Presence is for desk staff');
        return { status: await app.presence.setPresence(staff.workspaceId, staff.userId, input.status) };
      }),
    );
    socket.on('disconnect', () => {
      if (!tracksPresence) return;
      // Offline only when no tab or device of this person is still connected, on any node.
      setTimeout(() => {
        io.in(rooms.user(staff.userId))
          .fetchSockets()
          .then((left) => {
            if (left.length === 0) return app.presence.setPresence(staff.workspaceId, staff.userId, 'offline');
          })
          .catch(() => {});
      }, 1500);
    });
  }

  // ---- fan-out of domain events ----
  const staffRooms = (workspaceId: string, vendorId: string | null) => {
    const r = [rooms.staff(workspaceId)];
    if (vendorId) r.push(rooms.vendor(vendorId));
    return r;
  };

  // Live dashboard numbers are computed only while someone watches (with Redis, a watcher may be on another node).
  app.dashboard.watching = (workspaceId) => !!adapter || (io.of('/').adapter.rooms.get(rooms.dashboard(workspaceId))?.size ?? 0) > 0;
  const offs = [
    app.dashboard.onPublish((workspaceId, kpis) => {
      io.to(rooms.dashboard(workspaceId)).emit('dashboard:kpis', kpis);
    }),
    app.bus.on('message.created', ({ workspaceId, conversation, message }) => {
      const target = staffRooms(workspaceId, conversation.vendorId);
      io.to(target).emit('message:new', message);
      io.to(target).emit('conversation:updated', conversation);
      if (message.kind !== 'note') io.to(rooms.contact(conversation.contactId)).emit('message:new', ChatService.toPublic(message));
    }),
    app.bus.on('messages.annotated', ({ items }) => {
      // Operator staff of each workspace get all of its readings; each vendor's room only its own conversations'.
      const byRoom = new Map<string, { conversationId: string; messageId: number; annotation: (typeof items)[number]['annotation'] }[]>();
      for (const { workspaceId, vendorId, conversationId, messageId, annotation } of items) {
        for (const room of staffRooms(workspaceId, vendorId)) {
          let list = byRoom.get(room);
          if (!list) byRoom.set(room, (list = []));
          list.push({ conversationId, messageId, annotation });
        }
      }
      for (const [room, list] of byRoom) io.to(room).emit('message:annotated', list);
    }),
    app.bus.on('message.hidden', ({ workspaceId, vendorId, contactId, conversationId, messageId, hiddenAt, reason }) => {
      io.to(rooms.staff(workspaceId)).emit('message:hidden', { conversationId, messageId, hiddenAt, reason });
      const others = [rooms.contact(contactId), ...(vendorId ? [rooms.vendor(vendorId)] : [])];
      io.to(others).emit('message:hidden', { conversationId, messageId, hiddenAt, reason: null });
    }),
    app.bus.on('routing.decided', ({ workspaceId, conversationId, decision }) => {
      io.to(rooms.desk(workspaceId)).emit('routing:decided', { conversationId, decision });
    }),
    app.bus.on('notification.created', ({ userId, notification }) => {
      io.to(rooms.user(userId)).emit('notification:new', notification);
    }),
    app.bus.on('conversation.created', ({ workspaceId, conversation }) => {
      io.to(staffRooms(workspaceId, conversation.vendorId)).emit('conversation:updated', conversation);
    }),
    app.bus.on('conversation.updated', async ({ workspaceId, conversation }) => {
      io.to(staffRooms(workspaceId, conversation.vendorId)).emit('conversation:updated', conversation);
      const row = await app.chat.getConversationForFanout(conversation.id).catch(() => null);
      if (row) io.to(rooms.contact(row.contactId)).emit('queue', await app.chat.queueStatus(row));
    }),
    app.bus.on('conversation.receipt', async ({ workspaceId, ...event }) => {
      const row = await app.chat.getConversationForFanout(event.conversationId).catch(() => null);
      if (!row) return;
      io.to([...staffRooms(workspaceId, row.vendorId), rooms.contact(row.contactId)]).emit('receipt', event);
    }),
    app.bus.on('session.ended', async ({ userId, sessionHash }) => {
      const sockets = await io.in(rooms.user(userId)).fetchSockets();
      for (const s of sockets) if (s.data.sessionHash === sessionHash) s.disconnect(true);
    }),
    app.bus.on('queue.positions', ({ items }) => {
      for (const { contactId, event } of items) io.to(rooms.contact(contactId)).emit('queue', event);
    }),
    app.bus.on('presence.changed', ({ workspaceId, ...event }) => {
      io.to(rooms.staff(workspaceId)).emit('presence', event);
    }),
    app.bus.on('labels.changed', ({ workspaceId, vendorIds }) => {
      io.to([rooms.staff(workspaceId), ...vendorIds.map((v) => rooms.vendor(v))]).emit('labels:changed', {});
    }),
  ];

  return {
    io,
    async close() {
      offs.forEach((off) => off());
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
