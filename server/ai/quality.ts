import type { QualityReason } from '@/db/schema';
import type { QualityKey } from '@/lib/contracts/quality';
import { scriptCounts } from './text';

/**
 * Quality score of a resolved conversation: 0–100, the sum of ten parts, each with its points, its maximum and
 * an English sentence saying why (the desk translates the part's key). Every point lost shows up in one part.
 *
 * | part                    | max | full points                                   | nothing                           |
 * |-------------------------|-----|-----------------------------------------------|-----------------------------------|
 * | first_response          |  25 | first agent reply ≤ 1 min after the customer's first message | ≥ 30 min, or never answered |
 * | no_reopen               |  10 | resolved once                                 | reopened after a resolution       |
 * | resolution_time         |   8 | resolved ≤ 30 min after the first message     | ≥ 24 h                            |
 * | last_message_answered   |   7 | the customer's last message got a reply (or was a thank-you) | left unanswered    |
 * | sentiment               |  20 | customer mood improved or stayed positive     | worsened; stayed negative 5, stayed neutral 15, no model data 10 |
 * | greeting                |   5 | first reply greets (3) and uses the customer's name (2) | neither                 |
 * | language                |   8 | every reply in the customer's script          | share of replies that match       |
 * | empathy                 |   6 | apology/empathy within 2 replies of the first negative message (or never negative) | none |
 * | no_long_silences        |   6 | every follow-up answered within 10 min        | share of follow-ups over 10 min   |
 * | no_one_word_replies     |   5 | no one-word replies ("ok")                    | share of one-word replies         |
 *
 * Times are wall-clock (no business hours). Sliding parts fall linearly between their limits. A part that lost
 * anything scores at most max − 1, so rounding never hides a loss. Without any agent reply the five reply parts
 * score nothing. Sentiment uses the models' scores on customer messages (message_annotations): polarity is
 * positive − negative, the mean of the first k rated customer messages against the last k (k = half of them, at
 * most 3); a change of 0.2 or more is an improvement or a worsening.
 */
export const QUALITY_WEIGHTS = {
  first_response: 25,
  no_reopen: 10,
  resolution_time: 8,
  last_message_answered: 7,
  sentiment: 20,
  greeting: 5,
  language: 8,
  empathy: 6,
  no_long_silences: 6,
  no_one_word_replies: 5,
} as const satisfies Record<QualityKey, number>;

export const QUALITY_LIMITS = {
  firstResponseFullMs: 60_000,
  firstResponseZeroMs: 30 * 60_000,
  resolutionFullMs: 30 * 60_000,
  resolutionZeroMs: 24 * 60 * 60_000,
  silenceMs: 10 * 60_000,
  /** At most this many rated customer messages at each end of the conversation. */
  sentimentWindow: 3,
  /** A polarity change at least this big is an improvement / a worsening; levels beyond ±this are positive / negative. */
  sentimentStep: 0.2,
  /** Replies checked for an apology after the customer's first negative message. */
  empathyReplies: 2,
} as const;

export type QualityMessage = {
  senderType: 'contact' | 'agent' | 'system';
  kind: 'text' | 'note' | 'event';
  body: string;
  createdAt: Date;
  /** What the models said (customer messages only); null or absent when they did not read it. */
  annotation?: { lang: string; sentiment: string; sentimentScores: { negative: number; neutral: number; positive: number } } | null;
};

export type QualityInput = {
  /** The conversation's messages in the order they were sent (notes and events are ignored). */
  messages: QualityMessage[];
  /** When the conversation was opened: the start of the resolution clock when the customer wrote nothing. */
  startedAt: Date;
  resolvedAt: Date;
  /** It had been resolved before and came back (server/ai/quality.service.ts decides). */
  reopened: boolean;
  contactName?: string | null;
};

export type QualityResult = { score: number; reasons: (QualityReason & { key: QualityKey })[] };

type Reason = QualityResult['reasons'][number];

// ---------- helpers ----------

/** Points for a share of the maximum; anything short of the whole costs at least one point. */
function share(max: number, fraction: number) {
  const f = Math.min(1, Math.max(0, fraction));
  if (f >= 1) return max;
  return Math.max(0, Math.min(max - 1, Math.round(max * f)));
}

/** 1 up to `full`, 0 from `zero`, linear in between. */
function sliding(value: number, full: number, zero: number) {
  if (value <= full) return 1;
  if (value >= zero) return 0;
  return (zero - value) / (zero - full);
}

export function formatDuration(ms: number) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const reason = (key: QualityKey, points: number, detail: string): Reason => ({ key, points, max: QUALITY_WEIGHTS[key], detail });

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

type Script = 'bengali' | 'latin';
/** The script a text is mostly written in; null when it has no letters (emoji, numbers). */
function scriptOf(text: string): Script | null {
  const { bengali, latin } = scriptCounts(text);
  if (bengali === 0 && latin === 0) return null;
  return bengali >= latin ? 'bengali' : 'latin';
}

// Bengali has no \b word boundaries in JavaScript regexps: Bengali phrases are matched as substrings.
const hasAny = (text: string, latin: RegExp, bengali: readonly string[]) => latin.test(text) || bengali.some((b) => text.includes(b));

const GREETING_LATIN =
  /\b(hi|hello|hey|dear|greetings|welcome|good (morning|afternoon|evening|day)|assalamu ?a?laikum|assalamualaikum|salam|adab|nomoskar|namaskar|shagotom|swagotom|thanks? for (contacting|reaching|writing|your message)|thank you for (contacting|reaching|writing|your message))\b/i;
const GREETING_BENGALI = ['হ্যালো', 'হাই', 'আসসালামু', 'সালাম', 'নমস্কার', 'আদাব', 'স্বাগতম', 'শুভ সকাল', 'শুভ দুপুর', 'শুভ সন্ধ্যা', 'প্রিয়', 'যোগাযোগ করার জন্য ধন্যবাদ'];
const EMPATHY_LATIN =
  /\b(sorry|apologi[sz]e|apologies|apology|understand|inconvenience|frustrat\w*|regret|unfortunately|dukkhito|dukkito|khoma|maaf|bujhte parchi|bujhte pari)\b/i;
const EMPATHY_BENGALI = ['দুঃখিত', 'ক্ষমা', 'বুঝতে পারছি', 'অসুবিধার জন্য', 'আন্তরিকভাবে'];
const CLOSING_LATIN = /\b(thanks?|thank you|thx|tnx|ty|ok(ay)?|got it|great|bye|perfect|alright|solved|dhonnobad|dhonyobad|donnobad|thik ache|accha|acha)\b/i;
const CLOSING_BENGALI = ['ধন্যবাদ', 'ঠিক আছে', 'আচ্ছা', 'বুঝেছি', 'ওকে', 'উপকার'];

/** A short thank-you or "ok" that needs no answer; a question never is one. */
function isClosing(text: string) {
  return !/[?？]/.test(text) && words(text).length <= 6 && hasAny(text, CLOSING_LATIN, CLOSING_BENGALI);
}

const polarity = (a: NonNullable<QualityMessage['annotation']>) => a.sentimentScores.positive - a.sentimentScores.negative;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
function mood(p: number) {
  const label = p >= QUALITY_LIMITS.sentimentStep ? 'positive' : p <= -QUALITY_LIMITS.sentimentStep ? 'negative' : 'neutral';
  return `${label} (${p >= 0 ? '+' : '−'}${Math.abs(p).toFixed(2)})`;
}

/** A name worth looking for in replies: the first word of the contact's name, when it is a real one. */
function firstName(name: string | null | undefined) {
  const first = name?.trim().split(/\s+/)[0];
  if (!first || Array.from(first).length < 2 || /^(visitor|guest|customer|anonymous)$/i.test(first)) return null;
  return first;
}

// ---------- the parts ----------

type Parts = {
  customer: QualityMessage[];
  replies: QualityMessage[];
  /** Customer text and agent text messages in order. */
  talk: QualityMessage[];
};

function firstResponse({ customer, talk }: Parts): Reason {
  const first = customer[0];
  if (!first) return reason('first_response', QUALITY_WEIGHTS.first_response, 'No customer message to answer');
  const reply = talk.slice(talk.indexOf(first) + 1).find((m) => m.senderType === 'agent');
  if (!reply) return reason('first_response', 0, 'The customer never got a reply');
  const ms = reply.createdAt.getTime() - first.createdAt.getTime();
  const { firstResponseFullMs: full, firstResponseZeroMs: zero } = QUALITY_LIMITS;
  return reason(
    'first_response',
    share(QUALITY_WEIGHTS.first_response, sliding(ms, full, zero)),
    `First reply after ${formatDuration(ms)} (full points within ${formatDuration(full)}, none after ${formatDuration(zero)})`,
  );
}

function noReopen(input: QualityInput): Reason {
  return input.reopened
    ? reason('no_reopen', 0, 'Reopened after it had been resolved')
    : reason('no_reopen', QUALITY_WEIGHTS.no_reopen, 'Resolved without being reopened');
}

function resolutionTime(input: QualityInput, { customer }: Parts): Reason {
  const start = customer[0]?.createdAt ?? input.startedAt;
  const ms = input.resolvedAt.getTime() - start.getTime();
  const { resolutionFullMs: full, resolutionZeroMs: zero } = QUALITY_LIMITS;
  return reason(
    'resolution_time',
    share(QUALITY_WEIGHTS.resolution_time, sliding(ms, full, zero)),
    `Resolved ${formatDuration(ms)} after the first message (full points within ${formatDuration(full)}, none after ${formatDuration(zero)})`,
  );
}

function lastMessageAnswered({ customer, talk }: Parts): Reason {
  const last = customer[customer.length - 1];
  const max = QUALITY_WEIGHTS.last_message_answered;
  if (!last) return reason('last_message_answered', max, 'No customer message to answer');
  if (talk.slice(talk.indexOf(last) + 1).some((m) => m.senderType === 'agent')) {
    return reason('last_message_answered', max, "The customer's last message got a reply");
  }
  if (isClosing(last.body)) return reason('last_message_answered', max, "The customer's last message was a thank-you that needed no reply");
  return reason('last_message_answered', 0, "The customer's last message got no reply before the conversation was resolved");
}

function sentiment({ customer }: Parts): Reason {
  const max = QUALITY_WEIGHTS.sentiment;
  const rated = customer.flatMap((m) => (m.annotation ? [polarity(m.annotation)] : []));
  if (rated.length === 0) return reason('sentiment', share(max, 0.5), 'No sentiment data (the models did not read this conversation): half points');
  const k = rated.length === 1 ? 1 : Math.min(QUALITY_LIMITS.sentimentWindow, Math.floor(rated.length / 2));
  const start = mean(rated.slice(0, k));
  const end = mean(rated.slice(-k));
  const step = QUALITY_LIMITS.sentimentStep;
  if (end - start >= step) return reason('sentiment', max, `Customer mood improved from ${mood(start)} to ${mood(end)}`);
  if (start - end >= step) return reason('sentiment', 0, `Customer mood worsened from ${mood(start)} to ${mood(end)}`);
  // No change (or one rated message): judged on the level it ended at.
  const level = end >= step ? 1 : end <= -step ? 0.25 : 0.75;
  const detail = rated.length === 1 ? `Only one customer message was rated: ${mood(end)}` : `Customer mood stayed ${mood(end)}`;
  return reason('sentiment', share(max, level), detail);
}

function greeting(input: QualityInput, { replies }: Parts): Reason {
  const first = replies[0];
  if (!first) return reason('greeting', 0, 'No agent reply');
  const greeted = hasAny(first.body, GREETING_LATIN, GREETING_BENGALI);
  const name = firstName(input.contactName);
  if (!name) {
    return greeted
      ? reason('greeting', QUALITY_WEIGHTS.greeting, 'The first reply greeted the customer (their name is unknown)')
      : reason('greeting', 0, 'The first reply did not greet the customer');
  }
  const lower = name.toLocaleLowerCase();
  const named = replies.some((m) => m.body.toLocaleLowerCase().includes(lower));
  const greetPart = greeted ? 'The first reply greeted the customer' : 'The first reply did not greet the customer';
  const namePart = named ? `the replies used their name (${name})` : `the replies never used their name (${name})`;
  return reason('greeting', (greeted ? 3 : 0) + (named ? 2 : 0), `${greetPart}; ${namePart}`);
}

/** The script replies should be in: the one the customer writes; null when either will do or nothing tells. */
function expectedScript(customer: QualityMessage[]): { script: Script | null; why: string } {
  const langs = customer.flatMap((m) => (m.annotation ? [m.annotation.lang] : []));
  if (langs.length) {
    const counts = new Map<string, number>();
    for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1);
    // Most frequent; a tie goes to the language the customer used last.
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || langs.lastIndexOf(b[0]) - langs.lastIndexOf(a[0]))[0]![0];
    if (top === 'bn') return { script: 'bengali', why: 'the customer writes Bengali' };
    if (top === 'en') return { script: 'latin', why: 'the customer writes English' };
    // Banglish is Bengali in Latin letters: its writers read both scripts; mixed uses both.
    return { script: null, why: top === 'banglish' ? 'the customer writes Banglish, so either script' : 'the customer mixes both scripts' };
  }
  const scripts = customer.map((m) => scriptOf(m.body)).filter((s): s is Script => s !== null);
  if (scripts.length === 0) return { script: null, why: "the customer's language is unknown" };
  const bengali = scripts.filter((s) => s === 'bengali').length;
  return bengali * 2 >= scripts.length
    ? { script: 'bengali', why: 'the customer writes in Bengali script' }
    : { script: 'latin', why: 'the customer writes in Latin letters' };
}

function language({ customer, replies }: Parts): Reason {
  const max = QUALITY_WEIGHTS.language;
  if (replies.length === 0) return reason('language', 0, 'No agent reply');
  const { script, why } = expectedScript(customer);
  const judged = replies.map((m) => scriptOf(m.body)).filter((s): s is Script => s !== null);
  if (script === null || judged.length === 0) {
    return reason('language', max, judged.length === 0 ? 'The replies had no letters to judge' : `Any script fits: ${why}`);
  }
  const matching = judged.filter((s) => s === script).length;
  const name = script === 'bengali' ? 'Bengali script' : 'Latin letters';
  return reason('language', share(max, matching / judged.length), `${matching} of ${judged.length} replies in ${name}; ${why}`);
}

function empathy({ customer, replies, talk }: Parts): Reason {
  const max = QUALITY_WEIGHTS.empathy;
  if (replies.length === 0) return reason('empathy', 0, 'No agent reply');
  if (!customer.some((m) => m.annotation)) return reason('empathy', max, 'No sentiment data: not judged');
  const upset = customer.find((m) => m.annotation?.sentiment === 'negative');
  if (!upset) return reason('empathy', max, 'The customer was never upset');
  const next = talk.slice(talk.indexOf(upset) + 1).filter((m) => m.senderType === 'agent').slice(0, QUALITY_LIMITS.empathyReplies);
  if (next.length === 0) return reason('empathy', 0, 'No reply after the customer was upset');
  return next.some((m) => hasAny(m.body, EMPATHY_LATIN, EMPATHY_BENGALI))
    ? reason('empathy', max, 'Apologised or showed understanding after the customer was upset')
    : reason('empathy', 0, `No apology or understanding in the ${next.length === 1 ? 'reply' : `${next.length} replies`} after the customer was upset`);
}

function noLongSilences({ replies, talk }: Parts): Reason {
  const max = QUALITY_WEIGHTS.no_long_silences;
  if (replies.length === 0) return reason('no_long_silences', 0, 'No agent reply');
  // The wait of each customer turn after the first one (the first is first_response): from the first message
  // the agent had not answered yet to the next reply. A turn still waiting at the end is last_message_answered.
  const waits: number[] = [];
  let waitingSince: Date | null = null;
  let answeredOnce = false;
  for (const m of talk) {
    if (m.senderType === 'contact') {
      waitingSince ??= m.createdAt;
    } else if (waitingSince) {
      if (answeredOnce) waits.push(m.createdAt.getTime() - waitingSince.getTime());
      answeredOnce = true;
      waitingSince = null;
    }
  }
  if (waits.length === 0) return reason('no_long_silences', max, 'No follow-up messages to wait on');
  const limit = QUALITY_LIMITS.silenceMs;
  const long = waits.filter((w) => w > limit).length;
  const longest = formatDuration(Math.max(...waits));
  return long === 0
    ? reason('no_long_silences', max, `Every follow-up answered within ${formatDuration(limit)} (longest ${longest})`)
    : reason('no_long_silences', share(max, 1 - long / waits.length), `${long} of ${waits.length} follow-ups waited over ${formatDuration(limit)} (longest ${longest})`);
}

function noOneWordReplies({ replies }: Parts): Reason {
  const max = QUALITY_WEIGHTS.no_one_word_replies;
  if (replies.length === 0) return reason('no_one_word_replies', 0, 'No agent reply');
  const short = replies.filter((m) => words(m.body).length <= 1);
  if (short.length === 0) return reason('no_one_word_replies', max, 'No one-word replies');
  const example = Array.from(short[0]!.body.trim()).slice(0, 20).join('');
  return reason('no_one_word_replies', share(max, 1 - short.length / replies.length), `${short.length} of ${replies.length} replies were a single word (“${example}”)`);
}

/** Scores one resolved conversation. Pure: the same input always gives the same score and reasons. */
export function scoreConversation(input: QualityInput): QualityResult {
  const talk = input.messages.filter((m) => m.kind === 'text' && (m.senderType === 'contact' || m.senderType === 'agent'));
  const parts: Parts = {
    talk,
    customer: talk.filter((m) => m.senderType === 'contact'),
    replies: talk.filter((m) => m.senderType === 'agent'),
  };
  const reasons = [
    firstResponse(parts),
    noReopen(input),
    resolutionTime(input, parts),
    lastMessageAnswered(parts),
    sentiment(parts),
    greeting(input, parts),
    language(parts),
    empathy(parts),
    noLongSilences(parts),
    noOneWordReplies(parts),
  ];
  const score = Math.max(0, Math.min(100, reasons.reduce((s, r) => s + r.points, 0)));
  return { score, reasons };
}
