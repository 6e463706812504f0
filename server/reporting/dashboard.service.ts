import { DateTime } from 'luxon';
import type { Db } from '@/db/client';
import type { LiveKpis } from '@/lib/contracts/analytics';
import type { EventBus } from '@/server/core/event-bus';
import { errorText, logger } from '@/server/core/logger';
import * as q from './dashboard.queries';

export type DashboardOptions = {
  // A change is published after this quiet window (bursts of events make one update)…
  coalesceMs?: number;
  // …and at most this often per workspace.
  minIntervalMs?: number;
  now?: () => Date;
};

type Watch = { timer: NodeJS.Timeout | null; lastAt: number; running: boolean; again: boolean };

/**
 * The live dashboard's numbers (/dashboard): the floor now (open, waiting, longest wait, agents and their load)
 * and today so far (volume, first response and resolution medians and p90, CSAT, SLA, sentiment, breakdowns).
 * When something that moves them happens, the workspace's numbers are computed again and published to whoever
 * watches (the gateway's dashboard room), coalesced so a burst of events makes one update.
 */
export class DashboardService {
  private watches = new Map<string, Watch>();
  private offs: (() => void)[] = [];
  private listeners = new Set<(workspaceId: string, kpis: LiveKpis) => void>();
  private now: () => Date;
  private tz = new Map<string, { at: number; tz: string }>();

  constructor(
    private db: Db,
    private bus: EventBus,
    private opts: DashboardOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Whether anyone watches this workspace's dashboard (set by the gateway; none: nothing is computed). */
  watching: (workspaceId: string) => boolean = () => false;

  start() {
    const dirty = ({ workspaceId }: { workspaceId: string }) => this.changed(workspaceId);
    this.offs.push(
      this.bus.on('conversation.created', dirty),
      this.bus.on('conversation.updated', dirty),
      this.bus.on('presence.changed', dirty),
      this.bus.on('csat.submitted', dirty),
      this.bus.on('sla.breached', dirty),
      this.bus.on('reporting.recorded', ({ workspaceIds }) => workspaceIds.forEach((id) => this.changed(id))),
    );
  }

  stop() {
    for (const off of this.offs.splice(0)) off();
    for (const w of this.watches.values()) if (w.timer) clearTimeout(w.timer);
    this.watches.clear();
  }

  /** Called with fresh numbers whenever a watched workspace's numbers were computed again. */
  onPublish(fn: (workspaceId: string, kpis: LiveKpis) => void) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private async timezone(workspaceId: string) {
    const hit = this.tz.get(workspaceId);
    if (hit && Date.now() - hit.at < 60_000) return hit.tz;
    const tz = await q.workspaceTimezone(this.db, workspaceId);
    this.tz.set(workspaceId, { at: Date.now(), tz });
    return tz;
  }

  async agentsOnline(workspaceId: string) {
    return (await q.agentLoad(this.db, workspaceId)).filter((a) => a.presence === 'online').length;
  }

  async live(workspaceId: string): Promise<LiveKpis> {
    const now = this.now();
    const timezone = await this.timezone(workspaceId);
    const dayStart = DateTime.fromJSDate(now).setZone(timezone).startOf('day').toJSDate();
    const [floor, agents, today, breakdowns] = await Promise.all([
      q.floorNow(this.db, workspaceId, now),
      q.agentLoad(this.db, workspaceId),
      q.today(this.db, workspaceId, dayStart),
      q.todayBreakdowns(this.db, workspaceId, dayStart),
    ]);
    return {
      generatedAt: now.toISOString(),
      dayStart: dayStart.toISOString(),
      timezone,
      ...floor,
      agents,
      agentsOnline: agents.filter((a) => a.presence === 'online').length,
      ...today,
      ...breakdowns,
    };
  }

  private changed(workspaceId: string) {
    if (!this.watching(workspaceId)) return;
    let w = this.watches.get(workspaceId);
    if (!w) this.watches.set(workspaceId, (w = { timer: null, lastAt: 0, running: false, again: false }));
    if (w.running) {
      w.again = true;
      return;
    }
    if (w.timer) return;
    const wait = Math.max(this.opts.coalesceMs ?? 100, w.lastAt + (this.opts.minIntervalMs ?? 750) - Date.now());
    w.timer = setTimeout(() => void this.publish(workspaceId, w), wait);
    w.timer.unref?.();
  }

  private async publish(workspaceId: string, w: Watch) {
    w.timer = null;
    w.running = true;
    w.again = false;
    try {
      const kpis = await this.live(workspaceId);
      for (const fn of this.listeners) fn(workspaceId, kpis);
    } catch (e) {
      logger.warn('dashboard.publish', { workspaceId, error: errorText(e) });
    } finally {
      w.lastAt = Date.now();
      w.running = false;
      if (w.again) this.changed(workspaceId);
    }
  }
}
