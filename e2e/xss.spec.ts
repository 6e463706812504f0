import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

test('script and onerror payloads sent from the widget show as text in the desk and the widget, and never run', async ({ browser, baseURL }) => {
  const agent = await newAgentPage(browser);
  const tag = unique('xss');
  const customer = await openShopWidget(browser, baseURL!);
  // Any payload that runs sets a flag on the window it ran in.
  for (const page of [agent.page, customer.page]) {
    await page.addInitScript(() => {
      (window as unknown as { __pwned?: number }).__pwned = 0;
    });
  }
  const dialogs: string[] = [];
  agent.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  customer.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await fillPrechat(customer.widget, `<img src=x onerror="window.top.__pwned=1;alert(1)"> ${tag}`);
  const payloads = [
    `<script>window.top.__pwned=2;alert(2)</script> ${tag}`,
    `<img src=x onerror="window.top.__pwned=3;alert(3)"> ${tag}`,
    `<a href="javascript:window.top.__pwned=4">click</a> ${tag}`,
    `[link](javascript:alert(5)) ${tag}`,
  ];
  for (const p of payloads) await sendFromWidget(customer.widget, p);
  await expect(widgetMessage(customer.widget, payloads[3]!)).toBeVisible();

  const item = agent.page.getByTestId('conversation-item').filter({ hasText: tag }).first();
  await expect(item).toBeVisible();
  await item.click();
  for (const p of payloads) await expect(agent.page.getByTestId('desk-message').filter({ hasText: p })).toBeVisible();
  // The text is shown as text: no element was made from it, in the desk or in the widget.
  await expect(agent.page.locator('[data-testid="desk-message"] img[src="x"], [data-testid="desk-message"] script')).toHaveCount(0);
  await expect(customer.widget.locator('[data-testid="widget-message"] img[src="x"], [data-testid="widget-message"] script')).toHaveCount(0);
  await expect(agent.page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(customer.widget.locator('a[href^="javascript:"]')).toHaveCount(0);
  // The conversation list and preview too (the customer's name holds a payload).
  await expect(agent.page.getByTestId('conversation-item').filter({ hasText: tag }).first()).toBeVisible();

  await agent.page.waitForTimeout(500);
  expect(await agent.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(await customer.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
  expect(dialogs).toEqual([]);
  await customer.context.close();
  await agent.context.close();
});
