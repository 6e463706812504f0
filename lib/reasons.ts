// Why something happened (a routing decision, an escalation, a notification), as a code with parameters, so each
// reader sees it in their own language. The server stores the English text beside it (logs, exports, API
// clients); the desk renders the code in the signed-in person's language. Old rows without a code show their
// stored text.
import { deskDictionaries, type DeskLocale } from './desk-i18n';
import { formatNumber } from './format';

type Param = string | number | boolean | null;
export type ReasonDetail = { code: string; params: Record<string, Param> };

const reason = (code: string, params: Record<string, Param> = {}): ReasonDetail => ({ code, params });

/** The reasons this project records, with their parameters. */
export const reasons = {
  widgetDefaultTeam: (team: string, queued: boolean) => reason('widget.default_team', { team, queued }),
  widgetNoTeam: () => reason('widget.no_team'),
  aiIntent: (intent: string, confidence: number, team: string) => reason('ai.intent', { intent, confidence, team }),
  aiLowConfidence: (intent: string, confidence: number, min: number, team: string) => reason('ai.low_confidence', { intent, confidence, min, team }),
  aiNoIntent: (confidence: number, team: string) => reason('ai.no_intent', { confidence, team }),
  manualAssigned: (assignee: string | null, actor: string) => reason('manual.assigned', { assignee, actor }),
  manualUnassigned: (actor: string) => reason('manual.unassigned', { actor }),
  manualTransferred: (team: string | null, assignee: string | null, actor: string, note: string | null = null) =>
    reason('manual.transferred', { team, assignee, actor, note }),
  manualAssignedNote: (assignee: string | null, actor: string, note: string) => reason('manual.assigned', { assignee, actor, note }),
  // The routing engine (server/routing): a strategy chose the agent.
  routed: (team: string, assignee: string | null, strategy: string, matched: string) => reason('routing.routed', { team, assignee, strategy, matched }),
  queueAssigned: (assignee: string, strategy: string, waitedSeconds: number, matched: string) =>
    reason('queue.assigned', { assignee, strategy, waited: waitedSeconds, matched }),
  reassigned: (previous: string | null, assignee: string | null, afterSeconds: number) => reason('reassign.unanswered', { previous, assignee, after: afterSeconds }),
  overflowed: (from: string | null, to: string | null, assignee: string | null, afterSeconds: number) =>
    reason('overflow.waited', { from, to, assignee, after: afterSeconds }),
  // An automation rule (server/automation) moved the conversation.
  automationRule: (rule: string, team: string | null, assignee: string | null) => reason('automation.rule', { rule, team, assignee }),
  escalationSharp: (negative: number) => reason('escalation.sharp', { negative }),
  escalationWorsening: (from: number, to: number) => reason('escalation.worsening', { from, to }),
  notifyEscalated: (who: string | null, priority: string) => reason('notify.escalated', { who, priority }),
  notifySlaWarning: (who: string | null, kind: string, dueAt: string | null) => reason('notify.sla_warning', { who, kind, dueAt }),
  notifyMention: (by: string | null, who: string | null) => reason('notify.mention', { by, who }),
  notifyTicketReminder: (number: number, subject: string) => reason('notify.ticket_reminder', { number, subject }),
  notifyRule: (rule: string, who: string | null) => reason('notify.rule', { rule, who }),
  notifyAssigned: (who: string | null, by: string | null) => reason('notify.assigned', { who, by }),
  notifySlaBreached: (who: string | null, kind: string, priority: string) => reason('notify.sla_breached', { who, kind, priority }),
};

/** The same reason, noting that the conversation was in that team already. */
export function alreadyThere(detail: ReasonDetail): ReasonDetail {
  return { code: detail.code, params: { ...detail.params, alreadyThere: true } };
}

const str = (v: Param | undefined) => (v === null || v === undefined ? null : String(v));
const num = (v: Param | undefined) => (typeof v === 'number' ? v : Number(v ?? Number.NaN));

/**
 * The reason as a sentence in `locale`; null for a code this version does not know (show the stored text).
 * English reproduces the stored text exactly.
 */
export function formatReason(detail: ReasonDetail | null | undefined, locale: DeskLocale): string | null {
  if (!detail) return null;
  const p = detail.params ?? {};
  const t = deskDictionaries[locale];
  const bn = locale === 'bn';
  const pct = (v: Param | undefined) => `${formatNumber(Math.round(num(v) * 100), locale)}%`;
  const fixed = (v: Param | undefined) => formatNumber(num(v), locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
  const intent = (v: Param | undefined) => {
    if (!bn) return String(v);
    const label = (t as Record<string, string>)[`intent_${String(v)}`];
    return label ?? String(v);
  };
  const priority = (v: Param | undefined) => (bn ? ((t as Record<string, string>)[String(v)] ?? String(v)) : String(v));
  const note = (v: Param | undefined) => (v ? (bn ? ` — নোট: ${String(v)}` : ` — note: ${String(v)}`) : '');
  const strategyName = (v: Param | undefined) => {
    const key = `strategy_${String(v)}`;
    return (t as Record<string, string>)[key] ?? String(v);
  };
  const skills = (v: Param | undefined) => (v ? (bn ? `; মিলেছে: ${String(v)}` : `; matched ${String(v)}`) : '');
  const duration = (v: Param | undefined) => {
    const s = Math.max(0, Math.round(num(v)));
    if (s < 60) return bn ? `${formatNumber(s, locale)} সেকেন্ড` : `${s} s`;
    const m = Math.round(s / 60);
    return bn ? `${formatNumber(m, locale)} মিনিট` : `${m} min`;
  };
  const slaKind = (v: Param | undefined) => (t as Record<string, string>)[`sla_${String(v)}`] ?? String(v);
  const there = p.alreadyThere ? (bn ? ' (আগে থেকেই সেখানে)' : ' (already there)') : '';
  switch (detail.code) {
    case 'widget.default_team':
      return bn
        ? `উইজেটের নির্ধারিত টিম ${p.team}${p.queued ? ': জায়গা আছে এমন কোনো এজেন্ট অনলাইনে নেই, সারিতে অপেক্ষায়' : ''}`
        : `Widget's default team ${p.team}${p.queued ? ': no agent online with room, waiting in its queue' : ''}`;
    case 'widget.no_team':
      return bn ? 'উইজেটের কোনো নির্ধারিত টিম নেই: কারও দায়িত্বে নেই এমন সারি' : 'The widget has no default team: unassigned queue';
    case 'ai.intent':
      return bn
        ? `উদ্দেশ্য „${intent(p.intent)}” (${pct(p.confidence)} নিশ্চিত), তাই ${p.team} টিমে${there}`
        : `Intent ${p.intent} (${pct(p.confidence)} confident) maps to ${p.team}${there}`;
    case 'ai.low_confidence':
      return bn
        ? `নিশ্চয়তা কম: উদ্দেশ্য „${intent(p.intent)}” মাত্র ${pct(p.confidence)} নিশ্চিত, দরকার ${pct(p.min)}; সাধারণ সারি ${p.team}${there}`
        : `Low confidence: intent ${p.intent} only ${pct(p.confidence)} confident, below ${pct(p.min)}; general queue ${p.team}${there}`;
    case 'ai.no_intent':
      return bn
        ? `নিশ্চয়তা কম: কোনো সাপোর্ট-উদ্দেশ্য চেনা যায়নি (${pct(p.confidence)}); সাধারণ সারি ${p.team}${there}`
        : `Low confidence: no support intent recognised (${pct(p.confidence)}); general queue ${p.team}${there}`;
    case 'manual.assigned':
      return bn
        ? `${p.actor} দায়িত্ব দিলেন ${str(p.assignee) ?? 'একজন এজেন্টকে'}${note(p.note)}`
        : `Assigned to ${str(p.assignee) ?? 'an agent'} by ${p.actor}${note(p.note)}`;
    case 'manual.unassigned':
      return bn ? `${p.actor} দায়িত্ব সরিয়ে নিলেন` : `Unassigned by ${p.actor}`;
    case 'manual.transferred':
      return bn
        ? `${p.actor} পাঠালেন ${str(p.team) ?? 'একটি টিমে'}${p.assignee ? `; দায়িত্বে ${p.assignee}` : ': সারিতে অপেক্ষায়'}`
        : `Transferred to ${str(p.team) ?? 'a team'} by ${p.actor}${p.assignee ? `; assigned to ${p.assignee}` : ': waiting in its queue'}${note(p.note)}`;
    case 'routing.routed':
      return bn
        ? `${p.team} টিম, ${strategyName(p.strategy)}${p.assignee ? `: দায়িত্বে ${p.assignee}` : ': জায়গা আছে এমন কোনো এজেন্ট অনলাইনে নেই, সারিতে অপেক্ষায়'}${skills(p.matched)}`
        : `Team ${p.team}, ${strategyName(p.strategy)}${p.assignee ? `: assigned to ${p.assignee}` : ': no agent online with room, waiting in its queue'}${skills(p.matched)}`;
    case 'queue.assigned':
      return bn
        ? `সারি থেকে ${p.assignee}-এর কাছে (${strategyName(p.strategy)}), অপেক্ষা ${duration(p.waited)}${skills(p.matched)}`
        : `From the queue to ${p.assignee} (${strategyName(p.strategy)}) after waiting ${duration(p.waited)}${skills(p.matched)}`;
    case 'reassign.unanswered':
      return bn
        ? `${str(p.previous) ?? 'এজেন্ট'} ${duration(p.after)}-এর মধ্যে উত্তর দেননি: ${p.assignee ? `এখন ${p.assignee}` : 'আবার সারিতে'}`
        : `${str(p.previous) ?? 'The agent'} did not answer within ${duration(p.after)}: ${p.assignee ? `reassigned to ${p.assignee}` : 'back to the queue'}`;
    case 'overflow.waited':
      return bn
        ? `${str(p.from) ?? 'টিমের'} সারিতে ${duration(p.after)}-এর বেশি অপেক্ষা: ${str(p.to) ?? 'অন্য টিমে'} পাঠানো হলো${p.assignee ? `; দায়িত্বে ${p.assignee}` : ''}`
        : `Waited over ${duration(p.after)} in ${str(p.from) ?? 'its team'}'s queue: overflowed to ${str(p.to) ?? 'another team'}${p.assignee ? `; assigned to ${p.assignee}` : ''}`;
    case 'automation.rule':
      return bn
        ? `অটোমেশন নিয়ম „${p.rule}”: ${str(p.team) ?? 'একটি টিমে'} পাঠানো হলো${p.assignee ? `; দায়িত্বে ${p.assignee}` : ': সারিতে অপেক্ষায়'}${there}`
        : `Automation rule “${p.rule}”: routed to ${str(p.team) ?? 'a team'}${p.assignee ? `; assigned to ${p.assignee}` : ': waiting in its queue'}${there}`;
    case 'escalation.sharp':
      return bn ? `তীব্র নেতিবাচক বার্তা (${pct(p.negative)} নেতিবাচক)` : `Sharply negative message (${pct(p.negative)} negative)`;
    case 'escalation.worsening':
      return bn
        ? `মনোভাব খারাপের দিকে (−১…১ মাপে ${fixed(p.from)} থেকে ${fixed(p.to)})`
        : `Sentiment worsening (from ${num(p.from).toFixed(2)} to ${num(p.to).toFixed(2)} on a −1…1 scale)`;
    case 'notify.escalated':
      return bn
        ? `এস্কেলেশন: ${str(p.who) ?? 'একজন গ্রাহক'} (অগ্রাধিকার ${priority(p.priority)})`
        : `Escalated: ${str(p.who) ?? 'A customer'} (priority ${p.priority})`;
    case 'notify.sla_warning':
      return bn
        ? `এসএলএ সতর্কতা: ${str(p.who) ?? 'একজন গ্রাহক'} — ${slaKind(p.kind)} লক্ষ্যের ৮০% পেরিয়েছে`
        : `SLA warning: ${str(p.who) ?? 'A customer'} — ${slaKind(p.kind)} is past 80% of its target`;
    case 'notify.mention':
      return bn
        ? `${str(p.by) ?? 'একজন সহকর্মী'} আপনাকে নোটে উল্লেখ করেছেন: ${str(p.who) ?? 'একজন গ্রাহক'}`
        : `${str(p.by) ?? 'A teammate'} mentioned you in a note: ${str(p.who) ?? 'A customer'}`;
    case 'notify.ticket_reminder':
      return bn ? `টিকিট #${formatNumber(num(p.number), locale)} ফলো-আপের সময়: ${p.subject}` : `Follow up ticket #${p.number}: ${p.subject}`;
    case 'notify.rule':
      return bn ? `নিয়ম „${p.rule}”: ${str(p.who) ?? 'একজন গ্রাহক'}` : `Rule “${p.rule}”: ${str(p.who) ?? 'A customer'}`;
    case 'notify.assigned':
      return bn
        ? `আপনাকে একটি কথোপকথন দেওয়া হয়েছে: ${str(p.who) ?? 'একজন গ্রাহক'}${p.by ? ` (${p.by})` : ''}`
        : `Assigned to you: ${str(p.who) ?? 'A customer'}${p.by ? ` (by ${p.by})` : ''}`;
    case 'notify.sla_breached':
      return bn
        ? `এসএলএ ভঙ্গ: ${str(p.who) ?? 'একজন গ্রাহক'} — ${slaKind(p.kind)} সময় পেরিয়েছে; অগ্রাধিকার ${priority(p.priority)}`
        : `SLA breached: ${str(p.who) ?? 'A customer'} — ${slaKind(p.kind)} is overdue; priority now ${p.priority}`;
    default:
      return null;
  }
}

/** English text for storing beside the code. */
export function reasonText(detail: ReasonDetail): string {
  return formatReason(detail, 'en') ?? detail.code;
}
