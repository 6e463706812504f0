import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique } from './widget-helpers';

// A label recoloured, renamed or deleted in the admin console reaches open desks at once: the open conversation's
// labels (with their colours) and the label filter change without a reload.
test('an open desk follows a label recolour, rename and delete made elsewhere, without reloading', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const customer = await openShopWidget(browser, baseURL!);
  const tag = unique('lbl');
  await fillPrechat(customer.widget, `Rafiq ${tag}`);
  await sendFromWidget(customer.widget, `parcel broken ${tag}`);

  const desk = await newAgentPage(browser, 'admin@dokanbazar.test');
  await desk.page.goto('/desk');
  await openConversationInDesk(desk.page, tag);
  const conversationId = new URL(desk.page.url()).searchParams.get('c')!;
  const before = unique('damaged');
  const after = unique('broken-parcel');
  expect((await trpc(desk.page, 'admin.saveLabel', { name: before, color: '#dc2626' }, 'mutation')).status).toBe(200);
  expect((await trpc(desk.page, 'desk.setLabels', { id: conversationId, labels: [before] }, 'mutation')).status).toBe(200);
  const chip = (name: string) => desk.page.locator(`[data-testid="conversation-label"][data-label="${name}"]`);
  await expect(chip(before)).toBeVisible();
  await expect(chip(before).getByTestId('label-dot')).toHaveCSS('background-color', 'rgb(220, 38, 38)');
  // The conversation's row in the list carries it too.
  const listChip = (name: string) => desk.page.locator(`[data-testid="conversation-item"][data-conversation-id="${conversationId}"] [data-testid="list-label"][data-label="${name}"]`);
  await expect(listChip(before).getByTestId('label-dot')).toHaveCSS('background-color', 'rgb(220, 38, 38)');

  // A new colour alone reaches the open desk too.
  expect((await trpc(desk.page, 'admin.saveLabel', { originalName: before, name: before, color: '#2563eb' }, 'mutation')).status).toBe(200);
  await expect(chip(before).getByTestId('label-dot')).toHaveCSS('background-color', 'rgb(37, 99, 235)');
  await expect(listChip(before).getByTestId('label-dot')).toHaveCSS('background-color', 'rgb(37, 99, 235)');

  // Another admin (here the same one, through the API) renames it: the desk shows the new name and offers it
  // in the label filter.
  expect((await trpc(desk.page, 'admin.saveLabel', { originalName: before, name: after, color: '#dc2626' }, 'mutation')).status).toBe(200);
  await expect(desk.page.locator(`[data-testid="conversation-label"][data-label="${after}"]`)).toBeVisible();
  await expect(desk.page.locator(`[data-testid="conversation-label"][data-label="${before}"]`)).toHaveCount(0);
  await expect(listChip(after)).toBeVisible();
  await expect(desk.page.getByRole('combobox', { name: 'Label' }).locator(`option[value="${after}"]`)).toHaveCount(1);

  expect((await trpc(desk.page, 'admin.deleteLabel', { name: after }, 'mutation')).status).toBe(200);
  await expect(desk.page.locator(`[data-testid="conversation-label"][data-label="${after}"]`)).toHaveCount(0);
  await Promise.all([customer.context.close(), desk.context.close()]);
});
