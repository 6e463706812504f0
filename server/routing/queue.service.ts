import type { Db } from '@/db/client';
import type { QueueEvent } from '@/lib/contracts/chat';
import { type ReasonDetail, reasons, reasonText } from '@/lib/reasons';
import * as cq from '@/server/chat/chat.queries';
import type { ChatService } from '@/server/chat/chat.service';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import * as q from './routing.queries';
import type { RoutingService } from './routing.service';

type Row = cq.ConversationRow;
type Change = { before: Row; updated: Row; decision: cq.RoutingDecisionRow };

export type QueueOptions = {
  /** How often the sweep runs: auto-reassign, overflow, and a drain as a safety net (events from other nodes). */
  sweepMs: number;
  now?: () => Date;
};

/**
 * Keeps the queues moving: when room frees (a chat resolved, an agent comes online, capacity raised) the
 * waiting conversations are assigned in queue order; unanswered chats are reassigned and long waits overflow
 * (per-team settings); customers in line get their position and estimated wait pushed live.
 * Every node may run this at once: rows are taken with FOR UPDATE SKIP LOCKED and re-checked under the lock.
 */
export class QueueService {
  private timer: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private offs: (() => void)[] = [];
  // Per team, what its customers were last told (ids in order + online capacity): unchanged queues are not re-sent.
  private told = new Map<string, string>();
  private now: () => Date;

  constructor(
    private db: Db,
    private bus: EventBus,
    private chat: ChatService,
    private routing: RoutingService,
    private opts: QueueOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  start() {
    this.stopped = false;
    this.offs.push(
      this.bus.on('conversation.updated', () => this.kick()),
      this.bus.on('conversation.created', () => this.kick()),
      this.bus.on('presence.changed', () => {
        this.routing.forgetEstimates();
        this.kick();
      }),
    );
    if (this.opts.sweepMs > 0) {
      this.timer = setInterval(() => void this.sweep().catch((e) => logger.warn('queue.sweep', { error: errorText(e) })), this.opts.sweepMs);
      this.timer.unref();
    }
    this.kick();
  }

  stop() {
    this.stopped = true;
    this.offs.splice(0).forEach((off) => off());
    if (this.timer) clearInterval(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.timer = this.kickTimer = null;
  }

  /** Resolves when no drain is running (tests, shutdown). */
  async idle() {
    while (this.running) await this.running;
  }

  /** Something may have freed room or changed a queue: drain soon (events arriving together share one drain). */
  kick() {
    if (this.stopped || this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      void this.drain().catch((e) => logger.warn('queue.drain', { error: errorText(e) }));
    }, 15);
    this.kickTimer.unref();
  }

  /** Assigns waiting conversations while agents have room, then tells customers in line where they stand. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drainOnce() {
    const teams = await q.listWaitingTeams(this.db);
    for (const { teamId, workspaceId } of teams) {
      if (!teamId) continue;
      for (let i = 0; i < 500 && !this.stopped; i++) {
        const change = await this.assignNext(teamId);
        if (!change) break;
        await this.publish(change);
      }
      await this.tellQueue(workspaceId, teamId);
    }
    // Teams whose queue emptied: forget what they were told, so a new queue is announced afresh.
    const live = new Set(teams.map((t) => t.teamId));
    for (const teamId of this.told.keys()) if (!live.has(teamId)) this.told.delete(teamId);
  }

  private async assignNext(teamId: string): Promise<Change | null> {
    return this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const c = await q.lockNextWaiting(tx, teamId, []);
      if (!c) return null;
      const pick = await this.routing.pickAssignee(teamId, tx, { facts: await this.routing.facts(c, tx) });
      if (!pick.assigneeId) return null;
      const now = this.now();
      const waited = (now.getTime() - (c.queuedAt ?? c.createdAt).getTime()) / 1000;
      const updated = (await cq.updateConversation(tx, c.id, { assigneeId: pick.assigneeId, assignedAt: now, queuedAt: null }))!;
      const detail = reasons.queueAssigned(pick.assigneeName ?? '', pick.strategy, Math.round(waited), pick.matched.join(', '));
      const decision = await this.decide(tx, updated, 'queue', detail);
      return { before: c, updated, decision };
    });
  }

  private decide(tx: Db, c: Row, source: 'queue' | 'reassign' | 'overflow', detail: ReasonDetail) {
    return cq.insertRoutingDecision(tx, { conversationId: c.id, source, teamId: c.teamId, assigneeId: c.assigneeId, reason: reasonText(detail), detail });
  }

  private async publish({ updated, decision }: Change) {
    const summary = await this.chat.toSummary(updated);
    this.bus.emit('conversation.updated', { workspaceId: summary.workspaceId, conversation: summary });
    this.bus.emit('routing.decided', {
      workspaceId: summary.workspaceId,
      vendorId: summary.vendorId,
      conversationId: summary.id,
      decision: await this.chat.toDecisionDto(summary.workspaceId, decision),
    });
  }

  /** Pushes position and estimated wait to every customer in the team's line, when either changed. */
  private async tellQueue(workspaceId: string, teamId: string) {
    const line = await q.listWaiting(this.db, teamId);
    const capacity = await q.teamOnlineCapacity(this.db, teamId);
    const signature = `${capacity}:${line.map((c) => c.id).join(',')}`;
    if (this.told.get(teamId) === signature) return;
    this.told.set(teamId, signature);
    const items: { contactId: string; event: QueueEvent }[] = [];
    for (let i = 0; i < line.length; i++) {
      const position = i + 1;
      items.push({
        contactId: line[i]!.contactId,
        event: { conversationId: line[i]!.id, status: 'open', position, assigneeName: null, assigneeAvatarUrl: null, etaSeconds: await this.routing.estimateWait(teamId, position) },
      });
    }
    if (items.length) this.bus.emit('queue.positions', { workspaceId, teamId, items });
  }

  /** Auto-reassign and overflow by the teams' settings, then a drain. */
  async sweep(now = this.now()) {
    if (this.stopped) return;
    for (const u of await q.listUnanswered(this.db, now)) {
      const change = await this.db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const c = await q.lockConversation(tx, u.id);
        if (!c || c.status !== 'open' || c.assigneeId !== u.assigneeId || !c.teamId) return null;
        const pick = await this.routing.pickAssignee(c.teamId, tx, { facts: await this.routing.facts(c, tx), exclude: [u.assigneeId!] });
        // Nobody else has room: it stays with its agent and is tried again on the next sweep.
        if (!pick.assigneeId) return null;
        const previous = await q.userName(tx, u.assigneeId!);
        const updated = (await cq.updateConversation(tx, c.id, { assigneeId: pick.assigneeId, assignedAt: now, queuedAt: null }))!;
        const decision = await this.decide(tx, updated, 'reassign', reasons.reassigned(previous, pick.assigneeName, u.seconds ?? 0));
        return { before: c, updated, decision };
      });
      if (change) await this.publish(change);
    }
    for (const o of await q.listOverflowDue(this.db, now)) {
      const change = await this.db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        const c = await q.lockConversation(tx, o.id);
        if (!c || c.status !== 'open' || c.assigneeId || c.overflowedAt || c.teamId !== o.teamId || !o.overflowTeamId) return null;
        const pick = await this.routing.pickAssignee(o.overflowTeamId, tx, { facts: await this.routing.facts(c, tx) });
        const from = await q.findTeam(tx, o.teamId!);
        const to = await q.findTeam(tx, o.overflowTeamId);
        const updated = (await cq.updateConversation(tx, c.id, {
          teamId: o.overflowTeamId,
          overflowedAt: now,
          assigneeId: pick.assigneeId,
          assignedAt: pick.assigneeId ? now : null,
          // Still waiting: keeps its place by the time it first queued, ahead of later arrivals in the new team.
          queuedAt: pick.assigneeId ? null : (c.queuedAt ?? c.createdAt),
        }))!;
        const decision = await this.decide(tx, updated, 'overflow', reasons.overflowed(from?.name ?? null, to?.name ?? null, pick.assigneeName, o.seconds ?? 0));
        return { before: c, updated, decision };
      });
      if (change) await this.publish(change);
    }
    await this.drain();
  }
}
