import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'alap-demo-2026';

export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(/email|ইমেইল/i).fill(email);
  await page.getByLabel(/password|পাসওয়ার্ড/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|সাইন ইন/i }).click();
  await page.waitForURL(/\/(desk|vendor|dashboard)/);
}

export async function newAgentPage(browser: Browser, email = 'rahim@dokanbazar.test'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** Calls a tRPC procedure from the page's browser context, with its cookie. */
export async function trpc<T = unknown>(page: Page, path: string, input: unknown, kind: 'query' | 'mutation' = 'query') {
  const res =
    kind === 'query'
      ? await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await res.json();
  return { status: res.status(), data: body?.result?.data?.json as T, error: body?.error?.json as { message: string; data: { code: string } } | undefined };
}

export async function expectVisible(page: Page, text: string | RegExp) {
  await expect(page.getByText(text).first()).toBeVisible();
}
