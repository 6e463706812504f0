import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

// Canned responses in the admin console (issue 7): a supervisor writes one in English and Bengali with
// placeholders; in the composer, "/" + its code inserts the Bengali variant for a Bengali-speaking customer,
// with the customer's and the agent's names filled in.
test('a supervisor adds a canned response in both languages; the composer inserts the customer’s language, filled in', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const sup = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  await sup.page.getByTestId('admin-link').click();
  await sup.page.waitForURL(/\/admin#replies$/);
  // Supervisors see canned responses only: no people, teams, widgets or labels.
  await expect(sup.page.getByTestId('admin-tab-people')).toHaveCount(0);
  await expect(sup.page.getByTestId('labels-section')).toHaveCount(0);

  const code = unique('shipped').toLowerCase();
  const form = sup.page.getByRole('form', { name: 'New canned response' });
  await form.getByLabel('Short code').fill(code);
  await form.getByLabel('Title').fill('Order shipped');
  await form.getByLabel('Reply in English').fill('Hi {{customer.first_name}}, your order has shipped. — {{agent.first_name}}');
  await form.getByLabel('Reply in Bengali').fill('{{customer.first_name}}, আপনার অর্ডার {{order.number}} পাঠানো হয়েছে।');
  await form.getByRole('button', { name: 'Add canned response' }).click();
  // An unknown placeholder is refused with the reason, before anything is saved.
  await expect(form.getByRole('alert')).toContainText('{{order.number}} is not a placeholder');
  await form.getByLabel('Reply in Bengali').fill('{{customer.first_name}}, আপনার অর্ডার পাঠানো হয়েছে। — {{agent.first_name}}');
  await expect(form.getByText('For example: Hi Nusrat, your order has shipped. — Rahim')).toBeVisible();
  await form.getByRole('button', { name: 'Add canned response' }).click();
  await expect(sup.page.locator(`[data-testid="canned-item"][data-code="${code}"]`)).toBeVisible();

  // A customer writing from a Bengali browser.
  const customer = await openShopWidget(browser, baseURL!);
  const tag = unique('c');
  await fillPrechat(customer.widget, `সুমাইয়া আক্তার ${tag}`);
  await sendFromWidget(customer.widget, `আমার অর্ডার কোথায়? ${tag}`);
  await sup.page.goto('/desk');
  await openConversationInDesk(sup.page, tag);
  const composer = sup.page.getByTestId('composer-input');
  await composer.fill(`/${code}`);
  await expect(sup.page.getByTestId('canned-list')).toContainText(`/${code}`);
  await composer.press('Enter');
  await expect(composer).toHaveValue('সুমাইয়া, আপনার অর্ডার পাঠানো হয়েছে। — Nusrat');
  await Promise.all([customer.context.close(), sup.context.close()]);
});
