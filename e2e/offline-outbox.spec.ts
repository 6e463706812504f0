import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

test('messages written offline are kept, sent on reconnect, and arrive exactly once, in order', async ({ browser, baseURL }) => {
  const agent = await newAgentPage(browser);
  const tag = unique('off');
  const customer = await openShopWidget(browser, baseURL!);
  const { widget } = customer;
  await fillPrechat(widget, `Offline ${tag}`);
  await sendFromWidget(widget, `first online ${tag}`);
  await expect(widgetMessage(widget, `first online ${tag}`)).toHaveAttribute('data-state', /sent|delivered|read/);
  await openConversationInDesk(agent.page, tag);

  await customer.context.setOffline(true);
  await expect(widget.getByTestId('widget-offline-banner')).toBeVisible();
  const texts = [1, 2, 3].map((i) => `offline ${i} অফলাইন ${tag}`);
  for (const t of texts) await sendFromWidget(widget, t);
  for (const t of texts) await expect(widgetMessage(widget, t)).toHaveAttribute('data-state', 'sending');
  // Nothing reached the desk while offline.
  await agent.page.waitForTimeout(1500);
  await expect(agent.page.getByTestId('desk-message').filter({ hasText: 'offline 1' })).toHaveCount(0);

  await customer.context.setOffline(false);
  for (const t of texts) await expect(widgetMessage(widget, t)).toHaveAttribute('data-state', /sent|delivered|read/, { timeout: 30_000 });

  // The desk shows each exactly once, in the order written.
  const desk = agent.page.getByTestId('desk-message');
  for (const t of texts) await expect(desk.filter({ hasText: t })).toHaveCount(1);
  const bodies = await desk.allInnerTexts();
  const positions = texts.map((t) => bodies.findIndex((b) => b.includes(t)));
  expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);

  // And the database holds each once.
  const id = new URL(agent.page.url()).searchParams.get('c')!;
  const history = await trpc<{ messages: { body: string }[] }>(agent.page, 'desk.history', { conversationId: id, limit: 100 });
  for (const t of texts) expect(history.data.messages.filter((m) => m.body === t)).toHaveLength(1);
  const order = texts.map((t) => history.data.messages.findIndex((m) => m.body === t));
  expect(order).toEqual([...order].sort((a, b) => a - b));

  // A reload of the widget still shows them (local cache + server history), once each.
  await customer.page.reload();
  await customer.page.locator('#alap-launcher').click();
  for (const t of texts) await expect(widgetMessage(customer.page.frameLocator('iframe#alap-frame'), t)).toHaveCount(1);

  await customer.context.close();
  await agent.context.close();
});
