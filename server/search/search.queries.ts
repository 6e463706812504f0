import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
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
  // Blind indexes (server/security/field-crypto.ts) of the search read as a whole email or phone number: customers'
  // email and phone are stored sealed, so they are found by exact value only.
  emailBidx?: string | null;
  phoneBidx?: string | null;
  // Substring matching on message bodies needs at least one trigram (3 characters); shorter: whole words only.
  useSubstring: boolean;
  // Spelling variants (pg_trgm's <%): only for words long enough that 3 shared trigrams mean something.
  useFuzzy: boolean;
};

// The expression indexed by conversations_context_trgm (migration 0008): it must be written exactly so, bare
// for the index scan and on alias c for the output.
const contextExpr = (column: string) => sql.raw(`(coalesce(${column} ->> 'title', '') || ' ' || coalesce(${column} ->> 'id', ''))`);
const contextText = contextExpr('c.context');

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


/**
 * Settings for the search transaction only (transaction-local: they never leak into other work on the connection).
 * - pg_trgm's `<%` threshold (default 0.6) to 0.5, so a Banglish word matches its usual spelling variants
 *   ("ferot"/"ferat" share 3 of 6 trigrams).
 * - No sequential scans: the planner prices pg_trgm's similarity like a cheap operator, so for a selective-looking
 *   search it scanned all messages computing it on each (750 ms on 45k messages in PGlite) instead of reading
 *   the trigram index.
 */
export async function prepareSearchTransaction(db: Db) {
  await db.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true), set_config('enable_seqscan', 'off', true)`);
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

// How many of the newest matches of a search are ranked. Ranking every match of a common word ("order" is in a
// tenth of all messages) costs a to_tsvector and a similarity per row; the newest few hundred are what a desk
// search is after, and keep the cost flat as history grows (bench/search.bench.ts).
const RANKED_CANDIDATES = 300;

// How many not-yet-indexed messages a search reads directly (newest first). The indexer keeps the queue far
// below this except after a long burst of traffic with no quiet moment (see indexer.ts).
const QUEUED_SCANNED = 20_000;

/**
 * Messages (and private notes: staff, vendors included, read notes in the conversations they may open) by whole
 * word (full text, 'simple' configuration), by substring (trigram index) or by a word spelt alike (trigram
 * similarity). The newest RANKED_CANDIDATES matches the reader may see are ranked by full-text rank, substring
 * and similarity; newest first among equals.
 *
 * Each matcher is its own materialised CTE so that each runs as a bitmap scan of its own index: as one OR, the
 * planner re-evaluated every matcher (a to_tsvector per row) on every candidate, or walked the primary key
 * backwards computing to_tsvector on thousands of rows.
 */
export async function listMatchingMessages(db: Db, scope: SearchScope, t: SearchTerms, limit: number) {
  const tsq = sql`websearch_to_tsquery('simple', ${t.q})`;
  // Indexed messages (message_search), each matcher on its own index.
  const matchers: SQL[] = [sql`select message_id as id from message_search where to_tsvector('simple', body) @@ ${tsq}`];
  if (t.useSubstring) matchers.push(sql`select message_id as id from message_search where body ilike ${t.like}`);
  if (t.useFuzzy) matchers.push(sql`select message_id as id from message_search where ${t.q} <% body`);
  // Messages still waiting for the indexer (server/search/indexer.ts), read directly: the newest
  // QUEUED_SCANNED of them, which is all of them unless the indexer has been held back for long.
  const queuedTests: SQL[] = [sql`to_tsvector('simple', m.body) @@ ${tsq}`];
  if (t.useSubstring) queuedTests.push(sql`m.body ilike ${t.like}`);
  if (t.useFuzzy) queuedTests.push(sql`${t.q} <% m.body`);
  matchers.push(sql`select m.id from (select message_id from message_search_queue order by message_id desc limit ${QUEUED_SCANNED}) sq
    join messages m on m.id = sq.message_id where ${sql.join(queuedTests, sql` or `)}`);
  const ctes = matchers.map((m, i) => sql`${sql.raw(`m${i}`)} as materialized (${m})`);
  const union = sql.join(
    matchers.map((_, i) => sql.raw(`select id from m${i}`)),
    sql` union `,
  );
  const result = await db.execute(sql`
    with ${sql.join(ctes, sql`, `)},
    candidates as (
      select m.id, m.conversation_id, m.body, m.kind, m.sender_type, m.created_at,
             c.status, c.contact_id
      from (${union}) hit
      join messages m on m.id = hit.id
      join conversations c on c.id = m.conversation_id
      where ${scopeConditions(scope, sql`m.created_at`)}
        and m.kind <> 'event'
      order by m.id desc
      limit ${RANKED_CANDIDATES}
    )
    select m.*, ct.name, ct.email, ct.phone,
           (case when to_tsvector('simple', m.body) @@ ${tsq} then 1 + ts_rank(to_tsvector('simple', m.body), ${tsq}) else 0 end
            + case when m.body ilike ${t.like} then 0.5 else 0 end
            + word_similarity(${t.q}, m.body)) as score
    from candidates m
    join contacts ct on ct.id = m.contact_id
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
  const details: SQL[] = [];
  if (scope.matchContactDetails && t.emailBidx) details.push(sql`ct.email_bidx = ${t.emailBidx}`);
  if (scope.matchContactDetails && t.phoneBidx) details.push(sql`ct.phone_bidx = ${t.phoneBidx}`);
  matchers.push(...details);
  const detailScore = details.length ? sql`case when ${sql.join(details, sql` or `)} then 1.5 else 0 end` : sql`0`;
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
  // The context expression is read from its trigram index first (a materialised CTE, as for messages): in the
  // scoped query the planner scanned the workspace's conversations and evaluated it on every one.
  const bare = contextExpr('context');
  const matchers: SQL[] = [sql`select id from conversations where ${bare} ilike ${t.like}`];
  if (t.useFuzzy) matchers.push(sql`select id from conversations where ${t.q} <% ${bare}`);
  const ctes = matchers.map((m, i) => sql`${sql.raw(`h${i}`)} as materialized (${m})`);
  const union = sql.join(
    matchers.map((_, i) => sql.raw(`select id from h${i}`)),
    sql` union `,
  );
  const result = await db.execute(sql`
    with ${sql.join(ctes, sql`, `)}
    select c.id, c.status, c.last_message_at, c.contact_id, ct.name, ct.email, ct.phone, ${contextText} as context_text,
           (word_similarity(${t.q}, ${contextText}) + case when ${contextText} ilike ${t.like} then 0.5 else 0 end) as score
    from (${union}) hit
    join conversations c on c.id = hit.id
    join contacts ct on ct.id = c.contact_id
    where ${scopeConditions(scope, sql`c.last_message_at`)}
    order by score desc, c.last_message_at desc
    limit ${limit}`);
  return rowsOf<ConversationMatchRow>(result);
}
