import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { type Db, rowsOf } from '@/db/client';
import { workspaces } from '@/db/schema';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import { logger } from '@/server/core/logger';
import { Periodic } from '@/server/core/periodic';

// The console scales a picture down in the browser first; the API takes at most 256 KB per request.
export const LOGO_MAX_UPLOAD = 180 * 1024;
const LOGO_SIZE = 256;
// A small file may declare a huge picture: decoding is refused beyond this.
const MAX_LOGO_PIXELS = 4096 * 4096;

/**
 * Workspace settings (name, logo, default language, auto-resolve) and the auto-resolve sweep: open and pending
 * conversations without a message for the workspace's hours are resolved, with a note saying why.
 */
export class WorkspaceSettingsService {
  private sweep: Periodic;

  constructor(
    private db: Db,
    private chat: ChatService,
    opts: { sweepMs?: number } = {},
  ) {
    this.sweep = new Periodic(opts.sweepMs ?? 5 * 60_000, () => this.sweepAutoResolve(), 'workspace.auto_resolve_failed');
  }

  async get(workspaceId: string) {
    const [w] = await this.db
      .select({ name: workspaces.name, logoDataUrl: workspaces.logoDataUrl, defaultLocale: workspaces.defaultLocale, autoResolveHours: workspaces.autoResolveHours })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    if (!w) throw new AppError('NOT_FOUND', 'Unknown workspace');
    return w;
  }

  async update(workspaceId: string, set: { name: string; defaultLocale: 'en' | 'bn'; autoResolveHours: number | null }) {
    await this.db.update(workspaces).set({ name: set.name.trim(), defaultLocale: set.defaultLocale, autoResolveHours: set.autoResolveHours }).where(eq(workspaces.id, workspaceId));
  }

  /**
   * A logo from an uploaded picture (PNG, JPEG or WebP): decoded and re-encoded as a PNG of at most 256 px, so
   * nothing but pixels is kept. Null removes it.
   */
  async setLogo(workspaceId: string, base64: string | null) {
    let dataUrl: string | null = null;
    if (base64 !== null) {
      const input = Buffer.from(base64, 'base64');
      if (input.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty');
      if (input.length > LOGO_MAX_UPLOAD) throw new AppError('BAD_REQUEST', 'The logo file is too large (at most 180 KB after scaling)');
      const meta = await sharp(input, { limitInputPixels: MAX_LOGO_PIXELS })
        .metadata()
        .catch(() => null);
      if (!meta || !['png', 'jpeg', 'webp'].includes(meta.format ?? '')) throw new AppError('BAD_REQUEST', 'The logo must be a PNG, JPEG or WebP picture');
      if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_LOGO_PIXELS) throw new AppError('BAD_REQUEST', 'The logo is too large (at most 4096 × 4096 pixels)');
      const png = await sharp(input, { limitInputPixels: MAX_LOGO_PIXELS }).rotate().resize(LOGO_SIZE, LOGO_SIZE, { fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer();
      dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    }
    await this.db.update(workspaces).set({ logoDataUrl: dataUrl }).where(eq(workspaces.id, workspaceId));
    return { logoDataUrl: dataUrl };
  }

  /** Resolves conversations silent for longer than their workspace allows; returns how many. */
  async sweepAutoResolve(now = new Date(), limit = 200): Promise<number> {
    // Claimed in one statement (a row is resolved by one node only). A customer still waiting for an answer is
    // never closed on: silence means the customer's, after the team replied, that is after a text from an agent
    // (or an automation) newer than the customer's last message. Events (an assignment, a transfer) and notes
    // after the customer's message are not an answer.
    const rows = rowsOf<{ id: string; hours: number }>(
      await this.db.execute(sql`
      update conversations c set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, snoozed_until = null
      from workspaces w
      where w.id = c.workspace_id and c.id in (
        select c2.id from conversations c2 join workspaces w2 on w2.id = c2.workspace_id
        where w2.auto_resolve_hours is not null
          and c2.status in ('open', 'pending')
          and c2.last_contact_message_id < c2.last_message_id
          and exists (select 1 from messages m where m.conversation_id = c2.id and m.id > c2.last_contact_message_id
                      and m.kind = 'text' and m.sender_type <> 'contact')
          and c2.last_message_at < ${now.toISOString()}::timestamptz - make_interval(hours => w2.auto_resolve_hours)
        order by c2.last_message_at
        limit ${limit}
        for update of c2 skip locked)
      returning c.id, w.auto_resolve_hours as hours`),
    );
    let done = 0;
    for (const r of rows) {
      // Already resolved above; this tells open desks and the widget, as any status change does.
      const updated = await this.chat.systemUpdate(r.id, { status: 'resolved', resolvedAt: now, snoozedUntil: null });
      if (!updated) continue;
      await this.chat.systemMessage(r.id, `Resolved automatically after ${r.hours} hour(s) without a message.`, 'note', `auto-resolve-${randomUUID()}`);
      done++;
    }
    if (done) logger.info('workspace.auto_resolved', { conversations: done });
    return done;
  }

  start() {
    this.sweep.start();
  }

  stop() {
    return this.sweep.stop();
  }
}
