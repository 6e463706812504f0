import type { Db } from '@/db/client';
import type { ReportingEventName } from '@/db/schema';
import type { MessageAnnotation } from '@/lib/contracts/ai';
import type { ConversationSummary, MessageDto } from '@/lib/contracts/chat';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import { businessSecondsBetween } from '@/server/sla/business-time';
import type { SlaService } from '@/server/sla/sla.service';
import * as q from './reporting.queries';

/** What reporting remembers of a conversation between events (rebuilt from reporting_events after a restart). */
type Facts = {
  status: ConversationSummary['status'];
  teamId: string | null;
  assigneeId: string | null;
  vendorId: string | null;
  channel: string | null;
  responded: boolean;
  intent: string | null;
  lang: string | null;
  sentiment: string | null;
  // The customer's oldest message still waiting for an answer; undefined: not known in memory (ask the database).
  awaitingSince: Date | null | undefined;
};

export type ReportingOptions = {
  // Events are written in batches after this quiet window (they never hold up a message's delivery).
  flushMs?: number;
  now?: () => Date;
};

const MAX_REMEMBERED = 20_000;

/**
 * Writes reporting events when things happen (server/reporting, table reporting_events): a conversation starts,
 * the models read it, it is assigned, answered for the first time, replied to, resolved, reopened, transferred,
 * warned or breached by its SLA, rated. Durations are computed here, in wall-clock seconds and in business
 * seconds of the team's calendar, so reports only add rows up. Writing happens in batches, after delivery.
 */
export class ReportingService {
  private facts = new Map<string, Facts>();
  private chains = new Map<string, Promise<unknown>>();
  private buffer: q.ReportingEventRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private offs: (() => void)[] = [];
  private now: () => Date;

  constructor(
    private db: Db,
    private bus: EventBus,
    private sla: SlaService,
    private opts: ReportingOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  start() {
    const b = this.bus;
    this.offs.push(
      b.on('conversation.created', ({ workspaceId, conversation }) => this.track(conversation.id, () => this.onCreated(workspaceId, conversation))),
      b.on('conversation.updated', ({ workspaceId, conversation }) => this.track(conversation.id, () => this.onUpdated(workspaceId, conversation))),
      b.on('message.created', ({ workspaceId, conversation, message }) => {
        if (message.kind !== 'text' || message.senderType === 'system') return;
        this.track(conversation.id, () => this.onMessage(workspaceId, conversation, message));
      }),
      b.on('messages.annotated', ({ items }) => {
        for (const it of items) this.track(it.conversationId, () => this.onAnnotated(it.workspaceId, it.conversationId, it.vendorId, it.annotation, it.at ? new Date(it.at) : undefined));
      }),
      b.on('csat.submitted', ({ workspaceId, conversation, rating }) =>
        this.track(conversation.id, async () => this.push(workspaceId, conversation, await this.factsOf(conversation), 'csat', { value: rating })),
      ),
      b.on('sla.warning', ({ workspaceId, conversation, kind }) =>
        this.track(conversation.id, async () => this.push(workspaceId, conversation, await this.factsOf(conversation), 'sla_warning', { detail: kind })),
      ),
      b.on('sla.settled', ({ workspaceId, conversation, kind, met, businessSeconds, wallSeconds, at }) =>
        this.track(conversation.id, async () =>
          this.push(workspaceId, conversation, await this.factsOf(conversation), met ? 'sla_met' : 'sla_missed', { detail: kind, businessSeconds, wallSeconds, at }),
        ),
      ),
      b.on('sla.breached', ({ workspaceId, conversation, kind }) =>
        this.track(conversation.id, async () => this.push(workspaceId, conversation, await this.factsOf(conversation), 'sla_breach', { detail: kind })),
      ),
    );
  }

  /** Writes what is buffered and waits for every event seen so far (tests, shutdown). */
  async flush() {
    await Promise.all([...this.chains.values()]);
    await this.write();
  }

  async stop() {
    for (const off of this.offs.splice(0)) off();
    await this.flush();
  }

  // Events of one conversation are handled in order; different conversations in parallel.
  private track(conversationId: string, fn: () => Promise<void> | void) {
    const prev = this.chains.get(conversationId) ?? Promise.resolve();
    const next = prev
      .then(fn)
      .catch((e) => logger.warn('reporting.event', { conversationId, error: errorText(e) }))
      .finally(() => {
        if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
      });
    this.chains.set(conversationId, next);
  }

  private remember(id: string, f: Facts) {
    this.facts.delete(id);
    this.facts.set(id, f);
    if (this.facts.size > MAX_REMEMBERED) this.facts.delete(this.facts.keys().next().value!);
    return f;
  }

  private async factsOf(c: ConversationSummary): Promise<Facts> {
    const known = this.facts.get(c.id);
    if (known) return known;
    const rows = await q.loadConversationFacts(this.db, c.id);
    const latest = rows[0];
    const lastStatus = rows.find((r) => r.name === 'resolved' || r.name === 'reopened' || r.name === 'conversation_created');
    const classified = rows.find((r) => r.name === 'classified');
    return this.remember(c.id, {
      // Nothing recorded yet (a conversation from before reporting): take it as it is now.
      status: lastStatus ? (lastStatus.name === 'resolved' ? 'resolved' : 'open') : c.status,
      teamId: latest ? latest.teamId : c.teamId,
      assigneeId: latest ? latest.agentId : c.assigneeId,
      vendorId: latest ? latest.vendorId : c.vendorId,
      channel: latest ? latest.channel : c.channel,
      responded: rows.some((r) => r.name === 'first_response'),
      intent: classified?.intent ?? null,
      lang: classified?.lang ?? null,
      sentiment: rows.find((r) => r.name === 'sentiment')?.detail ?? null,
      awaitingSince: undefined,
    });
  }

  private push(
    workspaceId: string,
    c: Pick<ConversationSummary, 'id' | 'teamId' | 'assigneeId' | 'vendorId' | 'channel'> | { id: string; teamId: string | null; assigneeId: string | null; vendorId: string | null; channel: string | null },
    f: Facts,
    name: ReportingEventName,
    v: { at?: Date; agentId?: string | null; wallSeconds?: number; businessSeconds?: number; value?: number; detail?: string; intent?: string | null; lang?: string | null } = {},
  ) {
    this.buffer.push({
      workspaceId,
      conversationId: c.id,
      name,
      at: v.at ?? this.now(),
      agentId: v.agentId !== undefined ? v.agentId : c.assigneeId,
      teamId: c.teamId,
      vendorId: c.vendorId,
      channel: c.channel,
      intent: v.intent !== undefined ? v.intent : f.intent,
      lang: v.lang !== undefined ? v.lang : f.lang,
      wallSeconds: v.wallSeconds ?? null,
      businessSeconds: v.businessSeconds ?? null,
      value: v.value ?? null,
      detail: v.detail ?? null,
    });
    this.schedule();
  }

  private schedule() {
    if (this.buffer.length >= 500) {
      void this.write();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, this.opts.flushMs ?? 200);
    this.timer.unref?.();
  }

  private write(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const rows = this.buffer.splice(0);
    if (!rows.length) return this.flushing;
    this.flushing = this.flushing.then(async () => {
      try {
        await q.insertEvents(this.db, rows);
        this.bus.emit('reporting.recorded', { workspaceIds: [...new Set(rows.map((r) => r.workspaceId))], names: [...new Set(rows.map((r) => r.name))] });
      } catch (e) {
        logger.warn('reporting.write', { rows: rows.length, error: errorText(e) });
      }
    });
    return this.flushing;
  }

  private async durations(workspaceId: string, teamId: string | null, from: Date, to: Date) {
    const cal = await this.sla.calendarOf(workspaceId, teamId);
    const wallSeconds = Math.max(0, (to.getTime() - from.getTime()) / 1000);
    return { wallSeconds, businessSeconds: businessSecondsBetween(cal, from, to) };
  }

  private onCreated(workspaceId: string, c: ConversationSummary) {
    const f = this.remember(c.id, { status: c.status, teamId: c.teamId, assigneeId: c.assigneeId, vendorId: c.vendorId, channel: c.channel, responded: false, intent: null, lang: null, sentiment: null, awaitingSince: null });
    this.push(workspaceId, c, f, 'conversation_created', { at: new Date(c.createdAt) });
    if (c.assigneeId) this.push(workspaceId, c, f, 'assigned', { wallSeconds: 0, businessSeconds: 0 });
  }

  private async onUpdated(workspaceId: string, c: ConversationSummary) {
    const f = await this.factsOf(c);
    const at = this.now();
    if (c.teamId && c.teamId !== f.teamId) {
      this.push(workspaceId, c, f, 'transfer', { detail: f.teamId ?? 'none' });
    }
    if (c.assigneeId && c.assigneeId !== f.assigneeId) {
      // Time since the conversation started: for a first assignment, how long the customer waited in line.
      this.push(workspaceId, c, f, 'assigned', await this.durations(workspaceId, c.teamId, new Date(c.createdAt), at));
    }
    if (c.status === 'resolved' && f.status !== 'resolved') {
      this.push(workspaceId, c, f, 'resolved', await this.durations(workspaceId, c.teamId, new Date(c.createdAt), at));
    } else if (c.status !== 'resolved' && f.status === 'resolved') {
      this.push(workspaceId, c, f, 'reopened');
    }
    Object.assign(f, { status: c.status, teamId: c.teamId, assigneeId: c.assigneeId, vendorId: c.vendorId, channel: c.channel });
  }

  private async onMessage(workspaceId: string, c: ConversationSummary, m: MessageDto) {
    const f = await this.factsOf(c);
    const at = new Date(m.createdAt);
    if (m.senderType === 'contact') {
      if (f.awaitingSince === null) f.awaitingSince = at;
      return;
    }
    // A staff member's message to the customer (notes do not answer anyone).
    if (!f.responded) {
      f.responded = true;
      f.awaitingSince = null;
      this.push(workspaceId, c, f, 'first_response', { at, agentId: m.senderId, ...(await this.durations(workspaceId, c.teamId, new Date(c.createdAt), at)) });
      return;
    }
    const since = f.awaitingSince === undefined ? await q.oldestUnansweredAt(this.db, c.id, m.id) : f.awaitingSince;
    f.awaitingSince = null;
    if (since) this.push(workspaceId, c, f, 'reply', { at, agentId: m.senderId, ...(await this.durations(workspaceId, c.teamId, since, at)) });
  }

  private async onAnnotated(workspaceId: string, conversationId: string, vendorId: string | null, a: MessageAnnotation, at?: Date) {
    const f = this.facts.get(conversationId) ?? (await this.factsOf({ id: conversationId, status: 'open', teamId: null, assigneeId: null, vendorId, channel: null } as unknown as ConversationSummary));
    const conv = { id: conversationId, teamId: f.teamId, assigneeId: f.assigneeId, vendorId, channel: f.channel };
    if (!f.intent) {
      f.intent = a.intent;
      f.lang = a.lang;
      this.push(workspaceId, conv, f, 'classified', { at, detail: a.sentiment, value: a.intentConfidence });
    }
    if (f.sentiment !== a.sentiment) {
      f.sentiment = a.sentiment;
      this.push(workspaceId, conv, f, 'sentiment', { at, detail: a.sentiment, value: a.sentimentScores.positive - a.sentimentScores.negative });
    }
  }
}
