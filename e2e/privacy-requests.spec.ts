import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { newAgentPage, trpc } from './helpers';
import { fillPrechat, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

type Export = { contact: { id: string; name: string | null; phone: string | null }; conversations: { transcript: string; messages: { body: string }[] }[] };

// Privacy requests (issue 6): a customer chats; an admin finds them, downloads everything kept about them, erases
// them; what they said is gone, and nobody but an admin may do it.
test('an admin exports a customer as JSON with transcripts, then erases them for good', async ({ browser, baseURL }) => {
  const name = unique('Privacy Tester');
  const said = unique('amar thikana Road 7 Dhanmondi');
  const shop = await openShopWidget(browser, baseURL!);
  await fillPrechat(shop.widget, name);
  await sendFromWidget(shop.widget, said);
  await expect(widgetMessage(shop.widget, said)).toBeVisible();

  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  await admin.page.goto('/dashboard/privacy');
  await admin.page.getByTestId('privacy-search').fill(name);
  await admin.page.getByRole('button', { name: 'Search' }).click();
  const row = admin.page.getByTestId('privacy-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('+8801711000000');

  // The message is written once delivered; the download then has it, with a readable transcript.
  let data: Export | undefined;
  await expect(async () => {
    const [download] = await Promise.all([admin.page.waitForEvent('download'), row.getByRole('button', { name: 'Export JSON' }).click()]);
    data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '')) as Export;
    expect(data.conversations[0]?.transcript).toContain(`Customer: ${said}`);
  }).toPass({ timeout: 15_000 });
  expect(data!.contact.name).toBe(name);

  await row.getByRole('button', { name: 'Erase…' }).click();
  const dialog = admin.page.getByTestId('erase-dialog');
  await expect(dialog).toContainText(`Erase ${name}?`);
  await expect(dialog.getByRole('button', { name: 'Erase for good' })).toBeDisabled();
  await dialog.getByLabel('Type ERASE to confirm').fill('ERASE');
  await admin.page.screenshot({ path: test.info().outputPath('privacy-erase.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(admin.page.getByTestId('privacy-erased')).toContainText('Erased: 1 conversation(s)');
  await expect(row).toHaveCount(0);

  // What is kept now says nothing about them; the export of the erasure is in the audit log.
  const after = (await trpc<Export>(admin.page, 'privacy.exportContact', { contactId: data!.contact.id })).data;
  expect(after.contact).toMatchObject({ name: null, phone: null });
  expect(JSON.stringify(after)).not.toContain(said);
  expect(after.conversations[0]!.messages.some((m) => m.body === '[removed]')).toBe(true);
  await admin.page.goto('/dashboard/audit');
  await admin.page.getByTestId('audit-action').fill('privacy.');
  await expect(admin.page.getByTestId('audit-row').filter({ hasText: 'privacy.eraseContact' }).filter({ hasText: data!.contact.id })).toBeVisible();

  // A supervisor may not, and sees no link to it.
  const supervisor = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  expect((await trpc(supervisor.page, 'privacy.findContacts', { query: '' })).error?.data.code).toBe('FORBIDDEN');
  await supervisor.page.goto('/dashboard');
  await expect(supervisor.page.getByRole('link', { name: 'Privacy' })).toHaveCount(0);
  await Promise.all([admin.context.close(), supervisor.context.close(), shop.context.close()]);
});

test('an admin sets the widget’s privacy notice: a new customer sees it, with the policy link, until they write', async ({ browser, baseURL }) => {
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  await admin.page.goto('/dashboard/privacy');
  const form = admin.page.getByTestId('consent-demo-shop');
  await form.getByLabel('Notice in English').fill('We keep this chat to answer you and to improve our service.');
  await form.getByLabel('Notice in Bengali').fill('আপনাকে উত্তর দিতে ও সেবা উন্নত করতে আমরা এই চ্যাট সংরক্ষণ করি।');
  await form.getByLabel('Privacy policy link').fill('https://dokanbazar.example/privacy');
  await form.getByRole('button', { name: 'Save notice' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  try {
    const shop = await openShopWidget(browser, baseURL!);
    const notice = shop.widget.getByTestId('widget-consent');
    await expect(notice).toContainText('আপনাকে উত্তর দিতে');
    await expect(notice.getByRole('link', { name: 'গোপনীয়তা নীতি' })).toHaveAttribute('href', 'https://dokanbazar.example/privacy');
    await shop.page.screenshot({ path: test.info().outputPath('widget-consent.png') });
    await fillPrechat(shop.widget, unique('Consent Reader'));
    const said = unique('hello');
    await sendFromWidget(shop.widget, said);
    await expect(widgetMessage(shop.widget, said)).toBeVisible();
    await expect(notice).toHaveCount(0);
    await shop.context.close();
  } finally {
    // The other journeys expect the demo widget as seeded.
    await trpc(admin.page, 'privacy.setWidgetConsent', { widgetId: (await trpc<{ id: string; key: string }[]>(admin.page, 'privacy.widgetConsent', undefined)).data.find((w) => w.key === 'demo-shop')!.id, consentNoticeEn: '', consentNoticeBn: '', privacyUrl: '' }, 'mutation');
    await admin.context.close();
  }
});
