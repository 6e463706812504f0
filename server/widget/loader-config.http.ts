import type http from 'node:http';
import { AppError } from '@/server/core/app-error';
import { errorText, logger } from '@/server/core/logger';
import type { WidgetService } from './widget.service';

const PATH_RE = /^\/api\/widget\/([A-Za-z0-9_-]{1,100})\/loader(?:\?.*)?$/;

/**
 * GET /api/widget/<key>/loader: what `public/widget.js` asks on the shop's page before anyone opens the chat
 * (whether a proactive message may show). Public and the same for every visitor: any origin may read it, and
 * browsers may keep it for a minute. Returns false when the URL is not this route.
 */
export function handleLoaderConfig(widget: WidgetService, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const m = PATH_RE.exec(req.url ?? '');
  if (!m) return false;
  const headers = { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' });
    res.end(JSON.stringify({ error: 'Method not allowed' }));
    return true;
  }
  widget.getLoaderConfig(m[1]!).then(
    (body) => {
      res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=60' });
      res.end(JSON.stringify(body));
    },
    (e: unknown) => {
      const notFound = e instanceof AppError && e.code === 'NOT_FOUND';
      if (!notFound) logger.warn('widget.loader_config_failed', { error: errorText(e) });
      res.writeHead(notFound ? 404 : 500, { ...headers, 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: notFound ? 'Unknown widget' : 'Try again later' }));
    },
  );
  return true;
}
