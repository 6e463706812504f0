import type { AiStatus, MessageAnalysis } from '@/lib/contracts/ai';
import type { ChatService } from '@/server/chat/chat.service';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import { planIntentRoute } from '@/server/routing/intent-routing';
import { assessEscalation, DEFAULT_ESCALATION_RULES, type EscalationRules, raisePriority } from './escalation';
import { DEFAULT_TEAM_MAP, type TeamMap, teamFor } from './team-map';

export type AiActionOptions = {
  teamMap: TeamMap;
  // Under load the models yield to live traffic: while customer messages arrive at deferAbovePerSecond or more,
  // only readings that routing needs now (a conversation's first messages) are taken; the rest wait for a quiet
  // moment, at most maxDeferMs, then go in order. 0 turns this off.
  pacing?: { deferAbovePerSecond: number; maxDeferMs: number };
  // Intent routing moves a conversation only on a reading at least this confident; below → the general queue.
  routingMinConfidence: number;
  escalation: EscalationRules;
};

export const DEFAULT_PACING = { deferAbovePerSecond: 200, maxDeferMs: 30_000 };
export const DEFAULT_AI_ACTIONS: AiActionOptions = { teamMap: DEFAULT_TEAM_MAP, routingMinConfidence: 0.6, escalation: DEFAULT_ESCALATION_RULES, pacing: DEFAULT_PACING };
// While readings wait for a quiet moment, how often the drain loop looks again.
const DEFER_POLL_MS = 100;
// How many of a conversation's first customer messages intent routing looks at.
const ROUTING_MESSAGES = 3;
const ANNOTATE_WINDOW_MS = 20;
const MAX_BATCH = 64;
// Readings waiting for the models. A burst above what they keep up with (about 1,600 messages/s on 2 cores)
// queues; past this many, new messages are left for the catch-up pass instead of growing the queue (and the
// delay of every later reading) without bound.
const MAX_QUEUE = 20_000;

type Classify = (texts: unknown[]) => Promise<(MessageAnalysis | Error)[]>;
// urgent: routing needs this reading now (one of the conversation's first messages); queuedAt: when it was queued.
type Pending = { workspaceId: string; vendorId: string | null; conversationId: string; messageId: number; body: string; urgent: boolean; queuedAt: number };

/**
 * Annotates every customer message after it was delivered: language, sentiment and intent from the models on
 * the worker process, stored and pushed to the desk. Messages that arrive together are classified as one batch.
 * Without models (missing, failed to load) the desk works as before and /api/health says why.
 */
export class AiService {
  private classify: Classify | null = null;
  private state: AiStatus = { status: 'starting' };
  private queue: Pending[] = [];
  // Messages not queued because the queue was full (their ids, up to MAX_QUEUE × 5); read by a catch-up pass
  // once the queue has drained. Beyond that, the start-up backfill reads them.
  private skipped: number[] = [];
  private lastSkipLog = 0;
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  // Conversations intent routing is done with (answered, routed, vendor-owned, past the first messages).
  private routingSettled = new Set<string>();
  // Conversations flagged already, remembered for a minute (a supervisor clearing the flag on this node removes
  // them at once via conversation.updated; on another node, the minute runs out).
  private escalated = new Map<string, number>();
  private offUpdated: (() => void) | null = null;
  // Customer messages seen per conversation (up to ROUTING_MESSAGES), and arrivals in this and the last second.
  private seen = new Map<string, number>();
  private arrivals = { second: 0, count: 0, previous: 0 };

  constructor(
    private bus: EventBus,
    private chat: ChatService,
    private actions: AiActionOptions = DEFAULT_AI_ACTIONS,
    private maxQueue = MAX_QUEUE,
  ) {}

  get status(): AiStatus {
    return this.state;
  }

  /** Starts annotating with this classifier (AiClient.classify on the worker). */
  attach(classify: Classify) {
    this.classify = classify;
    this.state = { status: 'ready' };
    this.offUpdated ??= this.bus.on('conversation.updated', ({ conversation }) => {
      if (!conversation.escalatedAt) this.escalated.delete(conversation.id);
    });
    this.unsubscribe ??= this.bus.on('message.created', ({ workspaceId, conversation, message }) => {
      // A shared file's message holds only its name: nothing for the models to read.
      if (message.senderType !== 'contact' || message.kind !== 'text' || message.attachment) return;
      this.countArrival();
      if (this.queue.length >= this.maxQueue) {
        if (this.skipped.length < this.maxQueue * 5) this.skipped.push(message.id);
        if (Date.now() - this.lastSkipLog > 60_000) {
          this.lastSkipLog = Date.now();
          logger.warn('ai.overloaded', { queued: this.queue.length, skipped: this.skipped.length });
        }
        return;
      }
      const seen = this.seen.get(message.conversationId) ?? 0;
      if (seen < ROUTING_MESSAGES) {
        if (this.seen.size >= 50_000) this.seen.clear();
        this.seen.set(message.conversationId, seen + 1);
      }
      const urgent = seen < ROUTING_MESSAGES && !this.routingSettled.has(message.conversationId);
      this.queue.push({ workspaceId, vendorId: conversation.vendorId, conversationId: message.conversationId, messageId: message.id, body: message.body, urgent, queuedAt: Date.now() });
      this.running ??= this.drain().finally(() => (this.running = null));
    });
  }

  /**
   * Reads customer messages that were stored without a reading (sent while the models were down, or seeded
   * history), newest first, up to `limit`. Only annotates: routing and escalation are for live conversations.
   */
  async backfill(limit = 5000) {
    if (!this.classify) return 0;
    return this.annotateStored(await this.chat.listUnannotatedCustomerMessages(limit));
  }

  private async annotateStored(rows: Awaited<ReturnType<ChatService['listUnannotatedCustomerMessages']>>) {
    let done = 0;
    for (let i = 0; i < rows.length && this.classify; i += 64) {
      const batch = rows.slice(i, i + 64);
      const results = await this.classify(batch.map((r) => r.body));
      const items = batch.flatMap((r, j) => {
        const a = results[j];
        if (!a || a instanceof Error) return [];
        const { lang, sentiment, sentimentScores, intent, intentConfidence } = a;
        return [{ workspaceId: r.workspaceId, vendorId: r.vendorId, conversationId: r.conversationId, messageId: r.id, at: r.createdAt.toISOString(), annotation: { lang, sentiment, sentimentScores, intent, intentConfidence } }];
      });
      done += await this.chat.recordAnnotations(items);
      // Live messages go first: yield to the event loop between batches.
      await new Promise((r) => setImmediate(r));
    }
    return done;
  }

  /** The messages an overload left out, newest first, in chunks (a live batch may run between chunks). */
  private async catchUp() {
    let done = 0;
    const total = this.skipped.length;
    while (this.skipped.length && this.classify && !this.queue.length) {
      const ids = this.skipped.splice(-1000);
      done += await this.annotateStored(await this.chat.listUnannotatedCustomerMessages(ids.length, ids));
    }
    if (!this.skipped.length) logger.info('ai.caught_up', { skipped: total, annotated: done });
  }

  unavailable(reason: string) {
    this.state = { status: 'unavailable', reason };
  }

  /** Waits until every queued message is annotated (tests, shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.offUpdated?.();
    this.offUpdated = null;
  }

  /** What the new readings mean for the conversation: route it by intent, escalate it on sentiment. */
  private async act(conversationId: string, hasNegative: boolean) {
    // Most messages belong to conversations whose routing is settled and that are escalated already or carry no
    // negative reading: no queries at all.
    const needsRouting = !this.routingSettled.has(conversationId);
    const mayEscalate = hasNegative && (this.escalated.get(conversationId) ?? 0) < Date.now();
    if (!needsRouting && !mayEscalate) return;
    try {
      if (needsRouting) await this.route(conversationId);
      if (mayEscalate) {
        const readings = await this.chat.listSentimentReadings(conversationId);
        const verdict = assessEscalation(readings, this.actions.escalation);
        // escalate() is a no-op on a conversation already flagged; either way it is flagged now.
        if (verdict) {
          await this.chat.escalate(conversationId, verdict.detail, raisePriority);
          this.rememberEscalated(conversationId);
        }
      }
    } catch (e) {
      logger.warn('ai.act', { error: errorText(e), conversationId });
    }
  }

  private rememberEscalated(id: string) {
    if (this.escalated.size >= 50_000) this.escalated.clear();
    this.escalated.set(id, Date.now() + 60_000);
  }

  private remember(set: Set<string>, id: string) {
    if (set.size >= 50_000) set.clear();
    set.add(id);
  }

  private async route(conversationId: string) {
    const facts = await this.chat.getRoutingFacts(conversationId, ROUTING_MESSAGES);
    if (!facts) return;
    const { teamMap, routingMinConfidence } = this.actions;
    const plan = planIntentRoute({
      conversation: facts.conversation,
      decisions: facts.decisions,
      signals: facts.annotations.map((a) => ({ messageId: a.messageId, intent: a.intent as never, confidence: a.intentConfidence, team: teamFor(a.intent as never, teamMap) })),
      teams: facts.teams,
      generalTeam: teamMap.other ?? null,
      minConfidence: routingMinConfidence,
      maxMessages: ROUTING_MESSAGES,
      widgetAllows: facts.widgetAllows,
    });
    if (plan) await this.chat.applyIntentRoute(conversationId, plan, facts.conversation);
    const c = facts.conversation;
    const settled =
      !facts.widgetAllows ||
      !!c.vendorId ||
      !!c.firstResponseAt ||
      facts.decisions.some((d) => d.source === 'manual' || d.source === 'automation' || (d.source === 'ai' && d.intent !== 'other' && (d.confidence ?? 0) >= routingMinConfidence)) ||
      !!plan?.confident ||
      facts.annotations.length >= ROUTING_MESSAGES;
    if (settled) this.remember(this.routingSettled, conversationId);
    if (c.escalatedAt) this.rememberEscalated(conversationId);
  }

  private countArrival() {
    const second = Math.floor(Date.now() / 1000);
    const a = this.arrivals;
    if (second !== a.second) {
      a.previous = second === a.second + 1 ? a.count : 0;
      a.second = second;
      a.count = 0;
    }
    a.count++;
  }

  /** Whether customer messages arrive at the deferral rate or faster (this or the last whole second). */
  private busy() {
    const limit = this.actions.pacing?.deferAbovePerSecond ?? 0;
    if (limit <= 0) return false;
    const second = Math.floor(Date.now() / 1000);
    const a = this.arrivals;
    if (second > a.second + 1) return false;
    return a.count >= limit || (second === a.second && a.previous >= limit);
  }

  /**
   * The next batch to read: everything in order when it is quiet; under load only the readings routing needs
   * now, unless the oldest waiting reading has waited maxDeferMs (then in order again, so nothing waits forever).
   */
  private takeBatch(): Pending[] {
    if (!this.busy() || Date.now() - (this.queue[0]?.queuedAt ?? Date.now()) >= (this.actions.pacing?.maxDeferMs ?? 0)) return this.queue.splice(0, MAX_BATCH);
    const urgent: Pending[] = [];
    for (let i = 0; i < this.queue.length && urgent.length < MAX_BATCH; ) {
      if (this.queue[i]!.urgent) urgent.push(...this.queue.splice(i, 1));
      else i++;
    }
    return urgent;
  }

  private async drain() {
    // Gather what arrives in the next few milliseconds and classify it as one batch, and again after each batch:
    // at most one batch (one model call, one INSERT, one push to the desk) per window while messages keep coming.
    // Taking whatever queued up during the previous model call instead gave batches of two or three messages
    // under load, and their bookkeeping cost the event loop a third of a core at 500 msg/s. The reading is not
    // urgent; delivery never waits for it.
    for (;;) {
      if (this.queue.length < MAX_BATCH) await new Promise((r) => setTimeout(r, ANNOTATE_WINDOW_MS));
      if (!this.queue.length || !this.classify) {
        // After an overload: read what was left out, newest first (annotation only; routing and escalation
        // are decided on the live messages).
        if (this.skipped.length && this.classify) {
          await this.catchUp();
          continue;
        }
        return;
      }
      const batch = this.takeBatch();
      if (!batch.length) {
        await new Promise((r) => setTimeout(r, DEFER_POLL_MS));
        continue;
      }
      try {
        const results = await this.classify(batch.map((p) => p.body));
        const items = batch.flatMap((p, i) => {
          const r = results[i];
          if (!r || r instanceof Error) return [];
          const { lang, sentiment, sentimentScores, intent, intentConfidence } = r;
          return [{ ...p, annotation: { lang, sentiment, sentimentScores, intent, intentConfidence } }];
        });
        await this.chat.recordAnnotations(items.map(({ body: _body, urgent: _urgent, queuedAt: _queued, ...rest }) => rest));
        const negative = new Set(items.filter((i) => i.annotation.sentiment === 'negative').map((i) => i.conversationId));
        for (const conversationId of new Set(items.map((i) => i.conversationId))) await this.act(conversationId, negative.has(conversationId));
      } catch (e) {
        logger.warn('ai.annotate', { error: errorText(e), messages: batch.length });
      }
    }
  }
}
