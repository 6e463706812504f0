import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/contracts/chat';
import { callerFor, createTestApp, seedShop, type Shop, type TestApp } from '@/test/test-app';
import { appRouter } from './root.router';

// Who may call every tRPC procedure, by role. A procedure added without a line here fails the first test, so
// nobody ships an endpoint whose access was never decided. 'anyone': no sign-in needed; 'signed-in': any role.
// Data-level rules (a vendor sees only its own conversations, a workspace only its own rows) are tested per
// service and in e2e/vendor-isolation.spec.ts; this is the role gate in front of them.
const ALL: Role[] = ['admin', 'supervisor', 'agent', 'executive', 'vendor'];
const staffDesk: Role[] = ['admin', 'supervisor', 'agent'];
const readers: Role[] = ['admin', 'supervisor', 'agent', 'executive', 'vendor'];
const writers: Role[] = ['admin', 'supervisor', 'agent', 'vendor'];
const supervisors: Role[] = ['admin', 'supervisor'];
const viewers: Role[] = ['admin', 'supervisor', 'executive'];
const ticketReaders: Role[] = ['admin', 'supervisor', 'agent', 'executive'];

const matrix: Record<string, Role[] | 'anyone' | 'signed-in'> = {
  'auth.signIn': 'anyone',
  'auth.signOut': 'anyone',
  'auth.me': 'signed-in',
  'auth.verifyTotp': 'anyone',
  'auth.startTotpSetup': 'anyone',
  'auth.confirmTotpSetup': 'anyone',
  'account.security': 'signed-in',
  'account.workspace': 'signed-in',
  'setup.status': 'anyone',
  'setup.complete': 'anyone',
  'account.startTotp': 'signed-in',
  'account.confirmTotp': 'signed-in',
  'account.disableTotp': 'signed-in',
  'account.regenerateRecoveryCodes': 'signed-in',
  'account.sessions': 'signed-in',
  'account.revokeSession': 'signed-in',
  'account.revokeOtherSessions': 'signed-in',
  'account.changePassword': 'signed-in',
  'widget.config': 'anyone',
  'widget.session': 'anyone',
  'desk.listConversations': readers,
  'desk.conversation': readers,
  'desk.history': readers,
  'desk.catalogue': writers,
  'desk.sendCard': writers,
  'desk.joinAsPlatform': staffDesk,
  'desk.takeOver': staffDesk,
  'desk.handBack': staffDesk,
  'desk.hideMessage': staffDesk,
  'desk.vendorScorecard': readers,
  'desk.setStatus': writers,
  'desk.setPriority': staffDesk,
  'desk.setLabels': writers,
  'desk.assign': staffDesk,
  'desk.transfer': staffDesk,
  'desk.directory': readers,
  'desk.cannedResponses': writers,
  'desk.suggestReplies': writers,
  'desk.supervisorOverview': supervisors,
  'desk.conversationQuality': viewers,
  'desk.qualityByAgent': viewers,
  'desk.routingDecisions': staffDesk,
  'desk.clearEscalation': supervisors,
  'desk.notifications': staffDesk,
  'desk.markNotificationsRead': staffDesk,
  'routing.settings': supervisors,
  'routing.updateTeam': supervisors,
  'routing.updateAgent': supervisors,
  'sla.settings': supervisors,
  'sla.savePolicy': supervisors,
  'sla.deletePolicy': supervisors,
  'sla.saveCalendar': supervisors,
  'sla.setTeamCalendar': supervisors,
  'sla.clocks': staffDesk,
  'automation.rules': supervisors,
  'automation.saveRule': supervisors,
  'automation.setEnabled': supervisors,
  'automation.deleteRule': supervisors,
  'automation.dryRun': supervisors,
  'automation.runs': staffDesk,
  'automation.macros': staffDesk,
  'automation.saveMacro': supervisors,
  'automation.deleteMacro': supervisors,
  'automation.runMacro': staffDesk,
  'search.find': readers,
  'tickets.list': ticketReaders,
  'tickets.get': ticketReaders,
  'tickets.forConversation': ticketReaders,
  'tickets.create': staffDesk,
  'tickets.update': staffDesk,
  'tickets.merge': staffDesk,
  'tickets.setReminder': staffDesk,
  'analytics.live': viewers,
  'analytics.report': viewers,
  'analytics.drill': viewers,
  'analytics.leaderboard': viewers,
  'analytics.forecast': viewers,
  'analytics.revenue': viewers,
  'analytics.transcriptCsv': ALL,
  'experiments.list': viewers,
  'experiments.widgets': viewers,
  'experiments.get': viewers,
  'experiments.results': viewers,
  'experiments.create': supervisors,
  'experiments.update': supervisors,
  'experiments.start': supervisors,
  'experiments.stop': supervisors,
  'audit.search': ['admin'],
  'audit.exportCsv': ['admin'],
  'audit.verify': ['admin'],
  'admin.people': ['admin'],
  'admin.invite': ['admin'],
  'admin.revokeInvite': ['admin'],
  'admin.updatePerson': ['admin'],
  'admin.deactivate': ['admin'],
  'admin.reactivate': ['admin'],
  'admin.resetPassword': ['admin'],
  'admin.teams': ['admin'],
  'admin.createTeam': ['admin'],
  'admin.renameTeam': ['admin'],
  'admin.setTeamMembers': ['admin'],
  'admin.deleteTeam': ['admin'],
  'admin.widgets': ['admin'],
  'admin.createWidget': ['admin'],
  'admin.updateWidget': ['admin'],
  'admin.rotateWidgetSecret': ['admin'],
  'admin.canned': ['admin', 'supervisor'],
  'admin.saveCanned': ['admin', 'supervisor'],
  'admin.deleteCanned': ['admin', 'supervisor'],
  'admin.labels': ['admin'],
  'admin.saveLabel': ['admin'],
  'admin.deleteLabel': ['admin'],
  'admin.vendors': ['admin'],
  'admin.createVendor': ['admin'],
  'admin.renameVendor': ['admin'],
  'admin.vendorStaff': ['admin'],
  'admin.vendorProducts': ['admin'],
  'admin.importProducts': ['admin'],
  'admin.workspace': ['admin'],
  'admin.updateWorkspace': ['admin'],
  'admin.setLogo': ['admin'],
  'invite.lookup': 'anyone',
  'invite.accept': 'anyone',
  'privacy.findContacts': ['admin'],
  'privacy.exportContact': ['admin'],
  'privacy.eraseContact': ['admin'],
  'privacy.retention': ['admin'],
  'privacy.widgetConsent': ['admin'],
  'privacy.setWidgetConsent': ['admin'],
  'privacy.setRetention': ['admin'],
};

const procedures = (appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures;

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
});
afterAll(() => t?.close());

/** Calls a procedure by path with no input: a gate refuses before the input is read; past it, validation refuses. */
async function outcome(cookie: string | undefined, path: string): Promise<string> {
  const caller = (await callerFor(t.app, cookie)) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [ns, name] = path.split('.') as [string, string];
  try {
    await caller[ns]![name]!(undefined);
    return 'ok';
  } catch (e) {
    return (e as TRPCError).code ?? 'THROWN';
  }
}

describe('authorization matrix (tRPC)', () => {
  it('every procedure has an entry, and every entry names a procedure', () => {
    const known = Object.keys(procedures).sort();
    expect(known.filter((p) => !(p in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((p) => !known.includes(p))).toEqual([]);
  });

  it('each role gets past the gate of exactly the procedures it may call; anonymous callers only the public ones', async () => {
    const people: [Role, string][] = [
      ['admin', shop.admin.cookie],
      ['supervisor', shop.supervisor.cookie],
      ['agent', shop.agent.cookie],
      ['executive', shop.executive.cookie],
      ['vendor', shop.vendorStaffA.cookie],
    ];
    const wrong: string[] = [];
    for (const [path, rule] of Object.entries(matrix)) {
      // Signing out would end the session the other checks use: it is public and checked anonymously only.
      if (path === 'auth.signOut') continue;
      for (const [role, cookie] of people) {
        const allowed = rule === 'anyone' || rule === 'signed-in' || rule.includes(role);
        const got = await outcome(cookie, path);
        const refused = got === 'FORBIDDEN' || got === 'UNAUTHORIZED';
        if (allowed === refused) wrong.push(`${path} as ${role}: ${got}`);
        if (!allowed && got !== 'FORBIDDEN') wrong.push(`${path} as ${role}: ${got}, expected FORBIDDEN`);
      }
      const anon = await outcome(undefined, path);
      if (rule === 'anyone' ? anon === 'UNAUTHORIZED' || anon === 'FORBIDDEN' : anon !== 'UNAUTHORIZED') wrong.push(`${path} anonymously: ${anon}`);
    }
    expect(await outcome(undefined, 'auth.signOut')).toBe('ok');
    expect(wrong).toEqual([]);
  });
});
