import { expect, test } from '@playwright/test';
import { newAgentPage, signIn } from './helpers';
import { fillPrechat, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

// A Bengali word nobody has written before: the search must find this customer's message and nothing else.
function uniqueBengaliWord() {
  const letters = [...'কখগঘচছজঝটঠডঢতথদধনপফবভমযরলশসহ'];
  return Array.from({ length: 7 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

test('an agent finds a customer’s Bengali message by one word and opens the conversation from the result', async ({ browser, baseURL }) => {
  const word = uniqueBengaliWord();
  const name = `নাসরিন ${unique('s')}`;
  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, name);
  const message = `আমার ${word} পার্সেলটা ফেরত দিতে চাই`;
  await sendFromWidget(customer.widget, message);
  await expect(widgetMessage(customer.widget, message)).toHaveAttribute('data-state', /sent|delivered|read/);

  const agent = await newAgentPage(browser);
  const { page } = agent;
  // "/" focuses the search box (nothing else has focus), once the desk is on screen.
  const box = page.getByTestId('desk-search-input');
  await expect(box).toBeVisible();
  await expect(page.getByTestId('conversation-item').first()).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await box.pressSequentially(word.slice(0, 5), { delay: 30 });
  await box.fill(word);

  const result = page.getByTestId('desk-search-result').filter({ hasText: word });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(name);
  // The matched word is marked, as text.
  await expect(result.locator('mark')).toHaveText(word);
  await expect(page.getByTestId('desk-search-status-line')).toHaveText(/1 result/);

  await result.click();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  await expect(page.getByTestId('desk-message').filter({ hasText: message })).toBeVisible();
  await expect(page.getByTestId('desk-search-panel')).toBeHidden();

  // Ctrl+K brings the search back; a filter that excludes it (resolved only) empties the results.
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await expect(result).toHaveCount(1);
  await page.getByTestId('desk-search-status').selectOption('resolved');
  await expect(page.getByTestId('desk-search-status-line')).toHaveText('Nothing found.');
  await expect(result).toHaveCount(0);

  await agent.context.close();
  await customer.context.close();
});

test('on a phone the results take the screen width and open the conversation', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, 'supervisor@dokanbazar.test');
  const box = page.getByTestId('desk-search-input');
  await box.tap();
  await box.fill('ferot');
  const panel = page.getByTestId('desk-search-panel');
  await expect(panel).toBeVisible();
  const first = page.getByTestId('desk-search-result').first();
  await expect(first).toBeVisible();
  const rect = (await panel.boundingBox())!;
  expect(rect.x).toBeLessThanOrEqual(1);
  expect(rect.width).toBeGreaterThanOrEqual(388);
  expect((await first.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.screenshot({ path: test.info().outputPath('phone-search.png') });
  await first.tap();
  await expect(page).toHaveURL(/[?&]c=[0-9a-f-]{36}/);
  await expect(page.getByRole('region', { name: 'Conversation' })).toBeVisible();
  await context.close();
});
