// Routing strategies as pure functions: which online agent with room takes a conversation, and why.
// The database side (who is online, their load, the locks) is in routing.queries.ts; RoutingService ties both.

export const routingStrategies = ['round_robin', 'load_balanced', 'skills'] as const;
export type RoutingStrategy = (typeof routingStrategies)[number];

export type Candidate = {
  id: string;
  name: string;
  lastAssignedAt: Date | null;
  /** Open conversations assigned now. */
  load: number;
  capacity: number;
  languages: string[];
  skills: string[];
};

/** What is known about the conversation when it is routed: the customer's language, intent, product category. */
export type ConversationFacts = { lang?: string | null; intent?: string | null; category?: string | null };

export type Choice = { candidate: Candidate; matched: string[] };

const byLastAssigned = (a: Candidate, b: Candidate) => {
  const ta = a.lastAssignedAt?.getTime() ?? -Infinity;
  const tb = b.lastAssignedAt?.getTime() ?? -Infinity;
  return ta - tb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

const byLoadShare = (a: Candidate, b: Candidate) => a.load / a.capacity - b.load / b.capacity || a.load - b.load || byLastAssigned(a, b);

/** The skills of `c` that the conversation asks for (its language counts as one). */
export function matchedSkills(c: Candidate, facts: ConversationFacts): string[] {
  const out: string[] = [];
  const lang = facts.lang === 'mixed' ? null : facts.lang;
  if (lang && c.languages.includes(lang)) out.push(lang);
  for (const s of [facts.intent, facts.category]) if (s && c.skills.includes(s) && !out.includes(s)) out.push(s);
  return out;
}

/**
 * Agents with free capacity, best first:
 * - round_robin: the one assigned longest ago;
 * - load_balanced: the lowest share of their own capacity in use (an agent taking 2 of 8 is freer than 1 of 2);
 * - skills: the most matching skills (language, intent, product category), then load. An agent without any
 *   matching skill is still chosen when nobody with one has room: a free agent beats a waiting customer.
 */
export function rankCandidates(strategy: RoutingStrategy, candidates: Candidate[], facts: ConversationFacts = {}): Choice[] {
  const free = candidates.filter((c) => c.capacity > 0 && c.load < c.capacity);
  const withMatches = free.map((candidate) => ({ candidate, matched: strategy === 'skills' ? matchedSkills(candidate, facts) : [] }));
  switch (strategy) {
    case 'round_robin':
      return withMatches.sort((a, b) => byLastAssigned(a.candidate, b.candidate));
    case 'load_balanced':
      return withMatches.sort((a, b) => byLoadShare(a.candidate, b.candidate));
    case 'skills':
      return withMatches.sort((a, b) => b.matched.length - a.matched.length || byLoadShare(a.candidate, b.candidate));
  }
}

/**
 * Seconds until a customer at `position` in line is likely served: with `capacity` chat slots online and a
 * median handle time of `handleSeconds`, a slot frees about every handleSeconds / capacity. Null when nobody is
 * online to serve the queue (the widget then says so instead of promising a time).
 */
export function estimateWaitSeconds(position: number, capacity: number, handleSeconds: number): number | null {
  if (capacity <= 0 || position <= 0) return null;
  const raw = (position * handleSeconds) / capacity;
  // Rounded to whole minutes (at least one): the customer is shown minutes, not false precision.
  return Math.max(60, Math.round(raw / 60) * 60);
}
