import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { errorText, logger } from '@/server/core/logger';
import type { WidgetService } from './widget.service';

// The page inside the shop's iframe: a static shell plus one script (/widget/widget.js, built from
// components/widget/). Not a Next page on purpose: the App Router's client runtime alone is over the
// widget's 120 KB gzip JS budget (see components/widget/widget-entry.tsx). Served by the custom server, which
// holds the database: who may frame it is the widget's own setting (allowed origins).

const PATH_RE = /^\/widget\/([A-Za-z0-9_-]{1,100})(?:\?(.*))?$/;

let buildId: string | null | undefined;
function currentBuildId(): string | null {
  if (process.env.NODE_ENV === 'development') return null;
  if (buildId === undefined) {
    try {
      buildId = readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8').trim() || null;
    } catch {
      buildId = null;
    }
  }
  return buildId;
}

// Shown until the script runs (a few seconds on 2G): a quiet spinner, no layout jump when the app takes over.
const SHELL_CSS =
  'html,body{margin:0;height:100%;background:#fff}' +
  "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans Bengali','Hind Siliguri','Noto Sans',Arial,sans-serif;color:#1f2328}" +
  '#alap-root:empty{display:flex;height:100%;align-items:center;justify-content:center}' +
  '#alap-root:empty::after{content:"";width:28px;height:28px;border:3px solid #e3e6ea;border-top-color:#0f766e;border-radius:50%;animation:alap-spin .9s linear infinite}' +
  '@keyframes alap-spin{to{transform:rotate(360deg)}}' +
  '@media (prefers-reduced-motion:reduce){#alap-root:empty::after{animation:none}}';

/** The Content-Security-Policy of the widget page: framed only by the widget's allowed origins (any, when none). */
export function widgetPageCsp(allowedOrigins: string[] | null) {
  const ancestors = allowedOrigins === null ? "'self'" : allowedOrigins.length === 0 ? '*' : ["'self'", ...allowedOrigins.map(originOf).filter(Boolean)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self' ws: wss:",
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

const originOf = (o: string) => {
  try {
    const u = new URL(o);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : '';
  } catch {
    return '';
  }
};

/** GET /widget/<key>: the widget's page. Returns false when the URL is not this route. */
export function handleWidgetPage(widgets: WidgetService, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const m = PATH_RE.exec(req.url ?? '');
  if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const key = m[1]!;
  const locale = new URLSearchParams(m[2] ?? '').get('locale') === 'bn' ? 'bn' : 'en';
  widgets.allowedOriginsOf(key).then(
    (allowed) => send(res, key, locale, widgetPageCsp(allowed), req.method === 'HEAD'),
    (e: unknown) => {
      logger.warn('widget.page_failed', { error: errorText(e) });
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
      res.end('Please try again in a moment.');
    },
  );
  return true;
}

function send(res: http.ServerResponse, key: string, locale: 'bn' | 'en', csp: string, head: boolean) {
  const v = currentBuildId();
  const src = `/widget/widget.js${v ? `?v=${encodeURIComponent(v)}` : `?t=${Date.now()}`}`;
  // key matches PATH_RE, so it is safe inside an attribute as is.
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">' +
    '<meta name="robots" content="noindex, nofollow"><meta name="color-scheme" content="light">' +
    // No favicon request: one round trip less on 2G.
    '<link rel="icon" href="data:,">' +
    `<title>Chat · আলাপ</title><style>${SHELL_CSS}</style>` +
    `<script src="${src}" defer></script></head>` +
    `<body><div id="alap-root" data-key="${key}"></div>` +
    '<noscript><p style="padding:16px">Please turn on JavaScript to chat with us. · চ্যাট করতে JavaScript চালু করুন।</p></noscript>' +
    '</body></html>';
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    // Tiny and the same for every visitor of this widget; revalidated each time so a deploy is picked up at once.
    'cache-control': 'no-cache',
    'content-security-policy': csp,
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
  });
  res.end(head ? undefined : html);
}
