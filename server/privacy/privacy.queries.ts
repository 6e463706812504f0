import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { fieldCrypto } from '@/server/security/field-crypto';
import { attachments, contacts, conversations, csatResponses, messageSearch, messageSearchQueue, messages, notifications, orders, tickets, widgets, workspaces } from '@/db/schema';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** By part of the name, or the whole email, phone (blind indexes: they are stored sealed) or shop customer id. */
export async function findContacts(db: Db, workspaceId: string, query: string, limit: number) {
  const q = query.trim();
  const fc = await fieldCrypto(db);
  const emailBidx = fc.blind('email', q);
  const phoneBidx = /^[\d\s()+-]{6,}$/.test(q) ? fc.blind('phone', q) : null;
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      email: contacts.email,
      phone: contacts.phone,
      externalId: contacts.externalId,
      erasedAt: contacts.erasedAt,
      createdAt: contacts.createdAt,
      conversations: sql<number>`(select count(*)::int from conversations c where c.contact_id = "contacts"."id")`,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        q
          ? or(
              ilike(contacts.name, like(q)),
              emailBidx ? eq(contacts.emailBidx, emailBidx) : undefined,
              phoneBidx ? eq(contacts.phoneBidx, phoneBidx) : undefined,
              eq(contacts.externalId, q),
              sql`${contacts.id}::text = ${q}`,
            )
          : undefined,
      ),
    )
    .orderBy(desc(contacts.lastSeenAt), desc(contacts.createdAt))
    .limit(limit);
  return rows.map((r) => fc.openContact(r));
}

export async function findContact(db: Db, workspaceId: string, id: string) {
  const rows = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return rows[0] ? (await fieldCrypto(db)).openContact(rows[0]) : null;
}

export const conversationsOfContact = (db: Db, contactId: string) =>
  db.select().from(conversations).where(eq(conversations.contactId, contactId)).orderBy(asc(conversations.createdAt));

export const messagesOf = (db: Db, conversationIds: string[]) =>
  conversationIds.length ? db.select().from(messages).where(inArray(messages.conversationId, conversationIds)).orderBy(asc(messages.id)) : Promise.resolve([]);

export const ordersOf = (db: Db, workspaceId: string, contactId: string) =>
  db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.contactId, contactId))).orderBy(asc(orders.placedAt));

export const ticketsOf = (db: Db, workspaceId: string, contactId: string) =>
  db.select().from(tickets).where(and(eq(tickets.workspaceId, workspaceId), eq(tickets.contactId, contactId))).orderBy(asc(tickets.createdAt));

export const csatOf = (db: Db, contactId: string) => db.select().from(csatResponses).where(eq(csatResponses.contactId, contactId));

export const REDACTED = '[removed]';

/**
 * Removes what was said in these conversations: every message body (customer's, staff's, notes; system events
 * name no customer data and stay), their search entries, previews, the page they were about, CSAT comments,
 * notification texts and ticket subjects. Ids, times, statuses, ratings, model readings and reporting events stay.
 */
export async function redactConversations(db: Db, conversationIds: string[], now: Date) {
  if (!conversationIds.length) return 0;
  const ids = inArray(messages.conversationId, conversationIds);
  const msgIds = db.select({ id: messages.id }).from(messages).where(ids);
  await db.delete(messageSearch).where(inArray(messageSearch.messageId, msgIds));
  await db.delete(messageSearchQueue).where(inArray(messageSearchQueue.messageId, msgIds));
  const redacted = await db
    .update(messages)
    .set({ body: REDACTED, meta: { redacted: true }, hiddenReason: null })
    .where(and(ids, sql`${messages.kind} <> 'event'`))
    .returning({ id: messages.id });
  await db.update(conversations).set({ lastMessagePreview: null, context: null, escalationReason: null, redactedAt: now }).where(inArray(conversations.id, conversationIds));
  await db.update(csatResponses).set({ comment: null }).where(inArray(csatResponses.conversationId, conversationIds));
  // Staff notifications name the customer in their title and details: they go.
  await db.delete(notifications).where(inArray(notifications.conversationId, conversationIds));
  await db.update(tickets).set({ subject: REDACTED, reminderNote: null }).where(inArray(tickets.conversationId, conversationIds));
  // Shared files go too (the caller deletes them from disk).
  await db.delete(attachments).where(inArray(attachments.conversationId, conversationIds));
  return redacted.length;
}

export async function eraseContactRow(db: Db, contactId: string, now: Date) {
  await db
    .update(contacts)
    .set({ name: null, email: null, phone: null, emailBidx: null, phoneBidx: null, externalId: null, isVerified: false, erasedAt: now })
    .where(eq(contacts.id, contactId));
  await db.update(tickets).set({ subject: REDACTED, reminderNote: null }).where(eq(tickets.contactId, contactId));
}

export async function workspaceRetention(db: Db, workspaceId: string) {
  const rows = await db.select({ days: workspaces.retentionDays, action: workspaces.retentionAction }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return rows[0] ?? null;
}

export async function setWorkspaceRetention(db: Db, workspaceId: string, days: number | null, action: 'anonymise' | 'delete') {
  await db.update(workspaces).set({ retentionDays: days, retentionAction: action }).where(eq(workspaces.id, workspaceId));
}

export const workspacesWithRetention = (db: Db) =>
  db.select({ id: workspaces.id, days: workspaces.retentionDays, action: workspaces.retentionAction }).from(workspaces).where(sql`${workspaces.retentionDays} is not null`);

/**
 * Resolved conversations last active before `before` with something left to redact: never redacted, or written to
 * since (a customer can reopen a conversation by writing again). For deletion: all of them.
 */
export async function expiredConversations(db: Db, workspaceId: string, before: Date, forDelete: boolean, limit: number) {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.status, 'resolved'),
        lt(conversations.lastMessageAt, before),
        forDelete ? undefined : or(isNull(conversations.redactedAt), lt(conversations.redactedAt, conversations.lastMessageAt)),
      ))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function deleteConversations(db: Db, ids: string[]) {
  if (!ids.length) return 0;
  const rows = await db.delete(conversations).where(inArray(conversations.id, ids)).returning({ id: conversations.id });
  return rows.length;
}

export const widgetConsent = (db: Db, workspaceId: string) =>
  db
    .select({ id: widgets.id, key: widgets.key, name: widgets.name, consentNoticeEn: widgets.consentNoticeEn, consentNoticeBn: widgets.consentNoticeBn, privacyUrl: widgets.privacyUrl })
    .from(widgets)
    .where(eq(widgets.workspaceId, workspaceId))
    .orderBy(asc(widgets.name));

export async function setWidgetConsent(db: Db, workspaceId: string, widgetId: string, v: { consentNoticeEn: string | null; consentNoticeBn: string | null; privacyUrl: string | null }) {
  const rows = await db.update(widgets).set(v).where(and(eq(widgets.workspaceId, workspaceId), eq(widgets.id, widgetId))).returning({ id: widgets.id });
  return rows.length > 0;
}

export async function attachmentIdsOf(db: Db, conversationIds: string[]) {
  if (!conversationIds.length) return [];
  const rows = await db.select({ id: attachments.id }).from(attachments).where(inArray(attachments.conversationId, conversationIds));
  return rows.map((r) => r.id);
}
