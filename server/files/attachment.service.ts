import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { attachments } from '@/db/schema';
import type { MessageAttachment } from '@/lib/contracts/chat';
import type { AuditService } from '@/server/audit/audit.service';
import type { Actor } from '@/server/auth/auth.service';
import type { ChatService } from '@/server/chat/chat.service';
import { AppError } from '@/server/core/app-error';
import { logger } from '@/server/core/logger';
import { ACCEPTED_TEXT, inspectContent, reencodeImage, safeFileName } from './file-checks';
import { ScannerUnavailable, scanWithClamd } from './virus-scanner';

export type AttachmentOptions = {
  /** Where files are kept: quarantine/ until scanned, files/ once clean. */
  dir: string;
  maxBytes: number;
  /** clamd's unix socket path or host:port; unset: uploads are refused (never passed unscanned). */
  clamdAddress?: string;
};

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Files in conversations, from the widget and the desk. Checked by content (magic numbers), images re-encoded
 * without metadata, kept in quarantine until ClamAV's daemon says clean, then sent as a message whose link carries a
 * per-file token. An infected file is refused with the reason; when the scanner cannot answer, the upload fails
 * closed and nothing is kept.
 */
export class AttachmentService {
  constructor(
    private db: Db,
    private chat: ChatService,
    private audit: AuditService,
    private opts: AttachmentOptions,
  ) {}

  get maxBytes() {
    return this.opts.maxBytes;
  }

  async upload(actor: Actor, input: { conversationId: string; fileName: string; clientId: string; ip?: string | null }, raw: Buffer) {
    const key = await this.chat.authorizeConversation(actor, input.conversationId, 'write');
    if (raw.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty');
    if (raw.length > this.opts.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.round(this.opts.maxBytes / 1024 / 1024)} MB`, { reason: 'too_large' });
    const type = await inspectContent(raw);
    if (!type) throw new AppError('BAD_REQUEST', `This kind of file cannot be shared. You can send ${ACCEPTED_TEXT}`, { reason: 'type' });
    let data = raw;
    if (type.image) {
      try {
        data = await reencodeImage(raw, type.mime);
      } catch {
        throw new AppError('BAD_REQUEST', 'This image could not be read. Try saving it again as JPEG or PNG', { reason: 'type' });
      }
    }
    const name = safeFileName(input.fileName, type.ext);
    const id = randomUUID();
    const token = randomBytes(24).toString('base64url');
    await fs.mkdir(this.quarantineDir, { recursive: true });
    await fs.mkdir(this.filesDir, { recursive: true });
    const quarantined = path.join(this.quarantineDir, id);
    await fs.writeFile(quarantined, data, { mode: 0o600 });
    const uploaderType = actor.kind === 'visitor' ? 'contact' : 'agent';
    const uploaderId = actor.kind === 'visitor' ? actor.contactId : actor.userId;
    await this.db.insert(attachments).values({ id, workspaceId: key.workspaceId, conversationId: input.conversationId, uploaderType, uploaderId, fileName: name, mime: type.mime, size: data.length, sha256: sha256(data), tokenHash: sha256(token) });

    const reject = async (result: string) => {
      await fs.rm(quarantined, { force: true });
      await this.db.update(attachments).set({ status: 'rejected', scanResult: result, scannedAt: new Date() }).where(eq(attachments.id, id));
    };
    if (!this.opts.clamdAddress) {
      await reject('scanner_not_configured');
      throw new AppError('UNAVAILABLE', 'File sharing is not available: no virus scanner is configured (CLAMAV_ADDRESS)', { reason: 'scanner' });
    }
    let scan;
    try {
      // The file as it will be served (images after re-encoding), and as it came, for what re-encoding might hide.
      scan = await scanWithClamd(this.opts.clamdAddress, data);
      if (scan.clean && data !== raw) scan = await scanWithClamd(this.opts.clamdAddress, raw);
    } catch (e) {
      if (!(e instanceof ScannerUnavailable)) throw e;
      logger.warn('files.scanner_unavailable', { error: e.message });
      await reject('scanner_unavailable');
      throw new AppError('UNAVAILABLE', 'Files cannot be checked for viruses right now, so this one was not sent. Please try again in a few minutes', { reason: 'scanner' });
    }
    if (!scan.clean) {
      await reject(`infected: ${scan.signature}`);
      await this.audit.record({
        workspaceId: key.workspaceId,
        actorId: actor.kind === 'staff' ? actor.userId : null,
        actorRole: actor.kind === 'staff' ? actor.role : 'customer',
        ip: input.ip,
        action: 'security.malware_rejected',
        targetType: 'conversation',
        targetId: input.conversationId,
        after: { fileName: name, signature: scan.signature, uploader: uploaderType, uploaderId },
      });
      throw new AppError('BAD_REQUEST', `This file contains a virus (${scan.signature.replace(/\.UNOFFICIAL$/, '')}) and was not sent`, { reason: 'virus', virus: scan.signature });
    }
    await fs.rename(quarantined, path.join(this.filesDir, id));
    await this.db.update(attachments).set({ status: 'clean', scanResult: 'clean', scannedAt: new Date() }).where(eq(attachments.id, id));
    const attachment: MessageAttachment = { id, name, mime: type.mime, size: data.length, url: `/files/${id}/${encodeURIComponent(name)}?t=${token}` };
    try {
      const message = await this.chat.sendMessage(actor, { conversationId: input.conversationId, clientId: input.clientId, body: `📎 ${name}` }, { attachment });
      await this.db.update(attachments).set({ messageId: message.id }).where(eq(attachments.id, id));
      return message;
    } catch (e) {
      // Not sent (a vendor whose conversation the platform has taken over, say): the file goes too.
      await fs.rm(path.join(this.filesDir, id), { force: true });
      await this.db.update(attachments).set({ status: 'rejected', scanResult: 'not_sent' }).where(eq(attachments.id, id));
      throw e;
    }
  }

  /** A clean file by id and link token, for /files/; null when there is none (or the token is wrong). */
  async open(id: string, token: string) {
    if (!/^[0-9a-f-]{36}$/.test(id) || !token || token.length > 100) return null;
    const [row] = await this.db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.status, 'clean')));
    if (!row) return null;
    const a = Buffer.from(row.tokenHash, 'hex');
    const b = Buffer.from(sha256(token), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    return { row, file: path.join(this.filesDir, id) };
  }

  /** Deletes the files of these conversations (erasure, retention); their rows go with the conversations. */
  async removeFiles(ids: string[]) {
    for (const id of ids) await fs.rm(path.join(this.filesDir, id), { force: true });
  }

  private get quarantineDir() {
    return path.join(this.opts.dir, 'quarantine');
  }

  private get filesDir() {
    return path.join(this.opts.dir, 'files');
  }
}
