import type { Db } from '@/db/client';
import type { PresenceStatus } from '@/lib/contracts/chat';
import type { EventBus } from '@/server/core/event-bus';
import * as q from '@/server/chat/chat.queries';

export class PresenceService {
  constructor(
    private db: Db,
    private bus: EventBus,
  ) {}

  async setPresence(workspaceId: string, userId: string, status: PresenceStatus) {
    const at = await q.setPresence(this.db, userId, status);
    this.bus.emit('presence.changed', { workspaceId, userId, status, at: at.toISOString() });
    return status;
  }

  /** A desk socket connected: an offline person comes online; "away" stays away across reconnects. */
  async markConnected(workspaceId: string, userId: string) {
    const at = await q.markOnlineIfOffline(this.db, userId);
    if (at) this.bus.emit('presence.changed', { workspaceId, userId, status: 'online', at: at.toISOString() });
  }
}
