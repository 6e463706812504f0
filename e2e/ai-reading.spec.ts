import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('an angry Bengali message shows as negative in the desk, with its intent and language; the health check says AI is ready', async ({ browser, baseURL, request }) => {
  // The models load on a worker thread while the server starts.
  await expect.poll(async () => ((await (await request.get('/api/health')).json()) as { ai: { status: string } }).ai.status, { timeout: 30_000 }).toBe('ready');

  const agent = await newAgentPage(browser);
  const tag = unique('ai');
  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, `রহিমা ${tag}`);
  const angry = `একদম জঘন্য সার্ভিস! পণ্যটা ভাঙা এসেছে, আমার টাকা ফেরত চাই ${tag}`;
  await sendFromWidget(customer.widget, angry);

  await openConversationInDesk(agent.page, tag);
  const message = agent.page.getByTestId('desk-message').filter({ hasText: angry });
  const reading = message.getByTestId('ai-reading');
  await expect(reading).toHaveAttribute('data-sentiment', 'negative');
  await expect(reading).toHaveAttribute('data-intent', /^(order_status|cancel_order|return_refund|payment|account|product_info|other)$/);
  // Bengali script; the test's Latin tag makes it "mixed".
  await expect(reading).toHaveAttribute('data-lang', /^(bn|mixed)$/);
  await expect(reading).toContainText(/Negative|নেতিবাচক/);

  // The customer never sees the reading.
  await expect(customer.widget.getByTestId('ai-reading')).toHaveCount(0);

  await customer.context.close();
  await agent.context.close();
});
