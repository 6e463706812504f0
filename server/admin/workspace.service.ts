import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { type Db, rowsOf } from '@/db/client';
import { workspaces } from '@/db/schema';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import { logger } from '@/server/core/logger';

// The console scales a picture down in the browser first; the API takes at most 256 KB per request.
export const LOGO_MAX_UPLOAD = 180 * 1024;
const LOGO_SIZE = 256;

/**
 * Workspace settings (name, logo, default language, auto-resolve) and the auto-resolve sweep: open and pending
 * conversations without a message for the workspace's hours are resolved, with a note saying why.
 */
export class WorkspaceSettingsService {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private db: Db,
    private chat: ChatService,
    private opts: { sweepMs?: number } = {},
  ) {}

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
      const meta = await sharp(input)
        .metadata()
        .catch(() => null);
      if (!meta || !['png', 'jpeg', 'webp'].includes(meta.format ?? '')) throw new AppError('BAD_REQUEST', 'The logo must be a PNG, JPEG or WebP picture');
      const png = await sharp(input).rotate().resize(LOGO_SIZE, LOGO_SIZE, { fit: 'inside', withoutEnlargement: true }).png({ compressionLevel: 9 }).toBuffer();
      dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    }
    await this.db.update(workspaces).set({ logoDataUrl: dataUrl }).where(eq(workspaces.id, workspaceId));
    return { logoDataUrl: dataUrl };
  }

  /** Resolves conversations silent for longer than their workspace allows; returns how many. */
  async sweepAutoResolve(now = new Date(), limit = 200): Promise<number> {
    const rows = rowsOf<{ id: string; hours: number }>(
      await this.db.execute(sql`
      select c.id, w.auto_resolve_hours as hours
      from conversations c join workspaces w on w.id = c.workspace_id
      where w.auto_resolve_hours is not null
        and c.status in ('open', 'pending')
        and c.last_message_at < ${now.toISOString()}::timestamptz - make_interval(hours => w.auto_resolve_hours)
      order by c.last_message_at
      limit ${limit}`),
    );
    let done = 0;
    for (const r of rows) {
      const updated = await this.chat.systemUpdate(r.id, { status: 'resolved', resolvedAt: now, snoozedUntil: null });
      if (!updated) continue;
      await this.chat.systemMessage(r.id, `Resolved automatically after ${r.hours} hour(s) without a message.`, 'note', `auto-resolve-${randomUUID()}`);
      done++;
    }
    if (done) logger.info('workspace.auto_resolved', { conversations: done });
    return done;
  }

  start() {
    const every = this.opts.sweepMs ?? 5 * 60_000;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepAutoResolve()
        .catch((e: unknown) => logger.warn('workspace.auto_resolve_failed', { error: String(e) }))
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref?.();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
