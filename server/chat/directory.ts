import type { Db } from '@/db/client';
import * as q from './chat.queries';

type Entry = { users: Map<string, { name: string; avatarUrl: string | null; role: string }>; teams: Map<string, string>; vendors: Map<string, string>; at: number };

/** Names of people, teams and vendors, cached per workspace so the message hot path needs no joins. */
export class Directory {
  private cache = new Map<string, Entry>();
  constructor(private db: Db, private ttlMs = 30_000) {}

  async get(workspaceId: string, mustHave?: { userId?: string | null; teamId?: string | null; vendorId?: string | null }) {
    let e = this.cache.get(workspaceId);
    const stale = !e || Date.now() - e.at > this.ttlMs;
    const missing =
      e &&
      ((mustHave?.userId && !e.users.has(mustHave.userId)) ||
        (mustHave?.teamId && !e.teams.has(mustHave.teamId)) ||
        (mustHave?.vendorId && !e.vendors.has(mustHave.vendorId)));
    if (stale || missing) {
      const d = await q.listDirectory(this.db, workspaceId);
      e = {
        users: new Map(d.users.map((u) => [u.id, { name: u.name, avatarUrl: u.avatarUrl, role: u.role }])),
        teams: new Map(d.teams.map((t) => [t.id, t.name])),
        vendors: new Map(d.vendors.map((v) => [v.id, v.name])),
        at: Date.now(),
      };
      this.cache.set(workspaceId, e);
    }
    return e!;
  }

  invalidate(workspaceId: string) {
    this.cache.delete(workspaceId);
  }
}
