import { expect, test } from '@playwright/test';
import { newAgentPage } from './helpers';
import { fillPrechat, openConversationInDesk, sendFromWidget, unique, widgetMessage } from './widget-helpers';

test('a buyer asks about a seller’s product; the seller answers with a product card; the platform joins, replies and hides an abusive message', async ({ browser, baseURL }) => {
  const tag = unique('vd');
  // The buyer, on the shop: "Ask about this product" on Rangdhanu's Jamdani saree.
  const buyerContext = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'bn-BD', baseURL });
  const buyer = await buyerContext.newPage();
  await buyer.goto('/demo-shop.html');
  await buyer.waitForFunction(() => 'Alap' in window);
  await buyer.locator('[data-ask="0"]').click();
  const widget = buyer.frameLocator('iframe#alap-frame');
  await fillPrechat(widget, `Mitu ${tag}`);
  await sendFromWidget(widget, `এই শাড়িটার সুতি ভার্সন আছে? ${tag}`);

  // The seller's inbox gets it (it is their product) and answers with a card from their catalogue.
  const seller = await newAgentPage(browser, 'owner@rangdhanu.test');
  await expect(seller.page).toHaveURL(/\/vendor/);
  await openConversationInDesk(seller.page, tag);
  await seller.page.getByTestId('card-picker').locator('summary').click();
  await seller.page.getByTestId('card-search').fill('Tangail');
  await seller.page.getByTestId('card-product').first().click();
  await expect(seller.page.locator('[data-testid="message-card"][data-sku="RD-SAR-001"]')).toBeVisible();

  // The buyer sees the card: title and price in taka.
  const card = widget.locator('[data-testid="message-card"][data-sku="RD-SAR-001"]');
  await expect(card).toBeVisible();
  await expect(card).toContainText('৳');

  // The platform joins as a third party: buyer and seller both see it; the platform's reply reaches both.
  const platform = await newAgentPage(browser, 'supervisor@dokanbazar.test');
  await openConversationInDesk(platform.page, tag);
  await platform.page.getByTestId('platform-join').click();
  await expect(platform.page.getByTestId('platform-bar')).toContainText(/platform support has joined/);
  await expect(seller.page.getByTestId('desk-event').filter({ hasText: 'joined the conversation' })).toBeVisible();
  await expect(widget.getByTestId('widget-message').filter({ hasText: 'joined the conversation' })).toBeVisible();
  const reply = `Dokan Bazar here: the seller ships within 2 days ${tag}`;
  const composer = platform.page.getByTestId('composer-input');
  await composer.fill(reply);
  await composer.press('Enter');
  await expect(widgetMessage(widget, reply)).toBeVisible();
  await expect(seller.page.getByTestId('desk-message').filter({ hasText: reply })).toBeVisible();

  // An abusive message from the buyer: the platform hides it (reason kept); buyer and seller see a placeholder.
  const abusive = `তোরা সব চোর ${tag}`;
  await sendFromWidget(widget, abusive);
  const inPlatform = platform.page.getByTestId('desk-message').filter({ hasText: abusive });
  await expect(inPlatform).toBeVisible();
  platform.page.once('dialog', (d) => void d.accept('Abusive language'));
  await inPlatform.getByTestId('hide-message').click();
  await expect(inPlatform.getByTestId('hidden-message')).toContainText('Abusive language');
  await expect(widget.getByTestId('widget-hidden')).toBeVisible();
  await expect(widgetMessage(widget, abusive)).toHaveCount(0);
  await expect(seller.page.getByTestId('desk-message').filter({ hasText: abusive })).toHaveCount(0);
  await expect(seller.page.getByTestId('hidden-message')).toBeVisible();

  await buyerContext.close();
  await seller.context.close();
  await platform.context.close();
});
