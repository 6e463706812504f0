import type { Db } from '@/db/client';
import type { Lang, MessageAnalysis } from '@/lib/contracts/ai';
import type { StaffActor } from '@/server/auth/auth.service';
import type { ChatService } from '@/server/chat/chat.service';
import type { EventBus } from '@/server/core/event-bus';
import type { ExperimentsService } from '@/server/experiments/experiments.service';
import { errorText, logger } from '@/server/core/logger';
import * as q from './suggest.queries';
import { DEFAULT_RANKING_METHOD, type Entry, maskPersonalNumbers, pickSuggestions, type RankingMethod, type ReplyLang, type Suggestion, SuggestionIndex } from './suggest';
import { languageByScript, scriptCounts } from './text';

type Embed = (texts: unknown[]) => Promise<(Float32Array | Error)[]>;
type Classify = (texts: unknown[]) => Promise<(MessageAnalysis | Error)[]>;

// Workspaces whose suggestion index is kept in memory at once.
const MAX_INDEXES = 50;

export type SuggestOptions = {
  /** Most recent (customer message → agent reply) pairs per workspace (default 2,000). */
  maxHistory?: number;
  /** After this age an index is rebuilt from the database in the background (default 10 minutes). */
  refreshMs?: number;
  method?: RankingMethod;
  /** How long a request waits for the customer message's vector before ranking with TF-IDF alone. */
  embedTimeoutMs?: number;
  /**
   * A/B tests of reply suggestions (experiments of kind reply_suggestions): the arm of the conversation's customer
   * decides whether the desk shows suggestions for it; the customer counts as exposed from the first time.
   */
  experiments?: Pick<ExperimentsService, 'variantFor'>;
};

export type SuggestRepliesResult = {
  /** False when suggestions could not be computed at all (the list is then empty); the desk shows nothing. */
  available: boolean;
  /** The ranking that produced the list: the configured one, or `tfidf` while the encoder is unavailable. */
  method: RankingMethod | null;
  /** The customer message the suggestions answer (null: the customer has written nothing yet). */
  messageId: number | null;
  lang: Lang | 'unknown' | null;
  suggestions: Suggestion[];
  /** True when a running experiment keeps suggestions off for this conversation's customer. */
  withheld?: boolean;
};

type Workspace = { current: Promise<SuggestionIndex>; builtAt: number; next: Promise<SuggestionIndex> | null };

const MIN_SCORE: Record<RankingMethod, number> = { tfidf: 0.05, encoder: -1, hybrid: 0.05 };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** Bengali script (alone or with English words) → `bn`; Latin script → what the language model says, else unknown. */
function scriptLang(text: string): 'bn' | null {
  return languageByScript(scriptCounts(text)) ? 'bn' : null;
}

/**
 * Reply suggestions for the desk's composer: up to three replies for the customer's last message, from the
 * workspace's canned responses and its most recent agent replies to customer messages, in the customer's language.
 *
 * One index per workspace, built from the database on first use and rebuilt in the background every `refreshMs`
 * (that also brings in replies written on other nodes and edited canned responses); replies written on this node
 * join it at once (`message.created`). Ranking: DEFAULT_RANKING_METHOD (TF-IDF, no model needed); with `encoder`
 * or `hybrid` the vectors come from the AI worker, and without it ranking falls back to TF-IDF. The language model
 * on the worker, when there, tells English from Banglish replies. A failure never reaches the desk: the answer is
 * then an empty list with `available: false`.
 */
export class SuggestService {
  private workspaces = new Map<string, Workspace>();
  private embed: Embed | null = null;
  private classify: Classify | null = null;
  private unsubscribe: (() => void) | null;
  private pending = new Set<Promise<unknown>>();
  private readonly o: Required<Omit<SuggestOptions, 'experiments'>> & Pick<SuggestOptions, 'experiments'>;

  constructor(
    private db: Db,
    bus: EventBus,
    private chat: ChatService,
    options: SuggestOptions = {},
  ) {
    this.o = { maxHistory: 2000, refreshMs: 10 * 60_000, method: DEFAULT_RANKING_METHOD, embedTimeoutMs: 1500, ...options };
    this.unsubscribe = bus.on('message.created', ({ workspaceId, message }) => {
      if (message.senderType !== 'agent' || message.kind !== 'text' || message.attachment || !this.workspaces.has(workspaceId)) return;
      this.track(this.addReply(workspaceId, message.id));
    });
  }

  /** The AI worker is ready: rank with the encoder from now on, and give vectors to what was indexed without. */
  attach(models: { embed: Embed; classify?: Classify }) {
    this.embed = models.embed;
    this.classify = models.classify ?? null;
    for (const ws of this.workspaces.values()) this.track(ws.current.then((index) => this.backfill(index)));
  }

  /** The worker is gone: rank with TF-IDF alone. */
  detach() {
    this.embed = null;
    this.classify = null;
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Waits for index updates in flight (tests, shutdown). */
  async idle() {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Builds the busiest workspaces' indexes ahead of the first request (after start-up), so nobody waits for it. */
  async warm(limit = 20) {
    for (const id of await q.listActiveWorkspaceIds(this.db, limit)) await this.indexFor(id).catch(() => {});
  }

  async suggestReplies(actor: StaffActor, conversationId: string): Promise<SuggestRepliesResult> {
    // The access rule of the conversation (vendors: their own only) — its errors reach the caller.
    const { messages } = await this.chat.listHistory(actor, conversationId, null, 30);
    const last = messages.findLast((m) => m.senderType === 'contact' && m.kind === 'text');
    if (!last) return { available: true, method: null, messageId: null, lang: null, suggestions: [] };
    const lang: Lang | 'unknown' = last.annotation?.lang ?? (scriptLang(last.body) ?? 'unknown');
    // Someone has answered the customer's last message already: suggestions step aside until they write again.
    if (messages.findLast((m) => m.kind === 'text')?.senderType === 'agent') return { available: true, method: null, messageId: last.id, lang, suggestions: [] };
    if (this.o.experiments) {
      const { contactId } = await this.chat.getAccessibleConversation(actor, conversationId);
      const arm = await this.o.experiments.variantFor(actor.workspaceId, null, contactId, 'reply_suggestions');
      if (arm && arm.variant.suggestions === false) return { available: true, method: null, messageId: last.id, lang, suggestions: [], withheld: true };
    }
    try {
      const index = await this.indexFor(actor.workspaceId);
      let embedding: Float32Array | null = null;
      if (this.o.method !== 'tfidf' && this.embed) {
        try {
          const [v] = await withTimeout(this.embed([last.body]), this.o.embedTimeoutMs);
          if (v instanceof Float32Array) embedding = v;
        } catch (e) {
          logger.warn('ai.suggest.embed', { error: errorText(e) });
        }
      }
      const method: RankingMethod = embedding ? this.o.method : 'tfidf';
      // Vendors: canned responses and replies from their own conversations only, never another seller's buyers or
      // the platform's. Everyone else: the whole workspace. Never this conversation's own earlier replies.
      const filter = (e: Entry) =>
        e.conversationId !== conversationId && (actor.role !== 'vendor' || e.source === 'canned' || (e.vendorId !== null && e.vendorId === actor.vendorId));
      const ranked = index.search({ text: last.body, embedding }, { method, limit: 60, filter });
      return { available: true, method, messageId: last.id, lang, suggestions: pickSuggestions(ranked, lang, { k: 3, minScore: MIN_SCORE[method] }) };
    } catch (e) {
      logger.warn('ai.suggest', { error: errorText(e), conversationId });
      return { available: false, method: null, messageId: last.id, lang, suggestions: [] };
    }
  }

  private track(p: Promise<unknown>) {
    const tracked = p
      .catch((e) => logger.warn('ai.suggest.index', { error: errorText(e) }))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** The workspace's index; an old one is served while its replacement is built. A failed build is retried next time. */
  private indexFor(workspaceId: string): Promise<SuggestionIndex> {
    let ws = this.workspaces.get(workspaceId);
    if (ws) {
      // Most recently used last: the Map's order is the eviction order.
      this.workspaces.delete(workspaceId);
      this.workspaces.set(workspaceId, ws);
    } else {
      // Bounded: an index is a few MB; the least recently used workspace's is dropped (rebuilt when asked again).
      if (this.workspaces.size >= MAX_INDEXES) this.workspaces.delete(this.workspaces.keys().next().value!);
      const current = this.build(workspaceId);
      ws = { current, builtAt: Date.now(), next: null };
      this.workspaces.set(workspaceId, ws);
      current.catch(() => this.workspaces.get(workspaceId) === ws && this.workspaces.delete(workspaceId));
      return current;
    }
    if (!ws.next && Date.now() - ws.builtAt > this.o.refreshMs) {
      const entry = ws;
      const next = this.build(workspaceId);
      entry.next = next;
      next.then(
        () => {
          entry.current = next;
          entry.builtAt = Date.now();
          entry.next = null;
        },
        (e) => {
          entry.next = null;
          entry.builtAt = Date.now(); // try again after another refreshMs, keep serving the old index
          logger.warn('ai.suggest.refresh', { error: errorText(e), workspaceId });
        },
      );
    }
    return ws.current;
  }

  private async build(workspaceId: string): Promise<SuggestionIndex> {
    const [canned, pairs] = await Promise.all([q.listCannedForSuggestions(this.db, workspaceId), q.listRecentReplyPairs(this.db, workspaceId, this.o.maxHistory)]);
    const entries: Entry[] = [
      ...canned.map(
        (c): Entry => ({
          id: `canned:${c.id}`,
          source: 'canned',
          reply: c.content,
          key: `${c.title}\n${c.content}`,
          lang: c.lang === 'en' || c.lang === 'bn' || c.lang === 'banglish' ? c.lang : null,
          vendorId: null,
          conversationId: null,
          at: 0,
          embedding: null,
        }),
      ),
      ...(await this.pairEntries(pairs)),
    ];
    await this.addEmbeddings(entries);
    const index = new SuggestionIndex({ maxHistory: this.o.maxHistory });
    index.add(entries);
    return index;
  }

  /** History entries with their reply's language: Bengali script says itself; Latin script, the language model. */
  private async pairEntries(pairs: q.ReplyPairRow[]): Promise<Entry[]> {
    const langs: ReplyLang[] = pairs.map((p) => scriptLang(p.reply) ?? (p.customerLang === 'en' || p.customerLang === 'banglish' ? p.customerLang : 'latin'));
    const latin = pairs.flatMap((p, i) => (scriptLang(p.reply) ? [] : [i]));
    if (latin.length && this.classify) {
      try {
        const results = await this.classify(latin.map((i) => pairs[i]!.reply));
        results.forEach((r, k) => {
          if (!(r instanceof Error) && (r.lang === 'en' || r.lang === 'banglish')) langs[latin[k]!] = r.lang;
        });
      } catch (e) {
        logger.warn('ai.suggest.lang', { error: errorText(e) });
      }
    }
    return pairs.map((p, i) => ({
      id: `history:${p.replyId}`,
      source: 'history',
      reply: maskPersonalNumbers(p.reply),
      key: p.message,
      lang: langs[i]!,
      vendorId: p.vendorId,
      conversationId: p.conversationId,
      at: p.replyId,
      embedding: null,
    }));
  }

  /** Sentence vectors for the entries' keys when the ranking uses them and the encoder is available (else later: attach). */
  private async addEmbeddings(entries: Entry[]) {
    if (this.o.method === 'tfidf' || !this.embed || entries.length === 0) return;
    try {
      const vectors = await this.embed(entries.map((e) => e.key));
      vectors.forEach((v, i) => {
        if (v instanceof Float32Array) entries[i]!.embedding = v;
      });
    } catch (e) {
      logger.warn('ai.suggest.embed', { error: errorText(e), entries: entries.length });
    }
  }

  private async backfill(index: SuggestionIndex) {
    const missing = index.withoutEmbedding().map((e) => ({ ...e }));
    await this.addEmbeddings(missing);
    for (const e of missing) if (e.embedding) index.setEmbedding(e.id, e.embedding);
  }

  /** An agent replied on this node: if the reply answers a customer message, the pair joins the index now. */
  private async addReply(workspaceId: string, replyId: number) {
    const pair = await q.findReplyPair(this.db, replyId);
    const ws = this.workspaces.get(workspaceId);
    if (!pair || !ws) return;
    const entries = await this.pairEntries([pair]);
    await this.addEmbeddings(entries);
    for (const p of [ws.current, ws.next]) if (p) (await p).add(entries);
  }
}
