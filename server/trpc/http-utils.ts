import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'alap_session';

export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === SESSION_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean) {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

// Behind a proxy the socket address is the proxy's; trust X-Forwarded-For only from loopback.
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>): string {
  const remote = req.socket?.remoteAddress ?? 'unknown';
  const fwd = req.headers['x-forwarded-for'];
  if (fwd && (remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1')) {
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return remote;
}

const fromLoopback = (req: Pick<IncomingMessage, 'socket'>) => {
  const remote = req.socket?.remoteAddress;
  return remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
};

/**
 * CSRF: the origin of the page that sent a browser request, when that is not this server (null when it is, or
 * when the request names none: curl and server-side clients send no Origin, and a browser sends one with every
 * POST and WebSocket handshake). "This server" is the Host header, or X-Forwarded-Host from a local proxy.
 */
export function crossSiteOrigin(req: Pick<IncomingMessage, 'headers' | 'socket'>): string | null {
  const raw = req.headers.origin ?? req.headers.referer;
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) return null;
  let host: string;
  try {
    host = new URL(header).host;
  } catch {
    return header; // "null" (sandboxed frames, file://) or garbage: not one of our pages
  }
  const fwd = req.headers['x-forwarded-host'];
  const forwarded = fromLoopback(req) && fwd ? (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim() : undefined;
  const ours = [req.headers.host, forwarded].filter(Boolean).map((h) => h!.toLowerCase());
  return ours.includes(host.toLowerCase()) ? null : header;
}
