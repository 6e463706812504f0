import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('resolving a conversation gives the supervisor its quality score with the reasons; an agent does not see it', async ({ browser, baseURL }) => {
  const supervisor = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  const tag = unique('quality');
  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, `Nusrat ${tag}`);
  await sendFromWidget(customer.widget, `Where is my order? ${tag}`);

  await openConversationInDesk(supervisor.page, tag);
  const composer = supervisor.page.getByTestId('composer-input');
  const reply = `Hello Nusrat, your order arrives tomorrow. ${tag}`;
  await composer.fill(reply);
  await composer.press('Enter');
  await expect(supervisor.page.getByTestId('desk-message').filter({ hasText: reply })).toBeVisible();
  // Open conversations have no score yet.
  await expect(supervisor.page.getByTestId('quality-section')).toHaveCount(0);

  await supervisor.page.getByTestId('resolve-button').click();
  const score = supervisor.page.getByTestId('quality-score');
  await expect(score).toBeVisible();
  await expect(score).toHaveAttribute('data-score', /^\d{1,3}$/);
  const reasons = supervisor.page.getByTestId('quality-reason');
  await expect(reasons).toHaveCount(10);
  // Answered within seconds, greeted by name: those parts are full.
  await expect(reasons.and(supervisor.page.locator('[data-key="first_response"]'))).toContainText(/First response time\s*25\/25/);
  await expect(reasons.and(supervisor.page.locator('[data-key="greeting"]'))).toContainText('5/5');

  // An agent opening the same conversation sees no quality section.
  const url = new URL(supervisor.page.url());
  const agent = await newAgentPage(browser);
  await agent.page.goto(`/desk?c=${url.searchParams.get('c')}`);
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: reply })).toBeVisible();
  await expect(agent.page.getByTestId('side-panel')).toBeVisible();
  await expect(agent.page.getByTestId('quality-section')).toHaveCount(0);

  await customer.context.close();
  await agent.context.close();
  await supervisor.context.close();
});
