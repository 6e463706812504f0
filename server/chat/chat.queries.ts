import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbHandle, PreparedStatement } from '@/db/client';
import { fieldCrypto } from '@/server/security/field-crypto';
import type { ReasonDetail } from '@/lib/reasons';
import {
  contacts,
  conversationReads,
  conversations,
  csatResponses,
  messageAnnotations,
  messages,
  orders,
  products,
  routingDecisions,
  teamMembers,
  teams,
  users,
  vendors,
  widgets,
} from '@/db/schema';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type NewMessageRow = typeof messages.$inferInsert;

/** A widget, its identity secret readable (it is kept sealed). */
async function openWidget(db: Db, w: typeof widgets.$inferSelect | undefined) {
  return w ? { ...w, identitySecret: (await fieldCrypto(db)).open(w.identitySecret)! } : null;
}

export async function findWidgetByKey(db: Db, key: string) {
  const rows = await db.select().from(widgets).where(eq(widgets.key, key)).limit(1);
  return openWidget(db, rows[0]);
}

export async function findWidgetById(db: Db, id: string) {
  const rows = await db.select().from(widgets).where(eq(widgets.id, id)).limit(1);
  return openWidget(db, rows[0]);
}

export async function findContact(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
    .limit(1);
  return rows[0] ? (await fieldCrypto(db)).openContact(rows[0]) : null;
}

export async function upsertContactByExternalId(
  db: Db,
  workspaceId: string,
  v: { externalId: string; name?: string; email?: string; phone?: string },
) {
  const fc = await fieldCrypto(db);
  const rows = await db
    .insert(contacts)
    .values({ workspaceId, externalId: v.externalId, isVerified: true, name: v.name, ...fc.contactFields({ email: v.email ?? null, phone: v.phone ?? null }) })
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.externalId],
      set: {
        name: sql`coalesce(excluded.name, ${contacts.name})`,
        email: sql`coalesce(excluded.email, ${contacts.email})`,
        phone: sql`coalesce(excluded.phone, ${contacts.phone})`,
        emailBidx: sql`coalesce(excluded.email_bidx, ${contacts.emailBidx})`,
        phoneBidx: sql`coalesce(excluded.phone_bidx, ${contacts.phoneBidx})`,
        lastSeenAt: sql`now()`,
      },
    })
    .returning();
  return fc.openContact(rows[0]!);
}

export async function insertContact(db: Db, workspaceId: string, v: { name?: string; email?: string; phone?: string; locale?: string }) {
  const fc = await fieldCrypto(db);
  const { email, phone, ...rest } = v;
  const rows = await db.insert(contacts).values({ workspaceId, ...rest, ...fc.contactFields({ email, phone }) }).returning();
  return fc.openContact(rows[0]!);
}

export async function updateContact(db: Db, id: string, v: Partial<{ name: string; email: string; phone: string; locale: string }>) {
  const { email, phone, ...rest } = v;
  await db
    .update(contacts)
    .set({ ...rest, ...(await fieldCrypto(db)).contactFields({ email, phone }), lastSeenAt: new Date() })
    .where(eq(contacts.id, id));
}

export async function findActiveConversationOfContact(db: Db, contactId: string) {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), ne(conversations.status, 'resolved')))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return rows[0] ?? null;
}

export async function findLatestConversationOfContact(db: Db, contactId: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.contactId, contactId)).orderBy(desc(conversations.createdAt)).limit(1);
  return rows[0] ?? null;
}

export async function insertConversation(db: Db, v: typeof conversations.$inferInsert) {
  const rows = await db.insert(conversations).values(v).returning();
  return rows[0]!;
}

export async function findConversation(db: Db, id: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findMessage(db: Db, conversationId: string, id: number) {
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function hideMessage(db: Db, id: number, by: string, reason: string) {
  const rows = await db.update(messages).set({ hiddenAt: new Date(), hiddenBy: by, hiddenReason: reason }).where(eq(messages.id, id)).returning();
  return rows[0] ?? null;
}

export async function findProduct(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), eq(products.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findOrder(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Products by name, Bengali name or SKU (any part, any case), one vendor's when given. */
export function searchProducts(db: Db, workspaceId: string, vendorId: string | null, search: string, limit: number) {
  const like = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const conds: SQL[] = [eq(products.workspaceId, workspaceId)];
  if (vendorId) conds.push(eq(products.vendorId, vendorId));
  if (search) conds.push(or(sql`${products.name} ilike ${like}`, sql`${products.nameBn} ilike ${like}`, sql`${products.sku} ilike ${like}`)!);
  return db
    .select()
    .from(products)
    .where(and(...conds))
    .orderBy(asc(products.name))
    .limit(limit);
}

export async function findCsat(db: Db, conversationId: string) {
  const rows = await db.select().from(csatResponses).where(eq(csatResponses.conversationId, conversationId)).limit(1);
  return rows[0] ?? null;
}

export async function upsertCsat(db: Db, row: typeof csatResponses.$inferInsert) {
  await db
    .insert(csatResponses)
    .values(row)
    .onConflictDoUpdate({
      target: csatResponses.conversationId,
      set: { rating: row.rating, comment: row.comment ?? null, assigneeId: row.assigneeId, teamId: row.teamId, vendorId: row.vendorId, updatedAt: new Date() },
    });
}

export async function updateConversation(db: Db, id: string, set: Partial<typeof conversations.$inferInsert>) {
  const rows = await db.update(conversations).set(set).where(eq(conversations.id, id)).returning();
  return rows[0] ?? null;
}

export async function advanceReceipt(
  db: Db,
  id: string,
  column: 'agentDeliveredUpTo' | 'agentReadUpTo' | 'contactDeliveredUpTo' | 'contactReadUpTo',
  upTo: number,
) {
  const col = conversations[column];
  const rows = await db
    .update(conversations)
    .set({ [column]: sql`greatest(${col}, ${upTo})` })
    .where(eq(conversations.id, id))
    .returning();
  return rows[0] ?? null;
}

export async function findMessagesByClientIds(db: Db, pairs: { conversationId: string; clientId: string }[]) {
  if (pairs.length === 0) return [];
  const conds = pairs.map((p) => and(eq(messages.conversationId, p.conversationId), eq(messages.clientId, p.clientId))!);
  return db.select().from(messages).where(or(...conds));
}

export async function listMessagesAfter(db: Db, conversationId: string, afterId: number, includeNotes: boolean, limit = 500) {
  const conds: SQL[] = [eq(messages.conversationId, conversationId), gt(messages.id, afterId)];
  if (!includeNotes) conds.push(ne(messages.kind, 'note'));
  return db.select().from(messages).where(and(...conds)).orderBy(asc(messages.id)).limit(limit);
}

export async function listMessagesBefore(db: Db, conversationId: string, beforeId: number | null, includeNotes: boolean, limit: number) {
  const conds: SQL[] = [eq(messages.conversationId, conversationId)];
  if (beforeId) conds.push(lt(messages.id, beforeId));
  if (!includeNotes) conds.push(ne(messages.kind, 'note'));
  const rows = await db.select().from(messages).where(and(...conds)).orderBy(desc(messages.id)).limit(limit);
  return rows.reverse();
}

export type ConversationFilter = {
  workspaceId: string;
  view: 'unassigned' | 'mine' | 'teams' | 'all';
  userId: string;
  teamIds: string[];
  vendorId: string | null;
  statuses: ('open' | 'pending' | 'snoozed' | 'resolved')[];
  channel?: string;
  priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  label?: string;
  cursor?: { at: string; id: string };
  limit: number;
};

export async function listConversations(db: Db, f: ConversationFilter) {
  const conds: SQL[] = [eq(conversations.workspaceId, f.workspaceId)];
  if (f.vendorId) conds.push(eq(conversations.vendorId, f.vendorId));
  if (f.view === 'unassigned') conds.push(isNull(conversations.assigneeId));
  if (f.view === 'mine') conds.push(eq(conversations.assigneeId, f.userId));
  if (f.view === 'teams') conds.push(f.teamIds.length ? inArray(conversations.teamId, f.teamIds) : sql`false`);
  if (f.statuses.length) conds.push(inArray(conversations.status, f.statuses));
  if (f.channel) conds.push(eq(conversations.channel, f.channel));
  if (f.priority) conds.push(eq(conversations.priority, f.priority));
  if (f.label) conds.push(sql`${f.label} = any(${conversations.labels})`);
  if (f.cursor) {
    conds.push(
      sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${f.cursor.at}::timestamptz, ${f.cursor.id}::uuid)`,
    );
  }
  return db
    .select({
      c: conversations,
      contactName: contacts.name,
      lastReadMessageId: conversationReads.lastReadMessageId,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(
      conversationReads,
      and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, f.userId)),
    )
    .where(and(...conds))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(f.limit);
}

export async function countUnreadByConversation(db: Db, conversationIds: string[], afterIds: Map<string, number>) {
  if (conversationIds.length === 0) return new Map<string, number>();
  const cases = sql.join(
    conversationIds.map((id) => sql`(${id}::uuid, ${afterIds.get(id) ?? 0}::bigint)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select m.conversation_id as id, count(*)::int as n
    from messages m join (values ${cases}) as r(id, after_id) on r.id = m.conversation_id
    where m.id > r.after_id and m.sender_type = 'contact'
    group by m.conversation_id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function upsertRead(db: Db, conversationId: string, userId: string, lastReadMessageId: number) {
  await db
    .insert(conversationReads)
    .values({ conversationId, userId, lastReadMessageId })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadMessageId: sql`greatest(${conversationReads.lastReadMessageId}, excluded.last_read_message_id)` },
    });
}

export async function listDirectory(db: Db, workspaceId: string) {
  const [u, t, v] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, avatarUrl: users.avatarUrl, role: users.role, presence: users.presence, vendorId: users.vendorId })
      .from(users)
      .where(eq(users.workspaceId, workspaceId)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)),
    db.select({ id: vendors.id, name: vendors.name }).from(vendors).where(eq(vendors.workspaceId, workspaceId)),
  ]);
  return { users: u, teams: t, vendors: v };
}

export async function listContactConversations(db: Db, contactId: string, limit = 20) {
  return db.select().from(conversations).where(eq(conversations.contactId, contactId)).orderBy(desc(conversations.createdAt)).limit(limit);
}

export async function listContactOrders(db: Db, workspaceId: string, contactId: string) {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.contactId, contactId)))
    .orderBy(desc(orders.placedAt))
    .limit(10);
}

export async function setPresence(db: Db, userId: string, status: 'online' | 'away' | 'offline') {
  const rows = await db
    .update(users)
    .set({ presence: status, presenceChangedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ changedAt: users.presenceChangedAt });
  return rows[0]?.changedAt ?? new Date();
}

/** Offline → online when a desk socket connects; a chosen "away" survives reconnects. Null when unchanged. */
export async function markOnlineIfOffline(db: Db, userId: string) {
  const rows = await db
    .update(users)
    .set({ presence: 'online', presenceChangedAt: new Date() })
    .where(and(eq(users.id, userId), eq(users.presence, 'offline')))
    .returning({ changedAt: users.presenceChangedAt });
  return rows[0]?.changedAt ?? null;
}

const columnsOf = new Map<object, [string, { name: string; columnType: string }][]>();

function fromJsonRow<T extends typeof messages | typeof conversations>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = Object.entries(getTableColumns(table))));
  const out: Record<string, unknown> = {};
  for (const [key, col] of columns) {
    const v = row[col.name];
    out[key] = v == null ? null : col.columnType === 'PgTimestamp' ? new Date(v as string) : v;
  }
  return out as T['$inferSelect'];
}

/**
 * One batch of new messages in ONE statement (atomic without BEGIN/COMMIT round trips): insert in the given
 * order, skipping retried client ids; move each touched conversation (last message, preview, reopen on a
 * customer message, first response); return the inserted rows and the updated conversations with their
 * contact's name. The batch arrives as one jsonb argument, so the text never changes and the statement is
 * prepared once: planning this CTE costs more than running it. Rows go back as json, not jsonb: building jsonb
 * (parsed values, sorted keys) cost about 15% of a single message's write on PGlite (0.35 → 0.30 ms in a loop
 * that only writes; 0.52–0.57 → 0.47–0.49 ms with the CPU caches disturbed between writes as in the server).
 */
const writeBatchStatement: PreparedStatement = {
  name: 'alap_write_message_batch',
  text: `
    with ins as (
      insert into messages (conversation_id, sender_type, sender_id, kind, body, client_id, meta, created_at)
      select r.conversation_id, r.sender_type, r.sender_id, coalesce(r.kind, 'text'), r.body, r.client_id, r.meta,
             coalesce(r.created_at, now())
      from rows from (jsonb_populate_recordset(null::messages, $1::jsonb)) with ordinality as r
      order by r.ordinality
      on conflict (conversation_id, client_id) do nothing
      returning *
    ),
    v as (
      select conversation_id as id, max(id) as last_id, max(created_at) as at,
             left((array_agg(body order by id desc))[1], 140) as preview,
             coalesce(max(id) filter (where sender_type = 'contact'), 0) as last_contact_id,
             bool_or(sender_type = 'contact') as reopen,
             bool_or(sender_type = 'agent') as agent_replied
      from ins where kind <> 'note' group by conversation_id
    ),
    upd as (
      update conversations c set
        last_message_id = greatest(c.last_message_id, v.last_id),
        last_message_at = greatest(c.last_message_at, v.at),
        last_message_preview = case when v.last_id >= c.last_message_id then v.preview else c.last_message_preview end,
        last_contact_message_id = greatest(c.last_contact_message_id, v.last_contact_id),
        status = case when v.reopen and c.status in ('resolved', 'snoozed') then 'open'::conversation_status else c.status end,
        snoozed_until = case when v.reopen then null else c.snoozed_until end,
        resolved_at = case when v.reopen and c.status = 'resolved' then null else c.resolved_at end,
        first_response_at = case when v.agent_replied then coalesce(c.first_response_at, v.at) else c.first_response_at end
      from v where c.id = v.id
      returning c.*
    )
    select 'm' as t, to_json(ins) as r, null::text as contact_name from ins
    union all
    select 'c', to_json(upd), ct.name from upd join contacts ct on ct.id = upd.contact_id`,
};

/**
 * The same for one message, the common case below a few hundred messages a second (group commit rarely has two
 * to write at once): the values are plain parameters and there is nothing to aggregate, which makes it about
 * 40% cheaper than the batch statement on PGlite (0.19 against 0.30 ms in a micro-benchmark).
 * Same semantics as the batch: keep the two in step (chat.int.test.ts checks them against each other).
 */
const writeOneStatement: PreparedStatement = {
  name: 'alap_write_message',
  text: `
    with ins as (
      insert into messages (conversation_id, sender_type, sender_id, kind, body, client_id, meta, created_at)
      values ($1::uuid, $2::sender_type, nullif($3, '')::uuid, $4::message_kind, $5, $6, nullif($7, '')::jsonb,
              coalesce(nullif($8, '')::timestamptz, now()))
      on conflict (conversation_id, client_id) do nothing
      returning *
    ),
    upd as (
      update conversations c set
        last_message_id = greatest(c.last_message_id, ins.id),
        last_message_at = greatest(c.last_message_at, ins.created_at),
        last_message_preview = case when ins.id >= c.last_message_id then left(ins.body, 140) else c.last_message_preview end,
        last_contact_message_id = case when ins.sender_type = 'contact' then greatest(c.last_contact_message_id, ins.id) else c.last_contact_message_id end,
        status = case when ins.sender_type = 'contact' and c.status in ('resolved', 'snoozed') then 'open'::conversation_status else c.status end,
        snoozed_until = case when ins.sender_type = 'contact' then null else c.snoozed_until end,
        resolved_at = case when ins.sender_type = 'contact' and c.status = 'resolved' then null else c.resolved_at end,
        first_response_at = case when ins.sender_type = 'agent' then coalesce(c.first_response_at, ins.created_at) else c.first_response_at end
      from ins where c.id = ins.conversation_id and ins.kind <> 'note'
      returning c.*
    )
    select 'm' as t, to_json(ins) as r, null::text as contact_name from ins
    union all
    select 'c', to_json(upd), ct.name from upd join contacts ct on ct.id = upd.contact_id`,
};

function writeOneArgs(row: NewMessageRow): string[] {
  const at = row.createdAt instanceof Date ? row.createdAt.toISOString() : (row.createdAt ?? '');
  return [row.conversationId, row.senderType, row.senderId ?? '', row.kind ?? 'text', row.body, row.clientId, row.meta == null ? '' : JSON.stringify(row.meta), at];
}

const messageColumns = Object.entries(getTableColumns(messages)).map(([key, col]) => [key, col.name] as const);

export async function writeMessageBatch(handle: Pick<DbHandle, 'execPrepared'>, rows: NewMessageRow[], opts: { forceBatch?: boolean } = {}) {
  if (rows.length === 0) return { inserted: [] as MessageRow[], conversations: [] as { c: ConversationRow; contactName: string | null }[] };
  type Out = { t: string; r: Record<string, unknown> | string; contact_name: string | null }[];
  let out: Out;
  if (rows.length === 1 && !opts.forceBatch) out = (await handle.execPrepared(writeOneStatement, writeOneArgs(rows[0]!))) as Out;
  else {
    const payload = rows.map((row) => {
      const o: Record<string, unknown> = {};
      for (const [key, name] of messageColumns) {
        const v = (row as Record<string, unknown>)[key];
        if (v !== undefined) o[name] = v instanceof Date ? v.toISOString() : v;
      }
      return o;
    });
    out = (await handle.execPrepared(writeBatchStatement, [JSON.stringify(payload)])) as Out;
  }
  const inserted: MessageRow[] = [];
  const convs: { c: ConversationRow; contactName: string | null }[] = [];
  for (const row of out) {
    const r = typeof row.r === 'string' ? (JSON.parse(row.r) as Record<string, unknown>) : row.r;
    if (row.t === 'm') inserted.push(fromJsonRow(messages, r));
    else convs.push({ c: fromJsonRow(conversations, r), contactName: row.contact_name });
  }
  inserted.sort((a, b) => a.id - b.id);
  return { inserted, conversations: convs };
}

export type AnnotationRow = typeof messageAnnotations.$inferInsert;

/**
 * A batch of readings in one prepared statement with the batch as one jsonb argument (like the message batch:
 * under load the annotator stores a batch every few tens of milliseconds, and building and planning an INSERT
 * each time cost more than running it). Returns the ids actually stored (a reading already there is skipped).
 */
const insertAnnotationsStatement: PreparedStatement = {
  name: 'alap_insert_annotations',
  text: `
    insert into message_annotations (message_id, conversation_id, lang, sentiment, sentiment_scores, intent, intent_confidence)
    select r.message_id, r.conversation_id, r.lang, r.sentiment, r.sentiment_scores, r.intent, r.intent_confidence
    from jsonb_populate_recordset(null::message_annotations, $1::jsonb) as r
    on conflict (message_id) do nothing
    returning message_id`,
};

export async function insertAnnotations(handle: Pick<DbHandle, 'execPrepared'>, rows: AnnotationRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const payload = rows.map((r) => ({
    message_id: r.messageId,
    conversation_id: r.conversationId,
    lang: r.lang,
    sentiment: r.sentiment,
    sentiment_scores: r.sentimentScores,
    intent: r.intent,
    intent_confidence: r.intentConfidence,
  }));
  const out = await handle.execPrepared(insertAnnotationsStatement, [JSON.stringify(payload)]);
  return out.map((row) => Number((row as { message_id: unknown }).message_id));
}

export async function findAnnotations(db: Db, messageIds: number[]) {
  if (messageIds.length === 0) return new Map<number, typeof messageAnnotations.$inferSelect>();
  const rows = await db.select().from(messageAnnotations).where(inArray(messageAnnotations.messageId, messageIds));
  return new Map(rows.map((r) => [r.messageId, r]));
}

/** The customer messages' readings of one conversation, oldest first (escalation and intent routing read these). */
export async function listConversationAnnotations(db: Db, conversationId: string, limit = 50) {
  const rows = await db
    .select()
    .from(messageAnnotations)
    .where(eq(messageAnnotations.conversationId, conversationId))
    .orderBy(desc(messageAnnotations.messageId))
    .limit(limit);
  return rows.reverse();
}

/** The first customer messages' readings (intent routing looks only at how a conversation starts). */
export async function listFirstAnnotations(db: Db, conversationId: string, limit: number) {
  return db
    .select()
    .from(messageAnnotations)
    .where(eq(messageAnnotations.conversationId, conversationId))
    .orderBy(asc(messageAnnotations.messageId))
    .limit(limit);
}

export type RoutingDecisionRow = typeof routingDecisions.$inferSelect;

export async function insertRoutingDecision(db: Db, v: typeof routingDecisions.$inferInsert) {
  const rows = await db.insert(routingDecisions).values(v).returning();
  return rows[0]!;
}

export async function listRoutingDecisions(db: Db, conversationId: string) {
  return db.select().from(routingDecisions).where(eq(routingDecisions.conversationId, conversationId)).orderBy(asc(routingDecisions.id)).limit(200);
}

/** Locks the conversation row for a read-decide-write (routing by intent must not race a manual transfer). */
export async function lockConversation(db: Db, id: string) {
  const rows = await db.select().from(conversations).where(eq(conversations.id, id)).for('update').limit(1);
  return rows[0] ?? null;
}

export async function isTeamMember(db: Db, teamId: string, userId: string) {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

/** Sets the escalation flag once: null when the conversation is already escalated (or gone). */
export async function markEscalated(db: Db, id: string, reason: string, detail: ReasonDetail, priority: ConversationRow['priority']) {
  const rows = await db
    .update(conversations)
    .set({ escalatedAt: new Date(), escalationReason: reason, escalationDetail: detail, priority })
    .where(and(eq(conversations.id, id), isNull(conversations.escalatedAt)))
    .returning();
  return rows[0] ?? null;
}


/**
 * Customer text messages the models have not read yet, newest first (a backfill after the models come up). Looks
 * only at the newest `window` messages by id, so a large history is never scanned whole at start-up.
 */
/** Customer messages without a reading: among the newest `window` messages, or among `ids` when given. */
export async function listUnannotatedCustomerMessages(db: Db, limit: number, window = 50_000, ids?: number[]) {
  if (ids && ids.length === 0) return [];
  return db
    .select({ id: messages.id, conversationId: messages.conversationId, body: messages.body, createdAt: messages.createdAt, workspaceId: conversations.workspaceId, vendorId: conversations.vendorId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(messageAnnotations, eq(messageAnnotations.messageId, messages.id))
    .where(
      and(
        ids ? inArray(messages.id, ids) : gt(messages.id, sql`(select coalesce(max(id), 0) from ${messages}) - ${window}`),
        eq(messages.senderType, 'contact'),
        eq(messages.kind, 'text'),
        isNull(messageAnnotations.messageId),
        sql`(${messages.meta} is null or not (${messages.meta} ? 'attachment'))`,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit);
}
