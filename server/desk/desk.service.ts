import { and, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cannedResponses, conversations, labels, teamMembers, teams, users } from '@/db/schema';
import type { StaffActor } from '@/server/auth/auth.service';

/** Read models for the desk's side panels: people, teams, labels, canned responses, supervisor overview. */
export class DeskService {
  constructor(private db: Db) {}

  async getDirectory(actor: StaffActor) {
    const ws = actor.workspaceId;
    const [people, teamRows, members, labelRows] = await Promise.all([
      this.db
        .select({ id: users.id, name: users.name, role: users.role, avatarUrl: users.avatarUrl, presence: users.presence })
        .from(users)
        .where(and(eq(users.workspaceId, ws), inArray(users.role, ['admin', 'supervisor', 'agent']), eq(users.isActive, true)))
        .orderBy(users.name),
      this.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, ws)).orderBy(teams.name),
      this.db
        .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(eq(teams.workspaceId, ws)),
      this.db.select({ name: labels.name, color: labels.color }).from(labels).where(eq(labels.workspaceId, ws)).orderBy(labels.name),
    ]);
    // Vendor staff see who they are talking with, not the operator's org chart.
    if (actor.role === 'vendor') return { agents: [], teams: [], labels: labelRows };
    return {
      agents: people,
      teams: teamRows.map((t) => ({ ...t, memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId) })),
      labels: labelRows,
    };
  }

  async listCannedResponses(actor: StaffActor, search: string) {
    const conds = [eq(cannedResponses.workspaceId, actor.workspaceId)];
    if (search) {
      const like = `%${search.replace(/[%_\\]/g, '\\$&')}%`;
      // Every language of a matching short code, so the composer can insert the customer's language.
      const matching = this.db
        .select({ code: cannedResponses.shortCode })
        .from(cannedResponses)
        .where(and(eq(cannedResponses.workspaceId, actor.workspaceId), or(ilike(cannedResponses.shortCode, like), ilike(cannedResponses.title, like), ilike(cannedResponses.content, like))));
      conds.push(inArray(cannedResponses.shortCode, matching));
    }
    return this.db
      .select({ id: cannedResponses.id, shortCode: cannedResponses.shortCode, title: cannedResponses.title, content: cannedResponses.content, lang: cannedResponses.lang })
      .from(cannedResponses)
      .where(and(...conds))
      .orderBy(cannedResponses.shortCode, cannedResponses.lang)
      .limit(40);
  }

  async getSupervisorOverview(actor: StaffActor) {
    const ws = actor.workspaceId;
    const agents = await this.db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        presence: users.presence,
        presenceChangedAt: users.presenceChangedAt,
        open: sql<number>`(select count(*)::int from ${conversations} c where c.assignee_id = ${users}.id and c.status = 'open')`,
        pending: sql<number>`(select count(*)::int from ${conversations} c where c.assignee_id = ${users}.id and c.status = 'pending')`,
      })
      .from(users)
      .where(and(eq(users.workspaceId, ws), inArray(users.role, ['agent', 'supervisor'])))
      .orderBy(users.name);
    const [queue] = await this.db
      .select({ unassigned: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ws), sql`${conversations.assigneeId} is null`, ne(conversations.status, 'resolved')));
    return {
      agents: agents.map((a) => ({ ...a, presenceChangedAt: a.presenceChangedAt.toISOString(), open: Number(a.open), pending: Number(a.pending) })),
      unassigned: Number(queue?.unassigned ?? 0),
    };
  }
}
