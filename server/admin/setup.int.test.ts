import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamMembers, users, widgets, workspaces } from '@/db/schema';
import { SetupService } from './setup.service';
import { signIdentity } from '@/server/auth/auth.service';
import { callerFor, createTestApp, newConversation, type TestApp, trpcError } from '@/test/test-app';

// The first-run wizard (issue 7) on an empty database: once, while no admin exists; then sign in works, and the
// first widget's chats reach the first team.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ emptyDatabase: true });
});
afterAll(() => t?.close());

const input = {
  workspaceName: 'Haat Bazar',
  defaultLocale: 'bn' as const,
  adminName: 'Farhana Akter',
  email: 'Farhana@HaatBazar.test',
  password: 'mango lantern ferry 1971',
  teamName: 'Customer care',
  widgetName: 'Main shop',
};

describe('first-run setup', () => {
  it('creates the workspace, its admin, a team and a widget once; afterwards it is refused', async () => {
    const anyone = await callerFor(t.app);
    expect(await anyone.setup.status()).toEqual({ needed: true, tokenRequired: false });
    expect((await trpcError(anyone.setup.complete({ ...input, password: 'password1234' }))).message).toMatch(/common|guess/i);

    const done = await anyone.setup.complete(input);
    expect(done.email).toBe('farhana@haatbazar.test');
    expect(await anyone.setup.status()).toEqual({ needed: false, tokenRequired: false });
    expect((await trpcError(anyone.setup.complete({ ...input, email: 'second@haatbazar.test' }))).code).toBe('CONFLICT');

    // The admin signs in (two-factor is not required in tests), and the first widget routes to the first team.
    const signed = await anyone.auth.signIn({ email: input.email, password: input.password });
    expect(signed).toMatchObject({ step: 'done', role: 'admin' });
    const [admin] = await t.app.db.select().from(users).where(eq(users.email, done.email));
    expect(admin).toMatchObject({ role: 'admin', name: 'Farhana Akter' });
    const [member] = await t.app.db.select().from(teamMembers).where(eq(teamMembers.userId, admin!.id));
    const { conversation } = await newConversation(t.app, done.widgetKey);
    expect(conversation.teamId).toBe(member!.teamId);
    const [w] = await t.app.db.select().from(widgets).where(eq(widgets.key, done.widgetKey));
    expect(w!.identitySecret).not.toContain(done.identitySecret);
    expect((await t.app.widget.openSession(done.widgetKey, { identity: { id: 'c1', hash: signIdentity(done.identitySecret, 'c1') } })).identityVerified).toBe(true);
  });

  it('a workspace whose admins are all deactivated is not claimable, except with SETUP_TOKEN', async () => {
    await t.app.db.update(users).set({ isActive: false }).where(eq(users.role, 'admin'));
    const anyone = await callerFor(t.app);
    expect(await anyone.setup.status()).toEqual({ needed: false, tokenRequired: false });
    expect((await trpcError(anyone.setup.complete({ ...input, email: 'thief@example.com' }))).code).toBe('CONFLICT');

    const withToken = new SetupService(t.app.db, { setupToken: 'tok-0123456789' });
    expect(await withToken.status()).toEqual({ needed: true, tokenRequired: true });
    await expect(withToken.complete({ ...input, email: 'thief@example.com', setupToken: 'wrong' })).rejects.toThrow(/setup token/);
    const back = await withToken.complete({ ...input, email: 'owner@haatbazar.test', setupToken: 'tok-0123456789' });
    // The same workspace, recovered: no second one.
    expect((await t.app.db.select().from(workspaces)).map((w) => w.id)).toEqual([back.workspaceId]);
  });
});
