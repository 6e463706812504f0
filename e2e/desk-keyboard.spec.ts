import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';

test('the desk works from the keyboard: help overlay, moving through conversations, reply focus, views', async ({ browser }) => {
  const { context, page } = await newAgentPage(browser, 'tanvir@dokanbazar.test');
  await expect(page.getByTestId('conversation-item').first()).toBeVisible();

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('Assign to me');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);

  // j opens the first conversation, j again the second, k goes back.
  const items = page.getByTestId('conversation-item');
  const first = await items.nth(0).getAttribute('data-conversation-id');
  const second = await items.nth(1).getAttribute('data-conversation-id');
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`c=${first}`));
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`c=${second}`));
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`c=${first}`));

  // r focuses the reply box; typing there does not trigger shortcuts; Esc leaves it.
  await expect(page.getByTestId('message-log')).toBeVisible();
  await page.keyboard.press('r');
  await expect(page.getByTestId('composer-input')).toBeFocused();
  await page.keyboard.type('jk');
  await expect(page).toHaveURL(new RegExp(`c=${first}`));
  await expect(page.getByTestId('composer-input')).toHaveValue('jk');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('composer-input')).not.toBeFocused();

  // 2 switches to "Mine".
  await page.keyboard.press('2');
  await expect(page.getByTestId('view-mine')).toHaveAttribute('aria-selected', 'true');
  await context.close();
});
