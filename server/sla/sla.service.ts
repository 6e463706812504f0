import type { Db } from '@/db/client';
import type { ConversationSummary, MessageDto, Priority } from '@/lib/contracts/chat';
import type { ChatService } from '@/server/chat/chat.service';
import type { ConversationRow } from '@/server/chat/chat.queries';
import { AppError } from '@/server/core/app-error';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import { ALWAYS_OPEN, type BusinessCalendar, isBusinessTime } from './business-time';
import { checkClock, type ClockState, pauseClock, raisePriority, resumeClock, retargetClock, type SlaKind, slaKinds, startClock, stopClock, usedBy } from './clock';
import * as q from './sla.queries';

type Config = { at: number; policies: q.PolicyRow[]; calendars: q.CalendarRow[]; teamCalendar: Map<string, string | null> };
type Clock = ClockState & { kind: SlaKind; policyId: string | null; startedAt: Date; stoppedAt: Date | null };
type Trigger = 'contact_message' | 'agent_message' | 'update' | 'sweep';
type SlaEventName = 'started' | 'paused' | 'resumed' | 'warning' | 'breached' | 'met' | 'missed';

export type SlaOptions = { sweepMs: number; now?: () => Date; configTtlMs?: number };

const targetOf = (p: q.PolicyRow | null, kind: SlaKind) =>
  p ? (kind === 'first_response' ? p.firstResponseSeconds : kind === 'next_response' ? p.nextResponseSeconds : p.resolutionSeconds) : null;

function toClock(r: q.ClockRow): Clock {
  return {
    kind: r.kind as SlaKind,
    policyId: r.policyId,
    targetSeconds: r.targetSeconds,
    usedSeconds: r.usedSeconds,
    status: r.status as Clock['status'],
    runningSince: r.runningSince,
    dueAt: r.dueAt,
    warnAt: r.warnAt,
    warnedAt: r.warnedAt,
    breachedAt: r.breachedAt,
    startedAt: r.startedAt,
    stoppedAt: r.stoppedAt,
  };
}

/** The clock the desk shows: the running one due first, else a paused one. */
export function mostUrgent(clocks: Iterable<Clock>) {
  let best: Clock | null = null;
  for (const c of clocks) {
    if (c.status === 'stopped') continue;
    if (!best) best = c;
    else if (c.status === 'running' && (best.status !== 'running' || (c.dueAt?.getTime() ?? Infinity) < (best.dueAt?.getTime() ?? Infinity))) best = c;
  }
  return best;
}

/**
 * SLA clocks per conversation (first response, next response, resolution), in business hours of the team's
 * calendar, paused while the conversation waits on the customer (pending). Warnings at 80% and breaches are
 * found by a sweep, stored as sla_events (reports read those), pushed live, notified, and a breach raises the
 * priority. Each change runs under a lock on the conversation row, so nodes and events do not race.
 */
export class SlaService {
  private config = new Map<string, Config>();
  private chains = new Map<string, Promise<unknown>>();
  private offs: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private now: () => Date;

  constructor(
    private db: Db,
    private bus: EventBus,
    private chat: ChatService,
    private opts: SlaOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  start() {
    this.offs.push(
      this.bus.on('message.created', ({ workspaceId, conversation, message }) => this.onMessage(workspaceId, conversation, message)),
      this.bus.on('conversation.updated', ({ workspaceId, conversation }) => this.onUpdated(workspaceId, conversation)),
    );
    if (this.opts.sweepMs > 0) {
      this.timer = setInterval(() => void this.sweep().catch((e) => logger.warn('sla.sweep', { error: errorText(e) })), this.opts.sweepMs);
      this.timer.unref();
    }
  }

  stop() {
    this.offs.splice(0).forEach((off) => off());
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when every queued clock change has been written (tests, shutdown). */
  async idle() {
    while (this.chains.size || this.sweeping) {
      await Promise.all([...this.chains.values(), this.sweeping]);
    }
  }

  /** Replaces the clock the service reads (tests move time forward with it). */
  setNow(now: () => Date) {
    this.now = now;
  }

  forget(workspaceId: string) {
    this.config.delete(workspaceId);
  }

  private async load(workspaceId: string): Promise<Config> {
    const hit = this.config.get(workspaceId);
    if (hit && Date.now() - hit.at < (this.opts.configTtlMs ?? 30_000)) return hit;
    const [policies, calendars, teams] = await Promise.all([q.listPolicies(this.db, workspaceId), q.listCalendars(this.db, workspaceId), q.listTeamCalendars(this.db, workspaceId)]);
    const cfg = { at: Date.now(), policies, calendars, teamCalendar: new Map(teams.map((t) => [t.id, t.calendarId])) };
    this.config.set(workspaceId, cfg);
    return cfg;
  }

  /** The most specific policy: team and priority, then team, then priority, then the catch-all. */
  static policyFor(policies: q.PolicyRow[], teamId: string | null, priority: Priority): q.PolicyRow | null {
    let best: q.PolicyRow | null = null;
    let bestScore = -1;
    for (const p of policies) {
      if (p.teamId && p.teamId !== teamId) continue;
      if (p.priority && p.priority !== priority) continue;
      const score = (p.teamId ? 2 : 0) + (p.priority ? 1 : 0);
      if (score > bestScore) [best, bestScore] = [p, score];
    }
    return best;
  }

  private calendarFor(cfg: Config, teamId: string | null): BusinessCalendar {
    const id = teamId ? cfg.teamCalendar.get(teamId) : null;
    const row = (id && cfg.calendars.find((c) => c.id === id)) || cfg.calendars.find((c) => c.isDefault) || null;
    return row ? { timezone: row.timezone, hours: row.hours, holidays: row.holidays.map((h) => h.date) } : ALWAYS_OPEN;
  }

  /** The business calendar a team's clocks run on (its own, else the workspace default; none: always open). */
  async calendarOf(workspaceId: string, teamId: string | null): Promise<BusinessCalendar> {
    return this.calendarFor(await this.load(workspaceId), teamId);
  }

  /** Whether `at` is within the team's business hours (its calendar, else the workspace default; none: always). */
  async isBusinessHours(workspaceId: string, teamId: string | null, at: Date) {
    return isBusinessTime(this.calendarFor(await this.load(workspaceId), teamId), at);
  }

  private onMessage(workspaceId: string, conversation: ConversationSummary, message: MessageDto) {
    if (message.kind !== 'text') return;
    const responding = conversation.sla?.kind === 'first_response' || conversation.sla?.kind === 'next_response';
    if (message.senderType === 'contact') {
      // The hot path: while a response clock already runs, another customer message changes nothing.
      if (responding && conversation.sla?.dueAt) return;
      // A workspace without policies (known from the cache) costs nothing per message.
      const cfg = this.config.get(workspaceId);
      if (cfg && Date.now() - cfg.at < (this.opts.configTtlMs ?? 30_000) && cfg.policies.length === 0) return;
      this.enqueue(workspaceId, conversation.id, 'contact_message', { needsPolicy: true });
    } else if (message.senderType === 'agent' && conversation.sla) {
      this.enqueue(workspaceId, conversation.id, 'agent_message');
    }
  }

  private onUpdated(workspaceId: string, conversation: ConversationSummary) {
    if (!conversation.sla) return;
    this.enqueue(workspaceId, conversation.id, 'update');
  }

  private enqueue(workspaceId: string, conversationId: string, trigger: Trigger, opts: { needsPolicy?: boolean } = {}) {
    const prev = this.chains.get(conversationId) ?? Promise.resolve();
    const next = prev
      .then(async () => {
        if (opts.needsPolicy && (await this.load(workspaceId)).policies.length === 0) return;
        await this.apply(workspaceId, conversationId, trigger);
      })
      .catch((e) => logger.warn('sla.apply', { error: errorText(e), conversationId, trigger }))
      .finally(() => {
        if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
      });
    this.chains.set(conversationId, next);
  }

  /** Brings one conversation's clocks up to date with what happened; returns what it changed. */
  async apply(workspaceId: string, conversationId: string, trigger: Trigger) {
    const cfg = await this.load(workspaceId);
    const now = this.now();
    const result = await this.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const conv = await q.lockConversation(tx, conversationId);
      if (!conv) return null;
      const policy = SlaService.policyFor(cfg.policies, conv.teamId, conv.priority);
      const cal = this.calendarFor(cfg, conv.teamId);
      const clocks = new Map<SlaKind, Clock>((await q.listClocks(tx, conversationId)).map((r) => [r.kind as SlaKind, toClock(r)]));
      const changed = new Set<SlaKind>();
      const events: { kind: SlaKind; event: SlaEventName; clock: Clock }[] = [];
      const set = (kind: SlaKind, clock: Clock, event?: SlaEventName) => {
        clocks.set(kind, clock);
        changed.add(kind);
        if (event) events.push({ kind, event, clock });
      };
      const start = (kind: SlaKind) => {
        const target = targetOf(policy, kind);
        if (!target) return;
        set(kind, { ...startClock(target, cal, now), kind, policyId: policy!.id, startedAt: now, stoppedAt: null }, 'started');
      };
      const stop = (kind: SlaKind) => {
        const c = clocks.get(kind);
        if (!c || c.status === 'stopped') return;
        const { clock, met } = stopClock(c, cal, now);
        set(kind, { ...clock, kind, policyId: c.policyId, startedAt: c.startedAt, stoppedAt: now }, met ? 'met' : 'missed');
      };

      if (trigger === 'contact_message' && conv.status !== 'resolved') {
        const first = clocks.get('first_response');
        if (!first && !conv.firstResponseAt) start('first_response');
        else if (conv.firstResponseAt || first?.status === 'stopped') {
          const next = clocks.get('next_response');
          if (!next || next.status === 'stopped') start('next_response');
        }
        const resolution = clocks.get('resolution');
        if (!resolution || resolution.status === 'stopped') start('resolution');
      }
      if (trigger === 'agent_message') {
        stop('first_response');
        stop('next_response');
      }
      // The policy may have changed with the priority or team: running clocks take the new targets.
      for (const kind of slaKinds) {
        const c = clocks.get(kind);
        const target = targetOf(policy, kind);
        if (c && c.status !== 'stopped' && target && target !== c.targetSeconds) set(kind, { ...c, ...retargetClock(c, target, cal, now), policyId: policy!.id });
      }
      // Waiting on the customer pauses every clock; back to open resumes them; resolved stops them.
      for (const kind of slaKinds) {
        const c = clocks.get(kind);
        if (!c || c.status === 'stopped') continue;
        if (conv.status === 'resolved') stop(kind);
        else if (conv.status === 'pending' && c.status === 'running') set(kind, { ...c, ...pauseClock(c, cal, now) }, 'paused');
        else if (conv.status !== 'pending' && c.status === 'paused') set(kind, { ...c, ...resumeClock(c, cal, now) }, 'resumed');
      }
      const warned: SlaKind[] = [];
      const breached: SlaKind[] = [];
      for (const kind of slaKinds) {
        const c = clocks.get(kind);
        if (!c) continue;
        const { warn, breach } = checkClock(c, now);
        if (breach) {
          breached.push(kind);
          set(kind, { ...c, breachedAt: now, warnedAt: c.warnedAt ?? now }, 'breached');
        } else if (warn) {
          warned.push(kind);
          set(kind, { ...c, warnedAt: now }, 'warning');
        }
      }

      for (const kind of changed) {
        const c = clocks.get(kind)!;
        await q.upsertClock(tx, { conversationId, ...c, kind });
      }
      const rows = events.map(({ kind, event, clock }) => ({
        workspaceId,
        conversationId,
        kind,
        event,
        targetSeconds: clock.targetSeconds,
        businessSeconds: usedBy(clock, cal, now),
        wallSeconds: (now.getTime() - clock.startedAt.getTime()) / 1000,
        at: now,
      }));
      await q.insertEvents(tx, rows);
      const top = mostUrgent(clocks.values());
      const sla = { slaKind: top?.kind ?? null, slaDueAt: top?.dueAt ?? null, slaWarnAt: top ? (top.warnedAt ?? top.warnAt) : null, slaBreachedAt: top?.breachedAt ?? null };
      const priority = breached.length ? raisePriority(conv.priority) : conv.priority;
      const same =
        sla.slaKind === conv.slaKind &&
        sla.slaDueAt?.getTime() === conv.slaDueAt?.getTime() &&
        sla.slaWarnAt?.getTime() === conv.slaWarnAt?.getTime() &&
        sla.slaBreachedAt?.getTime() === conv.slaBreachedAt?.getTime() &&
        priority === conv.priority;
      const updated = same ? conv : await q.setConversationSla(tx, conversationId, { ...sla, priority });
      const settled = rows
        .filter((r) => r.event === 'met' || r.event === 'missed')
        .map(({ kind, event, businessSeconds, wallSeconds }) => ({ kind, met: event === 'met', businessSeconds, wallSeconds }));
      return { updated: same ? null : updated, warned, breached, settled, before: conv };
    });
    if (!result) return null;
    const summary = result.updated ? await this.chat.toSummary(result.updated) : null;
    if (summary) this.bus.emit('conversation.updated', { workspaceId, conversation: summary });
    if (result.warned.length || result.breached.length || result.settled.length) {
      const s = summary ?? (await this.chat.toSummary(result.before));
      for (const x of result.settled) this.bus.emit('sla.settled', { workspaceId, conversation: s, ...x, at: now });
      for (const kind of result.warned) this.bus.emit('sla.warning', { workspaceId, conversation: s, kind });
      for (const kind of result.breached) this.bus.emit('sla.breached', { workspaceId, conversation: s, kind, previousPriority: result.before.priority });
    }
    return result;
  }

  /** Finds clocks that reached 80% or their due time and records it (warnings, breaches, escalation). */
  sweep(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      try {
        const due = await q.listDueClocks(this.db, this.now());
        for (const { conversationId } of due) {
          const conv = await this.chat.getConversationForFanout(conversationId);
          if (!conv) continue;
          await this.apply(conv.workspaceId, conversationId, 'sweep').catch((e) => logger.warn('sla.apply', { error: errorText(e), conversationId }));
        }
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  // ---------- settings and reading ----------

  async listClocks(conversation: ConversationRow) {
    const [clocks, events] = await Promise.all([q.listClocks(this.db, conversation.id), q.listEvents(this.db, conversation.id)]);
    return {
      clocks: clocks.map((c) => ({
        kind: c.kind as SlaKind,
        status: c.status as Clock['status'],
        targetSeconds: c.targetSeconds,
        usedSeconds: c.usedSeconds,
        dueAt: c.dueAt?.toISOString() ?? null,
        breachedAt: c.breachedAt?.toISOString() ?? null,
        stoppedAt: c.stoppedAt?.toISOString() ?? null,
      })),
      events: events.map((e) => ({ kind: e.kind as SlaKind, event: e.event, businessSeconds: e.businessSeconds, wallSeconds: e.wallSeconds, at: e.at.toISOString() })),
    };
  }

  async settings(workspaceId: string) {
    this.forget(workspaceId);
    const cfg = await this.load(workspaceId);
    return { policies: cfg.policies, calendars: cfg.calendars, teamCalendars: Object.fromEntries(cfg.teamCalendar) };
  }

  async savePolicy(workspaceId: string, input: { id?: string; name: string; teamId: string | null; priority: Priority | null; firstResponseSeconds: number | null; nextResponseSeconds: number | null; resolutionSeconds: number | null }) {
    const cfg = await this.load(workspaceId);
    if (input.teamId && !cfg.teamCalendar.has(input.teamId)) throw new AppError('BAD_REQUEST', 'Unknown team');
    if (!input.firstResponseSeconds && !input.nextResponseSeconds && !input.resolutionSeconds) throw new AppError('BAD_REQUEST', 'Set at least one target');
    const { id, ...values } = input;
    const row = id ? await q.updatePolicy(this.db, id, workspaceId, values) : await q.insertPolicy(this.db, { ...values, workspaceId });
    if (!row) throw new AppError('NOT_FOUND', 'Unknown policy');
    this.forget(workspaceId);
    return row;
  }

  async saveCalendar(workspaceId: string, input: { id?: string; name: string; timezone: string; hours: { day: number; open: number; close: number }[]; holidays: { date: string; name: string }[]; isDefault: boolean }) {
    const row = await q.upsertCalendar(this.db, { ...input, workspaceId });
    if (!row) throw new AppError('NOT_FOUND', 'Unknown calendar');
    if (row.isDefault) await q.clearDefaultCalendars(this.db, workspaceId, row.id);
    this.forget(workspaceId);
    return row;
  }

  async setTeamCalendar(workspaceId: string, teamId: string, calendarId: string | null) {
    const cfg = await this.load(workspaceId);
    if (!cfg.teamCalendar.has(teamId)) throw new AppError('NOT_FOUND', 'Unknown team');
    if (calendarId && !cfg.calendars.some((c) => c.id === calendarId)) throw new AppError('BAD_REQUEST', 'Unknown calendar');
    await q.setTeamCalendar(this.db, teamId, calendarId);
    this.forget(workspaceId);
    return { teamId, calendarId };
  }

  async deletePolicy(workspaceId: string, id: string) {
    if (!(await q.deletePolicy(this.db, id, workspaceId))) throw new AppError('NOT_FOUND', 'Unknown policy');
    this.forget(workspaceId);
    return { deleted: true };
  }
}
