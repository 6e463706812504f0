import { type SQL, sql } from 'drizzle-orm';
import { conversations } from '@/db/schema';
import { type Db, rowsOf } from '@/db/client';

// Read-only queries for reply suggestions: canned responses and (customer message → agent reply) pairs. They read
// the chat tables the way a reporting read model does; nothing here writes.

export type CannedRow = { id: string; title: string; content: string; lang: string | null };

/** A customer message and the agent reply that came right after it (no other text message in between). */
export type ReplyPairRow = {
  replyId: number;
  reply: string;
  messageId: number;
  message: string;
  conversationId: string;
  vendorId: string | null;
  /** The language the models read in the customer's message (null: not annotated). */
  customerLang: string | null;
};


export async function listCannedForSuggestions(db: Db, workspaceId: string): Promise<CannedRow[]> {
  return rowsOf<CannedRow>(
    await db.execute(sql`select id, title, content, lang from canned_responses where workspace_id = ${workspaceId} order by short_code`),
  );
}

type RawPair = { reply_id: unknown; reply: string; message_id: unknown; message: string; conversation_id: string; vendor_id: string | null; customer_lang: string | null };

const toPair = (r: RawPair): ReplyPairRow => ({
  replyId: Number(r.reply_id),
  reply: r.reply,
  messageId: Number(r.message_id),
  message: r.message,
  conversationId: r.conversation_id,
  vendorId: r.vendor_id,
  customerLang: r.customer_lang,
});

/** Agent replies (`a`) with the customer message right before them (`p`), filtered by `where`. */
function pairSelect(where: SQL) {
  return sql`
    select a.id as reply_id, a.body as reply, p.id as message_id, p.body as message, c.id as conversation_id,
           c.vendor_id, ann.lang as customer_lang
    from messages a
    join conversations c on c.id = a.conversation_id
    join lateral (
      select m.id, m.body, m.sender_type from messages m
      where m.conversation_id = a.conversation_id and m.id < a.id and m.kind = 'text'
      order by m.id desc limit 1
    ) p on p.sender_type = 'contact'
    left join message_annotations ann on ann.message_id = p.id
    where a.sender_type = 'agent' and a.kind = 'text' and ${where}`;
}

/**
 * The workspace's most recent `limit` agent replies that answer a customer message: the text message right before
 * the reply is the customer's. Walks replies newest first (primary key) and looks one message back per reply
 * (index on conversation, id), so the cost follows `limit`, not the size of the history.
 */
export async function listRecentReplyPairs(db: Db, workspaceId: string, limit: number): Promise<ReplyPairRow[]> {
  const result = await db.execute(sql`${pairSelect(sql`c.workspace_id = ${workspaceId}`)} order by a.id desc limit ${limit}`);
  return rowsOf<RawPair>(result).map(toPair);
}

/** The pair one agent reply completes, or null when the text message before it is not the customer's. */
export async function findReplyPair(db: Db, replyId: number): Promise<ReplyPairRow | null> {
  const result = await db.execute(sql`${pairSelect(sql`a.id = ${replyId}`)}`);
  const row = rowsOf<RawPair>(result)[0];
  return row ? toPair(row) : null;
}

/** The most recently active workspaces, whose suggestion indexes are built ahead of the first request. */
export async function listActiveWorkspaceIds(db: Db, limit: number) {
  const rows = await db
    .select({ id: conversations.workspaceId, last: sql<Date>`max(${conversations.lastMessageAt})` })
    .from(conversations)
    .groupBy(conversations.workspaceId)
    .orderBy(sql`max(${conversations.lastMessageAt}) desc`)
    .limit(limit);
  return rows.map((r) => r.id);
}
