import { createReadStream } from 'node:fs';
import type http from 'node:http';
import type { App } from '@/server/app';
import type { Actor } from '@/server/auth/auth.service';
import { type AppErrorCode, isAppError } from '@/server/core/app-error';
import { errorText, logger } from '@/server/core/logger';
import { clientIp, crossSiteOrigin, readSessionCookie } from '@/server/trpc/http-utils';

// Uploads (POST /api/attachments) and downloads (GET /files/<id>/<name>?t=<token>) of conversation files.
// Plain HTTP on the custom server: a file is a byte stream, not JSON, and tRPC bodies are capped at 256 KB.

const UPLOAD_RE = /^\/api\/attachments(?:\?(.*))?$/;
const FILE_RE = /^\/files\/([0-9a-f-]{36})\/[^/?]*(?:\?(.*))?$/;

const status: Record<AppErrorCode, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429, PAYLOAD_TOO_LARGE: 413, UNAVAILABLE: 503, INTERNAL: 500 };

function json(res: http.ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

/** The staff session (cookie, same site only) or the widget visitor (Authorization: Bearer <visitor token>). */
async function actorOf(app: App, req: http.IncomingMessage): Promise<Actor | null> {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) return app.auth.verifyVisitorToken(bearer);
  if (crossSiteOrigin(req)) return null;
  return app.auth.findActorBySession(readSessionCookie(req.headers.cookie));
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function handleFilesHttp(app: App, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? '/';
  const upload = UPLOAD_RE.exec(url);
  if (upload) {
    void handleUpload(app, req, res, new URLSearchParams(upload[1] ?? ''));
    return true;
  }
  const file = FILE_RE.exec(url);
  if (file && (req.method === 'GET' || req.method === 'HEAD')) {
    void handleFile(app, res, file[1]!, new URLSearchParams(file[2] ?? '').get('t') ?? '');
    return true;
  }
  return false;
}

async function handleUpload(app: App, req: http.IncomingMessage, res: http.ServerResponse, params: URLSearchParams) {
  try {
    if (req.method !== 'POST') return json(res, 405, { error: { code: 'METHOD_NOT_SUPPORTED', message: 'POST the file' } }, { allow: 'POST' });
    const actor = await actorOf(app, req);
    if (!actor) return json(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Sign in again' } });
    const ip = clientIp(req);
    if (actor.kind === 'visitor') await app.rateLimits.consume('messagePerVisitor', actor.contactId);
    else await app.rateLimits.consume('mutationPerUser', actor.userId);
    const conversationId = params.get('conversationId') ?? '';
    const clientId = params.get('clientId') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(conversationId) || !/^[A-Za-z0-9_-]{1,100}$/.test(clientId)) return json(res, 400, { error: { code: 'BAD_REQUEST', message: 'conversationId and clientId are required' } });
    const declared = Number(req.headers['content-length'] ?? NaN);
    const max = app.attachments.maxBytes;
    if (Number.isFinite(declared) && declared > max) return json(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `Files can be at most ${Math.round(max / 1024 / 1024)} MB`, reason: 'too_large' } }, { connection: 'close' });
    const body = await readBody(req, max);
    if (!body) return json(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `Files can be at most ${Math.round(max / 1024 / 1024)} MB`, reason: 'too_large' } }, { connection: 'close' });
    const message = await app.attachments.upload(actor, { conversationId, clientId, fileName: params.get('name') ?? 'file', ip }, body);
    json(res, 200, { message });
  } catch (e) {
    if (isAppError(e)) {
      const details = e.details as { retryAfterSeconds?: number; reason?: string } | undefined;
      const retry = details?.retryAfterSeconds;
      // reason: what went wrong, for the widget to say in the customer's language (virus, type, too_large, scanner).
      return json(res, status[e.code], { error: { code: e.code, message: e.message, reason: details?.reason ?? null } }, retry ? { 'retry-after': String(retry) } : {});
    }
    logger.error('files.upload_failed', { error: errorText(e) });
    if (!res.headersSent) json(res, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  }
}

async function handleFile(app: App, res: http.ServerResponse, id: string, token: string) {
  try {
    const found = await app.attachments.open(id, token);
    if (!found) return json(res, 404, { error: { code: 'NOT_FOUND', message: 'No such file' } });
    const { row, file } = found;
    const inline = row.mime.startsWith('image/');
    res.writeHead(200, {
      'content-type': row.mime,
      'content-length': String(row.size),
      // Never rendered as anything but what it is; documents download, images show; no script can run from here.
      'x-content-type-options': 'nosniff',
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'cache-control': 'private, max-age=86400',
    });
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch (e) {
    logger.error('files.download_failed', { error: errorText(e) });
    if (!res.headersSent) json(res, 500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  }
}
