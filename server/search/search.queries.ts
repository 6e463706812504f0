import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ConversationStatus } from '@/lib/contracts/chat';
import type { SearchFilters } from '@/lib/contracts/search';

/**
 * Who may see what, as conditions on the conversation (alias `c`): always one workspace; vendor staff only their
 * vendor's conversations. Every search query goes through this.
 */
export type SearchScope = {
  workspaceId: string;
  // Set for vendor staff: only conversations of this vendor.
  vendorId: string | null;
  // False for vendor staff: customers are not found by email or phone (that would reveal them).
  matchContactDetails: boolean;
  filters: SearchFilters;
};

/** What to match: the search as typed, its LIKE pattern, and which matchers may run for it. */
export type SearchTerms = {
  q: string;
  // `%q%` with LIKE's wildcards escaped.
  like: string;
  // The digits of the search when it looks like part of a phone number (4+ digits), as a LIKE pattern.
  digitsLike: string | null;
  // Substring matching on message bodies needs at least one trigram (3 characters); shorter: whole words only.
  useSubstring: boolean;
  // Spelling variants (pg_trgm's <%): only for words long enough that 3 shared trigrams mean something.
  useFuzzy: boolean;
};

// The expression indexed by conversations_context_trgm (migration 0007): it must be written exactly so.
const contextText = sql.raw(`(coalesce(c.context ->> 'title', '') || ' ' || coalesce(c.context ->> 'id', ''))`);

function scopeConditions(s: SearchScope, timeColumn: SQL) {
  const conds: SQL[] = [sql`c.workspace_id = ${s.workspaceId}`];
  if (s.vendorId) conds.push(sql`c.vendor_id = ${s.vendorId}`);
  const f = s.filters;
  if (f.status) conds.push(sql`c.status = ${f.status}`);
  if (f.teamId) conds.push(sql`c.team_id = ${f.teamId}`);
  if (f.assigneeId) conds.push(sql`c.assignee_id = ${f.assigneeId}`);
  if (f.from) conds.push(sql`${timeColumn} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`${timeColumn} <= ${f.to.toISOString()}::timestamptz`);
  return sql.join(conds, sql` and `);
}

const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];

/**
 * pg_trgm's `<%` uses this threshold (default 0.6). 0.5 lets a Banglish word match its usual spelling variants
 * ("ferot"/"ferat" share 3 of 6 trigrams). Transaction-local, so it never leaks into other work on the connection.
 */
export async function setFuzzyThreshold(db: Db) {
  await db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
}

export type MessageMatchRow = {
  id: number | string;
  conversation_id: string;
  body: string;
  kind: 'text' | 'note' | 'event';
  sender_type: 'contact' | 'agent' | 'system';
  created_at: Date | string;
  status: ConversationStatus;
  contact_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  score: number | string;
};

/**
 * Messages (and private notes: staff, vendors included, read notes in the conversations they may open) by whole
 * word (full text, 'simple' configuration), by substring (trigram index) or by a word spelt alike (trigram
 * similarity). Ranked by full-text rank, then substring, then similarity; newest first among equals.
 */
export async function listMatchingMessages(db: Db, scope: SearchScope, t: SearchTerms, limit: number) {
  const fts = sql`to_tsvector('simple', m.body) @@ websearch_to_tsquery('simple', ${t.q})`;
  const matchers: SQL[] = [fts];
  if (t.useSubstring) matchers.push(sql`m.body ilike ${t.like}`);
  if (t.useFuzzy) matchers.push(sql`${t.q} <% m.body`);
  const result = await db.execute(sql`
    select m.id, m.conversation_id, m.body, m.kind, m.sender_type, m.created_at,
           c.status, c.contact_id, ct.name, ct.email, ct.phone,
           (case when ${fts} then 1 + ts_rank(to_tsvector('simple', m.body), websearch_to_tsquery('simple', ${t.q})) else 0 end
            + case when m.body ilike ${t.like} then 0.5 else 0 end
            + word_similarity(${t.q}, m.body)) as score
    from messages m
    join conversations c on c.id = m.conversation_id
    join contacts ct on ct.id = c.contact_id
    where ${scopeConditions(scope, sql`m.created_at`)}
      and m.kind <> 'event'
      and (${sql.join(matchers, sql` or `)})
    order by score desc, m.id desc
    limit ${limit}`);
  return rowsOf<MessageMatchRow>(result);
}

export type CustomerMatchRow = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  conversation_id: string;
  status: ConversationStatus;
  last_message_at: Date | string;
  score: number | string;
};

/**
 * Customers by part of their name (or a name spelt alike), and for everyone but vendor staff by part of their email
 * or phone. Each comes with their latest conversation the reader may open (that is where a click goes); a
 * customer without one is not a result.
 */
export async function listMatchingCustomers(db: Db, scope: SearchScope, t: SearchTerms, limit: number) {
  const matchers: SQL[] = [sql`ct.name ilike ${t.like}`];
  if (t.useFuzzy) matchers.push(sql`${t.q} <% ct.name`);
  if (scope.matchContactDetails) {
    matchers.push(sql`ct.email ilike ${t.like}`, sql`ct.phone ilike ${t.like}`);
    if (t.digitsLike) matchers.push(sql`ct.phone ilike ${t.digitsLike}`);
  }
  const detailScore = scope.matchContactDetails
    ? sql`greatest(case when ct.email ilike ${t.like} then 1 else 0 end, case when ct.phone ilike ${t.like} or ct.phone ilike ${t.digitsLike ?? t.like} then 1 else 0 end)`
    : sql`0`;
  const result = await db.execute(sql`
    select ct.id, ct.name, ct.email, ct.phone, c.id as conversation_id, c.status, c.last_message_at,
           (greatest(word_similarity(${t.q}, coalesce(ct.name, '')) + case when ct.name ilike ${t.like} then 0.5 else 0 end, ${detailScore})) as score
    from contacts ct
    join lateral (
      select c.id, c.status, c.last_message_at from conversations c
      where c.contact_id = ct.id and ${scopeConditions(scope, sql`c.last_message_at`)}
      order by c.last_message_at desc limit 1
    ) c on true
    where ct.workspace_id = ${scope.workspaceId}
      and (${sql.join(matchers, sql` or `)})
    order by score desc, c.last_message_at desc
    limit ${limit}`);
  return rowsOf<CustomerMatchRow>(result);
}

export type ConversationMatchRow = {
  id: string;
  status: ConversationStatus;
  last_message_at: Date | string;
  contact_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  context_text: string;
  score: number | string;
};

/** Conversations by the product or order they are about (title or SKU / order number), by part or alike. */
export async function listMatchingConversations(db: Db, scope: SearchScope, t: SearchTerms, limit: number) {
  const matchers: SQL[] = [sql`${contextText} ilike ${t.like}`];
  if (t.useFuzzy) matchers.push(sql`${t.q} <% ${contextText}`);
  const result = await db.execute(sql`
    select c.id, c.status, c.last_message_at, c.contact_id, ct.name, ct.email, ct.phone, ${contextText} as context_text,
           (word_similarity(${t.q}, ${contextText}) + case when ${contextText} ilike ${t.like} then 0.5 else 0 end) as score
    from conversations c
    join contacts ct on ct.id = c.contact_id
    where ${scopeConditions(scope, sql`c.last_message_at`)}
      and c.context is not null
      and (${sql.join(matchers, sql` or `)})
    order by score desc, c.last_message_at desc
    limit ${limit}`);
  return rowsOf<ConversationMatchRow>(result);
}
