import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { openConversationInDesk, sendFromWidget, unique, widgetMessage } from './widget-helpers';

// The admin console's widget builder (issue 7): an admin creates a widget routed to a team, sees it in the live
// preview, copies its snippet into a plain HTML page on another website, and a customer's chat through it
// lands in that team.
test('an admin creates a widget, its snippet works on a plain shop page, and the chat lands in the chosen team', async ({ browser }) => {
  test.setTimeout(120_000);
  // The shop: a plain HTML page on a website of its own, holding whatever snippet is pasted into it.
  let pasted = '';
  const shop = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Seller centre</title></head><body><h1>Seller centre</h1>${pasted}</body></html>`);
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  const shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const admin = await newAgentPage(browser, 'admin@dokanbazar.test');
  await admin.page.goto('/admin#widgets');
  await admin.page.getByTestId('new-widget').click();
  const name = unique('Seller centre');
  const editor = admin.page.getByTestId('widget-editor');
  await editor.getByLabel('Name (customers see it in the chat header)').fill(name);
  const greeting = `Welcome, sellers! ${unique('g')}`;
  await editor.getByLabel('Greeting (English)').fill(greeting);
  // Pre-chat: phone only.
  await editor.getByRole('checkbox', { name: 'Name', exact: true }).uncheck();
  await editor.getByRole('checkbox', { name: 'Email', exact: true }).uncheck();
  await editor.getByTestId('widget-team').selectOption({ label: 'Payments & Refunds' });

  // The live preview follows the draft, before anything is saved.
  const preview = admin.page.frameLocator('[data-testid="widget-preview"]');
  await expect(preview.getByText(greeting)).toBeVisible();
  await expect(preview.getByRole('heading', { name })).toBeVisible();
  await admin.page.getByRole('button', { name: 'Pre-chat form' }).click();
  await expect(preview.getByTestId('widget-prechat-phone')).toBeVisible();
  await expect(preview.getByTestId('widget-prechat-name')).toHaveCount(0);

  // A wrong origin is refused with the reason, and nothing is created.
  await editor.getByLabel('Websites allowed to embed it').fill('seller-shop.example/checkout');
  await editor.getByTestId('widget-save').click();
  await expect(editor.getByRole('alert')).toContainText('is not a website address');
  await editor.getByLabel('Websites allowed to embed it').fill(shopOrigin);
  await editor.getByTestId('widget-save').click();

  // The identity secret is shown once; the snippet is ready to copy.
  await expect(admin.page.getByTestId('widget-secret-text')).toHaveText(/^[0-9a-f]{48}$/);
  const snippet = (await admin.page.getByTestId('widget-snippet-text').textContent())!;
  expect(snippet).toMatch(/^<script src="http:\/\/localhost:\d+\/widget\.js" data-widget="w-[A-Za-z0-9_-]+" async><\/script>$/);
  await expect(admin.page.locator(`[data-testid="widget-item"][data-name="${name}"]`)).toBeVisible();
  await admin.page.screenshot({ path: test.info().outputPath('admin-widgets.png'), fullPage: true });

  // A plain HTML page on the shop's own website, with nothing but the snippet.
  const customer = await browser.newContext({ viewport: { width: 390, height: 780 }, locale: 'en-US' });
  const page = await customer.newPage();
  pasted = snippet;
  await page.goto(`${shopOrigin}/`);
  await page.locator('#alap-launcher').click();
  const widget = page.frameLocator('iframe#alap-frame');
  await expect(widget.getByText(greeting)).toBeVisible();
  await widget.getByTestId('widget-prechat-phone').fill('01711000000');
  await widget.getByTestId('widget-prechat-submit').click();
  const tag = unique('payout');
  const question = `When is my payout? ${tag}`;
  await sendFromWidget(widget, question);
  await expect(widgetMessage(widget, question)).toHaveAttribute('data-state', /sent|delivered|read/);

  // In the desk the conversation is in the team the widget routes to.
  await admin.page.goto('/desk');
  await openConversationInDesk(admin.page, tag);
  await expect(admin.page.getByTestId('conversation-item').filter({ hasText: tag })).toContainText('Payments & Refunds');
  await Promise.all([customer.close(), admin.context.close()]);
  shop.close();
});
