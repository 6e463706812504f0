import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('a supervisor builds a refund rule in the UI and dry-runs it; a refund message is then labelled, raised and routed to Payments with the rule as reason', async ({ browser, baseURL }) => {
  const tag = unique('rf');
  const sup = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  const page = sup.page;
  await page.goto('/desk/supervisor');
  const settings = page.getByTestId('automation-settings');
  await settings.scrollIntoViewIfNeeded();
  // The demo ships a refund rule switched off.
  await expect(settings.getByTestId('automation-rule').filter({ hasText: 'Refunds to Payments' })).toBeVisible();

  await settings.getByTestId('automation-new-rule').click();
  const editor = settings.getByTestId('rule-editor');
  await editor.getByTestId('rule-name').fill(`Refund rule ${tag}`);
  await editor.getByTestId('rule-trigger').selectOption('message_created');
  // Text contains a refund word (Bengali, English, Banglish) and, so that this journey touches only its own
  // conversation on the shared demo server, the tag.
  await editor.getByTestId('rule-add-condition').click();
  await editor.getByTestId('rule-condition-value').nth(0).fill('ফেরত, refund, ferot');
  await editor.getByTestId('rule-add-condition').click();
  await editor.getByTestId('rule-condition-value').nth(1).fill(tag);

  const actions = editor.getByTestId('rule-action');
  await actions.nth(0).getByTestId('rule-action-type').selectOption('assign_team');
  await actions.nth(0).getByTestId('rule-action-team').selectOption({ label: 'Payments & Refunds' });
  await editor.getByTestId('rule-add-action').click();
  await actions.nth(1).getByTestId('rule-action-labels').fill('refund');
  await editor.getByTestId('rule-add-action').click();
  await actions.nth(2).getByTestId('rule-action-type').selectOption('set_priority');
  await actions.nth(2).getByTestId('rule-action-priority').selectOption('high');

  // Dry run before saving: nothing recent carries the tag yet.
  await editor.getByTestId('rule-dry-run').click();
  await expect(editor.getByTestId('dry-run-result')).toContainText(/Would match 0 of the \d+ latest conversations/);
  await editor.getByTestId('rule-save').click();
  const row = settings.getByTestId('automation-rule').filter({ hasText: `Refund rule ${tag}` });
  await expect(row).toBeVisible();
  const rules = await trpc<{ id: string; name: string }[]>(page, 'automation.rules', undefined);
  const ruleId = rules.data.find((r) => r.name === `Refund rule ${tag}`)!.id;

  try {
    const customer = await openShopWidget(browser, baseURL!);
    await fillPrechat(customer.widget, `Rina ${tag}`);
    // A calm Banglish question (an angry one would also be escalated, raising the priority past high).
    await sendFromWidget(customer.widget, `order ta cancel korechi, taka ferot kobe pabo? ${tag}`);

    await page.goto('/desk');
    await openConversationInDesk(page, tag);
    const region = page.getByRole('region', { name: 'Conversation' });
    await expect(region.locator('[data-testid="conversation-label"][data-label="refund"]')).toBeVisible();
    await expect(region.getByLabel('Priority')).toHaveValue('high');
    await expect(region.getByLabel('Team', { exact: true }).locator('option:checked')).toHaveText('Payments & Refunds');
    const decision = page.locator('[data-testid="routing-decision"][data-source="automation"]');
    await expect(decision.first()).toContainText(`Automation rule “Refund rule ${tag}”: routed to Payments & Refunds`);

    // The rule counts its run; a dry run now finds the conversation.
    await page.goto('/desk/supervisor');
    await expect(settings.getByTestId('automation-rule').filter({ hasText: `Refund rule ${tag}` }).getByTestId('automation-rule-runs')).toHaveText('1');
    await customer.context.close();
  } finally {
    await trpc(page, 'automation.deleteRule', { id: ruleId }, 'mutation');
    await sup.context.close();
  }
});
