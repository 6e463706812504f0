import type { Db } from '@/db/client';
import * as q from '@/server/chat/chat.queries';

/**
 * Assignment seam. For now: round-robin among the team's online agents, the one assigned longest ago first.
 * The full routing engine (skills, capacity, language) replaces this class behind the same method.
 */
export class RoutingService {
  constructor(private db: Db) {}

  async pickAssignee(teamId: string | null, db: Db = this.db): Promise<string | null> {
    if (!teamId) return null;
    const candidates = await q.listOnlineTeamAgents(db, teamId);
    const chosen = candidates[0];
    if (!chosen) return null;
    await q.markAssigned(db, chosen.id);
    return chosen.id;
  }
}
