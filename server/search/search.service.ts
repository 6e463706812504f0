import type { Db, DbHandle } from '@/db/client';
import type { SearchHit, SearchInput, SearchOutput } from '@/lib/contracts/search';
import type { StaffActor } from '@/server/auth/auth.service';
import { AppError } from '@/server/core/app-error';
import * as q from './search.queries';
import { buildSnippet, searchTokens } from './snippet';

const readers: readonly string[] = ['admin', 'supervisor', 'agent', 'executive', 'vendor'];
// A vendor user without a vendor sees no conversation (as in ChatService.listConversations).
const NO_VENDOR = '00000000-0000-0000-0000-000000000000';

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/** The matchers a search can use (search.queries.ts SearchTerms). */
export function toSearchTerms(query: string): q.SearchTerms {
  const digits = query.replace(/\D/g, '');
  const longest = Math.max(0, ...searchTokens(query).map((t) => [...t].length));
  return {
    q: query,
    like: `%${query.replace(/[%_\\]/g, '\\$&')}%`,
    // Only for something typed like a phone number ("01712 345", "+880 1712"), not for words with a digit in them.
    digitsLike: digits.length >= 4 && digits !== query && /^[\d\s()+-]+$/.test(query) ? `%${digits}%` : null,
    useSubstring: [...query].length >= 3,
    useFuzzy: longest >= 4,
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
    const terms = toSearchTerms(input.q);
    const wants = (k: SearchInput['kind']) => input.kind === 'all' || input.kind === k;
    const contactOf = (r: { email: string | null; phone: string | null }) => ({ email: isVendor ? null : r.email, phone: isVendor ? null : r.phone });

    // One transaction: the similarity threshold is set for it alone (search.queries.ts setFuzzyThreshold).
    const hits = await this.handle.db.transaction(async (txRaw) => {
      const db = txRaw as unknown as Db;
      if (terms.useFuzzy) await q.setFuzzyThreshold(db);
      const out: SearchHit[] = [];
      if (wants('customers')) {
        for (const r of await q.listMatchingCustomers(db, scope, terms, input.limit)) {
          const matched = [r.name, ...(isVendor ? [] : [r.email, r.phone])].filter((v): v is string => !!v);
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
        for (const r of await q.listMatchingMessages(db, scope, terms, input.limit)) {
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
