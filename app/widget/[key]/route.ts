import { readFileSync } from 'node:fs';
import path from 'node:path';

// The page inside the shop's iframe: a static shell plus one script (/widget/widget.js, built from
// components/widget/). Not a Next page on purpose: the App Router's client runtime alone is over the
// widget's 120 KB gzip JS budget (see components/widget/widget-entry.tsx).

const KEY_RE = /^[A-Za-z0-9_-]{1,100}$/;

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

export async function GET(req: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!KEY_RE.test(key)) {
    return new Response('Unknown widget', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const locale = new URL(req.url).searchParams.get('locale') === 'bn' ? 'bn' : 'en';
  const v = currentBuildId();
  const src = `/widget/widget.js${v ? `?v=${encodeURIComponent(v)}` : `?t=${Date.now()}`}`;
  // key matches KEY_RE, so it is safe inside an attribute as is.
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
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Tiny and identical for every visitor; revalidated each time so a deploy is picked up at once.
      'cache-control': 'no-cache',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-content-type-options': 'nosniff',
    },
  });
}
