import type { Intent } from '@/lib/contracts/ai';
import { type ReasonDetail, reasons, reasonText } from '@/lib/reasons';

/** A customer message's intent reading, oldest first. `team` is the team name the intent maps to (AI_TEAM_MAP). */
export type IntentSignal = { messageId: number; intent: Intent; confidence: number; team: string | null };

export type IntentRoutePlan = {
  teamId: string;
  teamName: string;
  intent: Intent;
  confidence: number;
  confident: boolean;
  reason: string;
  detail: ReasonDetail;
};

export type IntentRouteInput = {
  conversation: { teamId: string | null; vendorId: string | null; status: string; firstResponseAt: Date | null };
  // Earlier routing decisions of this conversation (any source), oldest first.
  decisions: { source: string; intent: string | null; confidence: number | null }[];
  signals: IntentSignal[];
  teams: { id: string; name: string }[];
  // The queue for conversations whose intent is unclear (the team `other` maps to).
  generalTeam: string | null;
  minConfidence: number;
  // Only a conversation's first messages route it: later ones are the agent's business.
  maxMessages?: number;
  // False when the conversation's widget keeps its chats in the team it names (widgets.intent_routing).
  widgetAllows?: boolean;
};

function findTeam(teams: { id: string; name: string }[], name: string | null) {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  return teams.find((t) => t.name.trim().toLowerCase() === n) ?? null;
}

/**
 * Where the models say a new conversation belongs, or null when intent routing has nothing (more) to do.
 *
 * Rules, in order:
 * - Vendor conversations belong to the vendor; conversations an agent has answered or a person has routed by
 *   hand (a `manual` decision) are never moved by the models; resolved ones neither; nor those of a widget set to
 *   keep its chats in its own team.
 * - Only the first `maxMessages` (3) customer messages count. The most confident reading among them that is not
 *   `other` and reaches `minConfidence` routes the conversation to its intent's team, once.
 * - Without such a reading, the first message sends the conversation to the general queue (recorded with the
 *   reason), and a clearer second or third message may still route it to a specialist team.
 */
export function planIntentRoute(input: IntentRouteInput): IntentRoutePlan | null {
  const { conversation: c, decisions, teams, minConfidence } = input;
  if (c.vendorId || c.firstResponseAt || c.status === 'resolved' || input.widgetAllows === false) return null;
  if (decisions.some((d) => d.source === 'manual' || d.source === 'automation')) return null;
  const aiDecisions = decisions.filter((d) => d.source === 'ai');
  if (aiDecisions.some((d) => d.confidence !== null && d.confidence >= minConfidence && d.intent !== 'other')) return null;

  const signals = input.signals.slice(0, input.maxMessages ?? 3);
  if (signals.length === 0) return null;
  const strong = signals
    .filter((s) => s.intent !== 'other' && s.confidence >= minConfidence && findTeam(teams, s.team))
    .sort((a, b) => b.confidence - a.confidence)[0];
  if (strong) {
    const team = findTeam(teams, strong.team)!;
    const detail = reasons.aiIntent(strong.intent, strong.confidence, team.name);
    return { teamId: team.id, teamName: team.name, intent: strong.intent, confidence: strong.confidence, confident: true, reason: reasonText(detail), detail };
  }
  // Unclear: the general queue, decided once (on the first reading).
  if (aiDecisions.length > 0) return null;
  const general = findTeam(teams, input.generalTeam);
  if (!general) return null;
  const best = [...signals].sort((a, b) => b.confidence - a.confidence)[0]!;
  const detail =
    best.intent === 'other' ? reasons.aiNoIntent(best.confidence, general.name) : reasons.aiLowConfidence(best.intent, best.confidence, minConfidence, general.name);
  return { teamId: general.id, teamName: general.name, intent: best.intent, confidence: best.confidence, confident: false, reason: reasonText(detail), detail };
}
