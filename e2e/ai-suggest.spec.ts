import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

test('the agent sees reply suggestions for the customer’s message, Tab inserts one for editing, the customer gets the edited reply; a new message brings suggestions in its language, a click inserts one', async ({
  browser,
  baseURL,
  request,
}) => {
  // The models load on a worker thread while the server starts.
  await expect.poll(async () => ((await (await request.get('/api/health')).json()) as { ai: { status: string } }).ai.status, { timeout: 30_000 }).toBe('ready');

  const agent = await newAgentPage(browser);
  const tag = unique('sug');
  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, `Karim ${tag}`);
  await sendFromWidget(customer.widget, `Hello, my order has not arrived yet. Where is my parcel? ${tag}`);

  await openConversationInDesk(agent.page, tag);
  const chips = agent.page.getByTestId('reply-suggestion');
  await expect(chips.first()).toBeVisible();
  expect(await chips.count()).toBeLessThanOrEqual(3);
  // An English message gets replies in Latin script.
  const first = (await chips.first().getAttribute('title'))!;
  expect(first.length).toBeGreaterThan(0);
  expect(first).not.toMatch(/[\u0980-\u09FF]/);

  // Tab in the empty reply box inserts the first suggestion, for editing: nothing is sent yet.
  const composer = agent.page.getByTestId('composer-input');
  await composer.focus();
  await composer.press('Tab');
  await expect(composer).toHaveValue(first);
  await expect(composer).toBeFocused();
  await composer.press('End');
  await composer.pressSequentially(` (${tag})`);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  // Answered: the suggestions step aside until the customer writes again.
  await expect(chips).toHaveCount(0);

  await expect(widgetMessage(customer.widget, `(${tag})`)).toContainText(first.slice(0, 40));
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: `(${tag})` })).toHaveCount(1);

  // The customer writes again, in Bengali: new suggestions arrive, in Bengali script; a click inserts one.
  await sendFromWidget(customer.widget, `আমার রিফান্ড কবে পাব? টাকা এখনো আসেনি ${tag}`);
  await expect(chips.first()).toBeVisible();
  await expect(chips.first()).toHaveAttribute('title', /[\u0980-\u09FF]/);
  const chosen = chips.nth((await chips.count()) - 1);
  const chosenText = (await chosen.getAttribute('title'))!;
  await chosen.click();
  await expect(composer).toHaveValue(chosenText);
  await expect(composer).toBeFocused();

  await customer.context.close();
  await agent.context.close();
});
