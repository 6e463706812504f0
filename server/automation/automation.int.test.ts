import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automationRuns, conversations, messages, notifications, routingDecisions } from '@/db/schema';
import { seedTeam } from '@/db/seed/factories';
import type { RuleInput } from '@/lib/contracts/automation';
import { callerFor, cid, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

let t: TestApp;
let shop: Shop;
let payments: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app);
  payments = await seedTeam(t.app.db, shop.ws.id, 'Payments');
});
afterAll(() => t?.close());

const rowOf = async (id: string) => (await t.app.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const runsOf = (id: string) => t.app.db.select().from(automationRuns).where(eq(automationRuns.conversationId, id));

const refundRule = (): RuleInput => ({
  name: 'Refunds to Payments',
  enabled: true,
  trigger: 'message_created',
  match: 'all',
  conditions: [{ field: 'text', op: 'contains', value: 'refund, ফেরত, ferot' }],
  actions: [
    { type: 'assign_team', teamId: payments.id },
    { type: 'add_labels', labels: ['refund'] },
    { type: 'set_priority', priority: 'high' },
  ],
});

async function customerWrites(body: string) {
  const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
  await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body });
  await t.app.writer.drain();
  await t.app.automation.idle();
  return { visitor, conversation, row: await rowOf(conversation.id) };
}

describe('automation rules', () => {
  it('a refund message is labelled, raised to high and routed to Payments, with the rule named in the routing history', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const rule = await sup.automation.saveRule({ rule: refundRule() });

    const { conversation, row } = await customerWrites('আমার টাকা ফেরত চাই, পণ্যটা ভাঙা');
    expect(row.teamId).toBe(payments.id);
    expect(row.labels).toContain('refund');
    expect(row.priority).toBe('high');
    const decisions = await t.app.db.select().from(routingDecisions).where(eq(routingDecisions.conversationId, conversation.id));
    const auto = decisions.find((d) => d.source === 'automation');
    expect(auto?.reason).toContain('Refunds to Payments');
    expect(auto?.teamId).toBe(payments.id);
    const runs = await runsOf(conversation.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.actions).toEqual(['assign_team', 'add_labels', 'set_priority']);
    expect((await sup.automation.rules()).find((r) => r.id === rule.id)?.runCount).toBe(1);

    // Banglish matches too; an unrelated message does nothing.
    expect((await customerWrites('taka ferot chai')).row.teamId).toBe(payments.id);
    const other = await customerWrites('অর্ডার কবে আসবে?');
    expect(other.row.teamId).toBe(shop.team.id);
    expect(other.row.labels).not.toContain('refund');
    expect(await runsOf(other.conversation.id)).toHaveLength(0);

    // Disabled: it stops running.
    await sup.automation.setEnabled({ id: rule.id, enabled: false });
    expect((await customerWrites('refund please')).row.teamId).toBe(shop.team.id);
    await sup.automation.deleteRule({ id: rule.id });
  });

  it('agent replies and notes never trigger message rules; an auto-reply reaches the customer once, without looping', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const rule = await sup.automation.saveRule({
      rule: {
        name: 'Any message: reply',
        enabled: true,
        trigger: 'message_created',
        match: 'all',
        conditions: [],
        actions: [{ type: 'send_reply', body: 'ধন্যবাদ, আমরা শিগগিরই উত্তর দেব।' }, { type: 'add_note', body: 'auto-reply sent' }],
      },
    });
    const { visitor, conversation } = await customerWrites('hello');
    await t.app.chat.sendMessage(shop.agent.actor, { conversationId: conversation.id, clientId: cid(), body: 'agent reply' });
    await t.app.writer.drain();
    await t.app.automation.idle();
    const rows = await t.app.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(rows.filter((m) => m.senderType === 'system' && m.kind === 'text').map((m) => m.body)).toEqual(['ধন্যবাদ, আমরা শিগগিরই উত্তর দেব।']);
    expect(rows.filter((m) => m.kind === 'note')).toHaveLength(1);
    expect(await runsOf(conversation.id)).toHaveLength(1);
    // The customer sees the reply, not the note; an auto-reply is not the first response of an agent.
    const seen = await t.app.chat.syncMessages(visitor.actor, conversation.id, 0);
    expect(seen.messages.map((m) => m.body)).toContain('ধন্যবাদ, আমরা শিগগিরই উত্তর দেব।');
    expect(seen.messages.map((m) => m.body)).not.toContain('auto-reply sent');
    await sup.automation.deleteRule({ id: rule.id });
  });

  it('a resolve rule runs once per resolution, however often the resolved conversation changes', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const rule = await sup.automation.saveRule({
      rule: { name: 'Tag resolved', enabled: true, trigger: 'conversation_resolved', match: 'all', conditions: [], actions: [{ type: 'add_labels', labels: ['closed'] }] },
    });
    const { conversation } = await customerWrites('hi');
    await t.app.chat.setStatus(shop.agent.actor, conversation.id, 'resolved');
    await t.app.automation.idle();
    await t.app.chat.setPriority(shop.agent.actor, conversation.id, 'low');
    await t.app.automation.idle();
    expect((await rowOf(conversation.id)).labels).toContain('closed');
    expect(await runsOf(conversation.id)).toHaveLength(1);
    await sup.automation.deleteRule({ id: rule.id });
  });

  it('dry run shows which recent conversations a draft rule would match, and changes nothing', async () => {
    const { conversation } = await customerWrites('ami refund chai dry-run-check');
    const before = await rowOf(conversation.id);
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const result = await sup.automation.dryRun({ ...refundRule(), conditions: [{ field: 'text', op: 'contains', value: 'dry-run-check' }] });
    expect(result.checked).toBeGreaterThan(0);
    expect(result.matched.map((m) => m.conversationId)).toEqual([conversation.id]);
    expect(await rowOf(conversation.id)).toEqual(before);
    expect(await runsOf(conversation.id)).toHaveLength(0);
  });

  it('only supervisors and admins edit rules; another workspace’s teams and rules are out of reach; bad rules are refused', async () => {
    for (const who of [shop.agent, shop.vendorStaffA, shop.executive]) {
      expect((await trpcError((await callerFor(t.app, who.cookie)).automation.saveRule({ rule: refundRule() }))).code).toBe('FORBIDDEN');
    }
    const other = await seedShop(t.app);
    const otherAdmin = await callerFor(t.app, other.admin.cookie);
    // A team id of this workspace, used from the other one.
    expect((await trpcError(otherAdmin.automation.saveRule({ rule: refundRule() }))).code).toBe('BAD_REQUEST');
    const admin = await callerFor(t.app, shop.admin.cookie);
    const mine = await admin.automation.saveRule({ rule: { ...refundRule(), enabled: false } });
    expect((await trpcError(otherAdmin.automation.deleteRule({ id: mine.id }))).code).toBe('NOT_FOUND');
    expect((await trpcError(otherAdmin.automation.setEnabled({ id: mine.id, enabled: true }))).code).toBe('NOT_FOUND');
    expect((await otherAdmin.automation.rules()).map((r) => r.id)).not.toContain(mine.id);
    const bad = await trpcError(admin.automation.saveRule({ rule: { ...refundRule(), conditions: [{ field: 'text', op: 'equals', value: 'x' }] } }));
    expect(bad.code).toBe('BAD_REQUEST');
    await admin.automation.deleteRule({ id: mine.id });
  });

  it('a macro runs its steps as the agent; vendors cannot run macros; macros of another workspace are NOT_FOUND', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const macro = await sup.automation.saveMacro({
      macro: { name: 'Wrong item', actions: [{ type: 'add_labels', labels: ['wrong-item'] }, { type: 'send_reply', body: 'দুঃখিত! আমরা বদলে দিচ্ছি।' }, { type: 'resolve' }] },
    });
    expect((await trpcError(sup.automation.saveMacro({ macro: { name: 'bad', actions: [{ type: 'resolve' }, { type: 'add_labels', labels: ['x'] }] } }))).code).toBe('BAD_REQUEST');
    const { conversation } = await customerWrites('wrong colour arrived');
    const agent = await callerFor(t.app, shop.agent.cookie);
    expect((await agent.automation.macros()).map((m) => m.name)).toContain('Wrong item');
    const after = await agent.automation.runMacro({ id: macro.id, conversationId: conversation.id });
    expect(after.status).toBe('resolved');
    expect(after.labels).toContain('wrong-item');
    const replies = await t.app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.senderType, 'agent')));
    expect(replies.map((m) => [m.body, m.senderId])).toEqual([['দুঃখিত! আমরা বদলে দিচ্ছি।', shop.agent.id]]);

    expect((await trpcError((await callerFor(t.app, shop.vendorStaffA.cookie)).automation.runMacro({ id: macro.id, conversationId: conversation.id }))).code).toBe('FORBIDDEN');
    const other = await seedShop(t.app);
    const o = await newConversation(t.app, other.widget.key);
    expect((await trpcError((await callerFor(t.app, other.agent.cookie)).automation.runMacro({ id: macro.id, conversationId: o.conversation.id }))).code).toBe('NOT_FOUND');
  });

  it('rules on the models’ reading run once the message is read: intent return_refund routes to an agent and notifies the supervisors', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const rule = await sup.automation.saveRule({
      rule: {
        name: 'Refund intent',
        enabled: true,
        trigger: 'message_created',
        match: 'all',
        conditions: [{ field: 'intent', op: 'equals', value: 'return_refund' }],
        actions: [
          { type: 'assign_agent', userId: shop.agent.id },
          { type: 'notify', to: 'supervisors', body: 'Refund asked' },
        ],
      },
    });
    const { visitor, conversation } = await newConversation(t.app, shop.widget.key);
    const m = await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'I want my money back' });
    await t.app.writer.drain();
    await t.app.automation.idle();
    // Not read yet: nothing happened.
    expect((await rowOf(conversation.id)).assigneeId).toBeNull();
    const reading = { lang: 'en' as const, sentiment: 'neutral' as const, sentimentScores: { negative: 0.1, neutral: 0.8, positive: 0.1 }, intent: 'return_refund' as const, intentConfidence: 0.9 };
    await t.app.chat.recordAnnotations([{ workspaceId: shop.ws.id, vendorId: null, messageId: m.id, conversationId: conversation.id, annotation: reading }]);
    await t.app.automation.idle();
    expect((await rowOf(conversation.id)).assigneeId).toBe(shop.agent.id);
    const told = await t.app.db.select().from(notifications).where(and(eq(notifications.conversationId, conversation.id), eq(notifications.kind, 'automation')));
    expect(told.map((n) => n.userId)).toContain(shop.supervisor.id);
    expect(told[0]).toMatchObject({ body: 'Refund asked', title: expect.stringContaining('Refund intent') });
    // Another message read as something else: no second run.
    const other = await customerWrites('where is my order');
    expect(other.row.assigneeId).toBeNull();
    await sup.automation.deleteRule({ id: rule.id });
  });

  it('an assignment by a person triggers assigned rules; an assignment by a rule does not', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const onAssigned = await sup.automation.saveRule({
      rule: { name: 'Tag assigned', enabled: true, trigger: 'conversation_assigned', match: 'all', conditions: [], actions: [{ type: 'add_labels', labels: ['taken'] }] },
    });
    const { conversation } = await customerWrites('hello there');
    await t.app.chat.assign(shop.supervisor.actor, conversation.id, shop.agent.id);
    await t.app.automation.idle();
    expect((await rowOf(conversation.id)).labels).toContain('taken');
    expect(await runsOf(conversation.id)).toHaveLength(1);

    const byRule = await sup.automation.saveRule({
      rule: { name: 'Route all', enabled: true, trigger: 'message_created', match: 'all', conditions: [{ field: 'text', op: 'contains', value: 'route-me' }], actions: [{ type: 'assign_agent', userId: shop.supervisor.id }] },
    });
    const routed = await customerWrites('please route-me');
    await t.app.automation.idle();
    expect(routed.row.assigneeId).toBe(shop.supervisor.id);
    expect(routed.row.labels).not.toContain('taken');
    await sup.automation.deleteRule({ id: onAssigned.id });
    await sup.automation.deleteRule({ id: byRule.id });
  });

  it('an SLA warning triggers sla_warning rules', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    const rule = await sup.automation.saveRule({
      rule: { name: 'Hurry', enabled: true, trigger: 'sla_warning', match: 'all', conditions: [], actions: [{ type: 'set_priority', priority: 'urgent' }] },
    });
    const { conversation } = await customerWrites('waiting');
    const summary = await t.app.chat.toSummary((await t.app.chat.getConversationForFanout(conversation.id))!);
    t.app.bus.emit('sla.warning', { workspaceId: shop.ws.id, conversation: summary, kind: 'first_response' });
    await t.app.automation.idle();
    expect((await rowOf(conversation.id)).priority).toBe('urgent');
    await sup.automation.deleteRule({ id: rule.id });
  });

  it('refuses a rule assigning to someone who cannot take conversations', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    for (const who of [shop.vendorStaffA.id, shop.executive.id]) {
      const e = await trpcError(sup.automation.saveRule({ rule: { ...refundRule(), actions: [{ type: 'assign_agent', userId: who }] } }));
      expect(e.code).toBe('BAD_REQUEST');
    }
  });

  it('an idle rule runs once per quiet spell on open conversations, and again after a new message goes quiet', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    expect((await trpcError(sup.automation.saveRule({ rule: { ...refundRule(), trigger: 'conversation_idle', conditions: [] } }))).code).toBe('BAD_REQUEST');
    const rule = await sup.automation.saveRule({
      rule: { name: 'Nudge', enabled: true, trigger: 'conversation_idle', idleMinutes: 30, match: 'all', conditions: [], actions: [{ type: 'add_labels', labels: ['quiet'] }, { type: 'send_reply', body: 'Are you still there?' }] },
    });
    const { visitor, conversation } = await customerWrites('hello?');
    const later = new Date(Date.now() + 31 * 60_000);
    await t.app.automation.sweepIdle(later);
    await t.app.automation.idle();
    expect((await rowOf(conversation.id)).labels).toContain('quiet');
    await t.app.automation.sweepIdle(new Date(later.getTime() + 60 * 60_000));
    await t.app.automation.idle();
    expect(await runsOf(conversation.id)).toHaveLength(1);
    // The customer answers; that spell ends; once quiet again the rule runs again.
    await t.app.chat.sendMessage(visitor.actor, { conversationId: conversation.id, clientId: cid(), body: 'yes, still here' });
    await t.app.writer.drain();
    await t.app.automation.sweepIdle(new Date(Date.now() + 31 * 60_000));
    await t.app.automation.idle();
    expect(await runsOf(conversation.id)).toHaveLength(2);
    // Resolved conversations are never idle.
    const done = await customerWrites('bye');
    await t.app.chat.setStatus(shop.agent.actor, done.conversation.id, 'resolved');
    await t.app.automation.sweepIdle(new Date(Date.now() + 31 * 60_000));
    await t.app.automation.idle();
    expect(await runsOf(done.conversation.id)).toHaveLength(0);
    await sup.automation.deleteRule({ id: rule.id });
  });
});
