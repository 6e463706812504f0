// The widget's brain, outside React: parent-page bridge (postMessage), session, socket, outbox, receipts.
// React reads immutable snapshots through useSyncExternalStore and calls the public methods.
//
// Delivery rules (ARCHITECTURE "Nothing is lost"): every message gets a client id and is written to the
// persisted outbox before it is emitted; the outbox is flushed one message at a time, in order, only after
// conversation:start and conversation:sync on the current connection. The server stores each client id once,
// so re-sending after a lost ack is safe.
import { uploadFile } from '@/lib/upload';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, QueueEvent, ReceiptEvent, ServerToClientEvents, TypingEvent } from '@/lib/contracts/chat';
import { isWidgetLocale, localeFromNavigator, widgetDictionaries, type WidgetLocale } from '@/lib/widget-i18n';
import {
  type AgentReceipts,
  advanceReceipts,
  buildView,
  CACHE_LIMIT,
  type Customer,
  mergeMessages,
  newClientId,
  normalizeBody,
  type OutboxItem,
  reconcileOutbox,
  sanitizeContext,
  sanitizeCustomer,
  type ServerMessage,
  type ViewMessage,
  type WidgetContext,
} from './message-store';
import { openWidgetSession, SessionError, tokenSubject, type WidgetConfig, type WidgetContact } from './session-client';

type WidgetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Failure = { ok: false; error: { code: string; message: string } };
type Prechat = { name?: string; email?: string; phone?: string };

export type Connection = 'connected' | 'connecting' | 'offline';
export type ErrorKind = 'signin' | 'notfound' | 'ratelimit' | 'generic';

export type WidgetSnapshot = {
  booted: boolean;
  locale: WidgetLocale;
  /** loading: no config yet (first visit); ready: config known (maybe from cache); error: cannot chat. */
  phase: 'loading' | 'ready' | 'error';
  errorKind: ErrorKind | null;
  config: WidgetConfig | null;
  contact: WidgetContact | null;
  conversationId: string | null;
  resolved: boolean;
  queue: QueueEvent | null;
  messages: ViewMessage[];
  agentTyping: { name: string | null } | null;
  connection: Connection;
  context: WidgetContext | null;
  showPrechat: boolean;
  prechatError: string | null;
  framed: boolean;
  /** The panel is open on the shop page and the tab is in front. */
  visible: boolean;
  /** A file being sent (its name and how far, 0–1), or why the last one was not. */
  upload: { name: string; progress: number } | null;
  uploadError: string | null;
};

/** Whether the pre-chat form still has something to ask: the name when it asks one, else a way to reach them. */
function prechatAsks(fields: string[], contact: WidgetContact | null, noReachability: boolean) {
  if (fields.includes('name')) return !contact?.name;
  return noReachability && (fields.includes('phone') || fields.includes('email'));
}

const SYNC_PAGE = 500; // server's listMessagesAfter limit: a full page means there may be more
const SEND_TIMEOUT_MS = 10_000;
const TYPING_THROTTLE_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
const AGENT_TYPING_TTL_MS = 6_000;

type MessageCache = {
  v: 1;
  sub: string | null;
  conversationId: string | null;
  resolved: boolean;
  queue: QueueEvent | null;
  syncedUpTo: number;
  lastSeenAgentId: number;
  receipts: AgentReceipts;
  messages: ServerMessage[];
};

// localStorage can throw (storage disabled, third-party iframe restrictions, quota): the widget then simply
// works without persistence.
const store = {
  get<T>(k: string): T | null {
    try {
      const v = window.localStorage.getItem(k);
      return v == null ? null : (JSON.parse(v) as T);
    } catch {
      return null;
    }
  },
  getRaw(k: string): string | null {
    try {
      return window.localStorage.getItem(k);
    } catch {
      return null;
    }
  },
  set(k: string, v: unknown) {
    try {
      window.localStorage.setItem(k, typeof v === 'string' ? v : JSON.stringify(v));
    } catch {
      /* ignore */
    }
  },
  remove(k: string) {
    try {
      window.localStorage.removeItem(k);
    } catch {
      /* ignore */
    }
  },
};

const fail = (code: string, message = code): Failure => ({ ok: false, error: { code, message } });

export class WidgetController {
  private listeners = new Set<() => void>();
  private snap: WidgetSnapshot;
  private view: { messages: ServerMessage[]; outbox: OutboxItem[]; receipts: AgentReceipts; result: ViewMessage[] } | null = null;

  // environment
  private framed = false;
  private parentOrigin: string | null = null; // only set when framed and the origin is trustworthy
  private parentOpen = true;
  private stopped = true;
  private runId = 0;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private cleanups: (() => void)[] = [];

  // session
  private locale: WidgetLocale = 'en';
  private localeChosen = false;
  private token: string | null = null;
  private sub: string | null = null;
  private customer: Customer | null = null;
  /** The shop customer id the current visitor token is bound to (a verified identity), if any. */
  private verifiedCustomerId: string | null = null;
  private identityRejected = false;
  private config: WidgetConfig | null = null;
  /** The admin console's preview (?preview=1): shows a draft config, talks to no server. */
  private preview = false;
  private contact: WidgetContact | null = null;
  private phase: WidgetSnapshot['phase'] = 'loading';
  private errorKind: ErrorKind | null = null;
  private sessionStarted = false;
  private sessionOk = false;
  private sessionInFlight = false;
  private sessionAgain = false;
  private sessionBackoff = 0;
  private authFailures = 0;
  private initTimer: ReturnType<typeof setTimeout> | null = null;

  // conversation
  private context: WidgetContext | null = null;
  private conversationId: string | null = null;
  private resolved = false;
  private started = false;
  private proactiveSent = false;
  private rateLimitedUntil = 0;
  private pendingPrechat: Prechat | null = null;
  private prechatError: string | null = null;
  private queue: QueueEvent | null = null;
  private messages: ServerMessage[] = [];
  private outbox: OutboxItem[] = [];
  private receipts: AgentReceipts = {};
  private syncedUpTo = 0;
  private lastSeenAgentId = 0;
  private seenBaselinePending = false;
  private postedUnread = -1;
  private agentTyping: { name: string | null } | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | null = null;

  // socket
  private socket: WidgetSocket | null = null;
  private socketToken: string | null = null;
  private live = false; // start + sync done on the current connection
  private connGen = 0;
  private reconnectAttempts = 0;
  private online = true;
  private pending = new Set<() => void>();
  private pumping = false;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private sendBackoff = 0;
  private flowBackoff = 0;
  private readSent = 0;
  private deliveredSent = 0;
  private typingOn = false;
  private typingSentAt = 0;
  private typingIdle: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly key: string) {
    this.snap = this.build(false);
  }

  // ---------------------------------------------------------------- store plumbing

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getSnapshot = () => this.snap;

  private notify() {
    this.snap = this.build(true);
    for (const fn of this.listeners) fn();
  }

  private build(booted: boolean): WidgetSnapshot {
    const cfg = this.config;
    const noReachability = !this.contact?.email && !this.contact?.phone;
    const prechatNeeded =
      !!cfg &&
      !!this.contact &&
      !this.conversationId &&
      !this.pendingPrechat &&
      this.outbox.length === 0 &&
      ((cfg.prechatEnabled && prechatAsks(cfg.prechatFields ?? ['name', 'phone', 'email'], this.contact, noReachability)) || (!cfg.isOnline && noReachability));
    return {
      booted,
      locale: this.locale,
      phase: this.phase,
      errorKind: this.errorKind,
      config: cfg,
      contact: this.contact,
      conversationId: this.conversationId,
      resolved: this.resolved,
      queue: this.queue,
      messages: this.viewMessages(),
      agentTyping: this.agentTyping,
      connection: this.connectionState(),
      context: this.context,
      showPrechat: prechatNeeded,
      prechatError: this.prechatError,
      framed: this.framed,
      visible: booted && this.isVisible(),
      upload: this.upload,
      uploadError: this.uploadError,
    };
  }

  /** Rebuilt only when the messages, the outbox or the receipts changed (all three are replaced, never mutated). */
  private viewMessages(): ViewMessage[] {
    const v = this.view;
    if (v && v.messages === this.messages && v.outbox === this.outbox && v.receipts === this.receipts) return v.result;
    const result = buildView(this.messages, this.outbox, this.receipts, v?.result);
    this.view = { messages: this.messages, outbox: this.outbox, receipts: this.receipts, result };
    return result;
  }

  private connectionState(): Connection {
    if (this.preview) return 'connected';
    if (!this.online) return 'offline';
    if (this.socket?.connected && this.live) return 'connected';
    // navigator.onLine says "online" on a captive or dead mobile network: after a few failed attempts, say so.
    return this.reconnectAttempts >= 3 ? 'offline' : 'connecting';
  }

  private k(name: string) {
    return `alap:${name}:${this.key}`;
  }

  private later(fn: () => void, ms: number) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(t);
    return t;
  }
  private cancel(t: ReturnType<typeof setTimeout> | null) {
    if (t) {
      clearTimeout(t);
      this.timers.delete(t);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Called from an effect. Deferred one tick so React StrictMode's mount/unmount/mount opens one session, not two. */
  start() {
    this.stopped = false;
    const run = ++this.runId;
    this.later(() => {
      if (run === this.runId) this.boot();
    }, 0);
  }

  stop() {
    this.stopped = true;
    this.runId++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.cleanups.splice(0)) c();
    this.rejectPending();
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.io.removeAllListeners();
      this.socket.disconnect();
      this.socket = null;
    }
    this.live = false;
    this.sessionStarted = false;
    this.sessionOk = false;
    this.sessionInFlight = false;
  }

  private boot() {
    const params = new URLSearchParams(window.location.search);
    this.framed = window.parent !== window;
    if (this.framed && params.get('preview') === '1') return this.bootPreview();
    this.parentOrigin = this.framed ? trustedParentOrigin(params.get('origin')) : null;

    const chosen = store.getRaw(this.k('locale'));
    const queryLocale = params.get('locale');
    this.localeChosen = isWidgetLocale(chosen);
    this.locale = isWidgetLocale(chosen) ? chosen : isWidgetLocale(queryLocale) ? queryLocale : localeFromNavigator(navigator.language);
    this.applyDocumentLocale();

    this.token = store.getRaw(this.k('token'));
    this.verifiedCustomerId = store.getRaw(this.k('cid'));
    this.config = store.get<WidgetConfig>(this.k('cfg'));
    if (this.config) this.phase = 'ready';
    this.loadCache();
    this.outbox = (store.get<OutboxItem[]>(this.k('outbox')) ?? []).filter((o) => o && typeof o.clientId === 'string' && typeof o.body === 'string');
    this.pendingPrechat = store.get<Prechat>(this.k('prechat'));
    if (this.outbox.length || this.pendingPrechat) this.started = true;
    this.online = navigator.onLine !== false;

    const on = <K extends keyof WindowEventMap>(t: K, fn: (e: WindowEventMap[K]) => void) => {
      window.addEventListener(t, fn);
      this.cleanups.push(() => window.removeEventListener(t, fn));
    };
    on('message', (e) => this.onParentMessage(e));
    on('storage', (e) => this.onStorage(e));
    on('online', () => this.onOnline());
    on('offline', () => this.onOffline());
    on('keydown', (e) => {
      if ((e.key === 'Escape' || e.key === 'Esc') && !e.isComposing) this.close();
    });
    const onVis = () => this.onVisibilityChange();
    document.addEventListener('visibilitychange', onVis);
    this.cleanups.push(() => document.removeEventListener('visibilitychange', onVis));

    if (this.parentOrigin) {
      // The loader answers alap:ready with alap:init (customer, context, open state). Until then the panel is
      // closed as far as we know, so nothing is marked read behind the customer's back.
      this.parentOpen = false;
      this.post({ type: 'alap:ready' });
      this.initTimer = this.later(() => void this.openSession(), 2_500);
    } else {
      this.parentOpen = true;
      void this.openSession();
    }
    this.notify();
  }

  /**
   * The admin console's live preview: framed by a page of this origin, which posts the draft settings
   * (`alap:preview`). No session, no socket, nothing stored; sending does nothing.
   */
  private bootPreview() {
    this.preview = true;
    this.parentOpen = true;
    this.contact = { name: null, email: null, phone: null, isVerified: false };
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent || e.origin !== window.location.origin) return;
      const m = e.data as { type?: unknown; config?: WidgetConfig; locale?: unknown } | null;
      if (!m || m.type !== 'alap:preview' || !m.config || typeof m.config !== 'object') return;
      this.config = m.config;
      if (isWidgetLocale(m.locale)) this.locale = m.locale;
      this.applyDocumentLocale();
      this.phase = 'ready';
      this.notify();
    };
    window.addEventListener('message', onMessage);
    this.cleanups.push(() => window.removeEventListener('message', onMessage));
    window.parent.postMessage({ type: 'alap:preview-ready' }, window.location.origin);
    this.notify();
  }

  private loadCache() {
    const c = store.get<MessageCache>(this.k('msgs'));
    if (!c || c.v !== 1 || !Array.isArray(c.messages)) {
      this.seenBaselinePending = true;
      return;
    }
    this.sub = c.sub;
    this.conversationId = c.conversationId;
    this.resolved = !!c.resolved;
    this.queue = c.queue ?? null;
    this.syncedUpTo = c.syncedUpTo || 0;
    this.lastSeenAgentId = c.lastSeenAgentId || 0;
    this.receipts = c.receipts ?? {};
    this.messages = mergeMessages([], c.messages);
    if (this.conversationId && !this.resolved) this.started = true;
  }

  private saveCache() {
    const cache: MessageCache = {
      v: 1,
      sub: this.sub,
      conversationId: this.conversationId,
      resolved: this.resolved,
      queue: this.queue,
      syncedUpTo: this.syncedUpTo,
      lastSeenAgentId: this.lastSeenAgentId,
      receipts: this.receipts,
      messages: this.messages.slice(-CACHE_LIMIT),
    };
    store.set(this.k('msgs'), cache);
  }

  private saveOutbox() {
    if (this.outbox.length) store.set(this.k('outbox'), this.outbox);
    else store.remove(this.k('outbox'));
  }

  /**
   * Another tab of the same shop wrote the outbox. Adopt what it queued: if that tab closes before flushing,
   * this one sends it. Sending an item twice is harmless (the server keeps each client id once).
   */
  private onStorage(e: StorageEvent) {
    if (e.key !== this.k('outbox') || !e.newValue) return;
    let theirs: OutboxItem[];
    try {
      theirs = JSON.parse(e.newValue) as OutboxItem[];
    } catch {
      return;
    }
    if (!Array.isArray(theirs)) return;
    const known = new Set([...this.outbox.map((o) => o.clientId), ...this.messages.map((m) => m.clientId)]);
    const adopted = theirs.filter((o) => o && typeof o.clientId === 'string' && typeof o.body === 'string' && !o.error && !known.has(o.clientId));
    if (adopted.length === 0) return;
    this.outbox = [...this.outbox, ...adopted].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.started = true;
    this.notify();
    void this.pump();
  }

  private resetConversationState() {
    this.messages = [];
    this.receipts = {};
    this.conversationId = null;
    this.resolved = false;
    this.queue = null;
    this.syncedUpTo = 0;
    this.lastSeenAgentId = 0;
    this.seenBaselinePending = true;
    this.started = this.outbox.length > 0 || !!this.pendingPrechat;
  }

  private applyDocumentLocale() {
    document.documentElement.lang = this.locale;
  }

  // ---------------------------------------------------------------- parent page bridge

  private post(msg: Record<string, unknown>) {
    if (!this.framed || !this.parentOrigin) return;
    try {
      window.parent.postMessage(msg, this.parentOrigin);
    } catch {
      /* parent gone */
    }
  }

  private onParentMessage(e: MessageEvent) {
    if (!this.parentOrigin || e.source !== window.parent || e.origin !== this.parentOrigin) return;
    const m = e.data as Record<string, unknown> | null;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'alap:init': {
        this.cancel(this.initTimer);
        if (!this.localeChosen && isWidgetLocale(m.locale)) {
          this.locale = m.locale;
          this.applyDocumentLocale();
        }
        this.parentOpen = m.open === true;
        this.setContext(sanitizeContext(m.context));
        this.setCustomer(sanitizeCustomer(m.customer));
        if (!this.sessionStarted) void this.openSession();
        this.afterMessages();
        this.notify();
        break;
      }
      case 'alap:context':
        this.setContext(sanitizeContext(m.context));
        this.notify();
        break;
      case 'alap:identify':
        this.setCustomer(sanitizeCustomer(m.customer));
        break;
      case 'alap:visibility':
        this.parentOpen = m.open === true;
        this.onVisibilityChange();
        break;
    }
  }

  private setContext(ctx: WidgetContext | null) {
    const changed = JSON.stringify(ctx) !== JSON.stringify(this.context);
    this.context = ctx;
    // start is idempotent; with a new context it re-attaches the conversation to what the customer now looks at.
    if (changed && ctx && this.conversationId && !this.resolved && this.live) void this.startConversation(this.connGen);
  }

  private setCustomer(next: Customer | null) {
    const prev = this.customer;
    this.customer = next;
    this.identityRejected = false;
    if (!this.sessionStarted) return;
    if (prev?.id !== next?.id || prev?.name !== next?.name || prev?.email !== next?.email || prev?.phone !== next?.phone || this.phase === 'error') {
      void this.openSession();
    }
  }

  /**
   * The visitor token belongs to a signed-in shop customer, but the shop now says nobody (or someone else) is
   * signed in: shared phones are common, so that customer's chats must leave this device.
   */
  private forgetVisitorIfSignedOut() {
    if (!this.verifiedCustomerId || this.verifiedCustomerId === (this.customer?.id ?? null)) return;
    this.token = null;
    this.verifiedCustomerId = null;
    for (const k of ['token', 'msgs', 'prechat', 'cid']) store.remove(this.k(k));
    this.outbox = [];
    this.saveOutbox();
    this.pendingPrechat = null;
    this.resetConversationState();
    this.sub = null;
    if (this.socket) {
      this.socket.disconnect(); // reconnects with the new token once the session answers
      this.live = false;
    }
    this.notify();
  }

  private isVisible() {
    return document.visibilityState === 'visible' && this.parentOpen;
  }

  private onVisibilityChange() {
    this.afterMessages();
    this.notify();
  }

  close() {
    this.post({ type: 'alap:close' });
  }

  // ---------------------------------------------------------------- session

  private async openSession() {
    if (this.stopped) return;
    this.sessionStarted = true;
    if (this.sessionInFlight) {
      this.sessionAgain = true;
      return;
    }
    this.sessionInFlight = true;
    this.forgetVisitorIfSignedOut();
    const run = this.runId;
    const identity = this.customer && !this.identityRejected ? this.customer : undefined;
    try {
      const s = await openWidgetSession({
        key: this.key,
        ...(this.token ? { token: this.token } : {}),
        locale: this.locale,
        ...(identity ? { identity } : {}),
      });
      if (run !== this.runId) return;
      this.sessionBackoff = 0;
      this.sessionOk = true;
      this.token = s.token;
      store.set(this.k('token'), s.token);
      const sub = tokenSubject(s.token);
      if (this.sub && sub && sub !== this.sub) {
        this.resetConversationState();
      }
      this.sub = sub;
      if (s.identityVerified && identity) {
        this.verifiedCustomerId = identity.id;
        store.set(this.k('cid'), identity.id);
      }
      this.config = s.config;
      store.set(this.k('cfg'), s.config);
      this.contact = s.contact;
      // A proactive message: the loader shows the greeting beside the closed launcher once the delay has passed
      // since the page loaded (once per browser session). Not to a customer already in a conversation.
      const delay = s.config.proactiveDelaySeconds;
      if (!this.proactiveSent && typeof delay === 'number' && !s.activeConversationId && !this.started) {
        this.proactiveSent = true;
        this.post({ type: 'alap:proactive', delayMs: delay * 1000, text: this.locale === 'bn' ? s.config.greetingBn : s.config.greetingEn });
      }
      if (s.activeConversationId) {
        if (s.activeConversationId !== this.conversationId) {
          this.conversationId = s.activeConversationId;
          this.syncedUpTo = 0;
          this.queue = null;
        }
        this.resolved = false;
        this.started = true;
      } else if (this.conversationId && !this.resolved) {
        // It was resolved while this page was away.
        this.markResolved();
      }
      this.phase = 'ready';
      this.errorKind = null;
      this.saveCache();
      this.notify();
      this.ensureSocket();
    } catch (e) {
      if (run !== this.runId) return;
      const code = e instanceof SessionError ? e.code : 'NETWORK';
      if (code === 'UNAUTHORIZED') {
        this.fatal('signin'); // verified-only widget: wait for alap:identify
      } else if (code === 'NOT_FOUND') {
        this.fatal('notfound');
      } else if (code === 'BAD_REQUEST' && identity) {
        this.identityRejected = true; // a malformed customer object from the shop should not block chatting
        this.later(() => void this.openSession(), 0);
      } else {
        if (code === 'TOO_MANY_REQUESTS') this.errorKind = 'ratelimit';
        else if (!this.config) this.errorKind = 'generic';
        if (!this.config) this.phase = 'error';
        this.sessionBackoff = Math.min(60_000, Math.max(2_000, this.sessionBackoff * 2));
        this.later(() => void this.openSession(), code === 'TOO_MANY_REQUESTS' ? 30_000 : this.sessionBackoff);
        this.notify();
      }
    } finally {
      if (run === this.runId) {
        this.sessionInFlight = false;
        if (this.sessionAgain) {
          this.sessionAgain = false;
          void this.openSession();
        }
      }
    }
  }

  private fatal(kind: ErrorKind) {
    this.phase = 'error';
    this.errorKind = kind;
    if (this.socket) {
      this.socket.disconnect();
      this.live = false;
    }
    this.notify();
  }

  /** "Try again" on the error screen. */
  retry() {
    this.sessionBackoff = 0;
    void this.openSession();
  }

  // ---------------------------------------------------------------- socket

  private ensureSocket() {
    if (!this.token || this.stopped) return;
    if (!this.socket) {
      const s: WidgetSocket = io({
        path: '/socket.io',
        auth: (cb) => cb({ visitorToken: this.token }),
        transports: ['websocket', 'polling'],
        tryAllTransports: true, // networks that block websockets fall back to long-polling
        reconnectionDelay: 1_000,
        reconnectionDelayMax: 10_000,
        timeout: 20_000, // 2G handshakes are slow
      });
      this.socket = s;
      this.socketToken = this.token;
      this.wire(s);
      return;
    }
    if (this.socketToken !== this.token) {
      // A different visitor token (identify, expired token): reconnect so the handshake authenticates anew.
      this.socketToken = this.token;
      this.socket.disconnect();
      this.socket.connect();
    } else if (!this.socket.connected && !this.socket.active && this.online) {
      this.socket.connect();
    }
  }

  private wire(s: WidgetSocket) {
    s.on('connect', () => {
      this.reconnectAttempts = 0;
      this.authFailures = 0;
      void this.onConnect();
    });
    s.on('disconnect', (reason) => {
      this.live = false;
      this.connGen++;
      this.rejectPending();
      this.typingOn = false;
      this.setAgentTyping(null);
      // The server closed us (deploy, kick, too many events): socket.io does not reconnect by itself in that case.
      const wait = Math.max(0, this.rateLimitedUntil - Date.now());
      if (reason === 'io server disconnect') this.later(() => this.socket?.connect(), wait + 1_000 + Math.random() * 2_000);
      this.notify();
    });
    s.on('rate:limited', (e) => {
      this.rateLimitedUntil = Date.now() + Math.min(600, Math.max(1, Number(e?.retryAfterSeconds) || 10)) * 1000;
    });
    s.on('connect_error', (err) => {
      if (s.active) return; // transport trouble: the manager retries with backoff
      this.reconnectAttempts++;
      if (err.message === 'UNAUTHORIZED' && this.authFailures++ < 2) {
        // Expired or foreign token: a fresh session re-issues one (the server ignores an invalid token).
        this.token = null;
        store.remove(this.k('token'));
        void this.openSession();
      } else {
        this.later(() => this.socket?.connect(), Math.min(30_000, 2_000 * 2 ** Math.min(this.reconnectAttempts, 4)));
      }
      this.notify();
    });
    s.io.on('reconnect_attempt', (n) => {
      this.reconnectAttempts = n;
      this.notify();
    });
    s.on('message:new', (m) => this.onIncoming(m as ServerMessage));
    s.on('receipt', (e) => this.onReceipt(e));
    s.on('typing', (e) => this.onTyping(e));
    s.on('queue', (e) => this.onQueue(e));
    s.on('message:hidden', (e) => this.onHidden(e));
  }

  private rejectPending() {
    for (const cancel of [...this.pending]) cancel();
    this.pending.clear();
  }

  private request<T>(event: 'conversation:start' | 'conversation:sync' | 'message:send' | 'csat:submit', payload: unknown, ms: number): Promise<Ack<T> | Failure> {
    const s = this.socket;
    if (!s || !s.connected) return Promise.resolve(fail('DISCONNECTED'));
    return new Promise((resolve) => {
      let done = false;
      const finish = (a: Ack<T> | Failure) => {
        if (done) return;
        done = true;
        this.pending.delete(cancel);
        resolve(a);
      };
      const cancel = () => finish(fail('DISCONNECTED'));
      this.pending.add(cancel);
      const emitter = s.timeout(ms) as unknown as { emit: (ev: string, p: unknown, cb: (err: Error | null, ack?: Ack<T>) => void) => void };
      emitter.emit(event, payload, (err, ack) => {
        if (err) finish(s.connected ? fail('TIMEOUT') : fail('DISCONNECTED'));
        else finish(ack && typeof ack === 'object' && 'ok' in ack ? ack : fail('INTERNAL'));
      });
    });
  }

  /** On every (re)connect: start (idempotent) → sync what was missed → flush the outbox in order. */
  private async onConnect() {
    const gen = ++this.connGen;
    this.live = false;
    this.readSent = 0;
    this.deliveredSent = 0;
    let ok = true;
    if (this.conversationId && this.resolved) {
      // Do not call start for a resolved conversation: it would open a new, empty one.
      ok = await this.sync(gen);
    } else if (this.conversationId || this.started) {
      ok = (await this.startConversation(gen)) && (await this.sync(gen));
    }
    if (gen !== this.connGen || !this.socket?.connected) return;
    if (!ok) {
      this.flowBackoff = Math.min(30_000, Math.max(1_500, this.flowBackoff * 2));
      this.later(() => {
        if (gen === this.connGen && this.socket?.connected) void this.onConnect();
      }, this.flowBackoff);
      return;
    }
    this.flowBackoff = 0;
    this.live = true;
    this.notify();
    this.afterMessages();
    void this.pump();
  }

  private async startConversation(gen: number): Promise<boolean> {
    const prechat = this.pendingPrechat;
    const payload = {
      locale: this.locale,
      ...(this.conversationId ? { conversationId: this.conversationId } : {}),
      ...(this.context ? { context: this.context } : {}),
      ...(prechat ? { prechat } : {}),
    };
    const ack = await this.request<QueueEvent>('conversation:start', payload, 15_000);
    if (gen !== this.connGen) return false;
    if (!ack.ok) {
      if (ack.error.code === 'BAD_REQUEST') {
        if (prechat) {
          // The form passed our checks but not the server's: show it again with the reason.
          this.pendingPrechat = null;
          store.remove(this.k('prechat'));
          this.prechatError = ack.error.message;
          this.started = this.outbox.length > 0 || !!this.conversationId;
          this.notify();
          return !this.started;
        }
        if (this.context) {
          this.context = null;
          return this.startConversation(gen);
        }
      }
      return false;
    }
    const q = ack.data;
    if (q.conversationId !== this.conversationId) this.syncedUpTo = 0;
    this.conversationId = q.conversationId;
    this.started = true;
    if (prechat && this.pendingPrechat === prechat) {
      this.pendingPrechat = null;
      store.remove(this.k('prechat'));
      this.contact = {
        name: prechat.name ?? this.contact?.name ?? null,
        email: prechat.email ?? this.contact?.email ?? null,
        phone: prechat.phone ?? this.contact?.phone ?? null,
        isVerified: this.contact?.isVerified ?? false,
      };
    }
    this.applyQueue(q);
    return true;
  }

  private async sync(gen: number): Promise<boolean> {
    const conversationId = this.conversationId;
    if (!conversationId) return true;
    let after = this.syncedUpTo;
    for (let page = 0; page < 50; page++) {
      const ack = await this.request<{ messages: ServerMessage[]; receipts: ReceiptEvent }>('conversation:sync', { conversationId, afterId: after }, 20_000);
      if (gen !== this.connGen) return false;
      if (conversationId !== this.conversationId) return true;
      if (!ack.ok) {
        if (ack.error.code === 'NOT_FOUND') {
          // Not this visitor's conversation (stale cache): forget it.
          this.messages = this.messages.filter((m) => m.conversationId !== conversationId);
          this.conversationId = null;
          this.resolved = false;
          this.queue = null;
          this.syncedUpTo = 0;
          this.saveCache();
          this.notify();
          return true;
        }
        return false;
      }
      const { messages, receipts } = ack.data;
      this.absorb(messages);
      if (receipts?.side === 'agent') this.receipts = advanceReceipts(this.receipts, conversationId, receipts.deliveredUpTo, receipts.readUpTo);
      for (const m of messages) if (m.id > after) after = m.id;
      this.syncedUpTo = Math.max(this.syncedUpTo, after);
      if (messages.length < SYNC_PAGE) break;
    }
    if (this.seenBaselinePending) {
      // First load on this device: old replies are history, not unread news.
      this.seenBaselinePending = false;
      for (const m of this.messages) if (m.senderType === 'agent' && m.id > this.lastSeenAgentId) this.lastSeenAgentId = m.id;
    }
    this.saveCache();
    this.notify();
    return true;
  }

  /** Merges server messages and drops the outbox entries they confirm. */
  private absorb(list: ServerMessage[]) {
    this.messages = mergeMessages(this.messages, list);
    const left = reconcileOutbox(this.outbox, list);
    if (left !== this.outbox) {
      this.outbox = left;
      this.saveOutbox();
    }
  }

  private onIncoming(m: ServerMessage) {
    if (!m || typeof m.id !== 'number' || m.kind === 'note') return;
    this.absorb([m]);
    // Live events after a completed sync are contiguous for this connection, so they move the watermark.
    if (this.live && m.conversationId === this.conversationId && m.id > this.syncedUpTo) this.syncedUpTo = m.id;
    if (m.senderType === 'agent') this.setAgentTyping(null);
    this.saveCache();
    this.notify();
    this.afterMessages();
  }

  /** The platform hid a message: only a placeholder stays (also in the cache). */
  private onHidden(e: { conversationId: string; messageId: number; hiddenAt: string }) {
    if (!e || typeof e.messageId !== 'number') return;
    let changed = false;
    this.messages = this.messages.map((m) => {
      if (m.id !== e.messageId) return m;
      changed = true;
      return { ...m, body: '', card: null, hidden: { at: e.hiddenAt, reason: null } };
    });
    if (!changed) return;
    this.saveCache();
    this.notify();
  }

  private onReceipt(e: ReceiptEvent) {
    if (!e || e.side !== 'agent') return;
    const next = advanceReceipts(this.receipts, e.conversationId, e.deliveredUpTo, e.readUpTo);
    if (next === this.receipts) return;
    this.receipts = next;
    this.saveCache();
    this.notify();
  }

  private onTyping(e: TypingEvent) {
    if (!e || e.side !== 'agent' || e.conversationId !== this.conversationId) return;
    this.setAgentTyping(e.isTyping ? { name: e.name } : null);
    this.notify();
  }

  private setAgentTyping(v: { name: string | null } | null) {
    this.agentTyping = v;
    this.cancel(this.agentTypingTimer);
    this.agentTypingTimer = null;
    if (v) {
      this.agentTypingTimer = this.later(() => {
        this.agentTyping = null;
        this.notify();
      }, AGENT_TYPING_TTL_MS);
    }
  }

  private onQueue(e: QueueEvent) {
    if (!e || e.conversationId !== this.conversationId) return;
    this.applyQueue(e);
  }

  private applyQueue(q: QueueEvent) {
    this.queue = q;
    if (q.status === 'resolved') {
      this.resolved = true;
      this.setAgentTyping(null);
      this.stopTyping();
    } else {
      this.resolved = false;
    }
    this.saveCache();
    this.notify();
    if (!this.resolved && this.outbox.some((o) => !o.error)) void this.pump();
  }

  private markResolved() {
    this.resolved = true;
    this.queue = {
      conversationId: this.conversationId!,
      status: 'resolved',
      position: null,
      assigneeName: this.queue?.assigneeName ?? null,
      assigneeAvatarUrl: this.queue?.assigneeAvatarUrl ?? null,
    };
  }

  /** Read/delivered receipts for agent replies, and the unread badge on the parent's launcher. */
  private afterMessages() {
    const conv = this.conversationId;
    let maxAgentConv = 0;
    let maxAgentAll = 0;
    for (const m of this.messages) {
      if (m.senderType !== 'agent') continue;
      if (m.id > maxAgentAll) maxAgentAll = m.id;
      if (m.conversationId === conv && m.id > maxAgentConv) maxAgentConv = m.id;
    }
    const visible = this.isVisible();
    const canEmit = this.live && !!this.socket?.connected && !!conv;
    if (visible) {
      if (canEmit && maxAgentConv > this.readSent) {
        this.socket!.emit('receipt', { conversationId: conv, upToId: maxAgentConv, kind: 'read' });
        this.readSent = this.deliveredSent = maxAgentConv;
      }
      if (maxAgentAll > this.lastSeenAgentId) {
        this.lastSeenAgentId = maxAgentAll;
        this.saveCache();
      }
    } else if (canEmit && maxAgentConv > this.deliveredSent) {
      this.socket!.emit('receipt', { conversationId: conv, upToId: maxAgentConv, kind: 'delivered' });
      this.deliveredSent = maxAgentConv;
    }
    let unread = 0;
    for (const m of this.messages) if (m.senderType === 'agent' && m.id > this.lastSeenAgentId) unread++;
    if (unread !== this.postedUnread) {
      this.postedUnread = unread;
      this.post({ type: 'alap:unread', count: unread });
    }
  }

  // ---------------------------------------------------------------- connectivity

  private onOffline() {
    this.online = false;
    // A phone that lost its network keeps a dead websocket "open" until the ping timeout (~40 s); drop it now
    // so new messages wait in the outbox instead of being written into the void.
    if (this.socket?.connected || this.socket?.active) this.socket.disconnect();
    this.notify();
  }

  private onOnline() {
    this.online = true;
    this.reconnectAttempts = 0;
    if (!this.sessionOk || !this.token) void this.openSession();
    else if (this.socket && !this.socket.connected) this.socket.connect();
    else this.ensureSocket();
    this.notify();
  }

  // ---------------------------------------------------------------- sending

  private upload: { name: string; progress: number } | null = null;
  private uploadError: string | null = null;

  /** Sends a file to the current conversation; it arrives as a message once the server has checked and scanned it. */
  async sendFile(file: File) {
    if (!this.conversationId || !this.token || this.upload) return;
    this.upload = { name: file.name, progress: 0 };
    this.uploadError = null;
    this.notify();
    const r = await uploadFile({
      conversationId: this.conversationId,
      clientId: newClientId(),
      file,
      bearer: this.token,
      onProgress: (p) => {
        if (this.upload) this.upload = { ...this.upload, progress: p };
        this.notify();
      },
    });
    this.upload = null;
    // Known refusals in the customer's language; anything else as the server put it.
    if (!r.ok) this.uploadError = r.reason ? widgetDictionaries[this.locale].uploadFailed[r.reason] : r.message;
    this.notify();
  }

  dismissUploadError() {
    this.uploadError = null;
    this.notify();
  }

  /** Queues a message; returns false when it is empty or too long (the composer keeps the text then). */
  send(text: string): boolean {
    if (this.preview) return false;
    const body = normalizeBody(text);
    if (!body) return false;
    this.stopTyping();
    const item: OutboxItem = { clientId: newClientId(), body, createdAt: new Date().toISOString() };
    this.outbox = [...this.outbox, item];
    this.saveOutbox(); // before the emit: a reload or crash right now must not lose it
    this.started = true;
    this.prechatError = null;
    this.notify();
    void this.pump();
    return true;
  }

  retrySend(clientId: string) {
    this.outbox = this.outbox.map((o) => (o.clientId === clientId ? { clientId: o.clientId, body: o.body, createdAt: o.createdAt } : o));
    this.saveOutbox();
    this.notify();
    void this.pump();
  }

  deleteFailed(clientId: string) {
    this.outbox = this.outbox.filter((o) => o.clientId !== clientId);
    this.saveOutbox();
    this.notify();
  }

  private schedulePump(ms?: number) {
    this.sendBackoff = Math.min(30_000, Math.max(1_000, this.sendBackoff * 2));
    this.cancel(this.pumpTimer);
    this.pumpTimer = this.later(() => void this.pump(), ms ?? this.sendBackoff);
  }

  /** Sends the outbox one message at a time, awaiting each ack, so the conversation keeps the typed order. */
  private async pump() {
    if (this.pumping) return;
    this.pumping = true;
    let restarts = 0;
    try {
      while (!this.stopped && this.live && this.socket?.connected) {
        const item = this.outbox.find((o) => !o.error);
        if (item && this.resolved) {
          // Typed for a conversation that has since been resolved: these open a new one.
          this.conversationId = null;
          this.resolved = false;
          this.queue = null;
        }
        if (!this.conversationId && (item || this.pendingPrechat || this.started)) {
          if (restarts++ > 2 || !(await this.startConversation(this.connGen))) {
            if (this.live) this.schedulePump();
            break;
          }
          this.notify();
          continue;
        }
        if (!item || !this.conversationId) break;
        const ack = await this.request<ServerMessage>(
          'message:send',
          { conversationId: this.conversationId, clientId: item.clientId, body: item.body },
          SEND_TIMEOUT_MS,
        );
        if (ack.ok) {
          this.sendBackoff = 0;
          this.outbox = this.outbox.filter((o) => o.clientId !== item.clientId);
          this.saveOutbox();
          this.absorb([ack.data]);
          this.saveCache();
          this.notify();
          continue;
        }
        const { code } = ack.error;
        if (code === 'BAD_REQUEST' || code === 'PAYLOAD_TOO_LARGE' || code === 'FORBIDDEN') {
          this.outbox = this.outbox.map((o) => (o.clientId === item.clientId ? { ...o, error: ack.error } : o));
          this.saveOutbox();
          this.notify();
          continue;
        }
        if (code === 'NOT_FOUND') {
          this.conversationId = null; // gone or not ours: start again
          this.syncedUpTo = 0;
          continue;
        }
        if (code === 'DISCONNECTED') break; // onConnect flushes again
        // TOO_MANY_REQUESTS, TIMEOUT, INTERNAL: the same message again after a pause (its client id makes it safe).
        this.schedulePump(code === 'TOO_MANY_REQUESTS' ? 5_000 + Math.random() * 2_000 : undefined);
        break;
      }
    } finally {
      this.pumping = false;
    }
  }

  // ---------------------------------------------------------------- pre-chat, typing, misc

  submitPrechat(p: Prechat) {
    if (this.preview) return;
    this.pendingPrechat = p;
    this.prechatError = null;
    store.set(this.k('prechat'), p);
    this.started = true;
    this.notify();
    if (this.live) void this.pump();
  }

  /**
   * Rates the resolved conversation (1–5, optional comment). Resolves to null on success (the server's queue
   * event then carries the rating, so the stars give way to a thank-you) or to an error code.
   */
  async submitCsat(rating: number, comment: string): Promise<string | null> {
    if (!this.conversationId || !this.resolved) return 'CONFLICT';
    const ack = await this.request<QueueEvent>('csat:submit', { conversationId: this.conversationId, rating, comment: comment || undefined }, SEND_TIMEOUT_MS);
    if (!ack.ok) return ack.error.code;
    this.applyQueue(ack.data);
    return null;
  }

  /** After "Start a new conversation": the next message opens a fresh one. */
  startNewConversation() {
    this.conversationId = null;
    this.resolved = false;
    this.queue = null;
    this.started = false;
    this.syncedUpTo = 0;
    this.saveCache();
    this.notify();
  }

  setLocale(l: WidgetLocale) {
    if (this.preview) return;
    this.locale = l;
    this.localeChosen = true;
    store.set(this.k('locale'), l);
    this.applyDocumentLocale();
    this.notify();
  }

  /** Composer input: typing on at most every 2 s, off after 3 s idle. */
  onDraftChange(text: string) {
    if (!text.trim()) return this.stopTyping();
    const conv = this.conversationId;
    if (!conv || this.resolved || !this.live || !this.socket?.connected) return;
    const now = Date.now();
    if (!this.typingOn || now - this.typingSentAt >= TYPING_THROTTLE_MS) {
      this.socket.volatile.emit('typing', { conversationId: conv, isTyping: true });
      this.typingOn = true;
      this.typingSentAt = now;
    }
    this.cancel(this.typingIdle);
    this.typingIdle = this.later(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping() {
    this.cancel(this.typingIdle);
    this.typingIdle = null;
    if (!this.typingOn) return;
    this.typingOn = false;
    if (this.conversationId && this.socket?.connected) this.socket.volatile.emit('typing', { conversationId: this.conversationId, isTyping: false });
  }
}

/**
 * The origin the loader says it runs on, when we can believe it. Where the browser tells us the embedding
 * origin (location.ancestorOrigins, Chromium/WebKit), a mismatch means someone passed a false origin.
 */
function trustedParentOrigin(param: string | null): string | null {
  if (!param || param === 'null') return null;
  let origin: string;
  try {
    origin = new URL(param).origin;
  } catch {
    return null;
  }
  if (origin === 'null') return null;
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const direct = ancestors && ancestors.length > 0 ? ancestors[0] : null;
  if (direct && direct !== 'null' && direct !== origin) return null;
  return origin;
}
