import type { Db, DbHandle } from '@/db/client';
import { toAsciiDigits } from '@/lib/format';
import type { SearchHit, SearchInput, SearchOutput } from '@/lib/contracts/search';
import type { StaffActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import { fieldCrypto } from '@/server/security/field-crypto';
import * as q from './search.queries';
import { buildSnippet, searchTokens } from './snippet';

const readers: readonly string[] = ['admin', 'supervisor', 'agent', 'executive', 'vendor'];
// A vendor user without a vendor sees no conversation (as in ChatService.listConversations).
const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/** The matchers a search can use (search.queries.ts SearchTerms). */
export function toSearchTerms(query: string): q.SearchTerms {
  // Spelling variants are a Banglish and English matter (ferot / ferat, adress / address). In Bengali script a
  // 4-letter word shares 3 trigrams with too much (vowel signs are letters to pg_trgm), so it gets whole words
  // and substrings only.
  const longestLatin = Math.max(0, ...searchTokens(query).filter((t) => /^[a-z0-9@._+-]+$/.test(t)).map((t) => t.length));
  return {
    q: query,
    like: `%${query.replace(/[%_\\]/g, '\\$&')}%`,
    useSubstring: [...query].length >= 3,
    useFuzzy: longestLatin >= 4,
  };
}

/**
 * Search over the messages, customers and conversations the actor may open. The rules are those of the desk:
 * one workspace; vendor staff only their vendor's conversations, without customers' email and phone (not shown,
 * not searchable); private notes are read by staff, vendors included, as in the conversation itself.
 */
export class SearchService {
  constructor(private handle: DbHandle) {}

  async search(actor: StaffActor, input: SearchInput): Promise<SearchOutput> {
    if (!readers.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role does not allow this');
    const started = performance.now();
    const isVendor = actor.role === 'vendor';
    const scope: q.SearchScope = {
      workspaceId: actor.workspaceId,
      vendorId: isVendor ? (actor.vendorId ?? NO_VENDOR) : null,
      matchContactDetails: !isVendor,
      filters: input.filters,
    };
    const fc = await fieldCrypto(this.handle.db);
    // Bengali digits typed in a phone number are the same digits (০১৭১২ = 01712).
    const ascii = toAsciiDigits(input.q).trim();
    const terms: q.SearchTerms = {
      ...toSearchTerms(input.q),
      emailBidx: fc.blind('email', input.q),
      phoneBidx: /^[\d\s()+-]{6,}$/.test(ascii) ? fc.blind('phone', ascii) : null,
    };
    const wants = (k: SearchInput['kind']) => input.kind === 'all' || input.kind === k;
    // Stored sealed: opened only for those who may see them.
    const contactOf = (r: { email: string | null; phone: string | null }) => ({ email: isVendor ? null : fc.open(r.email), phone: isVendor ? null : fc.open(r.phone) });

    // One transaction: its planner and similarity settings are its own (search.queries.ts prepareSearchTransaction).
    const hits = await this.handle.db.transaction(async (txRaw) => {
      const db = txRaw as unknown as Db;
      await q.prepareSearchTransaction(db);
      const out: SearchHit[] = [];
      if (wants('customers')) {
        for (const r of await q.listMatchingCustomers(db, scope, terms, input.limit)) {
          const matched = [r.name, ...(isVendor ? [] : [fc.open(r.email), fc.open(r.phone)])].filter((v): v is string => !!v);
          const snippetSource = matched.find((v) => buildSnippet(v, input.q).highlights.length) ?? r.name ?? '';
          out.push({
            kind: 'customer',
            conversationId: r.conversation_id,
            conversationStatus: r.status,
            contactId: r.id,
            contactName: r.name,
            ...contactOf(r),
            messageId: null,
            senderType: null,
            isNote: false,
            snippet: buildSnippet(snippetSource, input.q),
            at: iso(r.last_message_at),
            score: Number(r.score),
          });
        }
      }
      if (wants('conversations')) {
        for (const r of await q.listMatchingConversations(db, scope, terms, input.limit)) {
          out.push({
            kind: 'conversation',
            conversationId: r.id,
            conversationStatus: r.status,
            contactId: r.contact_id,
            contactName: r.name,
            ...contactOf(r),
            messageId: null,
            senderType: null,
            isNote: false,
            snippet: buildSnippet(r.context_text.trim(), input.q),
            at: iso(r.last_message_at),
            score: Number(r.score),
          });
        }
      }
      if (wants('messages')) {
        // Spelling variants last: a message found only by similarity scores at most 1 (search.queries.ts), below
        // every whole-word or close substring match. When those fill the page, the similarity pass (the costly
        // one: pg_trgm rechecks thousands of rows for a common word) cannot change it and is skipped.
        let rows = await q.listMatchingMessages(db, scope, { ...terms, useFuzzy: false }, input.limit);
        if (terms.useFuzzy && rows.filter((r) => Number(r.score) > 1).length < input.limit) rows = await q.listMatchingMessages(db, scope, terms, input.limit);
        for (const r of rows) {
          out.push({
            kind: 'message',
            conversationId: r.conversation_id,
            conversationStatus: r.status,
            contactId: r.contact_id,
            contactName: r.name,
            ...contactOf(r),
            messageId: Number(r.id),
            senderType: r.sender_type,
            isNote: r.kind === 'note',
            snippet: buildSnippet(r.body, input.q),
            at: iso(r.created_at),
            score: Number(r.score),
          });
        }
      }
      return out;
    });
    // Customers, then conversations, then messages (the order the desk groups them in), each best first.
    return { items: hits, tookMs: Math.round(performance.now() - started) };
  }
}
