import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { businessCalendars, teams, widgets } from '@/db/schema';
import { AppError } from '@/server/core/app-error';
import { fieldCrypto } from '@/server/security/field-crypto';
import { PRECHAT_FIELDS, type PrechatField } from '@/server/widget/widget.service';

/** Everything the widget builder edits; the identity secret is never here (shown once, at creation or rotation). */
export type WidgetSettings = {
  name: string;
  color: string;
  greetingEn: string;
  greetingBn: string;
  offlineTextEn: string | null;
  offlineTextBn: string | null;
  prechatEnabled: boolean;
  prechatFields: PrechatField[];
  allowedOrigins: string[];
  verifiedOnly: boolean;
  defaultTeamId: string | null;
  // The models may move a new chat to the team its first messages are about (off: it stays in defaultTeamId).
  intentRouting: boolean;
  calendarId: string | null;
};

const newSecret = () => randomBytes(24).toString('hex');
const newKey = () => `w-${randomBytes(9).toString('base64url')}`;

/** An origin as browsers send it (scheme://host[:port]); anything else is refused with the reason. */
export function normaliseOrigin(raw: string): string {
  const v = raw.trim();
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new AppError('BAD_REQUEST', `“${v}” is not a website address; write it as https://shop.example.com`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AppError('BAD_REQUEST', `“${v}”: only http and https websites can embed the chat`);
  if (u.pathname !== '/' || u.search || u.hash) throw new AppError('BAD_REQUEST', `“${v}”: give the website only (https://shop.example.com), without a page path`);
  // The origin lands in the widget page's Content-Security-Policy: a plain host name only (no wildcards, quotes or
  // separators), and no user name or password.
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(u.hostname) || u.username || u.password) throw new AppError('BAD_REQUEST', `“${v}” is not a website address; write it as https://shop.example.com`);
  return u.origin;
}

/**
 * The admin console's widget builder: several widgets per workspace, each with its look, texts in Bengali and
 * English, pre-chat fields, allowed origins, identity verification, the team it routes to and its opening hours.
 */
export class AdminWidgetsService {
  constructor(private db: Db) {}

  async list(workspaceId: string) {
    const rows = await this.db
      .select({
        id: widgets.id,
        key: widgets.key,
        name: widgets.name,
        color: widgets.color,
        greetingEn: widgets.greetingEn,
        greetingBn: widgets.greetingBn,
        offlineTextEn: widgets.offlineTextEn,
        offlineTextBn: widgets.offlineTextBn,
        prechatEnabled: widgets.prechatEnabled,
        prechatFields: widgets.prechatFields,
        allowedOrigins: widgets.allowedOrigins,
        verifiedOnly: widgets.verifiedOnly,
        defaultTeamId: widgets.defaultTeamId,
        intentRouting: widgets.intentRouting,
        calendarId: widgets.calendarId,
        createdAt: widgets.createdAt,
        conversations: sql<number>`(select count(*)::int from conversations c where c.widget_id = "widgets"."id")`,
      })
      .from(widgets)
      .where(eq(widgets.workspaceId, workspaceId))
      .orderBy(asc(widgets.createdAt), asc(widgets.name));
    const [teamRows, calendars] = await Promise.all([
      this.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name)),
      this.db.select({ id: businessCalendars.id, name: businessCalendars.name }).from(businessCalendars).where(eq(businessCalendars.workspaceId, workspaceId)).orderBy(asc(businessCalendars.name)),
    ]);
    return { widgets: rows.map((w) => ({ ...w, prechatFields: PRECHAT_FIELDS.filter((f) => w.prechatFields.includes(f)) })), teams: teamRows, calendars };
  }

  /** A new widget; its identity secret is returned this once. */
  async create(workspaceId: string, input: WidgetSettings) {
    const clean = await this.validate(workspaceId, input);
    const secret = newSecret();
    const fc = await fieldCrypto(this.db);
    const [row] = await this.db
      .insert(widgets)
      .values({ workspaceId, key: newKey(), ...clean, identitySecret: fc.seal(secret)! })
      .returning({ id: widgets.id, key: widgets.key });
    return { id: row!.id, key: row!.key, identitySecret: secret };
  }

  async update(workspaceId: string, id: string, input: WidgetSettings) {
    await this.widget(workspaceId, id);
    const clean = await this.validate(workspaceId, input);
    await this.db.update(widgets).set(clean).where(eq(widgets.id, id));
  }

  /** A new identity secret, returned this once; the old one stops verifying at once. */
  async rotateSecret(workspaceId: string, id: string) {
    await this.widget(workspaceId, id);
    const secret = newSecret();
    const fc = await fieldCrypto(this.db);
    await this.db.update(widgets).set({ identitySecret: fc.seal(secret)! }).where(eq(widgets.id, id));
    return { identitySecret: secret };
  }

  private async widget(workspaceId: string, id: string) {
    const [w] = await this.db.select({ id: widgets.id }).from(widgets).where(and(eq(widgets.id, id), eq(widgets.workspaceId, workspaceId))).limit(1);
    if (!w) throw new AppError('NOT_FOUND', 'Unknown widget');
    return w;
  }

  private async validate(workspaceId: string, input: WidgetSettings): Promise<WidgetSettings> {
    if (input.defaultTeamId) {
      const [t] = await this.db.select({ id: teams.id }).from(teams).where(and(eq(teams.id, input.defaultTeamId), eq(teams.workspaceId, workspaceId))).limit(1);
      if (!t) throw new AppError('BAD_REQUEST', 'Choose one of your teams');
    }
    if (input.calendarId) {
      const [c] = await this.db
        .select({ id: businessCalendars.id })
        .from(businessCalendars)
        .where(and(eq(businessCalendars.id, input.calendarId), eq(businessCalendars.workspaceId, workspaceId)))
        .limit(1);
      if (!c) throw new AppError('BAD_REQUEST', 'Choose one of your business-hours calendars');
    }
    const origins = [...new Set(input.allowedOrigins.map((o) => o.trim()).filter(Boolean).map(normaliseOrigin))];
    const blank = (v: string | null) => (v && v.trim() ? v.trim() : null);
    return {
      ...input,
      name: input.name.trim(),
      greetingEn: input.greetingEn.trim(),
      greetingBn: input.greetingBn.trim(),
      offlineTextEn: blank(input.offlineTextEn),
      offlineTextBn: blank(input.offlineTextBn),
      prechatFields: PRECHAT_FIELDS.filter((f) => input.prechatFields.includes(f)),
      allowedOrigins: origins,
    };
  }
}
