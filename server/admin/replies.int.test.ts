import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestApp, newConversation, seedShop, type Shop, type TestApp, trpcError } from '@/test/test-app';

// The admin console's canned responses (English and Bengali variants of one short code, placeholders) and labels
// (renames and deletes reach the conversations that carry them). Issue 7.
let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await createTestApp();
  shop = await seedShop(t.app, { onlineAgents: 1 });
});
afterAll(() => t?.close());

describe('canned responses', () => {
  it('a supervisor writes one in both languages; the desk gets both variants; rename and delete', async () => {
    const sup = await callerFor(t.app, shop.supervisor.cookie);
    await sup.admin.saveCanned({ shortCode: 'Thanks', title: 'Thank you', contentEn: 'Thank you, {{customer.first_name}}!', contentBn: 'ধন্যবাদ, {{customer.first_name}}!' });
    expect((await sup.admin.canned()).find((c) => c.shortCode === 'thanks')).toMatchObject({ title: 'Thank you', contentEn: 'Thank you, {{customer.first_name}}!', contentBn: 'ধন্যবাদ, {{customer.first_name}}!' });
    const agent = await callerFor(t.app, shop.agent.cookie);
    const rows = (await agent.desk.cannedResponses({ search: 'thanks' })).filter((c) => c.shortCode === 'thanks');
    expect(rows.map((r) => r.lang).sort()).toEqual(['bn', 'en']);

    // Same code again as new: refused; as an edit with the English variant removed and a new code: renamed.
    expect((await trpcError(sup.admin.saveCanned({ shortCode: 'thanks', title: 'x', contentEn: 'x', contentBn: null }))).code).toBe('CONFLICT');
    await sup.admin.saveCanned({ originalShortCode: 'thanks', shortCode: 'dhonnobad', title: 'Thank you', contentEn: null, contentBn: 'ধন্যবাদ!' });
    const list = await sup.admin.canned();
    expect(list.some((c) => c.shortCode === 'thanks')).toBe(false);
    expect(list.find((c) => c.shortCode === 'dhonnobad')).toMatchObject({ contentEn: null, contentBn: 'ধন্যবাদ!' });
    await sup.admin.deleteCanned({ shortCode: 'dhonnobad' });
    expect((await sup.admin.canned()).some((c) => c.shortCode === 'dhonnobad')).toBe(false);
    expect((await trpcError(sup.admin.deleteCanned({ shortCode: 'dhonnobad' }))).code).toBe('NOT_FOUND');
  });

  it('refuses unknown placeholders, empty replies and bad short codes with the reason; agents cannot manage them', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    const cases = [
      [{ shortCode: 'order', title: 'Order', contentEn: 'Order {{order.number}} ships today', contentBn: null }, /Unknown placeholder \{\{order\.number\}\}/],
      [{ shortCode: 'empty', title: 'Empty', contentEn: '  ', contentBn: null }, /English, Bengali or both/],
      [{ shortCode: 'has space', title: 'x', contentEn: 'x', contentBn: null }, /short code/],
    ] as const;
    for (const [input, reason] of cases) {
      const e = await trpcError(admin.admin.saveCanned(input));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toMatch(reason);
    }
    expect((await admin.admin.canned()).some((c) => ['order', 'empty'].includes(c.shortCode))).toBe(false);
    for (const cookie of [shop.agent.cookie, shop.vendorStaffA.cookie, shop.executive.cookie]) {
      expect((await trpcError((await callerFor(t.app, cookie)).admin.saveCanned({ shortCode: 'x', title: 'x', contentEn: 'x', contentBn: null }))).code).toBe('FORBIDDEN');
    }
    // Another workspace's canned response is not reachable.
    const other = await seedShop(t.app);
    await (await callerFor(t.app, other.admin.cookie)).admin.saveCanned({ shortCode: 'theirs', title: 'Theirs', contentEn: 'theirs', contentBn: null });
    expect((await trpcError(admin.admin.deleteCanned({ shortCode: 'theirs' }))).code).toBe('NOT_FOUND');
    expect((await admin.admin.canned()).some((c) => c.shortCode === 'theirs')).toBe(false);
  });
});

describe('labels', () => {
  it('a rename reaches the conversations that carry the label; a delete takes it off them; names are unique', async () => {
    const admin = await callerFor(t.app, shop.admin.cookie);
    await admin.admin.saveLabel({ name: 'late-delivery', color: '#dc2626' });
    expect((await trpcError(admin.admin.saveLabel({ name: 'Late-Delivery', color: '#dc2626' }))).code).toBe('CONFLICT');
    const { conversation } = await newConversation(t.app, shop.widget.key);
    await admin.desk.setLabels({ id: conversation.id, labels: ['late-delivery', 'vip'] });
    expect((await admin.admin.labels()).find((l) => l.name === 'late-delivery')!.conversations).toBe(1);

    // A rule that looks for the label and one that adds it.
    const rule = await admin.automation.saveRule({
      rule: { name: 'Late and VIP', enabled: true, trigger: 'message_created', match: 'all', conditions: [{ field: 'labels', op: 'contains', value: 'late-delivery, vip' }], actions: [{ type: 'add_labels', labels: ['late-delivery', 'vip'] }] },
    });
    const ruleOf = async () => (await admin.automation.rules()).find((r) => r.id === (rule as { id: string }).id)!;

    await admin.admin.saveLabel({ originalName: 'late-delivery', name: 'delivery-late', color: '#ea580c' });
    expect((await admin.desk.conversation({ id: conversation.id })).conversation.labels).toEqual(['delivery-late', 'vip']);
    expect(await ruleOf()).toMatchObject({ conditions: [{ value: 'delivery-late, vip' }], actions: [{ type: 'add_labels', labels: ['delivery-late', 'vip'] }] });
    expect((await admin.admin.labels()).find((l) => l.name === 'delivery-late')).toMatchObject({ color: '#ea580c', conversations: 1 });

    await admin.admin.deleteLabel({ name: 'delivery-late' });
    expect((await admin.desk.conversation({ id: conversation.id })).conversation.labels).toEqual(['vip']);
    expect((await ruleOf()).actions).toEqual([{ type: 'add_labels', labels: ['vip'] }]);
    expect((await trpcError(admin.admin.saveLabel({ name: 'x', color: 'orange' }))).code).toBe('BAD_REQUEST');
    expect((await trpcError((await callerFor(t.app, shop.supervisor.cookie)).admin.saveLabel({ name: 'nope', color: '#000000' }))).code).toBe('FORBIDDEN');
  });
});
