import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '@/db/client';
import { conversations, csatResponses, messageAnnotations, messages, slaEvents } from '@/db/schema';
import { ALWAYS_OPEN, type BusinessCalendar, businessSecondsBetween } from '@/server/sla/business-time';
import * as slaq from '@/server/sla/sla.queries';
import type { ReportingEventRow } from './reporting.queries';
import { insertEvents } from './reporting.queries';

/**
 * Reporting events for history written before reporting existed (or imported, or seeded): derived once from
 * conversations, messages, the models' annotations, CSAT answers and stopped SLA clocks, with the same durations the live service
 * computes. Conversations that already have events are left alone, so it can run again safely.
 * `npm run reporting:backfill`; the demo seed runs it.
 */
export async function backfillReporting(db: Db, workspaceId: string) {
  const [calendars, teamCals] = await Promise.all([slaq.listCalendars(db, workspaceId), slaq.listTeamCalendars(db, workspaceId)]);
  const teamCalendar = new Map(teamCals.map((t) => [t.id, t.calendarId]));
  const calOf = (teamId: string | null): BusinessCalendar => {
    const id = teamId ? teamCalendar.get(teamId) : null;
    const row = (id && calendars.find((c) => c.id === id)) || calendars.find((c) => c.isDefault) || null;
    return row ? { timezone: row.timezone, hours: row.hours, holidays: row.holidays.map((h) => h.date) } : ALWAYS_OPEN;
  };
  const unreported = rowsOf<{ id: string }>(
    await db.execute(sql`select c.id from conversations c where c.workspace_id = ${workspaceId}
      and not exists (select 1 from reporting_events e where e.conversation_id = c.id) order by c.created_at`),
  ).map((r) => r.id);
  let written = 0;
  for (let i = 0; i < unreported.length; i += 200) {
    const ids = unreported.slice(i, i + 200);
    const [convs, msgs, notes, csat, slas] = await Promise.all([
      db.select().from(conversations).where(inArray(conversations.id, ids)),
      db
        .select({ id: messages.id, conversationId: messages.conversationId, senderType: messages.senderType, senderId: messages.senderId, createdAt: messages.createdAt })
        .from(messages)
        .where(and(inArray(messages.conversationId, ids), eq(messages.kind, 'text')))
        .orderBy(asc(messages.id)),
      db.select().from(messageAnnotations).where(inArray(messageAnnotations.conversationId, ids)).orderBy(asc(messageAnnotations.messageId)),
      db.select().from(csatResponses).where(inArray(csatResponses.conversationId, ids)),
      db
        .select()
        .from(slaEvents)
        .where(and(inArray(slaEvents.conversationId, ids), inArray(slaEvents.event, ['met', 'missed'])))
        .orderBy(asc(slaEvents.id)),
    ]);
    const rows: ReportingEventRow[] = [];
    for (const c of convs) {
      const cal = calOf(c.teamId);
      const base = { workspaceId, conversationId: c.id, teamId: c.teamId, vendorId: c.vendorId, channel: c.channel, agentId: c.assigneeId };
      const span = (from: Date, to: Date) => ({ wallSeconds: Math.max(0, (to.getTime() - from.getTime()) / 1000), businessSeconds: businessSecondsBetween(cal, from, to) });
      const mine = notes.filter((n) => n.conversationId === c.id);
      const first = mine[0];
      const dims = { intent: first?.intent ?? null, lang: first?.lang ?? null };
      rows.push({ ...base, ...dims, name: 'conversation_created', at: c.createdAt, intent: null, lang: null });
      if (first) rows.push({ ...base, ...dims, name: 'classified', at: first.createdAt, detail: first.sentiment, value: first.intentConfidence });
      let sentiment: string | null = null;
      for (const n of mine) {
        if (n.sentiment === sentiment) continue;
        sentiment = n.sentiment;
        rows.push({ ...base, ...dims, name: 'sentiment', at: n.createdAt, detail: n.sentiment, value: n.sentimentScores.positive - n.sentimentScores.negative });
      }
      if (c.assigneeId) rows.push({ ...base, ...dims, name: 'assigned', at: c.assignedAt ?? c.createdAt, ...span(c.createdAt, c.assignedAt ?? c.createdAt) });
      let responded = false;
      let awaiting: Date | null = null;
      for (const m of msgs) {
        if (m.conversationId !== c.id) continue;
        if (m.senderType === 'contact') {
          awaiting ??= m.createdAt;
        } else if (m.senderType === 'agent') {
          if (!responded) rows.push({ ...base, ...dims, agentId: m.senderId, name: 'first_response', at: m.createdAt, ...span(c.createdAt, m.createdAt) });
          else if (awaiting) rows.push({ ...base, ...dims, agentId: m.senderId, name: 'reply', at: m.createdAt, ...span(awaiting, m.createdAt) });
          responded = true;
          awaiting = null;
        }
      }
      if (c.status === 'resolved' && c.resolvedAt) rows.push({ ...base, ...dims, name: 'resolved', at: c.resolvedAt, ...span(c.createdAt, c.resolvedAt) });
      const rating = csat.find((r) => r.conversationId === c.id);
      if (rating) rows.push({ ...base, ...dims, name: 'csat', at: rating.createdAt, value: rating.rating });
      for (const e of slas) {
        if (e.conversationId !== c.id) continue;
        rows.push({ ...base, ...dims, name: e.event === 'met' ? 'sla_met' : 'sla_missed', at: e.at, detail: e.kind, wallSeconds: e.wallSeconds, businessSeconds: e.businessSeconds });
      }
    }
    for (let k = 0; k < rows.length; k += 1000) await insertEvents(db, rows.slice(k, k + 1000));
    written += rows.length;
  }
  return { conversations: unreported.length, events: written };
}
