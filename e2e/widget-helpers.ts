import { type Browser, expect, type FrameLocator, type Page } from '@playwright/test';

export async function openShopWidget(browser: Browser, baseURL: string, opts: { locale?: string } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: opts.locale ?? 'bn-BD', baseURL });
  const page = await context.newPage();
  await page.goto('/demo-shop.html');
  await page.locator('#alap-launcher').click();
  const widget = page.frameLocator('iframe#alap-frame');
  return { context, page, widget };
}

export async function fillPrechat(widget: FrameLocator, name: string) {
  await widget.getByTestId('widget-prechat-name').fill(name);
  await widget.getByTestId('widget-prechat-phone').fill('+8801711000000');
  await widget.getByTestId('widget-prechat-submit').click();
}

export async function sendFromWidget(widget: FrameLocator, text: string) {
  const input = widget.getByTestId('widget-input');
  await input.fill(text);
  await input.press('Enter');
}

export function widgetMessage(widget: FrameLocator, text: string) {
  return widget.getByTestId('widget-message').filter({ hasText: text });
}

export async function openConversationInDesk(page: Page, text: string) {
  const item = page.getByTestId('conversation-item').filter({ hasText: text });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page.getByTestId('desk-message').filter({ hasText: text })).toBeVisible();
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
