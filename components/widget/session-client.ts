// widget.session over plain fetch. The tRPC endpoint uses the superjson transformer; inputs and outputs here
// hold only strings, booleans, numbers and null, so `{ json: … }` is all superjson needs. No tRPC client or
// superjson in the widget bundle (size budget).
import type { Customer } from './message-store';

export type WidgetConfig = {
  key: string;
  name: string;
  color: string;
  greetingEn: string;
  greetingBn: string;
  prechatEnabled: boolean;
  /** Absent from a config cached by an older version (then all three). */
  prechatFields?: ('name' | 'phone' | 'email')[];
  offlineTextEn?: string | null;
  offlineTextBn?: string | null;
  verifiedOnly: boolean;
  isOnline: boolean;
  businessHours: { timezone: string; days: { day: number; open: number; close: number }[] } | null;
  // Absent from a config cached by an older version.
  proactiveDelaySeconds?: number | null;
  consentNoticeEn?: string | null;
  consentNoticeBn?: string | null;
  privacyUrl?: string | null;
};

export type WidgetContact = { name: string | null; email: string | null; phone: string | null; isVerified: boolean };

export type WidgetSession = {
  token: string;
  contact: WidgetContact;
  identityVerified: boolean;
  activeConversationId: string | null;
  config: WidgetConfig;
};

export type SessionInput = { key: string; token?: string; locale?: 'bn' | 'en'; identity?: Customer };

/** code: the tRPC error code (UNAUTHORIZED, NOT_FOUND, TOO_MANY_REQUESTS…), or NETWORK when no answer came. */
export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function openWidgetSession(input: SessionInput, timeoutMs = 25_000): Promise<WidgetSession> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch('/api/trpc/widget.session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: ctrl.signal,
    });
  } catch {
    throw new SessionError('NETWORK', 'No connection');
  } finally {
    clearTimeout(timer);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new SessionError(res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'NETWORK', `HTTP ${res.status}`);
  }
  const b = body as {
    result?: { data?: { json?: WidgetSession } };
    error?: { json?: { message?: string; data?: { code?: string } } };
  };
  const data = b?.result?.data?.json;
  if (res.ok && data && typeof data.token === 'string' && data.config) return data;
  const err = b?.error?.json;
  throw new SessionError(err?.data?.code ?? (res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'), err?.message ?? `HTTP ${res.status}`);
}

/** The contact id (JWT subject) of a visitor token: only used to notice the cached history belongs to someone else. */
export function tokenSubject(token: string | null): string | null {
  if (!token) return null;
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}
