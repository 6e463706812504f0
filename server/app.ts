import type { Redis } from 'ioredis';
import type { DbHandle } from '@/db/client';
import { AiService } from '@/server/ai/ai.service';
import { AuthService } from '@/server/auth/auth.service';
import { ChatService } from '@/server/chat/chat.service';
import { Directory } from '@/server/chat/directory';
import { MessageWriter } from '@/server/chat/message-writer';
import { EventBus } from '@/server/core/event-bus';
import { DeskService } from '@/server/desk/desk.service';
import { PresenceService } from '@/server/presence/presence.service';
import { RoutingService } from '@/server/routing/routing.service';
import { RateLimits } from '@/server/security/rate-limit';
import { WidgetService } from '@/server/widget/widget.service';

export type AppOptions = {
  sessionTtlHours: number;
  secret?: string;
  batchWindowMs: number;
  redis?: Redis;
  rateLimitDisabled?: boolean;
  adapterKind: 'memory' | 'redis';
  cookieSecure: boolean;
  version: string;
};

/** Wires the domain services together. Used by the server, the tests and the seed. */
export function createApp(handle: DbHandle, opts: AppOptions) {
  const { db } = handle;
  const bus = new EventBus();
  const writer = new MessageWriter(handle, { windowMs: opts.batchWindowMs, maxBatch: 256 });
  const directory = new Directory(db);
  const routing = new RoutingService(db);
  const auth = new AuthService(db, { sessionTtlHours: opts.sessionTtlHours, secret: opts.secret });
  const chat = new ChatService(db, bus, writer, directory, routing);
  const widget = new WidgetService(db, auth);
  const presence = new PresenceService(db, bus);
  const desk = new DeskService(db);
  const rateLimits = new RateLimits({ redis: opts.redis, disabled: opts.rateLimitDisabled });
  // Annotates customer messages once a classifier is attached (server/main.ts starts the models' worker).
  const ai = new AiService(bus, chat);
  return { handle, db, bus, writer, directory, routing, auth, chat, widget, presence, desk, rateLimits, ai, opts };
}

export type App = ReturnType<typeof createApp>;
