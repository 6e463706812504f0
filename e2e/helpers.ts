import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { DEMO_ADMIN_TOTP_SECRET } from '../db/seed/demo-secrets';
import { totpCode } from '../server/auth/totp';

export const DEMO_PASSWORD = 'alap-demo-2026';

const HOME = /\/(desk|vendor|dashboard|account)/;

/** Signs in through the form; the demo admin's second step gets the current code of its published TOTP secret. */
export async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(/email|ইমেইল/i).fill(email);
  await page.getByLabel(/password|পাসওয়ার্ড/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|সাইন ইন/i }).click();
  const code = page.getByLabel(/^(code|কোড)$/i);
  await Promise.race([page.waitForURL(HOME), code.waitFor()]);
  if (!HOME.test(new URL(page.url()).pathname)) await enterTotp(page, DEMO_ADMIN_TOTP_SECRET);
  await page.waitForURL(HOME);
}

/**
 * Enters the current code of a TOTP secret at the second step. A code signs in once: when this step's code was
 * used already (two sign-ins within 30 s), it waits for the next one.
 */
export async function enterTotp(page: Page, secret: string) {
  const code = page.getByLabel(/^(code|কোড)$/i);
  for (let attempt = 0; attempt < 3; attempt++) {
    await code.fill(totpCode(secret));
    await page.getByRole('button', { name: /^(verify|turn on|যাচাই করুন|চালু করুন)$/i }).click();
    const reused = page.getByRole('alert').filter({ hasText: /just used/ });
    await Promise.race([page.waitForURL(HOME), reused.waitFor(), page.getByTestId('recovery-codes').waitFor()]);
    if (!(await reused.isVisible())) return;
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
  }
  throw new Error('no TOTP code was accepted');
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
