import { and, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { automationRules, businessCalendars, conversations, experiments, macros, slaPolicies, teams, tickets, users, widgets, workspaces } from '@/db/schema';

type Input = Record<string, unknown>;
type Loader = (db: Db, workspaceId: string, input: Input) => Promise<unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOf = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : null);
const first = <T>(rows: T[]) => rows[0] ?? null;

// A ticket's state without its subject or reminder note: those are often the customer's own words, and the log
// cannot forget them when the customer is erased.
const ticketState = (db: Db, ws: string, id: string) =>
  db
    .select({ status: tickets.status, priority: tickets.priority, assigneeId: tickets.assigneeId, teamId: tickets.teamId, dueAt: tickets.dueAt, mergedIntoId: tickets.mergedIntoId, remindAt: tickets.remindAt })
    .from(tickets)
    .where(and(eq(tickets.id, id), eq(tickets.workspaceId, ws)))
    .then(first);

const conversation = (db: Db, ws: string, id: string) =>
  db
    .select({
      status: conversations.status,
      priority: conversations.priority,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      vendorId: conversations.vendorId,
      labels: conversations.labels,
      snoozedUntil: conversations.snoozedUntil,
      platformJoinedAt: conversations.platformJoinedAt,
      takenOverAt: conversations.takenOverAt,
      escalatedAt: conversations.escalatedAt,
    })
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.workspaceId, ws)))
    .then(first);

// The state a mutation is about to change, read just before it runs, by the id its input names (always within the
// actor's workspace). Mutations not listed here that name a conversation (desk.*: by `id`; others by
// `conversationId`) get the conversation's state: status, priority, assignee, team, labels and the like.
// Not recorded on purpose: an erased customer's details (the log is append-only: erasing must not copy them into it).
const loaders: Record<string, { key: string; load: (db: Db, ws: string, id: string) => Promise<unknown> }> = {
  'routing.updateTeam': { key: 'teamId', load: (db, ws, id) => db.select().from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, ws))).then(first) },
  'routing.updateAgent': {
    key: 'userId',
    load: (db, ws, id) =>
      db
        .select({ role: users.role, maxConcurrentChats: users.maxConcurrentChats, languages: users.languages, skills: users.skills, isActive: users.isActive })
        .from(users)
        .where(and(eq(users.id, id), eq(users.workspaceId, ws)))
        .then(first),
  },
  'sla.savePolicy': { key: 'id', load: (db, ws, id) => db.select().from(slaPolicies).where(and(eq(slaPolicies.id, id), eq(slaPolicies.workspaceId, ws))).then(first) },
  'sla.deletePolicy': { key: 'id', load: (db, ws, id) => db.select().from(slaPolicies).where(and(eq(slaPolicies.id, id), eq(slaPolicies.workspaceId, ws))).then(first) },
  'sla.saveCalendar': { key: 'id', load: (db, ws, id) => db.select().from(businessCalendars).where(and(eq(businessCalendars.id, id), eq(businessCalendars.workspaceId, ws))).then(first) },
  'sla.setTeamCalendar': { key: 'teamId', load: (db, ws, id) => db.select().from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, ws))).then(first) },
  'automation.saveRule': { key: 'id', load: (db, ws, id) => db.select().from(automationRules).where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, ws))).then(first) },
  'automation.setEnabled': { key: 'id', load: (db, ws, id) => db.select().from(automationRules).where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, ws))).then(first) },
  'automation.deleteRule': { key: 'id', load: (db, ws, id) => db.select().from(automationRules).where(and(eq(automationRules.id, id), eq(automationRules.workspaceId, ws))).then(first) },
  'automation.saveMacro': { key: 'id', load: (db, ws, id) => db.select().from(macros).where(and(eq(macros.id, id), eq(macros.workspaceId, ws))).then(first) },
  'automation.deleteMacro': { key: 'id', load: (db, ws, id) => db.select().from(macros).where(and(eq(macros.id, id), eq(macros.workspaceId, ws))).then(first) },
  'tickets.update': { key: 'id', load: (db, ws, id) => ticketState(db, ws, id) },
  'tickets.merge': { key: 'id', load: (db, ws, id) => ticketState(db, ws, id) },
  'tickets.setReminder': { key: 'id', load: (db, ws, id) => ticketState(db, ws, id) },
  'experiments.update': { key: 'id', load: (db, ws, id) => db.select().from(experiments).where(and(eq(experiments.id, id), eq(experiments.workspaceId, ws))).then(first) },
  'experiments.start': { key: 'id', load: (db, ws, id) => db.select({ status: experiments.status }).from(experiments).where(and(eq(experiments.id, id), eq(experiments.workspaceId, ws))).then(first) },
  'experiments.stop': { key: 'id', load: (db, ws, id) => db.select({ status: experiments.status }).from(experiments).where(and(eq(experiments.id, id), eq(experiments.workspaceId, ws))).then(first) },
  'admin.updateWidget': { key: 'widgetId', load: (db, ws, id) => widgetSettings(db, ws, id) },
  'admin.rotateWidgetSecret': { key: 'widgetId', load: (db, ws, id) => db.select({ key: widgets.key }).from(widgets).where(and(eq(widgets.id, id), eq(widgets.workspaceId, ws))).then(first) },
  'admin.renameTeam': { key: 'teamId', load: (db, ws, id) => db.select({ name: teams.name }).from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, ws))).then(first) },
  'admin.deleteTeam': { key: 'teamId', load: (db, ws, id) => db.select().from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, ws))).then(first) },
  'admin.updatePerson': { key: 'userId', load: (db, ws, id) => personState(db, ws, id) },
  'admin.deactivate': { key: 'userId', load: (db, ws, id) => personState(db, ws, id) },
  'admin.reactivate': { key: 'userId', load: (db, ws, id) => personState(db, ws, id) },
  'privacy.setWidgetConsent': {
    key: 'widgetId',
    load: (db, ws, id) =>
      db
        .select({ consentNoticeEn: widgets.consentNoticeEn, consentNoticeBn: widgets.consentNoticeBn, privacyUrl: widgets.privacyUrl })
        .from(widgets)
        .where(and(eq(widgets.id, id), eq(widgets.workspaceId, ws)))
        .then(first),
  },
};

/** A widget's settings, never its identity secret. */
const widgetSettings = (db: Db, ws: string, id: string) => {
  const { identitySecret: _secret, ...cols } = getTableColumns(widgets);
  return db.select(cols).from(widgets).where(and(eq(widgets.id, id), eq(widgets.workspaceId, ws))).then(first);
};

const personState = (db: Db, ws: string, id: string) =>
  db.select({ role: users.role, vendorId: users.vendorId, isActive: users.isActive, name: users.name }).from(users).where(and(eq(users.id, id), eq(users.workspaceId, ws))).then(first);

const workspaceLoaders: Record<string, Loader> = {
  'privacy.setRetention': (db, ws) => db.select({ days: workspaces.retentionDays, action: workspaces.retentionAction }).from(workspaces).where(eq(workspaces.id, ws)).then(first),
};

/** The "before" of a staff mutation for the audit trail; undefined when there is nothing to read (or it failed). */
export async function loadBefore(db: Db, path: string, workspaceId: string, input: unknown): Promise<unknown> {
  if (!input || typeof input !== 'object') return workspaceLoaders[path]?.(db, workspaceId, {}).catch(() => undefined);
  const i = input as Input;
  try {
    if (workspaceLoaders[path]) return await workspaceLoaders[path](db, workspaceId, i);
    const l = loaders[path];
    if (l) {
      const id = idOf(i[l.key]);
      return id ? ((await l.load(db, workspaceId, id)) ?? undefined) : undefined;
    }
    if (path === 'privacy.eraseContact') return undefined;
    // The desk's conversation mutations name the conversation as `id`.
    const conv = idOf(i.conversationId) ?? (path.startsWith('desk.') ? idOf(i.id) : null);
    return conv ? ((await conversation(db, workspaceId, conv)) ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}
