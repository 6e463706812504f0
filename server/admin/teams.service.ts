import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, teamMembers, teams, users, widgets } from '@/db/schema';
import { AppError } from '@/server/core/app-error';
import { freeSlug } from './slug';

/**
 * Teams for the admin console: create, rename, members, delete. Routing settings (strategy, reassign, overflow)
 * and business hours stay with routing.updateTeam and sla.setTeamCalendar, which the console calls too.
 */
export class TeamsService {
  constructor(private db: Db) {}

  async list(workspaceId: string) {
    return this.db
      .select({
        id: teams.id,
        name: teams.name,
        routingStrategy: teams.routingStrategy,
        calendarId: teams.calendarId,
        // Written out: inside a subquery a bare "id" would be the subquery's own table's.
        memberIds: sql<string[]>`coalesce((select array_agg(tm.user_id::text) from team_members tm where tm.team_id = "teams"."id"), '{}')`,
        openConversations: sql<number>`(select count(*)::int from conversations c where c.team_id = "teams"."id" and c.status in ('open', 'pending', 'snoozed'))`,
      })
      .from(teams)
      .where(eq(teams.workspaceId, workspaceId))
      .orderBy(asc(teams.name));
  }

  async create(workspaceId: string, name: string) {
    const clean = name.trim();
    await this.assertNameFree(workspaceId, clean, null);
    const taken = (await this.db.select({ slug: teams.slug }).from(teams).where(eq(teams.workspaceId, workspaceId))).map((t) => t.slug);
    const slug = freeSlug(clean, 'team', taken);
    const [row] = await this.db.insert(teams).values({ workspaceId, name: clean, slug }).returning({ id: teams.id });
    return { id: row!.id };
  }

  async rename(workspaceId: string, id: string, name: string) {
    await this.team(workspaceId, id);
    await this.assertNameFree(workspaceId, name.trim(), id);
    await this.db.update(teams).set({ name: name.trim() }).where(eq(teams.id, id));
  }

  /** The team's members: staff of this workspace who take conversations (not vendor staff, not executives). */
  async setMembers(workspaceId: string, id: string, userIds: string[]) {
    await this.team(workspaceId, id);
    const ids = [...new Set(userIds)];
    if (ids.length) {
      const ok = await this.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, ids), inArray(users.role, ['admin', 'supervisor', 'agent'])));
      if (ok.length !== ids.length) throw new AppError('BAD_REQUEST', 'Only admins, supervisors and agents of this workspace can be team members');
    }
    await this.db.transaction(async (tx) => {
      await tx.delete(teamMembers).where(eq(teamMembers.teamId, id));
      if (ids.length) await tx.insert(teamMembers).values(ids.map((userId) => ({ teamId: id, userId })));
    });
  }

  /** Only an empty team that no widget routes to: its conversations and widgets would otherwise lose their team. */
  async remove(workspaceId: string, id: string) {
    await this.team(workspaceId, id);
    const [open] = await this.db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(and(eq(conversations.teamId, id), inArray(conversations.status, ['open', 'pending', 'snoozed'])));
    if (Number(open?.n ?? 0) > 0) throw new AppError('CONFLICT', `This team has ${open!.n} open conversation(s): transfer them first`);
    const [w] = await this.db.select({ name: widgets.name }).from(widgets).where(eq(widgets.defaultTeamId, id));
    if (w) throw new AppError('CONFLICT', `The widget "${w.name}" routes to this team: choose another team for it first`);
    await this.db.delete(teams).where(eq(teams.id, id));
  }

  private async team(workspaceId: string, id: string) {
    const [t] = await this.db.select().from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, workspaceId)));
    if (!t) throw new AppError('NOT_FOUND', 'No such team');
    return t;
  }

  private async assertNameFree(workspaceId: string, name: string, except: string | null) {
    const [dup] = await this.db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = ${name.toLowerCase()}`, except ? ne(teams.id, except) : undefined));
    if (dup) throw new AppError('CONFLICT', 'A team with this name already exists');
  }
}
