import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('an order question is routed to Orders & Delivery with its reason; an angry follow-up escalates and the supervisor is told live', async ({ browser, baseURL, request }) => {
  await expect.poll(async () => ((await (await request.get('/api/health')).json()) as { ai: { status: string } }).ai.status, { timeout: 30_000 }).toBe('ready');

  const supervisor = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  const tag = unique('esc');
  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, `Karim ${tag}`);
  await sendFromWidget(customer.widget, 'amar order ta kothay? 5 din hoye gelo delivery pai nai');
  await sendFromWidget(customer.widget, 'জঘন্য সার্ভিস! আপনারা প্রতারক, পণ্য ভাঙা এসেছে, এখনই টাকা ফেরত দিন নাহলে মামলা করব');

  // The supervisor hears of it without reloading: the bell counts it and lists it with the reason.
  const bell = supervisor.page.getByTestId('notification-bell');
  await expect(bell).not.toHaveAttribute('data-unread', '0');
  await bell.click();
  // (The supervisor may also hear that routing gave them the conversation: that is another notification.)
  const item = supervisor.page.getByTestId('notification-item').filter({ hasText: tag }).filter({ hasText: /Escalated/ });
  await expect(item).toContainText(/Escalated: Karim/);
  await expect(item).toContainText(/Sharply negative|Sentiment worsening/);
  await item.click();

  // The conversation opens flagged, priority raised, with the routing decision and its reason.
  await expect(supervisor.page.getByTestId('escalation-banner')).toBeVisible();
  await expect(supervisor.page.getByRole('region', { name: 'Conversation' }).getByLabel('Priority')).toHaveValue(/high|urgent/);
  await expect(supervisor.page.getByTestId('sentiment-trend')).toHaveAttribute('data-points', '2');
  const aiDecision = supervisor.page.locator('[data-testid="routing-decision"][data-source="ai"]');
  await expect(aiDecision.first()).toContainText('Orders & Delivery');
  await expect(aiDecision.first()).toContainText(/Intent order_status \(\d+% confident\)/);
  const item2 = supervisor.page.getByTestId('conversation-item').filter({ hasText: tag });
  await expect(item2.getByTestId('escalated-flag')).toBeVisible();

  // A Bengali desk reads the same reasons in Bengali (stored as codes, not only as English text).
  await supervisor.page.getByTestId('desk-lang-toggle').click();
  await expect(supervisor.page.getByTestId('escalation-banner')).toContainText(/তীব্র নেতিবাচক বার্তা|মনোভাব খারাপের দিকে/);
  await expect(aiDecision.first()).toContainText(/উদ্দেশ্য „অর্ডারের অবস্থা” \([০-৯]+% নিশ্চিত\)/);
  await supervisor.page.getByTestId('notification-bell').click();
  await expect(supervisor.page.getByTestId('notification-item').filter({ hasText: tag }).filter({ hasText: /এস্কেলেশন/ })).toContainText(/এস্কেলেশন: Karim/);
  await supervisor.page.getByTestId('notification-bell').click();
  await supervisor.page.getByTestId('desk-lang-toggle').click();

  // Marked handled by the supervisor: the flag goes, live.
  await supervisor.page.getByTestId('clear-escalation').click();
  await expect(supervisor.page.getByTestId('escalation-banner')).toHaveCount(0);
  await expect(item2.getByTestId('escalated-flag')).toHaveCount(0);

  await customer.context.close();
  await supervisor.context.close();
});
