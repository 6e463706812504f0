import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('after the agent resolves, the customer rates the conversation in the widget; the desk shows the rating live', async ({ browser, baseURL }) => {
  const agent = await newAgentPage(browser);
  const tag = unique('csat');
  const customer = await openShopWidget(browser, baseURL!);
  const { widget } = customer;

  await fillPrechat(widget, `সুমি ${tag}`);
  await sendFromWidget(widget, `আমার রিটার্ন কবে হবে? ${tag}`);
  await openConversationInDesk(agent.page, tag);
  await agent.page.getByTestId('resolve-button').click();

  // The widget asks for a rating once resolved.
  const form = widget.getByTestId('widget-csat');
  await expect(form).toBeVisible();
  await expect(form.getByRole('radio')).toHaveCount(5);
  await form.locator('label').nth(3).click();
  await form.getByRole('textbox').fill('দ্রুত উত্তর পেয়েছি, ধন্যবাদ');
  await form.getByRole('button').click();
  await expect(widget.getByTestId('widget-csat-done')).toContainText('৪');

  // The agent sees it without a reload: four stars and the comment.
  const panel = agent.page.getByTestId('csat-panel');
  await expect(panel).toContainText('4/5');
  await expect(panel).toContainText('দ্রুত উত্তর পেয়েছি');

  // After a reload the widget remembers the rating instead of asking again.
  await customer.page.reload();
  await customer.page.locator('#alap-launcher').click();
  await expect(widget.getByTestId('widget-csat-done')).toBeVisible();

  await customer.context.close();
  await agent.context.close();
});
