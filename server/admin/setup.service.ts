import { randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teamMembers, teams, users, widgets, workspaces } from '@/db/schema';
import { hashPassword } from '@/server/auth/auth.service';
import { passwordProblem, passwordProblemText } from '@/server/auth/password-rules';
import { AppError } from '@/server/core/app-error';
import { fieldCrypto } from '@/server/security/field-crypto';
import { slugOf } from './slug';

export type SetupInput = { setupToken?: string; workspaceName: string; adminName: string; email: string; password: string; teamName: string; widgetName: string; defaultLocale: 'en' | 'bn' };

// Any number: only this process's setup transactions take it, so two browsers finishing at once run one by one.
const SETUP_LOCK = 72_711_001;

/**
 * The first-run wizard of a real deployment: while no active admin exists, anyone who can reach the server may
 * create the workspace, its admin, a first team and a first widget, once (with SETUP_TOKEN set, only whoever
 * holds it). The demo seeds an admin, so it never shows there.
 */
export class SetupService {
  constructor(
    private db: Db,
    private opts: { setupToken?: string } = {},
  ) {}

  /**
   * True on an empty database. A database that has people but no active admin (all deactivated) is taken over
   * only with SETUP_TOKEN set: otherwise anyone reaching the server could claim a workspace with its data.
   */
  async needed(db: Db = this.db) {
    const [row] = await db
      .select({ admins: sql<number>`count(*) filter (where ${users.role} = 'admin' and ${users.isActive})::int`, people: sql<number>`count(*)::int` })
      .from(users);
    if ((row?.admins ?? 0) > 0) return false;
    return (row?.people ?? 0) === 0 || !!this.opts.setupToken;
  }

  status() {
    return this.needed().then((needed) => ({ needed, tokenRequired: needed && !!this.opts.setupToken }));
  }

  async complete(input: SetupInput) {
    if (this.opts.setupToken) {
      const a = Buffer.from(input.setupToken ?? '');
      const b = Buffer.from(this.opts.setupToken);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('FORBIDDEN', 'The setup token is not right (it is the SETUP_TOKEN of this server)');
    }
    const email = input.email.trim().toLowerCase();
    const name = input.adminName.trim();
    const problem = passwordProblem(input.password, { email, name });
    if (problem) throw new AppError('BAD_REQUEST', passwordProblemText[problem], { problem });
    const passwordHash = await hashPassword(input.password);
    const fc = await fieldCrypto(this.db);
    const identitySecret = randomBytes(24).toString('hex');
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
      if (!(await this.needed(tx as unknown as Db))) throw new AppError('CONFLICT', 'This server is already set up; sign in instead');
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
      if (taken) throw new AppError('CONFLICT', 'Someone already has an account with this email');
      // An existing workspace without an admin (every admin deactivated; only with SETUP_TOKEN) is reused.
      let [ws] = await tx.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
      if (ws) await tx.update(workspaces).set({ name: input.workspaceName.trim(), defaultLocale: input.defaultLocale }).where(eq(workspaces.id, ws.id));
      else [ws] = await tx.insert(workspaces).values({ name: input.workspaceName.trim(), slug: `${slugOf(input.workspaceName, 'shop')}-${randomBytes(3).toString('hex')}`, defaultLocale: input.defaultLocale }).returning({ id: workspaces.id });
      const workspaceId = ws!.id;
      const [admin] = await tx.insert(users).values({ workspaceId, email, name, passwordHash, role: 'admin' }).returning({ id: users.id });
      const [team] = await tx
        .insert(teams)
        .values({ workspaceId, name: input.teamName.trim(), slug: `${slugOf(input.teamName, 'team')}-${randomBytes(2).toString('hex')}` })
        .returning({ id: teams.id });
      await tx.insert(teamMembers).values({ teamId: team!.id, userId: admin!.id });
      const [widget] = await tx
        .insert(widgets)
        .values({ workspaceId, key: `w-${randomBytes(9).toString('base64url')}`, name: input.widgetName.trim(), identitySecret: fc.seal(identitySecret)!, defaultTeamId: team!.id, intentRouting: false })
        .returning({ key: widgets.key });
      return { workspaceId, userId: admin!.id, email, widgetKey: widget!.key, identitySecret };
    });
  }
}
