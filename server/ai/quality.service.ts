import type { Db } from '@/db/client';
import type { ConversationQualityDto } from '@/lib/contracts/quality';
import type { StaffActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import { scoreConversation } from './quality';
import * as q from './quality.queries';

/** Who may see quality scores: supervisors and admins, executives read-only. Agents and vendors may not. */
const qualityReaders: readonly string[] = ['admin', 'supervisor', 'executive'];

/**
 * Scores conversations when they are resolved (server/ai/quality.ts) and keeps the score in conversation_quality.
 * Resolving is announced as conversation.updated with status "resolved"; the score is computed after the
 * resolution was committed and announced, so resolving never waits for it. Reading a score computes it when
 * the event was missed (another node resolved it, the process stopped first), so a supervisor never sees a
 * score of an earlier resolution.
 */
export class QualityService {
  private pending = new Set<string>();
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private db: Db,
    private bus: EventBus,
  ) {}

  start() {
    this.unsubscribe ??= this.bus.on('conversation.updated', ({ conversation }) => {
      if (conversation.status !== 'resolved') return;
      this.pending.add(conversation.id);
      this.kick();
    });
  }

  /** Stops listening and drops what is queued (a later read scores it); idle() then waits for the one in hand. */
  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.pending.clear();
  }

  /** Waits until every queued conversation is scored (tests, shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  private kick() {
    if (this.running) return;
    // One conversation at a time, in the background; whatever arrives while the loop ends starts it again.
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pending.size) this.kick();
    });
  }

  private async drain() {
    for (const id of this.pending) {
      this.pending.delete(id);
      try {
        await this.scoreResolved(id);
      } catch (e) {
        logger.warn('quality.score', { conversationId: id, error: errorText(e) });
      }
    }
  }

  /**
   * Scores the conversation's latest resolution and stores it; returns the stored row, or null when the
   * conversation is not resolved or the customer never wrote (nothing to judge). A resolution already scored
   * is not scored again: labels or priority changed on a resolved conversation announce it too.
   */
  async scoreResolved(conversation: string | q.QualityConversation) {
    const c = typeof conversation === 'string' ? await q.findConversationForQuality(this.db, conversation) : conversation;
    if (!c || c.status !== 'resolved' || !c.resolvedAt) return null;
    const previous = await q.findQuality(this.db, c.id);
    if (previous && previous.computedAt >= c.resolvedAt) return previous;
    const rows = await q.listMessagesForQuality(this.db, c.id);
    if (!rows.some((m) => m.senderType === 'contact' && m.kind === 'text')) return null;
    // Resolved again: it counts as reopened when it was reopened before, or when the customer came back after the
    // last score (a supervisor reopening and resolving again with no word from the customer is not a reopen).
    const reopened = previous
      ? previous.reasons.some((r) => r.key === 'no_reopen' && r.points < r.max) || (await q.hasContactMessagesAfter(this.db, c.id, previous.computedAt))
      : false;
    const { score, reasons } = scoreConversation({
      messages: rows.map((m) => ({
        senderType: m.senderType,
        kind: m.kind,
        body: m.body,
        createdAt: m.createdAt,
        annotation: m.lang && m.sentiment && m.sentimentScores ? { lang: m.lang, sentiment: m.sentiment, sentimentScores: m.sentimentScores } : null,
      })),
      startedAt: c.createdAt,
      resolvedAt: c.resolvedAt,
      reopened,
      contactName: c.contactName,
    });
    // The score is the assignee's; an unassigned conversation is credited to whoever replied last.
    const agentId = c.assigneeId ?? rows.findLast((m) => m.senderType === 'agent' && m.kind === 'text')?.senderId ?? null;
    return q.upsertQuality(this.db, { conversationId: c.id, score, reasons, agentId }, c.resolvedAt);
  }

  /**
   * Queues resolved conversations that have no score for their latest resolution (the demo's seeded history)
   * and returns how many; idle() waits for them.
   */
  async scoreUnscored(limit = 500) {
    const ids = await q.listUnscoredResolved(this.db, limit);
    for (const id of ids) this.pending.add(id);
    this.kick();
    return ids.length;
  }

  private requireReader(actor: StaffActor) {
    if (!qualityReaders.includes(actor.role)) throw new AppError('FORBIDDEN', 'Only supervisors, admins and executives see quality scores');
  }

  /** The score of a resolved conversation with its reasons; null while it is not resolved or has nothing to score. */
  async getConversationQuality(actor: StaffActor, conversationId: string): Promise<ConversationQualityDto | null> {
    this.requireReader(actor);
    const c = await q.findConversationForQuality(this.db, conversationId);
    if (!c || c.workspaceId !== actor.workspaceId) throw new AppError('NOT_FOUND', 'Conversation not found');
    const row = await this.scoreResolved(c);
    if (!row) return null;
    return {
      conversationId: row.conversationId,
      score: row.score,
      reasons: row.reasons,
      agentId: row.agentId,
      agentName: row.agentId ? await q.findUserName(this.db, row.agentId) : null,
      computedAt: row.computedAt.toISOString(),
    };
  }

  /** Each agent's mean score over the conversations resolved (and still resolved) in the last `days` days. */
  async listQualityByAgent(actor: StaffActor, days: number, now = new Date()) {
    this.requireReader(actor);
    const since = new Date(now.getTime() - days * 24 * 60 * 60_000);
    return { days, agents: await q.listQualityByAgent(this.db, actor.workspaceId, since) };
  }
}
