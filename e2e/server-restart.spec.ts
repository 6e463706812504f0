import { expect, test } from '@playwright/test';
import { startServer } from './server';
import { fillPrechat, openConversationInDesk, openShopWidget, sendFromWidget, unique, widgetMessage } from './widget-helpers';

const port = Number(process.env.E2E_RESTART_PORT ?? 3301);
const base = `http://localhost:${port}`;

test('the server restarts mid-conversation: history intact, both sides reconnect by themselves', async ({ browser }) => {
  test.setTimeout(180_000);
  let server = await startServer({ port });
  const dataDir = server.dataDir;
  try {
    const agentCtx = await browser.newContext({ baseURL: base, viewport: { width: 1400, height: 900 } });
    const agentPage = await agentCtx.newPage();
    await agentPage.goto('/login');
    await agentPage.getByLabel(/email/i).fill('farhana@dokanbazar.test');
    await agentPage.getByLabel(/password/i).fill('alap-demo-2026');
    await agentPage.getByRole('button', { name: /sign in/i }).click();
    await agentPage.waitForURL(/desk/);
    const agent = { page: agentPage };

    const tag = unique('rs');
    const customer = await openShopWidget(browser, base);
    const { widget } = customer;
    await fillPrechat(widget, `Restart ${tag}`);
    await sendFromWidget(widget, `before restart ${tag}`);
    await openConversationInDesk(agent.page, tag);
    await agent.page.getByTestId('composer-input').fill(`agent before restart ${tag}`);
    await agent.page.getByTestId('composer-input').press('Enter');
    await expect(widgetMessage(widget, `agent before restart ${tag}`)).toBeVisible();

    // Hard stop, as a crash or a kill -9 would: the next start must recover the embedded database.
    await server.stop('SIGKILL');
    await expect(widget.getByTestId('widget-offline-banner')).toBeVisible({ timeout: 30_000 });
    server = await startServer({ port, dataDir });

    // Both sides reconnect without a reload and keep talking.
    await sendFromWidget(widget, `after restart ${tag}`);
    await expect(widgetMessage(widget, `after restart ${tag}`)).toHaveAttribute('data-state', /sent|delivered|read/, { timeout: 60_000 });
    await expect(agent.page.getByTestId('desk-message').filter({ hasText: `after restart ${tag}` })).toBeVisible({ timeout: 30_000 });
    await agent.page.getByTestId('composer-input').fill(`agent after restart ${tag}`);
    await agent.page.getByTestId('composer-input').press('Enter');
    await expect(widgetMessage(widget, `agent after restart ${tag}`)).toBeVisible({ timeout: 30_000 });

    // History survived: a fresh load of the desk shows the whole conversation once.
    await agent.page.reload();
    for (const t of [`before restart ${tag}`, `agent before restart ${tag}`, `after restart ${tag}`, `agent after restart ${tag}`]) {
      await expect(agent.page.getByTestId('desk-message').filter({ has: agent.page.getByText(t, { exact: true }) })).toHaveCount(1);
    }
    await customer.context.close();
    await agentCtx.close();
  } finally {
    await server.stop();
  }
});
