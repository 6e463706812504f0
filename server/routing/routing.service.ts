import type { Db } from '@/db/client';
import { AppError } from '@/server/core/app-error';
import * as q from './routing.queries';
import { type ConversationFacts, estimateWaitSeconds, rankCandidates, type RoutingStrategy, routingStrategies } from './strategies';

export type PickResult = {
  assigneeId: string | null;
  assigneeName: string | null;
  strategy: RoutingStrategy;
  /** Skills of the chosen agent the conversation asked for (skills strategy). */
  matched: string[];
};

const DEFAULT_HANDLE_SECONDS = 8 * 60;

const asStrategy = (s: string): RoutingStrategy => ((routingStrategies as readonly string[]).includes(s) ? (s as RoutingStrategy) : 'round_robin');

/**
 * Chooses who takes a conversation: the team's strategy ranks its online agents with room
 * (server/routing/strategies.ts), then the first one whose row can be locked and whose load, counted after the
 * lock, is still under capacity gets it. Two transactions never give one agent more than their capacity: the
 * second skips (SKIP LOCKED) an agent the first is assigning to and takes the next one.
 * Call inside the transaction that writes the assignment.
 */
export class RoutingService {
  private etaCache = new Map<string, { at: number; handle: number; capacity: number }>();

  constructor(
    private db: Db,
    private now: () => Date = () => new Date(),
  ) {}

  async pickAssignee(teamId: string | null, tx: Db = this.db, opts: { facts?: ConversationFacts; exclude?: string[] } = {}): Promise<PickResult> {
    const none: PickResult = { assigneeId: null, assigneeName: null, strategy: 'round_robin', matched: [] };
    if (!teamId) return none;
    const team = await q.findTeam(tx, teamId);
    if (!team) return none;
    const strategy = asStrategy(team.routingStrategy);
    const exclude = new Set(opts.exclude ?? []);
    const candidates = (await q.listTeamCandidates(tx, teamId)).filter((c) => !exclude.has(c.id));
    for (const choice of rankCandidates(strategy, candidates, opts.facts ?? {})) {
      const locked = await q.lockAgentLoad(tx, choice.candidate.id);
      if (!locked || locked.load >= locked.capacity) continue;
      await q.markAssigned(tx, choice.candidate.id, this.now());
      return { assigneeId: choice.candidate.id, assigneeName: choice.candidate.name, strategy, matched: choice.matched };
    }
    return { ...none, strategy };
  }

  /** Facts for skills routing of a conversation (latest language/intent reading, product category). */
  facts(c: Parameters<typeof q.conversationFacts>[1], tx: Db = this.db) {
    return q.conversationFacts(tx, c);
  }

  /** Estimated seconds until a customer at `position` in the team's queue is served; null when nobody is online. */
  async estimateWait(teamId: string | null, position: number): Promise<number | null> {
    if (!teamId) return null;
    const hit = this.etaCache.get(teamId);
    const nowMs = Date.now();
    let entry = hit && nowMs - hit.at < 5_000 ? hit : null;
    if (!entry) {
      // Capacity follows presence, so it is cached only briefly; handle time changes slowly.
      const handle = hit && nowMs - hit.at < 300_000 ? hit.handle : ((await q.teamMedianHandleSeconds(this.db, teamId, this.now())) ?? DEFAULT_HANDLE_SECONDS);
      entry = { at: nowMs, handle, capacity: await q.teamOnlineCapacity(this.db, teamId) };
      this.etaCache.set(teamId, entry);
    }
    return estimateWaitSeconds(position, entry.capacity, entry.handle);
  }

  forgetEstimates() {
    this.etaCache.clear();
  }

  // ---------- settings (supervisors and admins) ----------

  async listSettings(workspaceId: string) {
    const [teams, agents] = await Promise.all([q.listTeams(this.db, workspaceId), q.listAgentsWithLoad(this.db, workspaceId)]);
    return { teams: teams.map((t) => ({ ...t, routingStrategy: asStrategy(t.routingStrategy) })), agents };
  }

  async updateTeam(
    workspaceId: string,
    teamId: string,
    set: { routingStrategy?: RoutingStrategy; reassignAfterSeconds?: number | null; overflowAfterSeconds?: number | null; overflowTeamId?: string | null },
  ) {
    const team = await q.findTeam(this.db, teamId);
    if (!team || team.workspaceId !== workspaceId) throw new AppError('NOT_FOUND', 'Unknown team');
    if (set.overflowTeamId) {
      if (set.overflowTeamId === teamId) throw new AppError('BAD_REQUEST', 'A team cannot overflow to itself');
      const target = await q.findTeam(this.db, set.overflowTeamId);
      if (!target || target.workspaceId !== workspaceId) throw new AppError('BAD_REQUEST', 'Unknown overflow team');
    }
    const updated = (await q.updateTeam(this.db, teamId, set))!;
    return { ...updated, routingStrategy: asStrategy(updated.routingStrategy) };
  }

  async updateAgent(workspaceId: string, userId: string, set: { maxConcurrentChats?: number; languages?: string[]; skills?: string[] }) {
    const agents = await q.listAgentsWithLoad(this.db, workspaceId);
    if (!agents.some((a) => a.id === userId)) throw new AppError('NOT_FOUND', 'Unknown agent');
    const clean = {
      ...set,
      ...(set.languages ? { languages: [...new Set(set.languages)] } : {}),
      ...(set.skills ? { skills: [...new Set(set.skills.map((s) => s.trim().toLowerCase()).filter(Boolean))] } : {}),
    };
    this.etaCache.clear();
    return (await q.updateAgentRouting(this.db, userId, clean))!;
  }
}
