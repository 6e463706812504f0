import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

test('a chat becomes a ticket, found and solved in the ticket queue; an @mention in a note reaches the teammate in the bell and as a browser notification', async ({ browser, baseURL }) => {
  const tag = unique('tk');
  // Staff are online first (a message left while nobody is online would arrive as a ticket by itself).
  const sup = await newAgentPage(browser, 'supervisor@dokanbazar.test');

  // Rahim's desk is in a background tab: notifications also go to the operating system (captured here).
  const rahimContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', baseURL });
  await rahimContext.grantPermissions(['notifications']);
  await rahimContext.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string) {
        shown.push(title);
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
  });
  const rahim = await rahimContext.newPage();
  await rahim.goto('/login');
  await rahim.getByLabel(/email/i).fill('rahim@dokanbazar.test');
  await rahim.getByLabel(/password/i).fill('alap-demo-2026');
  await rahim.getByRole('button', { name: /sign in/i }).click();
  await rahim.waitForURL(/\/desk/);

  const customer = await openShopWidget(browser, baseURL!);
  await fillPrechat(customer.widget, `Sadia ${tag}`);
  await sendFromWidget(customer.widget, `কুরিয়ার পার্সেল দেয়নি, ৩ দিন হয়ে গেল ${tag}`);
  await openConversationInDesk(sup.page, tag);

  // Make it a ticket from the header.
  await sup.page.getByTestId('ticket-create').locator('summary').click();
  await sup.page.getByTestId('ticket-subject').fill(`Parcel not delivered ${tag}`);
  await sup.page.getByTestId('ticket-submit').click();
  const link = sup.page.getByTestId('ticket-link');
  await expect(link).toContainText(/#\d+ · Open/);

  // A private note mentioning Rahim, picked with @.
  await sup.page.getByTestId('compose-note').click();
  const composer = sup.page.getByTestId('composer-input');
  await composer.pressSequentially('Please call the courier @Rah', { delay: 20 });
  await expect(sup.page.getByTestId('mention-list')).toContainText('@Rahim');
  await composer.press('Enter');
  await expect(composer).toHaveValue(/@Rahim \w+ $/);
  await composer.press('Enter');
  await expect(sup.page.getByTestId('desk-message').filter({ hasText: 'Please call the courier' })).toHaveAttribute('data-kind', 'note');

  const bell = rahim.getByTestId('notification-bell');
  await expect(bell).not.toHaveAttribute('data-unread', '0');
  await bell.click();
  await expect(rahim.getByTestId('notification-item').filter({ hasText: 'mentioned you in a note' }).first()).toContainText(`Sadia ${tag}`);
  await expect.poll(() => rahim.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.join('\n'))).toContain('mentioned you in a note');

  // The ticket queue lists it; it is solved there.
  await link.click();
  await expect(sup.page).toHaveURL(/\/desk\/tickets\?t=/);
  const editor = sup.page.getByTestId('ticket-editor');
  await expect(editor).toContainText(`Parcel not delivered ${tag}`);
  await expect(sup.page.getByTestId('ticket-row').filter({ hasText: tag })).toBeVisible();
  await editor.getByTestId('ticket-status').selectOption('solved');
  await expect(sup.page.getByTestId('ticket-row').filter({ hasText: tag })).toHaveCount(0);
  await sup.page.getByTestId('ticket-filter-status').selectOption('solved');
  await expect(sup.page.getByTestId('ticket-row').filter({ hasText: tag })).toBeVisible();

  await customer.context.close();
  await rahimContext.close();
  await sup.context.close();
});
