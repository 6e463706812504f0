import { expect, test } from '@playwright/test';
import { type RunningServer, startServer } from './server';

// The first-run wizard (issue 7): a real deployment's empty database (no demo seed) has no admin. The sign-in
// page sends the first visitor to /setup, whose three steps create the workspace, the admin, the first team and
// the first widget, and show its snippet; then the admin signs in to their own desk.
const port = Number(process.env.E2E_SETUP_PORT ?? 3305);
let server: RunningServer;

test.beforeAll(async () => {
  // An embedded database of its own, empty: this journey needs a server nobody has set up.
  server = await startServer({ port, env: { DATABASE_URL: '', SEED_DEMO: 'never', ADMIN_2FA_REQUIRED: 'false', REDIS_URL: '' } });
});
test.afterAll(async () => {
  await server?.stop();
});

test('an empty deployment is set up through the first-run wizard, then its admin signs in', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/login');
  await page.waitForURL(/\/setup$/);
  await expect(page.getByText('Step 1 of 3')).toBeVisible();

  // Each step is checked before the next.
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Name the workspace' })).toBeVisible();
  await page.getByLabel('Workspace name').fill('Haat Bazar');
  await page.getByLabel('Default language').selectOption('bn');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('Step 2 of 3')).toBeVisible();
  await page.getByLabel('Your name').fill('Farhana Akter');
  await page.getByLabel('Email').fill('farhana@haatbazar.test');
  const password = 'mango lantern ferry 1971';
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password again').fill('something else entirely');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The two passwords differ' })).toBeVisible();
  await page.getByLabel('Password again').fill(password);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('Step 3 of 3')).toBeVisible();
  await page.getByLabel('Team name').fill('Customer care');
  await page.getByLabel(/First widget/).fill('Haat Bazar shop');
  await page.getByRole('button', { name: 'Create workspace' }).click();

  await expect(page.getByText('Your workspace is ready')).toBeVisible();
  await expect(page.getByTestId('setup-snippet-text')).toHaveText(new RegExp(`^<script src="${server.url}/widget\\.js" data-widget="w-[A-Za-z0-9_-]+" async></script>$`));
  await expect(page.getByTestId('setup-secret-text')).toHaveText(/^[0-9a-f]{48}$/);
  await page.screenshot({ path: test.info().outputPath('setup-done.png'), fullPage: true });

  // The wizard is gone for good: sign-in now stays on the sign-in page.
  await page.getByTestId('setup-sign-in').click();
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/email/i).fill('farhana@haatbazar.test');
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/desk/);
  // The workspace's name and default language (Bengali) greet the admin, whose browser is English.
  await expect(page.locator('header').getByText('Haat Bazar', { exact: true })).toBeVisible();
  await expect(page.locator('div[lang="bn"]').first()).toBeVisible();
  await page.goto('/setup');
  await page.waitForURL(/\/login$/);
  await context.close();
});
