import type { Db } from '@/db/client';
import { AppError } from '@/server/core/app-error';
import { type AuthService, isIdentityValid, type VisitorActor } from '@/server/auth/auth.service';
import * as q from '@/server/chat/chat.queries';
import { errorText, logger } from '@/server/core/logger';
import type { ExperimentsService } from '@/server/experiments/experiments.service';
import { businessCalendars } from '@/db/schema';
import { and, eq } from 'drizzle-orm';
import { isBusinessTime } from '@/server/sla/business-time';
import { isWithinBusinessHours } from './business-hours';

export const PRECHAT_FIELDS = ['name', 'phone', 'email'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];

export type WidgetIdentity = { id: string; hash?: string; name?: string; email?: string; phone?: string };

/** Origins compare as scheme://host[:port], case-insensitively; an empty list allows every origin. */
export function originAllowed(allowed: string[], origin: string) {
  if (allowed.length === 0) return true;
  const norm = (o: string) => {
    try {
      return new URL(o).origin.toLowerCase();
    } catch {
      return o.trim().toLowerCase();
    }
  };
  const o = norm(origin);
  return allowed.some((a) => norm(a) === o);
}

export class WidgetService {
  constructor(
    private db: Db,
    private auth: AuthService,
    private experiments?: ExperimentsService,
  ) {}

  async getPublicConfig(key: string) {
    const w = await q.findWidgetByKey(this.db, key);
    if (!w) throw new AppError('NOT_FOUND', 'Unknown widget');
    return {
      key: w.key,
      name: w.name,
      color: w.color,
      greetingEn: w.greetingEn,
      greetingBn: w.greetingBn,
      prechatEnabled: w.prechatEnabled && w.prechatFields.length > 0,
      prechatFields: PRECHAT_FIELDS.filter((f) => w.prechatFields.includes(f)),
      verifiedOnly: w.verifiedOnly,
      isOnline: await this.isOpen(w),
      offlineTextEn: w.offlineTextEn,
      offlineTextBn: w.offlineTextBn,
      businessHours: w.businessHours,
      proactiveDelaySeconds: w.proactiveDelaySeconds,
      consentNoticeEn: w.consentNoticeEn,
      consentNoticeBn: w.consentNoticeBn,
      privacyUrl: w.privacyUrl,
    };
  }

  /** Within the widget's business calendar (holidays closed), or its own weekly hours when it names no calendar. */
  private async isOpen(w: { workspaceId: string; calendarId: string | null; businessHours: Parameters<typeof isWithinBusinessHours>[0] }, now = new Date()) {
    if (!w.calendarId) return isWithinBusinessHours(w.businessHours, now);
    const [cal] = await this.db
      .select()
      .from(businessCalendars)
      .where(and(eq(businessCalendars.id, w.calendarId), eq(businessCalendars.workspaceId, w.workspaceId)))
      .limit(1);
    if (!cal) return isWithinBusinessHours(w.businessHours, now);
    return isBusinessTime({ timezone: cal.timezone, hours: cal.hours, holidays: cal.holidays.map((h) => h.date) }, now);
  }

  /** The origins a widget lets embed it ([]: any); null for an unknown key. */
  async allowedOriginsOf(key: string): Promise<string[] | null> {
    const w = await q.findWidgetByKey(this.db, key);
    return w ? w.allowedOrigins : null;
  }

  /** Whether a page of `origin` may embed this widget: any, when the widget names no origins; else only those. */
  async allowsOrigin(widgetId: string, origin: string) {
    const w = await q.findWidgetById(this.db, widgetId);
    if (!w) return false;
    return originAllowed(w.allowedOrigins, origin);
  }

  /**
   * What the loader on the shop's page needs before anyone opens the chat: whether a proactive message may show
   * (then it loads the chat in the background, which opens the visitor's session and says when).
   */
  async getLoaderConfig(key: string) {
    const w = await q.findWidgetByKey(this.db, key);
    if (!w) throw new AppError('NOT_FOUND', 'Unknown widget');
    const proactive = await this.experimentOr('proactive_delay', w.id, w.proactiveDelaySeconds !== null, (x) =>
      x.mayShowProactive(w.workspaceId, w.id, w.proactiveDelaySeconds),
    );
    return { proactive };
  }

  /**
   * Opens (or resumes) a visitor session. A valid token for this widget resumes the same contact, so a
   * returning visitor sees their history. A signed identity (HMAC of the shop's customer id) binds the visitor
   * to that customer; a widget set to "verified only" refuses anything else.
   */
  async openSession(key: string, input: { token?: string; identity?: WidgetIdentity; locale?: 'bn' | 'en' }) {
    const w = await q.findWidgetByKey(this.db, key);
    if (!w) throw new AppError('NOT_FOUND', 'Unknown widget');
    const existing = await this.auth.verifyVisitorToken(input.token);
    let visitor: VisitorActor | null = existing && existing.widgetId === w.id ? existing : null;
    let identityVerified = false;

    if (input.identity) {
      identityVerified = isIdentityValid(w.identitySecret, input.identity.id, input.identity.hash);
      if (!identityVerified && w.verifiedOnly) throw new AppError('UNAUTHORIZED', 'Customer identity could not be verified');
      if (identityVerified) {
        const contact = await q.upsertContactByExternalId(this.db, w.workspaceId, {
          externalId: input.identity.id,
          name: input.identity.name,
          email: input.identity.email,
          phone: input.identity.phone,
        });
        visitor = { kind: 'visitor', contactId: contact.id, workspaceId: w.workspaceId, widgetId: w.id };
      }
    } else if (w.verifiedOnly) {
      const c = visitor && (await q.findContact(this.db, w.workspaceId, visitor.contactId));
      if (!c?.isVerified) throw new AppError('UNAUTHORIZED', 'This chat is only for signed-in customers');
      identityVerified = true;
    }

    // A customer who was erased starts afresh: nothing new is written under the erased record.
    if (visitor) {
      const c = await q.findContact(this.db, w.workspaceId, visitor.contactId);
      if (!c || c.erasedAt) visitor = null;
    }
    if (!visitor) {
      const contact = await q.insertContact(this.db, w.workspaceId, { locale: input.locale });
      visitor = { kind: 'visitor', contactId: contact.id, workspaceId: w.workspaceId, widgetId: w.id };
    }
    const contact = (await q.findContact(this.db, w.workspaceId, visitor.contactId))!;
    const active = await q.findActiveConversationOfContact(this.db, visitor.contactId);
    const config = await this.getPublicConfig(key);
    return {
      token: await this.auth.signVisitorToken(visitor),
      contact: { name: contact.name, email: contact.email, phone: contact.phone, isVerified: contact.isVerified },
      identityVerified,
      activeConversationId: active?.id ?? null,
      config: {
        ...config,
        ...(await this.experimentOr('greeting', w.id, { greetingEn: config.greetingEn, greetingBn: config.greetingBn }, (x) =>
          x.greetingFor(w.workspaceId, w.id, visitor.contactId, config),
        )),
        proactiveDelaySeconds: await this.experimentOr('proactive_delay', w.id, config.proactiveDelaySeconds, (x) =>
          x.proactiveDelayFor(w.workspaceId, w.id, visitor.contactId, config.proactiveDelaySeconds),
        ),
      },
    };
  }

  /**
   * What a running experiment on this widget (or all of the workspace's) shows this contact instead of the
   * widget's own setting: the greeting, the proactive message's delay. The session is what the customer sees, so
   * this is where the assignment happens and the exposure is logged; an experiment that cannot be read never
   * costs the customer their chat (the widget's own setting then applies).
   */
  private async experimentOr<T>(what: string, widgetId: string, own: T, read: (x: ExperimentsService) => Promise<T>): Promise<T> {
    if (!this.experiments) return own;
    try {
      return await read(this.experiments);
    } catch (e) {
      logger.warn('widget.experiment_failed', { what, widgetId, error: errorText(e) });
      return own;
    }
  }
}
