import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('on a phone the conversation keeps the screen: the header folds its controls and the top bar its links behind one button each', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, 'supervisor@dokanbazar.test');
  // The list alone fits the screen's width: long previews are cut, nothing scrolls sideways.
  await expect(page.getByTestId('conversation-item').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect((await page.getByRole('navigation', { name: 'Conversations' }).boundingBox())!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('phone-list.png') });
  await page.getByTestId('conversation-item').first().click();
  const region = page.getByRole('region', { name: 'Conversation' });
  const header = region.locator('header').first();
  const toggle = page.getByTestId('conversation-actions-toggle');
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('assignee-select')).toBeHidden();
  await expect(page.getByTestId('resolve-button').or(region.getByRole('button', { name: 'Reopen' }))).toBeHidden();
  // Folded, the header is one short row: well under a sixth of the screen.
  expect((await header.boundingBox())!.height).toBeLessThan(844 / 6);
  await page.screenshot({ path: test.info().outputPath('phone-folded.png') });

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('assignee-select')).toBeVisible();
  await expect(region.getByLabel('Priority')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('phone-open.png') });
  await toggle.click();
  await expect(page.getByTestId('assignee-select')).toBeHidden();

  // The top bar is one line that fits the screen (nothing to scroll sideways): its links fold into a menu.
  const topbar = page.locator('header').first();
  const menu = page.getByTestId('desk-menu-toggle');
  await expect(menu).toBeVisible();
  expect(await topbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  expect((await topbar.boundingBox())!.height).toBeLessThan(60);
  await expect(page.getByTestId('tickets-link')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('tickets-link')).toBeVisible();
  await expect(page.getByTestId('desk-lang-toggle')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('phone-menu.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tickets-link')).toBeHidden();
  // A tap outside closes it too.
  await menu.click();
  await expect(page.getByTestId('tickets-link')).toBeVisible();
  await page.getByRole('log').click({ position: { x: 20, y: 20 } });
  await expect(page.getByTestId('tickets-link')).toBeHidden();

  // A desktop window never folds them.
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(toggle).toBeHidden();
  await expect(menu).toBeHidden();
  await expect(page.getByTestId('tickets-link')).toBeVisible();
  await expect(page.getByTestId('assignee-select')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('desktop.png') });
  await context.close();
});
